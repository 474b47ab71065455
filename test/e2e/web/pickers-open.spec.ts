// Pickers at scale and the Open dialog of browser mode, on a size-M generated project
// (bench/generator.ts: 2,000 users, ~10,000 Things) served from a real SQLite file: the Ask
// caller is found by typing among 2,000 users (type-to-search combobox, virtualised list), and the
// Open dialog opens a bundled demo read-only and a project found by path completion.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateModel } from '../../../bench/generator';
import { loadModelText } from '../../../main/api/model-file';
import { openProject } from '../../../main/store';
import type { Model } from '../../../shared/model/types';
import { expect, test } from '../fixtures';

const dir = mkdtempSync(path.join(os.tmpdir(), 'permsim-e2e-pickers-'));
const projectPath = path.join(dir, 'generated-M.permsim');
const plantPath = path.join(dir, 'plant.permsim');

function writeProject(file: string, model: Model): void {
  const store = openProject(file, { create: true, model });
  if (!store.ok) throw new Error(store.error.message);
  store.value.close();
}

test.use({ serveProject: projectPath });

test.beforeAll(() => {
  writeProject(projectPath, generateModel('M', 42));
  const demo = path.resolve('assets/demos/sensor-datastream.yaml');
  const plant = loadModelText(readFileSync(demo, 'utf8'), demo);
  if (!plant.ok) throw new Error(plant.error.message);
  writeProject(plantPath, { ...plant.value, name: 'Plant copy' });
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('size M: the Ask caller is picked by typing; the Open dialog opens a demo and a project by path completion', async ({
  app,
  page,
}) => {
  // Opening a size-M project takes seconds on a loaded machine.
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('tab', { name: /Ask/ }).click();
  const form = page.getByRole('form', { name: 'Ask' });
  await form.getByRole('radio', { name: 'User' }).check();
  const user = form.getByRole('combobox', { name: 'User', exact: true });
  const list = page.getByRole('listbox', { name: 'Matching names' });

  // Typing filters 2,000 users to the ten whose names contain it; the match is highlighted.
  await user.fill('user0199');
  await expect(list.getByRole('option')).toHaveCount(10);
  await expect(list.getByRole('option').first()).toHaveText('user01990');
  await expect(list.getByRole('option').first().locator('mark')).toHaveText('user0199');
  await user.press('ArrowDown');
  await expect(user).toHaveAttribute('aria-activedescendant', /.+/);
  await expect(list.getByRole('option', { selected: true })).toHaveText('user01991');
  await app.screenshot('combobox-user-1440');
  await page.setViewportSize({ width: 1024, height: 700 });
  await app.screenshot('combobox-user-1024');
  await user.press('Enter');
  await expect(list).toBeHidden();
  await expect(user).toHaveValue('user01991');

  // No match says so; Escape restores the caller that was picked.
  await user.fill('nobody-at-all');
  await expect(form.getByRole('status')).toHaveText('No match for “nobody-at-all”');
  await user.press('Escape');
  await expect(user).toHaveValue('user01991');

  // The whole list opens from the arrow key and is virtualised: far fewer rows than users.
  await user.press('ArrowDown');
  await expect(list).toBeVisible();
  expect(await list.getByRole('option').count()).toBeLessThan(60);
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-setsize', /^2\d\d\d$/);
  await user.press('Escape');

  // Open dialog: a bundled demo, read-only.
  await page.setViewportSize({ width: 1440, height: 900 });
  const dialog = page.getByRole('dialog', { name: 'Open project' });
  await app.openButton.click();
  const demos = dialog.getByRole('region', { name: 'Demo models' });
  await expect(demos.getByText('smart-factory.yaml')).toBeVisible();
  await app.screenshot('open-dialog-1440');
  await page.setViewportSize({ width: 1024, height: 700 });
  await app.screenshot('open-dialog-1024');
  await demos.getByRole('button', { name: 'Open read-only: sensor-datastream.yaml' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.projectName).toHaveText('Sensor data stream after a role change');
  await expect(page.getByRole('status', { name: 'Read-only model file' })).toBeVisible();
  await app.waitIdle();

  // Open dialog: a project found by path completion.
  await page.setViewportSize({ width: 1440, height: 900 });
  await app.openButton.click();
  const field = dialog.getByRole('combobox', { name: 'Project file path' });
  await field.fill(`${dir}/`);
  const entries = dialog.getByRole('listbox', { name: 'Matching files and folders' });
  await expect(entries.getByRole('option')).toHaveText(['generated-M.permsim', 'plant.permsim']);
  await field.pressSequentially('pl');
  await expect(entries.getByRole('option')).toHaveText(['plant.permsim']);
  await app.screenshot('open-dialog-completion');
  await field.press('ArrowDown');
  await field.press('Enter');
  await expect(field).toHaveValue(plantPath);
  await field.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(app.projectName).toHaveText('Plant copy');
  await expect(page.getByRole('status', { name: 'Read-only model file' })).toBeHidden();
});
