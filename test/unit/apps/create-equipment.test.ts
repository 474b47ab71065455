import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEquipment, effectiveEquipmentPermission } from '../../../shared/apps';
import { evaluate } from '../../../shared/engine';
import { loadModel } from '../../../shared/apps/load';
import { modelToText } from '../../../shared/model/decompile';
import type { Model } from '../../../shared/model/types';

function demo(): Model {
  const r = loadModel(
    readFileSync('assets/demos/smart-factory.yaml', 'utf8'),
    'smart-factory.yaml',
  );
  if (!r.ok) throw new Error(r.errors.map(e => e.message).join('; '));
  return r.model;
}

describe('creating equipment (§7.3, §10.18)', () => {
  it("survives a save and reload: the structure and the creator's Write are in the model file", () => {
    const r = createEquipment(demo(), {
      creator: 'Administrator',
      context: 'DefaultContext',
      name: 'Labeler1',
      type: 'Asset',
      parent: 'PackLine',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const reloaded = loadModel(modelToText(r.model, 'yaml'), 'saved.yaml');
    expect(reloaded.ok).toBe(true);
    if (!reloaded.ok) return;
    expect(reloaded.model.apps.contexts['DefaultContext']?.equipment['Labeler1']?.parent).toBe(
      'PackLine',
    );
    expect(reloaded.model.things['Labeler1']?.permissions.runtime).toEqual(
      r.model.things['Labeler1']?.permissions.runtime,
    );
  });

  it("the creator's Write agrees with the platform: a property PUT on the new equipment is not refused for PropertyWrite (§7.14)", () => {
    const m = demo();
    const writer = Object.keys(m.users).find(
      u =>
        !m.users[u]?.builtin &&
        effectiveEquipmentPermission(m, u, 'DefaultContext', 'DefaultContext').write &&
        !effectiveEquipmentPermission(
          m,
          u,
          'DefaultContext',
          'DefaultContext',
        ).decidedBy.startsWith('admin'),
    );
    expect(writer).toBeDefined();
    const r = createEquipment(m, {
      creator: writer as string,
      context: 'DefaultContext',
      name: 'Labeler1',
      type: 'Asset',
      parent: 'PackLine',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const withProp: Model = {
      ...r.model,
      things: {
        ...r.model.things,
        Labeler1: {
          ...(r.model.things['Labeler1'] as Model['things'][string]),
          properties: ['speed'],
        },
      },
    };
    const d = evaluate(withProp, {
      method: 'PUT',
      path: '/Thingworx/Things/Labeler1/Properties/speed',
      credentials: { type: 'basic', user: writer as string },
      body: { speed: 1 },
    });
    expect(d.body).not.toMatch(/PropertyWrite/);
  });

  it('an Asset already in another context may be added; other equipment may not (§7.1)', () => {
    const m = demo();
    const other = Object.values(m.apps.contexts).find(c => c.name !== 'DefaultContext');
    expect(other).toBeDefined();
    const r = createEquipment(m, {
      creator: 'Administrator',
      context: 'DefaultContext',
      name: 'PackLine2',
      type: 'Line',
      parent: 'BerlinSite',
    });
    expect(r.ok).toBe(true);
    const dup = createEquipment(m, {
      creator: 'Administrator',
      context: other?.name ?? '',
      name: 'PackLine',
      type: 'Line',
      parent: null,
    });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.message).toMatch(/only Assets may be in more than one context/);
  });
});
