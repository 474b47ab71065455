// Saved requests as a working tool, against the real server and SQLite project: a request is saved
// from Ask with its answer as the expectation; after the model changes, a failing row's actual
// answer is accepted as expected, then every failing row's at once, and Undo brings the previous
// expectations back (one edit each).
import { expect, test } from '../fixtures';

test('save from Ask, accept actual per row and for all failing rows, undo', async ({
  app,
  page,
}) => {
  // The seed question is in the form on first run: 403 for alice (§9.6).
  await app.ask.askButton.click();
  await expect(app.ask.status).toContainText('403');
  await page.getByRole('button', { name: 'Save this request' }).click();
  await app.waitIdle();
  const tab = page.getByRole('tab', { name: /Saved requests/ });
  await expect(tab).toContainText('17');
  await tab.click();
  const table = page.getByRole('table', { name: 'Saved requests' });
  const row17 = table.getByRole('row', { name: /^Request 17:/ });
  await expect(row17).toHaveAccessibleName('Request 17: ✓ pass');
  await expect(row17.getByRole('cell').nth(3)).toHaveText('403');

  // Removing the deny that decided changes alice's answer: the rows that expected 403 now fail.
  await app.navigator.select('Thing', 'SensorDataStream');
  await app.inspector
    .removeButton('Deny ServiceInvoke on GetDataStream for group:DataAnalysts')
    .click();
  await app.waitIdle();
  await tab.click();
  await expect(row17).toHaveAccessibleName('Request 17: ✗ fail');
  const failing = table.getByRole('row', { name: /✗ fail$/ });
  const before = await failing.count();
  expect(before).toBeGreaterThan(1);
  await app.screenshot('saved-requests-failing');

  await row17.getByRole('button', { name: /Accept the actual answer of request 17/ }).click();
  await app.waitIdle();
  await expect(row17).toHaveAccessibleName('Request 17: ✓ pass');
  await expect(failing).toHaveCount(before - 1);

  await page.getByRole('button', { name: /^Accept actual as expected for all/ }).click();
  await app.waitIdle();
  await expect(failing).toHaveCount(0);
  await app.screenshot('saved-requests-accepted');

  // Undo takes back the "all failing" edit: the same rows fail again; request 17 keeps its accept.
  await app.undo();
  await tab.click();
  await expect(failing).toHaveCount(before - 1);
  await expect(row17).toHaveAccessibleName('Request 17: ✓ pass');
});
