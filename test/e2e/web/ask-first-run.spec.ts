// The Ask view on first run and when a question fails, against the real server: the demo opens with
// its seed question in the form (alice, GetDataStream), a question the backend cannot answer leaves
// no earlier answer on screen and speaks without internal call names, and a 405 (the method, not a
// permission, §5.10) offers no fix suggestions.
import { expect, test } from '../fixtures';

const SEED = 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream';

test('first run asks the seed question; a failed question clears the answer', async ({
  app,
  page,
}) => {
  await expect(app.ask.call).toHaveValue(SEED);
  await expect(app.ask.user).toHaveValue('alice');
  await app.ask.askButton.click();
  await expect(app.ask.status).toContainText('403');

  await app.ask.call.fill('GET /Foo');
  await app.ask.call.press('Escape');
  await app.ask.askButton.click();
  const noAnswer = page.getByRole('alert', { name: 'No answer' });
  await expect(noAnswer).toContainText('is not a ThingWorx REST path');
  await expect(noAnswer).not.toContainText('engine:ask');
  await expect(app.ask.answer).toHaveCount(0);
  await app.screenshot('ask-failed-question');

  // Asked again with a good call, the error goes and the answer comes back.
  await app.ask.call.fill('PATCH /Thingworx/Things/SensorDataStream');
  await app.ask.call.press('Escape');
  await app.ask.askButton.click();
  await expect(app.ask.status).toContainText('405');
  await expect(noAnswer).toHaveCount(0);
  await expect(app.ask.answer.getByRole('button', { name: 'Suggest fixes' })).toHaveCount(0);
});
