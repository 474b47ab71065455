// Report export from the app (docs/reports.md), against the real loopback server, handler map, engine and
// SQLite project (fixtures.ts): the dialog builds `report:export` arguments, the server renders the
// report, and the renderer saves it as a download. The seed question (alice, GetDataStream) is a
// saved request of the demo; the Thing-level Deny for DataAnalysts decides before the template's
// instance Allow (§9.6), so the report must carry its 403 and ThingWorx's body (§5.7).
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { WhatIfPage } from '../page-models/whatif';

const SEED_BODY = 'Not authorized for ServiceInvoke on GetDataStream in SensorDataStream';

async function openExport(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export report' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function exportAs(
  page: Page,
  format: 'HTML' | 'PDF' | 'CSV' | 'JSON',
): Promise<{ download: Download; bytes: Buffer }> {
  const dialog = page.getByRole('dialog', { name: 'Export report' });
  await dialog.getByRole('radio', { name: format }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    dialog.getByRole('button', { name: `Export ${format}` }).click(),
  ]);
  const file = await download.path();
  return { download, bytes: await readFile(file) };
}

test("exports the demo as HTML and JSON downloads with the seed question's 403", async ({
  app,
  page,
}) => {
  const dialog = await openExport(page);
  // A new project starts with the finding template; the full audit ticks every section.
  await expect(dialog.getByLabel('Template', { exact: true })).toHaveValue('finding');
  await dialog.getByLabel('Template', { exact: true }).selectOption('audit');
  // The demo's sections are all offered; the scenario one only with a stored scenario.
  for (const name of [
    'Model summary',
    'Saved requests',
    'Effective permissions',
    'Equipment permissions',
    'Principal and group inheritance',
    'Semantic options and inferences',
  ]) {
    await expect(dialog.getByRole('checkbox', { name: new RegExp(name) })).toBeChecked();
  }
  await dialog
    .getByRole('group', { name: 'Users' })
    .getByRole('checkbox', { name: 'alice' })
    .check();
  await dialog
    .getByRole('group', { name: 'Things' })
    .getByRole('checkbox', { name: 'SensorDataStream' })
    .check();
  await app.screenshot('export-dialog');

  const html = await exportAs(page, 'HTML');
  expect(html.download.suggestedFilename()).toMatch(/-report\.html$/);
  const text = html.bytes.toString('utf8');
  expect(text).toContain(
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
  );
  expect(text).toMatch(
    /POST \/Thingworx\/Things\/SensorDataStream\/Services\/GetDataStream<\/code><\/td><td>user alice<\/td><td><span class="status s403">403<\/span>/,
  );
  expect(text).toContain(SEED_BODY);
  await expect(dialog.getByRole('status')).toContainText(html.download.suggestedFilename());
  // A section chip of the seed's run-time step (§9.6) opens its topic of docs/permission-model.md,
  // copied into the report: the file stays self-contained, no link leaves it.
  expect(text).not.toMatch(/href="(?!#)/);
  const opened = await page.context().newPage();
  await opened.setContent(text);
  await opened.locator('a.cite', { hasText: '§9.6' }).first().click();
  const topic = opened.locator('#ref-decision-order');
  await expect(topic).toBeInViewport();
  await expect(topic.getByRole('heading')).toContainText('§9.6');
  await opened.close();

  const json = await exportAs(page, 'JSON');
  expect(json.download.suggestedFilename()).toMatch(/-report\.json$/);
  const report = JSON.parse(json.bytes.toString('utf8')) as {
    formatVersion: number;
    sections: string[];
    requests: { caller: string; call: string; status: number; body: string }[];
    effective: { user: string }[];
  };
  expect(report.formatVersion).toBe(1);
  expect(report.sections).not.toContain('scenario');
  const seed = report.requests.find(
    r => r.caller === 'user alice' && r.call.endsWith('/Services/GetDataStream'),
  );
  expect(seed).toMatchObject({ status: 403, body: SEED_BODY });
  // Only the chosen user, not the first six.
  expect(new Set(report.effective.map(t => t.user))).toEqual(new Set(['alice']));
});

test('exports a PDF printed by Chromium, with a progress indicator while it runs', async ({
  app,
  page,
}) => {
  const dialog = await openExport(page);
  await dialog.getByLabel('Template', { exact: true }).selectOption('audit');
  await dialog.getByRole('checkbox', { name: /Saved requests/ }).uncheck();
  await dialog.getByRole('checkbox', { name: /Principal and group inheritance/ }).uncheck();
  await expect(dialog.getByLabel('Template', { exact: true })).toHaveValue('custom');
  await dialog.getByRole('radio', { name: 'PDF' }).check();
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Export PDF' }).click();
  await expect(dialog.getByRole('status')).toContainText('Exporting PDF');
  await expect(dialog.getByRole('button', { name: 'Export PDF' })).toBeDisabled();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-report\.pdf$/);
  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(dialog.getByRole('button', { name: 'Export PDF' })).toBeEnabled();
  await app.waitIdle();
});

test('a dialog with nothing to export says so in words and sends nothing', async ({
  app,
  page,
}) => {
  const exports: string[] = [];
  page.on('request', r => {
    if (r.url().includes('/api/report:export')) exports.push(r.url());
  });
  const dialog = await openExport(page);
  const ticked = dialog
    .getByRole('group', { name: 'Sections' })
    .getByRole('checkbox', { checked: true });
  // A live query: each uncheck shrinks it, so always take the first.
  while ((await ticked.count()) > 0) await ticked.first().uncheck();
  await dialog.getByRole('button', { name: 'Export HTML' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'Choose at least one section to include in the report.',
  );
  await app.waitIdle();
  expect(exports).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('the seed question as a finding for a customer: PDF with the answer on page 1, named by its title; choices remembered', async ({
  app,
  page,
}) => {
  // The seed question, then the least-access fix as a stored scenario (§2.8, §9.6).
  const w = new WhatIfPage(page);
  await app.ask.askAs('alice', 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream');
  await expect(app.ask.status).toContainText('403');
  await w.suggestFixes();
  await w.suggestion(1).getByRole('button', { name: 'New scenario with this fix' }).click();
  await app.waitIdle();
  await w.scenarioName.fill('Remove the analysts deny');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await app.waitIdle();
  await page.getByRole('tab', { name: 'Ask' }).click();

  const dialog = await openExport(page);
  await expect(dialog.getByLabel('Template', { exact: true })).toHaveValue('finding');
  await expect(dialog.getByRole('checkbox', { name: /Summary of the finding/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /Saved requests/ })).not.toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: "Ask's question" })).toBeChecked();
  await expect(dialog.getByLabel('Scenario', { exact: true })).toContainText(
    'Remove the analysts deny',
  );
  await dialog
    .getByRole('group', { name: 'Users' })
    .getByRole('checkbox', { name: 'alice' })
    .check();
  await dialog
    .getByRole('group', { name: 'Things' })
    .getByRole('checkbox', { name: 'SensorDataStream' })
    .check();
  await dialog.getByLabel('Report title').fill('Finding alice GetDataStream');
  await app.screenshot('export-dialog-finding');
  const pdf = await exportAs(page, 'PDF');
  // The title is the file name.
  expect(pdf.download.suggestedFilename()).toBe('Finding-alice-GetDataStream.pdf');
  expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const file = test.info().outputPath('finding.pdf');
  await writeFile(file, pdf.bytes);
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text.status).toBe(0);
  const first = text.stdout.split('\f')[0] ?? '';
  // Page 1: the question, both answers, the cause, the change and who gains, the key apart (§3.9).
  expect(first).toContain('Summary of the finding');
  expect(first).toMatch(/Before the change:\s+403\s+denied/);
  expect(first).toMatch(/After the change:\s+200\s+allowed/);
  expect(first).toContain('Deny · group DataAnalysts');
  expect(first).toContain('Recommended change');
  expect(first).toContain('via key analyst-key from 10.1.0.0/16');
  expect(first).not.toContain('Changed decisions');
  const png = spawnSync('pdftoppm', [
    '-r',
    '50',
    '-png',
    '-f',
    '1',
    '-l',
    '1',
    file,
    test.info().outputPath('page'),
  ]);
  expect(png.status).toBe(0);

  // Closed and opened again: the choices of this project are still there.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  const again = await openExport(page);
  await expect(again.getByLabel('Report title')).toHaveValue('Finding alice GetDataStream');
  await expect(again.getByRole('radio', { name: 'PDF' })).toBeChecked();
  await expect(
    again.getByRole('group', { name: 'Users' }).getByRole('checkbox', { name: 'alice' }),
  ).toBeChecked();
});
