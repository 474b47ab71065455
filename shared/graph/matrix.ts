/**
 * Access matrix data (docs/architecture.md "Views"): users x Things x run-time kinds, each cell the status a Basic-auth
 * call of that kind on every characteristic (`*`) of the Thing gets, the same answer as the `*` rows of
 * the effective permission table (engine:effective-table; §9.1-9.6). A cell where a property,
 * service or event named by an entry answers otherwise (an override, §2.7, §2.9) is listed in the
 * window's `overrides`, and `cellOverrides` names those characteristics. Cells come in windows so
 * the renderer asks only for what is on screen.
 *
 * Cell codes, one character each: '2' = 200, '3' = 403, '4' = 404, '1' = 401, 'u' = unknown (a
 * permitted call on a disabled Thing: ThingWorx's answer is not documented, §9.4 [INF]).
 *
 * @example
 * const axes = matrixAxes(model, { group: 'Operators' });
 * const cells = matrixCells(model, axes.users.slice(0, 50), axes.things.slice(0, 100), axes.kinds);
 * cells[0]; // '2' when the first user may PropertyRead every property of the first Thing
 */
import { getDecider } from '../engine/index';
import { matrixEngineOf } from '../engine/matrix';
import type { EntityTarget } from '../engine/decider';
import { gate } from '../engine/gate';
import type { IndexedDecider } from '../engine/indexed';
import { characteristicsOf } from '../engine/characteristics';
import { DEFAULT_SEMANTICS, RUNTIME_KINDS } from '../model/types';
import type { Characteristics, Model, RuntimeKind } from '../model/types';
import { templateChain } from '../model/chains';
import { own } from '../model/own';

export type MatrixFilter = {
  /** Only users in this group, directly or through nesting (§3.4). */
  group?: string;
  /** Only Things whose template chain contains this template (§2.3). */
  template?: string;
  /** Only these kinds (default: all five run-time kinds, §1.3). */
  kinds?: RuntimeKind[];
};

export type MatrixAxes = { users: string[]; things: string[]; kinds: RuntimeKind[] };

export type MatrixCode = '2' | '3' | '4' | '1' | 'u';

/** Largest window of one `matrixCells` call, in cells (users x Things x kinds). */
export const MATRIX_WINDOW_MAX = 200_000;

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The rows (users), columns (Things) and kinds of the matrix after the filter, in name order.
 * Built-in users and Things are left out: they are the platform's, not the deployment's.
 */
export function matrixAxes(model: Model, filter: MatrixFilter = {}): MatrixAxes {
  const decider = getDecider(model);
  const users = Object.values(model.users)
    .filter(
      u =>
        !u.builtin &&
        (!filter.group || decider.principals(u.name).groups.some(g => g.name === filter.group)),
    )
    .map(u => u.name)
    .sort(byName);
  const things = Object.values(model.things)
    .filter(
      t =>
        !t.builtin &&
        (!filter.template || templateChain(model, t.template).includes(filter.template)),
    )
    .map(t => t.name)
    .sort(byName);
  const kinds =
    filter.kinds && filter.kinds.length > 0
      ? RUNTIME_KINDS.filter(k => filter.kinds?.includes(k))
      : [...RUNTIME_KINDS];
  return { users, things, kinds };
}

/** One window: the codes, and the indices of the cells where a named characteristic answers otherwise. */
export type MatrixWindow = {
  /** One code character per (user, Thing, kind), row-major (as `matrixCells`). */
  cells: string;
  /**
   * Indices into `cells`, ascending, of the cells where at least one property, service or event of
   * the Thing answers otherwise than `*` because an entry names it (an override, §2.7, §2.9).
   */
  overrides: number[];
};

type Asked = { user: string; target: EntityTarget };
const visibleFast = (decider: IndexedDecider, q: Asked): boolean =>
  decider.visible(q.user, q.target);

/** The characteristics a check of this kind is about (§5.10): properties, services or events. */
function namesOfKind(chars: Characteristics, kind: RuntimeKind): readonly string[] {
  if (kind === 'PropertyRead' || kind === 'PropertyWrite') return chars.properties;
  if (kind === 'ServiceInvoke') return chars.services;
  return chars.events;
}

/**
 * The characteristics of `thing` (of the kind's type) on which `user`'s run-time check of `kind`
 * answers otherwise than on `*`, in the order of the effective permission table
 * (`characteristicsOf`). Only a characteristic an entry names can differ (entries match a resource
 * by `*` or by name, §2.7); a bypass or an invisible Thing answers alike for all (§9.3-9.5), so
 * those cells have none. Empty for a user who cannot log in or a Thing that does not exist.
 *
 * @example
 * cellOverrides(demo, 'alice', 'SensorDataStream', 'ServiceInvoke'); // ['GetDataStream']
 */
export function cellOverrides(
  model: Model,
  user: string,
  thing: string,
  kind: RuntimeKind,
): string[] {
  const decider = getDecider(model);
  const u = own(model.users, user);
  const t = own(model.things, thing);
  if (!u || !u.enabled || u.locked || !t) return [];
  const target = { collection: 'Things', name: thing };
  const g = gate(model.semantics, user, decider.isAdmin(user), t.owner, visibleFast, decider, {
    user,
    target,
  });
  if (g !== 'check') return [];
  return overridesOf(model, decider, user, target, kind, undefined);
}

function overridesOf(
  model: Model,
  decider: IndexedDecider,
  user: string,
  target: EntityTarget,
  kind: RuntimeKind,
  chars: Characteristics | undefined,
): string[] {
  const named = decider.specificResources(target, kind);
  if (named.size === 0) return [];
  const star = decider.allows(user, target, { kind, resource: '*' });
  const out: string[] = [];
  for (const name of namesOfKind(chars ?? characteristicsOf(model, target), kind))
    if (named.has(name) && decider.allows(user, target, { kind, resource: name }) !== star)
      out.push(name);
  return out;
}

/**
 * Cells of a window, row-major: for each user, for each Thing, for each kind, one code character,
 * cut from the model's bit-parallel matrix engine (shared/engine/matrix: users and Things decided
 * per class, bypasses and visibility as the decision gate orders them, shared/engine/gate.ts).
 * Also the cells with an override (MatrixWindow).
 *
 * @example
 * matrixWindow(model, ['alice'], ['SensorDataStream'], ['PropertyRead', 'ServiceInvoke']);
 * // { cells: '22', overrides: [1] } when a per-service Deny differs from the `*` Allow
 */
export function matrixWindow(
  model: Model,
  users: readonly string[],
  things: readonly string[],
  kinds: readonly RuntimeKind[],
): MatrixWindow {
  const engine = matrixEngineOf(model);
  return engine.window(
    users.map(u => engine.userIndex(u) ?? -1),
    things.map(t => engine.thingIndex(t) ?? -1),
    kinds.map(k => RUNTIME_KINDS.indexOf(k)),
  );
}

/**
 * The same window as `matrixWindow`, answered by single checks (the indexed fast path through the
 * decision gate, about a microsecond a cell) instead of the matrix engine: what a server answers
 * while the engine of a large model is still being built, so the first tiles need not wait for it.
 *
 * @example
 * matrixWindowByChecks(model, ['alice'], ['SensorDataStream'], ['PropertyRead']); // { cells: '2', overrides: [] }
 */
export function matrixWindowByChecks(
  model: Model,
  users: readonly string[],
  things: readonly string[],
  kinds: readonly RuntimeKind[],
): MatrixWindow {
  const decider = getDecider(model);
  const denied = { ...DEFAULT_SEMANTICS, ...model.semantics }.denialStatus === 401 ? '1' : '3';
  const out: string[] = [];
  const overrides: number[] = [];
  // Characteristics per Thing, asked only where an entry names one (overridesOf).
  const chars = new Map<string, Characteristics>();
  for (const user of users) {
    const u = own(model.users, user);
    if (!u || !u.enabled || u.locked) {
      for (let i = things.length * kinds.length; i > 0; i--) out.push('1');
      continue;
    }
    for (const thing of things) {
      const t = own(model.things, thing);
      if (!t) {
        for (let i = kinds.length; i > 0; i--) out.push('4');
        continue;
      }
      const target = { collection: 'Things', name: thing };
      // Overrides only where the check decides (no bypass, visible): the gate once per Thing.
      const g = gate(model.semantics, user, decider.isAdmin(user), t.owner, visibleFast, decider, {
        user,
        target,
      });
      for (const kind of kinds) {
        const a = decider.check(user, target, { kind, resource: '*' });
        out.push(a === 'invisible' ? '4' : a === 'denied' ? denied : t.enabled ? '2' : 'u');
        if (g !== 'check' || decider.specificResources(target, kind).size === 0) continue;
        let c = chars.get(thing);
        if (!c) chars.set(thing, (c = characteristicsOf(model, target)));
        if (overridesOf(model, decider, user, target, kind, c).length > 0)
          overrides.push(out.length - 1);
      }
    }
  }
  return { cells: out.join(''), overrides };
}

/**
 * The codes of a window alone (matrixWindow without the overrides).
 *
 * @example
 * matrixCells(model, ['alice'], ['SensorDataStream'], ['PropertyRead', 'ServiceInvoke']); // e.g. '23'
 */
export function matrixCells(
  model: Model,
  users: readonly string[],
  things: readonly string[],
  kinds: readonly RuntimeKind[],
): string {
  return matrixWindow(model, users, things, kinds).cells;
}

/** The status a code stands for (unknown: null). */
export function codeStatus(code: string): number | null {
  return own({ '2': 200, '3': 403, '4': 404, '1': 401 } as Record<string, number>, code) ?? null;
}
