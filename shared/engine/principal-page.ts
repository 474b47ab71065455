/**
 * What a trainer shows about one user or group (§2.11, §4.7, §9.2): its groups (direct and through
 * nesting, with the path), its members (direct and unrolled, with the path), the organizational
 * units it belongs to, and every entry across the model that names it (entity, template instance,
 * shape instance, collection; run time and design time), plus the visibility grants that name one
 * of its units or organizations. Pure: the same model gives the same page.
 *
 * @example
 * const p = principalPage(model, { type: 'group', name: 'Operators' });
 * p?.unrolledMembers.find(m => m.principal.name === 'alice')?.path; // ['alice', 'DataAnalysts', 'Operators']
 */
import type {
  CollectionName,
  Model,
  PermissionSet,
  PrincipalRef,
  RuntimeEntry,
} from '../model/types';
import type { ElementRef, Level } from '../model/decision';
import { levelNotation } from '../model/decision';
import { ADMINISTRATORS_GROUP, USERS_GROUP } from '../model/builtins';
import { own } from '../model/own';
import { getDecider } from './index';
import { entryText, levelRef, visibilityText } from './explain-text';

/** One entry that names the principal (or, for visibility, one of its units or organizations). */
export type PrincipalEntry = {
  family: 'runtime' | 'designtime' | 'visibility';
  /** The entry in the §10 notation, e.g. `instance(SensorTemplate) · PropertyRead · * · Allow · group Operators`. */
  text: string;
  /** Allow or Deny (visibility grants only allow). */
  allow: boolean;
  /** Where the entry is stored, in the §10 notation (`entity(T)`, `instance(Tpl)`, ...). */
  where: string;
  /** The element holding it, to link to. */
  place: ElementRef;
};

export type PrincipalPage = {
  principal: PrincipalRef;
  builtin: boolean;
  /**
   * Why it may not be removed or renamed, or its membership of Users undone: every user is in
   * Users (§3.5); built-in principals cannot be deleted (§3.2, §3.4).
   */
  protectedReason?: string;
  /** Direct groups: a user's groups (Users included), a group's parent groups. */
  directGroups: string[];
  /** Every group reached through nesting, each with one shortest path from the principal. */
  groups: { name: string; path: string[] }[];
  /** Groups only: the users and groups listed as members. */
  directMembers: PrincipalRef[];
  /** Groups only: every user and group that is a member, directly or through nesting, with the path member -> ... -> this group. */
  unrolledMembers: { principal: PrincipalRef; path: string[] }[];
  /** Units it belongs to (directly, or through a group it is in), with the path that makes it so. */
  units: { org: string; unit: string; via: string[] }[];
  entries: PrincipalEntry[];
};

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Groups above `start` (its parents, theirs, ...), breadth first, with one shortest path each. */
function ancestors(model: Model, start: string[], via: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const queue: [string, string[]][] = start.map(g => [g, [...via, g]]);
  while (queue.length > 0) {
    const [g, path] = queue.shift() as [string, string[]];
    if (out.has(g)) continue;
    out.set(g, path);
    for (const parent of own(model.groups, g)?.memberOf ?? [])
      if (!out.has(parent)) queue.push([parent, [...path, parent]]);
  }
  return out;
}

/** Direct members of every group, computed once per model (models are immutable). */
const membersCache = new WeakMap<Model, Map<string, PrincipalRef[]>>();

function membersOf(model: Model): Map<string, PrincipalRef[]> {
  const hit = membersCache.get(model);
  if (hit) return hit;
  const m = new Map<string, PrincipalRef[]>();
  const add = (group: string, p: PrincipalRef) => {
    const list = m.get(group);
    if (list) list.push(p);
    else m.set(group, [p]);
  };
  for (const u of Object.values(model.users))
    for (const g of u.groups) add(g, { type: 'user', name: u.name });
  for (const g of Object.values(model.groups))
    for (const parent of g.memberOf) add(parent, { type: 'group', name: g.name });
  for (const list of m.values())
    list.sort((a, b) => byName(a.type, b.type) || byName(a.name, b.name));
  membersCache.set(model, m);
  return m;
}

/** Units listing any of `keys` (principals with the path that leads to them). */
function unitsOf(
  model: Model,
  keys: Map<string, string[]>,
): { org: string; unit: string; via: string[] }[] {
  const out: { org: string; unit: string; via: string[] }[] = [];
  for (const org of Object.values(model.organizations))
    for (const unit of Object.values(org.units)) {
      let best: string[] | undefined;
      for (const m of unit.members) {
        const via = keys.get(`${m.type}:${m.name}`);
        if (via && (!best || via.length < best.length)) best = via;
      }
      if (best) out.push({ org: org.name, unit: unit.name, via: best });
    }
  return out.sort((a, b) => byName(a.org, b.org) || byName(a.unit, b.unit));
}

type Located = { set: Pick<PermissionSet, 'runtime'> & Partial<PermissionSet>; at: Level };

function everySet(model: Model): Located[] {
  const sets: Located[] = [];
  for (const t of Object.values(model.things))
    sets.push({
      set: t.permissions,
      at: { level: 'entity', entity: t.name, collection: 'Things' },
    });
  for (const t of Object.values(model.templates)) {
    sets.push({ set: t.instance, at: { level: 'instance', template: t.name } });
    sets.push({ set: t.permissions, at: { level: 'template', template: t.name } });
  }
  for (const s of Object.values(model.shapes)) {
    sets.push({ set: s.instance, at: { level: 'shape', shape: s.name } });
    sets.push({
      set: s.permissions,
      at: { level: 'entity', entity: s.name, collection: 'ThingShapes' },
    });
  }
  for (const o of Object.values(model.others))
    sets.push({
      set: o.permissions,
      at: { level: 'entity', entity: o.name, collection: o.collection },
    });
  for (const [name, set] of Object.entries(model.collections))
    if (set) sets.push({ set, at: { level: 'collection', collection: name as CollectionName } });
  return sets;
}

const names = (e: RuntimeEntry | { principal: PrincipalRef }, p: PrincipalRef) =>
  e.principal.type === p.type && e.principal.name === p.name;

function entriesNaming(
  model: Model,
  p: PrincipalRef,
  units: { org: string; unit: string }[],
): PrincipalEntry[] {
  const orgs = new Set(units.map(u => u.org));
  const unitKeys = new Set(units.map(u => `${u.org}\u0000${u.unit}`));
  const out: PrincipalEntry[] = [];
  for (const { set, at } of everySet(model)) {
    const where = levelNotation(at);
    const place = levelRef(at);
    for (const e of set.runtime)
      if (names(e, p))
        out.push({
          family: 'runtime',
          text: entryText({ ...e, at }),
          allow: e.allow,
          where,
          place,
        });
    for (const e of set.designtime ?? [])
      if (names(e, p))
        out.push({
          family: 'designtime',
          text: entryText({ ...e, at }),
          allow: e.allow,
          where,
          place,
        });
    for (const v of set.visibility ?? []) {
      const hit = v.type === 'org' ? orgs.has(v.org) : unitKeys.has(`${v.org}\u0000${v.unit}`);
      if (hit)
        out.push({
          family: 'visibility',
          text: visibilityText({ ...v, at }),
          allow: true,
          where,
          place,
        });
    }
  }
  return out;
}

/** The page of a user or group, or undefined when the model has none of that name. */
export function principalPage(model: Model, p: PrincipalRef): PrincipalPage | undefined {
  if (p.type === 'user') {
    const u = own(model.users, p.name);
    if (!u) return undefined;
    const set = getDecider(model).principals(p.name);
    const units = set.units.map(x => ({ org: x.org, unit: x.unit, via: x.via }));
    return {
      principal: p,
      builtin: u.builtin === true,
      protectedReason: `every user is a member of ${USERS_GROUP} (§3.5)${u.builtin ? '; a built-in user cannot be removed (§3.2)' : ''}`,
      directGroups: [...u.groups],
      groups: set.groups.map(g => ({ name: g.name, path: g.path })),
      directMembers: [],
      unrolledMembers: [],
      units,
      entries: entriesNaming(model, p, units),
    };
  }
  const g = own(model.groups, p.name);
  if (!g) return undefined;
  const up = ancestors(model, g.memberOf, [g.name]);
  const members = membersOf(model);
  const unrolled: { principal: PrincipalRef; path: string[] }[] = [];
  const seen = new Set<string>([`group:${g.name}`]);
  // Breadth first from the group down its members: the first path found to a member is a shortest one.
  const queue: { principal: PrincipalRef; path: string[] }[] = (members.get(g.name) ?? []).map(
    m => ({ principal: m, path: [m.name, g.name] }),
  );
  while (queue.length > 0) {
    const next = queue.shift() as (typeof queue)[number];
    const key = `${next.principal.type}:${next.principal.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unrolled.push(next);
    if (next.principal.type === 'group')
      for (const m of members.get(next.principal.name) ?? [])
        queue.push({ principal: m, path: [m.name, ...next.path] });
  }
  const keys = new Map<string, string[]>([[`group:${g.name}`, [g.name]]]);
  for (const [name, path] of up) keys.set(`group:${name}`, path);
  const units = unitsOf(model, keys);
  const protectedReason =
    g.name === USERS_GROUP
      ? `every user is a member of ${USERS_GROUP} (§3.5); a built-in group cannot be removed (§3.4)`
      : g.name === ADMINISTRATORS_GROUP
        ? 'members of Administrators bypass every check (§3.3); a built-in group cannot be removed (§3.4)'
        : g.builtin
          ? 'a built-in group cannot be removed (§3.4)'
          : undefined;
  return {
    principal: p,
    builtin: g.builtin === true,
    ...(protectedReason ? { protectedReason } : {}),
    directGroups: [...g.memberOf],
    groups: [...up].map(([name, path]) => ({ name, path })),
    directMembers: members.get(g.name) ?? [],
    unrolledMembers: unrolled,
    units,
    entries: entriesNaming(model, p, units),
  };
}
