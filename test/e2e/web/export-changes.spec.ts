// "Export to ThingWorx…" in the What-if workbench (docs/export-changes.md) on the bundled demo
// against the real server, handler map and SQLite project: a change made in the workbench is
// exported as a shell script, and the downloaded script's calls are exactly the ThingWorx services
// that apply it (§8.1, §8.5); the inverse script undoes them in reverse order.
import { expect, test } from '../fixtures';
import { WhatIfPage } from '../page-models/whatif';

/** The `step N 'label' 'path' 'json'` calls of an exported script, unquoted. */
function scriptCalls(text: string): { label: string; path: string; body: unknown }[] {
  const word = (s: string) => s.trim().replace(/ \\$/, '').slice(1, -1).replace(/'\\''/g, "'");
  const lines = text.split('\n');
  const out: { label: string; path: string; body: unknown }[] = [];
  lines.forEach((l, i) => {
    const m = /^step \d+ (.*)$/.exec(l);
    if (!m) return;
    out.push({
      label: word(m[1] as string),
      path: word(lines[i + 1] as string),
      body: JSON.parse(word(lines[i + 2] as string)),
    });
  });
  return out;
}

const SIZES = [
  [1440, 900],
  [1024, 700],
] as const;

test('a workbench change exported as a script holds exactly its service calls, and the inverse undoes them', async ({
  app,
  page,
}) => {
  const w = new WhatIfPage(page);
  await w.open();
  await w.removeAnalystsDeny();
  await w.addChange({ what: 'Group membership', member: 'user:dana', group: 'DataAnalysts' });
  await w.scenarioName.fill('Analysts get the stream');
  await app.waitIdle();
  // The header's expected effect is the workbench's own diff. Eight gains: analyst-key (it runs as
  // alice) gains from inside its allowlist too, a credential of its own (docs/whatif.md).
  await expect(w.counts).toHaveText(/8 gained\s*0 revoked\s*1 changed\s*10 unknown/);

  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await app.screenshot(`export-changes-button-${w}x${h}`);
  }
  await page.getByRole('button', { name: 'Export to ThingWorx…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export to ThingWorx' });
  await expect(dialog.getByRole('radio', { name: 'Shell script' })).toBeChecked();
  const summary = dialog.getByLabel('Export summary');
  await expect(summary).toContainText('Analysts-get-the-stream.sh');
  await expect(summary).toContainText('2 calls');
  const preview = dialog.getByLabel('Export preview');
  await expect(preview).toContainText('# Scenario: Analysts get the stream');
  await expect(preview).toContainText('gained 8, revoked 0, changed 1, unknown 10');

  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await app.screenshot(`export-changes-${w}x${h}`);
  }

  const forward = await w.downloadExport();
  expect(forward.name).toBe('Analysts-get-the-stream.sh');
  expect(forward.text.startsWith('#!/bin/sh\n# PermSim export (script)\n')).toBe(true);
  expect(scriptCalls(forward.text)).toEqual([
    {
      label:
        'delete deny ServiceInvoke on GetDataStream for group DataAnalysts at Things/SensorDataStream',
      path: '/Thingworx/Things/SensorDataStream/Services/DeleteRunTimePermission',
      body: {
        principal: 'DataAnalysts',
        principalType: 'Group',
        resource: 'GetDataStream',
        type: 'ServiceInvoke',
      },
    },
    {
      label: 'add user dana to group DataAnalysts',
      path: '/Thingworx/Groups/DataAnalysts/Services/AddMember',
      body: { member: 'dana', type: 'User' },
    },
  ]);
  await expect(dialog.getByRole('status')).toContainText('Saved Analysts-get-the-stream.sh.');

  await dialog.getByLabel('Inverse: the export that undoes this scenario on the server').check();
  await expect(summary).toContainText('Analysts-get-the-stream.undo.sh');
  const inverse = await w.downloadExport();
  expect(scriptCalls(inverse.text).map(c => [c.path, c.body])).toEqual([
    ['/Thingworx/Groups/DataAnalysts/Services/DeleteMember', { member: 'dana', type: 'User' }],
    [
      '/Thingworx/Things/SensorDataStream/Services/AddRunTimePermission',
      {
        principal: 'DataAnalysts',
        principalType: 'Group',
        resource: 'GetDataStream',
        type: 'ServiceInvoke',
        allow: false,
      },
    ],
  ]);

  // The other formats preview the same scenario.
  await dialog.getByRole('radio', { name: 'Entity XML' }).check();
  await expect(summary).toContainText('Analysts-get-the-stream.undo.xml');
  await expect(preview).toContainText('<Thing name="SensorDataStream"');
  await dialog.getByRole('radio', { name: 'Postman' }).check();
  await expect(preview).toContainText(
    '"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"',
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
