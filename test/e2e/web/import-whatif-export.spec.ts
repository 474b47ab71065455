// The whole loop of docs/import.md and docs/export-changes.md on a real ThingWorx export, against
// the real loopback server, handler map, importer in the backend worker and SQLite project: a
// source-control folder imported through Import… into a new project, a what-if change made on the
// imported model (the permissions file's per-service Deny on Pump2's Stop removed, §2.7), and the
// change set exported back as ThingWorx services (a script) and as entity XML (§6) that holds
// exactly the changed Thing, without the removed Deny.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../fixtures';
import { WhatIfPage } from '../page-models/whatif';

const FOLDER = path.resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../fixtures/import/source-control',
);

test('an imported export, changed in the What-if workbench, goes back as ThingWorx services and entity XML', async ({
  app,
  page,
  server,
}) => {
  await page.getByRole('banner').getByRole('button', { name: 'Import…' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import' });
  await importDialog.getByLabel('Choose a folder').setInputFiles(FOLDER);
  await importDialog.getByRole('radio', { name: 'A new project' }).check();
  await importDialog
    .getByLabel('New project path')
    .fill(path.join(server.dataDir, 'pumps-loop.permsim'));
  await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(
    importDialog.getByRole('region', { name: 'Import report' }).getByRole('status'),
  ).toHaveText(/Imported 8 files/);
  await importDialog.getByRole('button', { name: 'Close' }).click();
  await expect(app.projectName).toHaveText('pumps-loop');

  const w = new WhatIfPage(page);
  await w.open();
  await w.addChange({
    op: 'Remove',
    target: 'Pump2',
    effect: 'Deny',
    kind: 'ServiceInvoke',
    resource: 'Stop',
    principal: 'group:PumpOperators',
  });
  await w.scenarioName.fill('Operators may stop Pump2');
  await app.waitIdle();
  await expect(w.counts).toHaveText(/[1-9]\d* gained\s*0 revoked/);

  await page.getByRole('button', { name: 'Export to ThingWorx…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export to ThingWorx' });
  await expect(dialog.getByRole('radio', { name: 'Shell script' })).toBeChecked();
  const script = await w.downloadExport();
  expect(script.name).toBe('Operators-may-stop-Pump2.sh');
  expect(script.text).toContain('# Scenario: Operators may stop Pump2');
  const steps = script.text.split('\n').filter(l => /^step \d+ /.test(l));
  expect(steps).toEqual([
    "step 1 'delete deny ServiceInvoke on Stop for group PumpOperators at Things/Pump2' \\",
  ]);
  expect(script.text).toContain("'/Thingworx/Things/Pump2/Services/DeleteRunTimePermission'");

  await dialog.getByRole('radio', { name: 'Entity XML' }).check();
  await expect(dialog.getByLabel('Export summary')).toContainText('Operators-may-stop-Pump2.xml');
  const xml = await w.downloadExport();
  expect(xml.name).toBe('Operators-may-stop-Pump2.xml');
  expect(xml.text.startsWith('<?xml')).toBe(true);
  expect(xml.text).toContain('Scenario: Operators may stop Pump2');
  // Exactly the changed entity, as the scenario leaves it: Pump2 without its Deny on Stop.
  expect(xml.text.match(/<Thing [^>]*>/g)).toEqual([
    '<Thing name="Pump2" thingTemplate="PumpTemplate" enabled="true">',
  ]);
  expect(xml.text).not.toContain('resourceName="Stop"');
  expect(xml.text).not.toContain('name="PumpOperators"');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
