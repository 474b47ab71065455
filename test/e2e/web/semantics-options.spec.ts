// The semantics options in the app (docs/model-format.md "Semantics", domain reference §9, §11) on
// the sensor demo: choosing another value shows what changes first (a what-if over every user and
// key on every call), Switch saves it as one undoable edit, and Undo switches it back.
import { expect, test } from '../fixtures';

test('switching precedence on the sensor demo, with its what-if, and undo', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('button', { name: 'Semantics…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Semantics options' });
  const precedence = dialog.getByLabel('Which entry decides');
  await expect(precedence).toHaveValue('"level"');

  // §1.8 vs §2.10: the demo's only Deny (Thing level, DataAnalysts) decides under both readings.
  await precedence.selectOption({ label: 'global-deny (any Deny anywhere wins)' });
  const whatif = dialog.getByRole('region', { name: 'What changes if I switch this' });
  await expect(whatif).toContainText(
    'Nothing changes: no user or key gets another answer on any call of this model.',
  );
  await app.screenshot('semantics-precedence-whatif-1440');
  const revision = page.getByRole('banner').getByTitle('Saved revision of the project file');
  const before = (await revision.textContent()) ?? '';
  await whatif.getByRole('button', { name: 'Switch' }).click();
  await app.waitIdle();
  await expect(whatif).toHaveCount(0);
  await expect(precedence).toHaveValue('"global-deny"');
  await expect(revision).not.toHaveText(before);

  // A switch that does change answers lists them: without the Administrators bypass (§3.3).
  await dialog.getByLabel('Administrators bypass every check').selectOption({ label: 'no' });
  await expect(whatif).toContainText(/\d+ answers? change: 0 gained, \d+ revoked/);
  await expect(whatif.getByRole('list', { name: 'Changed answers' })).toContainText(
    'Administrator',
  );
  // The first answers are listed; "and N more" shows the rest.
  const total = Number(/(\d+) answers? change/.exec((await whatif.textContent()) ?? '')?.[1]);
  const listed = whatif.getByRole('list', { name: 'Changed answers' }).getByRole('listitem');
  await expect(listed).toHaveCount(12);
  await whatif.getByRole('button', { name: `and ${total - 12} more: show them all` }).click();
  await expect(listed).toHaveCount(total);
  await expect(whatif.getByRole('button', { name: /more: show/ })).toHaveCount(0);
  await page.setViewportSize({ width: 1024, height: 700 });
  await app.screenshot('semantics-admin-whatif-1024');
  await whatif.getByRole('button', { name: 'Keep as it is' }).click();
  await expect(dialog.getByLabel('Administrators bypass every check')).toHaveValue('true');

  // Undo puts the reading back.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await app.undo();
  await page.getByRole('button', { name: 'Semantics…' }).click();
  await expect(precedence).toHaveValue('"level"');
});
