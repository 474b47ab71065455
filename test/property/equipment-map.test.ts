/**
 * The shared equipment index (shared/apps/equipment-index.ts) must answer exactly what the per-user walk
 * over every node's entries answered (domain §7.18: deny on read is None, Write needs read allowed and
 * write allowed without a deny; §7.20: Administrators are Write everywhere; §7.3: visible needs Read on
 * the context and on the equipment), for users, groups and unknown names, on random group DAGs, trees
 * and entries, and for the whole-context matrix.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model, PrincipalRef, RuntimeEntry, RuntimeKind } from '../../shared/model/types';
import { equipmentPermissionMap } from '../../shared/apps/effective';
import {
  denseCodes,
  equipmentMatrix,
  equipmentPermissionChanges,
} from '../../shared/apps/equipment-index';
import { baseModel, context } from '../unit/apps/baseline-c';
import { materializeApps } from '../../shared/apps/materialize';
import { oracleEquipmentMap } from '../unit/apps/equipment-oracle';
import { withReplaced } from '../../shared/model/overlay';

const GROUPS = ['G0', 'G1', 'G2', 'G3', 'Users', 'Administrators', 'Maint', 'Ghosts'];
const USERS = ['u1', 'u2', 'u3', 'u4', 'u5', 'Administrator', 'ghost'];
const KINDS: RuntimeKind[] = ['PropertyRead', 'PropertyWrite', 'ServiceInvoke'];

const principalArb: fc.Arbitrary<PrincipalRef> = fc.oneof(
  fc.record({ type: fc.constant('user' as const), name: fc.constantFrom(...USERS) }),
  fc.record({ type: fc.constant('group' as const), name: fc.constantFrom(...GROUPS) }),
);
const entryArb: fc.Arbitrary<RuntimeEntry> = fc.record({
  kind: fc.constantFrom(...KINDS),
  resource: fc.constantFrom('*', '*', '*', 'Temp'),
  principal: principalArb,
  allow: fc.boolean(),
});

const scenarioArb = fc.record({
  // memberOf edges between the generated groups (may include Users and Administrators; cycles too).
  memberOf: fc.array(
    fc.tuple(fc.constantFrom('G0', 'G1', 'G2', 'G3'), fc.constantFrom(...GROUPS)),
    {
      maxLength: 6,
    },
  ),
  userGroups: fc.array(fc.subarray(['G0', 'G1', 'G2', 'G3', 'Maint', 'Users', 'Administrators']), {
    minLength: 5,
    maxLength: 5,
  }),
  parents: fc.array(fc.nat(), { minLength: 1, maxLength: 14 }),
  entries: fc.array(fc.tuple(fc.nat(), fc.array(entryArb, { maxLength: 4 })), { maxLength: 16 }),
  network: fc.array(entryArb, { maxLength: 4 }),
});

function build(s: Scenario): Model {
  const base = baseModel();
  const groups = { ...base.groups };
  for (const g of ['G0', 'G1', 'G2', 'G3'])
    groups[g] = { name: g, memberOf: s.memberOf.filter(([c]) => c === g).map(([, p]) => p) };
  const users = { ...base.users };
  s.userGroups.forEach((gs, i) => {
    users[`u${i + 1}`] = { name: `u${i + 1}`, enabled: true, locked: false, groups: gs };
  });
  const tree: Record<string, { type: string; parent: string | null }> = {};
  s.parents.forEach((p, i) => {
    tree[`E${i}`] = { type: 'Asset', parent: i === 0 || p % 4 === 0 ? null : `E${p % i}` };
  });
  const r = materializeApps({
    ...base,
    users,
    groups,
    apps: {
      ...base.apps,
      relationships: [{ parent: 'Asset', child: 'Asset' }],
      contexts: { C: context('C', 'CNetwork', tree) },
    },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const m = r.model;
  const things = { ...m.things };
  const put = (name: string, entries: RuntimeEntry[]) => {
    const t = things[name];
    if (t)
      things[name] = {
        ...t,
        permissions: { ...t.permissions, runtime: [...t.permissions.runtime, ...entries] },
      };
  };
  for (const [at, entries] of s.entries) put(`E${at % s.parents.length}`, entries);
  put('CNetwork', s.network);
  return { ...m, things };
}
type Scenario = {
  memberOf: [string, string][];
  userGroups: string[][];
  parents: number[];
  entries: [number, RuntimeEntry[]][];
  network: RuntimeEntry[];
};

describe('equipment index equals the per-user walk', () => {
  it('per principal (users, groups, unknown names) and for the whole matrix', () => {
    fc.assert(
      fc.property(scenarioArb, s => {
        const model = build(s as Scenario);
        const principals: PrincipalRef[] = [
          ...USERS.map(name => ({ type: 'user' as const, name })),
          ...GROUPS.map(name => ({ type: 'group' as const, name })),
        ];
        for (const p of principals) {
          const want = oracleEquipmentMap(model, p, 'C');
          const got = equipmentPermissionMap(model, p, 'C');
          expect({
            onContext: got.onContext,
            order: got.order,
            permission: [...got.permission],
            visible: [...got.visible],
            admin: got.decidedBy === 'admin',
          }).toEqual(want);
        }
        const matrix = equipmentMatrix(model, 'C', USERS);
        expect(matrix).toBeDefined();
        USERS.forEach((u, i) => {
          const cls = matrix!.classes[matrix!.classOf[i] as number]!;
          expect([...denseCodes(cls, matrix!.nodes)]).toEqual(
            oracleEquipmentMap(model, { type: 'user', name: u }, 'C').permission,
          );
        });
      }),
      { numRuns: 300 },
    );
  });
  it('the changes between two models equal the per-user comparison (same structure and another one)', () => {
    const NAMES = ['None', 'Read', 'Write'];
    const oracle = (before: Model, after: Model) =>
      USERS.flatMap(user =>
        ['C'].flatMap(context => {
          const a = oracleEquipmentMap(before, { type: 'user', name: user }, context);
          const b = oracleEquipmentMap(after, { type: 'user', name: user }, context);
          return [...new Set([...a.order, ...b.order])].flatMap(equipment => {
            const ia = a.order.indexOf(equipment);
            const ib = b.order.indexOf(equipment);
            const pa = NAMES[ia < 0 ? 0 : (a.permission[ia] as number)];
            const pb = NAMES[ib < 0 ? 0 : (b.permission[ib] as number)];
            return pa === pb ? [] : [{ user, context, equipment, before: pa, after: pb }];
          });
        }),
      );
    fc.assert(
      fc.property(scenarioArb, scenarioArb, (s1, s2) => {
        const before = build(s1 as Scenario);
        // Same context object, other entries and memberships: the sparse merge.
        const other = build({ ...(s2 as Scenario), parents: (s1 as Scenario).parents });
        const sameStructure: Model = {
          ...other,
          apps: before.apps,
        };
        expect(equipmentPermissionChanges(before, sameStructure, USERS, ['C'])).toEqual(
          oracle(before, sameStructure),
        );
        // One Thing replaced: the after index is derived from the before index (only E0 re-read).
        const oneThing: Model = {
          ...before,
          users: other.users,
          groups: other.groups,
          things: {
            ...before.things,
            E0: other.things['E0']!,
            CNetwork: other.things['CNetwork']!,
          },
        };
        expect(equipmentPermissionChanges(before, oneThing, USERS, ['C'])).toEqual(
          oracle(before, oneThing),
        );
        // Things replaced, users and groups kept (a grant): only the nodes the derived index read
        // again are compared, whether the record was copied or is an overlay.
        const last = `E${(s1 as Scenario).parents.length - 1}`;
        for (const things of [
          { ...before.things, E0: other.things['E0']! },
          withReplaced(
            before.things,
            new Map([
              ['E0', other.things['E0']!],
              [last, other.things[last]!],
            ]),
          ),
        ]) {
          const granted: Model = { ...before, things };
          expect(equipmentPermissionChanges(before, granted, USERS, ['C'])).toEqual(
            oracle(before, granted),
          );
        }
        // Another structure: compared by name.
        const after = build(s2 as Scenario);
        expect(equipmentPermissionChanges(before, after, USERS, ['C'])).toEqual(
          oracle(before, after),
        );
      }),
      { numRuns: 200 },
    );
  });
  it('an unknown context is empty for both', () => {
    const model = build({
      memberOf: [],
      userGroups: [[], [], [], [], []],
      parents: [0],
      entries: [],
      network: [],
    });
    expect(equipmentPermissionMap(model, { type: 'user', name: 'u1' }, 'Nope').order).toEqual([]);
    expect(equipmentMatrix(model, 'Nope')).toBeUndefined();
  });
});
