// State belongs to a project: against the real server and two real SQLite project files, a what-if
// draft made in one project is never carried into another (the switch asks what to do with it),
// every view starts afresh, and a write aimed at the project that is no longer open is refused by
// the backend with nothing written.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { WhatIfPage } from '../page-models/whatif';
import { SMART_FACTORY, writeDemoProject } from '../projects';

const GET_DATA_STREAM = 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream';

/** A second real project file next to the default one: the smart-factory demo. */
function factoryProject(dataDir: string): string {
  return writeDemoProject(path.join(dataDir, 'factory.permsim'), SMART_FACTORY);
}

const revisionOf = async (page: Page) =>
  Number(
    ((await page.getByTitle('Saved revision of the project file').textContent()) ?? '').replace(
      /\D/g,
      '',
    ),
  );

test('a draft in one project is not carried into another; a stale write is refused', async ({
  app,
  page,
  server,
}) => {
  const w = new WhatIfPage(page);
  const factory = factoryProject(server.dataDir);
  const demo = await page.locator('.project-path').textContent();

  // A draft in the demo project: the fix for alice's refused GetDataStream (§9.6), not saved.
  await app.ask.askAs('alice', GET_DATA_STREAM);
  await expect(app.ask.status).toContainText('403');
  await w.suggestFixes();
  await w.suggestion(1).getByRole('button', { name: 'New scenario with this fix' }).click();
  await expect(w.changes).toHaveCount(1);
  await expect(w.applyButton).toBeEnabled();

  // Opening the other project asks about the draft first; Cancel stays.
  await app.openButton.click();
  const open = page.getByRole('dialog', { name: 'Open project' });
  await open.getByLabel('Project file path').fill(factory);
  await open.getByRole('button', { name: 'Open', exact: true }).click();
  const ask = page.getByRole('dialog', { name: 'Unsaved what-if draft' });
  await expect(ask).toContainText('1 change');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.projectName).toHaveText('Sensor data stream after a role change');
  await expect(w.changes).toHaveCount(1);

  // Discard: the factory opens and nothing of the demo is left in any view.
  await app.openButton.click();
  await open.getByLabel('Project file path').fill(factory);
  await open.getByRole('button', { name: 'Open', exact: true }).click();
  await ask.getByRole('button', { name: 'Discard draft' }).click();
  await expect(app.projectName).toHaveText('Smart factory (ThingWorx Apps contexts)');
  await app.waitIdle();
  const factoryRev = await revisionOf(page);
  await expect(w.tab).toHaveAttribute('aria-selected', 'true');
  await expect(w.changes).toHaveCount(0);
  await expect(w.applyButton).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue(
    'Untitled scenario',
  );
  await page.getByRole('tab', { name: 'Ask' }).click();
  await expect(app.ask.answer).toHaveCount(0);
  await expect(app.ask.call).not.toHaveValue(GET_DATA_STREAM);
  await page.getByRole('tab', { name: 'Graph' }).click();
  await expect(page.getByText('No organization named')).toHaveCount(0);
  await app.waitIdle();
  await app.screenshot('project-switch-graph-after');

  // A write made for the demo project (as a view left over from it would send) is refused by the
  // backend, naming the project and revision it was for; the factory's file is unchanged.
  const refused = await page.evaluate(
    async ({ demoPath }) => {
      const res = await fetch('/api/whatif:apply', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          scenario: { name: 'left over', changes: [] },
          project: { path: demoPath, revision: 0 },
        }),
      });
      return (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
    },
    { demoPath: demo ?? '' },
  );
  expect(refused.ok).toBe(false);
  expect(refused.error?.code).toBe('wrong-project');
  expect(refused.error?.message).toContain(`${demo} (revision 0)`);
  expect(refused.error?.message).toContain('Nothing was written');
  await page.reload();
  await app.waitUntilLoaded();
  await expect(app.projectName).toHaveText('Smart factory (ThingWorx Apps contexts)');
  expect(await revisionOf(page)).toBe(factoryRev);
});

test('"Save as scenario" keeps the draft in its own project before the switch', async ({
  app,
  page,
  server,
}) => {
  const w = new WhatIfPage(page);
  const factory = factoryProject(server.dataDir);
  const demo = (await page.locator('.project-path').textContent()) ?? '';
  await app.ask.askAs('alice', GET_DATA_STREAM);
  await w.suggestFixes();
  await w.suggestion(1).getByRole('button', { name: 'New scenario with this fix' }).click();
  await expect(w.changes).toHaveCount(1);

  await app.openProject(factory);
  await page
    .getByRole('dialog', { name: 'Unsaved what-if draft' })
    .getByRole('button', { name: 'Save as scenario' })
    .click();
  await expect(app.projectName).toHaveText('Smart factory (ThingWorx Apps contexts)');
  await expect(w.savedScenarios.getByRole('option', { name: /Fix alice/ })).toHaveCount(0);

  await app.openProject(demo);
  await expect(app.projectName).toHaveText('Sensor data stream after a role change');
  await app.waitIdle();
  await expect(w.savedScenarios.getByRole('option', { name: /Fix alice/ })).toHaveCount(1);
});
