// A what-if at size M (bench/generator.ts: 2,000 users, ~10,000 Things) served from a real SQLite
// project: the typical change of docs/benchmarks.md (an Allow on Tpl0002's instances for Grp0094)
// changes ~100,000 cells. The workbench shows the counts and the first rows as soon as the summary
// is known, without listing every changed cell first; a text filter, which needs every cell, shows
// its progress while every cell is listed, then that caller's rows.
import { applyChange, summarizeScenarioLazily } from '../../../shared/whatif';
import type { SummaryCell, WhatIfChange } from '../../../shared/whatif';
import { expect, test } from '../fixtures';
import { WhatIfPage } from '../page-models/whatif';
import { generatedProject } from '../projects';

const { file: projectPath, model } = generatedProject('M', 42, 'permsim-e2e-paging-');
// bench/whatif.ts picks this change at M, seed 42 (docs/benchmarks.md "What-if diff").
const change: WhatIfChange = {
  type: 'add-entry',
  target: { level: 'instance', template: 'Tpl0002' },
  entry: {
    family: 'runtime',
    kind: 'PropertyWrite',
    resource: '*',
    principal: { type: 'group', name: 'Grp0094' },
    allow: true,
  },
};
let total = 0;
let firstCell: SummaryCell | undefined;

test.use({ serveProject: projectPath });

test.beforeAll(() => {
  if (!applyChange(model, change).ok) throw new Error('the change applies');
  // The oracle: the summary's totals and its first changed cell (listing all would take seconds).
  const s = summarizeScenarioLazily(model, { name: 'oracle', changes: [change] });
  if (!s.ok) throw new Error(s.error.message);
  total = s.value.counts.total;
  firstCell = s.value.cells().next().value;
});

test('size M: counts and the first rows before every changed cell is listed; a caller filter lists only that caller', async ({
  app,
  page,
}) => {
  // Generous for a loaded machine: opening a size-M project and summarising take seconds.
  test.setTimeout(120_000);
  expect(total).toBeGreaterThan(50_000);
  const w = new WhatIfPage(page);
  await w.open();
  await w.addChange({
    level: 'Template instances',
    target: 'Tpl0002',
    effect: 'Allow',
    kind: 'PropertyWrite',
    resource: '*',
    principal: 'group:Grp0094',
  });
  await expect(w.counts).toHaveText(
    new RegExp(`${total.toLocaleString('en-US')} gained\\s*0 revoked\\s*0 changed\\s*0 unknown`),
    { timeout: 30_000 },
  );
  await expect(w.diffTable).toHaveAttribute('aria-rowcount', String(total + 1));
  const cell = firstCell;
  if (!cell) throw new Error('a changed cell');
  await expect(w.diffRows.first()).toHaveAttribute(
    'aria-label',
    `${cell.caller.name} ${cell.call}: ${cell.before.status} to ${cell.after.status}, ${cell.change}`,
  );
  await app.waitIdle();
  await expect(w.applyButton).toBeEnabled();
  const exportButton = page.getByRole('button', { name: 'Export to ThingWorx…' });
  await expect(exportButton).toBeEnabled();
  await app.screenshot('whatif-paging-first-page');

  // A text filter needs every changed cell listed (seconds at size M, with a progress indicator and
  // Cancel; whether Cancel stops the backend is a unit test, test/unit/whatif/summary-paging.test.ts,
  // because here the listing may end before any click lands). The filtered rows are that caller's.
  const filter = page.getByRole('group', { name: 'Filter changed cells' });
  // The first changed cell's caller has changed cells; user names are all 'user' + 5 digits, so
  // the name matches no other caller.
  const who = cell.caller.name;
  await filter.getByLabel('Filter by caller or call').fill(who);
  await expect(w.diffTable).not.toHaveAttribute('aria-rowcount', String(total + 1), {
    timeout: 60_000,
  });
  await app.waitIdle();
  const labels = await w.rowNames();
  expect(labels.length).toBeGreaterThan(0);
  expect(labels.every(l => l.startsWith(`${who} `))).toBe(true);
  await expect(w.applyButton).toBeEnabled();
  await expect(exportButton).toBeEnabled();

  // Cleared, the first page of every caller comes back, the totals unchanged.
  await filter.getByLabel('Filter by caller or call').fill('');
  await app.waitIdle();
  await expect(w.diffTable).toHaveAttribute('aria-rowcount', String(total + 1));
  await expect(w.applyButton).toBeEnabled();
});
