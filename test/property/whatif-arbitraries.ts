/**
 * Generated what-if cases shared by the diff and summary property tests: random models decorated
 * with what the fast path must leave to the full pipeline (disabled Things, diagnostic and bulk
 * services, a permission mutator), random change sets, and a Thing's enabled flag toggled.
 */
import fc from 'fast-check';
import { RUNTIME_KINDS, DESIGN_KINDS } from '../../shared/model/types';
import type { Model, PrincipalRef } from '../../shared/model/types';
import type { EditTarget, EntryValue } from '../../shared/model/edits';
import type { WhatIfChange } from '../../shared/whatif';
import { modelArb } from './arbitraries';

export const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
export const pick = <T>(xs: readonly T[]) =>
  fc.constantFrom(...(xs.length > 0 ? xs : ([undefined] as unknown as T[])));

export function principalArb(m: Model): fc.Arbitrary<PrincipalRef> {
  return fc.oneof(
    pick(Object.keys(m.users)).map(name => ({ type: 'user' as const, name })),
    pick(Object.keys(m.groups)).map(name => ({ type: 'group' as const, name })),
  );
}

export function targetArb(m: Model): fc.Arbitrary<EditTarget> {
  return fc.oneof(
    w(
      4,
      pick(Object.keys(m.things)).map(name => ({
        level: 'entity' as const,
        collection: 'Things',
        name,
      })),
    ),
    w(
      3,
      pick(Object.keys(m.templates).filter(t => t !== 'GenericThing')).map(template => ({
        level: 'instance' as const,
        template,
      })),
    ),
    w(
      1,
      pick(Object.keys(m.templates).filter(t => t !== 'GenericThing')).map(name => ({
        level: 'entity' as const,
        collection: 'ThingTemplates',
        name,
      })),
    ),
    w(
      2,
      pick(Object.keys(m.shapes)).map(shape => ({ level: 'shape' as const, shape })),
    ),
    w(
      2,
      fc
        .constantFrom('Things', 'ThingTemplates')
        .map(collection => ({ level: 'collection' as const, collection })),
    ),
  );
}

export function entryArb(m: Model, target: EditTarget): fc.Arbitrary<EntryValue> {
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
    w(
      1,
      fc.record({
        family: fc.constant('designtime' as const),
        kind: fc.constantFrom(...DESIGN_KINDS),
        principal: principalArb(m),
        allow: fc.boolean(),
      }),
    ),
    {
      weight: 2,
      arbitrary: pick(orgs).chain(o =>
        fc.oneof(
          fc.constant({
            family: 'visibility' as const,
            principal: { type: 'org' as const, org: o.name },
          }),
          pick(Object.keys(o.units)).map(unit => ({
            family: 'visibility' as const,
            principal: { type: 'unit' as const, org: o.name, unit },
          })),
        ),
      ),
    },
  );
}

/** An existing entry of the target (so removals happen), or a new one. */
export function entryChangeArb(m: Model): fc.Arbitrary<WhatIfChange> {
  return targetArb(m).chain(target => {
    const existing: EntryValue[] = [];
    const set =
      target.level === 'entity'
        ? target.collection === 'Things'
          ? m.things[target.name]?.permissions
          : m.templates[target.name]?.permissions
        : target.level === 'instance'
          ? m.templates[target.template]?.instance
          : target.level === 'shape'
            ? {
                runtime: m.shapes[target.shape]?.instance.runtime ?? [],
                designtime: [],
                visibility: [],
              }
            : m.collections[target.collection as 'Things'];
    for (const e of set?.runtime ?? []) existing.push({ family: 'runtime', ...e });
    for (const e of set?.designtime ?? []) existing.push({ family: 'designtime', ...e });
    for (const v of set?.visibility ?? []) existing.push({ family: 'visibility', principal: v });
    const add = entryArb(m, target).map(entry => ({ type: 'add-entry' as const, target, entry }));
    if (existing.length === 0) return add;
    return fc.oneof(
      add,
      pick(existing).map(entry => ({ type: 'remove-entry' as const, target, entry })),
    );
  });
}

/**
 * A change on the callers' side only (a membership, a unit membership, a user flag, an app key):
 * what the summary's caller route handles (shared/whatif/class-summary.ts).
 */
export function callerChangeArb(m: Model): fc.Arbitrary<WhatIfChange> {
  const users = Object.keys(m.users);
  const groups = Object.keys(m.groups);
  const orgs = Object.values(m.organizations);
  // Membership pairs widen to `'add-x' | 'remove-x'`, which is not one union member; the values are valid changes.
  const u = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => w<unknown>(weight, arbitrary);
  return fc.oneof(
    u(
      2,
      fc.record({
        type: fc.constantFrom('add-membership' as const, 'remove-membership' as const),
        member: principalArb(m),
        group: pick(groups),
      }),
    ),
    u(
      2,
      pick(orgs).chain(o =>
        fc.record({
          type: fc.constantFrom('add-unit-member' as const, 'remove-unit-member' as const),
          org: fc.constant(o.name),
          unit: pick(Object.keys(o.units)),
          member: principalArb(m),
        }),
      ),
    ),
    u(
      1,
      fc.record({
        type: fc.constant('set-user-flags' as const),
        name: pick(users),
        locked: fc.boolean(),
      }),
    ),
    u(
      Object.keys(m.appKeys).length > 0 ? 1 : 0,
      fc.record({
        type: fc.constant('set-app-key' as const),
        name: pick(Object.keys(m.appKeys)),
        ipAllowlist: fc.constantFrom(
          [],
          ['127.0.0.1'],
          ['10.0.0.0/8'],
          ['10.1.2.3', '10.7.0.0/16'],
        ),
      }),
    ),
  ) as fc.Arbitrary<WhatIfChange>;
}

export function changeArb(m: Model): fc.Arbitrary<WhatIfChange> {
  const users = Object.keys(m.users);
  const templates = Object.keys(m.templates).filter(t => t !== 'GenericThing');
  // Membership pairs widen to `'add-x' | 'remove-x'`, which is not one union member; the values are valid changes.
  const u = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => w<unknown>(weight, arbitrary);
  return fc.oneof(
    u(8, entryChangeArb(m)),
    u(Object.keys(m.appKeys).length > 0 ? 7 : 6, callerChangeArb(m)),
    u(
      1,
      fc.record({
        type: fc.constant('set-owner' as const),
        collection: fc.constant('Things'),
        name: pick(Object.keys(m.things)),
        owner: fc.option(pick(users), { nil: null }),
      }),
    ),
    u(
      1,
      fc.record({
        type: fc.constant('set-template-base' as const),
        template: pick(templates),
        base: pick(Object.keys(m.templates)),
      }),
    ),
    u(
      1,
      fc.record({
        type: fc.constant('set-template-shapes' as const),
        template: pick(templates),
        shapes: fc.subarray(Object.keys(m.shapes)),
      }),
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
 * Application keys of real users are added, with allowlists of one or several entries (an address,
 * CIDR blocks, every address) and some expired (§3.9): the what-if evaluates each key from inside
 * every entry and from outside.
 */
export const decoratedModelArb = modelArb.chain(m =>
  fc
    .record({
      plain: fc.subarray(Object.keys(m.things)),
      // Kept, a Thing's own shape (one its template chain lacks) or design-time entries make it a class of its own.
      keep: fc.constantFrom('nothing' as const, 'shapes' as const, 'designtime' as const),
      disabled: fc.subarray(Object.keys(m.things), { maxLength: 2 }),
      withServices: fc.subarray(Object.keys(m.templates), { maxLength: 2 }),
      sessionInfo: fc.boolean(),
      keys: fc.array(
        fc.record({
          user: pick(Object.keys(m.users)),
          ipAllowlist: fc.constantFrom<string[][]>(
            [],
            ['10.1.2.3', '192.168.0.0/24'],
            ['172.16.0.0/12'],
            ['0.0.0.0/0'],
            ['127.0.0.1', '10.0.0.0/8'],
          ),
          expired: fc.boolean(),
        }),
        { maxLength: 2 },
      ),
    })
    .map(({ plain, keep, disabled, withServices, sessionInfo, keys }): Model => {
      const things = { ...m.things };
      for (const t of plain) {
        const thing = things[t] as Model['things'][string];
        things[t] = {
          ...thing,
          shapes: keep === 'shapes' ? thing.shapes : [],
          permissions: {
            runtime: [],
            designtime: keep === 'designtime' ? thing.permissions.designtime : [],
            visibility: [],
          },
        };
      }
      for (const t of disabled)
        things[t] = { ...(things[t] as Model['things'][string]), enabled: false };
      const templates = { ...m.templates };
      for (const t of withServices) {
        const tp = templates[t] as Model['templates'][string];
        templates[t] = {
          ...tp,
          services: [...tp.services, ...HARD_SERVICES.filter(s => !tp.services.includes(s))],
        };
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
            runtime: [
              {
                kind: 'ServiceInvoke',
                resource: '*',
                principal: { type: 'group', name: 'Users' },
                allow: true,
              },
            ],
            designtime: [],
            visibility: [{ type: 'org', org: 'O0' }],
          },
        };
      }
      const appKeys = { ...m.appKeys };
      keys.forEach((k, i) => {
        const name = `dk${i}`;
        appKeys[name] = {
          name,
          user: k.user,
          ipAllowlist: k.ipAllowlist,
          ...(k.expired ? { expires: '2025-06-01T00:00:00Z' } : {}),
        };
      });
      return { ...m, things, templates, others, appKeys };
    }),
);

/** A model, and 1-3 changes drawn against it (each against the model before it is applied). */
export const caseArb = decoratedModelArb.chain(m =>
  fc.record({
    model: fc.constant(m),
    changes: fc.array(changeArb(m), { minLength: 1, maxLength: 3 }),
    // No edit toggles a Thing's enabled flag, but two models may differ in it (a re-imported export).
    toggle: fc.option(fc.constantFrom(...Object.keys(m.things)), { nil: undefined }),
  }),
);

export function toggled(m: Model, thing: string | undefined): Model {
  const t = thing === undefined ? undefined : m.things[thing];
  return t ? { ...m, things: { ...m.things, [t.name]: { ...t, enabled: !t.enabled } } } : m;
}

/**
 * A run-time entry change only (add or remove, any level): what the summary's class route handles.
 * Added entries lean to `*` allows of the kinds REST calls check, so that many change answers.
 */
export function runtimeEntryChangeArb(m: Model): fc.Arbitrary<WhatIfChange> {
  const added = targetArb(m).chain(target =>
    fc
      .record({
        family: fc.constant('runtime' as const),
        kind: fc.constantFrom(
          'PropertyRead' as const,
          'PropertyWrite' as const,
          'ServiceInvoke' as const,
          'EventInvoke' as const,
          'EventSubscribe' as const,
        ),
        resource: fc.oneof(w(4, fc.constant('*')), w(1, fc.constantFrom('p0', 's0', 'p1', 'e0'))),
        principal: principalArb(m),
        allow: fc.oneof(w(3, fc.constant(true)), w(1, fc.constant(false))),
      })
      .map(entry => ({ type: 'add-entry' as const, target, entry })),
  );
  const removed = entryChangeArb(m).filter(
    c => c.type === 'remove-entry' && c.entry.family === 'runtime',
  );
  return fc.oneof(w(3, added), w(1, removed));
}

/** A model and 1-3 run-time entry changes (the typical what-if of performance.md §2.3). */
export const runtimeCaseArb = decoratedModelArb.chain(m =>
  fc.record({
    model: fc.constant(m),
    changes: fc.array(runtimeEntryChangeArb(m), { minLength: 1, maxLength: 3 }),
  }),
);

/** A model and 1-3 changes on the callers' side (memberships, units, flags, app keys). */
export const callerCaseArb = decoratedModelArb.chain(m =>
  fc.record({
    model: fc.constant(m),
    changes: fc.array(callerChangeArb(m), { minLength: 1, maxLength: 3 }),
  }),
);
