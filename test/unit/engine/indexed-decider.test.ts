import { describe, expect, it } from 'vitest';
import { createIndexedDecider } from '../../../shared/engine/indexed';
import { emptyPermissionSet } from '../../../shared/model/types';
import type { Model, Semantics } from '../../../shared/model/types';
import { baselineB, dt, rt } from '../../property/model-builder';

const SDS = { collection: 'Things', name: 'SensorDataStream' };
const read = (resource: string) => ({ kind: 'PropertyRead' as const, resource });
const invoke = (resource: string) => ({ kind: 'ServiceInvoke' as const, resource });

function thingEntries(m: Model) {
  return m.things.SensorDataStream!.permissions.runtime;
}
function instanceEntries(m: Model) {
  return m.templates.SensorTemplate!.instance.runtime;
}

describe('indexed decider: run-time check (§9.6)', () => {
  it('denies by default when no entry names the user (§10.1, §1.7)', () => {
    const v = createIndexedDecider(baselineB()).runtime('bob', SDS, read('temperature'));
    expect(v).toEqual({
      allowed: false,
      reason: 'default-deny',
      decided: [],
      lost: [],
      options: [],
    });
  });

  it('pools user and group entries at one level and lets the deny win (§10.2, §2.8, §2.11)', () => {
    const m = baselineB();
    m.users.eve = { name: 'eve', enabled: true, locked: false, groups: ['Staff', 'Operators'] };
    thingEntries(m).push(
      rt('PropertyRead', '*', 'group', 'Operators', true),
      rt('PropertyRead', '*', 'user', 'bob', false),
    );
    const d = createIndexedDecider(m);
    const bob = d.runtime('bob', SDS, read('temperature'));
    expect(bob.allowed).toBe(false);
    expect(bob.reason).toBe('entries');
    expect(bob.at).toEqual({ level: 'entity', entity: 'SensorDataStream', collection: 'Things' });
    expect(bob.resource).toBe('*');
    expect(bob.decided.map(e => e.principal.name)).toEqual(['bob']);
    expect(bob.lost.map(e => e.principal.name)).toEqual(['Operators']);
    expect(d.runtime('eve', SDS, read('temperature')).allowed).toBe(true);
  });

  it('lets the entity level decide before a template-instance deny, unless global-deny (§10.3, §2.10)', () => {
    const build = (precedence: Semantics['precedence']) => {
      const m = baselineB({ precedence });
      instanceEntries(m).push(rt('PropertyRead', '*', 'group', 'Operators', false));
      thingEntries(m).push(rt('PropertyRead', '*', 'group', 'Operators', true));
      return createIndexedDecider(m).runtime('bob', SDS, read('temperature'));
    };
    const level = build('level');
    expect(level.allowed).toBe(true);
    expect(level.options).toContain('precedence');
    expect(level.lost).toEqual([
      {
        ...rt('PropertyRead', '*', 'group', 'Operators', false),
        at: { level: 'instance', template: 'SensorTemplate' },
      },
    ]);
    const global = build('global-deny');
    expect(global.allowed).toBe(false);
    expect(global.reason).toBe('global-deny');
    expect(global.at).toEqual({ level: 'instance', template: 'SensorTemplate' });
    expect(global.options).toContain('precedence');
  });

  it('adds up grants made at different levels for different services (§10.4, §2.8)', () => {
    const m = baselineB();
    instanceEntries(m).push(rt('ServiceInvoke', 'GetDataStream', 'group', 'Operators', true));
    thingEntries(m).push(rt('ServiceInvoke', 'Recalibrate', 'group', 'Operators', true));
    const d = createIndexedDecider(m);
    expect(d.runtime('bob', SDS, invoke('GetDataStream')).at).toEqual({
      level: 'instance',
      template: 'SensorTemplate',
    });
    expect(d.runtime('bob', SDS, invoke('Recalibrate')).allowed).toBe(true);
    expect(d.runtime('bob', SDS, invoke('Purge')).reason).toBe('default-deny');
  });

  it("ignores a template's own set for its Things; instance sets apply (§10.5, §2.3)", () => {
    const own = baselineB();
    own.templates.SensorTemplate!.permissions.runtime.push(
      rt('PropertyRead', '*', 'group', 'Operators', true),
    );
    expect(createIndexedDecider(own).runtime('bob', SDS, read('temperature')).allowed).toBe(false);
    const inst = baselineB();
    instanceEntries(inst).push(rt('PropertyRead', '*', 'group', 'Operators', true));
    expect(createIndexedDecider(inst).runtime('bob', SDS, read('temperature')).allowed).toBe(true);
    // The template's own set does govern the template entity itself.
    expect(
      createIndexedDecider(own).runtime(
        'bob',
        { collection: 'ThingTemplates', name: 'SensorTemplate' },
        read('temperature'),
      ).at,
    ).toEqual({
      level: 'template',
      template: 'SensorTemplate',
    });
  });

  it('looks at the specific-resource block before `*` inside a level, levels first (§10.6, §2.9)', () => {
    const m = baselineB();
    thingEntries(m).push(
      rt('ServiceInvoke', '*', 'group', 'Operators', false),
      rt('ServiceInvoke', 'GetDataStream', 'group', 'Operators', true),
    );
    const d = createIndexedDecider(m);
    const get = d.runtime('bob', SDS, invoke('GetDataStream'));
    expect(get).toMatchObject({ allowed: true, resource: 'GetDataStream' });
    expect(get.lost.map(e => e.resource)).toEqual(['*']);
    expect(d.runtime('bob', SDS, invoke('Recalibrate'))).toMatchObject({
      allowed: false,
      resource: '*',
    });

    const variant = baselineB();
    thingEntries(variant).push(rt('ServiceInvoke', '*', 'group', 'Operators', false));
    instanceEntries(variant).push(rt('ServiceInvoke', 'GetDataStream', 'group', 'Operators', true));
    const v = createIndexedDecider(variant).runtime('bob', SDS, invoke('GetDataStream'));
    expect(v).toMatchObject({ allowed: false, resource: '*', at: { level: 'entity' } });
  });

  it('pools entries of transitive groups, nested groups included (§10.9, §2.11)', () => {
    const m = baselineB();
    m.groups.G1 = { name: 'G1', memberOf: [] };
    m.groups.G2 = { name: 'G2', memberOf: ['G1'] };
    m.users.gus = { name: 'gus', enabled: true, locked: false, groups: ['G2', 'Staff'] };
    instanceEntries(m).push(rt('PropertyRead', '*', 'group', 'G1', true));
    expect(createIndexedDecider(m).runtime('gus', SDS, read('temperature')).allowed).toBe(true);
    m.groups.G2 = { name: 'G2', memberOf: [] };
    expect(createIndexedDecider(m).runtime('gus', SDS, read('temperature')).allowed).toBe(false);
  });

  it('orders template-instance levels nearest first and skips base templates when the option is off (§11.3)', () => {
    const build = (baseTemplateInstance: boolean) => {
      const m = baselineB({ baseTemplateInstance });
      m.templates.BaseSensor = {
        ...m.templates.SensorTemplate!,
        name: 'BaseSensor',
        base: 'GenericThing',
        instance: emptyPermissionSet(),
      };
      m.templates.SensorTemplate!.base = 'BaseSensor';
      m.templates.BaseSensor.instance.runtime.push(
        rt('PropertyRead', '*', 'group', 'Operators', true),
      );
      return createIndexedDecider(m).runtime('bob', SDS, read('temperature'));
    };
    const on = build(true);
    expect(on).toMatchObject({
      allowed: true,
      at: { level: 'instance', template: 'BaseSensor' },
      options: ['baseTemplateInstance'],
    });
    expect(build(false)).toMatchObject({
      allowed: false,
      reason: 'default-deny',
      options: ['baseTemplateInstance'],
    });
  });

  it('puts shape instance sets after the templates and before the collection (§2.5, §9.6)', () => {
    const build = (shapeInstance: Semantics['shapeInstance']) => {
      const m = baselineB({ shapeInstance });
      m.shapes.Calibrated = {
        name: 'Calibrated',
        properties: ['offset'],
        services: [],
        events: [],
        permissions: emptyPermissionSet(),
        instance: { runtime: [rt('PropertyRead', '*', 'group', 'Operators', false)] },
      };
      m.things.SensorDataStream!.shapes.push('Calibrated');
      m.collections.Things = {
        runtime: [rt('PropertyRead', '*', 'group', 'Staff', true)],
        designtime: [],
        visibility: [],
      };
      return createIndexedDecider(m).runtime('bob', SDS, read('offset'));
    };
    expect(build('after-templates')).toMatchObject({
      allowed: false,
      at: { level: 'shape', shape: 'Calibrated' },
    });
    expect(build('ignore')).toMatchObject({
      allowed: true,
      at: { level: 'collection', collection: 'Things' },
      options: ['shapeInstance'],
    });
  });
});

describe('indexed decider: design time', () => {
  it('uses entity, template-instance and collection design-time sets, deny winning inside a level', () => {
    const m = baselineB();
    m.collections.Things = {
      runtime: [],
      designtime: [dt('Read', 'group', 'Staff', true)],
      visibility: [],
    };
    const d = createIndexedDecider(m);
    expect(d.designtime('bob', SDS, { kind: 'Read' })).toMatchObject({
      allowed: true,
      at: { level: 'collection', collection: 'Things' },
    });
    expect(d.designtime('bob', SDS, { kind: 'Update' }).reason).toBe('default-deny');
    m.templates.SensorTemplate!.instance.designtime.push(
      dt('Read', 'user', 'bob', false),
      dt('Read', 'group', 'Operators', true),
    );
    const v = createIndexedDecider(m).designtime('bob', SDS, { kind: 'Read' });
    expect(v).toMatchObject({
      allowed: false,
      at: { level: 'instance', template: 'SensorTemplate' },
    });
    expect(v.lost.map(e => e.at.level)).toEqual(['instance', 'collection']);
  });
});

describe('indexed decider: principals and visibility (§9.2, §9.5, §10.8)', () => {
  function plant(direction: Semantics['visibilityDirection'] = 'upward'): Model {
    const m = baselineB({ visibilityDirection: direction });
    m.organizations.Plant = {
      name: 'Plant',
      root: 'Plant',
      units: {
        Plant: {
          name: 'Plant',
          parent: null,
          children: ['LineA', 'LineB'],
          members: [{ type: 'user', name: 'sup' }],
        },
        LineA: {
          name: 'LineA',
          parent: 'Plant',
          children: [],
          members: [{ type: 'user', name: 'anna' }],
        },
        LineB: {
          name: 'LineB',
          parent: 'Plant',
          children: [],
          members: [{ type: 'user', name: 'ben' }],
        },
      },
    };
    for (const u of ['sup', 'anna', 'ben'])
      m.users[u] = { name: u, enabled: true, locked: false, groups: [] };
    const press = (name: string, vis: Model['things'][string]['permissions']['visibility']) => {
      m.things[name] = {
        name,
        template: 'GenericThing',
        shapes: [],
        enabled: true,
        properties: ['pressure'],
        services: [],
        events: [],
        permissions: { runtime: [], designtime: [], visibility: vis },
      };
    };
    press('Press1', [{ type: 'unit', org: 'Plant', unit: 'LineA' }]);
    press('Press2', [{ type: 'unit', org: 'Plant', unit: 'Plant' }]);
    press('Press3', [{ type: 'org', org: 'Plant' }]);
    return m;
  }
  const table = (m: Model) => {
    const d = createIndexedDecider(m);
    return ['Press1', 'Press2', 'Press3'].map(t =>
      ['sup', 'anna', 'ben']
        .map(u => (d.visibility(u, { collection: 'Things', name: t }).visible ? 'V' : '-'))
        .join(''),
    );
  };

  it('reaches ancestor units, not siblings or children, with the default upward direction (§10.8)', () => {
    expect(table(plant())).toEqual(['VV-', 'V--', 'VVV']);
  });

  it('offers the downward and exact readings as options (§4.4, §11.4)', () => {
    expect(table(plant('downward'))).toEqual(['-V-', 'VVV', 'VVV']);
    expect(table(plant('exact'))).toEqual(['-V-', 'V--', 'VVV']);
    const v = createIndexedDecider(plant()).visibility('sup', {
      collection: 'Things',
      name: 'Press1',
    });
    expect(v.options).toEqual(['visibilityDirection']);
    expect(v.decided).toEqual([
      {
        type: 'unit',
        org: 'Plant',
        unit: 'LineA',
        at: { level: 'entity', entity: 'Press1', collection: 'Things' },
      },
    ]);
  });

  it('sees a Thing through the template instance visibility, not the template own one (§10.5 c)', () => {
    const m = baselineB();
    expect(
      createIndexedDecider(m)
        .visibility('bob', SDS)
        .decided.map(v => v.at),
    ).toEqual([{ level: 'instance', template: 'SensorTemplate' }]);
    m.templates.SensorTemplate!.permissions.visibility =
      m.templates.SensorTemplate!.instance.visibility;
    m.templates.SensorTemplate!.instance.visibility = [];
    expect(createIndexedDecider(m).visibility('bob', SDS).visible).toBe(false);
  });

  it('gives each transitive group one shortest path, ties to the smaller name, diamonds once (canonical form)', () => {
    const m = baselineB();
    m.groups.A = { name: 'A', memberOf: ['Top'] };
    m.groups.B = { name: 'B', memberOf: ['Mid', 'Top'] };
    m.groups.Mid = { name: 'Mid', memberOf: ['Top'] };
    m.groups.Top = { name: 'Top', memberOf: [] };
    m.users.dia = { name: 'dia', enabled: true, locked: false, groups: ['B', 'A'] };
    m.organizations.Acme!.units.Acme!.members.push({ type: 'group', name: 'Mid' });
    const p = createIndexedDecider(m).principals('dia');
    expect(p.groups).toEqual([
      { name: 'A', path: ['dia', 'A'] },
      { name: 'B', path: ['dia', 'B'] },
      { name: 'Mid', path: ['dia', 'B', 'Mid'] },
      { name: 'Top', path: ['dia', 'A', 'Top'] },
      { name: 'Users', path: ['dia', 'Users'] },
    ]);
    expect(p.units).toEqual([{ org: 'Acme', unit: 'Acme', via: ['dia', 'B', 'Mid'] }]);
    expect(p.isAdmin).toBe(false);
    expect(createIndexedDecider(m).principals('Administrator').isAdmin).toBe(true);
  });
});
