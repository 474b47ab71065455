/**
 * What-if diff summary (docs/whatif.md, performance.md §2.3 "output size is the real limit"): the
 * changed cells' counts by class, the blast-radius rectangles and a lazy list of the changed cells
 * (caller, call, status and outcome before and after) — without building the explanation text of
 * every changed cell. A cell's explanation is produced on demand (`explain`) by the full pipeline,
 * exactly as `diffModels` would show it.
 *
 * It compares the same cells as `diffModels` (same scope, same affected region, ./affected.ts), lets
 * the engine's outcome evaluator (shared/engine/outcome.ts) vouch for the unchanged ones and settle the changed ones
 * whose status or outcome differs there (no Decision built), and decides the rest by the full
 * pipeline's status, outcome and body (the same test as `diffModels`), keeping only status and
 * outcome. The property test (test/property/whatif-summary.test.ts) proves counts, rectangles and
 * listed cells equal those of `diffModels(..., { incremental: false, fast: false })`.
 *
 * @example
 * const s = diffSummary(before, after, { kind: 'affected' });
 * if (s.ok) { s.value.counts.gained; s.value.blastRadius[0]; for (const c of s.value.cells()) s.value.explain(c); }
 */
import type { EntityTarget } from '../engine/decider';
import type { Decision } from '../model/decision';
import type { Model } from '../model/types';
import { affectedRegion } from './affected';
import type { Region } from './affected';
import { blastRadius } from './blast-radius';
import type { BlastRectangle } from './blast-radius';
import { callerKey, entityKey, evaluateCell, regionKey, sameOutcome, sideOf } from './cells';
import type { CallSpec, Caller, CellSide } from './cells';
import type {
  CallerCounts,
  ChangeClass,
  DiffCell,
  DiffCounts,
  DiffError,
  DiffOptions,
  DiffScope,
} from './diff';
import { classifyOutcomes, countsByCaller, resolveScope, scopeCallers } from './diff';
import { classSummary } from './class-summary';
import { structuralSummary } from './structural-summary';
import { regionCalls } from './region-calls';
import { createFastComparer } from './fast-cells';

/** One changed cell, without explanations (`WhatIfSummary.explain` gives them). */
export type SummaryCell = {
  caller: Caller;
  call: string;
  entity?: EntityTarget;
  kind: string;
  change: ChangeClass;
  before: { status: number; outcome: Decision['outcome'] };
  after: { status: number; outcome: Decision['outcome'] };
};

export type WhatIfSummary = {
  counts: DiffCounts;
  /** Per caller with changed cells, in scope order: app-key callers apart from their users. */
  byCaller: CallerCounts[];
  blastRadius: BlastRectangle[];
  /** The changed cells in `diffModels` order (caller, then call), built one at a time. */
  cells(): IterableIterator<SummaryCell>;
  /**
   * The changed cell at (caller, call line), or undefined when that cell answers alike on both
   * sides (or lies outside the scope): one cell looked up without listing the others (the
   * benchmark's sampled check against the full re-evaluation, bench/whatif.ts).
   */
  changeOf(caller: Caller, call: string): SummaryCell | undefined;
  /** Both answers of one cell with their explanations, through the full pipeline (as `diffModels` shows them). */
  explain(
    cell: Pick<SummaryCell, 'caller' | 'call'>,
  ): { before: CellSide; after: CellSide } | undefined;
  scopeCells: number;
  /** Cells inside the affected region (compared). */
  evaluatedCells: number;
  /** Of those, cells the fast path could not vouch for (decided by the full pipeline). */
  pipelineCells: number;
  /** Changed cells settled without the full pipeline (fast path or classes): explaining one runs it. */
  settledChanges: number;
  /**
   * How it was computed: 'classes' = per group of alike entities and class of alike calls, for
   * changes of run-time entries only (./class-summary.ts), or per caller class x entity class for
   * entity-side structure and options (./structural-summary.ts); 'cells' = cell by cell.
   */
  route: 'classes' | 'cells';
};

export type SummaryOptions = DiffOptions & { region?: Region };

export type SummaryResult = { ok: true; value: WhatIfSummary } | { ok: false; error: DiffError };

const classify = (a: Decision, b: Decision): ChangeClass => classifyOutcomes(a.outcome, b.outcome);

/**
 * The counts, blast radius and lazily listed changed cells of a what-if; never throws. Options as
 * `diffModels` (incremental, fast), except that `maxCells` bounds the cells compared (the affected
 * region), not the scope; the answer is the same whichever are chosen.
 *
 * @example
 * const r = diffSummary(model, changed, { kind: 'affected' });
 * if (r.ok) console.log(r.value.counts.total, r.value.blastRadius.length);
 */
export function diffSummary(
  before: Model,
  after: Model,
  scope: DiffScope,
  options: DiffOptions & {
    /** The affected region of (before, after) when the caller has it already (affectedRegion). */
    region?: Region;
  } = {},
): SummaryResult {
  const incremental = options.incremental ?? true;
  const maxCells = options.maxCells ?? 2_000_000;
  let region: Region | undefined = options.region;
  const getRegion = () => (region ??= affectedRegion(before, after));
  if (
    incremental &&
    (options.fast ?? true) &&
    typeof scope === 'object' &&
    scope !== null &&
    scope.kind === 'affected'
  ) {
    // The class route needs the scope's callers, not its (many) calls.
    const callers = scopeCallers(before, after, scope.callers);
    if (typeof callers !== 'string') {
      const byClasses = classSummary(before, after, callers, getRegion());
      if (byClasses) return byClasses;
      // Entity-side structure and options: per caller class x entity class (./structural-summary.ts).
      const byStructure = structuralSummary(before, after, callers, getRegion());
      if (byStructure) return byStructure;
    }
  }
  const g = resolveScope(before, after, scope, getRegion);
  if (!g.ok) return g;
  const { callers, calls } = g.grid;
  const scopeCells = callers.length * calls.length;
  // Unlike diffModels, the limit bounds the cells compared (the affected region), not the scope:
  // moving one user to another group at size M puts every call in the scope (~10^9 cells) but
  // only that user's ~500,000 cells in the region, which the summary compares in about a second.
  const tooLarge = (): SummaryResult => ({
    ok: false,
    error: {
      code: 'too-large',
      message: `the change can affect more than ${maxCells.toLocaleString('en-US')} cells (callers x calls in the affected region); watch fewer users or calls`,
    },
  });
  const r: Region = incremental
    ? getRegion()
    : {
        rectangles: [{ callers: 'all', entities: 'all', why: 'full comparison' }],
        everything: true,
      };
  const comparer = (options.fast ?? true) ? createFastComparer(before, after) : undefined;
  const prepared = comparer?.prepare(calls);
  const keys = calls.map(c => (c.entity ? entityKey(c.entity) : undefined));
  const callsOf = regionCalls(keys, r);
  // Compact storage: one changed cell = caller index, call index, two statuses, two outcomes, class.
  const changed: {
    caller: number;
    call: number;
    change: ChangeClass;
    bs: number;
    bo: Decision['outcome'];
    as: number;
    ao: Decision['outcome'];
  }[] = [];
  let evaluated = 0;
  let pipeline = 0;
  let settled = 0;
  for (let ci = 0; ci < callers.length; ci++) {
    const caller = callers[ci] as Caller;
    const mineCalls = callsOf(regionKey(caller));
    if (mineCalls === 'none') continue;
    const pc = comparer && prepared ? comparer.caller(caller) : undefined;
    const n = mineCalls === 'all' ? calls.length : mineCalls.length;
    for (let j = 0; j < n; j++) {
      const i = mineCalls === 'all' ? j : (mineCalls[j] as number);
      if (++evaluated > maxCells) return tooLarge();
      if (pc && prepared && comparer) {
        if (comparer.same(pc, prepared, i)) continue;
        // A different status or outcome is a change whatever the bodies say; equal ones may still
        // differ in the body, which only the full pipeline gives.
        const [x, y] = comparer.answers(pc, prepared, i);
        if (x && y && (x.status !== y.status || x.outcome !== y.outcome)) {
          settled++;
          changed.push({
            caller: ci,
            call: i,
            change: classifyOutcomes(x.outcome, y.outcome),
            bs: x.status,
            bo: x.outcome,
            as: y.status,
            ao: y.outcome,
          });
          continue;
        }
      }
      pipeline++;
      const call = calls[i] as CallSpec;
      const a = evaluateCell(before, caller, call);
      const b = evaluateCell(after, caller, call);
      if (sameOutcome(a, b)) continue;
      changed.push({
        caller: ci,
        call: i,
        change: classify(a, b),
        bs: a.status,
        bo: a.outcome,
        as: b.status,
        ao: b.outcome,
      });
    }
  }
  const counts: DiffCounts = {
    gained: 0,
    revoked: 0,
    changed: 0,
    unknown: 0,
    total: changed.length,
  };
  for (const c of changed) counts[c.change]++;
  const cellAt = (c: (typeof changed)[number]): SummaryCell => {
    const call = calls[c.call] as CallSpec;
    return {
      caller: callers[c.caller] as Caller,
      call: call.call,
      ...(call.entity ? { entity: call.entity } : {}),
      kind: call.kind,
      change: c.change,
      before: { status: c.bs, outcome: c.bo },
      after: { status: c.as, outcome: c.ao },
    };
  };
  // blastRadius reads only caller, entity, kind, change and the statuses; the rest stays empty.
  const side = (status: number, outcome: Decision['outcome']): CellSide => ({
    status,
    outcome,
    body: '',
    deciding: '',
    why: [],
    cites: [],
  });
  const light: DiffCell[] = changed.map(c => {
    const s = cellAt(c);
    return {
      caller: s.caller,
      call: s.call,
      ...(s.entity ? { entity: s.entity } : {}),
      kind: s.kind,
      change: s.change,
      before: side(c.bs, c.bo),
      after: side(c.as, c.ao),
    };
  });
  const byLine = new Map(calls.map(c => [c.call, c]));
  let byCell: Map<string, (typeof changed)[number]> | undefined;
  return {
    ok: true,
    value: {
      counts,
      byCaller: countsByCaller(light),
      blastRadius: blastRadius(light),
      *cells() {
        for (const c of changed) yield cellAt(c);
      },
      changeOf(caller, call) {
        byCell ??= new Map(
          changed.map(c => [
            `${callerKey(callers[c.caller] as Caller)}\u0000${(calls[c.call] as CallSpec).call}`,
            c,
          ]),
        );
        const c = byCell.get(`${callerKey(caller)}\u0000${call}`);
        return c ? cellAt(c) : undefined;
      },
      explain(cell) {
        const call = byLine.get(cell.call);
        if (!call) return undefined;
        return {
          before: sideOf(evaluateCell(before, cell.caller, call)),
          after: sideOf(evaluateCell(after, cell.caller, call)),
        };
      },
      scopeCells,
      evaluatedCells: evaluated,
      pipelineCells: pipeline,
      settledChanges: settled,
      route: 'cells',
    },
  };
}
