// The Traffic view (docs/stand-in-server.md "In the app") against the real server: the stand-in
// ThingWorx is started from the app on the demo project, real HTTP requests from this test process
// (Node's fetch) arrive live in the log, the filters narrow it, a row opens the decision with
// the engine's explanation, and ticked rows become saved requests (undoable). Screenshots at 1440x900 and 1024x700 are looked at for legibility.
import { expect, test } from '../fixtures';

const basic = (user: string) => `Basic ${Buffer.from(`${user}:any`).toString('base64')}`;

test('start the stand-in, watch real requests arrive, filter, open one', async ({ app, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('tab', { name: 'Traffic' }).click();
  await page.getByLabel('Port').fill('0');
  await expect(page.getByLabel('Compare with scenario')).toHaveValue('');
  await page.getByRole('button', { name: 'Start stand-in server' }).click();
  const shown = page.getByLabel('Stand-in URL');
  await expect(shown).toContainText(/^http:\/\/127\.0\.0\.1:\d+\/Thingworx$/);
  const base = (await shown.textContent()) ?? '';

  const stream = `${base}/Things/SensorDataStream/Services/GetDataStream`;
  const post = (user: string) =>
    fetch(stream, {
      method: 'POST',
      headers: { Authorization: basic(user), 'Content-Type': 'application/json' },
      body: '{}',
    });
  expect((await post('alice')).status).toBe(403);
  expect((await post('bob')).status).toBe(200);
  const read = await fetch(`${base}/Things/SensorDataStream/Properties/temperature`, {
    headers: { Authorization: basic('dana') },
  });
  expect(read.status).toBe(200);
  expect((await fetch(`${base}/Things/SensorDataStream/Properties/temperature`)).status).toBe(401);

  const rows = page.getByRole('table', { name: 'Requests' }).locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(page.getByText('4 shown of 4 request(s)')).toBeVisible();
  await expect(rows.first()).toContainText('anonymous');
  await expect(rows.nth(2)).toContainText('UNKNOWN');

  await page.getByLabel('Filter by status').selectOption('403');
  await expect(rows).toHaveCount(1);
  await rows.first().click();
  const detail = page.getByLabel('Request explanation');
  await expect(detail.getByLabel('HTTP status')).toContainText('403');
  await expect(detail).toContainText('Not authorized for ServiceInvoke on GetDataStream');
  await expect(detail.getByLabel('Asked call')).toContainText('alice: POST');
  await app.waitIdle();
  await app.screenshot('traffic-1440');

  await page.getByLabel('Filter by status').selectOption('all');
  await page.getByLabel('Filter by caller').fill('dana');
  await expect(rows).toHaveCount(1);
  await page.getByLabel('Filter by caller').fill('');
  await page.getByLabel('Filter by entity').fill('SensorDataStream');
  await expect(rows).toHaveCount(4);

  // Two ticked rows become saved requests in one undoable edit, each expecting the status it got
  // (and passing: the engine gives the same answer in the Saved requests view).
  await page.getByLabel('Tick request 1').check();
  await page.getByLabel('Tick request 2').check();
  await page.getByRole('button', { name: 'Save 2 ticked as requests' }).click();
  await app.waitIdle();
  const savedTab = page.getByRole('tab', { name: /Saved requests/ });
  await expect(savedTab).toContainText('18');
  await savedTab.click();
  const saved = page.getByRole('table', { name: 'Saved requests' });
  await expect(saved.getByRole('row', { name: /^Request 17:/ })).toHaveAccessibleName(
    'Request 17: ✓ pass',
  );
  await expect(saved.getByRole('row', { name: /^Request 18:/ })).toHaveAccessibleName(
    'Request 18: ✓ pass',
  );
  await expect(saved.getByRole('row', { name: /^Request 17:/ })).toContainText('alice');
  await app.undo();
  await expect(savedTab).toContainText('16');
  await page.getByRole('tab', { name: 'Traffic' }).click();
  await expect(page.getByLabel('Tick request 1')).not.toBeChecked();
  await page.setViewportSize({ width: 1024, height: 700 });
  await app.screenshot('traffic-1024');

  await page.getByRole('button', { name: 'Stop stand-in server' }).click();
  await expect(page.getByRole('button', { name: 'Start stand-in server' })).toBeVisible();
  await expect(fetch(stream)).rejects.toThrow();
});
