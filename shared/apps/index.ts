/**
 * ThingWorx Apps context manager (domain reference §7): materialization of `apps:`, the Grant/Propagate/Get
 * services as edits of platform run-time entries, effective Read/Write/None, and the REST service handler.
 *
 * @example
 * import { appsServiceHandler, effectiveEquipmentPermission, materializeApps } from '../apps';
 */
export { materializeApps } from './materialize';
export type { MaterializeError, MaterializeResult } from './materialize';
export { invokeAppsService, currentUserPermissionOnThing, contextPermissionOf } from './services';
export type {
  AppsServiceResult,
  AppsServiceSuccess,
  AppsServiceFailure,
  AppsResultType,
} from './services';
export { effectiveEquipmentPermission, equipmentPermissionMap, PERMISSION_CODE } from './effective';
export type { EffectivePermission, EquipmentPermissionMap } from './effective';
export { appsServiceHandler } from './rest-handler';
export { createEquipment } from './create-equipment';
export type { CreateEquipmentArgs, CreateEquipmentResult } from './create-equipment';
export { writeGrant, storedPermission, GRANT_TABLE } from './entries';
export type { EntryWrite, StoredPermission } from './entries';
export { contextIndex } from './structure';
export type { ContextIndex } from './structure';
export * from './names';
export type { InfoTable } from './infotable';
