/**
 * Collects nodes and edges of a graph view without duplicates, and knows how to describe every model
 * element as a node and every relation as an edge with its ThingWorx help text.
 *
 * @example
 * const b = new GraphBuilder(model);
 * b.user('alice'); b.group('Operators'); b.edge('member', 'user:alice', 'group:Operators');
 */
import type { Model } from '../model/types';
import type { HeldEntry } from './held-entries';
import {
  collectionId,
  groupId,
  orgId,
  principalId,
  shapeId,
  templateId,
  thingId,
  unitId,
  userId,
} from './held-entries';
import type { EntryLevel, GraphEdge, GraphEdgeKind, GraphNode } from './types';
import { own as ownEntry } from '../model/own';

const LEVEL_WORDS: Record<EntryLevel, string> = {
  entity: "entity level (the entity's own Run Time / Design Time set, checked first, §2.2, §9.6)",
  instance:
    "template instance level (the template's Run Time Instance set, inherited by its Things, §2.3, §9.6)",
  shape:
    "shape instance level (the shape's Run Time Instance set, after the template chain, §2.5, §9.6)",
  own: "the template's or shape's own set: it governs that entity itself, not its Things (§2.3)",
  collection:
    'collection level (applies to every entity of the collection, checked last, §2.1, §9.6)',
};

export const EDGE_HELP: Record<Exclude<GraphEdgeKind, 'permission'>, string> = {
  member:
    'Group membership: the member gets every permission granted to the group, also through nested groups (§3.4, §2.11).',
  'unit-member':
    'Organization unit membership: visibility granted to this unit (or, upward, to a lower unit) covers this member (§4.1, §4.4).',
  'unit-parent':
    'Organization hierarchy: a visibility grant to a lower unit reaches the members of the units above it, not its siblings (§4.2, §4.4).',
  template:
    "The Thing is based on this template: the template's instance permissions apply to it, its own permissions do not (§2.3).",
  base: 'Template inheritance: instance permissions of a base template also apply to Things of derived templates (option baseTemplateInstance, §11.3).',
  implements:
    "Implements the shape: the shape's run-time instance entries are checked after the template chain (option shapeInstance, §2.5).",
  collection:
    'Collection-level permissions apply to every entity of this collection, after every more specific level (§2.1, §9.6).',
  visibility:
    'Visibility: members of this organization or unit can see the entity; without visibility ThingWorx answers 404 (§1.5, §4.4, §9.5).',
  gap: "No visibility: none of the entity's visibility grants covers an organization or unit this user is in, so ThingWorx answers 404 as if the entity did not exist (§9.5, §4.4).",
};

export class GraphBuilder {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();
  constructor(private readonly model: Model) {}

  private add(node: GraphNode): string {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
    return node.id;
  }

  user(name: string): string {
    const u = ownEntry(this.model.users, name);
    const state = u && (!u.enabled || u.locked) ? (u.locked ? ' · locked' : ' · disabled') : '';
    return this.add({
      id: userId(name),
      kind: 'user',
      label: name,
      sub: `User${state}`,
      select: { kind: 'user', name },
    });
  }
  group(name: string): string {
    return this.add({
      id: groupId(name),
      kind: 'group',
      label: name,
      sub: ownEntry(this.model.groups, name)?.builtin ? 'Group · built-in' : 'Group',
      select: { kind: 'group', name },
    });
  }
  principal(p: { type: 'user' | 'group'; name: string }): string {
    return p.type === 'user' ? this.user(p.name) : this.group(p.name);
  }
  org(name: string): string {
    return this.add({
      id: orgId(name),
      kind: 'organization',
      label: name,
      sub: 'Organization',
      select: { kind: 'organization', name },
    });
  }
  unit(org: string, unit: string): string {
    return this.add({
      id: unitId(org, unit),
      kind: 'unit',
      label: unit,
      sub: `Unit of ${org}`,
      select: { kind: 'organization', name: org },
    });
  }
  thing(name: string): string {
    const t = ownEntry(this.model.things, name);
    const sub = t ? `Thing · ${t.template}${t.enabled ? '' : ' · disabled'}` : 'Thing';
    return this.add({
      id: thingId(name),
      kind: 'thing',
      label: name,
      sub,
      select: { kind: 'thing', name },
    });
  }
  template(name: string): string {
    return this.add({
      id: templateId(name),
      kind: 'template',
      label: name,
      sub: 'Thing template',
      select: { kind: 'template', name },
    });
  }
  shape(name: string): string {
    return this.add({
      id: shapeId(name),
      kind: 'shape',
      label: name,
      sub: 'Thing shape',
      select: { kind: 'shape', name },
    });
  }
  collection(name: string): string {
    return this.add({
      id: collectionId(name),
      kind: 'collection',
      label: name,
      sub: 'Collection',
      select: { kind: 'collection', name },
    });
  }
  holder(h: HeldEntry['holder']): string {
    switch (h.kind) {
      case 'thing':
        return this.thing(h.name);
      case 'template':
        return this.template(h.name);
      case 'shape':
        return this.shape(h.name);
      case 'collection':
        return this.collection(h.name);
      case 'other': {
        const [coll = '', name = h.name] = h.name.split('/');
        return this.add({
          id: h.id,
          kind: 'other',
          label: name,
          sub: coll,
          select: { kind: 'other', name: h.name },
        });
      }
    }
  }

  edge(kind: Exclude<GraphEdgeKind, 'permission'>, source: string, target: string): string {
    const id = `${kind}:${source}>${target}`;
    if (!this.edges.has(id))
      this.edges.set(id, { id, source, target, kind, help: EDGE_HELP[kind] });
    return id;
  }

  /** Adds (or widens) the permission edge for an entry: one edge per principal, holder, level, resource, effect. */
  permission(e: HeldEntry): string {
    const source = this.principal(e.principal);
    const target = this.holder(e.holder);
    const id = permissionEdgeId(e);
    const existing = this.edges.get(id);
    if (existing) {
      if (!existing.kinds?.includes(e.kind)) {
        existing.kinds = [...(existing.kinds ?? []), e.kind];
        existing.label = permissionLabel(e.allow, existing.kinds, e.resource, e.level);
      }
      return id;
    }
    const who = `${e.principal.type}:${e.principal.name}`;
    this.edges.set(id, {
      id,
      source,
      target,
      kind: 'permission',
      allow: e.allow,
      kinds: [e.kind],
      resource: e.resource,
      level: e.level,
      label: permissionLabel(e.allow, [e.kind], e.resource, e.level),
      help: `${e.allow ? 'Allow' : 'Deny'} entry for ${who} on ${e.resource === '*' ? 'every characteristic (*)' : e.resource} of ${e.holder.name}, at the ${LEVEL_WORDS[e.level]}. ${
        e.allow
          ? 'An allow grants the kind unless a deny decides at the same or a more specific level (§9.6).'
          : 'A deny beats every allow at the same level and resource (§2.8, §9.6).'
      }`,
    });
    return id;
  }
}

export function permissionEdgeId(
  e: Pick<HeldEntry, 'principal' | 'holder' | 'level' | 'resource' | 'allow'>,
): string {
  return `perm:${principalId(e.principal)}>${e.holder.id}|${e.level}|${e.resource}|${e.allow ? 'allow' : 'deny'}`;
}

export function permissionLabel(
  allow: boolean,
  kinds: string[],
  resource: string,
  level: EntryLevel,
): string {
  return `${allow ? 'Allow' : 'Deny'} ${kinds.join(', ')} · ${resource} · ${level}`;
}
