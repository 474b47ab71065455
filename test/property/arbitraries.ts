/**
 * fast-check arbitraries for the agreement property test: small random deployments (users,
 * nested groups with diamonds, orgs with unit trees, template chains with shapes, Things, entries
 * at every level incl. specific resources and denies, visibility grants, owners, admins, locked
 * users, app keys, random semantics) and random REST requests against them.
 *
 * Names are drawn from small pools so that entries, requests and model elements collide often;
 * some names in requests and entries deliberately do not exist.
 *
 * @example
 * fc.assert(fc.property(modelArb, m => createIndexedDecider(m) !== undefined));
 */
import fc from 'fast-check';
import { DESIGN_KINDS, RUNTIME_KINDS, emptyPermissionSet } from '../../shared/model/types';
import type {
  DesignEntry,
  Model,
  OrgUnit,
  PermissionSet,
  PrincipalRef,
  RuntimeEntry,
  RuntimeKind,
  Semantics,
  VisibilityPrincipal,
} from '../../shared/model/types';
import type { RestRequest, RuntimeCheck } from '../../shared/model/decision';
import { emptyModel } from './model-builder';

const USERS = ['u0', 'u1', 'u2', 'u3', 'u4'];
const GROUPS = ['g0', 'g1', 'g2', 'g3', 'g4'];
/** A group to check (the diagnostic services' ForGroup variants, §8.1), modelled or not. */
export const groupArb = fc.constantFrom(...GROUPS, 'Administrators', 'Users', 'nogroup');
const ORGS = ['O0', 'O1'];
const UNITS = ['n0', 'n1', 'n2', 'n3'];
const TEMPLATES = ['T0', 'T1', 'T2'];
const SHAPES = ['S0', 'S1'];
const THINGS = ['X0', 'X1', 'X2', 'X3'];
const PROPS = ['p0', 'p1', 'p2'];
const SERVICES = ['s0', 's1'];
const EVENTS = ['e0'];

export const semanticsArb: fc.Arbitrary<Semantics> = fc.record({
  precedence: fc.constantFrom('level' as const, 'global-deny' as const),
  adminBypass: fc.boolean(),
  ownerBypass: fc.boolean(),
  baseTemplateInstance: fc.boolean(),
  shapeInstance: fc.constantFrom('after-templates' as const, 'ignore' as const),
  visibilityDirection: fc.constantFrom('upward' as const, 'downward' as const, 'exact' as const),
  denialStatus: fc.constantFrom(403 as const, 401 as const),
  rejectAppKeyInUrl: fc.boolean(),
});

// Weighted so that entries often name one of the asking user's principals (`Users` names all).
const principalArb: fc.Arbitrary<PrincipalRef> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(...USERS, 'Administrator', 'ghost')
      .map(name => ({ type: 'user' as const, name })),
  },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(...GROUPS, 'Administrators', 'nogroup')
      .map(name => ({ type: 'group' as const, name })),
  },
  { weight: 3, arbitrary: fc.constant({ type: 'group' as const, name: 'Users' }) },
);

const kindArb = fc.constantFrom(
  ...RUNTIME_KINDS,
  'PropertyRead' as const,
  'PropertyRead' as const,
  'ServiceInvoke' as const,
);

/** A resource that fits the kind: `*` half the time, else a characteristic of the kind's type (p0/s0 likelier), rarely a missing one. */
const resourceFor = (kind: RuntimeKind): fc.Arbitrary<string> => {
  const names = kind.startsWith('Property')
    ? ['p0', 'p0', ...PROPS]
    : kind === 'ServiceInvoke'
      ? ['s0', 's0', ...SERVICES]
      : EVENTS;
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant('*') },
    { weight: 4, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: fc.constant('nope') },
  );
};

const runtimeEntryArb: fc.Arbitrary<RuntimeEntry> = kindArb.chain(kind =>
  fc.record({
    kind: fc.constant(kind),
    resource: resourceFor(kind),
    principal: principalArb,
    allow: fc.boolean(),
  }),
);

const designEntryArb: fc.Arbitrary<DesignEntry> = fc.record({
  kind: fc.constantFrom(...DESIGN_KINDS),
  principal: principalArb,
  allow: fc.boolean(),
});

const visibilityArb: fc.Arbitrary<VisibilityPrincipal> = fc.oneof(
  fc.constantFrom(...ORGS, 'Everyone', 'NoOrg').map(org => ({ type: 'org' as const, org })),
  fc
    .record({
      org: fc.constantFrom(...ORGS, 'Everyone'),
      unit: fc.constantFrom(...UNITS, 'Everyone', 'O0', 'O1'),
    })
    .map(({ org, unit }) => ({ type: 'unit' as const, org, unit })),
);

const permissionSetArb = (max: number): fc.Arbitrary<PermissionSet> =>
  fc.record({
    // size 'max': lengths spread over 0..max instead of fast-check's small-biased default.
    runtime: fc.array(runtimeEntryArb, { maxLength: max, size: 'max' }),
    designtime: fc.array(designEntryArb, { maxLength: Math.ceil(max / 2), size: 'max' }),
    visibility: fc.array(visibilityArb, { maxLength: 2, size: 'max' }),
  });

const subset = <T>(pool: readonly T[], max = pool.length) =>
  fc.subarray([...pool], { maxLength: max });

/** An organization: units 1..n form a random tree (parent = some earlier unit), root unit named like the org. */
const orgArb = (name: string) =>
  fc
    .record({
      parents: fc.array(fc.nat(), { minLength: 0, maxLength: UNITS.length }),
      members: fc.array(fc.array(principalArb, { maxLength: 2 }), {
        minLength: UNITS.length + 1,
        maxLength: UNITS.length + 1,
      }),
    })
    .map(({ parents, members }) => {
      const names = [name, ...UNITS.slice(0, parents.length)];
      const units: Record<string, OrgUnit> = {};
      names.forEach((n, i) => {
        const parent = i === 0 ? null : (names[(parents[i - 1] as number) % i] as string);
        units[n] = { name: n, parent, children: [], members: members[i] ?? [] };
        if (parent) units[parent]!.children.push(n);
      });
      return { name, root: name, units };
    });

export const modelArb: fc.Arbitrary<Model> = fc
  .record({
    semantics: semanticsArb,
    usersInEveryone: fc.integer({ min: 0, max: 3 }).map(n => n !== 0),
    users: fc.array(
      fc.record({
        groups: subset([...GROUPS, 'Administrators'], 3),
        enabled: fc.integer({ min: 0, max: 9 }).map(n => n !== 0),
        locked: fc.integer({ min: 0, max: 9 }).map(n => n === 0),
      }),
      { minLength: 3, maxLength: USERS.length },
    ),
    // Group i may be a member of later groups only: a DAG, with diamonds.
    groupParents: fc.array(subset([0, 1, 2, 3, 4], 2), {
      minLength: GROUPS.length,
      maxLength: GROUPS.length,
    }),
    orgs: fc.tuple(orgArb('O0'), fc.option(orgArb('O1'))),
    shapes: fc.array(
      fc.record({
        props: subset(PROPS, 1),
        instance: fc.array(runtimeEntryArb, { maxLength: 4, size: 'max' }),
        own: permissionSetArb(1),
      }),
      {
        minLength: SHAPES.length,
        maxLength: SHAPES.length,
      },
    ),
    templates: fc.array(
      fc.record({
        base: fc.nat(),
        shapes: subset(SHAPES),
        props: subset(PROPS.slice(1)).map(ps => ['p0', ...ps]),
        services: subset(SERVICES.slice(1)).map(ss => ['s0', ...ss]),
        events: subset(EVENTS),
        own: permissionSetArb(2),
        instance: permissionSetArb(6),
      }),
      { minLength: 2, maxLength: TEMPLATES.length },
    ),
    things: fc.array(
      fc.record({
        template: fc.nat(),
        shapes: subset(SHAPES, 1),
        props: subset(PROPS, 1),
        services: subset(SERVICES, 1),
        owner: fc.option(fc.constantFrom(...USERS), { nil: undefined }),
        permissions: permissionSetArb(6),
      }),
      { minLength: 3, maxLength: THINGS.length },
    ),
    collectionThings: permissionSetArb(4),
    everyoneSeesThings: fc.boolean(),
    collectionTemplates: permissionSetArb(2),
    appKeys: fc.array(
      fc.record({
        user: fc.constantFrom(...USERS, 'Administrator', 'ghost'),
        expires: fc.option(fc.constantFrom('2025-06-01T00:00:00Z', '2027-01-01T00:00:00Z'), {
          nil: undefined,
        }),
        ipAllowlist: fc.constantFrom<string[][]>([], ['10.1.2.3'], ['10.1.0.0/16']),
      }),
      { maxLength: 2 },
    ),
  })
  .map(g => {
    const m = emptyModel(g.semantics);
    m.factory.usersInEveryone = g.usersInEveryone;
    if (g.usersInEveryone)
      m.organizations.Everyone!.units.Everyone!.members.push({ type: 'group', name: 'Users' });
    GROUPS.forEach((name, i) => {
      const memberOf = (g.groupParents[i] ?? []).filter(j => j > i).map(j => GROUPS[j] as string);
      m.groups[name] = { name, memberOf };
    });
    g.users.forEach((u, i) => {
      const name = USERS[i] as string;
      m.users[name] = { name, enabled: u.enabled, locked: u.locked, groups: u.groups };
    });
    for (const org of [g.orgs[0], g.orgs[1]]) if (org) m.organizations[org.name] = org;
    g.shapes.forEach((s, i) => {
      const name = SHAPES[i] as string;
      m.shapes[name] = {
        name,
        properties: s.props,
        services: [],
        events: [],
        permissions: { ...s.own, runtime: [] },
        instance: { runtime: s.instance },
      };
    });
    g.templates.forEach((t, i) => {
      const name = TEMPLATES[i] as string;
      const base =
        t.base % (i + 1) === 0 ? 'GenericThing' : (TEMPLATES[(t.base % (i + 1)) - 1] as string);
      m.templates[name] = {
        name,
        base,
        shapes: t.shapes,
        properties: t.props,
        services: t.services,
        events: t.events,
        permissions: t.own,
        instance: t.instance,
      };
    });
    g.things.forEach((t, i) => {
      const name = THINGS[i] as string;
      m.things[name] = {
        name,
        template: TEMPLATES[t.template % g.templates.length] as string,
        shapes: t.shapes,
        enabled: true,
        properties: t.props,
        services: t.services,
        events: [],
        permissions: t.permissions,
        ...(t.owner ? { owner: t.owner } : {}),
      };
    });
    m.collections.Things = g.everyoneSeesThings
      ? {
          ...g.collectionThings,
          visibility: [...g.collectionThings.visibility, { type: 'org', org: 'Everyone' }],
        }
      : g.collectionThings;
    m.collections.ThingTemplates = g.collectionTemplates;
    m.collections.ThingShapes = emptyPermissionSet();
    g.appKeys.forEach((k, i) => {
      const name = `k${i}`;
      m.appKeys[name] = {
        name,
        user: k.user,
        ipAllowlist: k.ipAllowlist,
        ...(k.expires ? { expires: k.expires } : {}),
      };
    });
    return m;
  });

/** Targets the decider is asked about: Things, templates, shapes, and some that do not exist. */
export const targetArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(...THINGS, 'Missing').map(name => ({ collection: 'Things', name })),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(...TEMPLATES, 'GenericThing')
      .map(name => ({ collection: 'ThingTemplates', name })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...SHAPES).map(name => ({ collection: 'ThingShapes', name })),
  },
);

export const userArb = fc.constantFrom(...USERS, 'Administrator');

export const runtimeCheckArb: fc.Arbitrary<RuntimeCheck> = kindArb.chain(kind =>
  resourceFor(kind).map(resource => ({ kind, resource })),
);

export const designCheckArb = fc.record({ kind: fc.constantFrom(...DESIGN_KINDS) });

const pathArb: fc.Arbitrary<{ method: string; path: string }> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({
        method: fc.constantFrom('GET', 'GET', 'GET', 'PUT', 'PUT', 'DELETE'),
        thing: fc.constantFrom(...THINGS, 'Missing'),
        prop: fc.constantFrom(...PROPS, 'p0', 'p0', 'nope'),
      })
      .map(r => ({ method: r.method, path: `/Thingworx/Things/${r.thing}/Properties/${r.prop}` })),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({
        method: fc.constantFrom('POST', 'POST', 'POST', 'POST', 'GET'),
        thing: fc.constantFrom(...THINGS, 'Missing'),
        svc: fc.constantFrom(...SERVICES, 's0', 'nope'),
      })
      .map(r => ({ method: r.method, path: `/Thingworx/Things/${r.thing}/Services/${r.svc}` })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ thing: fc.constantFrom(...THINGS), ev: fc.constantFrom(...EVENTS, 'nope') })
      .map(r => ({ method: 'POST', path: `/Thingworx/Things/${r.thing}/Events/${r.ev}` })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({
        method: fc.constantFrom('GET', 'PUT', 'DELETE'),
        entity: fc.constantFrom(
          ...THINGS.map(n => `Things/${n}`),
          ...TEMPLATES.map(n => `ThingTemplates/${n}`),
          ...SHAPES.map(n => `ThingShapes/${n}`),
          'Things/Missing',
        ),
      })
      .map(r => ({ method: r.method, path: `/Thingworx/${r.entity}` })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { method: 'GET', path: '/Thingworx/Things' },
      { method: 'GET', path: '/Thingworx/Things/X0/Properties' },
      { method: 'POST', path: '/Thingworx/Things/X0/Services/GetPropertyValues' },
      { method: 'POST', path: '/Thingworx/Resources/CurrentSessionInfo/Services/GetCurrentUser' },
      { method: 'POST', path: '/Thingworx/Things/X1/Services/CheckPermission' },
    ),
  },
);

const credentialsArb: fc.Arbitrary<RestRequest['credentials']> = fc.oneof(
  {
    weight: 16,
    arbitrary: fc
      .constantFrom(...USERS, 'Administrator')
      .map(user => ({ type: 'basic' as const, user })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('zed', 'u0')
      .map(user => ({ type: 'basic' as const, user, password: 'wrong' })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({
        key: fc.constantFrom('k0', 'k1', 'kx'),
        via: fc.constantFrom('header' as const, 'query' as const),
      })
      .map(k => ({ type: 'appKey' as const, ...k })),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'none' as const }) },
);

export const requestArb: fc.Arbitrary<RestRequest> = fc
  .record({
    call: pathArb,
    credentials: credentialsArb,
    ip: fc.constantFrom('127.0.0.1', '10.1.2.3', '10.9.9.9'),
  })
  .map(({ call, credentials, ip }) => ({
    method: call.method,
    path: call.path,
    credentials,
    clientIp: ip,
    at: '2026-03-01T12:00:00Z',
    ...(call.method === 'GET' || call.method === 'DELETE' ? {} : { body: {} }),
  }));
