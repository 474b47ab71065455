/**
 * Hand-built normalized models for engine tests (no file format involved): an empty hardened
 * deployment (domain reference §10 baseline: `Users` removed from `Everyone`) and baseline B.
 *
 * @example
 * const m = baselineB();
 * m.things.SensorDataStream!.permissions.runtime.push(rt('PropertyRead', '*', 'group', 'Operators', true));
 */
import { DEFAULT_FACTORY, DEFAULT_SEMANTICS, emptyPermissionSet } from '../../shared/model/types';
import type {
  DesignEntry,
  DesignKind,
  Model,
  RuntimeEntry,
  RuntimeKind,
  Semantics,
} from '../../shared/model/types';

export function rt(
  kind: RuntimeKind,
  resource: string,
  type: 'user' | 'group',
  name: string,
  allow: boolean,
): RuntimeEntry {
  return { kind, resource, principal: { type, name }, allow };
}

export function dt(
  kind: DesignKind,
  type: 'user' | 'group',
  name: string,
  allow: boolean,
): DesignEntry {
  return { kind, principal: { type, name }, allow };
}

/** Built-ins only: Administrator in Administrators, Users, GenericThing, an `Everyone` org without members. */
export function emptyModel(semantics: Partial<Semantics> = {}): Model {
  return {
    formatVersion: 1,
    name: 'test',
    semantics: { ...DEFAULT_SEMANTICS, ...semantics },
    factory: { ...DEFAULT_FACTORY, usersInEveryone: false, everyoneSeesCollections: false },
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
    organizations: {
      Everyone: {
        name: 'Everyone',
        root: 'Everyone',
        units: { Everyone: { name: 'Everyone', parent: null, children: [], members: [] } },
        builtin: true,
      },
    },
    shapes: {},
    templates: {
      GenericThing: {
        name: 'GenericThing',
        base: null,
        shapes: [],
        properties: [],
        services: [],
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
}

/** Baseline B of domain reference §10 (org Acme, Staff/Operators, bob, SensorTemplate, SensorDataStream). */
export function baselineB(semantics: Partial<Semantics> = {}): Model {
  const m = emptyModel(semantics);
  m.groups.Staff = { name: 'Staff', memberOf: [] };
  m.groups.Operators = { name: 'Operators', memberOf: [] };
  m.users.bob = { name: 'bob', enabled: true, locked: false, groups: ['Staff', 'Operators'] };
  m.organizations.Acme = {
    name: 'Acme',
    root: 'Acme',
    units: {
      Acme: {
        name: 'Acme',
        parent: null,
        children: [],
        members: [{ type: 'group', name: 'Staff' }],
      },
    },
  };
  m.templates.SensorTemplate = {
    name: 'SensorTemplate',
    base: 'GenericThing',
    shapes: [],
    properties: ['temperature', 'humidity'],
    services: ['GetDataStream', 'Recalibrate', 'Purge'],
    events: [],
    permissions: emptyPermissionSet(),
    instance: {
      runtime: [],
      designtime: [],
      visibility: [{ type: 'unit', org: 'Acme', unit: 'Acme' }],
    },
  };
  m.things.SensorDataStream = {
    name: 'SensorDataStream',
    template: 'SensorTemplate',
    shapes: [],
    owner: 'Administrator',
    enabled: true,
    properties: [],
    services: [],
    events: [],
    permissions: emptyPermissionSet(),
  };
  return m;
}
