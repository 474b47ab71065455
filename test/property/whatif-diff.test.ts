/**
 * The fast what-if diff (docs/whatif.md, performance.md §2.3, §7 "Correctness gate"): on generated models and random
 * change sets, the what-if diff as the app runs it (only the affected region compared, and there
 * only the cells whose fast-path outcome differs explained) equals "evaluate every caller x every
 * call before, every caller x every call after, through the full pipeline, compare" — cell for cell,
 * with the same before/after answers and explanations, and the same equipment changes. The fast
 * comparison alone (every cell, no region) must agree too.
 *
 * The generated models are decorated with what the fast path must leave to the full pipeline:
 * disabled Things (a permitted run-time call is UNKNOWN), a service a diagnostic handler answers
 * (CheckPermission, §8.1), a bulk property service (§11.10) and a permission mutator.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../shared/model/types';
import { applyChanges, diffModels } from '../../shared/whatif';
import type { DiffResult } from '../../shared/whatif';
import type { WhatIfChange } from '../../shared/whatif';

import {
  caseArb,
  decoratedModelArb,
  entryChangeArb,
  pick,
  principalArb,
  toggled,
} from './whatif-arbitraries';

function expectSameDiff(got: DiffResult, want: DiffResult): void {
  expect(got.ok && want.ok).toBe(true);
  if (!got.ok || !want.ok) return;
  expect(got.value.cells).toEqual(want.value.cells);
  expect(got.value.counts).toEqual(want.value.counts);
  expect(got.value.byCaller).toEqual(want.value.byCaller);
  expect(got.value.equipment).toEqual(want.value.equipment);
  expect(got.value.blastRadius).toEqual(want.value.blastRadius);
}

const RUNS = 300;

describe('what-if: incremental, fast-path diff equals full before/after evaluation', () => {
  it(`agrees on ${RUNS} generated models x change sets, over every caller x every call`, () => {
    let nonEmpty = 0;
    let skippedWork = 0;
    let fastSaved = 0;
    let unknownCells = 0;
    fc.assert(
      fc.property(caseArb, ({ model, changes, toggle }) => {
        const applied = applyChanges(model, changes);
        // Changes that do not apply (a cycle, a duplicate entry) are refused with a message: nothing to diff.
        if (!applied.ok) {
          expect(applied.error.message).toMatch(/^change \d+ \(/);
          return;
        }
        const after = toggled(applied.model, toggle);
        // The oracle: every cell of both models through the full pipeline, no region, no fast path.
        const full = diffModels(model, after, { kind: 'all' }, { incremental: false, fast: false });
        const inc = diffModels(model, after, { kind: 'all' });
        const fastOnly = diffModels(model, after, { kind: 'all' }, { incremental: false });
        const regionOnly = diffModels(model, after, { kind: 'all' }, { fast: false });
        expectSameDiff(inc, full);
        expectSameDiff(fastOnly, full);
        expectSameDiff(regionOnly, full);
        if (!full.ok || !inc.ok || !fastOnly.ok) return;
        expect(inc.value.evaluatedCells).toBeLessThanOrEqual(full.value.evaluatedCells);
        expect(full.value.explainedCells).toBe(full.value.evaluatedCells);
        // Every changed cell was explained, so explanations are never fewer than changed cells.
        expect(inc.value.explainedCells).toBeGreaterThanOrEqual(inc.value.cells.length);
        if (full.value.cells.length > 0) nonEmpty++;
        if (inc.value.evaluatedCells < full.value.evaluatedCells) skippedWork++;
        if (fastOnly.value.explainedCells < fastOnly.value.evaluatedCells / 2) fastSaved++;
        if (full.value.cells.some(c => c.change === 'unknown')) unknownCells++;
      }),
      { numRuns: RUNS, seed: 6 },
    );
    // The test means something only if changes do change answers, and the region does save work.
    // (Many random changes do not show: a grant to a locked user, an entry masked by a deny, ...)
    expect(nonEmpty).toBeGreaterThan(RUNS / 10);
    expect(skippedWork).toBeGreaterThan(RUNS / 2);
    // ... and only if the fast path does vouch for most cells, and UNKNOWN cells do occur.
    expect(fastSaved).toBeGreaterThan(RUNS / 2);
    expect(unknownCells).toBeGreaterThan(0);
  });

  // The hazard of sharing answers among a template's Things (shared/engine/outcome.ts): a Thing that has an
  // entry of any family, or a shape, of its own must not borrow another Thing's answers. Changes
  // here all land on Things' own entries or on shape instance levels, where that would show.
  it("never lets a Thing with entries or shapes of its own borrow another Thing's answers", () => {
    const thingChangeArb = (m: Model) =>
      entryChangeArb(m).filter(
        c =>
          (c.type === 'add-entry' || c.type === 'remove-entry') &&
          (c.target.level === 'shape' ||
            (c.target.level === 'entity' && c.target.collection === 'Things')),
      );
    // GET of an entity needs design-time Read (§5.10): entries that decide it, often.
    const designReadArb = (m: Model): fc.Arbitrary<WhatIfChange> =>
      fc.record({
        type: fc.constant('add-entry' as const),
        target: pick(Object.keys(m.things)).map(name => ({
          level: 'entity' as const,
          collection: 'Things',
          name,
        })),
        entry: fc.record({
          family: fc.constant('designtime' as const),
          kind: fc.constant('Read' as const),
          principal: principalArb(m),
          allow: fc.boolean(),
        }),
      });
    const sharingArb = decoratedModelArb.chain(m =>
      fc
        .array(fc.oneof(thingChangeArb(m), designReadArb(m)), { minLength: 1, maxLength: 3 })
        .map(changes => ({ model: m, changes })),
    );
    let nonEmpty = 0;
    fc.assert(
      fc.property(sharingArb, ({ model, changes }) => {
        const applied = applyChanges(model, changes);
        if (!applied.ok) return;
        const full = diffModels(
          model,
          applied.model,
          { kind: 'all' },
          { incremental: false, fast: false },
        );
        expectSameDiff(
          diffModels(model, applied.model, { kind: 'all' }, { incremental: false }),
          full,
        );
        if (full.ok && full.value.cells.length > 0) nonEmpty++;
      }),
      { numRuns: 400, seed: 61 },
    );
    expect(nonEmpty).toBeGreaterThan(40);
  });
});
