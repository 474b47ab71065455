/**
 * Each what-if change kind as the exact ThingWorx service call that applies it, and the call that
 * undoes it (shared/export/calls.ts). Domain sections cited per case.
 */
import { describe, expect, it } from 'vitest';
import { planExport } from '../../../shared/export';
import type { TwxCall } from '../../../shared/export';
import type { WhatIfChange } from '../../../shared/whatif';
import type { Model } from '../../../shared/model/types';
import { loadDemoModel } from '../demo-model';
import { cloneModel } from '../../../shared/model/overlay';

const shape = (c: TwxCall) => ({
  at: `${c.collection}/${c.entity}`,
  service: c.service,
  params: c.params,
});

function plan(changes: WhatIfChange[], model: Model = loadDemoModel()) {
  const r = planExport(model, changes);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const analysts = { type: 'group', name: 'DataAnalysts' } as const;

describe('entries at the entity level (§8.1)', () => {
  it('removing a Thing-level run-time deny is DeleteRunTimePermission; its undo adds the deny back', () => {
    const p = plan([
      {
        type: 'remove-entry',
        target: { level: 'entity', collection: 'Things', name: 'SensorDataStream' },
        entry: {
          family: 'runtime',
          kind: 'ServiceInvoke',
          resource: 'GetDataStream',
          principal: analysts,
          allow: false,
        },
      },
    ]);
    expect(p.forward.map(shape)).toEqual([
      {
        at: 'Things/SensorDataStream',
        service: 'DeleteRunTimePermission',
        params: {
          principal: 'DataAnalysts',
          principalType: 'Group',
          resource: 'GetDataStream',
          type: 'ServiceInvoke',
        },
      },
    ]);
    expect(p.inverse.map(shape)).toEqual([
      {
        at: 'Things/SensorDataStream',
        service: 'AddRunTimePermission',
        params: {
          principal: 'DataAnalysts',
          principalType: 'Group',
          resource: 'GetDataStream',
          type: 'ServiceInvoke',
          allow: false,
        },
      },
    ]);
    expect(p.forwardCaveats).toEqual([]);
    expect(p.inverseCaveats).toEqual([]);
  });

  it('a design-time allow for a user is AddDesignTimePermission without a resource; undo deletes it', () => {
    const p = plan([
      {
        type: 'add-entry',
        target: { level: 'entity', collection: 'ThingTemplates', name: 'SensorTemplate' },
        entry: {
          family: 'designtime',
          kind: 'Update',
          principal: { type: 'user', name: 'bob' },
          allow: true,
        },
      },
    ]);
    expect(p.forward.map(shape)).toEqual([
      {
        at: 'ThingTemplates/SensorTemplate',
        service: 'AddDesignTimePermission',
        params: { principal: 'bob', principalType: 'User', type: 'Update', allow: true },
      },
    ]);
    expect(p.inverse.map(shape)).toEqual([
      {
        at: 'ThingTemplates/SensorTemplate',
        service: 'DeleteDesignTimePermission',
        params: { principal: 'bob', principalType: 'User', type: 'Update' },
      },
    ]);
  });

  it('visibility names an organization by its name and a unit as Organization:Unit (§4.6, §6.2)', () => {
    const p = plan([
      {
        type: 'add-entry',
        target: { level: 'entity', collection: 'Things', name: 'SensorDataStream' },
        entry: { family: 'visibility', principal: { type: 'unit', org: 'Plant', unit: 'LineA' } },
      },
      {
        type: 'remove-entry',
        target: { level: 'entity', collection: 'Things', name: 'LegacyGateway' },
        entry: { family: 'visibility', principal: { type: 'org', org: 'Maintenance' } },
      },
    ]);
    expect(p.forward.map(shape)).toEqual([
      {
        at: 'Things/SensorDataStream',
        service: 'AddVisibilityPermission',
        params: { principal: 'Plant:LineA', principalType: 'OrganizationalUnit' },
      },
      {
        at: 'Things/LegacyGateway',
        service: 'DeleteVisibilityPermission',
        params: { principal: 'Maintenance', principalType: 'Organization' },
      },
    ]);
    // Undone last to first.
    expect(p.inverse.map(c => `${c.entity} ${c.service}`)).toEqual([
      'LegacyGateway AddVisibilityPermission',
      'SensorDataStream DeleteVisibilityPermission',
    ]);
  });

  it('adding an allow where the same principal holds a deny warns, and the undo restores the deny (§8.1)', () => {
    const p = plan([
      {
        type: 'add-entry',
        target: { level: 'entity', collection: 'Things', name: 'SensorDataStream' },
        entry: {
          family: 'runtime',
          kind: 'ServiceInvoke',
          resource: 'GetDataStream',
          principal: analysts,
          allow: true,
        },
      },
    ]);
    expect(p.forwardCaveats).toHaveLength(1);
    expect(p.forwardCaveats[0]).toMatch(/already holds "deny ServiceInvoke on GetDataStream/);
    expect(p.inverse.map(c => [c.service, c.params['allow']])).toEqual([
      ['DeleteRunTimePermission', undefined],
      ['AddRunTimePermission', false],
    ]);
  });
});

describe('instance, shape and collection levels (§2.1, §2.3, §2.5, §8.4)', () => {
  it("a template's instance sets use the ...Instance... services on the template", () => {
    const target = { level: 'instance', template: 'SensorTemplate' } as const;
    const p = plan([
      {
        type: 'add-entry',
        target,
        entry: {
          family: 'runtime',
          kind: 'ServiceInvoke',
          resource: 'GetDataStream',
          principal: analysts,
          allow: true,
        },
      },
      {
        type: 'add-entry',
        target,
        entry: { family: 'designtime', kind: 'Read', principal: analysts, allow: true },
      },
      {
        type: 'remove-entry',
        target,
        entry: { family: 'visibility', principal: { type: 'unit', org: 'Plant', unit: 'Plant' } },
      },
    ]);
    expect(p.forward.map(shape)).toEqual([
      {
        at: 'ThingTemplates/SensorTemplate',
        service: 'AddInstanceRunTimePermission',
        params: {
          principal: 'DataAnalysts',
          principalType: 'Group',
          resource: 'GetDataStream',
          type: 'ServiceInvoke',
          allow: true,
        },
      },
      {
        at: 'ThingTemplates/SensorTemplate',
        service: 'AddInstanceDesignTimePermission',
        params: { principal: 'DataAnalysts', principalType: 'Group', type: 'Read', allow: true },
      },
      {
        at: 'ThingTemplates/SensorTemplate',
        service: 'DeleteInstanceVisibilityPermission',
        params: { principal: 'Plant:Plant', principalType: 'OrganizationalUnit' },
      },
    ]);
    expect(p.inverse.map(c => c.service)).toEqual([
      'AddInstanceVisibilityPermission',
      'DeleteInstanceDesignTimePermission',
      'DeleteInstanceRunTimePermission',
    ]);
  });

  it("a shape's instance run-time set uses AddInstanceRunTimePermission on the shape", () => {
    const p = plan([
      {
        type: 'remove-entry',
        target: { level: 'shape', shape: 'SensorShape' },
        entry: {
          family: 'runtime',
          kind: 'PropertyRead',
          resource: '*',
          principal: { type: 'group', name: 'Operators' },
          allow: true,
        },
      },
    ]);
    expect(p.forward.map(shape)).toEqual([
      {
        at: 'ThingShapes/SensorShape',
        service: 'DeleteInstanceRunTimePermission',
        params: {
          principal: 'Operators',
          principalType: 'Group',
          resource: '*',
          type: 'PropertyRead',
        },
      },
    ]);
    expect(p.inverse.map(shape)[0]?.service).toBe('AddInstanceRunTimePermission');
    expect(p.inverse[0]?.params['allow']).toBe(true);
  });

  it('collection-level entries go to CollectionFunctions with the collection name', () => {
    const p = plan([
      {
        type: 'remove-entry',
        target: { level: 'collection', collection: 'Things' },
        entry: {
          family: 'designtime',
          kind: 'Read',
          principal: { type: 'group', name: 'Operators' },
          allow: true,
        },
      },
    ]);
    expect(p.forward.map(shape)).toEqual([
      {
        at: 'Resources/CollectionFunctions',
        service: 'DeleteCollectionDesignTimePermission',
        params: {
          collectionName: 'Things',
          principal: 'Operators',
          principalType: 'Group',
          type: 'Read',
        },
      },
    ]);
    expect(p.inverse.map(shape)).toEqual([
      {
        at: 'Resources/CollectionFunctions',
        service: 'AddCollectionDesignTimePermission',
        params: {
          collectionName: 'Things',
          principal: 'Operators',
          principalType: 'Group',
          type: 'Read',
          allow: true,
        },
      },
    ]);
  });
});

describe('memberships and owners (§1.10, §4.2, §8.5)', () => {
  it('group membership is AddMember / DeleteMember on the group, with member and type', () => {
    const p = plan([
      { type: 'add-membership', member: { type: 'user', name: 'dana' }, group: 'Operators' },
      { type: 'remove-membership', member: analysts, group: 'Operators' },
    ]);
    expect(p.forward.map(shape)).toEqual([
      { at: 'Groups/Operators', service: 'AddMember', params: { member: 'dana', type: 'User' } },
      {
        at: 'Groups/Operators',
        service: 'DeleteMember',
        params: { member: 'DataAnalysts', type: 'Group' },
      },
    ]);
    expect(p.inverse.map(shape)).toEqual([
      {
        at: 'Groups/Operators',
        service: 'AddMember',
        params: { member: 'DataAnalysts', type: 'Group' },
      },
      { at: 'Groups/Operators', service: 'DeleteMember', params: { member: 'dana', type: 'User' } },
    ]);
  });

  it('unit membership is AddMember(name=<unit>, member, type) on the organization', () => {
    const p = plan([
      {
        type: 'add-unit-member',
        org: 'Plant',
        unit: 'LineB',
        member: { type: 'user', name: 'bob' },
      },
    ]);
    expect(p.forward.map(shape)).toEqual([
      {
        at: 'Organizations/Plant',
        service: 'AddMember',
        params: { name: 'LineB', member: 'bob', type: 'User' },
      },
    ]);
    expect(p.inverse.map(shape)).toEqual([
      {
        at: 'Organizations/Plant',
        service: 'DeleteMember',
        params: { name: 'LineB', member: 'bob', type: 'User' },
      },
    ]);
  });

  it('SetOwner(name); the undo sets the previous owner back, and says when there was none', () => {
    const p = plan([
      { type: 'set-owner', collection: 'Things', name: 'SensorDataStream', owner: 'bob' },
      { type: 'set-owner', collection: 'Things', name: 'LegacyGateway', owner: 'bob' },
    ]);
    expect(p.forward.map(shape)).toEqual([
      { at: 'Things/SensorDataStream', service: 'SetOwner', params: { name: 'bob' } },
      { at: 'Things/LegacyGateway', service: 'SetOwner', params: { name: 'bob' } },
    ]);
    expect(p.inverse.map(shape)).toEqual([
      { at: 'Things/SensorDataStream', service: 'SetOwner', params: { name: 'Administrator' } },
    ]);
    expect(p.inverseCaveats.join('\n')).toMatch(/LegacyGateway had no owner before/);
  });

  it('removing an owner is not exported: no service does it', () => {
    const p = plan([
      { type: 'set-owner', collection: 'Things', name: 'SensorDataStream', owner: null },
    ]);
    expect(p.forward).toEqual([]);
    expect(p.notExported).toEqual([
      {
        change: 0,
        text: 'set owner of Things/SensorDataStream to nobody',
        why: expect.stringMatching(/no service that removes an owner/),
      },
    ]);
  });
});

describe('context-manager services (§7.5, §7.6, §7.12, §7.14)', () => {
  it('a Grant is the service itself on the context manager, infotables with their data shapes', () => {
    const p = plan([
      {
        type: 'apps-invoke',
        service: 'GrantUserGroupPermissionsOnEntities',
        params: {
          entities: { rows: [{ Name: 'Line1', Type: 'Equipment' }] },
          permissionType: 'Read',
          userGroupNames: { rows: [{ UserGroupName: 'Operators' }] },
        },
      },
    ]);
    expect(p.forward).toHaveLength(1);
    const c = p.forward[0] as TwxCall;
    expect(`${c.collection}/${c.entity} ${c.service}`).toBe(
      'Things/PTC.SCA.SCO.DefaultContextManager GrantUserGroupPermissionsOnEntities',
    );
    expect(c.params['permissionType']).toBe('Read');
    expect(c.params['entities']).toMatchObject({
      dataShape: { name: 'PTC.SCA.SCO.EquipmentOrContextListDataShape' },
      rows: [{ Name: 'Line1', Type: 'Equipment' }],
    });
    expect(c.params['userGroupNames']).toMatchObject({
      dataShape: { name: 'PTC.SCA.SCO.UserGroupNameListDataShape' },
      rows: [{ UserGroupName: 'Operators' }],
    });
  });

  it('granting Read where Write was restores the Write on undo: only PropertyWrite goes back to allow (§7.14, §10.19)', () => {
    // The demo propagates Write from Line1 to Operators (Line1 and Press1).
    const p = plan([
      {
        type: 'apps-invoke',
        service: 'GrantUserGroupPermissionsOnEntities',
        params: {
          entities: { rows: [{ Name: 'Line1', Type: 'Equipment' }] },
          permissionType: 'Read',
          userGroupNames: { rows: [{ UserGroupName: 'Operators' }] },
        },
      },
    ]);
    expect(p.inverse.map(shape)).toEqual([
      {
        at: 'Things/Line1',
        service: 'DeleteRunTimePermission',
        params: {
          principal: 'Operators',
          principalType: 'Group',
          resource: '*',
          type: 'PropertyWrite',
        },
      },
      {
        at: 'Things/Line1',
        service: 'AddRunTimePermission',
        params: {
          principal: 'Operators',
          principalType: 'Group',
          resource: '*',
          type: 'PropertyWrite',
          allow: true,
        },
      },
    ]);
    expect(p.inverseCaveats).toEqual([]);
  });

  it('the undo of a propagation removes the entries it wrote on every equipment it reached (§7.17)', () => {
    const p = plan([
      {
        type: 'apps-invoke',
        service: 'PropagateUserPermissionsOnEntities',
        params: {
          contextName: 'DefaultContext',
          entityName: 'Line1',
          permissionType: 'None',
          userNames: { rows: [{ UserName: 'dana' }] },
        },
      },
    ]);
    expect(p.forward.map(c => c.service)).toEqual(['PropagateUserPermissionsOnEntities']);
    expect(p.inverse.map(c => `${c.entity} ${c.service} ${String(c.params['type'])}`)).toEqual([
      'Line1 DeleteRunTimePermission PropertyRead',
      'Line1 DeleteRunTimePermission PropertyWrite',
      'Line1 DeleteRunTimePermission ServiceInvoke',
      'Press1 DeleteRunTimePermission PropertyRead',
      'Press1 DeleteRunTimePermission PropertyWrite',
      'Press1 DeleteRunTimePermission ServiceInvoke',
    ]);
    expect(p.inverse.every(c => c.params['principal'] === 'dana')).toBe(true);
  });
});

describe('changes no service expresses', () => {
  it('are listed with the reason, never dropped, and the rest is still exported', () => {
    const p = plan([
      { type: 'set-template-base', template: 'SensorTemplate', base: 'GatewayTemplate' },
      { type: 'add-user', name: 'erin' },
      { type: 'set-user-flags', name: 'carol', locked: false },
      { type: 'add-membership', member: { type: 'user', name: 'erin' }, group: 'Viewers' },
    ]);
    expect(p.notExported.map(n => [n.change, n.text])).toEqual([
      [0, 'set base of template SensorTemplate to GatewayTemplate'],
      [1, 'add-user'],
      [2, 'set user carol locked=false'],
    ]);
    expect(p.notExported.every(n => n.why.length > 10)).toBe(true);
    expect(p.forward.map(c => `${c.entity} ${c.service}`)).toEqual(['Viewers AddMember']);
    expect(p.inverseCaveats.join('\n')).toMatch(/not undone either/);
  });

  it('a change that does not apply is an error naming it, like the what-if', () => {
    const r = planExport(loadDemoModel(), [
      { type: 'add-membership', member: { type: 'user', name: 'nobody' }, group: 'Operators' },
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^change 1 \(add user:nobody to group Operators\)/);
  });
});

/**
 * A tiny stand-in for a server that applies the mutators the way §8.1 describes them: one entry per
 * principal, kind (and resource); an Add replaces it, a Delete removes it whatever its allow flag.
 */
function serve(model: Model, calls: readonly TwxCall[]): Model {
  const m = cloneModel(model);
  for (const c of calls) {
    const p = c.params;
    if (c.service === 'AddMember' || c.service === 'DeleteMember') {
      const add = c.service === 'AddMember';
      if (c.collection === 'Groups') {
        const list =
          p['type'] === 'User'
            ? m.users[String(p['member'])]?.groups
            : m.groups[String(p['member'])]?.memberOf;
        if (!list) throw new Error(`no member ${String(p['member'])}`);
        const i = list.indexOf(c.entity);
        if (add && i < 0) list.push(c.entity);
        if (!add && i >= 0) list.splice(i, 1);
      }
      continue;
    }
    const set =
      c.collection === 'Things'
        ? m.things[c.entity]?.permissions
        : c.service.includes('Instance')
          ? c.collection === 'ThingTemplates'
            ? m.templates[c.entity]?.instance
            : {
                ...(m.shapes[c.entity]?.instance ?? { runtime: [] }),
                designtime: [],
                visibility: [],
              }
          : m.templates[c.entity]?.permissions;
    if (!set) throw new Error(`no entity ${c.collection}/${c.entity}`);
    const who = {
      type: p['principalType'] === 'User' ? 'user' : 'group',
      name: String(p['principal']),
    } as const;
    const same = (x: { principal: { type: string; name: string } }) =>
      x.principal.type === who.type && x.principal.name === who.name;
    if (/RunTimePermission$/.test(c.service)) {
      set.runtime = set.runtime.filter(
        x => !(same(x) && x.kind === p['type'] && x.resource === p['resource']),
      );
      if (c.service.startsWith('Add'))
        set.runtime.push({
          kind: p['type'] as never,
          resource: String(p['resource']),
          principal: who,
          allow: p['allow'] === true,
        });
      if (c.collection === 'ThingShapes')
        (m.shapes[c.entity] as { instance: { runtime: unknown } }).instance.runtime = set.runtime;
    } else throw new Error(`the stand-in server does not know ${c.service}`);
  }
  return m;
}

describe('the inverse undoes the scenario exactly (replayed on a stand-in server, §8.1)', () => {
  it('entries, memberships and a context-manager grant come back to the baseline', () => {
    const base = loadDemoModel();
    const changes: WhatIfChange[] = [
      {
        type: 'remove-entry',
        target: { level: 'entity', collection: 'Things', name: 'SensorDataStream' },
        entry: {
          family: 'runtime',
          kind: 'ServiceInvoke',
          resource: 'GetDataStream',
          principal: analysts,
          allow: false,
        },
      },
      {
        type: 'add-entry',
        target: { level: 'instance', template: 'SensorTemplate' },
        entry: {
          family: 'runtime',
          kind: 'PropertyWrite',
          resource: 'temperature',
          principal: analysts,
          allow: true,
        },
      },
      { type: 'add-membership', member: { type: 'user', name: 'dana' }, group: 'Operators' },
      {
        type: 'apps-invoke',
        service: 'PropagateUserGroupPermissionsOnEntities',
        params: {
          contextName: 'DefaultContext',
          entityName: '',
          permissionType: 'Read',
          userGroupNames: { rows: [{ UserGroupName: 'Operators' }] },
        },
      },
    ];
    const p = plan(changes, base);
    const undone = serve(p.result, p.inverse);
    const sets = (m: Model) => ({
      things: Object.fromEntries(
        Object.values(m.things).map(t => [
          t.name,
          [...t.permissions.runtime].sort((a, b) =>
            JSON.stringify(a).localeCompare(JSON.stringify(b)),
          ),
        ]),
      ),
      instance: m.templates['SensorTemplate']?.instance.runtime,
      dana: m.users['dana']?.groups,
    });
    expect(sets(undone)).toEqual(sets(base));
  });
});
