// The seed question of the support thread: alice (DataAnalysts, nested in Operators) calls
// GetDataStream on SensorDataStream. The Thing-level deny for group:DataAnalysts sits at the entity
// level, which is evaluated before the template's instance allow for Operators (§9.6, §2.10), so
// the deny decides and the answer is 403 with "Not authorized for ServiceInvoke ..." (§5.7).
import { expect, test } from '../fixtures';

const SEED = 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream';

test('asking the seed question shows 403 and the deny entry that decided', async ({ app }) => {
  await app.ask.askAs('alice', SEED);
  await expect(app.ask.status).toContainText('403');
  await expect(app.ask.body).toContainText(
    'Not authorized for ServiceInvoke on GetDataStream in SensorDataStream',
  );
  await expect(app.ask.runtimeDeciding).toContainText(
    'entity(SensorDataStream) · ServiceInvoke · GetDataStream · Deny · group:DataAnalysts',
  );
  // The template's instance allow for Operators existed for alice's principals and lost (§9.6).
  await expect(app.ask.runtimeLosing).toContainText(
    'instance(SensorTemplate) · ServiceInvoke · * · Allow · group:Operators',
  );
  await expect(app.ask.steps.filter({ hasText: '§9.6' }).first()).toBeVisible();
  await app.screenshot('ask-403');

  // The README picture: the answer, the deciding step in view, and the entry in the inspector.
  await app.navigator.select('Thing', 'SensorDataStream');
  await expect(
    app.inspector.removeButton('Deny ServiceInvoke on GetDataStream for group:DataAnalysts'),
  ).toBeVisible();
  await app.waitIdle();
  await app.ask.step('Run-time check').scrollIntoViewIfNeeded();
  await app.screenshot('ask-403-with-inspector');
});

test('a link in an explanation step selects the element in the inspector', async ({ app }) => {
  await app.ask.askAs('alice', SEED);
  await expect(app.ask.status).toContainText('403');
  await app.ask.answer.getByRole('button', { name: 'Show group DataAnalysts' }).first().click();
  await expect(app.inspector.name).toHaveText('DataAnalysts');
  await expect(app.navigator.item('Group', 'DataAnalysts')).toHaveAttribute('aria-current', 'true');
});

test('the call box suggests entities and characteristics from the model', async ({ app }) => {
  await app.ask.call.fill('POST /Thingworx/Things/Sens');
  await expect(
    app.ask.suggestions.getByRole('option', { name: /SensorDataStream/ }).first(),
  ).toBeVisible();
  await app.screenshot('ask-autocomplete');
});

test('bad input in the Ask form is explained, not sent', async ({ app }) => {
  await app.ask.call.fill('FETCH /Thingworx/Things/SensorDataStream');
  await app.ask.askButton.click();
  await expect(app.ask.form.getByRole('alert')).toContainText('Unknown HTTP method "FETCH"');
  await expect(app.ask.answer).toHaveCount(0);
});

test('a call without credentials is answered 401 (§9.1)', async ({ app }) => {
  await app.ask.form.getByRole('radio', { name: 'No auth' }).check();
  await app.ask.call.fill('GET /Thingworx/Things/SensorDataStream/Properties/temperature');
  await app.ask.askButton.click();
  await expect(app.ask.status).toContainText('401');
});
