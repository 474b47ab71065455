/**
 * Sampled benchmark cells: (user, Thing, run-time kind, characteristic). Targets and checks are
 * built once here so the timed loops allocate nothing of their own.
 *
 * @example
 * const cells = sampleRuntimeCells(model, createRng(1), 10_000);
 * decider.runtime(cells[0].user, cells[0].target, cells[0].check);
 */
import type { EntityTarget } from '../shared/engine/decider';
import type { RestRequest, RuntimeCheck } from '../shared/model/decision';
import type { Model, RuntimeKind } from '../shared/model/types';
import { RUNTIME_KINDS } from '../shared/model/types';
import { characteristicsOf } from './generator';
import type { Rng } from './rng';

export type RuntimeCell = {
  user: string;
  thing: string;
  target: EntityTarget;
  check: RuntimeCheck;
};

/** Resources with member-level overrides of `kind` on the Thing's own set or its templates' instance sets. */
function overriddenResources(model: Model, thing: string, kind: RuntimeKind): string[] {
  const t = model.things[thing];
  if (!t) return [];
  const out = t.permissions.runtime
    .filter(e => e.kind === kind && e.resource !== '*')
    .map(e => e.resource);
  for (let name: string | null = t.template; name !== null;) {
    const tpl: Model['templates'][string] | undefined = model.templates[name];
    if (!tpl) break;
    for (const e of tpl.instance.runtime)
      if (e.kind === kind && e.resource !== '*') out.push(e.resource);
    name = tpl.base;
  }
  return out;
}

/**
 * `count` random cells over the model's non-built-in users and all Things, uniform kinds, and an
 * existing characteristic of the right type; about a third of the cells that can hit a member-level
 * override do, so the specific-resource path (§2.9) is exercised.
 */
export function sampleRuntimeCells(
  model: Model,
  rng: Rng,
  count: number,
  accept?: (cell: RuntimeCell) => boolean,
): RuntimeCell[] {
  const users = Object.values(model.users)
    .filter(u => !u.builtin)
    .map(u => u.name);
  const things = Object.keys(model.things);
  if (users.length === 0 || things.length === 0)
    throw new Error('the model has no users or no Things to sample');
  const cells: RuntimeCell[] = [];
  for (let tries = 0; cells.length < count && tries < count * 50; tries++) {
    const user = rng.pick(users);
    const thing = rng.pick(things);
    const kind = rng.pick(RUNTIME_KINDS);
    const t = model.things[thing];
    if (!t) continue;
    const overridden = overriddenResources(model, thing, kind);
    const resources =
      overridden.length > 0 && rng.chance(0.35)
        ? overridden
        : characteristicsOf(model, t.template, t.shapes, t, kind);
    if (resources.length === 0) continue;
    const cell: RuntimeCell = {
      user,
      thing,
      target: { collection: 'Things', name: thing },
      check: { kind, resource: rng.pick(resources) },
    };
    if (!accept || accept(cell)) cells.push(cell);
  }
  if (cells.length < count)
    throw new Error(`only ${cells.length} of ${count} cells could be sampled`);
  return cells;
}

/**
 * The REST call that needs the cell's permission (domain reference §5.2, §5.10); undefined for
 * EventSubscribe, which no single REST call checks.
 */
export function restRequestFor(cell: RuntimeCell): RestRequest | undefined {
  const base = `/Thingworx/Things/${encodeURIComponent(cell.thing)}`;
  const credentials = { type: 'basic' as const, user: cell.user };
  const name = encodeURIComponent(cell.check.resource);
  switch (cell.check.kind) {
    case 'PropertyRead':
      return { method: 'GET', path: `${base}/Properties/${name}`, credentials };
    case 'PropertyWrite':
      return {
        method: 'PUT',
        path: `${base}/Properties/${name}`,
        credentials,
        body: { [cell.check.resource]: 1 },
      };
    case 'ServiceInvoke':
      return { method: 'POST', path: `${base}/Services/${name}`, credentials, body: {} };
    case 'EventInvoke':
      return { method: 'POST', path: `${base}/Events/${name}`, credentials, body: {} };
    case 'EventSubscribe':
      return undefined;
  }
}
