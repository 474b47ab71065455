/**
 * Principal indices for the indexed evaluator (domain reference §9.2, §2.11, §4.1, §4.7):
 * names interned to integer ids, each user's transitive group closure with one shortest path per
 * group, and the organizational units the user belongs to (directly or through a group).
 *
 * @example
 * const principals = createPrincipalIndex(model);
 * principals.setOf('bob').groups.map(g => g.name); // ['Staff', 'Operators', 'Users']
 */
import type { Model } from '../../model/types';
import type { PrincipalSet } from '../../model/decision';
import { createOrgIndex } from './org-index';
import type { OrgIndex } from './org-index';
import { own } from '../../model/own';

/** Every user is in `Users` without listing it (model types: "`Users` is implicit", §3.5). */
export const IMPLICIT_GROUP = 'Users';
export const ADMIN_GROUP = 'Administrators';

/** A user's principals as integer ids, plus the explanation-level PrincipalSet. */
export type UserPrincipals = {
  set: PrincipalSet;
  /** Principal ids (the user and every transitive group); see `PrincipalIndex.userId/groupId`. */
  ids: Set<number>;
  /** Ids of the units the user is a member of (org-index ids). */
  unitIds: number[];
  /** Ids of the organizations the user has any unit in. */
  orgIds: Set<number>;
};

export type PrincipalIndex = {
  orgs: OrgIndex;
  /** Id of a user principal name (interned on first use). */
  userId(name: string): number;
  /** Id of a group principal name (interned on first use). */
  groupId(name: string): number;
  /** Cached per user; users not in the model get a set with just themselves and `Users`. */
  of(user: string): UserPrincipals;
  /**
   * The same principals and units as `of(user)`, without the explanation (no paths, no sorting,
   * not cached): what the allocation-free fast path (fast-path.ts) needs, at a fraction of the
   * cold cost.
   */
  closureOf(user: string): UserClosure;
  /** A group and the groups it is (transitively) a member of, sorted by name (§2.11). */
  groupClosure(group: string): { names: string[]; ids: Set<number> };
};

/** A user's principals without the explanation: ids only. */
export type UserClosure = {
  /** The user's id and the id of every transitive group (incl. the implicit `Users`). */
  ids: number[];
  unitIds: number[];
  orgIds: number[];
  isAdmin: boolean;
};

const sharedIndexes = new WeakMap<
  object,
  { groups: object; organizations: object; index: PrincipalIndex }
>();

/**
 * The principal index of `model`, shared with every model holding the same `users`, `groups` and
 * `organizations` records (the only ones it reads). Why: a what-if change of permission entries
 * keeps those records (shared/apps/apply-edit.ts copies only what an edit writes), so the changed
 * model's evaluator starts with the baseline's closures instead of recomputing them (docs/benchmarks.md "What-if diff").
 * Hazard: like the decider cache (shared/engine/index.ts), this assumes records are never mutated
 * once a model is evaluated; ids interned later by another model's entries only append.
 *
 * @example
 * principalIndexOf(applyChange(model, addAllow).model) === principalIndexOf(model); // true
 */
export function principalIndexOf(model: Model): PrincipalIndex {
  const hit = sharedIndexes.get(model.users);
  if (hit && hit.groups === model.groups && hit.organizations === model.organizations)
    return hit.index;
  const index = createPrincipalIndex(model);
  sharedIndexes.set(model.users, {
    groups: model.groups,
    organizations: model.organizations,
    index,
  });
  return index;
}

export function createPrincipalIndex(model: Model): PrincipalIndex {
  const orgs = createOrgIndex(model);
  // One id space for users and groups: the type is part of the key so a user and a group with the
  // same name stay distinct principals (§1.4 principalType).
  const ids = new Map<string, number>();
  const intern = (key: string): number => {
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  };
  // Name -> id per principal type, so a repeated lookup builds no key string (cold start).
  const userIds = new Map<string, number>();
  const groupIds = new Map<string, number>();
  const userId = (name: string): number => {
    let id = userIds.get(name);
    if (id === undefined) userIds.set(name, (id = intern(`u\u0000${name}`)));
    return id;
  };
  const groupId = (name: string): number => {
    let id = groupIds.get(name);
    if (id === undefined) groupIds.set(name, (id = intern(`g\u0000${name}`)));
    return id;
  };

  // Unit membership by principal: which units list this user / this group as a direct member.
  const unitsByUser = new Map<string, number[]>();
  const unitsByGroup = new Map<string, number[]>();
  for (const unitId of orgs.unitOrder) {
    const info = orgs.unit(unitId);
    for (const member of info.members) {
      const map = member.type === 'user' ? unitsByUser : unitsByGroup;
      let list = map.get(member.name);
      if (!list) map.set(member.name, (list = []));
      if (!list.includes(unitId)) list.push(unitId);
    }
  }

  const cache = new Map<string, UserPrincipals>();

  function compute(user: string): UserPrincipals {
    // Canonical form shared with the reference evaluator (shared/engine/reference/principals.ts):
    // breadth-first over memberOf, direct groups sorted then the implicit `Users`, parents sorted;
    // the first discovery of a group is its (shortest) path. Groups are listed by name.
    const direct = [...new Set(own(model.users, user)?.groups ?? [])].sort();
    if (!direct.includes(IMPLICIT_GROUP)) direct.push(IMPLICIT_GROUP);
    const paths = new Map<string, string[]>();
    const queue: string[] = [];
    for (const g of direct) {
      if (paths.has(g)) continue;
      paths.set(g, [user, g]);
      queue.push(g);
    }
    for (let i = 0; i < queue.length; i++) {
      const g = queue[i] as string;
      const path = paths.get(g) as string[];
      for (const parent of [...(own(model.groups, g)?.memberOf ?? [])].sort()) {
        if (paths.has(parent)) continue;
        paths.set(parent, [...path, parent]);
        queue.push(parent);
      }
    }
    const groups = [...queue].sort().map(name => ({ name, path: paths.get(name) as string[] }));

    // Units: a direct membership gives via [user]; otherwise the member group with the shortest
    // path, ties to the smaller group name. Listed by organization name, then unit name.
    const via = new Map<number, string[]>();
    for (const unitId of unitsByUser.get(user) ?? []) via.set(unitId, [user]);
    for (const g of queue) {
      const path = paths.get(g) as string[];
      for (const unitId of unitsByGroup.get(g) ?? []) {
        const best = via.get(unitId);
        if (
          !best ||
          path.length < best.length ||
          (path.length === best.length && best.length > 1 && g < (best[best.length - 1] as string))
        ) {
          via.set(unitId, path);
        }
      }
    }
    const unitIds = [...via.keys()];
    const units = unitIds
      .map(id => {
        const u = orgs.unit(id);
        return { org: u.org, unit: u.name, via: via.get(id) as string[] };
      })
      .sort((a, b) =>
        a.org < b.org ? -1 : a.org > b.org ? 1 : a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0,
      );
    const orgIds = new Set(unitIds.map(id => orgs.unit(id).orgId));

    const idSet = new Set<number>([userId(user)]);
    for (const g of queue) idSet.add(groupId(g));
    return {
      set: { user, groups, units, isAdmin: paths.has(ADMIN_GROUP) },
      ids: idSet,
      unitIds,
      orgIds,
    };
  }

  function closureOf(user: string): UserClosure {
    // Same closure as `compute` (direct groups, the implicit `Users`, memberOf transitively, names
    // that are not modelled groups included), breadth-first without paths or sorting.
    const seen = new Set<string>();
    const queue: string[] = [];
    for (const g of own(model.users, user)?.groups ?? []) {
      if (!seen.has(g)) {
        seen.add(g);
        queue.push(g);
      }
    }
    if (!seen.has(IMPLICIT_GROUP)) {
      seen.add(IMPLICIT_GROUP);
      queue.push(IMPLICIT_GROUP);
    }
    for (let i = 0; i < queue.length; i++) {
      for (const parent of own(model.groups, queue[i] as string)?.memberOf ?? []) {
        if (!seen.has(parent)) {
          seen.add(parent);
          queue.push(parent);
        }
      }
    }
    const ids = [userId(user)];
    const units = new Set<number>(unitsByUser.get(user) ?? []);
    for (const g of queue) {
      ids.push(groupId(g));
      for (const unitId of unitsByGroup.get(g) ?? []) units.add(unitId);
    }
    const unitIds = [...units];
    return {
      ids,
      unitIds,
      orgIds: [...new Set(unitIds.map(id => orgs.unit(id).orgId))],
      isAdmin: seen.has(ADMIN_GROUP),
    };
  }

  function groupClosure(group: string): { names: string[]; ids: Set<number> } {
    const names = [group];
    for (let i = 0; i < names.length; i++) {
      for (const parent of own(model.groups, names[i] as string)?.memberOf ?? [])
        if (!names.includes(parent)) names.push(parent);
    }
    return { names: names.sort(), ids: new Set(names.map(groupId)) };
  }

  return {
    orgs,
    userId,
    groupId,
    closureOf,
    groupClosure,
    of(user) {
      let p = cache.get(user);
      if (!p) cache.set(user, (p = compute(user)));
      return p;
    },
  };
}
