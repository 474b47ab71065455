/**
 * The decision path of an answer (docs/architecture.md "Views"): user -> groups or units -> entry -> level -> entity
 * that decided, with the entries that lost marked. Built from the Decision the engine returns (the
 * same one the Ask view shows), so the graph and the explanation cannot disagree.
 *
 * @example
 * const view = decisionPath(model, request, evaluate(model, request));
 * view.edges.filter(e => e.mark === 'path'); // the edges that decided
 */
import { getDecider } from '../engine/index';
import type {
  Decision,
  Level,
  LocatedDesignEntry,
  LocatedRuntimeEntry,
  LocatedVisibility,
  PrincipalSet,
  RestRequest,
} from '../model/decision';
import type { Model } from '../model/types';
import { parseCall } from '../rest/parse';
import { GraphBuilder } from './builder';
import type { HeldEntry, Holder } from './held-entries';
import { collectionId, groupId, heldEntries, shapeId, templateId, thingId } from './held-entries';
import { applicableLevels, levelRoute } from './levels';
import { addUnitChain } from './neighbourhood';
import type { EntryLevel, GraphView, PathMark } from './types';
import { own as ownEntry } from '../model/own';

type Located = LocatedRuntimeEntry | LocatedDesignEntry;

function holderOf(at: Level): { holder: Holder; level: EntryLevel } {
  switch (at.level) {
    case 'entity': {
      if (at.collection === 'Things')
        return {
          holder: { id: thingId(at.entity), kind: 'thing', name: at.entity },
          level: 'entity',
        };
      if (at.collection === 'ThingTemplates')
        return {
          holder: { id: templateId(at.entity), kind: 'template', name: at.entity },
          level: 'own',
        };
      if (at.collection === 'ThingShapes')
        return { holder: { id: shapeId(at.entity), kind: 'shape', name: at.entity }, level: 'own' };
      const name = `${at.collection}/${at.entity}`;
      return { holder: { id: `other:${name}`, kind: 'other', name }, level: 'entity' };
    }
    case 'instance':
      return {
        holder: { id: templateId(at.template), kind: 'template', name: at.template },
        level: 'instance',
      };
    case 'template':
      return {
        holder: { id: templateId(at.template), kind: 'template', name: at.template },
        level: 'own',
      };
    case 'shape':
      return { holder: { id: shapeId(at.shape), kind: 'shape', name: at.shape }, level: 'shape' };
    case 'collection':
      return {
        holder: { id: collectionId(at.collection), kind: 'collection', name: at.collection },
        level: 'collection',
      };
  }
}

const isVisibility = (
  e: LocatedRuntimeEntry | LocatedDesignEntry | LocatedVisibility,
): e is LocatedVisibility => !('principal' in e);

/**
 * The graph of one answer: the path that decided marked `path`, entries that lost marked `lost`.
 *
 * @example
 * decisionPath(model, req, evaluate(model, req)).summary; // '403 · Not authorized for ServiceInvoke on GetDataStream in SensorDataStream'
 */
export function decisionPath(model: Model, request: RestRequest, decision: Decision): GraphView {
  const b = new GraphBuilder(model);
  const mark = (id: string, m: PathMark) => {
    const node = b.nodes.get(id);
    const edge = b.edges.get(id);
    const target = node ?? edge;
    if (target && target.mark !== 'path') target.mark = m;
  };
  const parsed = parseCall(request.method, request.path);
  const op = parsed.ok ? parsed.call.operation : undefined;
  const entity = op && 'entity' in op ? { collection: op.collection, name: op.entity } : undefined;
  let targetId: string | undefined;
  if (entity) {
    if (entity.collection === 'Things' && ownEntry(model.things, entity.name))
      targetId = b.thing(entity.name);
    else if (entity.collection === 'ThingTemplates' && ownEntry(model.templates, entity.name))
      targetId = b.template(entity.name);
    else if (entity.collection === 'ThingShapes' && ownEntry(model.shapes, entity.name))
      targetId = b.shape(entity.name);
    else if (ownEntry(model.others, `${entity.collection}/${entity.name}`))
      targetId = b.holder({
        id: `other:${entity.collection}/${entity.name}`,
        kind: 'other',
        name: `${entity.collection}/${entity.name}`,
      });
  } else if (op) targetId = b.collection(op.collection);
  if (targetId) {
    mark(targetId, 'path');
    const n = b.nodes.get(targetId);
    if (n) n.focus = true;
  }
  const user = decision.user;
  const summary = `${decision.status} · ${decision.body.split('\n')[0] ?? ''}`.slice(0, 200);
  if (!user || !ownEntry(model.users, user)) {
    return {
      title: `answer ${decision.status}`,
      nodes: [...b.nodes.values()],
      edges: [...b.edges.values()],
      total: b.nodes.size,
      aggregated: false,
      table: [],
      summary,
    };
  }
  const decider = getDecider(model);
  const ps = decider.principals(user);
  const uid = b.user(user);
  mark(uid, 'path');

  /** user -> ... -> group along the shortest membership path (§3.4). */
  const principalPath = (p: { type: 'user' | 'group'; name: string }, m: PathMark): string => {
    if (p.type === 'user') return b.user(p.name);
    const path = ps.groups.find(g => g.name === p.name)?.path ?? [user, p.name];
    for (let i = 0; i + 1 < path.length; i++) {
      const from = i === 0 ? b.user(path[0] as string) : b.group(path[i] as string);
      const to = b.group(path[i + 1] as string);
      const e = b.edge('member', from, to);
      if (m === 'path') {
        mark(e, 'path');
        mark(to, 'path');
      }
    }
    return groupId(p.name);
  };

  /** holder -> target along the template chain, shapes or collection (the level that applied, §9.6). */
  const levelPath = (holder: Holder, m: PathMark) => {
    if (!targetId || !entity) return;
    const edges = levelRoute(model, b, entity, targetId, holder);
    if (m === 'path') {
      for (const e of edges) {
        mark(e, 'path');
        const edge = b.edges.get(e);
        if (edge) mark(edge.target, 'path');
      }
    }
  };

  const addEntry = (e: Located, m: PathMark) => {
    const { holder, level } = holderOf(e.at);
    const held: HeldEntry = {
      holder,
      level,
      family: 'resource' in e ? 'runtime' : 'designtime',
      kind: e.kind,
      resource: 'resource' in e ? e.resource : '*',
      principal: e.principal,
      allow: e.allow,
    };
    principalPath(e.principal, m);
    const edge = b.permission(held);
    mark(edge, m);
    if (m === 'path') mark(holder.id, 'path');
    levelPath(holder, m);
  };

  const addVisibility = (v: LocatedVisibility) => {
    const { holder } = holderOf(v.at);
    const grantId = v.type === 'org' ? b.org(v.org) : addUnitChain(model, b, v.org, v.unit);
    mark(grantId, 'path');
    b.holder(holder);
    mark(b.edge('visibility', grantId, holder.id), 'path');
    levelPath(holder, 'path');
    // How the user is in that organization: the unit memberships the grant covers (§4.4, option
    // visibilityDirection), with the unit chain between the member unit and the granted unit.
    const o = ownEntry(model.organizations, v.org);
    const ancestors = (unit: string): string[] => {
      const out: string[] = [];
      for (
        let p: string | null | undefined = unit;
        p && !out.includes(p);
        p = ownEntry(o?.units, p)?.parent
      )
        out.push(p);
      return out;
    };
    for (const u of ps.units) {
      if (u.org !== v.org) continue;
      const granted = v.type === 'org' ? (o?.root ?? u.unit) : v.unit;
      const dir = model.semantics.visibilityDirection;
      const covered =
        v.type === 'org' ||
        u.unit === granted ||
        (dir === 'upward' && ancestors(granted).includes(u.unit)) ||
        (dir === 'downward' && ancestors(u.unit).includes(granted));
      if (!covered) continue;
      const unitNode = addUnitChain(model, b, u.org, u.unit);
      const member =
        u.via.length > 1
          ? principalPath({ type: 'group', name: u.via[u.via.length - 1] as string }, 'path')
          : uid;
      mark(b.edge('unit-member', member, unitNode), 'path');
      mark(unitNode, 'path');
      const lower = dir === 'downward' ? u.unit : granted;
      const chain = ancestors(lower);
      const upper = dir === 'downward' ? granted : u.unit;
      for (let i = 0; i + 1 < chain.length && chain[i] !== upper; i++) {
        mark(
          b.edge(
            'unit-parent',
            b.unit(v.org, chain[i] as string),
            b.unit(v.org, chain[i + 1] as string),
          ),
          'path',
        );
        mark(b.unit(v.org, chain[i + 1] as string), 'path');
      }
    }
  };

  for (const step of decision.explanation) {
    for (const d of step.decided ?? []) {
      if (isVisibility(d)) addVisibility(d);
      else addEntry(d, 'path');
    }
    for (const l of step.lost ?? []) addEntry(l, 'lost');
    if (step.kind === 'bypass' && step.verdict === 'pass' && ps.isAdmin)
      principalPath({ type: 'group', name: 'Administrators' }, 'path');
  }
  if (decision.deciding.step === 'visibility' && decision.deciding.effect === 'invisible' && entity)
    addVisibilityGap(model, b, { user, uid, ps, entity, targetId, principalPath, mark });
  const nodes = [...b.nodes.values()];
  return {
    title: `why ${user} gets ${decision.status}`,
    nodes,
    edges: [...b.edges.values()],
    total: nodes.length,
    aggregated: false,
    table: [],
    summary,
  };
}

export type GapContext = {
  user: string;
  uid: string;
  ps: PrincipalSet;
  entity: { collection: string; name: string };
  targetId: string | undefined;
  principalPath(p: { type: 'user' | 'group'; name: string }, m: PathMark): string;
  mark(id: string, m: PathMark): void;
};

/**
 * A 404 drawn as the gap it is (§9.5, §4.4): on one side the entity's visibility grants (organization
 * or unit -> the level that holds them -> the entity), on the other the user's units up to their
 * organizations, and between the user and the entity one `gap` edge that says what is missing.
 */
export function addVisibilityGap(model: Model, b: GraphBuilder, c: GapContext): void {
  if (!c.targetId) return;
  const type =
    c.entity.collection === 'Things'
      ? 'thing'
      : c.entity.collection === 'ThingTemplates'
        ? 'template'
        : c.entity.collection === 'ThingShapes'
          ? 'shape'
          : undefined;
  const grants: string[] = [];
  if (type) {
    const levels = applicableLevels(model, { type, name: c.entity.name });
    for (const v of heldEntries(model).visibility) {
      if (!levels.get(v.holder.id)?.includes(v.level)) continue;
      const from =
        v.grant.type === 'org'
          ? b.org(v.grant.org)
          : addUnitChain(model, b, v.grant.org, v.grant.unit);
      b.holder(v.holder);
      c.mark(from, 'lost');
      c.mark(b.edge('visibility', from, v.holder.id), 'lost');
      for (const e of levelRoute(model, b, c.entity, c.targetId, v.holder)) c.mark(e, 'lost');
      c.mark(v.holder.id, 'lost');
      grants.push(
        v.grant.type === 'org'
          ? `organization ${v.grant.org}`
          : `unit ${v.grant.org}/${v.grant.unit}`,
      );
    }
  }
  const mine: string[] = [];
  for (const u of c.ps.units) {
    const unitNode = addUnitChain(model, b, u.org, u.unit);
    const member =
      u.via.length > 1
        ? c.principalPath({ type: 'group', name: u.via[u.via.length - 1] as string }, 'path')
        : c.uid;
    c.mark(b.edge('unit-member', member, unitNode), 'path');
    c.mark(unitNode, 'path');
    mine.push(`${u.org}/${u.unit}`);
  }
  // The user's units up to their organizations belong to the picture, not to the dimmed rest.
  for (const e of b.edges.values()) {
    if (e.kind !== 'unit-parent' || e.mark) continue;
    c.mark(e.id, 'path');
    c.mark(e.target, 'path');
  }
  const gap = b.edges.get(b.edge('gap', c.uid, c.targetId));
  if (!gap) return;
  gap.mark = 'path';
  gap.label = 'no visibility (404)';
  gap.help = `${c.entity.name} is not visible to ${c.user}: ${
    grants.length > 0
      ? `its visibility names ${[...new Set(grants)].join(', ')}`
      : 'no visibility grant names any organization or unit'
  }, while ${c.user} is ${
    mine.length > 0 ? `in ${[...new Set(mine)].join(', ')}` : 'in no organization unit'
  }, and no grant covers one of those units (option visibilityDirection: ${model.semantics.visibilityDirection}). ThingWorx answers 404, as if the entity did not exist (§9.5, §4.4).`;
}
