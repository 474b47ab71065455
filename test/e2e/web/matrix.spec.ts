// The access matrix (docs/architecture.md "Views") on the bundled demo against the real server: users x Things x
// run-time kinds on `*`, coloured by outcome; a click explains the cell with the engine's words
// (the `*` row of the effective permission table, §9.6). Screenshots are looked at for legibility.
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

/** Clicks the centre of the cell (row, thing, kind) of the heatmap. Geometry: matrix-geometry.ts. */
async function clickCell(page: Page, row: number, thing: number, kind: number, kinds = 5) {
  const box = await page.locator('.matrix-scroll').boundingBox();
  if (!box) throw new Error('no matrix');
  const blockW = kinds * 8 + 3;
  await page.mouse.click(box.x + 150 + thing * blockW + kind * 8 + 4, box.y + 120 + row * 14 + 7);
}

test('the matrix paints every visible cell and a click explains one', async ({ app, page }) => {
  await page.getByRole('tab', { name: 'Matrix' }).click();
  const status = page.getByLabel('Matrix status');
  await expect(status).toContainText('4 users');
  await expect(page.locator('.matrix-stage')).toHaveAttribute('data-first-paint-ms', /\d/);
  await app.waitIdle();
  await app.screenshot('matrix-demo');

  // alice x SensorDataStream x ServiceInvoke on *: the template instance allow for Operators decides on `*`
  // (the Thing-level deny names GetDataStream only, §2.7), so the cell says 200 and names the entry.
  await page.getByLabel('Filter by template').selectOption('SensorTemplate');
  await expect(status).toContainText('× 1 Things');
  await expect(page.locator('.matrix-stage')).toHaveAttribute('data-first-paint-ms', /\d/);
  const panel = page.getByLabel('Cell explanation');
  // The first-paint mark is only there once the re-laid-out heatmap is painted: one click suffices.
  await clickCell(page, 0, 0, 2);
  await expect(panel).toContainText('alice · SensorDataStream');
  await expect(panel).toContainText('ServiceInvoke on *');
  await expect(panel.locator('.matrix-outcome')).toContainText('200');
  await app.screenshot('matrix-cell-explained');
  // From the cell to a real call in the Ask view (engine:ask).
  await panel
    .getByRole('button', { name: /^Ask POST \/Thingworx\/Things\/SensorDataStream\/Services\// })
    .click();
  await expect(page.getByRole('tab', { name: 'Ask' })).toHaveAttribute('aria-selected', 'true');
  await expect(app.ask.status).toBeVisible();
});

test('filters by group and kind shrink the matrix', async ({ app, page }) => {
  await page.getByRole('tab', { name: 'Matrix' }).click();
  const status = page.getByLabel('Matrix status');
  await expect(status).toContainText('4 users');
  await page.getByLabel('Filter by group').selectOption('DataAnalysts');
  await expect(status).toContainText('1 users');
  for (const k of ['PropertyWrite', 'EventInvoke', 'EventSubscribe'])
    await page.getByLabel(k, { exact: true }).uncheck();
  await expect(status).toContainText('× 2 kinds');
  await expect(page.locator('.matrix-stage')).toHaveAttribute('data-first-paint-ms', /\d/);
  // carol is locked: with no filter her row is 401 everywhere (§3.11, §9.1).
  await page.getByLabel('Filter by group').selectOption('');
  await expect(status).toContainText('4 users');
  await expect(page.locator('.matrix-stage')).toHaveAttribute('data-first-paint-ms', /\d/);
  await clickCell(page, 2, 0, 0, 2);
  await expect(page.getByLabel('Cell explanation')).toContainText('carol');
  await expect(page.getByLabel('Cell explanation').locator('.matrix-outcome')).toContainText('401');
  await app.screenshot('matrix-filtered');
});

test('hover then click explains the hovered cell on the first click', async ({ app, page }) => {
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await expect(page.locator('.matrix-stage')).toHaveAttribute('data-first-paint-ms', /\d/);
  await app.waitIdle();
  const box = await page.locator('.matrix-scroll').boundingBox();
  if (!box) throw new Error('no matrix');
  // bob's row (the second), the first Thing, PropertyRead: the point is taken before the hover.
  const x = box.x + 150 + 4;
  const y = box.y + 120 + 1 * 14 + 7;
  await page.mouse.move(x, y);
  const readout = page.getByLabel('Cell under the pointer');
  await expect(readout).toContainText('bob ·');
  expect(await page.locator('.matrix-scroll').boundingBox()).toEqual(box);
  await page.mouse.click(x, y);
  await expect(page.getByLabel('Cell explanation').getByRole('heading')).toContainText('bob ·');
});

test('the matrix can be walked with the keyboard and jumps to a user', async ({ app, page }) => {
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await expect(page.locator('.matrix-stage')).toHaveAttribute('data-first-paint-ms', /\d/);
  await app.waitIdle();
  const matrix = page.getByRole('application', { name: /Access matrix heatmap/ });
  await matrix.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const readout = page.getByLabel('Cell under the pointer');
  await expect(readout).toContainText('carol ·');
  await page.keyboard.press('Enter');
  // carol is locked: 401 everywhere (§3.11, §9.1).
  await expect(page.getByLabel('Cell explanation').locator('.matrix-outcome')).toContainText('401');
  await page.getByLabel('Jump to user or Thing').fill('dana');
  await page.getByRole('button', { name: 'Jump' }).click();
  await expect(readout).toContainText('dana ·');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Cell explanation').getByRole('heading')).toContainText('dana ·');
});
