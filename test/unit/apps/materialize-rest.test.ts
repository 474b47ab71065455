import { describe, expect, it } from 'vitest';
import { equipmentPermissionMap, PERMISSION_CODE } from '../../../shared/apps/effective';
import { materializeApps } from '../../../shared/apps/materialize';
import { appsServiceHandler } from '../../../shared/apps/rest-handler';
import { createIndexedDecider } from '../../../shared/engine/indexed';
import type { ServiceContext } from '../../../shared/engine/service-handler';
import type { Model } from '../../../shared/model/types';
import { baseModel, baselineC, context, grantGroup, grantUser, propagateGroup } from './baseline-c';

describe('materializeApps', () => {
  it('creates equipment Things, the Network and the context manager with the §7.12 services', () => {
    const m = baselineC();
    expect(m.things['Line1']?.template).toBe('PTC.SCA.SCO.Line');
    expect(m.templates['PTC.SCA.SCO.Line']?.base).toBe('PTC.SCA.SCO.Equipment');
    expect(m.things['DefaultContextNetwork']?.template).toBe('PTC.SCA.SCO.EquipmentNetwork');
    expect(
      m.templates[m.things['PTC.SCA.SCO.DefaultContextManager']?.template ?? '']?.services,
    ).toEqual(
      expect.arrayContaining([
        'GrantUserGroupPermissionsOnEntities',
        'PropagatePermissionsOnEntities',
        'GetCurrentUserPermissionOnThing',
        'GetEquipmentStructureForContext',
      ]),
    );
  });
  it('replays file grants in order; a bad grant is an error with its path', () => {
    const base = baseModel({ u8: ['Maint'] });
    const ok = materializeApps({
      ...base,
      apps: {
        ...base.apps,
        grants: [
          {
            service: 'GrantUserGroupPermissionsOnEntities',
            params: {
              entities: [{ Name: 'DefaultContext', Type: 'Context' }],
              permissionType: 'Read',
              userGroupNames: [{ UserGroupName: 'Maint' }],
            },
          },
          {
            service: 'PropagateUserGroupPermissionsOnEntities',
            params: {
              contextName: 'DefaultContext',
              entityName: 'Line1',
              permissionType: 'Write',
              userGroupNames: [{ UserGroupName: 'Maint' }],
            },
          },
        ],
      },
    });
    expect(ok.ok && ok.model.things['Press1']?.permissions.runtime.map(e => e.allow)).toEqual([
      true,
      true,
      true,
    ]);
    const bad = materializeApps({
      ...base,
      apps: {
        ...base.apps,
        grants: [
          {
            service: 'GrantUserPermissionsOnEntities',
            params: {
              entities: [{ Name: 'Line1', Type: 'Equipment' }],
              permissionType: 'read',
              userNames: [{ UserName: 'u1' }],
            },
          },
          {
            service: 'GrantUserPermissionsOnEntities',
            params: {
              entities: [{ Name: 'Line9', Type: 'Equipment' }],
              permissionType: 'Read',
              userNames: [{ UserName: 'u1' }],
            },
          },
          {
            service: 'PropagateUserPermissionsOnEntities',
            params: {
              contextName: 'DefaultContext',
              entityName: 'Nope',
              permissionType: 'Read',
              userNames: [{ UserName: 'u1' }],
            },
          },
          { service: 'GetPermissionsByContext', params: { contextName: 'DefaultContext' } },
        ],
      },
    });
    expect(bad).toEqual({
      ok: false,
      errors: [
        {
          path: 'apps.grants[0]',
          message:
            'GrantUserPermissionsOnEntities failed: read is not a valid permission type for equipment or context. Valid permission types are Read, Write and None.',
        },
        { path: 'apps.grants[1]', message: 'GrantUserPermissionsOnEntities: Line9 does not exist' },
        {
          path: 'apps.grants[2]',
          message: expect.stringMatching(/Nope does not exist or is not in the network/),
        },
        {
          path: 'apps.grants[3].service',
          message: expect.stringMatching(/not a Grant or Propagate service/),
        },
      ],
    });
  });
  it('rejects parent/child types outside the relationships and non-Assets in two contexts', () => {
    const base = baseModel();
    const second = context('Quality', 'QualityNetwork', {
      QSite: { type: 'Site', parent: null },
      Line1: { type: 'Line', parent: 'QSite' },
      Bad: { type: 'Site', parent: 'Line1' },
    });
    const r = materializeApps({
      ...base,
      apps: { ...base.apps, contexts: { ...base.apps.contexts, Quality: second } },
    });
    expect(r.ok).toBe(false);
    const messages = !r.ok ? r.errors.map(e => `${e.path}: ${e.message}`) : [];
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^apps\.contexts\.Quality\.equipment\.Bad: a Site cannot be a child of a Line/,
      ),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(
        /Line1 is a Line in contexts DefaultContext and Quality: only Assets may be in more than one context/,
      ),
    );
  });
  it('allows an Asset in two contexts, sharing one equipment Thing', () => {
    const base = baseModel();
    const second = context('Quality', 'QualityNetwork', {
      QSite: { type: 'Site', parent: null },
      Press1: { type: 'Asset', parent: 'QSite' },
    });
    const r = materializeApps({
      ...base,
      apps: { ...base.apps, contexts: { ...base.apps.contexts, Quality: second } },
    });
    expect(r.ok).toBe(true);
  });
});

function restCtx(model: Model, user: string, service: string, body: unknown): ServiceContext {
  return {
    model,
    user,
    principals: { user, groups: [], units: [], isAdmin: user === 'Administrator' },
    decider: createIndexedDecider(model),
    target: { collection: 'Things', name: 'PTC.SCA.SCO.DefaultContextManager' },
    service,
    body,
    at: '2026-01-01T00:00:00Z',
  };
}

describe('appsServiceHandler (REST)', () => {
  it('a Grant returns the JSON result, the changed model as effect and steps naming the written entries', () => {
    const m = baselineC();
    const out = appsServiceHandler(
      restCtx(m, 'Administrator', 'GrantUserPermissionsOnEntities', {
        entities: { rows: [{ Name: 'Line1', Type: 'Equipment' }] },
        permissionType: 'Read',
        userNames: { rows: [{ UserName: 'u1' }] },
      }),
    );
    expect(out?.status).toBe(200);
    expect(out?.effect?.things['Line1']?.permissions.runtime).toHaveLength(3);
    expect(out?.steps[1]?.text).toBe(
      'Read for user u1 written to the * run-time entries of Thing Line1: PropertyRead allow, PropertyWrite deny, ServiceInvoke allow',
    );
  });
  it('a view service returns infotable JSON; a thrown error is outcome unknown with the exact message', () => {
    const m = grantGroup(baselineC(), 'Maint', 'Read', [['DefaultContext', 'Context']]);
    const view = appsServiceHandler(
      restCtx(m, 'Administrator', 'GetContextPermissionByUserGroup', { userGroupName: 'Maint' }),
    );
    expect(JSON.parse(view?.body ?? '').rows).toEqual([
      { ContextName: 'DefaultContext', PermissionType: 'Read' },
    ]);
    expect(view?.effect).toBeUndefined();
    const bad = appsServiceHandler(
      restCtx(m, 'Administrator', 'GrantUserPermissionsOnEntities', {
        entities: [{ Name: 'Line1', Type: 'Equipment' }],
        permissionType: 'Read ',
        userNames: [{ UserName: 'u1' }],
      }),
    );
    expect(bad?.outcome).toBe('unknown');
    expect(bad?.body).toBe(
      'Read  is not a valid permission type for equipment or context. Valid permission types are Read, Write and None.',
    );
    expect(bad?.unknowns?.[0]).toMatch(/HTTP status of a thrown service error is not documented/);
  });
  it('ignores other Things and services', () => {
    const m = baselineC();
    expect(
      appsServiceHandler({
        ...restCtx(m, 'Administrator', 'GetPermissionsByContext', {}),
        target: { collection: 'Things', name: 'Line1' },
      }),
    ).toBeUndefined();
    expect(
      appsServiceHandler(restCtx(m, 'Administrator', 'GetPropertyValues', {})),
    ).toBeUndefined();
  });
});

describe('REST agreement with the platform engine (§7.15)', () => {
  const m = grantUser(
    grantGroup(baselineC({ u8: ['Maint'] }), 'Maint', 'Read', [['Line1', 'Equipment']]),
    'u2',
    'None',
    [['Line2', 'Equipment']],
  );
  const decider = createIndexedDecider(m);
  const line1 = { collection: 'Things', name: 'Line1' };
  it("a Read grant makes a property write on that equipment denied for the group's members, reads allowed", () => {
    expect(
      decider.runtime('u8', line1, { kind: 'PropertyWrite', resource: 'pressure' }).allowed,
    ).toBe(false);
    expect(
      decider.runtime('u8', line1, { kind: 'PropertyRead', resource: 'pressure' }).allowed,
    ).toBe(true);
  });
  it('every grant, even None, allows ServiceInvoke', () => {
    expect(
      decider.runtime('u8', line1, { kind: 'ServiceInvoke', resource: 'GetPropertyValues' })
        .allowed,
    ).toBe(true);
    expect(
      decider.runtime(
        'u2',
        { collection: 'Things', name: 'Line2' },
        { kind: 'ServiceInvoke', resource: 'Reset' },
      ).allowed,
    ).toBe(true);
    expect(
      decider.runtime(
        'u2',
        { collection: 'Things', name: 'Line2' },
        { kind: 'PropertyRead', resource: 'x' },
      ).allowed,
    ).toBe(false);
  });
});

describe('equipmentPermissionMap', () => {
  it('agrees with the view services on Baseline C', () => {
    let m = grantGroup(baselineC({ u8: ['Maint'] }), 'Maint', 'Read', [
      ['DefaultContext', 'Context'],
    ]);
    m = propagateGroup(m, 'Maint', 'Write', 'DefaultContext', 'Line1');
    const map = equipmentPermissionMap(m, { type: 'user', name: 'u8' }, 'DefaultContext');
    const at = (n: string) => map.position.get(n) as number;
    expect(map.order).toEqual(['PlantSite', 'Line1', 'Press1', 'Line2']);
    expect([...map.permission]).toEqual([0, 2, 2, 0]);
    expect([...map.visible]).toEqual([0, 1, 1, 0]);
    expect(map.size[at('PlantSite')]).toBe(4);
    expect(map.size[at('Line1')]).toBe(2);
    expect(
      equipmentPermissionMap(
        m,
        { type: 'user', name: 'Administrator' },
        'DefaultContext',
      ).permission.every(p => p === PERMISSION_CODE.Write),
    ).toBe(true);
  });
  it('handles a 100,000-node structure (time measured, not asserted)', () => {
    const tree: Record<string, { type: string; parent: string | null }> = {
      S0: { type: 'Site', parent: null },
    };
    for (let i = 0; i < 1000; i++) tree[`L${i}`] = { type: 'Line', parent: 'S0' };
    for (let i = 0; i < 98_999; i++) tree[`A${i}`] = { type: 'Asset', parent: `L${i % 1000}` };
    const base = baseModel({ u8: ['Maint'] });
    const big = materializeApps({
      ...base,
      apps: { ...base.apps, contexts: { Big: context('Big', 'BigNetwork', tree) } },
    });
    if (!big.ok) throw new Error(JSON.stringify(big.errors.slice(0, 3)));
    let m = grantGroup(big.model, 'Maint', 'Read', [['Big', 'Context']]);
    m = propagateGroup(m, 'Maint', 'Read', 'Big', 'L7');
    const t0 = performance.now();
    const map = equipmentPermissionMap(m, { type: 'user', name: 'u8' }, 'Big');
    const ms = performance.now() - t0;
    console.log(`equipmentPermissionMap over ${map.order.length} nodes: ${ms.toFixed(1)} ms`);
    expect(map.order).toHaveLength(100_000);
    const l7 = map.position.get('L7') as number;
    expect(map.size[l7]).toBe(100);
    let visible = 0;
    for (const v of map.visible) visible += v;
    expect(visible).toBe(100);
    expect(map.permission[map.position.get('A7') as number]).toBe(PERMISSION_CODE.Read);
    expect(map.permission[map.position.get('A8') as number]).toBe(PERMISSION_CODE.None);
  });
});
