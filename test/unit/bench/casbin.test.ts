import { describe, expect, it } from 'vitest';
import { casbinComparable, casbinPeerSemantics, createCasbinPeer } from '../../../bench/casbin';
import { sampleRuntimeCells } from '../../../bench/cells';
import { generateModel } from '../../../bench/generator';
import { createRng } from '../../../bench/rng';
import { createReferenceDecider } from '../../../shared/engine/reference';
import { builtinModel } from '../../../shared/model/builtins';
import type { Model, RuntimeEntry } from '../../../shared/model/types';
import { emptyPermissionSet } from '../../../shared/model/types';

const entry = (
  kind: RuntimeEntry['kind'],
  group: string,
  allow: boolean,
  resource = '*',
): RuntimeEntry => ({
  kind,
  resource,
  principal: { type: 'group', name: group },
  allow,
});

/** bob ∈ Analysts ⊂ Operators; SensorDataStream implements SensorTemplate (base GenericThing). */
function smallModel(): Model {
  const m = builtinModel({ usersInEveryone: false, everyoneSeesCollections: false }, 'casbin-test');
  m.groups['Operators'] = { name: 'Operators', memberOf: [] };
  m.groups['Analysts'] = { name: 'Analysts', memberOf: ['Operators'] };
  m.users['bob'] = { name: 'bob', enabled: true, locked: false, groups: ['Analysts', 'Users'] };
  m.users['root'] = {
    name: 'root',
    enabled: true,
    locked: false,
    groups: ['Administrators', 'Users'],
  };
  m.templates['SensorTemplate'] = {
    name: 'SensorTemplate',
    base: 'GenericThing',
    shapes: [],
    properties: ['temperature'],
    services: ['GetDataStream'],
    events: [],
    permissions: emptyPermissionSet(),
    instance: { ...emptyPermissionSet(), runtime: [entry('PropertyRead', 'Operators', true)] },
  };
  m.things['SensorDataStream'] = {
    name: 'SensorDataStream',
    template: 'SensorTemplate',
    shapes: [],
    properties: [],
    services: [],
    events: [],
    enabled: true,
    permissions: emptyPermissionSet(),
  };
  return m;
}

describe('node-casbin peer (performance.md §1.7)', () => {
  it('inherits a template-instance allow through nested groups (§2.3, §2.11)', async () => {
    const peer = await createCasbinPeer(smallModel());
    expect(peer.check('bob', 'SensorDataStream', 'PropertyRead')).toBe(true);
    expect(peer.check('bob', 'SensorDataStream', 'PropertyWrite')).toBe(false); // default deny (§1.7)
  });

  it('lets a deny anywhere win, as the global-deny option does (§1.8, §9.6)', async () => {
    const m = smallModel();
    m.things['SensorDataStream']?.permissions.runtime.push(
      entry('PropertyRead', 'Operators', true),
    );
    m.collections.Things = {
      ...emptyPermissionSet(),
      runtime: [entry('PropertyRead', 'Analysts', false)],
    };
    const peer = await createCasbinPeer(m);
    expect(peer.check('bob', 'SensorDataStream', 'PropertyRead')).toBe(false);
    // The reference evaluator under the same option agrees.
    const reference = createReferenceDecider(casbinPeerSemantics(m));
    expect(
      reference.runtime(
        'bob',
        { collection: 'Things', name: 'SensorDataStream' },
        { kind: 'PropertyRead', resource: 'temperature' },
      ).allowed,
    ).toBe(false);
  });

  it('keeps administrators, owners, member overrides and shape entries out of its subset', () => {
    const m = smallModel();
    expect(casbinComparable(m, 'bob', 'SensorDataStream', 'PropertyRead', 'temperature')).toBe(
      true,
    );
    expect(casbinComparable(m, 'root', 'SensorDataStream', 'PropertyRead', 'temperature')).toBe(
      false,
    );
    const owned = smallModel();
    (owned.things['SensorDataStream'] as Model['things'][string]).owner = 'bob';
    expect(casbinComparable(owned, 'bob', 'SensorDataStream', 'PropertyRead', 'temperature')).toBe(
      false,
    );
    const overridden = smallModel();
    overridden.templates['SensorTemplate']?.instance.runtime.push(
      entry('PropertyRead', 'Operators', false, 'temperature'),
    );
    expect(
      casbinComparable(overridden, 'bob', 'SensorDataStream', 'PropertyRead', 'temperature'),
    ).toBe(false);
    expect(
      casbinComparable(overridden, 'bob', 'SensorDataStream', 'PropertyWrite', 'temperature'),
    ).toBe(true);
  });

  it('agrees with the reference evaluator on generated cells of its subset', async () => {
    const model = casbinPeerSemantics(generateModel('S', 11));
    const peer = await createCasbinPeer(model);
    const reference = createReferenceDecider(model);
    const cells = sampleRuntimeCells(model, createRng(5), 150, c =>
      casbinComparable(model, c.user, c.thing, c.check.kind, c.check.resource),
    );
    const verdicts = cells.map(c => [
      peer.check(c.user, c.thing, c.check.kind),
      reference.runtime(c.user, c.target, c.check).allowed,
    ]);
    expect(verdicts.filter(([a, b]) => a !== b)).toEqual([]);
    // Both answers occur, so the comparison is not vacuous.
    expect(new Set(verdicts.map(([a]) => a)).size).toBe(2);
  });
});
