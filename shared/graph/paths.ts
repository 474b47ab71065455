/**
 * Pathfinding (docs/architecture.md "Views"): from any principal to any entity, every route by which an
 * entry reaches the entity — principal -> (nested) groups -> allow or deny entry -> holder -> the
 * level's link down to the entity (template chain, shape, collection) — each through the shortest
 * membership path (§3.4, §2.11), shortest routes first. The question a trainer asks is "how does
 * alice get to SensorDataStream at all?", before "what does this one call answer?".
 *
 * @example
 * const r = findPaths(model, { from: { type: 'user', name: 'alice' }, to: { type: 'thing', name: 'SensorDataStream' } });
 * if (r.ok) r.value.paths?.[0]?.text; // 'alice -> DataAnalysts -> [Deny ServiceInvoke · GetDataStream · entity] -> SensorDataStream'
 */
import { getDecider } from '../engine/index';
import { bypassOf } from '../engine/gate';
import { addVisibilityGap } from './decision-path';
import { own as ownEntry } from '../model/own';
import type { Model } from '../model/types';
import { GraphBuilder, permissionEdgeId } from './builder';
import type { HeldEntry } from './held-entries';
import { groupId, heldEntries, principalId, userId } from './held-entries';
import { applicableLevels, collectionOf, entityNodeId, levelRoute } from './levels';
import { mergeParallel } from './merge';
import type { GraphPath, GraphView, PathMark, PathQuery } from './types';

/** At most this many routes are listed (a group granted on every level of a wide chain stays readable). */
export const PATHS_CAP = 200;

export type PathsResult =
  { ok: true; value: GraphView } | { ok: false; code: 'not-found'; message: string };

const TO_WORDS = { thing: 'Thing', template: 'template', shape: 'shape' } as const;

/** principal id -> the shortest membership route to it (names, the principal first). */
function membershipRoutes(model: Model, from: PathQuery['from']): Map<string, string[]> {
  const routes = new Map<string, string[]>();
  if (from.type === 'user') {
    routes.set(userId(from.name), [from.name]);
    for (const g of getDecider(model).principals(from.name).groups)
      routes.set(groupId(g.name), g.path);
    return routes;
  }
  // A group inherits what its parent groups are granted (§2.11): breadth first, so each route is shortest.
  routes.set(groupId(from.name), [from.name]);
  const queue = [from.name];
  while (queue.length > 0) {
    const g = queue.shift() as string;
    const route = routes.get(groupId(g)) ?? [g];
    for (const parent of ownEntry(model.groups, g)?.memberOf ?? []) {
      if (routes.has(groupId(parent))) continue;
      routes.set(groupId(parent), [...route, parent]);
      queue.push(parent);
    }
  }
  return routes;
}

function exists(model: Model, q: PathQuery): string | null {
  const fromTable = q.from.type === 'user' ? model.users : model.groups;
  if (!Object.hasOwn(fromTable, q.from.name))
    return `No ${q.from.type} named '${q.from.name}' in the model.`;
  const toTable = { thing: model.things, template: model.templates, shape: model.shapes }[
    q.to.type
  ];
  if (!Object.hasOwn(toTable, q.to.name))
    return `No ${TO_WORDS[q.to.type]} named '${q.to.name}' in the model.`;
  return null;
}

/**
 * Every route from a principal to an entity through the entries that apply to it, as a graph view
 * with the routes listed (`paths`) and the shortest allow and deny routes marked `path`.
 *
 * @example
 * findPaths(model, { from: { type: 'group', name: 'Operators' }, to: { type: 'thing', name: 'SensorDataStream' } });
 */
export function findPaths(model: Model, q: PathQuery): PathsResult {
  const missing = exists(model, q);
  if (missing) return { ok: false, code: 'not-found', message: missing };
  const b = new GraphBuilder(model);
  const routes = membershipRoutes(model, q.from);
  const levels = applicableLevels(model, q.to);
  const entity = { collection: collectionOf(q.to), name: q.to.name };
  const targetId = entityNodeId(q.to);
  const startId = q.from.type === 'user' ? b.user(q.from.name) : b.group(q.from.name);
  b.holder({ id: targetId, kind: q.to.type, name: q.to.name });

  // One route per permission edge (principal, holder, level, resource, effect): its kinds are one label.
  const byEdge = new Map<string, HeldEntry>();
  for (const e of heldEntries(model).entries) {
    if (!levels.get(e.holder.id)?.includes(e.level)) continue;
    if (!routes.has(principalId(e.principal))) continue;
    b.permission(e);
    const id = permissionEdgeId(e);
    if (!byEdge.has(id)) byEdge.set(id, e);
  }
  const found: GraphPath[] = [];
  for (const [edgeId, e] of byEdge) {
    const route = routes.get(principalId(e.principal)) ?? [];
    const nodes: string[] = [startId];
    const edges: string[] = [];
    for (let i = 1; i < route.length; i++) {
      const to = b.group(route[i] as string);
      edges.push(b.edge('member', nodes[nodes.length - 1] as string, to));
      nodes.push(to);
    }
    edges.push(edgeId);
    nodes.push(e.holder.id);
    // levelRoute runs entity -> holder; the route reads principal -> holder -> ... -> entity.
    const down = levelRoute(model, b, entity, targetId, e.holder).reverse();
    for (const d of down) {
      edges.push(d);
      nodes.push(b.edges.get(d)?.source ?? targetId);
    }
    const label = b.edges.get(edgeId)?.label ?? '';
    const names = (ids: string[]) => ids.map(id => b.nodes.get(id)?.label ?? id);
    const before = names(nodes.slice(0, route.length));
    const after = names(nodes.slice(route.length));
    found.push({
      effect: e.allow ? 'allow' : 'deny',
      nodes,
      edges,
      hops: edges.length,
      text: [...before, `[${label}]`, ...after].join(' -> '),
      shortest: false,
    });
  }
  found.sort(
    (a, b2) => a.hops - b2.hops || (a.effect === b2.effect ? 0 : a.effect === 'deny' ? -1 : 1),
  );
  const paths = found.slice(0, PATHS_CAP);
  for (const effect of ['allow', 'deny'] as const) {
    const min = Math.min(...paths.filter(p => p.effect === effect).map(p => p.hops));
    for (const p of paths) {
      if (p.effect !== effect || p.hops !== min) continue;
      p.shortest = true;
      for (const id of [...p.nodes, ...p.edges]) {
        const target = b.nodes.get(id) ?? b.edges.get(id);
        if (target) target.mark = 'path';
      }
    }
  }
  const seen = q.from.type === 'user' ? visibilityOf(model, b, q, routes, startId) : '';
  const start = b.nodes.get(startId);
  if (start) start.focus = true;
  const { edges, renamed } = mergeParallel([...b.edges.values()]);
  for (const p of paths) p.edges = p.edges.map(id => renamed.get(id) ?? id);
  const allow = paths.filter(p => p.effect === 'allow').length;
  const deny = paths.length - allow;
  const admin =
    q.from.type === 'user' && getDecider(model).principals(q.from.name).isAdmin
      ? ` · ${q.from.name} is in Administrators: every check is skipped (§3.3)`
      : '';
  const nodes = [...b.nodes.values()];
  return {
    ok: true,
    value: {
      title: `paths from ${q.from.name} to ${q.to.name}`,
      nodes,
      edges,
      total: nodes.length,
      aggregated: false,
      table: [],
      summary:
        seen +
        (paths.length === 0
          ? `no path: no entry for ${q.from.name} or its groups applies to ${q.to.name} (default deny, §1.7)${admin}`
          : `${allow} allow and ${deny} deny ${found.length === 1 ? 'route' : 'routes'}${found.length > PATHS_CAP ? ` (first ${PATHS_CAP} of ${found.length})` : ''}, shortest ${paths[0]?.hops ?? 0} hops${admin}`),
      paths,
    },
  };
}

const where = (v: { type: 'org' | 'unit'; org: string; unit?: string }) =>
  v.type === 'org' ? `organization ${v.org}` : `unit ${v.org}/${v.unit ?? ''}`;

/**
 * Before any entry counts, the user must see the entity (§9.5): a 404 otherwise. When the user does
 * not, the view draws the gap as the decision path does (the entity's visibility grants on one
 * side, the user's units on the other, the missing link between) and the summary says so; when the
 * user does, the summary names the grants that make it visible. Returns the summary's first words.
 */
function visibilityOf(
  model: Model,
  b: GraphBuilder,
  q: PathQuery,
  routes: Map<string, string[]>,
  uid: string,
): string {
  const user = q.from.name;
  const entity = { collection: collectionOf(q.to), name: q.to.name };
  const decider = getDecider(model);
  const ps = decider.principals(user);
  const table = { thing: model.things, template: model.templates, shape: model.shapes }[q.to.type];
  const by = bypassOf(model.semantics, user, ps.isAdmin, ownEntry(table, q.to.name)?.owner);
  if (by) return '';
  const v = decider.visibility(user, entity);
  if (v.visible)
    return `visible through ${[...new Set(v.decided.map(where))].join(', ')} (§4.4) · `;
  const mark = (id: string, m: PathMark) => {
    const target = b.nodes.get(id) ?? b.edges.get(id);
    if (target && target.mark !== 'path') target.mark = m;
  };
  const principalPath = (p: { type: 'user' | 'group'; name: string }, m: PathMark): string => {
    if (p.type === 'user') return b.user(p.name);
    const route = routes.get(groupId(p.name)) ?? [user, p.name];
    for (let i = 0; i + 1 < route.length; i++) {
      const from = i === 0 ? b.user(route[0] as string) : b.group(route[i] as string);
      const to = b.group(route[i + 1] as string);
      mark(b.edge('member', from, to), m);
      mark(to, m);
    }
    return groupId(p.name);
  };
  mark(uid, 'path');
  mark(entityNodeId(q.to), 'path');
  addVisibilityGap(model, b, {
    user,
    uid,
    ps,
    entity,
    targetId: entityNodeId(q.to),
    principalPath,
    mark,
  });
  const grants = heldEntries(model).visibility.filter(x =>
    applicableLevels(model, q.to).get(x.holder.id)?.includes(x.level),
  );
  return `not visible to ${user}: 404 before any entry counts (§9.5); ${
    grants.length > 0
      ? `its visibility names ${[...new Set(grants.map(g => where(g.grant)))].join(', ')}, none covering a unit of ${user}`
      : 'no visibility grant names any organization or unit'
  } · `;
}
