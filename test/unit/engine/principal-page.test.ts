// A principal's page as a trainer uses it (§2.11 nested groups, §4.7 units through groups, §9.2),
// on the sensor demo: DataAnalysts is nested in Operators, alice is in DataAnalysts and LineA.
import { describe, expect, it } from 'vitest';
import { principalPage } from '../../../shared/engine/principal-page';
import { loadDemoModel } from '../demo-model';

describe('principalPage', () => {
  const m = loadDemoModel();

  it("unrolls a group's members with the path of each (§2.11)", () => {
    const ops = principalPage(m, { type: 'group', name: 'Operators' })!;
    expect(ops.directMembers).toEqual(
      expect.arrayContaining([
        { type: 'group', name: 'DataAnalysts' },
        { type: 'user', name: 'bob' },
      ]),
    );
    expect(ops.directMembers).not.toContainEqual({ type: 'user', name: 'alice' });
    const alice = ops.unrolledMembers.find(x => x.principal.name === 'alice');
    expect(alice?.path).toEqual(['alice', 'DataAnalysts', 'Operators']);
    expect(ops.unrolledMembers.find(x => x.principal.name === 'bob')?.path).toEqual([
      'bob',
      'Operators',
    ]);
  });

  it('lists parent groups and the units a group belongs to, through its parents (§4.7)', () => {
    const da = principalPage(m, { type: 'group', name: 'DataAnalysts' })!;
    expect(da.directGroups).toEqual(['Operators']);
    expect(da.groups).toEqual([{ name: 'Operators', path: ['DataAnalysts', 'Operators'] }]);
    expect(da.units).toContainEqual({
      org: 'Plant',
      unit: 'Plant',
      via: ['DataAnalysts', 'Operators'],
    });
  });

  it('finds every entry naming the group at every level, and the visibility grants of its units', () => {
    const ops = principalPage(m, { type: 'group', name: 'Operators' })!;
    const texts = ops.entries.map(e => `${e.family} ${e.text}`);
    expect(texts).toEqual(
      expect.arrayContaining([
        'runtime shape-instance(SensorShape) · PropertyRead · * · Allow · group Operators',
        'runtime instance(SensorTemplate) · ServiceInvoke · * · Allow · group Operators',
        'runtime entity(LegacyGateway) · PropertyRead · * · Allow · group Operators',
        // Written by the context manager's Read grant on the context (§7.14).
        'runtime entity(DefaultContextNetwork) · PropertyWrite · * · Deny · group Operators',
        'designtime collection(Things) · Read · Allow · group Operators',
        'visibility instance(SensorTemplate) · Visibility · unit Plant:Plant',
      ]),
    );
    const da = principalPage(m, { type: 'group', name: 'DataAnalysts' })!;
    const deny = da.entries.find(e => !e.allow);
    expect(deny).toMatchObject({
      family: 'runtime',
      where: 'entity(SensorDataStream)',
      place: { type: 'thing', name: 'SensorDataStream' },
    });
    // The template's OWN permissions name DataAnalysts too (they govern the template, §2.3).
    expect(da.entries.some(e => e.where === 'template(SensorTemplate)')).toBe(true);
  });

  it("gives a user's transitive groups with paths, its units, and why Users stays (§3.5, §9.2)", () => {
    const alice = principalPage(m, { type: 'user', name: 'alice' })!;
    expect(alice.directGroups).toEqual(['DataAnalysts', 'Users']);
    expect(alice.groups).toContainEqual({
      name: 'Operators',
      path: ['alice', 'DataAnalysts', 'Operators'],
    });
    expect(alice.units.map(u => `${u.org}:${u.unit}`)).toEqual(
      expect.arrayContaining(['Plant:LineA', 'Plant:Plant']),
    );
    expect(alice.protectedReason).toContain('every user is a member of Users');
    const users = principalPage(m, { type: 'group', name: 'Users' })!;
    expect(users.builtin).toBe(true);
    expect(users.protectedReason).toContain('built-in');
    expect(principalPage(m, { type: 'group', name: 'Nope' })).toBeUndefined();
    expect(principalPage(m, { type: 'user', name: '__proto__' })).toBeUndefined();
  });
});
