/**
 * Baseline C of the domain reference (§10, context-manager cases), built directly as a Model so the apps
 * layer is tested without the file loader, plus small call helpers in the shape of §10.17-10.24.
 */
import type { EquipmentContext, Model, Thing } from '../../../shared/model/types';
import {
  DEFAULT_FACTORY,
  DEFAULT_SEMANTICS,
  emptyPermissionSet,
} from '../../../shared/model/types';
import { materializeApps } from '../../../shared/apps/materialize';
import { invokeAppsService } from '../../../shared/apps/services';
import type { AppsServiceSuccess } from '../../../shared/apps/services';

export function context(
  name: string,
  network: string,
  tree: Record<string, { type: string; parent: string | null }>,
): EquipmentContext {
  const equipment: EquipmentContext['equipment'] = {};
  for (const [n, v] of Object.entries(tree))
    equipment[n] = { name: n, type: v.type, parent: v.parent, children: [] };
  for (const node of Object.values(equipment))
    if (node.parent) equipment[node.parent]?.children.push(node.name);
  return {
    name,
    displayName: name === 'DefaultContext' ? 'Factory View' : name,
    description: '',
    enabled: true,
    network,
    roots: Object.values(equipment)
      .filter(n => n.parent === null)
      .map(n => n.name),
    equipment,
  };
}

export function baseModel(members: Record<string, string[]> = {}): Model {
  const users: Model['users'] = {
    Administrator: {
      name: 'Administrator',
      enabled: true,
      locked: false,
      groups: ['Administrators'],
      builtin: true,
    },
  };
  for (let i = 1; i <= 9; i++)
    users[`u${i}`] = {
      name: `u${i}`,
      enabled: true,
      locked: false,
      groups: members[`u${i}`] ?? [],
    };
  const things: Record<string, Thing> = {};
  return {
    formatVersion: 1,
    name: 'Baseline C',
    semantics: DEFAULT_SEMANTICS,
    factory: DEFAULT_FACTORY,
    users,
    groups: {
      Administrators: { name: 'Administrators', memberOf: [], builtin: true },
      Users: { name: 'Users', memberOf: [], builtin: true },
      Maint: { name: 'Maint', memberOf: [] },
      ControlsEngineers: { name: 'ControlsEngineers', memberOf: [] },
    },
    organizations: {},
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
    things,
    others: {},
    collections: {},
    appKeys: {},
    apps: {
      contexts: {
        DefaultContext: context('DefaultContext', 'DefaultContextNetwork', {
          PlantSite: { type: 'Site', parent: null },
          Line1: { type: 'Line', parent: 'PlantSite' },
          Press1: { type: 'Asset', parent: 'Line1' },
          Line2: { type: 'Line', parent: 'PlantSite' },
        }),
      },
      relationships: [],
      grants: [],
    },
    requests: [],
  };
}

/** Baseline C, materialized. */
export function baselineC(members: Record<string, string[]> = {}): Model {
  const r = materializeApps(baseModel(members));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.model;
}

export type Row = [name: string, type: string];

const rows = (entities: Row[]) => ({ rows: entities.map(([Name, Type]) => ({ Name, Type })) });

/** Runs a service as Administrator and fails the test when it throws. */
export function call(
  model: Model,
  service: string,
  params: Record<string, unknown>,
  caller = 'Administrator',
): AppsServiceSuccess {
  const r = invokeAppsService(model, caller, service, params);
  if (!r.ok) throw new Error(`${service} threw: ${r.message}`);
  return r;
}

export function grantUser(
  model: Model,
  user: string,
  permissionType: string,
  entities: Row[],
): Model {
  return call(model, 'GrantUserPermissionsOnEntities', {
    entities: rows(entities),
    permissionType,
    userNames: { rows: [{ UserName: user }] },
  }).model;
}

export function grantGroup(
  model: Model,
  group: string,
  permissionType: string,
  entities: Row[],
): Model {
  return call(model, 'GrantUserGroupPermissionsOnEntities', {
    entities: rows(entities),
    permissionType,
    userGroupNames: { rows: [{ UserGroupName: group }] },
  }).model;
}

export function propagateGroup(
  model: Model,
  group: string,
  permissionType: string,
  contextName: string,
  entityName: string,
): Model {
  return call(model, 'PropagateUserGroupPermissionsOnEntities', {
    contextName,
    entityName,
    permissionType,
    userGroupNames: { rows: [{ UserGroupName: group }] },
  }).model;
}

export function propagateUser(
  model: Model,
  user: string,
  permissionType: string,
  contextName: string,
  entityName: string,
): Model {
  return call(model, 'PropagateUserPermissionsOnEntities', {
    contextName,
    entityName,
    permissionType,
    userNames: { rows: [{ UserName: user }] },
  }).model;
}

export { rows as entitiesTable };
