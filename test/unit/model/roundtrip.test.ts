import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadModel } from '../../../shared/apps/load';
import { modelToText, toModelFile } from '../../../shared/model/decompile';
import type { Model } from '../../../shared/model/types';
import { DESIGN_KINDS, RUNTIME_KINDS } from '../../../shared/model/types';

/** Source lines of saved requests depend on the layout, so they are not part of the comparison. */
const withoutLines = (m: Model): Model => ({
  ...m,
  requests: m.requests.map(({ line: _line, ...r }) => r),
});

function load(text: string, fileName: string): Model {
  const r = loadModel(text, fileName);
  if (!r.ok)
    throw new Error(
      `${fileName}:\n${r.errors.map(e => `${e.line}:${e.column} ${e.message}`).join('\n')}`,
    );
  return r.model;
}

function expectRoundTrip(m: Model) {
  for (const format of ['yaml', 'json'] as const) {
    const text = modelToText(m, format);
    const again = load(text, `again.${format}`);
    expect(withoutLines(again)).toEqual(withoutLines(m));
    // Stable: the same model always prints the same text.
    expect(modelToText(again, format)).toBe(text);
  }
}

const demoDir = resolve(__dirname, '../../../assets/demos');
const demos = existsSync(demoDir)
  ? readdirSync(demoDir).filter(f => /\.(ya?ml|json)$/.test(f))
  : [];

describe('round trip: load(modelToText(m)) equals m', () => {
  it('hand-made model with every section', () => {
    const m = load(
      `permsim: 1
name: every section
semantics: { precedence: global-deny, denialStatus: 401 }
factory: { usersInEveryone: false }
users:
  alice: { groups: [Ops, Analysts], password: pw }
  bob: { enabled: false }
  Administrator: { locked: true }
groups:
  Ops: { memberOf: [Designers] }
  Analysts: {}
organizations:
  Plant:
    root: Top
    units:
      Top: { members: [group:Ops], children: [A] }
      A: { members: [user:bob] }
  Solo: { root: Solo }
shapes:
  S: { properties: [p1], events: [E1], owner: alice, permissions: { designtime: [{ allow: Read, principal: user:alice }] }, instance: { runtime: [{ deny: EventSubscribe, resource: E1, principal: group:Ops }] } }
templates:
  Base: { services: [Svc], instance: { designtime: [{ allow: [Read, Update], principal: group:Ops }] } }
  Derived: { base: Base, shapes: [S], properties: [q] }
things:
  T1: { template: Derived, enabled: false, shapes: [S], permissions: { runtime: [{ allow: [PropertyRead, PropertyWrite], resource: q, principal: user:alice }, { deny: PropertyRead, principal: user:alice }], visibility: [unit:Plant:A, org:Solo] } }
  T2: {}
resources:
  MyResource: { services: [Go], permissions: { runtime: [{ allow: ServiceInvoke, resource: Go, principal: group:Users }] } }
  CurrentSessionInfo: { permissions: { runtime: [{ deny: ServiceInvoke, resource: GetCurrentUser, principal: user:bob }] } }
subsystems: { PlatformSubsystem: { services: [GetPlatformStats] } }
mashups: { M1: { permissions: { visibility: [org:Plant] } } }
dataShapes: { D1: {} }
collections:
  Things: { runtime: [{ allow: PropertyRead, principal: group:Ops }] }
  Mashups: { visibility: [org:Everyone] }
appKeys:
  k1: { user: alice, expires: 2030-01-01T00:00:00Z, ipAllowlist: [10.0.0.0/8, 192.168.1.5] }
  k2: { user: bob }
apps:
  contexts:
    DefaultContext:
      equipment:
        Site1: { type: Site, children: { L1: { type: Line, children: { P1: { type: Asset } } } } }
    Other: { displayName: Other view, description: second, enabled: false, network: OtherNet, equipment: { P1: { type: Asset } } }
  relationships: [{ parent: Site, child: Line }, { parent: Line, child: Asset }]
  grants:
    - { principal: group:Ops, permission: Read, entities: [{ name: DefaultContext, type: Context }, { name: Site1, type: Equipment }] }
    - { principal: user:alice, permission: Write, context: DefaultContext }
    - { principal: group:Analysts, permission: None, context: DefaultContext, propagateFrom: L1 }
requests:
  - { as: alice, password: pw, call: GET /Thingworx/Things/T1/Properties/q, expect: 200, note: hello }
  - { appKey: k1, appKeyVia: query, call: POST /Thingworx/Things/T1/Services/Svc, body: { a: 1 }, ip: 10.1.2.3, at: 2029-06-01T10:00:00Z, expect: { status: 403, body: Not authorized } }
  - { noAuth: true, call: GET /Thingworx/Things }
`,
      'every.yaml',
    );
    expectRoundTrip(m);
    const file = toModelFile(m);
    expect(file.users?.['Administrator']).toEqual({ locked: true });
    expect(file.templates?.['GenericThing']).toBeUndefined();
    // org:Everyone on Mashups is already built in (everyoneSeesCollections), so it is not written again.
    expect(file.collections?.['Mashups']).toBeUndefined();
    expect(file.collections?.['Things']).toEqual({
      runtime: [{ allow: 'PropertyRead', principal: 'group:Ops' }],
    });
  });

  it('the empty model prints only the header', () => {
    const m = load('permsim: 1\nname: empty\n', 'empty.yaml');
    expect(modelToText(m, 'yaml')).toBe('permsim: 1\nname: empty\n');
  });

  it('the full example of docs/model-format.md loads without warnings and round-trips', () => {
    const doc = readFileSync(resolve(__dirname, '../../../docs/model-format.md'), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const r = loadModel(example, 'docs-example.yaml');
    if (!r.ok) throw new Error(r.errors.map(e => `${e.line}:${e.column} ${e.message}`).join('\n'));
    expect(r.warnings).toEqual([]);
    expectRoundTrip(r.model);
  });

  for (const f of demos) {
    it(`demo file assets/demos/${f}`, () => {
      expectRoundTrip(load(readFileSync(resolve(demoDir, f), 'utf8'), f));
    });
  }

  it('generated models (property)', () => {
    const name = fc.constantFrom('a', 'b', 'c', 'd');
    const arb = fc.record({
      users: fc.uniqueArray(name, { maxLength: 4 }),
      groups: fc.uniqueArray(fc.constantFrom('G1', 'G2', 'G3'), { maxLength: 3 }),
      memberships: fc.array(fc.tuple(fc.nat(10), fc.nat(10)), { maxLength: 6 }),
      things: fc.uniqueArray(fc.constantFrom('T1', 'T2', 'T3'), { maxLength: 3 }),
      entries: fc.array(
        fc.record({
          thing: fc.nat(10),
          principal: fc.nat(10),
          allow: fc.boolean(),
          kinds: fc.subarray([...RUNTIME_KINDS], { minLength: 1 }),
          resource: fc.constantFrom('*', 'p', 'S'),
        }),
        { maxLength: 8 },
      ),
      design: fc.array(
        fc.record({
          principal: fc.nat(10),
          allow: fc.boolean(),
          kind: fc.constantFrom(...DESIGN_KINDS),
        }),
        { maxLength: 4 },
      ),
      hardened: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, g => {
        const principals = [
          ...g.users.map(u => `user:${u}`),
          ...g.groups.map(x => `group:${x}`),
          'group:Users',
        ];
        const pick = <T>(list: T[], i: number) => list[i % list.length] as T;
        const file = {
          permsim: 1,
          name: 'generated',
          factory: { usersInEveryone: !g.hardened, everyoneSeesCollections: !g.hardened },
          users: Object.fromEntries(
            g.users.map((u, i) => [u, g.groups.length ? { groups: [pick(g.groups, i)] } : {}]),
          ),
          // Only "lower index is member of higher index" memberships, so no cycles by construction.
          groups: Object.fromEntries(
            g.groups.map((x, i) => [
              x,
              {
                memberOf: [
                  ...new Set(
                    g.memberships
                      .filter(([a]) => a % g.groups.length === i)
                      .map(([, b]) => b % g.groups.length)
                      .filter(b => b > i)
                      .map(b => g.groups[b] as string),
                  ),
                ],
              },
            ]),
          ),
          things: Object.fromEntries(
            g.things.map((t, ti) => [
              t,
              {
                properties: ['p'],
                services: ['S'],
                permissions: {
                  runtime: g.entries
                    .filter(e => e.thing % g.things.length === ti)
                    .map(e => ({
                      [e.allow ? 'allow' : 'deny']: e.kinds,
                      principal: pick(principals, e.principal),
                      resource: e.resource,
                    })),
                },
              },
            ]),
          ),
          collections: {
            Things: {
              designtime: g.design.map(d => ({
                [d.allow ? 'allow' : 'deny']: d.kind,
                principal: pick(principals, d.principal),
              })),
            },
          },
        };
        const m = load(JSON.stringify(file), 'generated.json');
        expectRoundTrip(m);
      }),
      { numRuns: 150, seed: 42 },
    );
  });
});
