/**
 * Entity names and data-shape names of the ThingWorx Apps context manager as PermSim simulates it
 * (domain reference §7.1, §7.12-7.13, §7.20).
 *
 * Equipment Things created by `materializeApps` get template `PTC.SCA.SCO.<Type>` (Site, Line, Asset or
 * any further type of the file), all based on `PTC.SCA.SCO.Equipment` (base `GenericThing`). These template
 * names are PermSim's choice [INF]: the shipped templates differ per release; the permission logic only
 * looks at the equipment Thing's own `*` run-time block (§7.14), so the template names never decide.
 *
 * @example
 * equipmentTemplateName('Line'); // 'PTC.SCA.SCO.Line'
 */

export const CONTEXT_MANAGER_THING = 'PTC.SCA.SCO.DefaultContextManager';
/** Template of the context manager, as shipped in 8.5 (§7.12). */
export const CONTEXT_MANAGER_TEMPLATE = 'PTC.SCA.SCO.ContextManagerTemplate';
export const LAUNCH_POINT_THING = 'PTC.Factory.C_LaunchPointConfigurationThing';
export const LAUNCH_POINT_TEMPLATE = 'PTC.Factory.LaunchPointConfigurationThingTemplate';
export const EQUIPMENT_BASE_TEMPLATE = 'PTC.SCA.SCO.Equipment';
export const NETWORK_TEMPLATE = 'PTC.SCA.SCO.EquipmentNetwork';
export const RELATIONSHIP_TABLE = 'PTC.SCA.SCO.DefaultEquipmentRelationshipDefinition';
/** Things implementing this shape are devices: everyone gets Write from GetCurrentUserPermissionOnThing (§7.20). */
export const DEVICE_SHAPE = 'PTC.Factory.DeviceThingShape';
/**
 * Remote connections (KEPServerEX connections) also get Write for everyone (§7.20). PermSim recognises them
 * by this template in the Thing's template chain [INF: the script's exact test is not in the reference].
 */
export const REMOTE_CONNECTION_TEMPLATE = 'PTC.Factory.KepServerThingTemplate';
/**
 * PTC's help (§7.3): "Administrators and users with the Controls Engineer role can always view and edit".
 * PermSim models the role as membership (direct or nested) of a group with this name [INF]. The shipped
 * scripts (§7.18, §7.20) know no such rule: it changes only `effectiveEquipmentPermission`, never the
 * stored entries, the REST answers or GetCurrentUserPermissionOnThing; explanations say so.
 */
export const CONTROLS_ENGINEER_GROUP = 'ControlsEngineers';

// Defined with the model's built-ins: the model file format needs it without the apps layer.
export { equipmentTemplateName } from '../model/builtins';

/** Default allowed parent > child pairs when the file declares none (§7.2) [INF: PermSim's defaults]. */
export const DEFAULT_RELATIONSHIPS: { parent: string; child: string }[] = [
  { parent: 'Site', child: 'Line' },
  { parent: 'Line', child: 'Asset' },
  { parent: 'Site', child: 'Asset' },
];

/** Only this equipment type may sit in more than one context (§7.1). */
export const MULTI_CONTEXT_TYPE = 'Asset';

export const GRANT_SERVICES = [
  'GrantPermissionsOnEntities',
  'GrantUserGroupPermissionsOnEntities',
  'GrantUserPermissionsOnEntities',
] as const;
export const PROPAGATE_SERVICES = [
  'PropagatePermissionsOnEntities',
  'PropagateUserGroupPermissionsOnEntities',
  'PropagateUserPermissionsOnEntities',
] as const;
export const VIEW_SERVICES = [
  'GetContextPermission',
  'GetContextPermissionByUser',
  'GetContextPermissionByUserGroup',
  'GetContextsByUserAndPermission',
  'GetEntityPermissionsOnContext',
  'GetEntityPermissionsByUserOnContext',
  'GetEntityPermissionsByUserGroupOnContext',
  'GetPermissionsByContext',
  'GetCurrentUserPermissionOnThing',
  'GetEquipmentStructureForContext',
] as const;
export const APPS_SERVICES = [...GRANT_SERVICES, ...PROPAGATE_SERVICES, ...VIEW_SERVICES] as const;
export type AppsServiceName = (typeof APPS_SERVICES)[number];

export function isAppsService(name: string): name is AppsServiceName {
  return (APPS_SERVICES as readonly string[]).includes(name);
}

export type AppsPermission = 'Read' | 'Write' | 'None';
