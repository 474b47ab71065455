// A scenario remembers its baseline (docs/whatif.md "Applied scenarios"), on the bundled demo
// against the real server and SQLite project: after "Apply to baseline" the scenario is marked
// applied, its diff is still shown, it exports against the baseline it was applied to (the call
// that deletes the deny of §9.6, although the project no longer has that deny), and Revert
// restores the baseline as one undoable edit.
import { expect, test } from '../fixtures';
import { WhatIfPage } from '../page-models/whatif';

const GET_DATA_STREAM = 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream';

test('an applied scenario stays viewable, exports against its baseline and can be reverted', async ({
  app,
  page,
}) => {
  const w = new WhatIfPage(page);
  await w.open();
  await w.removeAnalystsDeny();
  await w.scenarioName.fill('Analysts get the stream');
  await expect(w.counts).toContainText('gained');
  await w.applyButton.click();
  await app.waitIdle();

  // Saved and marked applied; its diff is still the one it made on its baseline.
  await expect(w.appliedNote).toContainText('Applied “Analysts get the stream” to the baseline');
  await expect(w.savedScenarios).toHaveValue(/\d+/);
  await expect(w.counts).toContainText('gained');
  await expect(w.applyButton).toHaveCount(0);
  for (const [width, height] of [
    [1440, 900],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await app.screenshot(`scenario-applied-${width}x${height}`);
  }

  // The export describes the scenario against its own baseline.
  await page.getByRole('button', { name: 'Export to ThingWorx…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export to ThingWorx' });
  const preview = dialog.getByLabel('Export preview');
  await expect(preview).toContainText('# Scenario: Analysts get the stream');
  await expect(preview).toContainText(
    '/Thingworx/Things/SensorDataStream/Services/DeleteRunTimePermission',
  );
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Revert: the deny is back, and the Ask view answers 403 again; Undo takes the revert back.
  await w.appliedNote.getByRole('button', { name: 'Revert' }).click();
  await app.waitIdle();
  await expect(w.appliedNote).toHaveCount(0);
  await expect(w.applyButton).toBeEnabled();
  await app.ask.askAs('alice', GET_DATA_STREAM);
  await expect(app.ask.status).toContainText('403');
  await app.undo();
  await expect(app.ask.status).toContainText('200');
});
