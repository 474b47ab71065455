/**
 * What-if diff (architecture.md §4, performance.md §2.3): the cells (caller x REST call) whose
 * answer differs between two models, each with status and body before and after and both
 * explanations, classified; the equipment permissions (Read/Write/None, §7.18) that change; and
 * the blast radius as rectangles.
 *
 * One diff engine: `diffModels` is the summary (./summary.ts) with every changed cell explained.
 * Incremental by default: only cells inside the affected region (./affected.ts) are compared, and
 * the engine's outcome evaluator (shared/engine/outcome.ts, through ./fast-cells.ts) or the class route settles the others; the changed cells are then
 * evaluated through the full pipeline with explanations. `{ incremental: false, fast: false }`
 * evaluates every cell of the scope in full on both sides; the property test proves all give the
 * same diff.
 *
 * @example
 * const d = diffModels(before, after, { kind: 'watch', callers: [{ type: 'user', name: 'alice' }], calls: ['POST /Thingworx/Things/SensorDataStream/Services/GetDataStream'] });
 * if (d.ok) d.value.cells[0]?.change; // 'gained'
 */
import { equipmentPermissionChanges } from '../apps/equipment-index';
import type { EntityTarget } from '../engine/decider';
import type { Model } from '../model/types';
import { regionEntities } from './affected';
import type { Region } from './affected';
import type { BlastRectangle } from './blast-radius';
import {
  allCallers,
  allEntities,
  callSpec,
  callerKey,
  callerLabel,
  callsOnEntity,
  entityKey,
  expandCallers,
} from './cells';
import type { CallSpec, Caller, CellSide } from './cells';

/**
 * Which cells to compare:
 * - `watch`: these callers (default every user and key) x these calls (`METHOD PATH` lines);
 * - `entities`: these callers (default every user and key) x every call on these entities;
 * - `affected`: these callers (default all) x every call on the entities the change can affect;
 * - `all`: every caller x every call on every entity.
 */
export type DiffScope =
  | { kind: 'watch'; callers?: Caller[]; calls: string[] }
  | { kind: 'entities'; entities: EntityTarget[]; callers?: Caller[] }
  | { kind: 'affected'; callers?: Caller[] }
  | { kind: 'all' };

/** gained: now allowed; revoked: no longer allowed; changed: another failure (e.g. 404 -> 403) or body; unknown: either side is UNKNOWN. */
export type ChangeClass = 'gained' | 'revoked' | 'changed' | 'unknown';

export type DiffCell = {
  caller: Caller;
  call: string;
  entity?: EntityTarget;
  /** Permission kind the call needs (PropertyRead, ServiceInvoke, Read, ...). */
  kind: string;
  change: ChangeClass;
  before: CellSide;
  after: CellSide;
};

export type EquipmentChange = {
  user: string;
  context: string;
  equipment: string;
  before: 'None' | 'Read' | 'Write';
  after: 'None' | 'Read' | 'Write';
};

export type DiffCounts = {
  gained: number;
  revoked: number;
  changed: number;
  unknown: number;
  total: number;
};

/** The changed cells of one caller (a user, or a key from one address), by class. */
export type CallerCounts = { caller: Caller; counts: DiffCounts };

export type WhatIfDiff = {
  cells: DiffCell[];
  counts: DiffCounts;
  /** Per caller with changed cells, in scope order: app-key callers apart from their users. */
  byCaller: CallerCounts[];
  equipment: EquipmentChange[];
  blastRadius: BlastRectangle[];
  /** How many cells the scope holds, and how many were evaluated (the rest lie outside the affected region). */
  scopeCells: number;
  evaluatedCells: number;
  /** Of the evaluated cells, how many went through the full pipeline with explanations (the fast path vouched for the rest). */
  explainedCells: number;
  /** The affected region, in words (one line per rectangle). */
  region: string[];
};

export type DiffOptions = {
  /** Evaluate only the affected region (default true). */
  incremental?: boolean;
  /**
   * Compare permission outcomes on the indexed evaluator's fast path and explain only the cells
   * that differ (default true); false evaluates every compared cell in full.
   */
  fast?: boolean;
  /**
   * Refuse to compare more than this many cells (callers x calls in the affected region; the whole
   * scope when not incremental). Default 2,000,000.
   */
  maxCells?: number;
  /** The full diff (diffModels) refuses to explain more changed cells than this (default 100,000). */
  maxExplained?: number;
};

export type DiffError = { code: 'invalid-argument' | 'too-large'; message: string };
export type DiffResult = { ok: true; value: WhatIfDiff } | { ok: false; error: DiffError };

/** Changed cells the full diff explains at most; the summary has no such limit (it explains on demand). */
export const DEFAULT_MAX_EXPLAINED = 100_000;

const noCounts = (): DiffCounts => ({ gained: 0, revoked: 0, changed: 0, unknown: 0, total: 0 });

/**
 * Changed cells counted per caller, in first-seen order (the diff's order is the scope's caller order).
 *
 * @example
 * countsByCaller(diff.cells)[0]; // { caller: { type: 'user', name: 'alice' }, counts: { gained: 1, ..., total: 1 } }
 */
export function countsByCaller(
  cells: Iterable<{ caller: Caller; change: ChangeClass }>,
): CallerCounts[] {
  const by = new Map<string, CallerCounts>();
  for (const c of cells) {
    const k = callerKey(c.caller);
    let x = by.get(k);
    if (!x) by.set(k, (x = { caller: c.caller, counts: noCounts() }));
    x.counts[c.change]++;
    x.counts.total++;
  }
  return [...by.values()];
}

/**
 * The per-caller counts in words, app-key callers apart: "alice: 1 call; via key analyst-key from
 * 10.1.0.0/16: 1 call" ("nothing else changes" when empty). `max` callers are named, the rest counted.
 *
 * @example
 * describeCallerCounts(diff.byCaller);
 */
export function describeCallerCounts(list: readonly CallerCounts[], max = 6): string {
  const shown = list.filter(x => x.counts.total > 0);
  if (shown.length === 0) return 'nothing else changes';
  const one = (x: CallerCounts) =>
    `${callerLabel(x.caller)}: ${x.counts.total} call${x.counts.total === 1 ? '' : 's'}`;
  const head = shown.slice(0, max).map(one);
  const rest = shown.slice(max);
  if (rest.length > 0) {
    const n = rest.reduce((a, x) => a + x.counts.total, 0);
    head.push(
      `${rest.length} more caller${rest.length === 1 ? '' : 's'}: ${n} call${n === 1 ? '' : 's'}`,
    );
  }
  return head.join('; ');
}

/**
 * The per-caller counts without one cell (the call a fix was asked for): that caller's `change` count drops by one.
 */
export function withoutCell(
  list: readonly CallerCounts[],
  caller: Caller,
  change: ChangeClass,
): CallerCounts[] {
  const k = callerKey(caller);
  let done = false;
  return list
    .map(x => {
      if (done || callerKey(x.caller) !== k || x.counts[change] === 0) return x;
      done = true;
      return {
        caller: x.caller,
        counts: { ...x.counts, [change]: x.counts[change] - 1, total: x.counts.total - 1 },
      };
    })
    .filter(x => x.counts.total > 0);
}

/** The class of a changed cell from its outcomes before and after (see ChangeClass). */
export function classifyOutcomes(a: CellSide['outcome'], b: CellSide['outcome']): ChangeClass {
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  if (a !== 'allowed' && b === 'allowed') return 'gained';
  if (a === 'allowed' && b !== 'allowed') return 'revoked';
  return 'changed';
}

export type ScopeGrid = { callers: Caller[]; calls: CallSpec[] };

/**
 * The callers a scope names: every user and key of either model when none are named, else the named
 * ones if each exists in a model (a key named without an address stands for every address its
 * allowlists distinguish, `expandCallers`); a message otherwise.
 */
export function scopeCallers(
  before: Model,
  after: Model,
  cs: Caller[] | undefined,
): Caller[] | string {
  const models = [before, after];
  if (cs === undefined) return allCallers(models);
  if (!Array.isArray(cs)) return 'callers must be a list of { type, name }';
  for (const c of cs) {
    const known =
      c?.type === 'user'
        ? models.some(m => Object.hasOwn(m.users, c.name))
        : c?.type === 'appKey' && models.some(m => Object.hasOwn(m.appKeys, c.name));
    if (!known)
      return `${c?.type === 'user' ? 'user' : 'application key'} '${String(c?.name)}' is in neither model`;
    if (c.ip !== undefined && (typeof c.ip !== 'string' || c.ip.trim() === ''))
      return `the client address of ${c.type === 'user' ? 'user' : 'application key'} '${c.name}' must be an address such as 10.1.2.3`;
  }
  return expandCallers(models, cs);
}

/** The callers and calls a scope names; diffModels and diffSummary compare exactly these cells. */
export function resolveScope(
  before: Model,
  after: Model,
  scope: DiffScope,
  region: () => Region,
): { ok: true; grid: ScopeGrid } | { ok: false; error: DiffError } {
  const models = [before, after];
  const bad = (message: string) => ({
    ok: false as const,
    error: { code: 'invalid-argument' as const, message },
  });
  const checkCallers = (cs: Caller[] | undefined) => scopeCallers(before, after, cs);
  if (typeof scope !== 'object' || scope === null)
    return bad('the diff scope must be an object with a kind: watch, entities, affected or all');
  switch (scope.kind) {
    case 'watch': {
      const callers = checkCallers(scope.callers);
      if (typeof callers === 'string') return bad(callers);
      const calls: CallSpec[] = [];
      for (const [i, line] of scope.calls.entries()) {
        const s = callSpec(line);
        if (!s.ok) return bad(`watched call ${i + 1} "${line}": ${s.message}`);
        calls.push(s.spec);
      }
      return { ok: true, grid: { callers, calls } };
    }
    case 'entities': {
      const callers = checkCallers(scope.callers);
      if (typeof callers === 'string') return bad(callers);
      const calls: CallSpec[] = [];
      for (const e of scope.entities) {
        const c = callsOnEntity(models, e);
        if (c.length === 0) return bad(`${e.collection}/${e.name} exists in neither model`);
        calls.push(...c);
      }
      return { ok: true, grid: { callers, calls } };
    }
    case 'affected': {
      const callers = checkCallers(scope.callers);
      if (typeof callers === 'string') return bad(callers);
      const keys = regionEntities(region());
      const entities = allEntities(models).filter(e => keys === 'all' || keys.has(entityKey(e)));
      return {
        ok: true,
        grid: { callers, calls: entities.flatMap(e => callsOnEntity(models, e)) },
      };
    }
    case 'all':
      return {
        ok: true,
        grid: {
          callers: allCallers(models),
          calls: allEntities(models).flatMap(e => callsOnEntity(models, e)),
        },
      };
    default:
      return bad(
        `unknown diff scope ${JSON.stringify((scope as { kind?: unknown }).kind)}; expected watch, entities, affected or all`,
      );
  }
}

/** The affected region in words, one line per rectangle. */
export function regionText(r: Region): string[] {
  const set = (s: 'all' | Set<string>, one: string, many: string) =>
    s === 'all' ? `every ${one}` : `${s.size} ${s.size === 1 ? one : many}`;
  return r.rectangles.map(
    x =>
      `${x.why}: ${set(x.callers, 'caller', 'callers')} x ${set(x.entities, 'entity', 'entities')}`,
  );
}

/** Equipment permissions (§7.18) that differ, for the users in the region (every user when not incremental). */
export function equipmentChanges(
  before: Model,
  after: Model,
  region: Region,
  incremental: boolean,
): EquipmentChange[] {
  const contexts = new Set([
    ...Object.keys(before.apps.contexts),
    ...Object.keys(after.apps.contexts),
  ]);
  if (contexts.size === 0) return [];
  const users = [...new Set([...Object.keys(before.users), ...Object.keys(after.users)])]
    .sort()
    .filter(
      user =>
        !incremental ||
        region.rectangles.some(r => r.callers === 'all' || r.callers.has(`user:${user}`)),
    );
  return equipmentPermissionChanges(before, after, users, [...contexts]);
}
