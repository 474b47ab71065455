// Structural edits in the UI (users, groups, memberships, units, Things, templates, shapes): each is
// one model:edit saved in the project, visible in the navigator and undoable.
import { expect, test } from '../fixtures';
import { pick } from '../page-models/pick';

test('add a user with a group, rename them, and ask as them', async ({ app, page }) => {
  await app.navigator.root.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add user' });
  await dialog.getByLabel('Name').fill('dave');
  await dialog.getByLabel('Groups').fill('Operators');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await app.waitIdle();
  await expect(app.navigator.item('User', 'dave')).toBeVisible();
  await expect(app.inspector.name).toHaveText('dave');
  await expect(app.inspector.root.getByRole('region', { name: 'Direct groups' })).toContainText(
    'Operators',
  );
  await app.screenshot('inspector-user');

  await app.inspector.root.getByRole('button', { name: 'Rename…' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename user dave' });
  await rename.getByLabel('New name').fill('dora');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await app.waitIdle();
  await expect(app.navigator.item('User', 'dora')).toBeVisible();
  await expect(app.navigator.item('User', 'dave')).toHaveCount(0);

  // dora is an Operator: the template instance allow PropertyRead for Operators applies (§2.3).
  await app.ask.askAs('dora', 'GET /Thingworx/Things/SensorDataStream/Properties/temperature');
  await expect(app.ask.status).toContainText('200');
});

test('group membership edits change the answer, and undo brings them back', async ({ app }) => {
  await app.ask.askAs('bob', 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream');
  await expect(app.ask.status).toContainText('200');
  await app.navigator.select('User', 'bob');
  await app.inspector.root.getByRole('button', { name: 'Remove bob from Operators' }).click();
  await app.waitIdle();
  // Without Operators bob has no entry anywhere: default deny (§1.7), or invisible (§4.3).
  await expect(app.ask.status).not.toContainText('200');
  await app.undo();
  await expect(app.ask.status).toContainText('200');
  await expect(app.inspector.root.getByRole('region', { name: 'Direct groups' })).toContainText(
    'Operators',
  );
});

test('add a Thing of a template and remove it again', async ({ app, page }) => {
  await app.navigator.root.getByRole('button', { name: 'Add Thing' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Thing' });
  await dialog.getByLabel('Name').fill('Pump7');
  await pick(dialog.getByRole('combobox', { name: 'Template' }), 'SensorTemplate');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await app.waitIdle();
  await expect(app.navigator.item('Thing', 'Pump7')).toBeVisible();
  await expect(
    app.inspector.root.getByRole('button', { name: 'Show Thing template SensorTemplate' }),
  ).toBeVisible();

  await app.inspector.root.getByRole('button', { name: 'Remove', exact: true }).click();
  await app.waitIdle();
  await expect(app.navigator.item('Thing', 'Pump7')).toHaveCount(0);
});

test('a duplicate name is refused with a message in words, and nothing changes', async ({
  app,
  page,
}) => {
  await app.navigator.root.getByRole('button', { name: 'Add group' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add group' });
  await dialog.getByLabel('Name').fill('Operators');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await app.waitIdle();
  await expect(page.locator('.toast.error')).toContainText('Operators');
  await expect(app.undoButton).toBeDisabled();
});

test('template instance, shape instance and collection entries can be added and removed (§2.3, §2.5, §2.1)', async ({
  app,
}) => {
  await app.navigator.select('Template', 'SensorTemplate');
  const set = 'Instance permissions (inherited by Things)';
  await app.inspector.addRuntimeEntry(set, {
    allow: false,
    kind: 'PropertyWrite',
    resource: 'humidity',
    principal: 'group:Operators',
  });
  await app.waitIdle();
  const entry = app.inspector.removeButton('Deny PropertyWrite on humidity for group:Operators');
  await expect(entry).toBeVisible();
  await entry.click();
  await app.waitIdle();
  await expect(entry).toHaveCount(0);
  await app.screenshot('inspector-template');

  await app.navigator.select('Shape', 'SensorShape');
  const shapeSet = 'Instance run-time permissions';
  await app.inspector.addRuntimeEntry(shapeSet, {
    allow: true,
    kind: 'PropertyRead',
    resource: 'temperature',
    principal: 'user:bob',
  });
  await app.waitIdle();
  await expect(
    app.inspector.removeButton('Allow PropertyRead on temperature for user:bob'),
  ).toBeVisible();

  await app.navigator.root.getByRole('button', { name: /^Collections/ }).click();
  await app.navigator.select('Collection', 'Things');
  const colSet = 'Collection permissions';
  await app.inspector.addRuntimeEntry(colSet, {
    allow: false,
    kind: 'EventSubscribe',
    resource: '*',
    principal: 'group:Operators',
  });
  await app.waitIdle();
  const colEntry = app.inspector.removeButton('Deny EventSubscribe on * for group:Operators');
  await expect(colEntry).toBeVisible();
  await colEntry.click();
  await app.waitIdle();
  await expect(colEntry).toHaveCount(0);
});
