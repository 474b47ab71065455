/**
 * The what-if summary as the workbench shows it (docs/whatif.md): a scenario's diff at one
 * step, against the baseline or against another scenario's end state, kept as a summary (counts,
 * blast radius, equipment changes, the changed cells without explanations, ./summary.ts) and read a
 * page at a time, filtered by class, rectangle or text. A cell's two explanations come on demand
 * (`explain`). Why: at size M one typical change changes ~100,000 cells; explaining all of them
 * takes seconds and megabytes, while the summary takes milliseconds (docs/benchmarks.md).
 *
 * @example
 * const v = summarizeScenario(model, scenario, { upTo: 1 });
 * if (v.ok) pageOf(v.value, { change: ['gained'] }, 0, 100).cells[0]?.after.status; // 200
 */
import type { Model } from '../model/types';
import { affectedRegion } from './affected';
import { scenarioModels, scenarioSteps } from './core';
import type { BlastRectangle } from './blast-radius';
import { callerKey, entityKey } from './cells';
import type { Caller, CellSide } from './cells';
import { equipmentChanges, regionText } from './diff';
import type {
  CallerCounts,
  ChangeClass,
  DiffCounts,
  DiffOptions,
  DiffScope,
  EquipmentChange,
} from './diff';
import { scenarioScope } from './scenario';
import type { Scenario, ScenarioResult } from './scenario';
import { diffSummary } from './summary';
import type { SummaryCell } from './summary';

/** Which changed cells a page lists. Empty or absent fields do not filter. */
export type SummaryFilter = {
  change?: ChangeClass[];
  /** Index into the summary's blast radius: only the cells of that rectangle. */
  rectangle?: number;
  /** Case-insensitive text in the caller's name or the call line. */
  text?: string;
};

/** A scenario's summary, computed once and paged (the server keeps the last few). */
export type ScenarioSummary = {
  scenario: string;
  /** One line per change applied. */
  changes: string[];
  applied: number;
  /** Set when "before" is another scenario's end state rather than the baseline. */
  against?: string;
  counts: DiffCounts;
  /** Per caller with changed cells: app-key callers (per address) apart from their users. */
  byCaller: CallerCounts[];
  blastRadius: BlastRectangle[];
  equipment: EquipmentChange[];
  /** The affected region, in words. */
  region: string[];
  scopeCells: number;
  evaluatedCells: number;
  route: 'classes' | 'cells';
  /** Every changed cell, in the diff's order (caller, then call). */
  cells: SummaryCell[];
  /** Both answers of one changed cell with their explanations; undefined for any other cell. */
  explain(cell: {
    caller: Caller;
    call: string;
  }): { before: CellSide; after: CellSide } | undefined;
};

/** One page of a summary as it crosses the contract (no functions, no full cell list). */
export type SummaryPage = Omit<ScenarioSummary, 'cells' | 'explain'> & {
  /** Changed cells that pass the filter. */
  matching: number;
  offset: number;
  cells: SummaryCell[];
  /** The asked cell (a fix's goal), when it changed: its place among the matching cells (null when filtered out). */
  focus: { cell: SummaryCell; index: number | null } | null;
};

/** A further page of a summary's changed cells (`whatif:cells`): the page without the totals. */
export type SummaryCellsPage = Pick<SummaryPage, 'matching' | 'offset' | 'cells' | 'focus'>;

export type SummarizeOptions = DiffOptions & {
  /** Apply only the first n changes (default all). */
  upTo?: number;
  scope?: DiffScope;
  /** Compare with this scenario's end state instead of the baseline. */
  against?: Scenario;
};

/**
 * A scenario's summary whose changed cells are listed lazily (`cells()` builds them one at a time,
 * in the diff's order) and whose `explain` answers for any cell of the scope without checking that
 * it changed. Why: at size M a grant changes ~100,000 cells; the totals take a fraction of a second
 * but listing every cell takes seconds, so the workbench shows the totals and the first page first
 * (./summary-paging.ts).
 */
export type LazyScenarioSummary = Omit<ScenarioSummary, 'cells' | 'explain'> & {
  cells(): IterableIterator<SummaryCell>;
  explainAny: ScenarioSummary['explain'];
};

/**
 * The summary of `scenario` (its first `upTo` changes) against the baseline, or against the end state
 * of `against`, with its changed cells not yet listed; errors as data (a change that does not apply
 * names its index).
 *
 * @example
 * const v = summarizeScenarioLazily(model, grant);
 * if (v.ok) v.value.cells().next().value; // the first changed cell
 */
export function summarizeScenarioLazily(
  baseline: Model,
  scenario: Scenario,
  opts: SummarizeOptions = {},
): ScenarioResult<LazyScenarioSummary> {
  const m = scenarioModels(baseline, scenario, {
    ...(opts.upTo !== undefined ? { upTo: opts.upTo } : {}),
    ...(opts.against ? { against: opts.against } : {}),
  });
  if (!m.ok) return m;
  const { before, after, changes, applied } = m.value;
  // One region for the summary and the equipment comparison.
  const region = affectedRegion(before, after);
  const s = diffSummary(before, after, opts.scope ?? scenarioScope(scenario), { ...opts, region });
  if (!s.ok) return { ok: false, error: s.error };
  return {
    ok: true,
    value: {
      scenario: scenario.name,
      changes,
      applied,
      ...(opts.against ? { against: opts.against.name } : {}),
      counts: s.value.counts,
      byCaller: s.value.byCaller,
      blastRadius: s.value.blastRadius,
      equipment: equipmentChanges(before, after, region, true),
      region: regionText(region),
      scopeCells: s.value.scopeCells,
      evaluatedCells: s.value.evaluatedCells,
      route: s.value.route,
      cells: () => s.value.cells(),
      explainAny: c => s.value.explain(c),
    },
  };
}

/** The key of a cell among the changed cells of one summary. */
export const summaryCellKey = (c: { caller: Caller; call: string }): string =>
  `${callerKey(c.caller)}\u0000${c.call}`;

/**
 * The summary of `scenario` (its first `upTo` changes) against the baseline, or against the end state
 * of `against`, with every changed cell listed; errors as data (a change that does not apply names
 * its index).
 *
 * @example
 * summarizeScenario(model, grant, { against: otherGrant }).value?.counts.total;
 */
export function summarizeScenario(
  baseline: Model,
  scenario: Scenario,
  opts: SummarizeOptions = {},
): ScenarioResult<ScenarioSummary> {
  const r = summarizeScenarioLazily(baseline, scenario, opts);
  if (!r.ok) return r;
  const { cells: list, explainAny, ...totals } = r.value;
  const cells = [...list()];
  let changed: Set<string> | undefined;
  return {
    ok: true,
    value: {
      ...totals,
      cells,
      explain: c =>
        (changed ??= new Set(cells.map(summaryCellKey))).has(summaryCellKey(c))
          ? explainAny(c)
          : undefined,
    },
  };
}

function matcher(s: ScenarioSummary, filter: SummaryFilter): (c: SummaryCell) => boolean {
  const classes = filter.change && filter.change.length > 0 ? new Set(filter.change) : undefined;
  const rect = filter.rectangle !== undefined ? s.blastRadius[filter.rectangle] : undefined;
  const rectSets = rect
    ? {
        callers: new Set(rect.callers),
        entities: new Set(rect.entities),
        kinds: new Set(rect.kinds),
      }
    : undefined;
  const text = filter.text?.trim().toLowerCase() ?? '';
  if (filter.rectangle !== undefined && !rect) return () => false;
  return c => {
    if (classes && !classes.has(c.change)) return false;
    if (rect && rectSets) {
      if (c.change !== rect.change || c.before.status !== rect.from || c.after.status !== rect.to)
        return false;
      if (!rectSets.callers.has(callerKey(c.caller)) || !rectSets.kinds.has(c.kind)) return false;
      if (!rectSets.entities.has(c.entity ? entityKey(c.entity) : '(no entity)')) return false;
    }
    if (
      text !== '' &&
      !c.caller.name.toLowerCase().includes(text) &&
      !c.call.toLowerCase().includes(text)
    )
      return false;
    return true;
  };
}

/**
 * `limit` changed cells from `offset` among those passing `filter`, with the summary's totals.
 *
 * @example
 * pageOf(summary, { rectangle: 0 }, 0, 200).matching; // the first rectangle's cell count
 */
export function pageOf(
  s: ScenarioSummary,
  filter: SummaryFilter,
  offset: number,
  limit: number,
  focus?: { caller: Caller; call: string },
): SummaryPage {
  const { cells: all, explain: _explain, ...totals } = s;
  const pass = matcher(s, filter);
  const filtered = all.every(pass) ? all : all.filter(pass);
  const start = Math.max(0, Math.min(offset, filtered.length));
  let found: SummaryPage['focus'] = null;
  if (focus) {
    const key = callerKey(focus.caller);
    const same = (c: SummaryCell) => callerKey(c.caller) === key && c.call === focus.call;
    const cell = all.find(same);
    if (cell) {
      const i = filtered.findIndex(same);
      found = { cell, index: i >= 0 ? i : null };
    }
  }
  return {
    ...totals,
    matching: filtered.length,
    offset: start,
    cells: filtered.slice(start, start + Math.max(0, limit)),
    focus: found,
  };
}

/**
 * How many cells each change alone changes: step i compares the model after change i-1 with the
 * model after change i, by summary (the workbench's stepper).
 *
 * @example
 * replayCounts(model, scenario).value?.map(s => s.counts.total); // [1, 0]
 */
export function replayCounts(
  baseline: Model,
  scenario: Scenario,
  opts: DiffOptions & { scope?: DiffScope } = {},
): ScenarioResult<{ index: number; change: string; counts: DiffCounts }[]> {
  const steps = scenarioSteps(baseline, scenario);
  if (!steps.ok) return steps;
  const out: { index: number; change: string; counts: DiffCounts }[] = [];
  for (const step of steps.value) {
    const sum = diffSummary(step.before, step.after, opts.scope ?? scenarioScope(scenario), opts);
    if (!sum.ok) return { ok: false, error: sum.error };
    out.push({ index: step.index, change: step.change, counts: sum.value.counts });
  }
  return { ok: true, value: out };
}
