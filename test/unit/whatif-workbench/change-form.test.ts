// The workbench's "add a change" form (renderer/src/whatif/change-form.ts): what a consultant types
// becomes the typed what-if change the engine applies (docs/whatif.md), or a message naming the field.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../shared/apps/load';
import { runScenario } from '../../../shared/whatif';
import {
  changeFromForm,
  EMPTY_CHANGE_FORM,
  readPrincipal,
  readVisibility,
} from '../../../renderer/src/whatif/change-form';

describe('changeFromForm', () => {
  it('removing the demo’s Thing-level Deny (§2.8) gives the change that turns alice’s 403 into 200', () => {
    const r = changeFromForm({
      ...EMPTY_CHANGE_FORM,
      op: 'remove',
      level: 'entity',
      target: 'SensorDataStream',
      effect: 'deny',
      kind: 'ServiceInvoke',
      resource: 'GetDataStream',
      principal: 'group:DataAnalysts',
    });
    expect(r).toEqual({
      ok: true,
      change: {
        type: 'remove-entry',
        target: { level: 'entity', collection: 'Things', name: 'SensorDataStream' },
        entry: {
          family: 'runtime',
          kind: 'ServiceInvoke',
          resource: 'GetDataStream',
          principal: { type: 'group', name: 'DataAnalysts' },
          allow: false,
        },
      },
    });
    const loaded = loadModel(
      readFileSync('assets/demos/sensor-datastream.yaml', 'utf8'),
      'sensor-datastream.yaml',
    );
    if (!r.ok || !loaded.ok) throw new Error('setup');
    const run = runScenario(loaded.model, {
      name: 'fix',
      changes: [r.change],
      watch: {
        users: ['alice'],
        calls: ['POST /Thingworx/Things/SensorDataStream/Services/GetDataStream'],
      },
    });
    expect(
      run.ok &&
        run.value.diff.cells.map(
          c => `${c.caller.name} ${c.before.status}->${c.after.status} ${c.change}`,
        ),
    ).toEqual(['alice 403->200 gained']);
  });

  it('reads the other levels: template instances, shape instances, collections and other entities', () => {
    const at = (level: 'instance' | 'shape' | 'collection' | 'entity', target: string) => {
      const r = changeFromForm({ ...EMPTY_CHANGE_FORM, level, target, principal: 'user:bob' });
      return r.ok && r.change.type === 'add-entry' ? r.change.target : r;
    };
    expect(at('instance', 'SensorTemplate')).toEqual({
      level: 'instance',
      template: 'SensorTemplate',
    });
    expect(at('shape', 'SensorShape')).toEqual({ level: 'shape', shape: 'SensorShape' });
    expect(at('collection', 'Things')).toEqual({ level: 'collection', collection: 'Things' });
    expect(at('entity', 'Resources/EntityServices')).toEqual({
      level: 'entity',
      collection: 'Resources',
      name: 'EntityServices',
    });
  });

  it('an empty resource means every characteristic (*, §2.7); design-time entries carry no resource', () => {
    const rt = changeFromForm({
      ...EMPTY_CHANGE_FORM,
      target: 'T1',
      resource: ' ',
      principal: 'group:Ops',
    });
    expect(
      rt.ok &&
        rt.change.type === 'add-entry' &&
        rt.change.entry.family === 'runtime' &&
        rt.change.entry.resource,
    ).toBe('*');
    const dt = changeFromForm({
      ...EMPTY_CHANGE_FORM,
      target: 'T1',
      family: 'designtime',
      kind: 'Update',
      principal: 'group:Ops',
    });
    expect(dt.ok && dt.change.type === 'add-entry' && dt.change.entry).toEqual({
      family: 'designtime',
      kind: 'Update',
      principal: { type: 'group', name: 'Ops' },
      allow: true,
    });
  });

  it('visibility entries name an organization or a unit (§1.5)', () => {
    const r = changeFromForm({
      ...EMPTY_CHANGE_FORM,
      level: 'instance',
      target: 'SensorTemplate',
      family: 'visibility',
      principal: 'unit:Plant:LineA',
    });
    expect(r.ok && r.change.type === 'add-entry' && r.change.entry).toEqual({
      family: 'visibility',
      principal: { type: 'unit', org: 'Plant', unit: 'LineA' },
    });
    expect(readVisibility('org:Maintenance')).toEqual({
      ok: true,
      value: { type: 'org', org: 'Maintenance' },
    });
    expect(readVisibility('group:Ops')).toEqual({
      ok: false,
      message:
        'Visibility principal: write org:<organization> or unit:<organization>:<unit>, got "group:Ops".',
    });
  });

  it('group and unit memberships; an empty unit is the organization’s root unit (§4.2)', () => {
    expect(
      changeFromForm({
        ...EMPTY_CHANGE_FORM,
        what: 'membership',
        op: 'remove',
        member: 'group:Viewers',
        group: 'Operators',
      }),
    ).toEqual({
      ok: true,
      change: {
        type: 'remove-membership',
        member: { type: 'group', name: 'Viewers' },
        group: 'Operators',
      },
    });
    expect(
      changeFromForm({
        ...EMPTY_CHANGE_FORM,
        what: 'unit-member',
        member: 'user:bob',
        org: 'Plant',
      }),
    ).toEqual({
      ok: true,
      change: {
        type: 'add-unit-member',
        org: 'Plant',
        unit: 'Plant',
        member: { type: 'user', name: 'bob' },
      },
    });
  });

  it('says which field is wrong and what it expected', () => {
    expect(changeFromForm({ ...EMPTY_CHANGE_FORM, principal: 'group:Ops' })).toEqual({
      ok: false,
      message: 'Target: name a Thing (or Collection/Name).',
    });
    expect(changeFromForm({ ...EMPTY_CHANGE_FORM, target: 'T1', principal: 'Ops' })).toEqual({
      ok: false,
      message: 'Principal: write user:<name> or group:<name>, got "Ops".',
    });
    expect(
      changeFromForm({ ...EMPTY_CHANGE_FORM, target: 'T1', principal: 'group:Ops', kind: 'Read' }),
    ).toEqual({
      ok: false,
      message:
        'Kind: a run-time kind is one of PropertyRead, PropertyWrite, ServiceInvoke, EventInvoke, EventSubscribe, got "Read".',
    });
    expect(
      changeFromForm({ ...EMPTY_CHANGE_FORM, what: 'membership', member: 'user:bob' }),
    ).toEqual({ ok: false, message: 'Group: name the group the member joins or leaves.' });
    expect(readPrincipal('user:', 'Member')).toEqual({
      ok: false,
      message: 'Member: write user:<name> or group:<name>, got "user:".',
    });
  });
});
