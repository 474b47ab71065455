// Files and projects in browser mode, against the real server and real files: a model file opened
// as it is says it is read-only and offers an editable copy, its edit controls are off until then;
// New creates an empty project that opens at once.
import path from 'node:path';
import { expect, test } from '../fixtures';

test('a read-only model file becomes an editable project through "Make an editable copy"', async ({
  app,
  page,
  server,
}) => {
  await app.openProject(path.resolve('assets/demos/smart-factory.yaml'));
  const banner = page.getByRole('status', { name: 'Read-only model file' });
  await expect(banner).toBeVisible();
  const addUser = page.getByRole('button', { name: /^Add user/ });
  await expect(addUser).toBeDisabled();
  await app.navigator.select('Thing', 'Filler1');
  await expect(
    app.inspector.root.getByRole('button', { name: /^Add entry to / }).first(),
  ).toBeDisabled();
  await expect(app.inspector.root.getByRole('button', { name: 'Remove', exact: true })).toHaveCount(
    0,
  );
  await app.screenshot('read-only-model-file');

  await banner.getByRole('button', { name: 'Make an editable copy' }).click();
  const dialog = page.getByRole('dialog', { name: 'Make an editable copy' });
  const copy = path.join(server.dataDir, 'factory-copy.permsim');
  await dialog.getByLabel('Project file path').fill(copy);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.locator('.project-path')).toHaveText(copy);
  await expect(addUser).toBeEnabled();
});

test('New creates an empty project and opens it', async ({ app, page, server }) => {
  await page.getByRole('button', { name: 'New…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  const file = path.join(server.dataDir, 'empty.permsim');
  await dialog.getByLabel('Project file path').fill(file);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.locator('.project-path')).toHaveText(file);
  await expect(app.projectName).toHaveText('empty');
  await expect(app.navigator.item('Thing', 'SensorDataStream')).toHaveCount(0);
});
