// The first start opens the bundled demo project (assets/demos/sensor-datastream.yaml turned into
// <dataDir>/demo.permsim) and every view shows it: navigator, inspector, saved requests.
import { expect, test } from '../fixtures';

test('the first start shows the demo project in the navigator', async ({ app }) => {
  await expect(app.projectName).not.toHaveText('No project open');
  await expect(app.navigator.item('Thing', 'SensorDataStream')).toBeVisible();
  await expect(app.navigator.item('User', 'alice')).toBeVisible();
  await expect(app.navigator.item('Group', 'DataAnalysts')).toBeVisible();
  await expect(app.navigator.item('Template', 'SensorTemplate')).toBeVisible();
  await app.screenshot('navigator');
});

test('search narrows the navigator to matching elements', async ({ app }) => {
  await app.navigator.search.fill('Analysts');
  await expect(app.navigator.item('Group', 'DataAnalysts')).toBeVisible();
  await expect(app.navigator.item('Thing', 'SensorDataStream')).toHaveCount(0);
  await app.navigator.search.fill('');
  await expect(app.navigator.item('Thing', 'SensorDataStream')).toBeVisible();
});

test('the inspector shows a Thing, its entries and its effective permissions for a user (§9.6)', async ({
  app,
}) => {
  await app.navigator.select('Thing', 'SensorDataStream');
  await expect(app.inspector.name).toHaveText('SensorDataStream');
  const entity = app.inspector.permissionSet('Entity permissions');
  // The Thing-level deny of the support thread (model-format.md example).
  await expect(
    app.inspector.removeButton('Deny ServiceInvoke on GetDataStream for group:DataAnalysts'),
  ).toBeVisible();
  await expect(entity).toContainText('group:DataAnalysts');
  const effective = app.inspector.root.getByRole('region', { name: 'Effective permissions' });
  await effective.getByLabel('Effective permissions for user').selectOption('alice');
  await app.waitIdle();
  await expect(
    effective.getByLabel(/^Service Execute on GetDataStream: denied by an explicit Deny \(403\)/),
  ).toBeVisible();
  await app.screenshot('inspector-thing');
});

test('the saved requests of the model are listed with their expectations', async ({ app }) => {
  await app.page.getByRole('tab', { name: /Saved requests/ }).click();
  const table = app.page.getByRole('table', { name: 'Saved requests' });
  await expect(table.getByRole('row').filter({ hasText: 'GetDataStream' }).first()).toBeVisible();
  // Every expectation of the shipped demo holds on the shipped demo.
  await expect(table.getByText('✗ fail', { exact: true })).toHaveCount(0);
  await expect(table.getByText('✓ pass', { exact: true }).first()).toBeVisible();
  await app.screenshot('saved-requests');
});
