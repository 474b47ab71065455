// Editing the model in the UI changes the engine's answer, is saved in the SQLite project (it
// survives a restart of the server on the same data dir), and undo restores the earlier answer.
import { expect, test } from '../fixtures';

const SEED = 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream';
const DENY = 'Deny ServiceInvoke on GetDataStream for group:DataAnalysts';

test('removing the Thing-level deny turns 403 into 200; it persists across a restart; undo restores 403', async ({
  app,
  server,
  page,
}) => {
  await app.ask.askAs('alice', SEED);
  await expect(app.ask.status).toContainText('403');

  await app.navigator.select('Thing', 'SensorDataStream');
  await app.inspector.removeButton(DENY).click();
  await app.waitIdle();
  await expect(app.inspector.removeButton(DENY)).toHaveCount(0);
  // The shown answer is re-evaluated on the edited model: with no entity-level entry for alice's
  // principals, the template instance allow for Operators decides (§9.6, nested group §2.11).
  await expect(app.ask.status).toContainText('200');
  await expect(app.ask.runtimeDeciding).toContainText(
    'instance(SensorTemplate) · ServiceInvoke · * · Allow · group:Operators',
  );
  await app.screenshot('ask-200-after-edit');

  await server.restart();
  await page.goto(server.url);
  await app.waitUntilLoaded();
  await app.navigator.select('Thing', 'SensorDataStream');
  await expect(app.inspector.name).toHaveText('SensorDataStream');
  await expect(app.inspector.removeButton(DENY)).toHaveCount(0);
  await app.ask.askAs('alice', SEED);
  await expect(app.ask.status).toContainText('200');

  await expect(app.undoButton).toBeEnabled();
  await app.undo();
  await expect(app.ask.status).toContainText('403');
  await expect(app.inspector.removeButton(DENY)).toBeVisible();
});

test('an allow for alice at the same level does not beat the deny; the answer names it as a loser (§9.6)', async ({
  app,
}) => {
  await app.ask.askAs('alice', SEED);
  await expect(app.ask.status).toContainText('403');
  await app.navigator.select('Thing', 'SensorDataStream');
  await app.inspector.addRuntimeEntry('Entity permissions', {
    allow: true,
    kind: 'ServiceInvoke',
    resource: 'GetDataStream',
    principal: 'user:alice',
  });
  await app.waitIdle();
  await expect(
    app.inspector.removeButton('Allow ServiceInvoke on GetDataStream for user:alice'),
  ).toBeVisible();
  // Same level, same resource: any deny wins inside it (§2.10, §9.6).
  await expect(app.ask.status).toContainText('403');
  await expect(app.ask.runtimeLosing.filter({ hasText: 'user:alice' })).toContainText('Allow');
  await app.screenshot('inspector-add-entry');

  await app.inspector.removeButton(DENY).click();
  await app.waitIdle();
  await expect(app.ask.status).toContainText('200');
  await expect(app.ask.runtimeDeciding).toContainText(
    'entity(SensorDataStream) · ServiceInvoke · GetDataStream · Allow · user:alice',
  );
});

test('Ctrl+Z and Ctrl+Shift+Z undo and redo a model edit', async ({ app, page }) => {
  await app.ask.askAs('alice', SEED);
  await expect(app.ask.status).toContainText('403');
  await app.navigator.select('Thing', 'SensorDataStream');
  await app.inspector.removeButton(DENY).click();
  await app.waitIdle();
  await expect(app.ask.status).toContainText('200');

  await app.inspector.name.click();
  await page.keyboard.press('Control+z');
  await app.waitIdle();
  await expect(app.ask.status).toContainText('403');
  await expect(app.inspector.removeButton(DENY)).toBeVisible();

  await page.keyboard.press('Control+Shift+z');
  await app.waitIdle();
  await expect(app.ask.status).toContainText('200');
});
