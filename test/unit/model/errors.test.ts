import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../shared/apps/load';

/** Loads `lines` (joined by newlines) and returns `line:column message` of each error. */
function errors(...lines: string[]): string[] {
  const r = loadModel(`${lines.join('\n')}\n`, 'm.yaml');
  if (r.ok) throw new Error('expected errors, the model loaded');
  return r.errors.map(e => `${e.line}:${e.column} ${e.message}`);
}
function warnings(...lines: string[]): string[] {
  const r = loadModel(`${lines.join('\n')}\n`, 'm.yaml');
  if (!r.ok) throw new Error(r.errors.map(e => `${e.line}:${e.column} ${e.message}`).join('\n'));
  return r.warnings.map(e => `${e.line}:${e.column} ${e.message}`);
}

describe('model file errors, each at file:line:column', () => {
  it('syntax error', () => {
    expect(errors('permsim: 1', 'users: [a, b')).toEqual([
      '3:1 YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('JSON syntax error and JSON positions', () => {
    const r = loadModel('{\n  "permsim": 1,\n  "userz": {}\n}\n', 'm.json');
    expect(r.ok ? [] : r.errors.map(e => `${e.line}:${e.column} ${e.message}`)).toEqual([
      "3:3 unknown top-level key 'userz'; did you mean 'users'?",
    ]);
    const bad = loadModel('{ "permsim": 1, ', 'm.json');
    expect(bad.ok ? '' : bad.errors[0]?.message).toMatch(/^JSON syntax: /);
  });

  it('missing or wrong format version', () => {
    expect(errors('users: {}')).toEqual([
      "1:1 missing 'permsim: 1' (the format version) at the top of the file",
    ]);
    expect(errors('permsim: 2')).toEqual(["1:10 expected 'permsim: 1' (the format version)"]);
  });

  it('unknown nested key with did-you-mean', () => {
    expect(errors('permsim: 1', 'users:', '  alice: { grups: [Users] }')).toEqual([
      "3:12 unknown key 'grups'; did you mean 'groups'?",
    ]);
  });

  it('misspelt run-time and design-time kinds with did-you-mean', () => {
    expect(
      errors(
        'permsim: 1',
        'things:',
        '  T1:',
        '    permissions:',
        '      runtime:',
        '        - { allow: [PropertyRead, ServiceInvokee], principal: group:Users }',
      ),
    ).toEqual([
      "6:35 'ServiceInvokee' is not a run-time permission kind; did you mean 'ServiceInvoke'?",
    ]);
    expect(
      errors(
        'permsim: 1',
        'collections:',
        '  Things:',
        '    designtime:',
        '      - { deny: Delet, principal: group:Users }',
      ),
    ).toEqual(["5:17 'Delet' is not a design-time permission kind; did you mean 'Delete'?"]);
  });

  it('an entry with both or neither of allow/deny', () => {
    expect(
      errors(
        'permsim: 1',
        'things:',
        '  T1:',
        '    permissions:',
        '      runtime:',
        '        - { allow: PropertyRead, deny: PropertyRead, principal: group:Users }',
      ),
    ).toEqual(["6:11 an entry has either 'allow' or 'deny', not both; write two entries"]);
    expect(
      errors(
        'permsim: 1',
        'things:',
        '  T1:',
        '    permissions:',
        '      runtime:',
        '        - { principal: group:Users }',
      ),
    ).toEqual(["6:11 an entry needs 'allow: <kind or [kinds]>' or 'deny: <kind or [kinds]>'"]);
  });

  it('malformed principal', () => {
    expect(
      errors(
        'permsim: 1',
        'things:',
        '  T1:',
        '    permissions:',
        '      runtime:',
        '        - { allow: PropertyRead, principal: Operators }',
      ),
    ).toEqual(["6:45 expected a principal 'user:<name>' or 'group:<name>'"]);
  });

  it('unknown principal with did-you-mean, also across types', () => {
    expect(
      errors(
        'permsim: 1',
        'users: { alice: {} }',
        'groups: { Operators: {} }',
        'things:',
        '  T1:',
        '    permissions:',
        '      runtime:',
        '        - { allow: PropertyRead, principal: group:Operatros }',
        '        - { allow: PropertyRead, principal: user:Operators }',
      ),
    ).toEqual([
      '8:45 `group:Operatros` is not declared; did you mean `group:Operators`?',
      '9:45 `user:Operators` is not declared; did you mean `group:Operators`?',
    ]);
  });

  it('unknown group in a user and in memberOf', () => {
    expect(
      errors(
        'permsim: 1',
        'users:',
        '  alice: { groups: [Operatros] }',
        'groups:',
        '  Operators: { memberOf: [Admins] }',
      ),
    ).toEqual([
      "3:21 group 'Operatros' is not declared; did you mean 'Operators'?",
      "5:27 group 'Admins' is not declared",
    ]);
  });

  it('group cycle naming the groups in order', () => {
    expect(
      errors(
        'permsim: 1',
        'groups:',
        '  A: { memberOf: [B] }',
        '  B: { memberOf: [C] }',
        '  C: { memberOf: [A] }',
      ),
    ).toEqual(['3:18 group cycle: A -> B -> C -> A']);
  });

  it('template chain loop naming the templates, unknown base, template and shape', () => {
    expect(errors('permsim: 1', 'templates:', '  A: { base: B }', '  B: { base: A }')).toEqual([
      '3:14 template chain loop: A -> B -> A',
    ]);
    expect(
      errors(
        'permsim: 1',
        'shapes: { SensorShape: {} }',
        'templates:',
        '  T: { base: GenericThin, shapes: [SensorShap] }',
        'things:',
        '  X: { template: Tt }',
      ),
    ).toEqual([
      "4:14 base template 'GenericThin' is not declared; did you mean 'GenericThing'?",
      "4:36 shape 'SensorShap' is not declared; did you mean 'SensorShape'?",
      "6:18 template 'Tt' is not declared; did you mean 'T'?",
    ]);
  });

  it('built-in root template has no base', () => {
    expect(errors('permsim: 1', 'templates:', '  GenericThing: { base: Other }')).toEqual([
      "3:25 'GenericThing' is the root template and has no base",
    ]);
  });

  it('unit tree problems: unknown child, two parents, unreachable from root, root as child', () => {
    expect(
      errors(
        'permsim: 1',
        'organizations:',
        '  Plant:',
        '    root: Plant',
        '    units:',
        '      Plant: { children: [LineA, LineB, LinC] }',
        '      LineA: { children: [Cell] }',
        '      LineB: { children: [Cell, Plant] }',
        '      Cell: {}',
        '      Orphan: {}',
      ),
    ).toEqual([
      "6:41 unit 'LinC' is not a unit of organization 'Plant'; did you mean 'LineA'?; declare it under units",
      "8:27 unit 'Cell' has two parents: 'LineA' and 'LineB'; a unit has exactly one parent (§4.2)",
      "8:33 the root unit 'Plant' cannot be a child of 'LineB'",
      "10:7 unit 'Orphan' is not reachable from the root unit 'Plant' of organization 'Plant'; list it under the children of a unit",
    ]);
  });

  it('unknown organization or unit in visibility', () => {
    expect(
      errors(
        'permsim: 1',
        'organizations: { Plant: { root: Plant } }',
        'things:',
        '  T1:',
        '    permissions:',
        '      visibility: [org:Plnt, unit:Plant:LineA]',
      ),
    ).toEqual([
      "6:20 organization 'Plnt' is not declared; did you mean 'Plant'?",
      "6:30 organization 'Plant' has no unit 'LineA'",
    ]);
  });

  it('app key for an unknown user, bad date, bad IP/CIDR', () => {
    expect(
      errors('permsim: 1', 'users: { alice: {} }', 'appKeys:', '  k: { user: alise }'),
    ).toEqual(["4:14 application key user 'alise' is not a declared user; did you mean 'alice'?"]);
    expect(
      errors(
        'permsim: 1',
        'users: { alice: {} }',
        'appKeys:',
        '  k: { user: alice, expires: 2026-02-30T00:00:00Z, ipAllowlist: [10.0.0.0/33, 300.1.1.1] }',
      ),
    ).toEqual([
      '4:30 expected an ISO-8601 date-time such as 2026-12-31T00:00:00Z',
      '4:66 expected an IP address or an IPv4 CIDR block such as 10.1.0.0/16',
      '4:79 expected an IP address or an IPv4 CIDR block such as 10.1.0.0/16',
    ]);
  });

  it('unknown owner', () => {
    expect(
      errors('permsim: 1', 'users: { alice: {} }', 'things:', '  T1: { owner: alicee }'),
    ).toEqual(["4:16 owner 'alicee' is not a declared user; did you mean 'alice'?"]);
  });

  it('duplicate keys (a name declared twice in one kind)', () => {
    expect(errors('permsim: 1', 'things:', '  T1: {}', '  T1: {}')).toEqual([
      "4:3 YAML syntax: duplicate key 'T1' (each key may appear once in a mapping)",
    ]);
  });

  it('duplicate keys in JSON too (JSON.parse would keep the last silently)', () => {
    const r = loadModel(
      '{\n  "permsim": 1,\n  "users": {\n    "a": {},\n    "a": { "locked": true }\n  }\n}\n',
      'm.json',
    );
    expect(r.ok ? [] : r.errors.map(e => `${e.line}:${e.column} ${e.message}`)).toEqual([
      "5:5 JSON syntax: duplicate key 'a' (each key may appear once in a mapping)",
    ]);
  });

  it('duplicate equipment in one context', () => {
    expect(
      errors(
        'permsim: 1',
        'apps:',
        '  contexts:',
        '    C:',
        '      equipment:',
        '        Site1: { type: Site, children: { Press: { type: Asset } } }',
        '        Press: { type: Asset }',
      ),
    ).toEqual(["7:9 equipment 'Press' appears twice in context 'C' (under 'Site1' and '(root)')"]);
  });

  it('malformed grants and requests', () => {
    expect(
      errors(
        'permsim: 1',
        'apps:',
        '  grants:',
        '    - { principal: group:Users, permission: Read }',
      ),
    ).toEqual([
      "4:7 a grant needs exactly one of 'entities: [{ name, type }]' (grant) or 'context: <name>' (propagation)",
    ]);
    expect(
      errors(
        'permsim: 1',
        'requests:',
        '  - { as: Administrator, noAuth: true, call: GET /Thingworx/Things }',
      ),
    ).toEqual([
      '3:5 a request authenticates one way: as and noAuth given; keep one of as, appKey, noAuth',
    ]);
    expect(
      errors('permsim: 1', 'requests:', '  - { as: Administrator, call: /Thingworx/Things }'),
    ).toEqual(["3:32 expected 'METHOD /path', e.g. 'GET /Thingworx/Things/T1/Properties/p'"]);
  });

  it('wrong value types', () => {
    expect(errors('permsim: 1', 'users:', '  alice: { groups: Operators, locked: yes }')).toEqual([
      "3:20 expected a list, got the text 'Operators'",
      "3:39 expected true or false, got the text 'yes'",
    ]);
  });
});

describe('model file warnings (the model still loads)', () => {
  it('a run-time entry on a characteristic the entity does not have', () => {
    expect(
      warnings(
        'permsim: 1',
        'templates: { T: { properties: [temperature] } }',
        'things:',
        '  X:',
        '    template: T',
        '    permissions:',
        '      runtime:',
        '        - { deny: PropertyRead, resource: temprature, principal: group:Users }',
      ),
    ).toEqual([
      "8:43 'temprature' is not a property, service or event of Thing 'X'; did you mean 'temperature'?",
    ]);
  });

  it('a saved request for an unknown user (the simulator answers 401)', () => {
    expect(
      warnings('permsim: 1', 'requests:', '  - { as: nobody, call: GET /Thingworx/Things }'),
    ).toEqual(["3:11 user 'nobody' is not declared (the simulator answers 401)"]);
  });
});
