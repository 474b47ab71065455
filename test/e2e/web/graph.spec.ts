// The role-inheritance graph (docs/architecture.md "Views") against the real server and the bundled demo
// (assets/demos/sensor-datastream.yaml): alice is in DataAnalysts, nested in Operators; a Thing-level
// deny for DataAnalysts on GetDataStream beats the template's instance allow for Operators (§9.6,
// §2.10). Screenshots land in test-results/screenshots/ and are looked at for legibility.
import { readFile } from 'node:fs/promises';
import { expect, test } from '../fixtures';

const SEED = 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream';

test('a user neighbourhood shows groups, units and allow/deny entries distinctly', async ({
  app,
  page,
}) => {
  await page.getByRole('tab', { name: 'Graph' }).click();
  await page.getByLabel('Focus type').selectOption('user');
  await page.getByLabel('Focus name').fill('alice');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  const canvas = page.locator('.graph-canvas');
  await expect(canvas).toHaveAttribute('data-layout-engine', /elk-layered|d3-hierarchy/);
  // Nested membership alice -> DataAnalysts -> Operators (§3.4, §2.11).
  await expect(page.locator('[data-node-id="group:DataAnalysts"]')).toBeAttached();
  await expect(page.locator('[data-node-id="group:Operators"]')).toBeAttached();
  await expect(page.locator('[data-node-id="unit:Plant/LineA"]')).toBeAttached();
  // The deny is drawn red and dashed; allows are solid.
  const deny = page.locator('.react-flow__edge.edge-deny').first();
  await expect(deny).toHaveCount(1);
  await expect(deny.locator('path.react-flow__edge-path')).toHaveAttribute(
    'style',
    /stroke-dasharray: 7(px)?,? 4/,
  );
  await expect(page.locator('.react-flow__edge.edge-allow').first()).toBeAttached();
  await expect(page.getByText('Deny ServiceInvoke · GetDataStream · entity')).toBeAttached();
  await app.waitIdle();
  await app.screenshot('graph-user-alice');

  // An edge explains itself in ThingWorx terms.
  await deny.dispatchEvent('click');
  await expect(page.getByLabel('Edge help')).toContainText(
    'A deny beats every allow at the same level',
  );
  // A node opens the inspector.
  await page.locator('[data-node-id="group:Operators"]').dispatchEvent('click');
  await expect(app.inspector.name).toHaveText('Operators');
});

test('edges explain themselves by keyboard: Tab reaches an edge and its help shows', async ({
  app,
  page,
}) => {
  await page.getByRole('tab', { name: 'Graph' }).click();
  await page.getByLabel('Focus type').selectOption('user');
  await page.getByLabel('Focus name').fill('alice');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.locator('.graph-flow[data-opened-zoom]')).toBeAttached();
  // From the Show button, Tab walks into the canvas; the edges come before the nodes.
  await page.getByRole('button', { name: 'Show', exact: true }).focus();
  const onEdge = () =>
    page.evaluate(`document.activeElement?.classList.contains('react-flow__edge') ?? false`);
  let steps = 0;
  while (!(await onEdge()) && steps < 40) {
    await page.keyboard.press('Tab');
    steps++;
  }
  expect(await onEdge(), 'an edge takes the keyboard focus').toBe(true);
  const help = page.getByLabel('Edge help');
  await expect(help).toBeVisible();
  // The help shown is the focused edge's: that edge is the selected one.
  const focusedAndSelected = page.locator('.react-flow__edge.edge-selected:focus');
  await expect(focusedAndSelected).toHaveCount(1);
  const firstId = await focusedAndSelected.getAttribute('data-id');
  await expect(help.locator('h4')).not.toBeEmpty();
  // The next Tab moves to the next edge, and the help follows it.
  await page.keyboard.press('Tab');
  expect(await onEdge()).toBe(true);
  await expect(focusedAndSelected).toHaveCount(1);
  await expect(focusedAndSelected).not.toHaveAttribute('data-id', firstId ?? '');
  await app.screenshot('graph-edge-keyboard');
  await app.waitIdle();
});

test('an entity neighbourhood shows its template chain, shapes and grantees', async ({
  app,
  page,
}) => {
  await page.getByRole('tab', { name: 'Graph' }).click();
  await page.getByLabel('Focus type').selectOption('thing');
  await page.getByLabel('Focus name').fill('SensorDataStream');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.locator('[data-node-id="template:SensorTemplate"]')).toBeAttached();
  await expect(page.locator('[data-node-id="group:DataAnalysts"]')).toBeAttached();
  await expect(page.locator('[data-node-id="collection:Things"]')).toBeAttached();
  await app.waitIdle();
  await app.screenshot('graph-thing-sensordatastream');
});

test('"Show in graph" from the Ask view highlights the deciding path and the entry that lost', async ({
  app,
  page,
}) => {
  await app.ask.askAs('alice', SEED);
  await expect(app.ask.status).toContainText('403');
  await page.getByRole('button', { name: 'Show in graph' }).click();
  await expect(page.getByRole('tab', { name: 'Graph' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Graph status')).toContainText('why alice gets 403');
  // user -> DataAnalysts -> deny entry at entity level -> SensorDataStream (§9.6).
  for (const id of ['user:alice', 'group:DataAnalysts', 'thing:SensorDataStream'])
    await expect(page.locator(`[data-node-id="${id}"]`)).toHaveClass(/mark-path/);
  await expect(page.locator('.react-flow__edge.edge-deny.edge-path')).toHaveCount(1);
  // The template instance allow for Operators existed and lost.
  await expect(page.locator('.react-flow__edge.edge-lost')).toHaveCount(1);
  await expect(
    page
      .getByText('lost: Allow PropertyRead, ServiceInvoke · * · instance')
      .or(page.getByText('lost: Allow ServiceInvoke · * · instance')),
  ).toBeVisible();
  await app.waitIdle();
  await app.screenshot('graph-decision-path-403');
});

test('the graph exports as SVG and PNG', async ({ app, page }) => {
  await page.getByRole('tab', { name: 'Graph' }).click();
  await page.getByLabel('Focus name').fill('alice');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.locator('.graph-canvas')).toBeVisible();
  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export SVG' }).click(),
  ]);
  expect(svgDownload.suggestedFilename()).toMatch(/\.svg$/);
  const svg = await readFile(await svgDownload.path(), 'utf8');
  expect(svg).toContain('<svg');
  expect(svg).toContain('DataAnalysts');
  expect(svg).toContain('stroke-dasharray="7 4"');
  const [pngDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export PNG' }).click(),
  ]);
  expect(pngDownload.suggestedFilename()).toMatch(/\.png$/);
  const png = await readFile(await pngDownload.path());
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.length).toBeGreaterThan(5000);
  // Keep the export for a look.
  const viewer = await page.context().newPage();
  await viewer.setContent(
    `<img src="data:image/png;base64,${png.toString('base64')}" style="max-width:100%">`,
  );
  await viewer.screenshot({
    path: 'test-results/screenshots/graph-export-png.png',
    fullPage: true,
  });
  await viewer.close();
  await app.waitIdle();
});

test('an unknown focus is a clear message, not a crash', async ({ app, page }) => {
  await page.getByRole('tab', { name: 'Graph' }).click();
  await page.getByLabel('Focus name').fill('nobody');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.locator('.graph-error')).toContainText("No user named 'nobody' in the model.");
  await app.waitIdle();
});
