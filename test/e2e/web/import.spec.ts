// Import from the app (docs/import.md), against the real loopback server, handler map, importer in
// the backend worker and SQLite project (fixtures.ts): a source-control folder chosen through the
// top bar's Import… (the browser's File > Import…) and the same files dropped onto the page. The
// report is read, then a question is asked on the imported model: the per-service Deny of the
// permissions file decides Pump2's Stop (§2.7), the template's Run Time Instance Allow lets olga
// start Pump1 (§2.3).
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import type { AppPage } from '../page-models/app-page';

const FOLDER = path.resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../fixtures/import/source-control',
);

async function checkReport(page: Page) {
  const dialog = page.getByRole('dialog', { name: 'Import' });
  const report = dialog.getByRole('region', { name: 'Import report' });
  await expect(report.getByRole('status')).toHaveText(
    /Imported 8 files \(ThingWorx 9\.0, unknown\)/,
  );
  await expect(report.getByRole('row', { name: /^Things 2$/ })).toBeVisible();
  await expect(
    report.getByText('1 user passwordHash: never stored, shown or exported.'),
  ).toBeVisible();
  await expect(
    report.getByText(/template RemoteThing\s*first at .*PumpTemplate\.xml:4/),
  ).toBeVisible();
  await expect(report).not.toContainText('c2NyeXB0');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
}

async function askOnImported(app: AppPage) {
  await app.ask.askAs('olga', 'POST /Thingworx/Things/Pump2/Services/Stop');
  await expect(app.ask.status).toContainText('403');
  await app.ask.askAs('olga', 'POST /Thingworx/Things/Pump1/Services/Start');
  await expect(app.ask.status).toContainText('200');
}

test('imports a source-control folder through Import… into a new project and answers on it', async ({
  app,
  page,
  server,
}) => {
  await page.getByRole('banner').getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('Choose a folder').setInputFiles(FOLDER);
  await expect(dialog.getByText('8 files chosen', { exact: false })).toBeVisible();
  await dialog.getByRole('radio', { name: 'A new project' }).check();
  await dialog.getByLabel('New project path').fill(path.join(server.dataDir, 'pumps.permsim'));
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await checkReport(page);
  await expect(app.projectName).toHaveText('pumps');
  // The navigator shows the imported elements, the unresolved base template marked as such.
  await expect(page.getByRole('navigation').getByText('Pump2', { exact: true })).toBeVisible();
  await expect(
    page
      .getByRole('navigation')
      .getByText(/unresolved/)
      .first(),
  ).toBeVisible();
  await askOnImported(app);
});

test('merges the same files dropped onto the page into the open project, as one undoable edit', async ({
  app,
  page,
}) => {
  const files: { name: string; text: string }[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith('.xml'))
        files.push({ name: e.name, text: await readFile(p, 'utf8') });
    }
  };
  await walk(FOLDER);
  const dataTransfer = await page.evaluateHandle(list => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'text/xml' }));
    return dt;
  }, files);
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog.getByText('8 files chosen', { exact: false })).toBeVisible();
  // The demo project has its own collection-level block on Things: a conflict, listed first.
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const report = dialog.getByRole('region', { name: 'Import report' });
  await expect(report.getByRole('status')).toHaveText(/the files disagree/);
  await expect(report).toContainText('collection Things: definition differ');
  await dialog.getByRole('button', { name: 'Import again, later files win' }).click();
  await checkReport(page);
  await askOnImported(app);
  // One undoable edit: Undo takes the whole import back.
  await app.undoButton.click();
  await expect(page.getByRole('navigation').getByText('Pump2', { exact: true })).toBeHidden();
});
