/**
 * The context-manager services (§7.12-7.20) as pure operations on the Model. Grant and Propagate services
 * rewrite platform run-time entries (§7.14); view services read them back (§7.18, §7.19), so equipment
 * permissions and REST answers cannot disagree. Exact service names, parameters, result shapes and
 * messages follow the shipped 8.5 scripts.
 *
 * @example
 * const r = invokeAppsService(model, 'Administrator', 'GrantUserPermissionsOnEntities', {
 *   entities: { rows: [{ Name: 'Line1', Type: 'Equipment' }] }, permissionType: 'Read', userNames: { rows: [{ UserName: 'u1' }] },
 * });
 * if (r.ok) r.model.things['Line1'].permissions.runtime; // PropertyRead allow, PropertyWrite deny, ServiceInvoke allow for u1
 */
import type { Model, PrincipalRef, Thing } from '../model/types';
import type { EntryWrite } from './entries';
import { pairPermission, rewriteThing, storedPermission } from './entries';
import type { InfoTable } from './infotable';
import { rowsOf, shaped } from './infotable';
import type { AppsPermission } from './names';
import {
  DEVICE_SHAPE,
  REMOTE_CONNECTION_TEMPLATE,
  RELATIONSHIP_TABLE,
  isAppsService,
} from './names';
import {
  isAppsAdmin,
  principalExists,
  principalKey,
  principalKeysOf,
  principalKeysOfUser,
} from './principals';
import { contextIndex } from './structure';
import { templateChain } from '../model/chains';
import { own } from '../model/own';
import { withReplaced } from '../model/overlay';
import { shown } from '../model/shown';

export type AppsResultType = 'INFOTABLE' | 'JSON' | 'STRING' | 'NOTHING';

export type AppsServiceSuccess = {
  ok: true;
  model: Model;
  resultType: AppsResultType;
  /** InfoTable, JSON object, string, or null for NOTHING. */
  result: InfoTable | Record<string, unknown> | string | null;
  /** Entry rewrites in the order they happened (Grant/Propagate only). */
  writes: EntryWrite[];
  /** What the script would write to the application log (e.g. a propagation that stopped). */
  log: string[];
};
/** The service threw: `message` is the exact text the script throws (§7.16); nothing was stored. */
export type AppsServiceFailure = { ok: false; message: string };
export type AppsServiceResult = AppsServiceSuccess | AppsServiceFailure;

class ServiceError extends Error {}

type Run = { model: Model; writes: EntryWrite[]; log: string[]; draft?: Map<string, Thing> };

/**
 * Rewrites one Thing. The rewritten Things of a call are collected and stored once at its end
 * (`settle`) as an overlay of `things` (shared/model/overlay.ts): a grant on one node of 100,000 costs
 * that node, not a copy of the record.
 */
function applyGrant(run: Run, thing: string, ref: PrincipalRef, permission: AppsPermission): void {
  const current = run.draft?.get(thing) ?? own(run.model.things, thing);
  if (!current) return;
  const w = rewriteThing(run.model, current, ref, permission);
  (run.draft ??= new Map()).set(thing, w.thing);
  run.writes.push(w.write);
}

/** The run's model with its rewritten Things stored. */
function settle(run: Run): Model {
  return run.draft
    ? { ...run.model, things: withReplaced(run.model.things, run.draft) }
    : run.model;
}

const PERMISSION_TYPES = ['Read', 'Write', 'None'] as const;

function str(params: Record<string, unknown>, name: string, required: boolean): string {
  const v = own(params, name);
  if (v === undefined || v === null || v === '') {
    if (required) throw new ServiceError(`Required parameter ${name} is missing or empty`);
    return '';
  }
  if (typeof v !== 'string')
    throw new ServiceError(`Parameter ${name} must be a STRING, got ${shown(v)}`);
  return v;
}

function table(params: Record<string, unknown>, name: string): Record<string, unknown>[] {
  const rows = rowsOf(own(params, name));
  if (!rows)
    throw new ServiceError(
      `Required parameter ${name} must be an INFOTABLE ({ "rows": [ ... ] }), got ${shown(own(params, name) ?? null)}`,
    );
  return rows;
}

function checkPermissionType(value: string): AppsPermission {
  if (!(PERMISSION_TYPES as readonly string[]).includes(value)) {
    throw new ServiceError(
      `${value} is not a valid permission type for equipment or context. Valid permission types are Read, Write and None.`,
    );
  }
  return value as AppsPermission;
}

function checkPrincipal(model: Model, principal: string, principalType: string): PrincipalRef {
  if (principalType !== 'User' && principalType !== 'Group')
    throw new ServiceError(`principalType must be either 'User' or 'Group' `);
  const ref: PrincipalRef = { type: principalType === 'User' ? 'user' : 'group', name: principal };
  if (!principalExists(model, ref))
    throw new ServiceError(`${principalType}: ${principal}, does not exist`);
  return ref;
}

/** GrantPermissionsOnEntities (§7.12, §7.14, §7.16): per-row problems go to the JSON result, other rows are granted. */
function grantOnEntities(
  run: Run,
  rows: Record<string, unknown>[],
  permissionType: string,
  principal: string,
  principalType: string,
): { errorMessage: string }[] {
  const ref = checkPrincipal(run.model, principal, principalType);
  const permission = checkPermissionType(permissionType);
  const messages: { errorMessage: string }[] = [];
  rows.forEach((row, i) => {
    const name = typeof row.Name === 'string' ? row.Name : '';
    const type = typeof row.Type === 'string' ? row.Type : String(row.Type ?? '');
    let thing: string | undefined;
    if (type === 'Context') {
      const ctx = own(run.model.apps.contexts, name);
      thing = ctx && own(run.model.things, ctx.network) ? ctx.network : undefined;
    } else if (type === 'Equipment') {
      thing = own(run.model.things, name) ? name : undefined;
    } else {
      messages.push({
        errorMessage: `Invalid type: ${type}, which is neither Context nor Equipment for row ${i + 1} from entities`,
      });
      return;
    }
    if (thing === undefined) {
      messages.push({ errorMessage: `${name} does not exist` });
      return;
    }
    applyGrant(run, thing, ref, permission);
  });
  return messages;
}

/** PropagatePermissionsOnEntities (§7.17): BFS over CONTAINS from entityName (included), never the Network. */
function propagate(
  run: Run,
  contextName: string,
  entityName: string,
  permissionType: string,
  principal: string,
  principalType: string,
): void {
  const ref = checkPrincipal(run.model, principal, principalType);
  const permission = checkPermissionType(permissionType);
  const ctx = own(run.model.apps.contexts, contextName);
  if (!ctx) {
    run.log.push(`Context ${contextName} does not exist: nothing propagated (§7.17)`);
    return;
  }
  const start = entityName === '' || entityName === ctx.network ? null : entityName;
  if (start !== null && !own(ctx.equipment, start)) {
    run.log.push(
      `${start} does not exist or is not in the network ${ctx.network} of context ${contextName}: propagation stopped, nothing granted (§7.17)`,
    );
    return;
  }
  for (const name of contextIndex(ctx).bfs(start)) {
    applyGrant(run, name, ref, permission);
  }
}

function principalRows(
  rows: Record<string, unknown>[],
  column: 'UserName' | 'UserGroupName',
): { names: string[]; messages: { errorMessage: string }[] } {
  const names: string[] = [];
  const messages: { errorMessage: string }[] = [];
  rows.forEach((row, i) => {
    const v = own(row, column);
    if (typeof v === 'string' && v !== '') names.push(v);
    else
      messages.push({
        errorMessage:
          column === 'UserName'
            ? `username in row ${i + 1} from userNames is null or undefined`
            : `userGroupName in row ${i + 1} from userGroupNames is null or undefiened`,
      });
  });
  return { names, messages };
}

/** Context permission of a principal set: the §7.18 reading of the context's Network Thing. */
export function contextPermissionOf(
  model: Model,
  contextName: string,
  keys: Set<string>,
): AppsPermission {
  const ctx = own(model.apps.contexts, contextName);
  return ctx ? storedPermission(own(model.things, ctx.network), keys).permission : 'None';
}

function contextPermissionRows(model: Model, keys: Set<string>): InfoTable {
  const rows: Record<string, unknown>[] = [];
  for (const ctx of Object.values(model.apps.contexts)) {
    const p = contextPermissionOf(model, ctx.name, keys);
    if (p !== 'None') rows.push({ ContextName: ctx.name, PermissionType: p });
  }
  return shaped('ContextPermissions', rows);
}

function entityPermissionRows(model: Model, contextName: string, keys: Set<string>): InfoTable {
  const ctx = own(model.apps.contexts, contextName);
  const rows: Record<string, unknown>[] = [];
  if (ctx) {
    for (const name of contextIndex(ctx).order) {
      const p = storedPermission(own(model.things, name), keys).permission;
      if (p !== 'None') rows.push({ Entity: name, PermissionType: p });
    }
  }
  return shaped('EntityPermissions', rows);
}

/** §7.19: per entity, per principal with both `*` PropertyRead and PropertyWrite entries. */
function permissionsByContext(model: Model, contextName: string): InfoTable {
  const ctx = own(model.apps.contexts, contextName);
  const rows: Record<string, unknown>[] = [];
  for (const name of ctx ? contextIndex(ctx).order : []) {
    const pairs = new Map<string, { ref: PrincipalRef; read?: boolean; write?: boolean }>();
    for (const e of own(model.things, name)?.permissions.runtime ?? []) {
      if (e.resource !== '*' || (e.kind !== 'PropertyRead' && e.kind !== 'PropertyWrite')) continue;
      if (!principalExists(model, e.principal)) continue;
      const key = principalKey(e.principal);
      const pair = pairs.get(key) ?? { ref: e.principal };
      // Several entries of one kind: a deny wins, as when the platform reads the block.
      if (e.kind === 'PropertyRead') pair.read = pair.read === false ? false : e.allow;
      else pair.write = pair.write === false ? false : e.allow;
      pairs.set(key, pair);
    }
    const perms: Record<string, unknown>[] = [];
    for (const pair of pairs.values()) {
      const p = pairPermission(pair.read, pair.write);
      if (p)
        perms.push({
          UserOrUserGroupName: pair.ref.name,
          Type: pair.ref.type === 'user' ? 'User' : 'Group',
          PermissionType: p,
        });
    }
    rows.push({ EntityName: name, Permissions: shaped('EntityPermissionList', perms) });
  }
  return shaped('EntityPermissionInContext', rows);
}

function settingsRow(model: Model, contextName: string): Record<string, unknown> {
  const ctx = own(model.apps.contexts, contextName);
  return {
    ContextName: contextName,
    Description: ctx?.description ?? '',
    Enabled: ctx?.enabled ?? false,
    EquipmentRelationshipSettings: RELATIONSHIP_TABLE,
    // [INF] the real column holds a localization token; PermSim shows the display name (e.g. "Factory View").
    LocalizationToken: ctx?.displayName ?? contextName,
    Network: ctx?.network ?? '',
  };
}

/** Does the Thing implement a shape (directly or through its templates)? */
export function implementsShape(model: Model, thing: Thing, shape: string): boolean {
  if (thing.shapes.includes(shape)) return true;
  return templateChain(model, thing.template).some(t =>
    own(model.templates, t)?.shapes.includes(shape),
  );
}

export function isDeviceOrRemoteConnection(
  model: Model,
  thing: Thing,
): 'device' | 'remote' | undefined {
  if (implementsShape(model, thing, DEVICE_SHAPE)) return 'device';
  if (templateChain(model, thing.template).includes(REMOTE_CONNECTION_TEMPLATE)) return 'remote';
  return undefined;
}

/** GetCurrentUserPermissionOnThing (§7.20), the script's order: administrator, device/remote, §7.18. */
export function currentUserPermissionOnThing(
  model: Model,
  user: string,
  equipmentName: string,
): AppsPermission {
  if (isAppsAdmin(model, user)) return 'Write';
  const thing = own(model.things, equipmentName);
  if (thing && isDeviceOrRemoteConnection(model, thing)) return 'Write';
  return storedPermission(thing, principalKeysOfUser(model, user)).permission;
}

function rank(p: AppsPermission): number {
  return p === 'Write' ? 2 : p === 'Read' ? 1 : 0;
}

function equipmentStructure(
  model: Model,
  user: string,
  params: Record<string, unknown>,
): InfoTable {
  const contextName = str(params, 'contextName', true);
  const includeAsset = params.includeAsset !== false && params.includeAsset !== 'false';
  const maxLevel =
    typeof params.maxLevel === 'number' && params.maxLevel > 0 ? params.maxLevel : Infinity;
  const wanted = str(params, 'permissionType', false);
  const ctx = own(model.apps.contexts, contextName);
  const rows: Record<string, unknown>[] = [];
  if (!ctx) return shaped('SimpleEquipmentStructureTree', rows);
  const ix = contextIndex(ctx);
  const path: string[] = [];
  ix.order.forEach((name, i) => {
    const depth = ix.depth[i] as number;
    path.length = depth;
    path.push(name);
    const node = own(ctx.equipment, name);
    if (!node || depth + 1 > maxLevel) return;
    if (!includeAsset && node.type === 'Asset') return;
    // [INF] the filter: the caller's permission on the equipment must reach the requested one.
    if (wanted === 'Read' || wanted === 'Write') {
      if (rank(currentUserPermissionOnThing(model, user, name)) < rank(wanted)) return;
    }
    rows.push({
      displayName: name,
      from: node.parent ?? ctx.network,
      hasChildren: node.children.length > 0,
      isAsset: node.type === 'Asset',
      networkName: ctx.network,
      path: path.join('/'),
      to: name,
    });
  });
  return shaped('SimpleEquipmentStructureTree', rows);
}

function invoke(
  run: Run,
  caller: string,
  service: string,
  params: Record<string, unknown>,
): Pick<AppsServiceSuccess, 'resultType' | 'result'> {
  const m = run.model;
  switch (service) {
    case 'GrantPermissionsOnEntities': {
      const rows = table(params, 'entities');
      const message = grantOnEntities(
        run,
        rows,
        str(params, 'permissionType', true),
        str(params, 'principal', true),
        str(params, 'principalType', true),
      );
      return { resultType: 'JSON', result: { message } };
    }
    case 'GrantUserPermissionsOnEntities':
    case 'GrantUserGroupPermissionsOnEntities': {
      const isUser = service === 'GrantUserPermissionsOnEntities';
      const rows = table(params, 'entities');
      const permissionType = str(params, 'permissionType', true);
      const { names, messages } = principalRows(
        table(params, isUser ? 'userNames' : 'userGroupNames'),
        isUser ? 'UserName' : 'UserGroupName',
      );
      for (const name of names)
        messages.push(
          ...grantOnEntities(run, rows, permissionType, name, isUser ? 'User' : 'Group'),
        );
      return { resultType: 'JSON', result: { message: messages } };
    }
    case 'PropagatePermissionsOnEntities': {
      propagate(
        run,
        str(params, 'contextName', true),
        str(params, 'entityName', false),
        str(params, 'permissionType', true),
        str(params, 'principal', true),
        str(params, 'principalType', true),
      );
      return { resultType: 'NOTHING', result: null };
    }
    case 'PropagateUserPermissionsOnEntities':
    case 'PropagateUserGroupPermissionsOnEntities': {
      const isUser = service === 'PropagateUserPermissionsOnEntities';
      const contextName = str(params, 'contextName', true);
      const entityName = str(params, 'entityName', false);
      const permissionType = str(params, 'permissionType', true);
      const { names, messages } = principalRows(
        table(params, isUser ? 'userNames' : 'userGroupNames'),
        isUser ? 'UserName' : 'UserGroupName',
      );
      run.log.push(...messages.map(x => x.errorMessage));
      for (const name of names)
        propagate(run, contextName, entityName, permissionType, name, isUser ? 'User' : 'Group');
      return { resultType: 'NOTHING', result: null };
    }
    case 'GetContextPermission': {
      const ref = checkPrincipal(
        m,
        str(params, 'principal', true),
        str(params, 'principalType', true),
      );
      return { resultType: 'INFOTABLE', result: contextPermissionRows(m, principalKeysOf(m, ref)) };
    }
    case 'GetContextPermissionByUser': {
      const ref = checkPrincipal(m, str(params, 'userName', true), 'User');
      return { resultType: 'INFOTABLE', result: contextPermissionRows(m, principalKeysOf(m, ref)) };
    }
    case 'GetContextPermissionByUserGroup': {
      const ref = checkPrincipal(m, str(params, 'userGroupName', true), 'Group');
      return { resultType: 'INFOTABLE', result: contextPermissionRows(m, principalKeysOf(m, ref)) };
    }
    case 'GetContextsByUserAndPermission': {
      const permissionType = str(params, 'permissionType', true);
      if (permissionType !== 'Read' && permissionType !== 'Write')
        throw new ServiceError(
          `Invalid permission type: ${permissionType} which is neither Read nor Write.`,
        );
      const user = checkPrincipal(m, str(params, 'userName', true), 'User').name;
      const admin = isAppsAdmin(m, user);
      const keys = principalKeysOfUser(m, user);
      const rows = Object.values(m.apps.contexts)
        .filter(
          c => c.enabled && (admin || contextPermissionOf(m, c.name, keys) === permissionType),
        )
        .map(c => settingsRow(m, c.name));
      return { resultType: 'INFOTABLE', result: shaped('EquipmentContextSettings', rows) };
    }
    case 'GetEntityPermissionsOnContext': {
      const contextName = str(params, 'contextName', true);
      const ref = checkPrincipal(
        m,
        str(params, 'principal', true),
        str(params, 'principalType', true),
      );
      return {
        resultType: 'INFOTABLE',
        result: entityPermissionRows(m, contextName, principalKeysOf(m, ref)),
      };
    }
    case 'GetEntityPermissionsByUserOnContext': {
      const contextName = str(params, 'contextName', true);
      const ref = checkPrincipal(m, str(params, 'userName', true), 'User');
      return {
        resultType: 'INFOTABLE',
        result: entityPermissionRows(m, contextName, principalKeysOf(m, ref)),
      };
    }
    case 'GetEntityPermissionsByUserGroupOnContext': {
      const contextName = str(params, 'contextName', true);
      const ref = checkPrincipal(m, str(params, 'userGroupName', true), 'Group');
      return {
        resultType: 'INFOTABLE',
        result: entityPermissionRows(m, contextName, principalKeysOf(m, ref)),
      };
    }
    case 'GetPermissionsByContext':
      return {
        resultType: 'INFOTABLE',
        result: permissionsByContext(m, str(params, 'contextName', true)),
      };
    case 'GetCurrentUserPermissionOnThing':
      return {
        resultType: 'STRING',
        result: currentUserPermissionOnThing(m, caller, str(params, 'equipmentName', false)),
      };
    case 'GetEquipmentStructureForContext':
      return { resultType: 'INFOTABLE', result: equipmentStructure(m, caller, params) };
    default:
      throw new ServiceError(`${service} is not a service of the context manager`);
  }
}

/**
 * Runs one context-manager service as `caller`. Never throws: a service error comes back as
 * `{ ok: false, message }` with the script's exact text, and then nothing is stored.
 *
 * @example
 * invokeAppsService(model, 'u1', 'GetCurrentUserPermissionOnThing', { equipmentName: 'Line1' }); // { ok: true, result: 'None', ... }
 */
export function invokeAppsService(
  model: Model,
  caller: string,
  service: string,
  params: unknown,
): AppsServiceResult {
  if (!isAppsService(service))
    return {
      ok: false,
      message: `${service} is not a service of the context manager (known: Grant*/Propagate*/Get* services of §7.12)`,
    };
  const body = params === undefined || params === null ? {} : params;
  if (typeof body !== 'object' || Array.isArray(body))
    return {
      ok: false,
      message: `The body of ${service} must be a JSON object of parameters, got ${shown(params)}`,
    };
  const run: Run = { model, writes: [], log: [] };
  try {
    const out = invoke(run, caller, service, body as Record<string, unknown>);
    return { ok: true, model: settle(run), writes: run.writes, log: run.log, ...out };
  } catch (e) {
    if (e instanceof ServiceError) return { ok: false, message: e.message };
    throw e;
  }
}
