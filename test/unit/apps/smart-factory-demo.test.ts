import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { effectiveEquipmentPermission } from '../../../shared/apps/effective';
import { currentUserPermissionOnThing } from '../../../shared/apps/services';
import { loadModel } from '../../../shared/apps/load';

describe('assets/demos/smart-factory.yaml', () => {
  const r = loadModel(
    readFileSync('assets/demos/smart-factory.yaml', 'utf8'),
    'smart-factory.yaml',
  );
  if (!r.ok) throw new Error(JSON.stringify(r));
  const m = r.model;
  const eff = (u: string, c: string, e: string) => effectiveEquipmentPermission(m, u, c, e);
  it('loads, with one equipment Thing shared by both contexts', () => {
    expect(m.apps.contexts['DefaultContext']?.equipment['Filler1']).toBeDefined();
    expect(m.apps.contexts['QualityContext']?.equipment['Filler1']).toBeDefined();
    expect(eff('qa1', 'QualityContext', 'Filler1').sees).toBe(true);
    expect(eff('qa1', 'DefaultContext', 'Filler1').sees).toBe(false);
  });
  it('applies the §7.8 rules the comments name', () => {
    expect(eff('lead', 'DefaultContext', 'PackLine').permission).toBe('Read');
    expect(eff('lead', 'DefaultContext', 'MixLine').permission).toBe('Read');
    expect(eff('op2', 'DefaultContext', 'Capper1').permission).toBe('None');
    expect(eff('eng2', 'DefaultContext', 'Mixer1').permission).toBe('None');
    expect(eff('eng1', 'DefaultContext', 'Mixer1').edits).toBe(true);
    expect(eff('visitor', 'DefaultContext', 'Chiller')).toMatchObject({
      permission: 'Read',
      sees: false,
    });
  });
  it('Controls Engineers: Write per PTC help, None per the scripts, and the explanation says so', () => {
    const e = eff('ctrl', 'DefaultContext', 'Filler1');
    expect(e).toMatchObject({ permission: 'Write', decidedBy: 'controls-engineer' });
    expect(e.steps.flatMap(s => s.details).join(' ')).toMatch(
      /help and the shipped scripts differ/,
    );
    expect(currentUserPermissionOnThing(m, 'ctrl', 'Filler1')).toBe('None');
  });
});
