// Accessibility: axe-core over the main views of both demos in Chromium (Ask with an answer, Saved
// requests, Equipment (the flow diagram as a tree), Graph, Matrix, What-if with a diff) and the dialogs (Open, New, Save as, Import, Export,
// Export to ThingWorx), against the real server and SQLite projects: no critical or serious
// violation. axe-core is injected once per page by Playwright's own evaluation, which the app's CSP
// does not govern (the CSP stays as strict as it ships), and run on each view in place: the app is
// a single page, so the injected engine stays. (AxeBuilder of @axe-core/playwright re-injects per
// run and finishes each run in a second page: over a minute per view on a busy CI machine.)
import path from 'node:path';
import type { Page } from '@playwright/test';
import axe from 'axe-core';
import { expect, test } from '../fixtures';
import type { AppPage } from '../page-models/app-page';
import { WhatIfPage } from '../page-models/whatif';
import { SMART_FACTORY, writeDemoProject } from '../projects';

/** Critical and serious violations on the page as it is, one line each (rule, target, summary). */
async function violations(page: Page, view: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const found = await page.evaluate(async () => {
    const engine = (window as unknown as { axe: typeof axe }).axe;
    const r = await engine.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter(v => v.impact === 'critical' || v.impact === 'serious')
      .flatMap(v =>
        v.nodes.map(n => `${v.id} (${v.impact}) ${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
      );
  });
  return found.map(f => `${view}: ${f}`);
}

/** axe on the Ask view with an answer, Saved requests, Equipment, Graph, Matrix and the What-if diff. */
async function auditViews(
  app: AppPage,
  page: Page,
  member: string,
  group: string,
): Promise<string[]> {
  const found: string[] = [];
  await page.getByRole('tab', { name: /^Ask/ }).click();
  await app.ask.askButton.click();
  await expect(app.ask.status).toBeVisible();
  await app.waitIdle();
  found.push(...(await violations(page, 'Ask')));
  for (const tab of ['Saved requests', 'Equipment', 'Graph', 'Matrix']) {
    await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
    await app.waitIdle();
    found.push(...(await violations(page, tab)));
  }
  const w = new WhatIfPage(page);
  await w.open();
  await w.addChange({ what: 'Group membership', member, group });
  await expect(w.counts).toBeVisible();
  await app.waitIdle();
  found.push(...(await violations(page, 'What-if')));
  return found;
}

test('no critical or serious axe violation on the views and dialogs of the sensor demo', async ({
  app,
  page,
}) => {
  const found = await auditViews(app, page, 'user:dana', 'DataAnalysts');
  await page.getByRole('button', { name: 'Export to ThingWorx…' }).click();
  await expect(page.getByLabel('Export preview')).toBeVisible();
  found.push(...(await violations(page, 'Export to ThingWorx dialog')));
  await page.keyboard.press('Escape');
  const banner = page.getByRole('banner');
  for (const button of ['Open…', 'New…', 'Save as…', 'Import…', 'Export…']) {
    await banner.getByRole('button', { name: button }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    found.push(...(await violations(page, `${button} dialog`)));
    // Escape closes every dialog.
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  }
  expect(found).toEqual([]);
});

test('no critical or serious axe violation on the views of the smart-factory demo', async ({
  app,
  page,
  server,
}) => {
  await app.openProject(
    writeDemoProject(path.join(server.dataDir, 'factory.permsim'), SMART_FACTORY),
  );
  await expect(app.projectName).toHaveText('Smart factory (ThingWorx Apps contexts)');
  expect(await auditViews(app, page, 'user:visitor', 'Administrators')).toEqual([]);
});
