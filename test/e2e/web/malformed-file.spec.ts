// A malformed project file (garbage bytes named x.permsim) is refused with a clear message in the
// UI, and the file is left byte-for-byte untouched; the open project stays open.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer } from '../../../main/server';
import { expect, rendererDir, test } from '../fixtures';
import { AppPage } from '../page-models/app-page';

const GARBAGE = Buffer.from(
  '\x00\x01garbage, not a PermSim project\xff\xfe\x7f' + 'x'.repeat(300),
  'binary',
);

test('opening garbage named x.permsim shows a clear error and leaves the file untouched', async ({
  app,
  server,
  page,
}) => {
  const file = path.join(server.dataDir, 'x.permsim');
  await writeFile(file, GARBAGE);
  const nameBefore = await app.projectName.textContent();

  await app.openProject(file);
  // One place for the error: at the path field of the dialog, not a second copy elsewhere.
  const alert = page.getByRole('dialog', { name: 'Open project' }).getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('x.permsim');
  await expect(page.locator('.toast.error')).toHaveCount(0);
  await app.screenshot('open-malformed');

  expect(Buffer.compare(await readFile(file), GARBAGE)).toBe(0);
  await page
    .getByRole('dialog', { name: 'Open project' })
    .getByRole('button', { name: 'Cancel' })
    .click();
  await expect(app.projectName).toHaveText(nameBefore ?? '');
  await expect(app.navigator.item('Thing', 'SensorDataStream')).toBeVisible();
});

test('serving garbage named x.permsim (permsim serve <file>) says why in the UI and leaves the file untouched', async ({
  server,
  page,
}) => {
  const file = path.join(server.dataDir, 'x.permsim');
  await writeFile(file, GARBAGE);
  const served = await startServer({
    dataDir: server.dataDir,
    rendererDir,
    host: '127.0.0.1',
    projectPath: file,
  });
  try {
    await page.goto(served.url);
    const app = new AppPage(page);
    await app.waitUntilLoaded();
    const alert = page.locator('.toast.error');
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('x.permsim');
    await expect(app.projectName).toHaveText('No project open');
    await app.screenshot('serve-malformed');
  } finally {
    await served.close();
  }
  expect(Buffer.compare(await readFile(file), GARBAGE)).toBe(0);
});
