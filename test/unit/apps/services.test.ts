import { describe, expect, it } from 'vitest';
import { invokeAppsService } from '../../../shared/apps/services';
import type { Model } from '../../../shared/model/types';
import { baselineC, call, entitiesTable, grantGroup, grantUser } from './baseline-c';

const rowsOf = (r: { result: unknown }) => (r.result as { rows: Record<string, unknown>[] }).rows;
const fields = (r: { result: unknown }) =>
  Object.keys((r.result as { dataShape: { fieldDefinitions: object } }).dataShape.fieldDefinitions);

function scenario(): Model {
  let m = baselineC({ u7: ['Maint'], u8: ['Maint'] });
  m = grantGroup(m, 'Maint', 'Read', [
    ['DefaultContext', 'Context'],
    ['Line1', 'Equipment'],
  ]);
  m = grantUser(m, 'u7', 'Write', [
    ['DefaultContext', 'Context'],
    ['Line1', 'Equipment'],
    ['Press1', 'Equipment'],
  ]);
  m = grantUser(m, 'u1', 'None', [['Line2', 'Equipment']]);
  return m;
}

describe('Grant services store the §7.14 table as platform run-time entries', () => {
  it.each([
    ['Write', true, true],
    ['Read', true, false],
    ['None', false, false],
  ])(
    '%s: PropertyRead %s, PropertyWrite %s, ServiceInvoke always allow on *',
    (perm, read, write) => {
      const m = grantUser(baselineC(), 'u1', perm, [['Line1', 'Equipment']]);
      expect(m.things['Line1']?.permissions.runtime).toEqual([
        {
          kind: 'PropertyRead',
          resource: '*',
          principal: { type: 'user', name: 'u1' },
          allow: read,
        },
        {
          kind: 'PropertyWrite',
          resource: '*',
          principal: { type: 'user', name: 'u1' },
          allow: write,
        },
        {
          kind: 'ServiceInvoke',
          resource: '*',
          principal: { type: 'user', name: 'u1' },
          allow: true,
        },
      ]);
    },
  );
  it("a Context row writes to the context's Network Thing", () => {
    const m = grantGroup(baselineC(), 'Maint', 'Write', [['DefaultContext', 'Context']]);
    expect(m.things['DefaultContextNetwork']?.permissions.runtime.map(e => e.kind)).toEqual([
      'PropertyRead',
      'PropertyWrite',
      'ServiceInvoke',
    ]);
  });
  it('entries naming principals that no longer exist are dropped when the block is rewritten', () => {
    let m = grantUser(baselineC(), 'u1', 'Read', [['Line1', 'Equipment']]);
    const { u1: _gone, ...users } = m.users;
    m = { ...m, users };
    const r = call(m, 'GrantUserPermissionsOnEntities', {
      entities: entitiesTable([['Line1', 'Equipment']]),
      permissionType: 'Write',
      userNames: [{ UserName: 'u2' }],
    });
    expect(r.writes[0]?.dropped.map(e => e.principal.name)).toEqual(['u1', 'u1', 'u1']);
    expect(r.model.things['Line1']?.permissions.runtime.every(e => e.principal.name === 'u2')).toBe(
      true,
    );
  });
  it('per-row problems are reported and the other rows are still granted (§7.16)', () => {
    const r = call(baselineC(), 'GrantUserPermissionsOnEntities', {
      entities: entitiesTable([
        ['Line9', 'Equipment'],
        ['Line1', 'Equipment'],
        ['Nowhere', 'Context'],
      ]),
      permissionType: 'Read',
      userNames: { rows: [{ UserName: 'u1' }, { UserName: '' }] },
    });
    expect(r.result).toEqual({
      message: [
        { errorMessage: 'username in row 2 from userNames is null or undefined' },
        { errorMessage: 'Line9 does not exist' },
        { errorMessage: 'Nowhere does not exist' },
      ],
    });
    expect(r.writes.map(w => w.thing)).toEqual(['Line1']);
  });
  it('throws the exact messages for a bad principalType and unknown principals, storing nothing', () => {
    const m = baselineC();
    const e = entitiesTable([['Line1', 'Equipment']]);
    expect(
      invokeAppsService(m, 'Administrator', 'GrantPermissionsOnEntities', {
        entities: e,
        permissionType: 'Read',
        principal: 'u1',
        principalType: 'user',
      }),
    ).toEqual({ ok: false, message: "principalType must be either 'User' or 'Group' " });
    expect(
      invokeAppsService(m, 'Administrator', 'GrantUserPermissionsOnEntities', {
        entities: e,
        permissionType: 'Read',
        userNames: [{ UserName: 'u1' }, { UserName: 'ghost' }],
      }),
    ).toEqual({ ok: false, message: 'User: ghost, does not exist' });
    expect(
      invokeAppsService(m, 'Administrator', 'GrantUserGroupPermissionsOnEntities', {
        entities: e,
        permissionType: 'Read',
        userGroupNames: [{ UserGroupName: 'Ghosts' }],
      }),
    ).toEqual({ ok: false, message: 'Group: Ghosts, does not exist' });
    const empty = call(m, 'GrantUserGroupPermissionsOnEntities', {
      entities: e,
      permissionType: 'Read',
      userGroupNames: [{}],
    });
    expect(empty.result).toEqual({
      message: [
        { errorMessage: 'userGroupName in row 1 from userGroupNames is null or undefiened' },
      ],
    });
  });
  it('a missing infotable parameter is a clear error, not a crash', () => {
    const r = invokeAppsService(baselineC(), 'Administrator', 'GrantUserPermissionsOnEntities', {
      permissionType: 'Read',
      userNames: [{ UserName: 'u1' }],
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/entities must be an INFOTABLE/);
    expect(
      invokeAppsService(baselineC(), 'Administrator', 'GetPermissionsByContext', 'DefaultContext'),
    ).toMatchObject({ ok: false });
  });
});

describe('View services read the entries back (§7.13, §7.18, §7.19)', () => {
  const m = scenario();
  it('GetContextPermissionByUser / ByUserGroup / GetContextPermission', () => {
    const byUser = call(m, 'GetContextPermissionByUser', { userName: 'u8' });
    expect(fields(byUser)).toEqual(['ContextName', 'PermissionType']);
    expect(rowsOf(byUser)).toEqual([{ ContextName: 'DefaultContext', PermissionType: 'Read' }]);
    // u7 is Write itself but Maint's Read forces write=false (§7.8).
    expect(
      rowsOf(call(m, 'GetContextPermission', { principal: 'u7', principalType: 'User' })),
    ).toEqual([{ ContextName: 'DefaultContext', PermissionType: 'Read' }]);
    expect(rowsOf(call(m, 'GetContextPermissionByUserGroup', { userGroupName: 'Maint' }))).toEqual([
      { ContextName: 'DefaultContext', PermissionType: 'Read' },
    ]);
    expect(rowsOf(call(m, 'GetContextPermissionByUser', { userName: 'u2' }))).toEqual([]);
  });
  it('GetEntityPermissionsByUserOnContext: None is the absence of a row', () => {
    const r = call(m, 'GetEntityPermissionsByUserOnContext', {
      contextName: 'DefaultContext',
      userName: 'u7',
    });
    expect(fields(r)).toEqual(['Entity', 'PermissionType']);
    expect(rowsOf(r)).toEqual([
      { Entity: 'Line1', PermissionType: 'Read' },
      { Entity: 'Press1', PermissionType: 'Write' },
    ]);
    expect(
      rowsOf(
        call(m, 'GetEntityPermissionsByUserGroupOnContext', {
          contextName: 'DefaultContext',
          userGroupName: 'Maint',
        }),
      ),
    ).toEqual([{ Entity: 'Line1', PermissionType: 'Read' }]);
    expect(
      rowsOf(
        call(m, 'GetEntityPermissionsOnContext', {
          contextName: 'DefaultContext',
          principal: 'u1',
          principalType: 'User',
        }),
      ),
    ).toEqual([]);
  });
  it('GetPermissionsByContext lists every equipment with a nested Permissions infotable', () => {
    const r = call(m, 'GetPermissionsByContext', { contextName: 'DefaultContext' });
    expect(fields(r)).toEqual(['EntityName', 'Permissions']);
    const rows = rowsOf(r).map(row => [
      row.EntityName,
      (row.Permissions as { rows: unknown[] }).rows,
    ]);
    expect(rows).toEqual([
      ['PlantSite', []],
      [
        'Line1',
        [
          { UserOrUserGroupName: 'Maint', Type: 'Group', PermissionType: 'Read' },
          { UserOrUserGroupName: 'u7', Type: 'User', PermissionType: 'Write' },
        ],
      ],
      ['Press1', [{ UserOrUserGroupName: 'u7', Type: 'User', PermissionType: 'Write' }]],
      ['Line2', [{ UserOrUserGroupName: 'u1', Type: 'User', PermissionType: 'None' }]],
    ]);
  });
  it('GetContextsByUserAndPermission: exact value, enabled contexts, all for administrators, Read/Write only', () => {
    const read = call(m, 'GetContextsByUserAndPermission', {
      permissionType: 'Read',
      userName: 'u8',
    });
    expect(fields(read)).toEqual([
      'ContextName',
      'Description',
      'Enabled',
      'EquipmentRelationshipSettings',
      'LocalizationToken',
      'Network',
    ]);
    expect(rowsOf(read).map(r => r.ContextName)).toEqual(['DefaultContext']);
    expect(
      rowsOf(
        call(m, 'GetContextsByUserAndPermission', { permissionType: 'Write', userName: 'u8' }),
      ),
    ).toEqual([]);
    expect(
      rowsOf(
        call(m, 'GetContextsByUserAndPermission', {
          permissionType: 'Write',
          userName: 'Administrator',
        }),
      ).map(r => r.Network),
    ).toEqual(['DefaultContextNetwork']);
    expect(
      invokeAppsService(m, 'Administrator', 'GetContextsByUserAndPermission', {
        permissionType: 'None',
        userName: 'u8',
      }),
    ).toEqual({
      ok: false,
      message: 'Invalid permission type: None which is neither Read nor Write.',
    });
  });
  it("GetCurrentUserPermissionOnThing: the caller's value; Write for administrators and devices (§7.20)", () => {
    expect(
      call(m, 'GetCurrentUserPermissionOnThing', { equipmentName: 'Press1' }, 'u7').result,
    ).toBe('Write');
    expect(
      call(m, 'GetCurrentUserPermissionOnThing', { equipmentName: 'Line1' }, 'u7').result,
    ).toBe('Read');
    expect(
      call(m, 'GetCurrentUserPermissionOnThing', { equipmentName: 'Line2' }, 'u1').result,
    ).toBe('None');
    expect(
      call(m, 'GetCurrentUserPermissionOnThing', { equipmentName: 'Line2' }, 'Administrator')
        .result,
    ).toBe('Write');
    const withDevice: Model = {
      ...m,
      things: {
        ...m.things,
        Plc1: {
          name: 'Plc1',
          template: 'GenericThing',
          shapes: ['PTC.Factory.DeviceThingShape'],
          properties: [],
          services: [],
          events: [],
          enabled: true,
          permissions: { runtime: [], designtime: [], visibility: [] },
        },
      },
    };
    expect(
      call(withDevice, 'GetCurrentUserPermissionOnThing', { equipmentName: 'Plc1' }, 'u2').result,
    ).toBe('Write');
  });
  it('GetEquipmentStructureForContext returns the tree rows', () => {
    const r = call(m, 'GetEquipmentStructureForContext', {
      contextName: 'DefaultContext',
      includeAsset: false,
    });
    expect(fields(r)).toEqual([
      'displayName',
      'from',
      'hasChildren',
      'isAsset',
      'networkName',
      'path',
      'to',
    ]);
    expect(rowsOf(r).map(x => x.path)).toEqual(['PlantSite', 'PlantSite/Line1', 'PlantSite/Line2']);
    expect(rowsOf(r)[0]).toMatchObject({
      from: 'DefaultContextNetwork',
      hasChildren: true,
      isAsset: false,
    });
  });
});
