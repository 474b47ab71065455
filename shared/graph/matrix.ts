/**
 * Access matrix data (docs/architecture.md "Views"): users x Things x run-time kinds, each cell the status a Basic-auth
 * call of that kind on every characteristic (`*`) of the Thing gets, the same answer as the `*` rows of
 * the effective permission table (engine:effective-table; §9.1-9.6). Cells come in windows so the
 * renderer asks only for what is on screen.
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
import type { Decider } from '../engine/decider';
import { RUNTIME_KINDS } from '../model/types';
import type { Model, RuntimeKind } from '../model/types';
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

function denialCode(model: Model): MatrixCode {
  return model.semantics.denialStatus === 401 ? '1' : '3';
}

/** §9.1-9.5 before the permission check: 401, admin/owner bypass, 404; or 'check'. */
function gate(
  model: Model,
  decider: Decider,
  user: string,
  thing: string,
): MatrixCode | 'allow' | 'check' {
  const u = own(model.users, user);
  if (!u || !u.enabled || u.locked) return '1';
  const t = own(model.things, thing);
  if (!t) return '4';
  if (model.semantics.adminBypass && decider.principals(user).isAdmin) return 'allow';
  if (model.semantics.ownerBypass && t.owner === user) return 'allow';
  if (!decider.visibility(user, { collection: 'Things', name: thing }).visible) return '4';
  return 'check';
}

/**
 * Cells of a window, row-major: for each user, for each Thing, for each kind, one code character.
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
  const decider = getDecider(model);
  const deny = denialCode(model);
  const out: string[] = [];
  for (const user of users) {
    for (const thing of things) {
      const g = gate(model, decider, user, thing);
      const disabled = own(model.things, thing)?.enabled === false;
      for (const kind of kinds) {
        if (g !== 'check') {
          out.push(g === 'allow' ? (disabled ? 'u' : '2') : g);
          continue;
        }
        const allowed = decider.runtime(
          user,
          { collection: 'Things', name: thing },
          { kind, resource: '*' },
        ).allowed;
        out.push(allowed ? (disabled ? 'u' : '2') : deny);
      }
    }
  }
  return out.join('');
}

/** The status a code stands for (unknown: null). */
export function codeStatus(code: string): number | null {
  return own({ '2': 200, '3': 403, '4': 404, '1': 401 } as Record<string, number>, code) ?? null;
}
