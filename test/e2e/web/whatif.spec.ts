// The What-if workbench (docs/whatif.md) on the bundled demo against the real server,
// handler map, engine and SQLite project: a fix suggestion for alice's refused GetDataStream becomes
// a scenario, the diff shows her 403 turning into 200 and, counted apart, the same for her key
// analyst-key called from inside its allowlist (§3.9); the scenario is applied to the baseline (Ask
// answers 200) and undone (403 again). Screenshots are looked at for legibility.
import { expect, test } from '../fixtures';
import { WhatIfPage } from '../page-models/whatif';

const GET_DATA_STREAM = 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream';

test('a fix suggestion turns alice’s 403 into 200, and says her key gains it too; apply and undo', async ({
  app,
  page,
}) => {
  const w = new WhatIfPage(page);
  // The demo's situation (§12.1): the Thing-level Deny for DataAnalysts decides before the
  // template's instance Allow for Operators (§2.8, §9.6).
  await app.ask.askAs('alice', GET_DATA_STREAM);
  await expect(app.ask.status).toContainText('403');

  await w.suggestFixes();
  // Least extra access first: removing the deciding Deny grants only the same call to alice's key
  // analyst-key from inside its allowlist (it runs as alice, §3.9); making alice the owner (§1.10)
  // also opens the Thing's other calls; Administrators (§3.3) opens everything.
  const top = w.suggestion(1);
  await expect(top).toContainText(
    'remove deny ServiceInvoke on GetDataStream for group:DataAnalysts at Things/SensorDataStream',
  );
  await expect(top).toContainText(
    'also: 1 other call gained (via key analyst-key from 10.1.0.0/16: 1 call)',
  );
  await expect(top).not.toContainText('nothing else changes');
  await expect(w.suggestions.last()).toContainText('add user:alice to group Administrators');
  await app.screenshot('whatif-fix-suggestions');

  await top.getByRole('button', { name: 'New scenario with this fix' }).click();
  await expect(w.tab).toHaveAttribute('aria-selected', 'true');
  await expect(w.changes).toHaveCount(1);
  await expect(w.changes.first()).toContainText(
    'remove deny ServiceInvoke on GetDataStream for group:DataAnalysts at Things/SensorDataStream',
  );
  await app.waitIdle();

  // The exact set of changed cells over every user and key x every call of SensorDataStream:
  // alice's GetDataStream, and the same call with analyst-key from inside 10.1.0.0/16 (it runs as
  // alice, §3.9). bob and dana are not in DataAnalysts; carol is locked (401 either way, §3.11); the
  // key from outside its allowlist is refused either way (§3.9); alice's other services were never
  // denied (the Deny names GetDataStream only, §2.7).
  await expect(w.diffRows).toHaveCount(2);
  expect(await w.rowNames()).toEqual([
    `alice ${GET_DATA_STREAM}: 403 to 200, gained`,
    `via key analyst-key from 10.1.0.0/16 ${GET_DATA_STREAM}: 403 to 200, gained`,
  ]);
  await expect(w.counts).toHaveText(/2 gained\s*0 revoked\s*0 changed\s*0 unknown/);
  await expect(w.goal).toContainText('403 → 200');
  await expect(w.goal).toContainText(
    '1 other cell change (via key analyst-key from 10.1.0.0/16: 1 call)',
  );
  await expect(w.rectangles).toHaveCount(1);
  await expect(w.rectangles.first()).toHaveAccessibleName(
    'gained 403 to 200: 2 cells; callers appKey:analyst-key@10.1.0.0/16, user:alice; entities Things/SensorDataStream; kinds ServiceInvoke',
  );

  // Both explanations side by side.
  await w.diffRows.first().click();
  await expect(w.cellExplanation.getByLabel('Before', { exact: true })).toContainText('403');
  await expect(w.cellExplanation.getByLabel('Before', { exact: true })).toContainText(
    'Not authorized for ServiceInvoke on GetDataStream in SensorDataStream',
  );
  await expect(w.cellExplanation.getByLabel('After', { exact: true })).toContainText('200');
  await app.screenshot('whatif-diff-from-fix');
  await w.cellExplanation.scrollIntoViewIfNeeded();
  await app.screenshot('whatif-cell-side-by-side');

  // Apply to the baseline: one undoable edit; the Ask view re-asks and answers 200.
  await w.applyButton.click();
  await app.waitIdle();
  await expect(w.appliedNote).toBeVisible();
  await page.getByRole('tab', { name: 'Ask' }).click();
  await expect(app.ask.status).toContainText('200');
  await app.screenshot('whatif-applied-ask-200');

  await app.undo();
  await expect(app.ask.status).toContainText('403');
  await expect(app.ask.body).toContainText(
    'Not authorized for ServiceInvoke on GetDataStream in SensorDataStream',
  );
});

test('build a change set with the form, watch two users, step through, reorder, remove, save and delete', async ({
  app,
  page,
}) => {
  const w = new WhatIfPage(page);
  await w.open();
  await expect(page.getByText('No changes yet.')).toBeVisible();

  // dana (Viewers) joins DataAnalysts, which is nested in Operators (§2.11).
  await w.addChange({ what: 'Group membership', member: 'user:dana', group: 'DataAnalysts' });
  await expect(w.changes).toHaveCount(1);

  // A bare principal is refused with a message naming the field; the form stays open.
  await page.getByRole('button', { name: '+ Add change' }).click();
  const form = page.getByRole('form', { name: 'New change' });
  await form.getByLabel('Operation').selectOption({ label: 'Remove' });
  await form.getByLabel('Target').fill('SensorDataStream');
  await form.getByLabel('Effect').selectOption({ label: 'Deny' });
  await form.getByLabel('Kind').selectOption('ServiceInvoke');
  await form.getByLabel('Resource').fill('GetDataStream');
  await form.getByLabel('Principal').fill('DataAnalysts');
  await form.getByRole('button', { name: 'Add change' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'Principal: write user:<name> or group:<name>, got "DataAnalysts".',
  );
  await form.getByLabel('Principal').fill('group:DataAnalysts');
  await form.getByRole('button', { name: 'Add change' }).click();
  await expect(w.changes).toHaveCount(2);
  await expect(w.changes.nth(1)).toContainText(
    'remove deny ServiceInvoke on GetDataStream for group:DataAnalysts at Things/SensorDataStream',
  );

  // Watch alice and dana on GetDataStream only.
  await page.getByText('Watch every user and key').click();
  await page.getByLabel('Watched users').fill('alice, dana');
  await page.getByLabel('Watched calls').fill(GET_DATA_STREAM);
  await page.getByRole('button', { name: 'Update watch' }).click();
  await app.waitIdle();
  // Both changes: the Deny is gone and dana now reaches the Operators instance Allow (§9.6).
  expect(await w.rowNames()).toEqual([
    `alice ${GET_DATA_STREAM}: 403 to 200, gained`,
    `dana ${GET_DATA_STREAM}: 403 to 200, gained`,
  ]);
  await expect(w.rectangles).toHaveCount(1);
  await expect(w.rectangles.first()).toContainText('2');

  // Step 1 only: dana is in DataAnalysts, so the Thing-level Deny now refuses her too (§2.8): no change yet.
  await page.getByRole('button', { name: 'Previous step' }).click();
  await expect(w.stepLabel).toContainText('Step 1 of 2: add user:dana to group DataAnalysts');
  await expect(
    page.getByText('No cell in the scope answers differently at this step.'),
  ).toBeVisible();
  await expect(w.stepLabel).toContainText('this change alone: 0 cell(s)');
  await app.screenshot('whatif-step-1');

  // Order matters: removing the Deny first helps alice alone at step 1.
  await page.getByRole('button', { name: 'Move change 2 up' }).click();
  await expect(w.changes.first()).toContainText('remove deny');
  await page.getByRole('button', { name: 'Previous step' }).click();
  await expect(w.stepLabel).toContainText('Step 1 of 2: remove deny');
  await expect(w.diffRows).toHaveCount(1);
  expect(await w.rowNames()).toEqual([`alice ${GET_DATA_STREAM}: 403 to 200, gained`]);

  // Remove the membership: the scenario is the single fix again.
  await page.getByRole('button', { name: 'Remove change 2' }).click();
  await expect(w.changes).toHaveCount(1);
  await app.waitIdle();
  expect(await w.rowNames()).toEqual([`alice ${GET_DATA_STREAM}: 403 to 200, gained`]);

  // Saved in the project; opened again from the list; deleted.
  await w.scenarioName.fill('Analysts get the stream');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await app.waitIdle();
  await expect(
    w.savedScenarios.getByRole('option', { name: 'Analysts get the stream (1)' }),
  ).toBeAttached();
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(w.changes).toHaveCount(0);
  await w.savedScenarios.selectOption({ label: 'Analysts get the stream (1)' });
  await expect(w.changes).toHaveCount(1);
  await expect(page.getByLabel('Watched users')).toHaveValue('alice, dana');
  await app.waitIdle();
  expect(await w.rowNames()).toEqual([`alice ${GET_DATA_STREAM}: 403 to 200, gained`]);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await app.waitIdle();
  await expect(
    w.savedScenarios.getByRole('option', { name: 'Analysts get the stream (1)' }),
  ).toHaveCount(0);
});

test('compare a scenario with another saved one: only what the second adds shows, and one class can be filtered out', async ({
  app,
  page,
}) => {
  const w = new WhatIfPage(page);
  await w.open();
  // Scenario A: the Deny goes (alice gains GetDataStream, §2.8).
  await w.removeAnalystsDeny();
  await w.scenarioName.fill('A: no analysts deny');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await app.waitIdle();
  // Scenario B: the same, and dana joins DataAnalysts (nested in Operators, §2.11).
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await w.removeAnalystsDeny();
  await w.addChange({ what: 'Group membership', member: 'user:dana', group: 'DataAnalysts' });
  await w.scenarioName.fill('B: and dana analyses');
  await app.waitIdle();
  const againstBaseline = await w.rowNames();
  expect(againstBaseline).toContain(`alice ${GET_DATA_STREAM}: 403 to 200, gained`);
  expect(againstBaseline.some(n => n.startsWith('dana '))).toBe(true);

  // Against A, alice's gain is shared by both end states: only dana's cells remain.
  await page
    .getByRole('combobox', { name: 'Compare with' })
    .selectOption({ label: 'scenario A: no analysts deny' });
  await app.waitIdle();
  await expect(page.getByRole('region', { name: 'Diff' })).toContainText(
    'before = scenario “A: no analysts deny”',
  );
  const againstA = await w.rowNames();
  expect(againstA.length).toBeGreaterThan(0);
  expect(againstA.every(n => n.startsWith('dana '))).toBe(true);
  await app.screenshot('whatif-compare-with-scenario');

  // Class filter: without "gained" only dana's other changes are listed (or none).
  const filter = page.getByRole('group', { name: 'Filter changed cells' });
  await filter.getByRole('button', { name: 'gained' }).click();
  await app.waitIdle();
  await expect(filter.getByRole('button', { name: 'gained' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  for (const n of await w.rowNames()) expect(n).not.toMatch(/, gained$/);
});
