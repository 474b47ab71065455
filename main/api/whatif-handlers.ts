/**
 * Contract calls of what-if (`whatif:*`, docs/whatif.md): scenarios stored in the project (table
 * `scenarios`, migration 2), the diff of a scenario against the project's model, step-by-step
 * replay, comparison of two scenarios, fix suggestions on top of the current scenario, and applying
 * a scenario as one undoable edit. Registered in the handler map (handlers.ts); the argument and result
 * schemas are the contract's (shared/contract/whatif.ts, export.ts). Scenarios are kept by the session (main/store/scenarios.ts): in the
 * project file, or in memory for a model file opened read-only.
 *
 * @example
 * const h = whatifHandlers({ withModel, announce });
 * h['whatif:run']({ scenario: { name: 'x', changes: [...] } });
 */
import { basename } from 'node:path';
import type {
  ProjectInfo,
  Result,
  Scenario,
  ScenarioRef,
  StoredScenario,
} from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import type { Model } from '../../shared/model/types';
import { own } from '../../shared/model/own';
import {
  applyChanges,
  pagedSummary,
  replayCounts,
  runScenario,
  suggestFixes,
  summarizeScenarioLazily,
} from '../../shared/whatif';
import type { DiffScope, PagedSummary } from '../../shared/whatif';
import type { ScenarioRows } from '../store/scenarios';
import { applyDelta, diffModels, sameJson } from '../store';
import type { ModelDelta } from '../store';
import { exportChanges } from '../../shared/export';
import type { Handler } from './handlers';
import type { ProjectSession } from './session';
import { createSummaryCache } from './whatif-cache';

export type WhatIfApiName =
  | 'whatif:list'
  | 'whatif:save'
  | 'whatif:delete'
  | 'whatif:run'
  | 'whatif:suggest-fixes'
  | 'whatif:apply'
  | 'whatif:revert'
  | 'whatif:summary'
  | 'whatif:cells'
  | 'whatif:cancel'
  | 'whatif:explain'
  | 'whatif:replay-counts'
  | 'whatif:export-changes';

export type WhatIfHandlerDeps = {
  withModel<T>(fn: (m: Model, s: ProjectSession) => Result<T>): Result<T>;
  announce(r: Result<ProjectInfo>): Result<ProjectInfo>;
};

/**
 * Whether an apply's delta is still in effect: false once every element and value it changed is back
 * at its state before the apply (the user pressed Undo). Redo puts it in effect again.
 */
function inEffect(m: Model, delta: ModelDelta): boolean {
  const back =
    delta.elements.every(c => {
      const record = m[c.section] as Record<string, unknown>;
      return sameJson(Object.hasOwn(record, c.key) ? own(record, c.key) : undefined, c.before);
    }) && delta.values.every(c => sameJson(m[c.section], c.before));
  return !back;
}

/** Summaries kept for the open project (./whatif-cache.ts): paging, filtering and explaining a cell reuse them. */
const SUMMARIES_KEPT = 4;
/**
 * Listed changed cells kept in the summaries not in use: a listed cell costs a few hundred bytes,
 * and a typical grant at size L changes 5.6 million cells.
 */
const CELLS_KEPT = 1_000_000;
/**
 * At most this many changed cells listed for one summary (a filter or a page far down needs those
 * before it): past it the listing stops with a message instead of exhausting the backend's memory.
 */
const CELLS_LISTED_MAX = 2_000_000;

/**
 * Changed cells are listed in slices of about this long, between which the worker hears other
 * calls, a Cancel among them (listing 100,000 cells at size M takes seconds).
 */
const LIST_SLICE_MS = 40;

const nextTurn = () => new Promise<void>(resolve => setImmediate(resolve));

export function whatifHandlers(deps: WhatIfHandlerDeps): { [K in WhatIfApiName]: Handler<K> } {
  // The rows live with the session: the project store's own connection, or memory for a model file.
  const rowsOf = (s: ProjectSession): Result<ScenarioRows> => ok(s.scenarios);
  const resolveScenario = (s: ProjectSession, ref: ScenarioRef): Result<Scenario> => {
    if ('changes' in ref) return ok(ref);
    const rows = rowsOf(s);
    if (!rows.ok) return rows;
    const found = rows.value.get(ref.id);
    return found
      ? ok(found)
      : err('not-found', `there is no scenario ${ref.id} in this project (see whatif:list)`);
  };
  // The model a scenario is evaluated on: the current model, except for an applied stored scenario,
  // which keeps its baseline (the current model with the apply's delta read backwards: the
  // baseline's state of everything it changed). Kept per model object so summaries stay cached.
  const baselines = new WeakMap<Model, Map<number, Model>>();
  /** The delta of an applied stored scenario whose apply is in effect (not undone). */
  const appliedDelta = (m: Model, s: ProjectSession, id: number): ModelDelta | undefined => {
    const delta = s.scenarios.appliedDelta(id);
    return delta && inEffect(m, delta) ? delta : undefined;
  };
  /** A stored scenario as the front ends see it: an apply that was undone is not shown applied. */
  const shown = (m: Model, s: ProjectSession, x: StoredScenario): StoredScenario => {
    if (!x.applied || appliedDelta(m, s, x.id)) return x;
    const { applied: _undone, ...rest } = x;
    return rest;
  };
  const baseOf = (m: Model, s: ProjectSession, ref: Scenario | { id: number }): Model => {
    if ('changes' in ref) return m;
    const delta = appliedDelta(m, s, ref.id);
    if (!delta) return m;
    let perModel = baselines.get(m);
    if (!perModel) baselines.set(m, (perModel = new Map()));
    let base = perModel.get(ref.id);
    if (!base) perModel.set(ref.id, (base = applyDelta(m, delta, 'backward')));
    return base;
  };
  const summaries = createSummaryCache<PagedSummary>({
    entries: SUMMARIES_KEPT,
    cells: CELLS_KEPT,
    weight: p => p.listed(),
  });
  // A Cancel moves the epoch on: every listing that began in an earlier one stops at its next slice.
  let cancelEpoch = 0;
  let listing = 0;
  /** Lists changed cells of `p` until `enough`; a Cancel meanwhile answers 'cancelled'. */
  const listUntil = async (p: PagedSummary, enough: () => boolean): Promise<Result<void>> => {
    const epoch = cancelEpoch;
    listing++;
    try {
      while (!enough()) {
        const start = Date.now();
        do p.grow(100);
        while (!enough() && Date.now() - start < LIST_SLICE_MS);
        if (enough()) break;
        if (p.listed() >= CELLS_LISTED_MAX)
          return err(
            'too-large',
            `Listing stopped after ${p.listed().toLocaleString('en-US')} of ${p.summary.counts.total.toLocaleString('en-US')} changed cells: too many to list at once. Use the counts and the blast radius, or watch fewer users or calls.`,
          );
        await nextTurn();
        if (epoch !== cancelEpoch)
          return err(
            'cancelled',
            `Cancelled after listing ${p.listed().toLocaleString('en-US')} of ${p.summary.counts.total.toLocaleString('en-US')} changed cells.`,
          );
      }
      return ok(undefined);
    } finally {
      listing--;
      // The listing grew: the summaries not in use give way.
      summaries.trim(p);
    }
  };
  type SummaryArgs = {
    scenario: ScenarioRef;
    upTo?: number | undefined;
    scope?: DiffScope | undefined;
    against?: ScenarioRef | undefined;
  };
  const summaryOf = (current: Model, s: ProjectSession, a: SummaryArgs): Result<PagedSummary> => {
    const m = baseOf(current, s, a.scenario);
    const sc = resolveScenario(s, a.scenario);
    if (!sc.ok) return sc;
    let against: Scenario | undefined;
    if (a.against) {
      const r = resolveScenario(s, a.against);
      if (!r.ok) return r;
      against = r.value;
    }
    // What the summary depends on (not the name, id or dates a stored scenario also carries), so the
    // export finds the summary the workbench asked for with the scenario inline.
    const key = JSON.stringify([
      sc.value.changes,
      sc.value.watch ?? null,
      a.upTo ?? null,
      a.scope ?? null,
      against ? [against.changes, against.watch ?? null] : null,
    ]);
    const place = { session: s, revision: s.info().revision, base: m };
    const hit = summaries.get(place, key);
    if (hit) return ok(hit);
    const r = summarizeScenarioLazily(m, sc.value, {
      ...(a.upTo !== undefined ? { upTo: a.upTo } : {}),
      ...(a.scope ? { scope: a.scope } : {}),
      ...(against ? { against } : {}),
    });
    if (!r.ok)
      return err(
        r.error.code,
        r.error.message,
        r.error.index !== undefined ? { index: r.error.index } : undefined,
      );
    return ok(summaries.set(place, key, pagedSummary(r.value)));
  };
  // The index of a change that does not apply travels in `details`, so a front door can point at it.
  const mapErr = <T>(
    r:
      | { ok: true; value: T }
      | { ok: false; error: { code: string; message: string; index?: number } },
  ): Result<T> =>
    r.ok
      ? ok(r.value)
      : err(
          r.error.code,
          r.error.message,
          r.error.index !== undefined ? { index: r.error.index } : undefined,
        );

  return {
    'whatif:list': () =>
      deps.withModel((m, s) => {
        const rows = rowsOf(s);
        return rows.ok ? ok(rows.value.list().map(x => shown(m, s, x))) : rows;
      }),
    'whatif:save': ({ id, scenario: sc }) =>
      deps.withModel((m, s) => {
        const rows = rowsOf(s);
        if (!rows.ok) return rows;
        const saved = rows.value.save(id, sc, s.info().revision);
        return saved
          ? ok(shown(m, s, saved))
          : err('not-found', `there is no scenario ${id} in this project to update`);
      }),
    'whatif:delete': ({ id }) =>
      deps.withModel((_m, s) => {
        const rows = rowsOf(s);
        if (!rows.ok) return rows;
        const n = rows.value.remove(id);
        return n > 0
          ? ok({ deleted: id })
          : err('not-found', `there is no scenario ${id} in this project`);
      }),
    'whatif:run': ({ scenario: ref, upTo, scope: sc }) =>
      deps.withModel((m, s) => {
        const r = resolveScenario(s, ref);
        if (!r.ok) return r;
        return mapErr(
          runScenario(baseOf(m, s, ref), r.value, {
            ...(upTo !== undefined ? { upTo } : {}),
            ...(sc ? { scope: sc } : {}),
          }),
        );
      }),
    'whatif:suggest-fixes': ({ caller: c, call, changes, max }) =>
      deps.withModel(m => {
        const base = applyChanges(m, changes ?? []);
        if (!base.ok) return err('invalid-change', base.error.message, { index: base.error.index });
        return mapErr(suggestFixes(base.model, c, call, max !== undefined ? { max } : {}));
      }),
    // The totals and the page first: the changed cells are listed only as far as the page needs
    // (shared/whatif/summary-paging.ts), in slices a Cancel can stop.
    'whatif:summary': async ({ filter, offset, limit, focus, ...a }) => {
      const r = deps.withModel((m, s) => summaryOf(m, s, a));
      if (!r.ok) return r;
      const p = r.value;
      const [f, o, l] = [filter ?? {}, offset ?? 0, limit ?? 200];
      const listed = await listUntil(p, () => p.ready(f, o, l, focus));
      return listed.ok ? ok(p.page(f, o, l, focus)) : listed;
    },
    // A further page without the totals the summary already gave.
    'whatif:cells': async ({ filter, offset, limit, focus, ...a }) => {
      const r = deps.withModel((m, s) => summaryOf(m, s, a));
      if (!r.ok) return r;
      const p = r.value;
      const [f, l] = [filter ?? {}, limit ?? 200];
      const listed = await listUntil(p, () => p.ready(f, offset, l, focus));
      if (!listed.ok) return listed;
      const { matching, offset: at, cells, focus: found } = p.page(f, offset, l, focus);
      return ok({ matching, offset: at, cells, focus: found });
    },
    'whatif:cancel': () => {
      const running = listing > 0;
      cancelEpoch++;
      return ok({ cancelled: running });
    },
    'whatif:explain': async ({ caller: c, call, ...a }) => {
      const r = deps.withModel((m, s) => summaryOf(m, s, a));
      if (!r.ok) return r;
      const p = r.value;
      let e = p.explain({ caller: c, call });
      if (e === 'unlisted') {
        const listed = await listUntil(p, () => p.complete());
        if (!listed.ok) return listed;
        e = p.explain({ caller: c, call });
      }
      return e && e !== 'unlisted'
        ? ok(e)
        : err(
            'not-found',
            `${c.type === 'user' ? c.name : `appKey ${c.name}`} x ${call} is not a changed cell of this diff`,
          );
    },
    'whatif:replay-counts': ({ scenario: ref, scope: sc }) =>
      deps.withModel((m, s) => {
        const r = resolveScenario(s, ref);
        if (!r.ok) return r;
        return mapErr(replayCounts(baseOf(m, s, ref), r.value, sc ? { scope: sc } : {}));
      }),
    'whatif:export-changes': ({ scenario: ref, format, inverse, baselineLabel }) =>
      deps.withModel((current, s) => {
        const r = resolveScenario(s, ref);
        if (!r.ok) return r;
        // An applied scenario is exported against the baseline it was applied to.
        const m = baseOf(current, s, ref);
        // The workbench at its last step has asked for this very summary: reuse it (at size M a
        // membership change takes seconds to summarise).
        const effect = summaryOf(current, s, { scenario: ref, upTo: r.value.changes.length });
        const e = exportChanges(m, r.value, {
          format,
          inverse: inverse === true,
          baselineLabel: baselineLabel ?? `${m.name} (${basename(s.path)})`,
          ...(effect.ok ? { effect: effect.value.summary } : {}),
        });
        return e.ok
          ? ok(e.value)
          : err(
              e.error.code,
              e.error.message,
              e.error.index !== undefined ? { index: e.error.index } : undefined,
            );
      }),
    'whatif:apply': ({ scenario: ref }) => {
      const r = deps.withModel((m, s) => {
        const sc = resolveScenario(s, ref);
        if (!sc.ok) return sc;
        if (!('changes' in ref)) {
          const stored = s.scenarios.get(ref.id);
          if (stored?.applied && appliedDelta(m, s, ref.id))
            return err(
              'already-applied',
              `Scenario "${stored.name}" is already applied (revision ${stored.applied.revision}): revert it first to apply it again.`,
            );
        }
        const applied = applyChanges(m, sc.value.changes);
        if (!applied.ok)
          return err('invalid-change', applied.error.message, { index: applied.error.index });
        const done = s.commit(
          { type: 'whatif-apply', scenario: sc.value.name, changes: sc.value.changes },
          applied.model,
        );
        if (done.ok && !('changes' in ref))
          s.scenarios.markApplied(ref.id, done.value.revision, diffModels(m, applied.model));
        return done;
      });
      return deps.announce(r);
    },
    'whatif:revert': ({ id }) => {
      const r = deps.withModel((m, s) => {
        const stored = s.scenarios.get(id);
        if (!stored) return err('not-found', `there is no scenario ${id} in this project`);
        const delta = appliedDelta(m, s, id);
        if (!stored.applied || !delta)
          return err(
            'not-applied',
            `Scenario "${stored.name}" is not applied to the project, so there is nothing to revert.`,
          );
        // The baseline's state of every element the apply changed; later edits elsewhere stay.
        const done = s.commit(
          { type: 'whatif-revert', scenario: stored.name, changes: stored.changes },
          applyDelta(m, delta, 'backward'),
        );
        if (done.ok) s.scenarios.markReverted(id, done.value.revision);
        return done;
      });
      return deps.announce(r);
    },
  };
}
