import { describe, expect, it } from 'vitest';
import { effectiveEquipmentPermission } from '../../shared/apps/effective';
import { invokeAppsService } from '../../shared/apps/services';
import type { Model } from '../../shared/model/types';
import { createEquipment } from '../../shared/apps';
import {
  baselineC,
  call,
  entitiesTable,
  grantGroup,
  grantUser,
  propagateGroup,
  propagateUser,
} from '../unit/apps/baseline-c';

const rw = (m: Model, user: string, entity: string) => {
  const e = effectiveEquipmentPermission(m, user, 'DefaultContext', entity);
  return [e.read, e.write];
};
const sees = (m: Model, user: string, entity: string) =>
  effectiveEquipmentPermission(m, user, 'DefaultContext', entity).sees;
const edits = (m: Model, user: string, entity: string) =>
  effectiveEquipmentPermission(m, user, 'DefaultContext', entity).edits;

describe('§10.17 Read on the context and on the equipment are both needed', () => {
  let m = baselineC();
  m = grantUser(m, 'u1', 'Read', [['DefaultContext', 'Context']]);
  m = grantUser(m, 'u2', 'Read', [['Press1', 'Equipment']]);
  m = grantUser(m, 'u3', 'Read', [
    ['DefaultContext', 'Context'],
    ['Press1', 'Equipment'],
  ]);

  it('u1 (context only) and u2 (equipment only) do not see Press1', () => {
    expect(sees(m, 'u1', 'Press1')).toBe(false);
    expect(sees(m, 'u2', 'Press1')).toBe(false);
    expect(rw(m, 'u2', 'Press1')).toEqual([true, false]);
  });
  it('u3 sees Press1 with (true, false), cannot edit it, and sees neither Line1 nor PlantSite', () => {
    expect(rw(m, 'u3', 'Press1')).toEqual([true, false]);
    expect(sees(m, 'u3', 'Press1')).toBe(true);
    expect(edits(m, 'u3', 'Press1')).toBe(false);
    expect(sees(m, 'u3', 'Line1')).toBe(false);
    expect(sees(m, 'u3', 'PlantSite')).toBe(false);
  });
  it('Administrator sees and edits all of them', () => {
    for (const e of ['PlantSite', 'Line1', 'Press1', 'Line2'])
      expect(edits(m, 'Administrator', e)).toBe(true);
    expect(
      effectiveEquipmentPermission(m, 'Administrator', 'DefaultContext', 'Press1').decidedBy,
    ).toBe('admin');
  });
  it('the explanation names the context Network entries and the rule', () => {
    const e = effectiveEquipmentPermission(m, 'u1', 'DefaultContext', 'Press1');
    expect(e.steps.map(s => s.text).join('\n')).toMatch(
      /does not see Press1: seeing equipment needs Read on the context \(Read\) AND on the equipment \(None\)/,
    );
    expect(e.steps.some(s => s.cites.includes('§7.3'))).toBe(true);
  });
});

describe('§10.18 Write implies Read', () => {
  const m = grantUser(baselineC(), 'u4', 'Write', [
    ['DefaultContext', 'Context'],
    ['Line1', 'Equipment'],
  ]);
  it('u4 has (true, true) on DefaultContext and Line1, sees and edits Line1', () => {
    expect(rw(m, 'u4', 'DefaultContext')).toEqual([true, true]);
    expect(rw(m, 'u4', 'Line1')).toEqual([true, true]);
    expect(edits(m, 'u4', 'Line1')).toBe(true);
  });
  it('a Grant applies only to the listed entities: u4 does not see Press1', () => {
    expect(rw(m, 'u4', 'Press1')).toEqual([false, false]);
    expect(sees(m, 'u4', 'Press1')).toBe(false);
  });
  it('u4 may create equipment in DefaultContext, and Line3 gets (true, true) for u4 automatically (§7.3)', () => {
    const r = createEquipment(m, {
      creator: 'u4',
      context: 'DefaultContext',
      name: 'Line3',
      type: 'Line',
      parent: 'PlantSite',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(rw(r.model, 'u4', 'Line3')).toEqual([true, true]);
    expect(edits(r.model, 'u4', 'Line3')).toBe(true);
    // Stored as the services store it (§7.14): the grant is replayable and nobody else gains anything.
    expect(r.model.apps.grants.at(-1)?.service).toBe('CreateEquipment');
    expect(rw(r.model, 'u5', 'Line3')).toEqual([false, false]);
    expect(r.model.apps.contexts['DefaultContext']?.equipment['PlantSite']?.children).toContain(
      'Line3',
    );
  });
  it('creating equipment needs Write on the context: with Read only it is refused and nothing changes (§7.3)', () => {
    const reader = grantUser(baselineC(), 'u1', 'Read', [['DefaultContext', 'Context']]);
    const r = createEquipment(reader, {
      creator: 'u1',
      context: 'DefaultContext',
      name: 'Line3',
      type: 'Line',
      parent: 'PlantSite',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toBe(
      'u1 cannot create equipment in DefaultContext: that needs Write on the context (u1 has Read)',
    );
    expect(reader.apps.contexts['DefaultContext']?.equipment['Line3']).toBeUndefined();
  });
  it('the relationship definitions decide which types may be children (§7.2)', () => {
    const r = createEquipment(m, {
      creator: 'u4',
      context: 'DefaultContext',
      name: 'Site2',
      type: 'Site',
      parent: 'Line1',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^a Site cannot be a child of a Line/);
  });
});

describe('§10.19 Granting Read after Write replaces it', () => {
  it('Write then Read on Line1 gives (true, false)', () => {
    let m = grantUser(baselineC(), 'u5', 'Read', [['DefaultContext', 'Context']]);
    m = grantUser(m, 'u5', 'Write', [['Line1', 'Equipment']]);
    m = grantUser(m, 'u5', 'Read', [['Line1', 'Equipment']]);
    expect(rw(m, 'u5', 'Line1')).toEqual([true, false]);
    expect(sees(m, 'u5', 'Line1')).toBe(true);
    // One entry per kind remains: the later grant overwrote the earlier (§7.14).
    expect(
      m.things['Line1']?.permissions.runtime.filter(e => e.principal.name === 'u5'),
    ).toHaveLength(3);
  });
  it('Read then Write on Line1 gives (true, true)', () => {
    let m = grantUser(baselineC(), 'u5', 'Read', [['DefaultContext', 'Context']]);
    m = grantUser(m, 'u5', 'Read', [['Line1', 'Equipment']]);
    m = grantUser(m, 'u5', 'Write', [['Line1', 'Equipment']]);
    expect(rw(m, 'u5', 'Line1')).toEqual([true, true]);
  });
});

describe("§10.20 None on a group beats a user's Write", () => {
  const members = { u6: ['Maint'], u9: ['Maint'] };
  it('u6 on Line1 = (false, false) whatever the order of the two grants', () => {
    let a = grantGroup(baselineC(members), 'Maint', 'Read', [['DefaultContext', 'Context']]);
    a = grantUser(a, 'u6', 'Write', [['Line1', 'Equipment']]);
    a = grantGroup(a, 'Maint', 'None', [['Line1', 'Equipment']]);
    expect(rw(a, 'u6', 'Line1')).toEqual([false, false]);
    expect(sees(a, 'u6', 'Line1')).toBe(false);
    let b = grantGroup(baselineC(members), 'Maint', 'Read', [['DefaultContext', 'Context']]);
    b = grantGroup(b, 'Maint', 'None', [['Line1', 'Equipment']]);
    b = grantUser(b, 'u6', 'Write', [['Line1', 'Equipment']]);
    expect(rw(b, 'u6', 'Line1')).toEqual([false, false]);
  });
  it("symmetric: None on the user beats the group's Write; u9 keeps (true, true)", () => {
    let m = grantGroup(baselineC(members), 'Maint', 'Read', [['DefaultContext', 'Context']]);
    m = grantGroup(m, 'Maint', 'Write', [['Line2', 'Equipment']]);
    m = grantUser(m, 'u6', 'None', [['Line2', 'Equipment']]);
    expect(rw(m, 'u6', 'Line2')).toEqual([false, false]);
    expect(rw(m, 'u9', 'Line2')).toEqual([true, true]);
  });
});

describe('§10.21 Read on a group forces write = false even if the user was granted Write', () => {
  const members = { u7: ['Maint'], u8: ['Maint'] };
  it('u7 on Line1 = (true, false)', () => {
    let m = grantGroup(baselineC(members), 'Maint', 'Read', [
      ['DefaultContext', 'Context'],
      ['Line1', 'Equipment'],
    ]);
    m = grantUser(m, 'u7', 'Write', [['Line1', 'Equipment']]);
    expect(rw(m, 'u7', 'Line1')).toEqual([true, false]);
    expect(sees(m, 'u7', 'Line1')).toBe(true);
    expect(edits(m, 'u7', 'Line1')).toBe(false);
  });
  it("PTC's recipe for a few writers: group Write, individual Read", () => {
    let m = grantGroup(baselineC(members), 'Maint', 'Read', [['DefaultContext', 'Context']]);
    m = grantGroup(m, 'Maint', 'Write', [['Line2', 'Equipment']]);
    m = grantUser(m, 'u8', 'Read', [['Line2', 'Equipment']]);
    expect(rw(m, 'u7', 'Line2')).toEqual([true, true]);
    expect(rw(m, 'u8', 'Line2')).toEqual([true, false]);
  });
});

describe('§10.22 Propagation with an empty entityName covers all equipment in the context', () => {
  let m = grantGroup(baselineC({ u8: ['Maint'] }), 'Maint', 'Read', [
    ['DefaultContext', 'Context'],
  ]);
  const network = m.things['DefaultContextNetwork'];
  m = propagateGroup(m, 'Maint', 'Read', 'DefaultContext', '');
  it('u8 has (true, false) on all four and sees them', () => {
    for (const e of ['PlantSite', 'Line1', 'Press1', 'Line2']) {
      expect(rw(m, 'u8', e)).toEqual([true, false]);
      expect(sees(m, 'u8', e)).toBe(true);
      expect(edits(m, 'u8', e)).toBe(false);
    }
  });
  it('propagation does not write an entry for the context (Network) itself (§7.17)', () => {
    expect(m.things['DefaultContextNetwork']).toBe(network);
    const noCtx = propagateGroup(
      baselineC({ u8: ['Maint'] }),
      'Maint',
      'Read',
      'DefaultContext',
      '',
    );
    expect(rw(noCtx, 'u8', 'DefaultContext')).toEqual([false, false]);
    expect(sees(noCtx, 'u8', 'Line1')).toBe(false);
  });
});

describe('§10.23 Propagation from an entity covers it and its children, not its siblings or parent', () => {
  const base = grantGroup(baselineC({ u8: ['Maint'] }), 'Maint', 'Read', [
    ['DefaultContext', 'Context'],
  ]);
  const expectScope = (m: Model) => {
    expect(rw(m, 'u8', 'Line1')).toEqual([true, true]);
    expect(rw(m, 'u8', 'Press1')).toEqual([true, true]);
    expect(rw(m, 'u8', 'Line2')).toEqual([false, false]);
    expect(rw(m, 'u8', 'PlantSite')).toEqual([false, false]);
    expect(sees(m, 'u8', 'Line2')).toBe(false);
    expect(edits(m, 'u8', 'Press1')).toBe(true);
  };
  it('group propagation from Line1', () =>
    expectScope(propagateGroup(base, 'Maint', 'Write', 'DefaultContext', 'Line1')));
  it('user propagation from Line1 gives the same for u8 alone', () => {
    const m = propagateUser(base, 'u8', 'Write', 'DefaultContext', 'Line1');
    expectScope(m);
    expect(rw(m, 'u7', 'Line1')).toEqual([false, false]);
  });
  it('an unknown entity stops the propagation: nothing granted, logged', () => {
    const r = call(base, 'PropagateUserGroupPermissionsOnEntities', {
      contextName: 'DefaultContext',
      entityName: 'Line9',
      permissionType: 'Write',
      userGroupNames: { rows: [{ UserGroupName: 'Maint' }] },
    });
    expect(r.writes).toEqual([]);
    expect(r.model).toBe(base);
    expect(r.log[0]).toMatch(/Line9 does not exist or is not in the network DefaultContextNetwork/);
  });
});

describe('§10.24 Permission values and entity types are case-sensitive', () => {
  const m0 = baselineC();
  const grant = (m: Model, perm: string, type: string) =>
    invokeAppsService(m, 'Administrator', 'GrantUserPermissionsOnEntities', {
      entities: entitiesTable([['Line1', type]]),
      permissionType: perm,
      userNames: { rows: [{ UserName: 'u1' }] },
    });
  it('"read" and "READ" throw the exact message and store nothing', () => {
    expect(grant(m0, 'read', 'Equipment')).toEqual({
      ok: false,
      message:
        'read is not a valid permission type for equipment or context. Valid permission types are Read, Write and None.',
    });
    expect(grant(m0, 'READ', 'Equipment')).toEqual({
      ok: false,
      message:
        'READ is not a valid permission type for equipment or context. Valid permission types are Read, Write and None.',
    });
    expect(rw(m0, 'u1', 'Line1')).toEqual([false, false]);
  });
  it('Type "equipment" does not throw: the row is skipped with the message, nothing stored', () => {
    const r = grant(m0, 'Read', 'equipment');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.result).toEqual({
      message: [
        {
          errorMessage:
            'Invalid type: equipment, which is neither Context nor Equipment for row 1 from entities',
        },
      ],
    });
    expect(r.writes).toEqual([]);
    expect(rw(r.model, 'u1', 'Line1')).toEqual([false, false]);
  });
  it('"Read" with "Equipment" stores (true, false)', () => {
    const r = grant(m0, 'Read', 'Equipment');
    expect(r.ok && rw(r.model, 'u1', 'Line1')).toEqual([true, false]);
  });
});
