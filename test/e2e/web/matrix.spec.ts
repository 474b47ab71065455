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
  // From the cell to a real call in the Ask view (engine:ask): a service that answers as `*` does
  // (GetDataStream, the override, has a button of its own in the panel's override list).
  await panel
    .getByRole('button', {
      name: 'Ask POST /Thingworx/Things/SensorDataStream/Services/GetSensorSummary',
    })
    .click();
  await expect(page.getByRole('tab', { name: 'Ask' })).toHaveAttribute('aria-selected', 'true');
  await expect(app.ask.status).toContainText('200');
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

/** Share of near-white pixels in the canvas cell (row, thing, kind): the override hatch (paint.ts). */
async function whiteShare(page: Page, row: number, thing: number, kind: number, kinds = 5) {
  return page.locator('.matrix-canvas').evaluate(
    (el, at) => {
      const cv = el as HTMLCanvasElement;
      const ctx = cv.getContext('2d');
      if (!ctx) return -1;
      const dpr = cv.width / cv.clientWidth;
      const x = (150 + at.thing * (at.kinds * 8 + 3) + at.kind * 8) * dpr;
      const y = (120 + at.row * 14 + 1) * dpr;
      const data = ctx.getImageData(x, y, 7 * dpr, 12 * dpr).data;
      let white = 0;
      for (let i = 0; i < data.length; i += 4)
        if ((data[i] as number) > 200 && (data[i + 1] as number) > 200) white++;
      return white / (data.length / 4);
    },
    { row, thing, kind, kinds },
  );
}

test('a cell whose named service answers otherwise is hatched and its panel lists the override', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('tab', { name: 'Matrix' }).click();
  const status = page.getByLabel('Matrix status');
  await page.getByLabel('Filter by template').selectOption('SensorTemplate');
  await expect(status).toContainText('× 1 Things');
  await expect(page.locator('.matrix-stage')).toHaveAttribute('data-first-paint-ms', /\d/);
  await expect(page.getByLabel('Legend')).toContainText('override');

  // alice x SensorDataStream x ServiceInvoke: 200 on `*` (the template-instance Allow for
  // Operators), but the Thing-level Deny names GetDataStream (§2.7, §2.9): hatched.
  expect(await whiteShare(page, 0, 0, 2)).toBeGreaterThan(0.1);
  // Her PropertyRead cell has no override: plain colour, no stripes.
  expect(await whiteShare(page, 0, 0, 0)).toBe(0);
  const box = await page.locator('.matrix-scroll').boundingBox();
  if (!box) throw new Error('no matrix');
  await page.mouse.move(box.x + 150 + 2 * 8 + 4, box.y + 120 + 7);
  await expect(page.getByLabel('Cell under the pointer')).toContainText(
    'alice · SensorDataStream · ServiceInvoke: 200',
  );
  await expect(page.getByLabel('Cell under the pointer')).toContainText('override');

  await clickCell(page, 0, 0, 2);
  const panel = page.getByLabel('Cell explanation');
  await expect(panel.locator('.matrix-outcome')).toContainText('200');
  const overrides = panel.getByLabel('Overrides');
  await expect(overrides).toContainText('1 characteristic answers otherwise');
  await expect(overrides.getByRole('listitem')).toHaveCount(1);
  await expect(overrides.getByRole('listitem')).toContainText('GetDataStream');
  await expect(overrides.getByRole('listitem')).toContainText('403 denied');
  await app.waitIdle();
  await app.screenshot('matrix-override-1440');
  await page.setViewportSize({ width: 1024, height: 700 });
  // The legend wraps instead of running off the toolbar; the panel scrolls to its overrides.
  await expect(page.getByLabel('Legend').getByText('override')).toBeInViewport();
  await overrides.scrollIntoViewIfNeeded();
  await expect(overrides.getByRole('listitem')).toBeInViewport();
  await app.screenshot('matrix-override-1024');

  // The override asked as a real call: 403 in the Ask view.
  await overrides
    .getByRole('button', {
      name: 'Ask POST /Thingworx/Things/SensorDataStream/Services/GetDataStream',
    })
    .click();
  await expect(page.getByRole('tab', { name: 'Ask' })).toHaveAttribute('aria-selected', 'true');
  await expect(app.ask.status).toContainText('403');
});
