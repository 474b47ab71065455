import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../shared/apps/load';
import type { LoadResult, ModelIssue } from '../../../shared/apps/load';

const errorsOf = (r: LoadResult): ModelIssue[] => {
  if (r.ok) throw new Error('expected errors, model loaded');
  return r.errors;
};
const loc = (i: ModelIssue) => `${i.line}:${i.column} ${i.message}`;

const SUPPORT_THREAD = `permsim: 1
name: Sensor data stream after a role change
users:
  alice: { groups: [DataAnalysts] }
  bob:   { groups: [Operators] }
  carol: { groups: [Operators], locked: true }
groups:
  Operators: {}
  DataAnalysts: { memberOf: [Operators] }
organizations:
  Plant:
    root: Plant
    units:
      Plant: { members: [group:Operators], children: [LineA, LineB] }
      LineA: { members: [user:alice] }
      LineB: {}
shapes:
  SensorShape:
    properties: [temperature]
    instance:
      runtime:
        - { allow: PropertyRead, principal: group:Operators }
templates:
  SensorTemplate:
    base: GenericThing
    shapes: [SensorShape]
    properties: [humidity]
    services: [GetDataStream]
    permissions:
      runtime:
        - { allow: ServiceInvoke, principal: group:DataAnalysts }
    instance:
      visibility: [unit:Plant:Plant]
      runtime:
        - { allow: [PropertyRead, ServiceInvoke], principal: group:Operators }
things:
  SensorDataStream:
    template: SensorTemplate
    owner: Administrator
    permissions:
      runtime:
        - { deny: ServiceInvoke, resource: GetDataStream, principal: group:DataAnalysts }
collections:
  Things:
    designtime:
      - { allow: Read, principal: group:Operators }
appKeys:
  analyst-key: { user: alice, expires: 2026-12-31T00:00:00Z, ipAllowlist: [10.1.0.0/16] }
requests:
  - as: alice
    call: GET /Thingworx/Things/SensorDataStream/Properties/temperature
    expect: 200
  - as: carol
    call: GET /Thingworx/Things/SensorDataStream/Properties/temperature
    expect: { status: 401 }
`;

describe('loadModel: the support-thread example of model-format.md', () => {
  it('loads and compiles every section', () => {
    const r = loadModel(SUPPORT_THREAD, 'sensor.yaml');
    if (!r.ok) throw new Error(r.errors.map(loc).join('\n'));
    const m = r.model;
    expect(m.name).toBe('Sensor data stream after a role change');
    expect(m.users['alice']?.groups).toEqual(['DataAnalysts', 'Users']);
    expect(m.users['carol']?.locked).toBe(true);
    expect(m.groups['DataAnalysts']?.memberOf).toEqual(['Operators']);
    expect(m.organizations['Plant']?.units['LineA']).toEqual({
      name: 'LineA',
      parent: 'Plant',
      children: [],
      members: [{ type: 'user', name: 'alice' }],
    });
    expect(m.templates['SensorTemplate']?.instance.runtime).toEqual([
      {
        kind: 'PropertyRead',
        resource: '*',
        principal: { type: 'group', name: 'Operators' },
        allow: true,
      },
      {
        kind: 'ServiceInvoke',
        resource: '*',
        principal: { type: 'group', name: 'Operators' },
        allow: true,
      },
    ]);
    expect(m.things['SensorDataStream']?.permissions.runtime).toEqual([
      {
        kind: 'ServiceInvoke',
        resource: 'GetDataStream',
        principal: { type: 'group', name: 'DataAnalysts' },
        allow: false,
      },
    ]);
    expect(m.collections.Things?.designtime).toEqual([
      { kind: 'Read', principal: { type: 'group', name: 'Operators' }, allow: true },
    ]);
    expect(m.appKeys['analyst-key']).toEqual({
      name: 'analyst-key',
      user: 'alice',
      expires: '2026-12-31T00:00:00Z',
      ipAllowlist: ['10.1.0.0/16'],
    });
    expect(m.requests).toEqual([
      {
        as: 'alice',
        call: 'GET /Thingworx/Things/SensorDataStream/Properties/temperature',
        expect: { status: 200 },
        line: 50,
      },
      {
        as: 'carol',
        call: 'GET /Thingworx/Things/SensorDataStream/Properties/temperature',
        expect: { status: 401 },
        line: 53,
      },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('accepts the same model as JSON', () => {
    const json = JSON.stringify(
      { permsim: 1, users: { alice: { groups: ['Ops'] } }, groups: { Ops: {} } },
      null,
      2,
    );
    const r = loadModel(json, 'm.json');
    expect(r.ok && r.model.users['alice']?.groups).toEqual(['Ops', 'Users']);
  });
});

describe('loadModel: errors point at file:line:column', () => {
  it('unknown top-level key with did-you-mean', () => {
    const errs = errorsOf(loadModel('permsim: 1\nuserz: {}\n', 'm.yaml'));
    expect(errs.map(loc)).toEqual(["2:1 unknown top-level key 'userz'; did you mean 'users'?"]);
    expect(errs[0]?.file).toBe('m.yaml');
    expect(errs[0]?.path).toBe('userz');
  });

  it('unknown principal with did-you-mean', () => {
    const text =
      'permsim: 1\ngroups: { Operators: {} }\nthings:\n  T1:\n    permissions:\n      runtime:\n        - { allow: PropertyRead, principal: group:Operatros }\n';
    expect(errorsOf(loadModel(text, 'm.yaml')).map(loc)).toEqual([
      '7:45 `group:Operatros` is not declared; did you mean `group:Operators`?',
    ]);
  });

  it('YAML duplicate keys are errors', () => {
    expect(
      errorsOf(loadModel('permsim: 1\nusers:\n  a: {}\n  a: {}\n', 'm.yaml')).map(loc),
    ).toEqual(["4:3 YAML syntax: duplicate key 'a' (each key may appear once in a mapping)"]);
  });

  it('never throws, whatever the input', () => {
    for (const text of ['', '[1, 2]', 'permsim: 2', '{', ': :', 'permsim: 1\nusers: 3', '\t- x']) {
      const r = loadModel(text, 'x.yaml');
      expect(r.ok).toBe(false);
    }
  });
});

describe('compiled records', () => {
  it('builds Things and users with the same keys, in the same order, whatever the file writes', () => {
    const r = loadModel(
      [
        'permsim: 1',
        'users:',
        '  alice: { password: pw, locked: true }',
        '  bob: {}',
        'things:',
        '  Plain: {}',
        '  Owned: { owner: alice, enabled: false }',
        '  Typed: { properties: [{ name: t, baseType: NUMBER, defaultValue: 2 }], owner: bob }',
        '  Entries:',
        '    permissions:',
        '      runtime:',
        '        - { allow: [PropertyRead, ServiceInvoke], principal: user:alice }',
        '        - { deny: PropertyWrite, resource: t, principal: group:Users }',
        '      designtime: [{ allow: Read, principal: user:bob }]',
        '      visibility: [org:Everyone]',
        '',
      ].join('\n'),
      'm.yaml',
    );
    if (!r.ok) throw new Error(r.errors.map(loc).join('\n'));
    const keys = (o: object | undefined) => Object.keys(o ?? {}).join(',');
    const base = 'name,template,shapes,properties,services,events';
    expect(keys(r.model.things['Plain'])).toBe(`${base},enabled,permissions`);
    expect(keys(r.model.things['Owned'])).toBe(`${base},enabled,permissions,owner`);
    expect(keys(r.model.things['Typed'])).toBe(`${base},propertyData,enabled,permissions,owner`);
    expect(r.model.things['Owned']).toMatchObject({ enabled: false, owner: 'alice' });
    expect(r.model.things['Typed']?.propertyData).toEqual({
      t: { baseType: 'NUMBER', defaultValue: 2 },
    });
    expect(r.model.things['Entries']?.permissions).toEqual({
      runtime: [
        {
          kind: 'PropertyRead',
          resource: '*',
          principal: { type: 'user', name: 'alice' },
          allow: true,
        },
        {
          kind: 'ServiceInvoke',
          resource: '*',
          principal: { type: 'user', name: 'alice' },
          allow: true,
        },
        {
          kind: 'PropertyWrite',
          resource: 't',
          principal: { type: 'group', name: 'Users' },
          allow: false,
        },
      ],
      designtime: [{ kind: 'Read', principal: { type: 'user', name: 'bob' }, allow: true }],
      visibility: [{ type: 'org', org: 'Everyone' }],
    });
    expect(keys(r.model.users['alice'])).toBe('name,enabled,locked,groups,password');
    expect(keys(r.model.users['bob'])).toBe('name,enabled,locked,groups');
    expect(keys(r.model.users['Administrator'])).toBe('name,enabled,locked,groups,builtin');
  });

  it('reports an entry with both allow and deny, or neither, at the entry', () => {
    const r = loadModel(
      [
        'permsim: 1',
        'things:',
        '  T:',
        '    permissions:',
        '      runtime:',
        '        - { allow: PropertyRead, deny: PropertyRead, principal: group:Users }',
        '        - { principal: group:Users }',
        '',
      ].join('\n'),
      'm.yaml',
    );
    expect(errorsOf(r).map(loc)).toEqual([
      "6:11 an entry has either 'allow' or 'deny', not both; write two entries",
      "7:11 an entry needs 'allow: <kind or [kinds]>' or 'deny: <kind or [kinds]>'",
    ]);
  });
});
