import { describe, expect, it } from 'vitest';
import { generateModel, generateModelWithStats } from '../../../bench/generator';
import { createRng } from '../../../bench/rng';
import type { Model } from '../../../shared/model/types';

const generated = (m: Model) => ({
  users: Object.values(m.users).filter(u => !u.builtin),
  groups: Object.values(m.groups).filter(g => !g.builtin),
  templates: Object.values(m.templates).filter(t => !t.builtin),
  things: Object.values(m.things),
});

function chainLength(m: Model, template: string): number {
  let n = 0;
  for (let t: string | null = template; t !== null; t = m.templates[t]?.base ?? null) n++;
  return n;
}

function groupDepth(m: Model, group: string, seen: Set<string> = new Set()): number {
  if (seen.has(group)) throw new Error(`group cycle at ${group}`);
  const parents = m.groups[group]?.memberOf ?? [];
  const next = new Set(seen).add(group);
  return 1 + Math.max(0, ...parents.map(p => groupDepth(m, p, next)));
}

describe('synthetic model generator (performance.md §6)', () => {
  it('is deterministic: the same size and seed give the same model, another seed a different one', () => {
    const a = JSON.stringify(generateModel('S', 42));
    expect(JSON.stringify(generateModel('S', 42))).toBe(a);
    expect(JSON.stringify(generateModel('S', 43))).not.toBe(a);
  });

  it('the PRNG sequence is fixed for a seed (so models match across machines)', () => {
    const rng = createRng(1);
    const first = [rng.next(), rng.next(), rng.next()];
    const again = createRng(1);
    expect([again.next(), again.next(), again.next()]).toEqual(first);
    expect(new Set(first).size).toBe(3);
  });

  it.each([
    ['S', 200, 50, 40, 2000, 3, 4],
    ['M', 2000, 400, 200, 10000, 4, 6],
  ] as const)(
    'size %s has the §6 counts and depths',
    (size, users, groups, templates, things, chain, nesting) => {
      const { model, stats, params } = generateModelWithStats(size, 7);
      const g = generated(model);
      expect(g.users).toHaveLength(users);
      expect(g.groups).toHaveLength(groups);
      expect(g.templates).toHaveLength(templates);
      expect(g.things).toHaveLength(things);
      expect(Math.max(...g.templates.map(t => chainLength(model, t.name)))).toBe(chain);
      expect(Math.max(...g.groups.map(x => groupDepth(model, x.name)))).toBe(nesting);
      // Entries: the §6 total plus the member-level overrides, ~10% denies, ~80% group principals.
      expect(stats.entries.total).toBe(params.entries + params.overrides);
      expect(stats.entries.deny / stats.entries.total).toBeGreaterThan(0.07);
      expect(stats.entries.deny / stats.entries.total).toBeLessThan(0.16);
      expect(stats.entries.userPrincipal / stats.entries.total).toBeLessThan(0.25);
      expect(stats.entries.onUsersGroup).toBeGreaterThan(0);
      expect(stats.entries.onUsersGroup / stats.entries.total).toBeLessThan(0.03);
    },
  );

  it('puts thing-level ACLs on at most 10% of the Things and biases template entries to leaves', () => {
    const model = generateModel('S', 42);
    const withAcl = Object.values(model.things).filter(
      t => t.permissions.runtime.length + t.permissions.designtime.length > 0,
    );
    expect(withAcl.length).toBeLessThanOrEqual(200);
    const bases = new Set(Object.values(model.templates).map(t => t.base));
    const instanceEntries = (leaf: boolean) =>
      Object.values(model.templates)
        .filter(t => !t.builtin && bases.has(t.name) !== leaf)
        .reduce((n, t) => n + t.instance.runtime.length, 0);
    expect(instanceEntries(true)).toBeGreaterThan(2 * instanceEntries(false));
  });

  it('includes the built-ins of a compiled model and references only existing names', () => {
    const model = generateModel('S', 3);
    expect(model.users['Administrator']?.groups).toContain('Administrators');
    expect(model.templates['GenericThing']?.base).toBeNull();
    expect(model.organizations['Everyone']).toBeDefined();
    for (const u of Object.values(model.users)) {
      expect(u.groups.at(-1)).toBe('Users');
      for (const grp of u.groups) expect(model.groups[grp], `${u.name} -> ${grp}`).toBeDefined();
    }
    for (const t of Object.values(model.things)) {
      expect(model.templates[t.template], t.name).toBeDefined();
      for (const e of t.permissions.runtime) {
        const table = e.principal.type === 'user' ? model.users : model.groups;
        expect(table[e.principal.name], `${t.name}: ${e.principal.name}`).toBeDefined();
      }
      for (const v of t.permissions.visibility) {
        const org = model.organizations[v.org];
        expect(org).toBeDefined();
        if (v.type === 'unit') expect(org?.units[v.unit]).toBeDefined();
      }
    }
  });

  it('rejects a bad size or seed with a clear message', () => {
    expect(() => generateModel('XL' as never, 1)).toThrow(/size must be one of S, M, L/);
    expect(() => generateModel('S', -1)).toThrow(/seed must be a non-negative integer/);
  });
});
