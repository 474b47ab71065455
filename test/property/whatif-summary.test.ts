/**
 * The fast what-if summary (docs/whatif.md, performance.md §2.3): the what-if diff summary (shared/whatif/summary.ts) equals
 * the full diff. On generated models and change sets (whatif-arbitraries.ts, shared with
 * whatif-diff.test.ts), the summary's counts, blast-radius
 * rectangles and listed changed cells (caller, call, class, status and outcome before and after)
 * equal those derived from `diffModels(..., { incremental: false, fast: false })`: every cell of
 * both models through the full pipeline. A listed cell's on-demand explanation equals the full
 * diff's explanation of it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../shared/model/types';
import { applyChanges, countsByCaller, diffModels } from '../../shared/whatif';
import { diffSummary } from '../../shared/whatif/summary';
import { prepareWhatIfBase } from '../../shared/whatif/fast-cells';
import type { SummaryResult } from '../../shared/whatif/summary';
import type { DiffResult, DiffScope } from '../../shared/whatif';

import {
  callerCaseArb,
  caseArb,
  decoratedModelArb,
  runtimeCaseArb,
  toggled,
} from './whatif-arbitraries';

function expectSameSummary(got: SummaryResult, want: DiffResult): void {
  expect(got.ok && want.ok).toBe(true);
  if (!got.ok || !want.ok) return;
  const listed = [...got.value.cells()];
  const expected = want.value.cells.map(c => ({
    caller: c.caller,
    call: c.call,
    ...(c.entity ? { entity: c.entity } : {}),
    kind: c.kind,
    change: c.change,
    before: { status: c.before.status, outcome: c.before.outcome },
    after: { status: c.after.status, outcome: c.after.outcome },
  }));
  expect(listed).toEqual(expected);
  expect(got.value.counts).toEqual(want.value.counts);
  // App-key callers (per allowlist entry and outside it) are counted apart from their users.
  expect(got.value.byCaller).toEqual(countsByCaller(want.value.cells));
  expect(want.value.byCaller).toEqual(countsByCaller(want.value.cells));
  expect(got.value.blastRadius).toEqual(want.value.blastRadius);
  // The explanation a user opens on one listed cell is the full diff's (first and last, to stay quick).
  for (const i of [0, listed.length - 1]) {
    const cell = listed[i];
    const full = want.value.cells[i];
    if (cell && full)
      expect(got.value.explain(cell)).toEqual({ before: full.before, after: full.after });
    // One cell looked up alone (the benchmark's sampled check) is the listed one.
    if (cell) expect(got.value.changeOf(cell.caller, cell.call)).toEqual(cell);
  }
}

const RUNS = 300;

describe('what-if summary: counts, blast radius and changed cells equal the full diff', () => {
  it(`agrees on ${RUNS} generated models x change sets, over every caller x every call`, () => {
    let nonEmpty = 0;
    let skipped = 0;
    let byClasses = 0;
    fc.assert(
      fc.property(caseArb, ({ model, changes, toggle }) => {
        const applied = applyChanges(model, changes);
        if (!applied.ok) return;
        const after = toggled(applied.model, toggle);
        const full = diffModels(model, after, { kind: 'all' }, { incremental: false, fast: false });
        const summary = diffSummary(model, after, { kind: 'all' });
        expectSameSummary(summary, full);
        // The 'affected' scope (as the app asks) lists the same cells as the full diff of that scope.
        const scope: DiffScope = { kind: 'affected' };
        const affected = diffSummary(model, after, scope);
        expectSameSummary(
          affected,
          diffModels(model, after, scope, { incremental: false, fast: false }),
        );
        if (affected.ok && affected.value.route === 'classes') byClasses++;
        if (full.ok && full.value.cells.length > 0) nonEmpty++;
        if (summary.ok && full.ok && summary.value.evaluatedCells < full.value.evaluatedCells)
          skipped++;
      }),
      { numRuns: RUNS, seed: 66 },
    );
    // Meaningful only if changes do change answers and the region does skip cells.
    expect(nonEmpty).toBeGreaterThan(RUNS / 10);
    expect(skipped).toBeGreaterThan(RUNS / 2);
    // Change sets that mix kinds of changes mostly go cell by cell; some are run-time entries only.
    expect(byClasses).toBeGreaterThan(0);
  });

  it(`agrees on ${RUNS} run-time entry change sets, which take the class route (class-summary.ts)`, () => {
    let byClasses = 0;
    let changed = 0;
    let keyFromAddress = 0;
    fc.assert(
      fc.property(runtimeCaseArb, ({ model, changes }) => {
        const applied = applyChanges(model, changes);
        if (!applied.ok) return;
        const scope: DiffScope = { kind: 'affected' };
        const summary = diffSummary(model, applied.model, scope);
        expectSameSummary(
          summary,
          diffModels(model, applied.model, scope, { incremental: false, fast: false }),
        );
        if (summary.ok && summary.value.route === 'classes') {
          byClasses++;
          if (summary.value.counts.total > 0) changed++;
          if (summary.value.byCaller.some(x => x.caller.type === 'appKey' && x.caller.ip))
            keyFromAddress++;
        }
      }),
      { numRuns: RUNS, seed: 67 },
    );
    // Most must take the class route (the rest: a change the fast path leaves to the pipeline), many changing answers.
    expect(byClasses).toBeGreaterThan(RUNS / 2);
    expect(changed).toBeGreaterThan(RUNS / 8);
    // ... and in many of those, an app key called from inside one of its allowlist entries (§3.9) changes too.
    expect(keyFromAddress).toBeGreaterThan(RUNS / 100);
  });

  it(`agrees on ${RUNS / 6} bases asked several what-ifs in a row (the base's prepared side and callers' memos reused)`, () => {
    // shared/engine/outcome.ts keeps a base model's side (class keys, memo slots, handler answers,
    // callers' memos) for every later what-if on it (prepareWhatIfBase): a memo filled by one
    // change must answer the next one exactly, in either order and after a change of another kind.
    let reused = 0;
    fc.assert(
      fc.property(runtimeCaseArb, ({ model, changes }) => {
        const scope: DiffScope = { kind: 'affected' };
        expect(prepareWhatIfBase(model)).toBe(true);
        const afters: Model[] = [];
        for (const n of [changes.length, 1, changes.length]) {
          const applied = applyChanges(model, changes.slice(0, n));
          if (applied.ok) afters.push(applied.model);
        }
        for (const after of afters) {
          const summary = diffSummary(model, after, scope);
          expectSameSummary(
            summary,
            diffModels(model, after, scope, { incremental: false, fast: false }),
          );
          // The changed model as the base of the way back: its side is built here, the first's reused.
          const back = diffSummary(after, model, scope);
          expectSameSummary(
            back,
            diffModels(after, model, scope, { incremental: false, fast: false }),
          );
          if (summary.ok && summary.value.route === 'classes') reused++;
        }
      }),
      { numRuns: RUNS / 6, seed: 69 },
    );
    expect(reused).toBeGreaterThan(RUNS / 6);
  });

  it(`agrees on ${RUNS / 2} caller-side change sets (memberships, units, flags, app keys), which take the caller route`, () => {
    let byClasses = 0;
    let changed = 0;
    let appliedCases = 0;
    fc.assert(
      fc.property(callerCaseArb, ({ model, changes }) => {
        const applied = applyChanges(model, changes);
        if (!applied.ok) return; // e.g. adding a member already there
        appliedCases++;
        const scope: DiffScope = { kind: 'affected' };
        const summary = diffSummary(model, applied.model, scope);
        expectSameSummary(
          summary,
          diffModels(model, applied.model, scope, { incremental: false, fast: false }),
        );
        if (summary.ok && summary.value.route === 'classes') {
          byClasses++;
          if (summary.value.counts.total > 0) changed++;
        }
      }),
      { numRuns: RUNS / 2, seed: 68 },
    );
    // Most take the class route (shared/whatif/class-summary.ts, entities grouped, every call a
    // candidate); the rest meet a cell only the pipeline decides.
    expect(appliedCases).toBeGreaterThan(RUNS / 8);
    expect(byClasses).toBeGreaterThan(appliedCases * 0.8);
    expect(changed).toBeGreaterThan(RUNS / 20);
  });

  it('refuses a bad scope with a message, as the diff does', () => {
    const m = fc.sample(decoratedModelArb, { numRuns: 1, seed: 1 })[0] as Model;
    const r = diffSummary(m, m, { kind: 'watch', calls: ['FETCH /nowhere'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^watched call 1 "FETCH \/nowhere"/);
    const u = diffSummary(m, m, {
      kind: 'entities',
      entities: [{ collection: 'Things', name: 'NoSuchThing' }],
    });
    expect(u.ok).toBe(false);
    if (!u.ok) expect(u.error.message).toBe('Things/NoSuchThing exists in neither model');
  });
});
