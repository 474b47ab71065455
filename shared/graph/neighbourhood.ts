/**
 * Focused neighbourhoods of the model (docs/architecture.md "Views"): a user's principals and what they reach, a group's
 * members and grants, an entity's levels and grantees, an organization's units. Never the whole model:
 * past the node-count guard, users and Things fold into counted aggregates (aggregate.ts).
 *
 * @example
 * const view = neighbourhood(model, { type: 'user', name: 'alice' });
 * view.edges.filter(e => e.kind === 'permission' && e.allow === false); // alice's deny entries
 */
import { getDecider } from '../engine/index';
import type { Model } from '../model/types';
import { foldPastGuard } from './aggregate';
import { GraphBuilder } from './builder';
import { mergeParallelEdges } from './merge';
import type { HeldEntry } from './held-entries';
import { chainShapes, templateChain } from '../model/chains';
import {
  collectionId,
  groupId,
  heldEntries,
  principalId,
  shapeId,
  unitId,
  userId,
  visibilityId,
} from './held-entries';
import type { GraphFocus, GraphView } from './types';
import { DEFAULT_NODE_GUARD } from './types';
import { own as ownEntry } from '../model/own';

/** `expand`: aggregates (by id) the user opened, kept unfolded past the guard. */
export type NeighbourhoodOptions = { guard?: number; expand?: readonly string[] };

export type NeighbourhoodResult =
  { ok: true; value: GraphView } | { ok: false; code: 'not-found'; message: string };

const FOCUS_WORDS: Record<GraphFocus['type'], string> = {
  user: 'user',
  group: 'group',
  organization: 'organization',
  thing: 'Thing',
  template: 'template',
  shape: 'shape',
};

function exists(model: Model, f: GraphFocus): boolean {
  const table = {
    user: model.users,
    group: model.groups,
    organization: model.organizations,
    thing: model.things,
    template: model.templates,
    shape: model.shapes,
  }[f.type];
  return Object.hasOwn(table, f.name);
}

/**
 * The neighbourhood of one model element as a graph view, folded past `guard` nodes.
 *
 * @example
 * const r = neighbourhood(model, { type: 'thing', name: 'SensorDataStream' });
 * if (r.ok) r.value.nodes.map(n => n.label);
 */
export function neighbourhood(
  model: Model,
  focus: GraphFocus,
  options: NeighbourhoodOptions = {},
): NeighbourhoodResult {
  if (!exists(model, focus))
    return {
      ok: false,
      code: 'not-found',
      message: `No ${FOCUS_WORDS[focus.type]} named '${focus.name}' in the model.`,
    };
  const b = new GraphBuilder(model);
  const focusId = build(model, b, focus);
  const focusNode = b.nodes.get(focusId);
  if (focusNode) focusNode.focus = true;
  addVisibilityAmong(model, b);
  const folded = foldPastGuard(
    [...b.nodes.values()],
    [...b.edges.values()],
    options.guard ?? DEFAULT_NODE_GUARD,
    options.expand,
    { entriesPerPrincipal: focus.type === 'user' },
  );
  return {
    ok: true,
    value: {
      title: `${FOCUS_WORDS[focus.type]} ${focus.name}`,
      ...folded,
      edges: mergeParallelEdges(folded.edges),
    },
  };
}

function build(model: Model, b: GraphBuilder, f: GraphFocus): string {
  switch (f.type) {
    case 'user':
      return userNeighbourhood(model, b, f.name);
    case 'group':
      return groupNeighbourhood(model, b, f.name);
    case 'organization':
      return orgNeighbourhood(model, b, f.name);
    case 'thing':
    case 'template':
    case 'shape':
      return entityNeighbourhood(model, b, f.type, f.name);
  }
}

/** A unit with its chain of parent units up to the organization node (§4.2). */
export function addUnitChain(model: Model, b: GraphBuilder, org: string, unit: string): string {
  const id = b.unit(org, unit);
  const o = ownEntry(model.organizations, org);
  let child = unit;
  for (
    let parent = ownEntry(o?.units, unit)?.parent ?? null, guard = 0;
    parent && guard < 1000;
    parent = ownEntry(o?.units, parent)?.parent ?? null, guard++
  ) {
    b.edge('unit-parent', unitId(org, child), b.unit(org, parent));
    child = parent;
  }
  b.edge('unit-parent', unitId(org, child), b.org(org));
  return id;
}

/** The user, its transitive groups (§3.4), its units (§4.1), and every entry naming one of them. */
export function addPrincipals(model: Model, b: GraphBuilder, user: string): Set<string> {
  const ps = getDecider(model).principals(user);
  const ids = new Set<string>([b.user(user)]);
  const closure = new Set(ps.groups.map(g => g.name));
  for (const g of ps.groups) {
    ids.add(b.group(g.name));
    // The shortest path always shows; direct parents inside the closure show the rest of the DAG.
    for (let i = 0; i + 1 < g.path.length; i++) {
      const from = i === 0 ? userId(g.path[0] as string) : groupId(g.path[i] as string);
      b.edge('member', from, groupId(g.path[i + 1] as string));
    }
    for (const parent of ownEntry(model.groups, g.name)?.memberOf ?? [])
      if (closure.has(parent)) b.edge('member', groupId(g.name), groupId(parent));
  }
  for (const u of ps.units) {
    const id = addUnitChain(model, b, u.org, u.unit);
    const member = u.via.length > 1 ? groupId(u.via[u.via.length - 1] as string) : userId(user);
    const memberId = b.nodes.has(member) ? member : userId(user);
    b.edge('unit-member', memberId, id);
  }
  return ids;
}

function userNeighbourhood(model: Model, b: GraphBuilder, user: string): string {
  const principals = addPrincipals(model, b, user);
  const reachedTemplates = new Set<string>();
  for (const e of heldEntries(model).entries) {
    if (!principals.has(principalId(e.principal))) continue;
    b.permission(e);
    if (e.holder.kind === 'template' && e.level === 'instance') reachedTemplates.add(e.holder.name);
  }
  // What the instance entries reach: the Things of those templates (and of derived ones, §11.3).
  for (const t of Object.values(model.things)) {
    if (t.builtin) continue;
    const chain = templateChain(model, t.template);
    const hit = chain.findIndex(c => reachedTemplates.has(c));
    if (hit < 0) continue;
    b.edge('template', b.thing(t.name), b.template(chain[0] as string));
    for (let i = 0; i < hit; i++)
      b.edge('base', b.template(chain[i] as string), b.template(chain[i + 1] as string));
  }
  return userId(user);
}

function groupNeighbourhood(model: Model, b: GraphBuilder, group: string): string {
  const id = b.group(group);
  // Ancestors (what the group's members also get) and direct children (who gets this group's grants).
  const seen = new Set<string>([group]);
  const queue = [group];
  while (queue.length > 0) {
    const g = queue.shift() as string;
    for (const parent of ownEntry(model.groups, g)?.memberOf ?? []) {
      b.edge('member', b.group(g), b.group(parent));
      if (!seen.has(parent)) {
        seen.add(parent);
        queue.push(parent);
      }
    }
  }
  for (const g of Object.values(model.groups))
    if (g.memberOf.includes(group)) b.edge('member', b.group(g.name), id);
  for (const u of Object.values(model.users))
    if (u.groups.includes(group)) b.edge('member', b.user(u.name), id);
  for (const o of Object.values(model.organizations)) {
    for (const unit of Object.values(o.units)) {
      if (unit.members.some(m => m.type === 'group' && m.name === group))
        b.edge('unit-member', id, addUnitChain(model, b, o.name, unit.name));
    }
  }
  for (const e of heldEntries(model).entries)
    if (e.principal.type === 'group' && e.principal.name === group) b.permission(e);
  return id;
}

function orgNeighbourhood(model: Model, b: GraphBuilder, org: string): string {
  const o = ownEntry(model.organizations, org);
  const id = b.org(org);
  for (const unit of Object.values(o?.units ?? {})) {
    const uid = addUnitChain(model, b, org, unit.name);
    for (const m of unit.members) b.edge('unit-member', b.principal(m), uid);
  }
  for (const v of heldEntries(model).visibility) {
    if (v.grant.org !== org) continue;
    b.edge(
      'visibility',
      b.nodes.has(visibilityId(v.grant)) ? visibilityId(v.grant) : id,
      b.holder(v.holder),
    );
  }
  return id;
}

/** The levels that decide for an entity (§9.6): its own set, the template chain, shapes, the collection. */
function entityNeighbourhood(
  model: Model,
  b: GraphBuilder,
  type: 'thing' | 'template' | 'shape',
  name: string,
): string {
  const holders = new Map<string, HeldEntry['level'][]>();
  let focusId: string;
  if (type === 'shape') {
    focusId = b.shape(name);
    holders.set(focusId, ['own', 'shape']);
    for (const t of Object.values(model.templates))
      if (t.shapes.includes(name)) b.edge('implements', b.template(t.name), focusId);
    for (const t of Object.values(model.things))
      if (t.shapes.includes(name)) b.edge('implements', b.thing(t.name), focusId);
    b.edge('collection', focusId, b.collection('ThingShapes'));
    holders.set(collectionId('ThingShapes'), ['collection']);
  } else {
    const chainStart = type === 'thing' ? ownEntry(model.things, name)?.template : name;
    const chain = templateChain(model, chainStart);
    focusId = type === 'thing' ? b.thing(name) : b.template(name);
    if (type === 'thing') {
      holders.set(focusId, ['entity']);
      if (chain[0]) b.edge('template', focusId, b.template(chain[0]));
      for (const s of ownEntry(model.things, name)?.shapes ?? [])
        b.edge('implements', focusId, b.shape(s));
    } else {
      holders.set(focusId, ['own', 'instance']);
      // Things of this template are who its instance entries reach (§2.3).
      for (const t of Object.values(model.things))
        if (t.template === name) b.edge('template', b.thing(t.name), focusId);
    }
    for (let i = 0; i < chain.length; i++) {
      const tid = b.template(chain[i] as string);
      if (!holders.has(tid)) holders.set(tid, ['instance']);
      if (i + 1 < chain.length) b.edge('base', tid, b.template(chain[i + 1] as string));
      for (const s of ownEntry(model.templates, chain[i] as string)?.shapes ?? [])
        b.edge('implements', tid, b.shape(s));
    }
    // The shapes a Thing's instance-level checks reach (§2.5): its own, then its template chain's.
    const own = type === 'thing' ? (ownEntry(model.things, name)?.shapes ?? []) : [];
    for (const s of [...own, ...chainShapes(model, chainStart)]) holders.set(shapeId(s), ['shape']);
    const coll = type === 'thing' ? 'Things' : 'ThingTemplates';
    b.edge('collection', focusId, b.collection(coll));
    holders.set(collectionId(coll), ['collection']);
  }
  const grantees = new Set<string>();
  const { entries, visibility } = heldEntries(model);
  for (const e of entries) {
    if (!holders.get(e.holder.id)?.includes(e.level)) continue;
    b.permission(e);
    if (e.principal.type === 'group') grantees.add(e.principal.name);
  }
  for (const v of visibility) {
    if (!holders.get(v.holder.id)?.includes(v.level)) continue;
    const from =
      v.grant.type === 'org'
        ? b.org(v.grant.org)
        : addUnitChain(model, b, v.grant.org, v.grant.unit);
    b.edge('visibility', from, v.holder.id);
  }
  // Who the grantee groups are: their direct users (folded past the guard). `Users` holds everyone
  // implicitly (§3.5), so listing it would be the whole model.
  for (const u of Object.values(model.users)) {
    for (const g of u.groups)
      if (grantees.has(g) && g !== 'Users') b.edge('member', b.user(u.name), groupId(g));
  }
  return focusId;
}

/** Visibility edges between organization/unit nodes and entities already in the view (no new nodes). */
function addVisibilityAmong(model: Model, b: GraphBuilder): void {
  for (const v of heldEntries(model).visibility) {
    const from = visibilityId(v.grant);
    if (!b.nodes.has(from) || !b.nodes.has(v.holder.id)) continue;
    b.edge('visibility', from, v.holder.id);
  }
}
