import { own } from '../model/own';
/**
 * Services ThingWorx defines on entities without a model declaring them (domain reference §8.1-8.3,
 * §5.10, §10.16). Lookup treats them as existing; PermSim computes the result only of the diagnostic
 * ones (shared/engine/diagnostics.ts) and reports the rest as not modelled.
 *
 * @example
 * isGenericEntityService('CheckPermissionForUser'); // true
 * builtinResourceServices('CurrentSessionInfo').includes('GetCurrentUser'); // true
 */

/** Generic services every entity has (§8.1). */
export const GENERIC_ENTITY_SERVICES = [
  'CheckPermission',
  'CheckPermissionForUser',
  'CheckPermissionForGroup',
  'CheckDesignTimePermission',
  'CheckDesignTimePermissionForUser',
  'CheckDesignTimePermissionForGroup',
  'GetPermissionsForCurrentUser',
  'GetPermissionsForUser',
  'GetPermissionsForGroup',
  'GetRunTimePermissions',
  'GetDesignTimePermissions',
  'GetVisibilityPermissions',
  'GetRunTimePermissionsAsJSON',
  'GetDesignTimePermissionsAsJSON',
  'GetVisibilityPermissionsAsJSON',
  'SetRunTimePermissionsAsJSON',
  'SetDesignTimePermissionsAsJSON',
  'SetVisibilityPermissionsAsJSON',
  'GetMetadataWithPermissionsAsJSON',
  'AddRunTimePermission',
  'DeleteRunTimePermission',
  'AddDesignTimePermission',
  'DeleteDesignTimePermission',
  'AddVisibilityPermission',
  'DeleteVisibilityPermission',
  'GetOwner',
  'SetOwner',
  'GetMetadata',
  'GetMetadataAsJSON',
  'GetName',
  'GetDescription',
  'GetTags',
] as const;

/** Generic services of Things on top of the entity ones (§5.10, §10.16, §11.10). */
export const GENERIC_THING_SERVICES = [
  'GetPropertyValues',
  'SetPropertyValues',
  'GetNamedPropertyValues',
  'GetPropertyValuesVTQ',
  'GetNamedPropertyValuesVTQ',
  'UpdatePropertyValues',
  'SetPropertyValuesVTQ',
  'GetPropertyTime',
  'GetPropertyDefinitions',
  'GetServiceDefinitions',
  'GetEventDefinitions',
  'GetThingTemplate',
  'GetImplementedShapes',
  'IsEnabled',
  'EnableThing',
  'DisableThing',
  'RestartThing',
] as const;

/** Services that read or write property values in bulk: their per-property checks are open (§11.10). */
export const BULK_PROPERTY_SERVICES = [
  'GetPropertyValues',
  'SetPropertyValues',
  'GetNamedPropertyValues',
  'GetPropertyValuesVTQ',
  'GetNamedPropertyValuesVTQ',
  'UpdatePropertyValues',
  'SetPropertyValuesVTQ',
] as const;

/** Services that change permissions or ownership: what else ThingWorx checks for them is undocumented. */
export const PERMISSION_MUTATORS = [
  'AddRunTimePermission',
  'DeleteRunTimePermission',
  'AddDesignTimePermission',
  'DeleteDesignTimePermission',
  'AddVisibilityPermission',
  'DeleteVisibilityPermission',
  'SetRunTimePermissionsAsJSON',
  'SetDesignTimePermissionsAsJSON',
  'SetVisibilityPermissionsAsJSON',
  'SetOwner',
] as const;

const RESOURCE_SERVICES: Record<string, readonly string[]> = {
  CurrentSessionInfo: [
    'GetCurrentUser',
    'GetCurrentUserGroups',
    'GetCurrentUserOrganizations',
    'GetCurrentUserOrganizationalUnits',
    'GetDesignTimeCollectionPermissions',
    'TerminateUserSessions',
  ],
  SecurityServices: [
    'EvaluateRuntimePermission',
    'EvaluateDesignTimePermission',
    'EvaluateVisibilityPermission',
  ],
  EntityServices: [
    'CreateThing',
    'CreateThingWithOwner',
    'CreateApplicationKey',
    'CreateOrganization',
    'DeleteThing',
    'SetEntityPermission',
    'AddThingPermission',
    'SetThingPermission',
    'DeleteThingPermission',
    'AddThingVisibility',
    'SetThingVisibility',
    'DeleteThingVisibility',
    'AddEntityVisibility',
    'SetEntityVisibility',
    'DeleteEntityVisibility',
    'GetEntityListWithPermissionMask',
  ],
};

const has = (list: readonly string[], name: string) => list.includes(name);

export function isGenericEntityService(name: string): boolean {
  return has(GENERIC_ENTITY_SERVICES, name);
}
export function isGenericThingService(name: string): boolean {
  return has(GENERIC_THING_SERVICES, name) || isGenericEntityService(name);
}
export function isBulkPropertyService(name: string): boolean {
  return has(BULK_PROPERTY_SERVICES, name);
}
export function isPermissionMutator(name: string): boolean {
  return has(PERMISSION_MUTATORS, name);
}
/** Built-in services of the built-in Resources (§8.2, §8.3); empty for other names. */
export function builtinResourceServices(resource: string): readonly string[] {
  return own(RESOURCE_SERVICES, resource) ?? [];
}
