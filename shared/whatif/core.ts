/**
 * The what-if core (docs/whatif.md, docs/architecture.md "Which what-if route runs when"): one diff
 * engine and one way to turn a scenario into the two models it compares.
 *
 * - The diff engine is the summary (./summary.ts): scope, affected region, the class route or the
 *   fast comparer, the full pipeline for the rest; it keeps status and outcome and explains a cell
 *   on demand. `diffModels` is that summary with every changed cell explained (the full diff).
 * - `scenarioModels` applies the first n changes of a scenario (optionally over another scenario's
 *   end state) and `scenarioSteps` each change in turn; run, step, replay and compare, full or
 *   summarised (./scenario.ts, ./summary-view.ts), all start from them.
 *
 * @example
 * const m = scenarioModels(baseline, scenario, { upTo: 1 });
 * if (m.ok) diffModels(m.value.before, m.value.after, { kind: 'affected' });
 */
import type { Model } from '../model/types';
import { affectedRegion } from './affected';
import type { Region } from './affected';
import { applyChanges, describeChange } from './change';
import type { WhatIfChange } from './change';
import { classifyOutcomes, DEFAULT_MAX_EXPLAINED, equipmentChanges, regionText } from './diff';
import type { DiffCell, DiffOptions, DiffResult, DiffScope } from './diff';
import type { Scenario, ScenarioResult } from './scenario';
import { diffSummary } from './summary';

/** The two models a scenario run compares, and the changes that lead from the baseline to `after`. */
export type ScenarioModels = {
  before: Model;
  after: Model;
  /** One line per change applied. */
  changes: string[];
  applied: number;
};

/**
 * The baseline (or `against`'s end state) and the baseline with the first `upTo` changes of
 * `scenario` (default all). A bad step or a change that does not apply is an error naming it;
 * `named` puts the scenario's name in front of a change's error (when two scenarios are in play).
 *
 * @example
 * scenarioModels(model, scenario, { upTo: 0 }); // before = after = model
 */
export function scenarioModels(
  baseline: Model,
  scenario: Scenario,
  opts: { upTo?: number; against?: Scenario; named?: boolean } = {},
): ScenarioResult<ScenarioModels> {
  const upTo = opts.upTo ?? scenario.changes.length;
  if (!Number.isInteger(upTo) || upTo < 0 || upTo > scenario.changes.length) {
    return {
      ok: false,
      error: {
        code: 'invalid-argument',
        message: `step ${upTo} is outside the scenario: it has ${scenario.changes.length} change(s)`,
      },
    };
  }
  let before = baseline;
  if (opts.against) {
    const a = applyChanges(baseline, opts.against.changes);
    if (!a.ok)
      return {
        ok: false,
        error: {
          code: 'invalid-change',
          message: `scenario '${opts.against.name}': ${a.error.message}`,
          index: a.error.index,
        },
      };
    before = a.model;
  }
  const changes = scenario.changes.slice(0, upTo);
  const applied = applyChanges(baseline, changes);
  if (!applied.ok)
    return {
      ok: false,
      error: {
        code: 'invalid-change',
        message: opts.named
          ? `scenario '${scenario.name}': ${applied.error.message}`
          : applied.error.message,
        index: applied.error.index,
      },
    };
  return {
    ok: true,
    value: { before, after: applied.model, changes: changes.map(describeChange), applied: upTo },
  };
}

/** One change of a replay: the model before it and after it. */
export type ScenarioStepModels = { index: number; change: string; before: Model; after: Model };

/**
 * Each change of the scenario in turn, as the pair of models it goes between (replay).
 *
 * @example
 * const s = scenarioSteps(model, scenario); if (s.ok) s.value[0]?.change;
 */
export function scenarioSteps(
  baseline: Model,
  scenario: Scenario,
): ScenarioResult<ScenarioStepModels[]> {
  const applied = applyChanges(baseline, scenario.changes);
  if (!applied.ok)
    return {
      ok: false,
      error: { code: 'invalid-change', message: applied.error.message, index: applied.error.index },
    };
  let prev = baseline;
  return {
    ok: true,
    value: applied.steps.map((next, index) => {
      const step = {
        index,
        change: describeChange(scenario.changes[index] as WhatIfChange),
        before: prev,
        after: next,
      };
      prev = next;
      return step;
    }),
  };
}

/**
 * Compares the answers of two models over a scope, with both explanations of every changed cell;
 * never throws. It is the summary (./summary.ts, the one diff engine: scope, affected region, fast
 * path or classes, the pipeline for the rest) with every changed cell explained, plus the
 * equipment permissions that change and the region in words. `maxCells` bounds the cells compared
 * (the affected region) as in the summary; `maxExplained` bounds the changed cells explained.
 *
 * @example
 * const r = diffModels(model, changed, { kind: 'affected' });
 * if (r.ok) console.log(r.value.counts, r.value.blastRadius[0]);
 */
export function diffModels(
  before: Model,
  after: Model,
  scope: DiffScope,
  options: DiffOptions = {},
): DiffResult {
  const incremental = options.incremental ?? true;
  const region: Region = incremental
    ? affectedRegion(before, after)
    : {
        rectangles: [{ callers: 'all', entities: 'all', why: 'full comparison' }],
        everything: true,
      };
  const s = diffSummary(before, after, scope, incremental ? { ...options, region } : options);
  if (!s.ok) return s;
  const summary = s.value;
  const maxExplained = options.maxExplained ?? DEFAULT_MAX_EXPLAINED;
  if (summary.counts.total > maxExplained)
    return {
      ok: false,
      error: {
        code: 'too-large',
        message: `${summary.counts.total.toLocaleString('en-US')} answers change, more than the ${maxExplained.toLocaleString('en-US')} the full diff explains; use the summary (it explains a cell when opened)`,
      },
    };
  const cells: DiffCell[] = [];
  for (const c of summary.cells()) {
    const sides = summary.explain(c);
    // Unreachable for a listed cell (its call line comes from the scope); skip rather than throw.
    if (!sides) continue;
    cells.push({
      caller: c.caller,
      call: c.call,
      ...(c.entity ? { entity: c.entity } : {}),
      kind: c.kind,
      change: classifyOutcomes(sides.before.outcome, sides.after.outcome),
      before: sides.before,
      after: sides.after,
    });
  }
  return {
    ok: true,
    value: {
      cells,
      counts: summary.counts,
      byCaller: summary.byCaller,
      equipment: equipmentChanges(before, after, region, incremental),
      blastRadius: summary.blastRadius,
      scopeCells: summary.scopeCells,
      evaluatedCells: summary.evaluatedCells,
      explainedCells: summary.pipelineCells + summary.settledChanges,
      region: regionText(region),
    },
  };
}
