/**
 * Issue 6, items 6 and 7 (performance.md §2.3, §7 "Correctness gate"): on generated models and random
 * change sets, the what-if diff as the app runs it (only the affected region compared, and there
 * only the cells whose fast-path outcome differs explained) equals "evaluate every caller x every
 * call before, every caller x every call after, through the full pipeline, compare" — cell for cell,
 * with the same before/after answers and explanations, and the same equipment changes. The fast
 * comparison alone (every cell, no region) must agree too.
 *
 * The generated models are decorated with what the fast path must leave to the full pipeline:
 * disabled Things (a permitted run-time call is UNKNOWN), a service a diagnostic handler answers
 * (CheckPermission, §8.1), a bulk property service (§11.10) and a permission mutator.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RUNTIME_KINDS, DESIGN_KINDS } from '../../shared/model/types';
import type { Model, PrincipalRef } from '../../shared/model/types';
import type { EditTarget, EntryValue } from '../../shared/model/edits';
import { applyChanges, diffModels } from '../../shared/whatif';
import type { DiffResult } from '../../shared/whatif';
import type { WhatIfChange } from '../../shared/whatif';
import { modelArb } from './arbitraries';

const w = <T,>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...(xs.length > 0 ? xs : ([undefined] as unknown as T[])));

function principalArb(m: Model): fc.Arbitrary<PrincipalRef> {
  return fc.oneof(
    pick(Object.keys(m.users)).map(name => ({ type: 'user' as const, name })),
    pick(Object.keys(m.groups)).map(name => ({ type: 'group' as const, name })),
  );
}

function targetArb(m: Model): fc.Arbitrary<EditTarget> {
  return fc.oneof(
    w(4, pick(Object.keys(m.things)).map(name => ({ level: 'entity' as const, collection: 'Things', name }))),
    w(3, pick(Object.keys(m.templates).filter(t => t !== 'GenericThing')).map(template => ({ level: 'instance' as const, template }))),
    w(1, pick(Object.keys(m.templates).filter(t => t !== 'GenericThing')).map(name => ({ level: 'entity' as const, collection: 'ThingTemplates', name }))),
    w(2, pick(Object.keys(m.shapes)).map(shape => ({ level: 'shape' as const, shape }))),
    w(2, fc.constantFrom('Things', 'ThingTemplates').map(collection => ({ level: 'collection' as const, collection }))),
  );
}

function entryArb(m: Model, target: EditTarget): fc.Arbitrary<EntryValue> {
  const runtime = fc.record({
    family: fc.constant('runtime' as const),
    kind: fc.constantFrom(...RUNTIME_KINDS),
    resource: fc.constantFrom('*', 'p0', 's0', 'p1'),
    principal: principalArb(m),
    allow: fc.boolean(),
  });
  if (target.level === 'shape') return runtime;
  const orgs = Object.values(m.organizations);
  return fc.oneof(
    w(5, runtime),
    w(1, fc.record({ family: fc.constant('designtime' as const), kind: fc.constantFrom(...DESIGN_KINDS), principal: principalArb(m), allow: fc.boolean() })),
    {
      weight: 2,
      arbitrary: pick(orgs).chain(o =>
        fc.oneof(
          fc.constant({ family: 'visibility' as const, principal: { type: 'org' as const, org: o.name } }),
          pick(Object.keys(o.units)).map(unit => ({ family: 'visibility' as const, principal: { type: 'unit' as const, org: o.name, unit } })),
        ),
      ),
    },
  );
}

/** An existing entry of the target (so removals happen), or a new one. */
function entryChangeArb(m: Model): fc.Arbitrary<WhatIfChange> {
  return targetArb(m).chain(target => {
    const existing: EntryValue[] = [];
    const set =
      target.level === 'entity' ? (target.collection === 'Things' ? m.things[target.name]?.permissions : m.templates[target.name]?.permissions)
      : target.level === 'instance' ? m.templates[target.template]?.instance
      : target.level === 'shape' ? { runtime: m.shapes[target.shape]?.instance.runtime ?? [], designtime: [], visibility: [] }
      : m.collections[target.collection as 'Things'];
    for (const e of set?.runtime ?? []) existing.push({ family: 'runtime', ...e });
    for (const e of set?.designtime ?? []) existing.push({ family: 'designtime', ...e });
    for (const v of set?.visibility ?? []) existing.push({ family: 'visibility', principal: v });
    const add = entryArb(m, target).map(entry => ({ type: 'add-entry' as const, target, entry }));
    if (existing.length === 0) return add;
    return fc.oneof(add, pick(existing).map(entry => ({ type: 'remove-entry' as const, target, entry })));
  });
}

function changeArb(m: Model): fc.Arbitrary<WhatIfChange> {
  const users = Object.keys(m.users);
  const groups = Object.keys(m.groups);
  const templates = Object.keys(m.templates).filter(t => t !== 'GenericThing');
  const orgs = Object.values(m.organizations);
  // Membership pairs widen to `'add-x' | 'remove-x'`, which is not one union member; the values are valid changes.
  const u = <T,>(weight: number, arbitrary: fc.Arbitrary<T>) => w<unknown>(weight, arbitrary);
  return fc.oneof(
    u(8, entryChangeArb(m)),
    u(2, fc.record({ type: fc.constantFrom('add-membership' as const, 'remove-membership' as const), member: principalArb(m), group: pick(groups) })),
    u(
      2,
      pick(orgs).chain(o =>
        fc.record({ type: fc.constantFrom('add-unit-member' as const, 'remove-unit-member' as const), org: fc.constant(o.name), unit: pick(Object.keys(o.units)), member: principalArb(m) }),
      ),
    ),
    u(1, fc.record({ type: fc.constant('set-user-flags' as const), name: pick(users), locked: fc.boolean() })),
    u(1, fc.record({ type: fc.constant('set-owner' as const), collection: fc.constant('Things'), name: pick(Object.keys(m.things)), owner: fc.option(pick(users), { nil: null }) })),
    u(1, fc.record({ type: fc.constant('set-template-base' as const), template: pick(templates), base: pick(Object.keys(m.templates)) })),
    u(1, fc.record({ type: fc.constant('set-template-shapes' as const), template: pick(templates), shapes: fc.subarray(Object.keys(m.shapes)) })),
    u(
      Object.keys(m.appKeys).length > 0 ? 1 : 0,
      fc.record({ type: fc.constant('set-app-key' as const), name: pick(Object.keys(m.appKeys)), ipAllowlist: fc.constantFrom([], ['127.0.0.1'], ['10.0.0.0/8']) }),
    ),
    u(
      2,
      fc.record({
        type: fc.constant('set-semantics' as const),
        semantics: fc.oneof(
          fc.record({ precedence: fc.constantFrom('level' as const, 'global-deny' as const) }),
          fc.record({ denialStatus: fc.constantFrom(403 as const, 401 as const) }),
          fc.record({ adminBypass: fc.boolean() }),
          fc.record({ ownerBypass: fc.boolean() }),
        ),
      }),
    ),
  ) as fc.Arbitrary<WhatIfChange>;
}

const HARD_SERVICES = ['CheckPermission', 'GetPropertyValues', 'AddPropertyPermission'];

/**
 * Generated Things nearly all carry entries of their own; the fast path shares answers among the
 * Things of a template that carry none (their levels are the template's), so some are stripped.
 * Some Things are disabled, some templates get services the fast path must not decide alone, and
 * CurrentSessionInfo answers GetCurrentUserGroups, whose body changes with memberships (§8.3).
 */
const decoratedModelArb = modelArb.chain(m =>
  fc
    .record({
      plain: fc.subarray(Object.keys(m.things)),
      // Kept, a Thing's own shape (one its template chain lacks) or design-time entries make it a class of its own.
      keep: fc.constantFrom('nothing' as const, 'shapes' as const, 'designtime' as const),
      disabled: fc.subarray(Object.keys(m.things), { maxLength: 2 }),
      withServices: fc.subarray(Object.keys(m.templates), { maxLength: 2 }),
      sessionInfo: fc.boolean(),
    })
    .map(({ plain, keep, disabled, withServices, sessionInfo }): Model => {
      const things = { ...m.things };
      for (const t of plain) {
        const thing = things[t] as Model['things'][string];
        things[t] = {
          ...thing,
          shapes: keep === 'shapes' ? thing.shapes : [],
          permissions: { runtime: [], designtime: keep === 'designtime' ? thing.permissions.designtime : [], visibility: [] },
        };
      }
      for (const t of disabled) things[t] = { ...(things[t] as Model['things'][string]), enabled: false };
      const templates = { ...m.templates };
      for (const t of withServices) {
        const tp = templates[t] as Model['templates'][string];
        templates[t] = { ...tp, services: [...tp.services, ...HARD_SERVICES.filter(s => !tp.services.includes(s))] };
      }
      const others = { ...m.others };
      if (sessionInfo) {
        others['Resources/CurrentSessionInfo'] = {
          name: 'CurrentSessionInfo',
          collection: 'Resources',
          properties: [],
          services: ['GetCurrentUserGroups', 'GetCurrentUser'],
          events: [],
          permissions: {
            runtime: [{ kind: 'ServiceInvoke', resource: '*', principal: { type: 'group', name: 'Users' }, allow: true }],
            designtime: [],
            visibility: [{ type: 'org', org: 'O0' }],
          },
        };
      }
      return { ...m, things, templates, others };
    }),
);

/** A model, and 1-3 changes drawn against it (each against the model before it is applied). */
const caseArb = decoratedModelArb.chain(m =>
  fc.record({
    model: fc.constant(m),
    changes: fc.array(changeArb(m), { minLength: 1, maxLength: 3 }),
    // No edit toggles a Thing's enabled flag, but two models may differ in it (a re-imported export).
    toggle: fc.option(fc.constantFrom(...Object.keys(m.things)), { nil: undefined }),
  }),
);

function toggled(m: Model, thing: string | undefined): Model {
  const t = thing === undefined ? undefined : m.things[thing];
  return t ? { ...m, things: { ...m.things, [t.name]: { ...t, enabled: !t.enabled } } } : m;
}

function expectSameDiff(got: DiffResult, want: DiffResult): void {
  expect(got.ok && want.ok).toBe(true);
  if (!got.ok || !want.ok) return;
  expect(got.value.cells).toEqual(want.value.cells);
  expect(got.value.counts).toEqual(want.value.counts);
  expect(got.value.equipment).toEqual(want.value.equipment);
  expect(got.value.blastRadius).toEqual(want.value.blastRadius);
}

const RUNS = 300;

describe('what-if: incremental, fast-path diff equals full before/after evaluation', () => {
  it(`agrees on ${RUNS} generated models x change sets, over every caller x every call`, () => {
    let nonEmpty = 0;
    let skippedWork = 0;
    let fastSaved = 0;
    let unknownCells = 0;
    fc.assert(
      fc.property(caseArb, ({ model, changes, toggle }) => {
        const applied = applyChanges(model, changes);
        // Changes that do not apply (a cycle, a duplicate entry) are refused with a message: nothing to diff.
        if (!applied.ok) {
          expect(applied.error.message).toMatch(/^change \d+ \(/);
          return;
        }
        const after = toggled(applied.model, toggle);
        // The oracle: every cell of both models through the full pipeline, no region, no fast path.
        const full = diffModels(model, after, { kind: 'all' }, { incremental: false, fast: false });
        const inc = diffModels(model, after, { kind: 'all' });
        const fastOnly = diffModels(model, after, { kind: 'all' }, { incremental: false });
        const regionOnly = diffModels(model, after, { kind: 'all' }, { fast: false });
        expectSameDiff(inc, full);
        expectSameDiff(fastOnly, full);
        expectSameDiff(regionOnly, full);
        if (!full.ok || !inc.ok || !fastOnly.ok) return;
        expect(inc.value.evaluatedCells).toBeLessThanOrEqual(full.value.evaluatedCells);
        expect(full.value.explainedCells).toBe(full.value.evaluatedCells);
        // Every changed cell was explained, so explanations are never fewer than changed cells.
        expect(inc.value.explainedCells).toBeGreaterThanOrEqual(inc.value.cells.length);
        if (full.value.cells.length > 0) nonEmpty++;
        if (inc.value.evaluatedCells < full.value.evaluatedCells) skippedWork++;
        if (fastOnly.value.explainedCells < fastOnly.value.evaluatedCells / 2) fastSaved++;
        if (full.value.cells.some(c => c.change === 'unknown')) unknownCells++;
      }),
      { numRuns: RUNS, seed: 6 },
    );
    // The test means something only if changes do change answers, and the region does save work.
    // (Many random changes do not show: a grant to a locked user, an entry masked by a deny, ...)
    expect(nonEmpty).toBeGreaterThan(RUNS / 10);
    expect(skippedWork).toBeGreaterThan(RUNS / 2);
    // ... and only if the fast path does vouch for most cells, and UNKNOWN cells do occur.
    expect(fastSaved).toBeGreaterThan(RUNS / 2);
    expect(unknownCells).toBeGreaterThan(0);
  });

  // The hazard of sharing answers among a template's Things (./fast-cells.ts): a Thing that has an
  // entry of any family, or a shape, of its own must not borrow another Thing's answers. Changes
  // here all land on Things' own entries or on shape instance levels, where that would show.
  it('never lets a Thing with entries or shapes of its own borrow another Thing\'s answers', () => {
    const thingChangeArb = (m: Model) =>
      entryChangeArb(m).filter(c => (c.type === 'add-entry' || c.type === 'remove-entry') && (c.target.level === 'shape' || (c.target.level === 'entity' && c.target.collection === 'Things')));
    // GET of an entity needs design-time Read (§5.10): entries that decide it, often.
    const designReadArb = (m: Model): fc.Arbitrary<WhatIfChange> =>
      fc.record({
        type: fc.constant('add-entry' as const),
        target: pick(Object.keys(m.things)).map(name => ({ level: 'entity' as const, collection: 'Things', name })),
        entry: fc.record({ family: fc.constant('designtime' as const), kind: fc.constant('Read' as const), principal: principalArb(m), allow: fc.boolean() }),
      });
    const sharingArb = decoratedModelArb.chain(m =>
      fc.array(fc.oneof(thingChangeArb(m), designReadArb(m)), { minLength: 1, maxLength: 3 }).map(changes => ({ model: m, changes })),
    );
    let nonEmpty = 0;
    fc.assert(
      fc.property(sharingArb, ({ model, changes }) => {
        const applied = applyChanges(model, changes);
        if (!applied.ok) return;
        const full = diffModels(model, applied.model, { kind: 'all' }, { incremental: false, fast: false });
        expectSameDiff(diffModels(model, applied.model, { kind: 'all' }, { incremental: false }), full);
        if (full.ok && full.value.cells.length > 0) nonEmpty++;
      }),
      { numRuns: 400, seed: 61 },
    );
    expect(nonEmpty).toBeGreaterThan(40);
  });
});
