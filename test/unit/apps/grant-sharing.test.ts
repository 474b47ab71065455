/**
 * A context-manager grant stores only the Things it rewrites (shared/model/overlay.ts): the other
 * Things, the store's diff, undo, later edits and the equipment index see the same model as if the
 * whole `things` record had been copied (domain reference §7.14).
 */
import { describe, expect, it } from 'vitest';
import { applyEdit } from '../../../shared/apps/apply-edit';
import {
  buildEquipmentIndex,
  classOfUser,
  equipmentIndex,
} from '../../../shared/apps/equipment-index';
import { isOverlay } from '../../../shared/model/overlay';
import type { ModelEdit } from '../../../shared/model/edits';
import type { Model } from '../../../shared/model/types';
import { applyDelta, diffModels, sameJson } from '../../../main/store/model-delta';
import { baselineC, grantGroup } from './baseline-c';

const grant = (entity: string, permissionType: string, group = 'Maint'): ModelEdit => ({
  type: 'apps-invoke',
  service: 'GrantUserGroupPermissionsOnEntities',
  params: {
    entities: { rows: [{ Name: entity, Type: 'Equipment' }] },
    permissionType,
    userGroupNames: { rows: [{ UserGroupName: group }] },
  },
});

function edited(model: Model, edit: ModelEdit): Model {
  const r = applyEdit(model, edit);
  if (!r.ok) throw new Error(r.error.message);
  return r.model;
}

describe('a grant on one node shares every other Thing with the model before it (§7.14)', () => {
  const before = grantGroup(baselineC({ u7: ['Maint'] }), 'Maint', 'Read', [
    ['Line2', 'Equipment'],
  ]);
  const snapshot = JSON.stringify(before);
  const after = edited(before, grant('Line1', 'Write'));

  it('rewrites Line1 only; the model before is unchanged', () => {
    expect(isOverlay(after.things)).toBe(true);
    expect(Object.keys(after.things)).toEqual(Object.keys(before.things));
    for (const name of Object.keys(before.things))
      if (name !== 'Line1') expect(after.things[name]).toBe(before.things[name]);
    expect(after.things['Line1']?.permissions.runtime.map(e => [e.kind, e.allow])).toEqual([
      ['PropertyRead', true],
      ['PropertyWrite', true],
      ['ServiceInvoke', true],
    ]);
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it('the store saves one Thing, and undo gives the model before back', () => {
    const delta = diffModels(before, after);
    expect(delta.elements.map(e => `${e.section}/${e.key}`)).toEqual(['things/Line1']);
    const undone = applyDelta(after, delta, 'backward');
    expect(sameJson(undone.things, before.things)).toBe(true);
    expect(sameJson(applyDelta(undone, delta, 'forward').things, after.things)).toBe(true);
  });

  it('later edits, also those that copy the whole model, apply to the granted model', () => {
    const renamed = edited(after, { type: 'rename-group', name: 'Maint', to: 'Upkeep' });
    expect(
      renamed.things['Line1']?.permissions.runtime.every(e => e.principal.name === 'Upkeep'),
    ).toBe(true);
    const twice = edited(edited(after, grant('Press1', 'None')), grant('Line1', 'Read'));
    expect(isOverlay(twice.things)).toBe(true);
    expect(
      diffModels(before, twice)
        .elements.map(e => e.key)
        .sort(),
    ).toEqual(['Line1', 'Press1']);
    const entry = edited(after, {
      type: 'add-entry',
      target: { level: 'entity', collection: 'Things', name: 'Press1' },
      entry: {
        family: 'runtime',
        kind: 'ServiceInvoke',
        resource: 'Reset',
        principal: { type: 'user', name: 'u1' },
        allow: true,
      },
    });
    expect(entry.things['Line1']).toBe(after.things['Line1']);
    expect(entry.things['Press1']?.permissions.runtime).toHaveLength(1);
    // An entry edit of one Thing shares the others too.
    expect(isOverlay(entry.things)).toBe(true);
    expect(diffModels(after, entry).elements.map(e => e.key)).toEqual(['Press1']);
    expect(after.things['Press1']?.permissions.runtime).toHaveLength(0);
  });

  it('the equipment index derived from the one before equals a fresh one', () => {
    equipmentIndex(before, 'DefaultContext');
    const derived = equipmentIndex(after, 'DefaultContext');
    const fresh = buildEquipmentIndex(after, 'DefaultContext');
    if (!derived || !fresh) throw new Error('no index');
    for (const user of Object.keys(after.users)) {
      const a = classOfUser(after, derived, user);
      const b = classOfUser(after, fresh, user);
      expect([user, [...a.nodes], [...a.codes], a.onContext]).toEqual([
        user,
        [...b.nodes],
        [...b.codes],
        b.onContext,
      ]);
    }
  });
});
