import { describe, expect, it } from 'vitest';
import { generateModel } from '../../../bench/generator';
import { goalRows } from '../../../bench/goals';
import { defaultPlan, WHATIF_L_KINDS } from '../../../bench/sections';
import { changeSet } from '../../../bench/whatif';

const names = (plan: { section: string; size: string }[]) =>
  plan.map(p => `${p.section}:${p.size}`);

describe('npm run bench plan', () => {
  it('runs every section at its default sizes, size by size: no what-if diff at L, model files at L only', () => {
    const plan = names(defaultPlan(undefined, undefined, false));
    expect(plan.slice(0, 5)).toEqual([
      'checks:S',
      'equipment:S',
      'whatif:S',
      'matrix:S',
      'whatif-set:S',
    ]);
    expect(plan).toContain('whatif-set:L');
    expect(plan).toContain('load:L');
    expect(plan).not.toContain('whatif:L');
    expect(plan).not.toContain('load:M');
    expect(plan.at(-1)).toBe('load:L');
  });

  it('--quick leaves out L; --size keeps each section to its sizes; --only with --size runs exactly those', () => {
    expect(names(defaultPlan(undefined, undefined, true)).some(p => p.endsWith(':L'))).toBe(false);
    expect(names(defaultPlan(['L'], undefined, false))).toEqual([
      'checks:L',
      'equipment:L',
      'matrix:L',
      'whatif-set:L',
      'load:L',
    ]);
    expect(names(defaultPlan(undefined, ['load'], false))).toEqual(['load:L']);
    expect(names(defaultPlan(['L'], ['whatif'], false))).toEqual(['whatif:L']);
    expect(names(defaultPlan(['S'], ['load'], true))).toEqual(['load:S']);
  });

  it('the what-if kinds timed at L are kinds of the change set (a renamed kind would time nothing)', () => {
    const kinds = changeSet(generateModel('S', 42)).map(c => c.kind);
    for (const k of WHATIF_L_KINDS) expect(kinds).toContain(k);
  });

  it('the goals table lists every goal, "not measured" where nothing ran, and judges the 15 minutes only on a default run', () => {
    const empty = { checks: [], equipment: [], whatif: [], matrix: [], whatifSet: [], load: [] };
    const rows = goalRows(empty, false, 60_000);
    expect(rows.length).toBeGreaterThan(15);
    expect(rows.every(r => r.met === undefined && r.measured === 'not measured')).toBe(true);
    const total = goalRows(empty, true, 11 * 60_000).find(r =>
      r.goal.startsWith('`npm run bench`'),
    );
    expect(total).toMatchObject({ measured: '11 min', met: true });
  });
});
