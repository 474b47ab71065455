// What a trainer shows a class (issue "show what the model means"): the effective permissions of
// the seed Thing in four states with what decided each cell, a section chip opening the reference
// topic it cites, a group's page with its unrolled members, and an equipment-caused 403 naming the
// context-manager call that wrote the Deny. Real server, engine and SQLite project; sensor demo
// unless said otherwise. Screenshots at 1440x900 and 1024x700 are looked at.
import { readFileSync } from 'node:fs';
import { expect, test } from '../fixtures';
import type { AppPage } from '../page-models/app-page';

async function shoot(app: AppPage, name: string): Promise<void> {
  for (const [w, h] of [
    [1440, 900],
    [1024, 700],
  ] as const) {
    await app.page.setViewportSize({ width: w, height: h });
    await app.screenshot(`${name}-${w}`);
  }
}

test('the effective permissions of the seed Thing tell allowed, Deny, not granted and bypass apart (§9.6, §1.7, §9.3)', async ({
  app,
}) => {
  await app.navigator.select('Thing', 'SensorDataStream');
  const effective = app.inspector.root.getByRole('region', { name: 'Effective permissions' });
  await effective.getByLabel('Effective permissions for user').selectOption('alice');
  await app.waitIdle();
  for (const s of ['Visibility section', 'Run time section', 'Design time section'])
    await expect(effective.getByRole('region', { name: s })).toBeVisible();
  // The Thing-level Deny for DataAnalysts (alice's nested group) on GetDataStream.
  await expect(
    effective.getByLabel('Service Execute on GetDataStream: denied by an explicit Deny (403)'),
  ).toBeVisible();
  // Nothing grants PropertyWrite on temperature: not granted, not a Deny.
  await expect(
    effective.getByLabel('Property Write on temperature: not granted (no entry) (403)'),
  ).toBeVisible();
  await expect(
    effective.getByLabel('Property Read on temperature: allowed by an entry (200)'),
  ).toBeVisible();
  // The deciding entry is written in the row, not only in a tooltip.
  await expect(effective.getByLabel('What decided GetDataStream')).toContainText(
    'entity(SensorDataStream) · ServiceInvoke · GetDataStream · Deny · group DataAnalysts',
  );
  await expect(effective.getByRole('list', { name: 'Legend' })).toContainText('bypass');
  await shoot(app, 'effective-four-states');

  await effective.getByRole('radio', { name: 'API' }).check();
  await expect(
    effective.getByLabel('ServiceInvoke on GetDataStream: denied by an explicit Deny (403)'),
  ).toBeVisible();

  // The Administrator is let through by the bypass before any entry is read.
  await effective.getByLabel('Effective permissions for user').selectOption('Administrator');
  await app.waitIdle();
  await expect(
    effective.getByLabel('ServiceInvoke on GetDataStream: bypass (Administrators or owner) (200)'),
  ).toBeVisible();
});

test('a section chip of an explanation opens the topic it cites in the reference panel', async ({
  app,
}) => {
  await app.ask.askAs('alice', 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream');
  await expect(app.ask.status).toContainText('403');
  await app.ask.answer
    .getByRole('button', { name: /^Reference §2\.8:/ })
    .first()
    .click();
  const panel = app.page.getByRole('complementary', { name: 'Permission model reference' });
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(
    'Which entry decides: precedence',
  );
  await expect(panel).toContainText('Inside it, one Deny among those entries wins');
  await shoot(app, 'reference-panel');
  // A link inside the topic moves to another topic; Escape closes the panel.
  await panel.getByRole('button', { name: 'overrides' }).click();
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(
    'A specific characteristic before `*`'.replace(/`/g, ''),
  );
  await app.page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
});

test("a group's page lists its members unrolled through nested groups, with the path of each (§2.11, §4.7)", async ({
  app,
}) => {
  await app.navigator.select('Group', 'Operators');
  await expect(app.inspector.name).toHaveText('Operators');
  const unrolled = app.inspector.root.getByRole('region', { name: 'Unrolled members' });
  // alice is in DataAnalysts, which is nested in Operators: a member through the nesting.
  await expect(unrolled.getByLabel('Path of alice')).toHaveText('alice → DataAnalysts → Operators');
  await expect(unrolled.getByRole('button', { name: 'Show User bob' })).toBeVisible();
  const units = app.inspector.root.getByRole('region', { name: 'Organizational units' });
  await expect(units).toContainText('Plant:Plant');
  const entries = app.inspector.root.getByRole('region', { name: 'Entries naming Operators' });
  await expect(entries).toContainText(
    'instance(SensorTemplate) · ServiceInvoke · * · Allow · group Operators',
  );
  await shoot(app, 'principal-group');
  // Each entry links to its place.
  await entries
    .getByRole('button', { name: 'Go to template SensorTemplate (instance(SensorTemplate))' })
    .first()
    .click();
  await expect(app.inspector.name).toHaveText('SensorTemplate');

  // A user: the built-in Users group is marked as a membership that cannot be undone.
  await app.page.setViewportSize({ width: 1440, height: 900 });
  await app.navigator.select('User', 'alice');
  await expect(app.inspector.root.getByRole('note')).toContainText(
    'every user is a member of Users',
  );
  await expect(
    app.inspector.root.getByRole('button', { name: 'Remove alice from Users' }),
  ).toHaveCount(0);
  await expect(
    app.inspector.root.getByRole('button', { name: 'Remove alice from DataAnalysts' }),
  ).toBeVisible();
  await expect(
    app.inspector.root
      .getByRole('region', { name: 'Groups through nesting' })
      .getByLabel('Path of Operators'),
  ).toHaveText('alice → DataAnalysts → Operators');
});

test('Ask on an equipment-caused 403 names the context-manager call that wrote the Deny and leads to the Equipment view (§7.14, §7.15)', async ({
  app,
}) => {
  const { page } = app;
  const r = await page.evaluate(
    async text => {
      const res = await fetch('/api/project:import-model', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text, fileName: 'smart-factory.yaml' }),
      });
      return (await res.json()) as { ok: boolean; error?: { message: string } };
    },
    readFileSync('assets/demos/smart-factory.yaml', 'utf8'),
  );
  expect(r.error?.message ?? '', 'project:import-model').toBe('');
  await app.waitIdle();
  await expect(app.projectName).toContainText('Smart factory');

  await app.ask.askAs('op1', 'PUT /Thingworx/Things/Filler1/Properties/setpoint');
  await expect(app.ask.status).toContainText('403');
  const written = app.ask.answer.getByLabel('Written by the context manager');
  await expect(written).toContainText(
    'This Deny was written by PropagateUserGroupPermissionsOnEntities(Operators, Read) from PackLine in DefaultContext',
  );
  await written.scrollIntoViewIfNeeded();
  await shoot(app, 'ask-written-by');
  await app.page.setViewportSize({ width: 1440, height: 900 });

  await written.getByRole('button', { name: 'Show in the Equipment view' }).click();
  await expect(page.getByRole('tab', { name: 'Equipment' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const details = page.getByRole('region', { name: 'Node details' });
  await expect(details).toContainText('Filler1');
  // Next to the grant, the platform entries it wrote (§7.14).
  await expect(details.getByLabel('Platform entries of Operators')).toContainText(
    'PropertyRead Allow',
  );
  await expect(details.getByLabel('Platform entries of Operators')).toContainText(
    'PropertyWrite Deny',
  );
  // An explicit None and no grant at all look different (§7.18 shows both as no row).
  const node = (name: string) => page.getByRole('treeitem', { name, exact: true });
  await expect(node('Capper1')).toContainText('⊘ None');
  await expect(node('Mixer1')).toContainText('no grant');
  await shoot(app, 'equipment-written');
});
