/**
 * A small hand-built Model for pipeline unit tests (no file loader involved): the built-ins the
 * pipeline relies on (Administrator in Administrators, Users, GenericThing) plus what a test adds.
 *
 * @example
 * const m = buildModel((m) => { addThing(m, 'T1', { properties: ['p'] }); });
 */
import type { Model, PermissionSet, Thing, ThingTemplate } from '../../../shared/model/types';
import {
  DEFAULT_FACTORY,
  DEFAULT_SEMANTICS,
  emptyPermissionSet,
} from '../../../shared/model/types';

export function buildModel(...edits: ((m: Model) => void)[]): Model {
  const m: Model = {
    formatVersion: 1,
    name: 'unit',
    semantics: { ...DEFAULT_SEMANTICS },
    factory: { ...DEFAULT_FACTORY, usersInEveryone: false },
    users: {
      Administrator: {
        name: 'Administrator',
        enabled: true,
        locked: false,
        groups: ['Administrators'],
        builtin: true,
      },
    },
    groups: {
      Administrators: { name: 'Administrators', memberOf: [], builtin: true },
      Users: { name: 'Users', memberOf: [], builtin: true },
    },
    organizations: {},
    shapes: {},
    templates: {
      GenericThing: {
        name: 'GenericThing',
        base: null,
        shapes: [],
        properties: [],
        services: ['GetPropertyValues'],
        events: [],
        permissions: emptyPermissionSet(),
        instance: emptyPermissionSet(),
        builtin: true,
      },
    },
    things: {},
    others: {},
    collections: {},
    appKeys: {},
    apps: { contexts: {}, relationships: [], grants: [] },
    requests: [],
  };
  for (const e of edits) e(m);
  return m;
}

export function addUser(
  m: Model,
  name: string,
  groups: string[] = [],
  extra: Partial<Model['users'][string]> = {},
): void {
  m.users[name] = { name, enabled: true, locked: false, groups, ...extra };
  for (const g of groups) m.groups[g] ??= { name: g, memberOf: [] };
}

export function addGroup(m: Model, name: string, memberOf: string[] = []): void {
  m.groups[name] = { name, memberOf };
}

export function addOrg(
  m: Model,
  name: string,
  units: Record<string, { parent: string | null; members: string[] }>,
): void {
  const root = Object.entries(units).find(([, u]) => u.parent === null)?.[0] ?? name;
  m.organizations[name] = {
    name,
    root,
    units: Object.fromEntries(
      Object.entries(units).map(([u, def]) => [
        u,
        {
          name: u,
          parent: def.parent,
          children: Object.entries(units)
            .filter(([, c]) => c.parent === u)
            .map(([c]) => c),
          members: def.members.map(p => {
            const [type, n] = p.split(':') as ['user' | 'group', string];
            return { type, name: n };
          }),
        },
      ]),
    ),
  };
}

export function addTemplate(m: Model, name: string, t: Partial<ThingTemplate> = {}): ThingTemplate {
  const tpl: ThingTemplate = {
    name,
    base: 'GenericThing',
    shapes: [],
    properties: [],
    services: [],
    events: [],
    permissions: emptyPermissionSet(),
    instance: emptyPermissionSet(),
    ...t,
  };
  m.templates[name] = tpl;
  return tpl;
}

export function addThing(m: Model, name: string, t: Partial<Thing> = {}): Thing {
  const thing: Thing = {
    name,
    template: 'GenericThing',
    shapes: [],
    properties: [],
    services: [],
    events: [],
    enabled: true,
    permissions: emptyPermissionSet(),
    ...t,
  };
  m.things[name] = thing;
  return thing;
}

/** `effect kind resource principal` into a permission set, e.g. rt(set, 'allow', 'PropertyRead', 'group:Ops'). */
export function rt(
  set: PermissionSet | { runtime: PermissionSet['runtime'] },
  effect: 'allow' | 'deny',
  kind: PermissionSet['runtime'][number]['kind'],
  principal: string,
  resource = '*',
): void {
  const [type, name] = principal.split(':') as ['user' | 'group', string];
  set.runtime.push({ kind, resource, allow: effect === 'allow', principal: { type, name } });
}
