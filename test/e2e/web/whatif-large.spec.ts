// The What-if workbench on a generated deployment (bench/generator.ts, size S: 201 users, ~6,500
// Things) served from a real SQLite project file: the typical change of docs/benchmarks.md "What-if diff" (an Allow on a
// template's instances for a group, §2.3, §2.11) changes thousands of cells. The workbench lists them
// all through the summary (virtualised table, pages from the real server), filters them by
// rectangle and text, and explains any one on demand. The oracle is the full before/after diff
// (`diffModels`, every changed cell evaluated with explanations) computed here on the same model.
import { applyChange, callerKey, diffModels } from '../../../shared/whatif';
import type { WhatIfChange, WhatIfDiff } from '../../../shared/whatif';
import { expect, test } from '../fixtures';
import { WhatIfPage } from '../page-models/whatif';
import { generatedProject } from '../projects';

const { file: projectPath, model } = generatedProject('S', 42, 'permsim-e2e-large-');
// bench/whatif.ts picks this change at S, seed 42 (docs/benchmarks.md): 10 members of Grp0004
// gain EventInvoke on the 198 Things of Tpl0001.
const change: WhatIfChange = {
  type: 'add-entry',
  target: { level: 'instance', template: 'Tpl0001' },
  entry: {
    family: 'runtime',
    kind: 'EventInvoke',
    resource: '*',
    principal: { type: 'group', name: 'Grp0004' },
    allow: true,
  },
};
let full: WhatIfDiff;

test.use({ serveProject: projectPath });

test.beforeAll(() => {
  const applied = applyChange(model, change);
  if (!applied.ok) throw new Error(applied.message);
  const d = diffModels(model, applied.model, { kind: 'affected' }, { maxCells: 1e9 });
  if (!d.ok) throw new Error(d.error.message);
  full = d.value;
});

const n = (x: number) => x.toLocaleString('en-US');
/** The filter bar's count, as the workbench words it. */
const shownText = (matching: number, total: number) =>
  matching === total ? `${n(total)} changed cells` : `${n(matching)} of ${n(total)} changed cells`;
const rowName = (c: WhatIfDiff['cells'][number]) =>
  `${c.caller.type === 'user' ? c.caller.name : `appKey ${c.caller.name}`} ${c.call}: ${c.before.status} to ${c.after.status}, ${c.change}`;

test('thousands of changed cells: counts, blast radius, a scrolled virtual table, filters and one cell explained, as the full diff says', async ({
  app,
  page,
}) => {
  test.setTimeout(90_000);
  expect(full.counts.total).toBeGreaterThan(1000);
  const w = new WhatIfPage(page);
  await w.open();
  await w.addChange({
    level: 'Template instances',
    target: 'Tpl0001',
    effect: 'Allow',
    kind: 'EventInvoke',
    resource: '*',
    principal: 'group:Grp0004',
  });
  await expect(w.changes).toHaveCount(1);
  await app.waitIdle();

  const total = full.counts.total;
  await expect(w.counts).toHaveText(
    new RegExp(`${total.toLocaleString('en-US')} gained\\s*0 revoked\\s*0 changed\\s*0 unknown`),
  );
  await expect(w.rectangles).toHaveCount(full.blastRadius.length);
  await expect(w.diffTable).toHaveAttribute('aria-rowcount', String(total + 1));
  // Only the rows on screen exist in the DOM.
  expect(await w.diffRows.count()).toBeLessThan(100);
  const names = await w.rowNames();
  expect(names[0]).toBe(rowName(full.cells[0] as WhatIfDiff['cells'][number]));
  await app.screenshot('whatif-large-diff');

  // Scrolled to the end, the last row is the full diff's last cell (fetched page by page).
  const scroller = page.locator('.diff-scroll');
  await scroller.evaluate(el => (el.scrollTop = el.scrollHeight));
  const last = w.diffTable.locator(`tr[aria-rowindex="${total + 1}"]`);
  await expect(last).toHaveAttribute(
    'aria-label',
    rowName(full.cells[total - 1] as WhatIfDiff['cells'][number]),
  );
  await app.screenshot('whatif-large-scrolled');

  // A rectangle of the blast radius lists exactly its cells.
  const rect = full.blastRadius[full.blastRadius.length - 1];
  if (!rect) throw new Error('no rectangle');
  await w.rectangles.last().click();
  await app.waitIdle();
  const filter = page.getByRole('group', { name: 'Filter changed cells' });
  await expect(
    filter.getByRole('button', { name: `Rectangle ${full.blastRadius.length} ×` }),
  ).toBeVisible();
  await expect(filter).toContainText(shownText(rect.cells, total));
  await expect(w.rectangles.last()).toHaveAttribute('aria-current', 'true');
  for (const n of await w.rowNames()) expect(rect.callers).toContain(`user:${n.split(' ')[0]}`);
  await filter.getByRole('button', { name: `Rectangle ${full.blastRadius.length} ×` }).click();
  await app.waitIdle();

  // Text filter: one user's cells only.
  const someone = full.cells[Math.floor(total / 2)]?.caller;
  if (!someone) throw new Error('no caller');
  const theirs = full.cells.filter(c => callerKey(c.caller) === callerKey(someone));
  await filter.getByLabel('Filter by caller or call').fill(someone.name);
  await expect(filter).toContainText(shownText(theirs.length, total));
  const shown = await w.rowNames();
  expect(shown[0]).toBe(rowName(theirs[0] as WhatIfDiff['cells'][number]));

  // One cell explained on demand, as the full diff explains it.
  const cell = theirs[0] as WhatIfDiff['cells'][number];
  await w.diffRows.first().click();
  await expect(w.cellExplanation.getByLabel('Before', { exact: true })).toContainText(
    cell.before.deciding,
  );
  await expect(w.cellExplanation.getByLabel('After', { exact: true })).toContainText(
    cell.after.deciding,
  );
  await w.cellExplanation.scrollIntoViewIfNeeded();
  await app.screenshot('whatif-large-cell');
});
