// The layout from 1024x700 up: every tab can be clicked (no panel sits over it), the navigator and
// the inspector fold away to give the view room, and every view is photographed at that size.
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

test.use({ viewport: { width: 1024, height: 700 } });

const TABS = ['Ask', 'Saved requests', 'Equipment', 'Graph', 'Matrix', 'What-if'];

/** True when the element's centre is not covered by anything else (a panel, a dialog). */
async function uncovered(page: Page, name: string): Promise<boolean> {
  const tab = page.getByRole('tab', { name: new RegExp(`^${name}`) });
  return tab.evaluate(el => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return hit !== null && (hit === el || el.contains(hit));
  });
}

test('every view at 1024x700, with the tabs free and the panels foldable', async ({
  app,
  page,
}) => {
  // An element in the inspector: the panel that used to cover the tabs is open.
  await app.navigator.select('Thing', 'SensorDataStream');
  await app.waitIdle();
  for (const name of TABS) {
    expect(await uncovered(page, name), `tab ${name} is not covered`).toBe(true);
    await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
    await app.waitIdle();
    await app.screenshot(`layout-1024-${name.toLowerCase().replace(/\W+/g, '-')}`);
  }

  // Folding both side panels gives the view the whole width.
  await page.getByRole('tab', { name: 'Ask' }).click();
  const center = page.locator('main.center');
  const before = (await center.boundingBox())?.width ?? 0;
  await page.getByRole('button', { name: 'Hide navigator' }).click();
  await page.getByRole('button', { name: 'Hide inspector' }).click();
  const after = (await center.boundingBox())?.width ?? 0;
  expect(after).toBeGreaterThan(before + 300);
  await expect(page.getByRole('navigation', { name: 'Project navigator' })).toBeHidden();
  await app.screenshot('layout-1024-panels-folded');
  await page.getByRole('button', { name: 'Show navigator' }).click();
  await expect(app.navigator.item('Thing', 'SensorDataStream')).toBeVisible();
});
