// Teaching the seed question step by step (domain reference §9): the Ask view's pipeline bar reveals
// the explanation one stage at a time (buttons and arrow keys), the stage shown lights up its
// elements in the inspector and the graph, and an element picked in the navigator or clicked in the
// graph marks the stages and the explanation steps that name it. Presenter mode: larger type and no side panels, at 1440x900 and 1024x700.
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

const SEED = 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream';

test('step by step through the seed question, with cross-highlighting', async ({ app }) => {
  const { page } = app;
  await app.ask.askAs('alice', SEED);
  await expect(app.ask.status).toContainText('403');
  await page.getByRole('button', { name: 'Step by step' }).click();
  const bar = page.getByRole('toolbar', { name: 'Step by step' });
  const stage = (name: string) => bar.getByRole('button', { name, exact: true });
  await expect(stage('Authentication')).toHaveAttribute('aria-current', 'step');
  await expect(app.ask.steps).toHaveCount(1);

  // Next reveals the principals: alice and her groups light up; the inspector shows alice.
  await bar.getByRole('button', { name: 'Next ›' }).click();
  await expect(stage('Principals')).toHaveAttribute('aria-current', 'step');
  await expect(app.ask.steps).toHaveCount(2);
  await expect(app.inspector.name).toHaveText('alice');
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toHaveClass(/highlight/);

  // The arrow keys move along the bar; the last stage is the run-time check that denied (§9.6).
  await stage('Principals').focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(stage('Design/Run time')).toHaveAttribute('aria-current', 'step');
  await expect(stage('Design/Run time')).toHaveClass(/fail/);
  await expect(app.ask.step('Run-time check')).toBeVisible();
  await expect(app.inspector.name).toHaveText('SensorDataStream');

  // The other way: showing group DataAnalysts in the inspector marks the stages that name it.
  await app.navigator.select('Group', 'DataAnalysts');
  await expect(stage('Principals')).toHaveClass(/linked/);
  await expect(stage('Authentication')).not.toHaveClass(/linked/);

  // Clicking a stage goes back to it; the graph lights up the same elements.
  await stage('Visibility').click();
  await expect(app.ask.step('Run-time check')).toHaveCount(0);
  await app.screenshot('step-by-step-visibility');
  await page.getByRole('button', { name: 'Show in graph' }).click();
  // Visibility came from SensorTemplate's Visibility Instance set (unit Plant:Plant).
  await expect(page.locator('[data-node-id="template:SensorTemplate"]')).toHaveClass(/highlight/);
  await expect(page.locator('[data-node-id="group:DataAnalysts"]')).not.toHaveClass(/highlight/);

  // Clicking a node of the graph shows it in the inspector; back in Ask, the stage shown is kept and
  // the stages and steps that name SensorTemplate (its lookup §9.4, its Visibility Instance set §9.5) are marked.
  await page.locator('[data-node-id="template:SensorTemplate"]').click();
  await expect(app.inspector.name).toHaveText('SensorTemplate');
  await page.getByRole('tab', { name: 'Ask' }).click();
  await expect(stage('Visibility')).toHaveAttribute('aria-current', 'step');
  await expect(stage('Visibility')).toHaveClass(/linked/);
  await expect(stage('Lookup')).toHaveClass(/linked/);
  await expect(stage('Principals')).not.toHaveClass(/linked/);
  await expect(app.ask.step('Entity lookup')).toHaveClass(/linked/);
  await expect(app.ask.step('Visibility')).toContainText('names SensorTemplate');
  await expect(app.ask.step('Authentication')).not.toHaveClass(/linked/);
  await app.screenshot('step-by-step-linked-from-graph');
});

/** Whether the page itself can scroll: everything must fit the window, each panel scrolls on its own. */
const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);

test('presenter mode: larger type, side panels hidden', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1440, height: 900 });
  await app.ask.askAs('alice', SEED);
  await expect(app.ask.status).toContainText('403');
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toHaveCount(0);
  await expect(page.locator('#project-navigator')).toHaveCount(0);
  await page.getByRole('button', { name: 'Step by step' }).click();
  await app.screenshot('presenter-ask-1440');

  // At 1024x700 the bar keeps one line: Previous and Next at both ends, the stages scroll between
  // them and the stage shown stays in view.
  await page.setViewportSize({ width: 1024, height: 700 });
  const bar = page.getByRole('toolbar', { name: 'Step by step' });
  const next = bar.getByRole('button', { name: 'Next ›' });
  const previous = bar.getByRole('button', { name: '‹ Previous' });
  for (let i = 0; i < 5; i++) await next.click();
  await expect(bar.getByRole('button', { name: 'Design/Run time' })).toHaveAttribute(
    'aria-current',
    'step',
  );
  await expect(bar.getByRole('button', { name: 'Design/Run time' })).toBeInViewport({
    ratio: 0.95,
  });
  const [n, p] = [await next.boundingBox(), await previous.boundingBox()];
  expect(n && p && Math.abs(n.y - p.y)).toBe(0);
  await app.screenshot('presenter-ask-1024');

  // The graph of the answer fits whole: no toolbar rows or legend take its height, nothing is cut.
  await page.getByRole('button', { name: 'Show in graph' }).click();
  const canvas = page.locator('.graph-canvas');
  // The layout runs in a worker; the canvas marks when its opening view is set.
  await expect(page.locator('.graph-flow[data-opened-zoom]')).toBeAttached({ timeout: 30_000 });
  await expect(page.locator('[data-node-id="template:SensorTemplate"]')).toBeVisible();
  const box = await canvas.boundingBox();
  for (const node of await page.locator('.graph-node').all()) {
    const b = await node.boundingBox();
    expect(b && box && b.y >= box.y && b.y + b.height <= box.y + box.height).toBe(true);
  }
  expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
  await app.screenshot('presenter-graph-1024');

  // Back in Ask after a wheel over the graph, nothing has moved the page.
  await page.mouse.move(500, 600);
  await page.mouse.wheel(0, 400);
  await page.getByRole('tab', { name: 'Ask' }).click();
  await expect(bar).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
});

test('at 1024x700 with both side panels the page never scrolls, the panels do', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
  expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
  await page.getByRole('tab', { name: 'Graph' }).click();
  await expect(page.getByRole('status', { name: 'Graph status' })).toBeVisible();
  // The navigator's rows below its fold used to stretch the page (their screen-reader labels were
  // placed against the page), so a wheel over the graph scrolled the whole app.
  expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
  await page.mouse.move(500, 650);
  await page.mouse.wheel(0, 400);
  await page.getByRole('tab', { name: 'Ask' }).click();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});
