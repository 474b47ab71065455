/**
 * The what-if's structural kinds (docs/whatif.md "The summary", docs/architecture.md "Which what-if
 * route runs when"): a template change (base, shapes), an owner, a Thing's enabled flag, an option
 * switch (domain §9.3 bypasses, §11.1 denial status, §2.8 precedence), a membership and a unit
 * membership (§9.2, §4.4). On generated models (whatif-arbitraries.ts: app keys with allowlists,
 * disabled Things, diagnostic services, plain Things that share their template's class), the
 * summary of the `affected` scope equals the cell route's oracle, `diffModels(..., { incremental:
 * false, fast: false })` (every cell of both models through the full pipeline): the same counts,
 * per-caller counts, blast-radius rectangles and listed changed cells, and a cell looked up alone
 * (`changeOf`) is the listed one. The structural route itself (shared/whatif/structural-summary.ts)
 * is asked directly too, and must apply to most entity-side cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../shared/model/types';
import { applyChanges, countsByCaller, diffModels } from '../../shared/whatif';
import type { DiffResult, WhatIfChange } from '../../shared/whatif';
import { affectedRegion } from '../../shared/whatif/affected';
import { allCallers } from '../../shared/whatif/cells';
import { structuralSummary } from '../../shared/whatif/structural-summary';
import { diffSummary } from '../../shared/whatif/summary';
import type { SummaryResult } from '../../shared/whatif/summary';
import { callerChangeArb, decoratedModelArb, pick, toggled, w } from './whatif-arbitraries';

function expectSame(got: SummaryResult, want: DiffResult): void {
  expect(got.ok && want.ok).toBe(true);
  if (!got.ok || !want.ok) return;
  const listed = [...got.value.cells()];
  expect(listed).toEqual(
    want.value.cells.map(c => ({
      caller: c.caller,
      call: c.call,
      ...(c.entity ? { entity: c.entity } : {}),
      kind: c.kind,
      change: c.change,
      before: { status: c.before.status, outcome: c.before.outcome },
      after: { status: c.after.status, outcome: c.after.outcome },
    })),
  );
  expect(got.value.counts).toEqual(want.value.counts);
  expect(got.value.byCaller).toEqual(countsByCaller(want.value.cells));
  expect(got.value.blastRadius).toEqual(want.value.blastRadius);
  for (const cell of [listed[0], listed[listed.length - 1]])
    if (cell) expect(got.value.changeOf(cell.caller, cell.call)).toEqual(cell);
  const first = listed[0];
  const full = want.value.cells[0];
  if (first && full)
    expect(got.value.explain(first)).toEqual({ before: full.before, after: full.after });
}

/** A change on the entities' side that is not a run-time entry, or an option switch. */
function structuralChangeArb(m: Model): fc.Arbitrary<WhatIfChange> {
  const templates = Object.keys(m.templates).filter(t => t !== 'GenericThing');
  const u = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => w<unknown>(weight, arbitrary);
  return fc.oneof(
    u(
      3,
      fc.record({
        type: fc.constant('set-template-shapes' as const),
        template: pick(templates),
        shapes: fc.subarray(Object.keys(m.shapes)),
      }),
    ),
    u(
      2,
      fc.record({
        type: fc.constant('set-template-base' as const),
        template: pick(templates),
        base: pick(Object.keys(m.templates)),
      }),
    ),
    u(
      2,
      fc.record({
        type: fc.constant('set-owner' as const),
        collection: fc.constant('Things'),
        name: pick(Object.keys(m.things)),
        owner: fc.option(pick(Object.keys(m.users)), { nil: null }),
      }),
    ),
    u(
      3,
      fc.record({
        type: fc.constant('set-semantics' as const),
        semantics: fc.oneof(
          fc.record({ ownerBypass: fc.boolean() }),
          fc.record({ adminBypass: fc.boolean() }),
          fc.record({ denialStatus: fc.constantFrom(403 as const, 401 as const) }),
          fc.record({ precedence: fc.constantFrom('level' as const, 'global-deny' as const) }),
        ),
      }),
    ),
  ) as fc.Arbitrary<WhatIfChange>;
}

const structuralCaseArb = decoratedModelArb.chain(m =>
  fc.record({
    model: fc.constant(m),
    changes: fc.array(structuralChangeArb(m), { minLength: 1, maxLength: 2 }),
    toggle: fc.option(fc.constantFrom(...Object.keys(m.things)), { nil: undefined }),
  }),
);

const membershipCaseArb = decoratedModelArb.chain(m =>
  fc.record({
    model: fc.constant(m),
    changes: fc.array(callerChangeArb(m), { minLength: 1, maxLength: 2 }),
  }),
);

const RUNS = 200;

describe('what-if structural kinds: the summary equals the full re-evaluation', () => {
  it(`template changes, owners, enabled flags and option switches (${RUNS} cases)`, () => {
    let structural = 0;
    let changed = 0;
    let cases = 0;
    fc.assert(
      fc.property(structuralCaseArb, ({ model, changes, toggle }) => {
        const applied = applyChanges(model, changes);
        if (!applied.ok) return;
        const after = toggled(applied.model, toggle);
        cases++;
        const want = diffModels(
          model,
          after,
          { kind: 'affected' },
          { incremental: false, fast: false },
        );
        expectSame(diffSummary(model, after, { kind: 'affected' }), want);
        const direct = structuralSummary(
          model,
          after,
          allCallers([model, after]),
          affectedRegion(model, after),
        );
        if (direct) {
          structural++;
          expectSame(direct, want);
          if (direct.ok && direct.value.counts.total > 0) changed++;
        }
      }),
      { numRuns: RUNS, seed: 91 },
    );
    // The structural route applies to most of them (the rest: a body only the pipeline knows, or
    // a region with per-caller rectangles, which the cell route compares quickly), many changing answers.
    expect(structural).toBeGreaterThan(cases / 3);
    expect(changed).toBeGreaterThan(cases / 10);
  });

  it(`memberships and unit memberships (${RUNS / 2} cases)`, () => {
    let cases = 0;
    fc.assert(
      fc.property(membershipCaseArb, ({ model, changes }) => {
        const applied = applyChanges(model, changes);
        if (!applied.ok) return;
        cases++;
        expectSame(
          diffSummary(model, applied.model, { kind: 'affected' }),
          diffModels(
            model,
            applied.model,
            { kind: 'affected' },
            { incremental: false, fast: false },
          ),
        );
      }),
      { numRuns: RUNS / 2, seed: 92 },
    );
    expect(cases).toBeGreaterThan(RUNS / 8);
  });
});
