import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../shared/apps/load';
import { applyEdit } from '../../../shared/apps/apply-edit';
import type { ModelEdit } from '../../../shared/model/edits';
import type { Model } from '../../../shared/model/types';
import { modelToText } from '../../../shared/model/decompile';

const BASE = `permsim: 1
name: edits
users:
  alice: { groups: [Ops] }
  bob: { groups: [Analysts] }
groups:
  Ops: {}
  Analysts: { memberOf: [Ops] }
organizations:
  Plant:
    root: Plant
    units:
      Plant: { members: [group:Ops], children: [LineA] }
      LineA: { members: [user:alice], children: [Cell1] }
      Cell1: {}
templates:
  SensorTemplate:
    properties: [temperature]
    instance:
      visibility: [unit:Plant:LineA]
      runtime:
        - { allow: PropertyRead, principal: group:Ops }
things:
  S1:
    template: SensorTemplate
    owner: alice
    permissions:
      runtime:
        - { deny: PropertyRead, resource: temperature, principal: user:alice }
appKeys:
  k1: { user: alice }
requests:
  - as: alice
    call: GET /Thingworx/Things/S1/Properties/temperature
    expect: 200
`;

function base(): Model {
  const r = loadModel(BASE, 'edits.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.model;
}
function ok(m: Model, e: ModelEdit): Model {
  const r = applyEdit(m, e);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.model;
}
function error(m: Model, e: ModelEdit) {
  const r = applyEdit(m, e);
  if (r.ok) throw new Error('expected the edit to fail');
  return r.error;
}

describe('applyEdit', () => {
  it('never mutates its input', () => {
    const m = base();
    const snapshot = structuredClone(m);
    ok(m, { type: 'rename-user', name: 'alice', to: 'alicia' });
    ok(m, { type: 'remove-group', name: 'Ops' });
    ok(m, {
      type: 'add-entry',
      target: { level: 'collection', collection: 'Things' },
      entry: {
        family: 'designtime',
        kind: 'Read',
        principal: { type: 'group', name: 'Ops' },
        allow: true,
      },
    });
    expect(m).toEqual(snapshot);
  });

  it('copies only the records an edit writes (performance.md §2.3); the result holds no proxies', () => {
    const m = base();
    const grant = ok(m, {
      type: 'add-entry',
      target: { level: 'instance', template: 'SensorTemplate' },
      entry: {
        family: 'runtime',
        kind: 'PropertyWrite',
        resource: '*',
        principal: { type: 'group', name: 'Ops' },
        allow: true,
      },
    });
    expect(grant.templates).not.toBe(m.templates);
    expect(grant.templates['SensorTemplate']?.instance.runtime).toHaveLength(2);
    expect(m.templates['SensorTemplate']?.instance.runtime).toHaveLength(1);
    for (const k of [
      'things',
      'users',
      'groups',
      'organizations',
      'shapes',
      'others',
      'collections',
      'appKeys',
    ] as const)
      expect(grant[k], k).toBe(m[k]);
    const joined = ok(m, {
      type: 'add-membership',
      member: { type: 'user', name: 'bob' },
      group: 'Ops',
    });
    expect(joined.users).not.toBe(m.users);
    expect(joined.things).toBe(m.things);
    expect(Object.keys(joined.users)).toEqual(Object.keys(m.users));
    // structuredClone throws on a Proxy: the records handed out are plain objects.
    expect(() => structuredClone(grant)).not.toThrow();
    expect(() => structuredClone(joined)).not.toThrow();
  });

  it('renaming a user updates memberships, entries, owners, unit members, app keys and requests', () => {
    const m = ok(base(), { type: 'rename-user', name: 'alice', to: 'alicia' });
    expect(m.users['alice']).toBeUndefined();
    expect(m.users['alicia']?.groups).toEqual(['Ops', 'Users']);
    expect(m.things['S1']?.owner).toBe('alicia');
    expect(m.things['S1']?.permissions.runtime[0]?.principal).toEqual({
      type: 'user',
      name: 'alicia',
    });
    expect(m.organizations['Plant']?.units['LineA']?.members).toEqual([
      { type: 'user', name: 'alicia' },
    ]);
    expect(m.appKeys['k1']?.user).toBe('alicia');
    expect(m.requests[0]?.as).toBe('alicia');
  });

  it('renaming a group updates users, nested groups, entries and unit members', () => {
    const m = ok(base(), { type: 'rename-group', name: 'Ops', to: 'Operators' });
    expect(m.users['alice']?.groups).toEqual(['Operators', 'Users']);
    expect(m.groups['Analysts']?.memberOf).toEqual(['Operators']);
    expect(m.templates['SensorTemplate']?.instance.runtime[0]?.principal).toEqual({
      type: 'group',
      name: 'Operators',
    });
    expect(m.organizations['Plant']?.units['Plant']?.members).toEqual([
      { type: 'group', name: 'Operators' },
    ]);
  });

  it('removing a referenced group removes the references too', () => {
    const m = ok(base(), { type: 'remove-group', name: 'Ops' });
    expect(m.groups['Ops']).toBeUndefined();
    expect(m.users['alice']?.groups).toEqual(['Users']);
    expect(m.groups['Analysts']?.memberOf).toEqual([]);
    expect(m.templates['SensorTemplate']?.instance.runtime).toEqual([]);
    expect(m.organizations['Plant']?.units['Plant']?.members).toEqual([]);
  });

  it('a membership that would close a group cycle is refused, naming the cycle', () => {
    expect(
      error(base(), {
        type: 'add-membership',
        member: { type: 'group', name: 'Ops' },
        group: 'Analysts',
      }),
    ).toEqual({
      code: 'cycle',
      message: 'group cycle: Ops -> Analysts -> Ops',
    });
  });

  it('unknown names and duplicates are refused with did-you-mean', () => {
    expect(
      error(base(), {
        type: 'add-membership',
        member: { type: 'user', name: 'alice' },
        group: 'Opps',
      }),
    ).toEqual({
      code: 'unknown',
      message: "group 'Opps' does not exist; did you mean 'Ops'?",
    });
    expect(error(base(), { type: 'add-user', name: 'alice' }).code).toBe('duplicate');
    expect(
      error(base(), { type: 'add-unit', org: 'Plant', parent: 'LineA', name: 'Cell1' }).code,
    ).toBe('duplicate');
    expect(
      error(base(), { type: 'add-thing', name: 'S2', template: 'SensorTemplat' }).message,
    ).toBe("template 'SensorTemplat' does not exist; did you mean 'SensorTemplate'?");
  });

  it('built-ins cannot be renamed or removed, nor built-in memberships', () => {
    expect(error(base(), { type: 'remove-user', name: 'Administrator' }).code).toBe('builtin');
    expect(error(base(), { type: 'rename-group', name: 'Users', to: 'People' }).code).toBe(
      'builtin',
    );
    expect(
      error(base(), {
        type: 'remove-membership',
        member: { type: 'user', name: 'alice' },
        group: 'Users',
      }).code,
    ).toBe('builtin');
  });

  it('add-entry and remove-entry on each level', () => {
    const entry = {
      family: 'runtime',
      kind: 'ServiceInvoke',
      resource: '*',
      principal: { type: 'group', name: 'Analysts' },
      allow: true,
    } as const;
    const m = ok(base(), {
      type: 'add-entry',
      target: { level: 'entity', collection: 'Things', name: 'S1' },
      entry,
    });
    expect(m.things['S1']?.permissions.runtime.at(-1)).toEqual({
      kind: 'ServiceInvoke',
      resource: '*',
      principal: { type: 'group', name: 'Analysts' },
      allow: true,
    });
    expect(
      error(m, {
        type: 'add-entry',
        target: { level: 'entity', collection: 'Things', name: 'S1' },
        entry,
      }).code,
    ).toBe('duplicate');
    const back = ok(m, {
      type: 'remove-entry',
      target: { level: 'entity', collection: 'Things', name: 'S1' },
      entry,
    });
    expect(back).toEqual(base());
    expect(
      error(base(), {
        type: 'remove-entry',
        target: { level: 'instance', template: 'SensorTemplate' },
        entry,
      }).code,
    ).toBe('not-found');
    // §1.9: a shape has no own run-time permissions.
    const withShape = ok(base(), { type: 'add-shape', name: 'Sh' });
    expect(
      error(withShape, {
        type: 'add-entry',
        target: { level: 'entity', collection: 'ThingShapes', name: 'Sh' },
        entry,
      }).code,
    ).toBe('invalid');
    const shaped = ok(withShape, {
      type: 'add-entry',
      target: { level: 'shape', shape: 'Sh' },
      entry,
    });
    expect(shaped.shapes['Sh']?.instance.runtime).toHaveLength(1);
  });

  it('removing a unit removes its subtree and the visibility entries naming it', () => {
    const m = ok(base(), { type: 'remove-unit', org: 'Plant', name: 'LineA' });
    expect(Object.keys(m.organizations['Plant']?.units ?? {})).toEqual(['Plant']);
    expect(m.organizations['Plant']?.units['Plant']?.children).toEqual([]);
    expect(m.templates['SensorTemplate']?.instance.visibility).toEqual([]);
  });

  it('renaming a Thing updates saved requests; removing a template re-points its Things to its base', () => {
    const m = ok(base(), { type: 'rename-thing', name: 'S1', to: 'Sensor 1' });
    expect(m.requests[0]?.call).toBe('GET /Thingworx/Things/Sensor%201/Properties/temperature');
    const n = ok(base(), { type: 'remove-template', name: 'SensorTemplate' });
    expect(n.things['S1']?.template).toBe('GenericThing');
  });

  it('set-factory switches the built-in Everyone settings (§3.5)', () => {
    const m = ok(base(), {
      type: 'set-factory',
      factory: { usersInEveryone: false, everyoneSeesCollections: false },
    });
    expect(m.organizations['Everyone']?.units['Everyone']?.members).toEqual([]);
    expect(m.collections.Things).toBeUndefined();
    expect(m.requests[0]?.line).toBe(base().requests[0]?.line);
  });

  it('every edited model still round-trips through the file format', () => {
    const edits: ModelEdit[] = [
      { type: 'add-user', name: 'carol', groups: ['Analysts'] },
      { type: 'set-user-flags', name: 'carol', locked: true },
      { type: 'add-membership', member: { type: 'group', name: 'Analysts' }, group: 'Designers' },
      { type: 'add-organization', name: 'Site' },
      { type: 'add-unit', org: 'Site', parent: 'Site', name: 'North' },
      {
        type: 'add-unit-member',
        org: 'Site',
        unit: 'North',
        member: { type: 'user', name: 'carol' },
      },
      { type: 'add-template', name: 'Derived', base: 'SensorTemplate' },
      { type: 'add-thing', name: 'D1', template: 'Derived', owner: 'bob' },
      {
        type: 'add-characteristic',
        collection: 'Things',
        entity: 'D1',
        kind: 'service',
        name: 'Reset',
      },
      {
        type: 'add-entry',
        target: { level: 'entity', collection: 'Things', name: 'D1' },
        entry: { family: 'visibility', principal: { type: 'unit', org: 'Site', unit: 'North' } },
      },
      {
        type: 'add-entry',
        target: { level: 'collection', collection: 'Mashups' },
        entry: {
          family: 'designtime',
          kind: 'Create',
          principal: { type: 'user', name: 'carol' },
          allow: false,
        },
      },
      {
        type: 'add-app-key',
        name: 'k2',
        user: 'carol',
        expires: '2030-01-01T00:00:00Z',
        ipAllowlist: ['10.0.0.0/8'],
      },
    ];
    let m = base();
    for (const e of edits) m = ok(m, e);
    const strip = (x: Model) => ({ ...x, requests: x.requests.map(({ line: _line, ...r }) => r) });
    const again = loadModel(modelToText(m, 'yaml'), 'again.yaml');
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    expect(strip(again.model)).toEqual(strip(m));
  });

  it('no edit writes into its (frozen) input', () => {
    const deepFreeze = <T>(o: T): T => {
      if (o && typeof o === 'object' && !Object.isFrozen(o)) {
        Object.freeze(o);
        for (const v of Object.values(o)) deepFreeze(v);
      }
      return o;
    };
    const frozen = deepFreeze(base());
    const user = { type: 'user', name: 'alice' } as const;
    const edits: ModelEdit[] = [
      { type: 'add-user', name: 'x', groups: ['Ops'] },
      { type: 'set-user-flags', name: 'alice', enabled: false },
      { type: 'add-membership', member: user, group: 'Analysts' },
      { type: 'add-membership', member: { type: 'group', name: 'Ops' }, group: 'Designers' },
      { type: 'remove-membership', member: user, group: 'Ops' },
      { type: 'remove-membership', member: { type: 'group', name: 'Analysts' }, group: 'Ops' },
      { type: 'add-unit', org: 'Plant', parent: 'Cell1', name: 'Cell2' },
      { type: 'add-unit-member', org: 'Plant', unit: 'Cell1', member: user },
      { type: 'remove-unit-member', org: 'Plant', unit: 'LineA', member: user },
      {
        type: 'add-characteristic',
        collection: 'ThingTemplates',
        entity: 'SensorTemplate',
        kind: 'event',
        name: 'Alarm',
      },
      {
        type: 'add-entry',
        target: { level: 'instance', template: 'SensorTemplate' },
        entry: { family: 'visibility', principal: { type: 'org', org: 'Plant' } },
      },
      {
        type: 'remove-entry',
        target: { level: 'entity', collection: 'Things', name: 'S1' },
        entry: {
          family: 'runtime',
          kind: 'PropertyRead',
          resource: 'temperature',
          principal: user,
          allow: false,
        },
      },
      {
        type: 'add-entry',
        target: { level: 'entity', collection: 'Resources', name: 'CurrentSessionInfo' },
        entry: { family: 'designtime', kind: 'Read', principal: user, allow: true },
      },
      { type: 'set-owner', collection: 'Things', name: 'S1', owner: null },
      { type: 'add-app-key', name: 'k9', user: 'bob' },
      { type: 'remove-app-key', name: 'k1' },
      { type: 'set-semantics', semantics: { precedence: 'global-deny' } },
      { type: 'set-factory', factory: { usersInEveryone: false } },
      { type: 'rename-user', name: 'bob', to: 'robert' },
      { type: 'remove-unit', org: 'Plant', name: 'Cell1' },
      { type: 'rename-shape', name: 'Nope', to: 'X' },
    ];
    for (const e of edits) {
      const r = applyEdit(frozen, e);
      if (!r.ok) expect(r.error.code, `${e.type}: ${r.error.message}`).not.toBe('internal');
    }
    expect(applyEdit(frozen, { type: 'add-membership', member: user, group: 'Analysts' }).ok).toBe(
      true,
    );
  });

  it('bad edits are data, not exceptions', () => {
    expect(applyEdit(base(), { type: 'nope' } as unknown as ModelEdit).ok).toBe(false);
    expect(applyEdit(base(), null as unknown as ModelEdit).ok).toBe(false);
    expect(
      applyEdit(base(), {
        type: 'add-entry',
        target: { level: 'collection', collection: 'Thingz' },
        entry: { family: 'visibility', principal: { type: 'org', org: 'Plant' } },
      }).ok,
    ).toBe(false);
  });
});
