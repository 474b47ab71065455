/**
 * Turns the fragments of every file into one model file (`ModelFile`, the YAML format of
 * docs/model-format.md): merges what several files say about the same entity (conflicts per part),
 * splits `Organization:Unit` principals after a known organization name, derives memberships from
 * groups and units, and keeps every dangling reference as an unresolved element with a warning.
 *
 * Decisions where the domain reference is silent are listed in docs/import.md; the hazards carry
 * a comment here.
 *
 * @example
 * const b = buildModelFile(collector, { onConflict: 'fail', known: builtinNames() });
 * b.conflicts.length === 0 && b.file.things;
 */
import type {
  AppKeyFile,
  DesignEntryFile,
  ModelFile,
  OrganizationFile,
  PermissionsFile,
  RuntimeEntryFile,
  UnitFile,
} from '../model/file-format';
import { OTHER_ENTITY_KEYS } from '../model/file-format';
import type { CollectionName } from '../model/types';
import {
  BUILTIN_GROUPS,
  BUILTIN_ORGS,
  BUILTIN_USER_GROUPS,
  GENERIC_THING,
} from '../model/builtins';
import type { Collector } from './collector';
import type {
  Fragment,
  FragmentParts,
  ImportConflict,
  ImportReport,
  Loc,
  ModelledCollection,
  OnConflict,
  RawMember,
  RawPermissions,
  RawPrincipal,
} from './types';
import { locText } from './types';

/** Names that exist without the imported files: built-ins, and the open project when merging. */
export type KnownNames = {
  users: Set<string>;
  groups: Set<string>;
  /** Organization -> its unit names. */
  orgs: Map<string, Set<string>>;
  templates: Set<string>;
  shapes: Set<string>;
};

export function builtinNames(): KnownNames {
  return {
    users: new Set(Object.keys(BUILTIN_USER_GROUPS)),
    groups: new Set(BUILTIN_GROUPS),
    orgs: new Map(Object.entries(BUILTIN_ORGS).map(([o, d]) => [o, new Set([d.root])])),
    templates: new Set([GENERIC_THING]),
    shapes: new Set(),
  };
}

export type BuildResult = {
  file: ModelFile;
  conflicts: ImportConflict[];
  entities: Record<string, number>;
  unresolved: ImportReport['unresolved'];
  /** Where each element came from, for mapping compile messages back to a file:line. */
  origin: Map<string, Loc>;
};

/** A record whose keys are entity names: no prototype, so `__proto__` is an ordinary name. */
const nameRecord = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;
const put = <T>(r: Record<string, T>, k: string, v: T): void => {
  Object.defineProperty(r, k, { value: v, enumerable: true, writable: true, configurable: true });
};
const get = <T>(r: Record<string, T>, k: string): T | undefined =>
  Object.hasOwn(r, k) ? r[k] : undefined;

// ---------------------------------------------------------------- merging fragments

const principalKey = (p: RawPrincipal) => `${p.allow ? 'allow' : 'deny'} ${p.type}:${p.name}`;

/** Canonical text of a part, order-free where order carries no meaning (a server re-export reorders, §6.3). */
function canonical(
  part: keyof FragmentParts | 'runtime' | 'designtime' | 'visibility',
  v: unknown,
): string {
  const sorted = (xs: string[]) => JSON.stringify([...xs].sort());
  switch (part) {
    case 'runtime':
      return sorted(
        (v as NonNullable<RawPermissions['runtime']>).map(
          e => `${e.kind} ${e.resource} ${principalKey(e.p)}`,
        ),
      );
    case 'designtime':
      return sorted(
        (v as NonNullable<RawPermissions['designtime']>).map(e => `${e.kind} ${principalKey(e.p)}`),
      );
    case 'visibility':
      return sorted((v as RawPrincipal[]).map(principalKey));
    case 'members':
      return sorted((v as RawMember[]).map(m => `${m.type}:${m.name}`));
    case 'owner':
      return v === null ? 'none' : `${(v as RawMember).type}:${(v as RawMember).name}`;
    case 'connections':
      return sorted((v as NonNullable<FragmentParts['connections']>).map(c => `${c.from}>${c.to}`));
    case 'unitMembers':
      return sorted(
        (v as NonNullable<FragmentParts['unitMembers']>).map(
          u => `${u.unit}=${sorted(u.members.map(m => `${m.type}:${m.name}`))}`,
        ),
      );
    case 'shapes':
    case 'properties':
    case 'services':
    case 'events':
    case 'ipAllowlist':
      return sorted(v as string[]);
    default:
      return JSON.stringify(v);
  }
}

const short = (s: string): string => (s.length > 160 ? `${s.slice(0, 157)}...` : s);

const PART_LABEL: Record<string, string> = {
  runtime: 'run-time permissions',
  designtime: 'design-time permissions',
  visibility: 'visibility permissions',
  members: 'members',
  owner: 'owner',
  template: 'thingTemplate',
  base: 'baseThingTemplate',
  shapes: 'implemented shapes',
  enabled: 'enabled',
  locked: 'locked',
  connections: 'unit connections',
  unitMembers: 'unit members',
  keyUser: 'user',
  expires: 'expiration date',
  ipAllowlist: 'IP allowlist',
  propertyData: 'property base types and defaults',
};

type Merged = { frag: Fragment; places: Map<string, Loc> };

class Merger {
  conflicts: ImportConflict[] = [];
  constructor(private readonly onConflict: OnConflict) {}

  /** Decides one overlapping part; returns true when the later value replaces the kept one. */
  private clash(entity: string, part: string, a: Loc, b: Loc, va: string, vb: string): boolean {
    const kept = this.onConflict === 'last' ? 'last' : 'first';
    this.conflicts.push({
      entity,
      part: PART_LABEL[part] ?? part,
      places: [locText(a), locText(b)],
      values: [short(va), short(vb)],
      ...(this.onConflict === 'fail' ? {} : { kept }),
    });
    return kept === 'last';
  }

  mergeSet(
    entity: string,
    prefix: string,
    kept: RawPermissions,
    next: RawPermissions,
    places: Map<string, Loc>,
    at: Loc,
  ): void {
    for (const fam of ['runtime', 'designtime', 'visibility'] as const) {
      const nv = next[fam];
      if (nv === undefined) continue;
      const key = `${prefix}${fam}`;
      const kv = kept[fam];
      if (kv === undefined) {
        (kept as Record<string, unknown>)[fam] = nv;
        places.set(key, at);
        continue;
      }
      // An empty block says nothing when another file fills it: a source-control tree writes
      // entities with empty blocks and their entries in the permissions file (docs/import.md).
      if (nv.length === 0) continue;
      if (kv.length === 0) {
        (kept as Record<string, unknown>)[fam] = nv;
        places.set(key, at);
        continue;
      }
      const a = canonical(fam, kv);
      const b = canonical(fam, nv);
      if (a === b) continue;
      const label = prefix ? `instance ${fam}` : fam;
      if (this.clash(entity, label, places.get(key) ?? at, at, a, b)) {
        (kept as Record<string, unknown>)[fam] = nv;
        places.set(key, at);
      }
    }
  }

  merge(into: Merged, next: Fragment, entity: string): void {
    const kept = into.frag.parts;
    // The entity's place is its definition, not a record of the permissions file.
    if (into.frag.record && !next.record) {
      into.frag.loc = next.loc;
      delete into.frag.record;
    }
    for (const [k, v] of Object.entries(next.parts) as [keyof FragmentParts, unknown][]) {
      if (v === undefined) continue;
      if (k === 'permissions' || k === 'instance') {
        const prefix = k === 'instance' ? 'instance.' : '';
        if (!kept[k]) kept[k] = {};
        this.mergeSet(
          entity,
          prefix,
          kept[k] as RawPermissions,
          v as RawPermissions,
          into.places,
          next.loc,
        );
        continue;
      }
      const cur = kept[k];
      if (cur === undefined) {
        (kept as Record<string, unknown>)[k] = v;
        into.places.set(k, next.loc);
        continue;
      }
      // §6.6: an empty <Members> does not remove members on a ThingWorx import, so it says nothing.
      if ((k === 'members' || k === 'unitMembers') && (v as unknown[]).length === 0) continue;
      if ((k === 'members' || k === 'unitMembers') && (cur as unknown[]).length === 0) {
        (kept as Record<string, unknown>)[k] = v;
        into.places.set(k, next.loc);
        continue;
      }
      const a = canonical(k, cur);
      const b = canonical(k, v);
      if (a === b) continue;
      if (this.clash(entity, k, into.places.get(k) ?? into.frag.loc, next.loc, a, b)) {
        (kept as Record<string, unknown>)[k] = v;
        into.places.set(k, next.loc);
      }
    }
  }
}

// ---------------------------------------------------------------- building the model file

type Stubs = {
  users: Map<string, Loc>;
  groups: Map<string, Loc>;
  templates: Map<string, Loc>;
  shapes: Map<string, Loc>;
  /** Organization -> unit names referenced. */
  orgs: Map<string, { loc: Loc; units: Set<string> }>;
};

/** The model format writes principals as `user:<name>`: a name must start with a non-space. */
const representable = (name: string): boolean =>
  /^\S/.test(name) && !/[\n\r\u2028\u2029]/.test(name);

export function buildModelFile(
  c: Collector,
  opts: { onConflict: OnConflict; known: KnownNames; name: string },
): BuildResult {
  const merger = new Merger(opts.onConflict);
  const byKey = new Map<string, Merged>();
  for (const f of c.fragments) {
    const key = `${f.collection}\u0000${f.name}`;
    const m = byKey.get(key);
    if (!m) {
      const places = new Map<string, Loc>();
      for (const k of Object.keys(f.parts)) places.set(k, f.loc);
      for (const fam of ['runtime', 'designtime', 'visibility']) {
        places.set(fam, f.loc);
        places.set(`instance.${fam}`, f.loc);
      }
      byKey.set(key, { frag: { ...f, parts: { ...f.parts } }, places });
    } else merger.merge(m, f, `${f.collection}/${f.name}`);
  }
  const colls = new Map<string, Merged>();
  for (const cf of c.collections) {
    const m = colls.get(cf.collection);
    const frag: Fragment = {
      collection: 'Things',
      name: cf.collection,
      loc: cf.loc,
      parts: { permissions: cf.permissions },
    };
    if (!m)
      colls.set(cf.collection, {
        frag: { ...frag, parts: { permissions: { ...cf.permissions } } },
        places: new Map(),
      });
    else merger.merge(m, frag, `collection ${cf.collection}`);
  }

  const frags = [...byKey.values()].map(m => m.frag);
  const of = (col: ModelledCollection) => frags.filter(f => f.collection === col);
  const entities: Record<string, number> = {};
  for (const f of frags) entities[f.collection] = (entities[f.collection] ?? 0) + 1;

  const known = opts.known;
  const users = new Set([...known.users, ...of('Users').map(f => f.name)]);
  const groups = new Set([...known.groups, ...of('Groups').map(f => f.name)]);
  const templates = new Set([...known.templates, ...of('ThingTemplates').map(f => f.name)]);
  const shapes = new Set([...known.shapes, ...of('ThingShapes').map(f => f.name)]);
  const stubs: Stubs = {
    users: new Map(),
    groups: new Map(),
    templates: new Map(),
    shapes: new Map(),
    orgs: new Map(),
  };
  const origin = new Map<string, Loc>();
  const file: ModelFile = { permsim: 1, name: opts.name };
  const warn = (loc: Loc, msg: string) => c.warn(loc, msg);

  const refUser = (name: string, loc: Loc) => {
    if (!users.has(name) && !stubs.users.has(name)) stubs.users.set(name, loc);
  };
  const refGroup = (name: string, loc: Loc) => {
    if (!groups.has(name) && !stubs.groups.has(name)) stubs.groups.set(name, loc);
  };
  const refTemplate = (name: string, loc: Loc) => {
    if (!templates.has(name) && !stubs.templates.has(name)) stubs.templates.set(name, loc);
  };
  const refShape = (name: string, loc: Loc) => {
    if (!shapes.has(name) && !stubs.shapes.has(name)) stubs.shapes.set(name, loc);
  };

  // ---- organizations first: unit names are needed to split `Org:Unit` principals
  const orgUnits = new Map<string, Set<string>>(known.orgs);
  const orgFiles = nameRecord<OrganizationFile>();
  for (const f of of('Organizations')) {
    const built = buildOrganization(f, warn);
    if (!built) continue;
    const builtinRoot = Object.hasOwn(BUILTIN_ORGS, f.name)
      ? BUILTIN_ORGS[f.name]?.root
      : undefined;
    if (builtinRoot !== undefined && built.root !== builtinRoot) {
      warn(
        f.loc,
        `the built-in organization '${f.name}' has the root unit '${builtinRoot}', not '${built.root}'; its units and members in this file are not imported`,
      );
      continue;
    }
    put(orgFiles, f.name, built);
    orgUnits.set(
      f.name,
      new Set([...(known.orgs.get(f.name) ?? []), built.root, ...Object.keys(built.units ?? {})]),
    );
    origin.set(`organizations\u0000${f.name}`, f.loc);
  }
  /** Longest known organization name that `name` starts with, followed by ':' (§4.6). */
  const orgNames = [...orgUnits.keys()].sort((a, b) => b.length - a.length);
  const splitUnit = (name: string): { org: string; unit: string } | undefined => {
    for (const o of orgNames)
      if (name.length > o.length + 1 && name.startsWith(`${o}:`))
        return { org: o, unit: name.slice(o.length + 1) };
    return undefined;
  };

  const principal = (p: RawPrincipal, what: string): string | undefined => {
    if (!representable(p.name)) {
      warn(
        p.loc,
        `principal '${p.name}' cannot be written in a PermSim model (it starts with a space or holds a line break); the entry is ignored`,
      );
      return undefined;
    }
    const isOrg = orgUnits.has(p.name) || splitUnit(p.name) !== undefined;
    if (p.type === 'User') {
      if (!users.has(p.name) && (groups.has(p.name) || isOrg))
        warn(
          p.loc,
          `principal '${p.name}' has type User but names ${groups.has(p.name) ? 'a group' : 'an organization'}; kept as a user as written (not retyped)`,
        );
      refUser(p.name, p.loc);
      return `user:${p.name}`;
    }
    if (p.type === 'Group') {
      if (!groups.has(p.name) && (users.has(p.name) || isOrg))
        warn(
          p.loc,
          `principal '${p.name}' has type Group but names ${users.has(p.name) ? 'a user' : 'an organization'}; kept as a group as written (not retyped)`,
        );
      refGroup(p.name, p.loc);
      return `group:${p.name}`;
    }
    warn(
      p.loc,
      `principal '${p.name}' has type '${p.type}'; ${what} entries take a User or a Group (§1.4); the entry is ignored`,
    );
    return undefined;
  };

  const visibility = (p: RawPrincipal): string | undefined => {
    if (!p.allow) {
      // §2.13, §11.4: no source describes a visibility deny; the model has none.
      c.skip(
        'visibility denies (isPermitted="false")',
        'no source describes a visibility deny (§11.4); PermSim cannot simulate it',
        p.loc,
      );
      return undefined;
    }
    if (p.type === 'Organization') {
      if (!representable(p.name) || p.name.includes(':')) {
        const sp = splitUnit(p.name);
        warn(
          p.loc,
          sp
            ? `principal '${p.name}' has type Organization but names unit '${sp.unit}' of '${sp.org}'; a PermSim model cannot hold an organization with ':' in its name, so the entry is ignored (not retyped)`
            : `organization name '${p.name}' cannot be written in a PermSim model (':' or a leading space); the entry is ignored`,
        );
        return undefined;
      }
      if (!orgUnits.has(p.name)) {
        const s = stubs.orgs.get(p.name) ?? { loc: p.loc, units: new Set<string>() };
        stubs.orgs.set(p.name, s);
      }
      return `org:${p.name}`;
    }
    if (p.type === 'OrganizationalUnit') {
      const sp = splitUnit(p.name);
      if (sp) {
        if (orgUnits.get(sp.org)?.has(sp.unit) || stubs.orgs.has(sp.org)) {
          if (stubs.orgs.has(sp.org)) stubs.orgs.get(sp.org)?.units.add(sp.unit);
          return `unit:${sp.org}:${sp.unit}`;
        }
        // Where the missing unit sits is unknown; placing it anywhere would hand its visibility to
        // that place's ancestors (§4.4). Dropping a grant can only hide, never reveal.
        warn(
          p.loc,
          `unit '${sp.unit}' is not a unit of organization '${sp.org}' in the imported files; the visibility entry is ignored`,
        );
        return undefined;
      }
      const i = p.name.indexOf(':');
      if (i <= 0 || i === p.name.length - 1 || !representable(p.name)) {
        warn(
          p.loc,
          `unit principal '${p.name}' is not written 'Organization:Unit'; the entry is ignored`,
        );
        return undefined;
      }
      // No known organization: split at the first ':' (organization names in the model have none).
      const org = p.name.slice(0, i);
      const unit = p.name.slice(i + 1);
      const s = stubs.orgs.get(org) ?? { loc: p.loc, units: new Set<string>() };
      s.units.add(unit);
      stubs.orgs.set(org, s);
      return `unit:${org}:${unit}`;
    }
    warn(
      p.loc,
      `principal '${p.name}' has type '${p.type}'; visibility takes an Organization or an OrganizationalUnit (§1.5); the entry is ignored`,
    );
    return undefined;
  };

  const permissions = (
    s: RawPermissions | undefined,
    families: ('runtime' | 'designtime' | 'visibility')[],
  ): PermissionsFile | undefined => {
    if (!s) return undefined;
    const out: PermissionsFile = {};
    if (families.includes('runtime') && s.runtime?.length) {
      const list: RuntimeEntryFile[] = [];
      for (const e of s.runtime) {
        const pr = principal(e.p, 'run-time');
        if (!pr) continue;
        list.push({
          [e.p.allow ? 'allow' : 'deny']: e.kind,
          principal: pr,
          ...(e.resource !== '*' ? { resource: e.resource } : {}),
        });
      }
      if (list.length) out.runtime = list;
    }
    if (families.includes('designtime') && s.designtime?.length) {
      const list: DesignEntryFile[] = [];
      for (const e of s.designtime) {
        const pr = principal(e.p, 'design-time');
        if (!pr) continue;
        list.push({ [e.p.allow ? 'allow' : 'deny']: e.kind, principal: pr });
      }
      if (list.length) out.designtime = list;
    }
    if (families.includes('visibility') && s.visibility?.length) {
      const list: string[] = [];
      for (const v of s.visibility) {
        const x = visibility(v);
        if (x && !list.includes(x)) list.push(x);
      }
      if (list.length) out.visibility = list;
    }
    return Object.keys(out).length ? out : undefined;
  };

  const ownerOf = (f: Fragment): string | undefined => {
    const o = f.parts.owner;
    if (!o) return undefined;
    if (o.type !== 'User' && o.type !== '') {
      warn(
        o.loc,
        `owner '${o.name}' of ${f.name} has type '${o.type}'; an owner is a user (§1.10), so the owner is not imported`,
      );
      return undefined;
    }
    if (!representable(o.name)) return undefined;
    refUser(o.name, o.loc);
    return o.name;
  };

  const ALL = ['runtime', 'designtime', 'visibility'] as (
    'runtime' | 'designtime' | 'visibility'
  )[];
  const chars = (f: Fragment) => ({
    ...(f.parts.properties?.length
      ? {
          // A property with a base type or default is written as { name, baseType, defaultValue }.
          properties: f.parts.properties.map(n => {
            const d = f.parts.propertyData ? get(f.parts.propertyData, n) : undefined;
            return d ? { name: n, ...d } : n;
          }),
        }
      : {}),
    ...(f.parts.services?.length ? { services: f.parts.services } : {}),
    ...(f.parts.events?.length ? { events: f.parts.events } : {}),
  });
  const setIf = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

  // ---- memberships (groups' members lists; stored on the member in the model)
  const userGroups = new Map<string, string[]>();
  const groupParents = new Map<string, string[]>();
  const addTo = (m: Map<string, string[]>, k: string, v: string) => {
    const l = m.get(k) ?? [];
    if (!l.includes(v)) l.push(v);
    m.set(k, l);
  };
  for (const g of of('Groups'))
    for (const m of g.parts.members ?? []) {
      if (!representable(m.name)) continue;
      if (m.type === 'User') {
        refUser(m.name, m.loc);
        addTo(userGroups, m.name, g.name);
      } else if (m.type === 'Group') {
        if (m.name === g.name) {
          warn(m.loc, `group '${g.name}' lists itself as a member; ignored`);
          continue;
        }
        refGroup(m.name, m.loc);
        addTo(groupParents, m.name, g.name);
      } else
        warn(
          m.loc,
          `member '${m.name}' of group '${g.name}' has type '${m.type}'; a group holds users and groups; ignored`,
        );
    }

  // ---- unit members (after the org structure, before stubs are written)
  for (const f of of('Organizations')) {
    const of_ = get(orgFiles, f.name);
    if (!of_) continue;
    for (const um of f.parts.unitMembers ?? []) {
      const unit = of_.units ? get(of_.units, um.unit) : undefined;
      if (!unit) continue;
      const list: string[] = [];
      for (const m of um.members) {
        if (!representable(m.name)) continue;
        if (m.type === 'User') refUser(m.name, m.loc);
        else if (m.type === 'Group') refGroup(m.name, m.loc);
        else {
          warn(
            m.loc,
            `member '${m.name}' of unit '${um.unit}' has type '${m.type}'; a unit holds users and groups (§4.1); ignored`,
          );
          continue;
        }
        const s = `${m.type === 'User' ? 'user' : 'group'}:${m.name}`;
        if (!list.includes(s)) list.push(s);
      }
      if (list.length) unit.members = list;
    }
  }

  // ---- Things, templates, shapes, others
  const things = nameRecord<NonNullable<ModelFile['things']>[string]>();
  for (const f of of('Things')) {
    const t = f.parts.template;
    if (t !== undefined && t !== GENERIC_THING) refTemplate(t, f.loc);
    for (const s of f.parts.shapes ?? []) refShape(s, f.loc);
    put(
      things,
      f.name,
      setIf({
        template: t !== undefined && t !== GENERIC_THING ? t : undefined,
        shapes: f.parts.shapes?.length ? f.parts.shapes : undefined,
        ...chars(f),
        owner: ownerOf(f),
        enabled: f.parts.enabled === false ? false : undefined,
        permissions: permissions(f.parts.permissions, ALL),
      }),
    );
    origin.set(`things\u0000${f.name}`, f.loc);
  }
  const tpls = nameRecord<NonNullable<ModelFile['templates']>[string]>();
  for (const f of of('ThingTemplates')) {
    // The root template has no base (model-format.md "Built-ins"); an export of it may name one.
    const b = f.name === GENERIC_THING ? undefined : f.parts.base;
    if (b !== undefined && b !== GENERIC_THING) refTemplate(b, f.loc);
    for (const s of f.parts.shapes ?? []) refShape(s, f.loc);
    put(
      tpls,
      f.name,
      setIf({
        base: b !== undefined && b !== GENERIC_THING ? b : undefined,
        shapes: f.parts.shapes?.length ? f.parts.shapes : undefined,
        ...chars(f),
        owner: ownerOf(f),
        permissions: permissions(f.parts.permissions, ALL),
        instance: permissions(f.parts.instance, ALL),
      }),
    );
    origin.set(`templates\u0000${f.name}`, f.loc);
  }
  const shp = nameRecord<NonNullable<ModelFile['shapes']>[string]>();
  for (const f of of('ThingShapes')) {
    const perms = permissions(f.parts.permissions, ['designtime', 'visibility']);
    const inst = permissions(f.parts.instance, ['runtime']);
    put(
      shp,
      f.name,
      setIf({
        ...chars(f),
        owner: ownerOf(f),
        permissions: perms,
        instance: inst?.runtime ? { runtime: inst.runtime } : undefined,
      }),
    );
    origin.set(`shapes\u0000${f.name}`, f.loc);
  }
  for (const [key, coll] of Object.entries(OTHER_ENTITY_KEYS) as [
    keyof typeof OTHER_ENTITY_KEYS,
    ModelledCollection,
  ][]) {
    const rec = nameRecord<NonNullable<ModelFile['resources']>[string]>();
    for (const f of of(coll)) {
      put(
        rec,
        f.name,
        setIf({
          ...chars(f),
          owner: ownerOf(f),
          permissions: permissions(f.parts.permissions, ALL),
        }),
      );
      origin.set(`${key}\u0000${f.name}`, f.loc);
    }
    if (Object.keys(rec).length) file[key] = rec;
  }

  // ---- collection-level blocks
  const collections: Partial<Record<CollectionName, PermissionsFile>> = {};
  for (const [name, m] of colls) {
    const p = permissions(m.frag.parts.permissions, ALL);
    if (p) collections[name as CollectionName] = p;
  }

  // ---- application keys
  const keys = nameRecord<AppKeyFile>();
  for (const f of of('ApplicationKeys')) {
    const u = f.parts.keyUser;
    if (!u || !representable(u)) {
      warn(
        f.loc,
        `application key '${f.name}' names no user (userNameReference); the key is not imported`,
      );
      continue;
    }
    refUser(u, f.loc);
    const k: AppKeyFile = { user: u };
    if (f.parts.expires) {
      const e = normaliseExpiry(f.parts.expires);
      if (e.value) k.expires = e.value;
      if (e.note) warn(f.loc, `application key '${f.name}': ${e.note}`);
    }
    if (f.parts.ipAllowlist?.length) {
      const ips = normaliseAllowlist(f.parts.ipAllowlist, note =>
        warn(f.loc, `application key '${f.name}': ${note}`),
      );
      if (ips.length) k.ipAllowlist = ips;
    }
    put(keys, f.name, k);
    origin.set(`appKeys\u0000${f.name}`, f.loc);
  }

  // ---- users and groups (defined, then referenced-only stubs)
  const usersOut = nameRecord<NonNullable<ModelFile['users']>[string]>();
  for (const f of of('Users')) {
    put(
      usersOut,
      f.name,
      setIf({
        groups: userGroups.get(f.name),
        // A flag the file states is kept even when it is the default, so a file that unlocks or
        // enables a user does so when merged into a project where the user is locked or disabled.
        enabled: f.parts.enabled,
        locked: f.parts.locked,
      }),
    );
    origin.set(`users\u0000${f.name}`, f.loc);
  }
  const groupsOut = nameRecord<NonNullable<ModelFile['groups']>[string]>();
  for (const f of of('Groups')) {
    put(groupsOut, f.name, setIf({ memberOf: groupParents.get(f.name) }));
    origin.set(`groups\u0000${f.name}`, f.loc);
  }
  const unresolved: ImportReport['unresolved'] = [];
  const dangling = (kind: string, name: string, loc: Loc) => {
    unresolved.push({ kind, name, firstReference: locText(loc) });
    warn(
      loc,
      `${kind} '${name}' is referenced here but not defined in the imported files; kept as unresolved`,
    );
  };
  for (const [n, loc] of stubs.groups) {
    put(groupsOut, n, setIf({ memberOf: groupParents.get(n), unresolved: true as const }));
    dangling('group', n, loc);
  }
  for (const [n, loc] of stubs.users) {
    put(usersOut, n, setIf({ groups: userGroups.get(n), unresolved: true as const }));
    dangling('user', n, loc);
  }
  // Memberships of known (built-in or project) users and groups that the files do not define.
  for (const [u, gs] of userGroups)
    if (!Object.hasOwn(usersOut, u)) put(usersOut, u, { groups: gs });
  for (const [g, ps] of groupParents)
    if (!Object.hasOwn(groupsOut, g)) put(groupsOut, g, { memberOf: ps });

  for (const [n, loc] of stubs.templates) {
    put(tpls, n, { unresolved: true });
    dangling('template', n, loc);
  }
  for (const [n, loc] of stubs.shapes) {
    put(shp, n, { unresolved: true });
    dangling('shape', n, loc);
  }
  for (const [n, s] of stubs.orgs) {
    // An unresolved organization gets a root unit named after it, with the referenced units as
    // its children, and no members: its grants then reach nobody until it is defined.
    const units: Record<string, UnitFile> = nameRecord();
    const children = [...s.units].filter(u => u !== n);
    put(units, n, children.length ? { children } : {});
    for (const u of children) put(units, u, {});
    put(orgFiles, n, { root: n, units, unresolved: true });
    dangling('organization', n, s.loc);
  }

  if (Object.keys(usersOut).length) file.users = usersOut;
  if (Object.keys(groupsOut).length) file.groups = groupsOut;
  if (Object.keys(orgFiles).length) file.organizations = orgFiles;
  if (Object.keys(shp).length) file.shapes = shp;
  if (Object.keys(tpls).length) file.templates = tpls;
  if (Object.keys(things).length) file.things = things;
  if (Object.keys(collections).length) file.collections = collections;
  if (Object.keys(keys).length) file.appKeys = keys;

  return { file, conflicts: merger.conflicts, entities, unresolved, origin };
}

/** Builds an organization's units from `<Connection from to>` pairs and unit member lists (§4.2, §6.5). */
function buildOrganization(
  f: Fragment,
  warn: (l: Loc, m: string) => void,
): OrganizationFile | undefined {
  const conns = f.parts.connections ?? [];
  const roots = conns.filter(c => c.from === '');
  const declared = (f.parts.unitMembers ?? []).map(u => u.unit);
  let root = roots[0]?.to;
  for (const extra of roots.slice(1))
    if (extra.to !== root)
      warn(
        extra.loc,
        `organization '${f.name}' has a second root unit '${extra.to}' (from=""); '${root ?? ''}' is kept as the root and '${extra.to}' becomes its child`,
      );
  const parent = new Map<string, string>();
  const order: string[] = [];
  const note = (u: string) => {
    if (!order.includes(u)) order.push(u);
  };
  for (const c of conns) {
    if (c.from === '') {
      note(c.to);
      continue;
    }
    note(c.from);
    note(c.to);
    const p = parent.get(c.to);
    if (p !== undefined && p !== c.from) {
      warn(
        c.loc,
        `unit '${c.to}' of '${f.name}' has two parents ('${p}' and '${c.from}'); the first is kept (§4.2)`,
      );
      continue;
    }
    if (c.to === root) {
      warn(
        c.loc,
        `the root unit '${c.to}' of '${f.name}' is listed as a child of '${c.from}'; ignored`,
      );
      continue;
    }
    parent.set(c.to, c.from);
  }
  for (const u of declared) note(u);
  if (root === undefined) {
    // No `from=""` connection: the first unit without a parent is taken as the root.
    root = order.find(u => !parent.has(u)) ?? f.name;
    note(root);
    warn(
      f.loc,
      `organization '${f.name}' has no root connection (from=""); '${root}' is taken as its root unit`,
    );
  }
  for (const extra of roots.slice(1))
    if (extra.to !== root && !parent.has(extra.to)) parent.set(extra.to, root);
  // Units that no connection places (a partial file) hang under the root, with a warning.
  for (const u of order)
    if (u !== root && !parent.has(u)) {
      parent.set(u, root);
      warn(
        f.loc,
        `unit '${u}' of '${f.name}' is not connected to any parent; it is placed under the root unit '${root}'`,
      );
    }
  // Break cycles: a unit whose parent chain does not reach the root is re-hung under the root.
  for (const u of order) {
    if (u === root) continue;
    const seen: Set<string> = new Set([u]);
    let x: string | undefined = parent.get(u);
    while (x !== undefined && x !== root && !seen.has(x)) {
      seen.add(x);
      x = parent.get(x);
    }
    if (x !== root) {
      warn(
        f.loc,
        `unit '${u}' of '${f.name}' sits in a loop of connections; it is placed under the root unit '${root}'`,
      );
      parent.set(u, root);
    }
  }
  const units: Record<string, UnitFile> = nameRecord();
  for (const u of order) put(units, u, {});
  for (const u of order) {
    const p = parent.get(u);
    if (p === undefined) continue;
    const pu = get(units, p);
    if (pu) pu.children = [...(pu.children ?? []), u];
  }
  return { root, units };
}

/**
 * Application-key expiry in any time-zone form ThingWorx or a person writes: ISO with `Z`,
 * `+01:00`, `+0100` or `+01`, a space for `T`, milliseconds since 1970. Without a zone, UTC is
 * assumed (with a note). Normalised to ISO-8601 UTC.
 */
export function normaliseExpiry(raw: string): { value?: string; note?: string } {
  const t = raw.trim();
  if (/^-?\d{9,}$/.test(t)) {
    const d = new Date(Number(t));
    return Number.isNaN(d.getTime())
      ? { note: `expiration '${raw}' is not a date; the key is imported without an expiry` }
      : { value: d.toISOString() };
  }
  const m =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      t,
    );
  if (!m)
    return {
      note: `expiration '${raw}' is not a date PermSim can read; the key is imported without an expiry`,
    };
  const time = m[2] ?? '00:00:00';
  let zone = m[3];
  let note: string | undefined;
  if (zone === undefined) {
    zone = 'Z';
    note = `expiration '${raw}' has no time zone; read as UTC`;
  } else if (/^(z|UTC|GMT)$/i.test(zone)) zone = 'Z';
  else if (/^[+-]\d{2}$/.test(zone)) zone = `${zone}:00`;
  else if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const d = new Date(`${m[1]}T${time}${zone}`);
  if (Number.isNaN(d.getTime()))
    return {
      note: `expiration '${raw}' is not a valid date; the key is imported without an expiry`,
    };
  return note ? { value: d.toISOString(), note } : { value: d.toISOString() };
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * IP allowlist entries: addresses, IPv4 CIDR blocks, and `10.1.*`-style wildcards (turned into a
 * CIDR block). An entry PermSim cannot represent is dropped with a note; if that would leave the
 * list empty (= any IP), a block that matches nothing stands in, so dropping never opens the key.
 */
export function normaliseAllowlist(list: string[], note: (m: string) => void): string[] {
  const out: string[] = [];
  let dropped = 0;
  for (const raw of list) {
    const e = raw.trim();
    if (IPV4.test(e) || (/^[0-9a-fA-F:]+$/.test(e) && e.includes(':'))) out.push(e);
    else if (
      /^[\d.]+\/\d{1,2}$/.test(e) &&
      IPV4.test(e.split('/')[0] ?? '') &&
      Number(e.split('/')[1]) <= 32
    )
      out.push(e);
    else if (/^(\d{1,3}\.){0,3}\*(\.\*)*$/.test(e)) {
      const fixed = e.split('.').filter(x => x !== '*');
      if (fixed.every(x => IPV4.test(`${x}.0.0.0`))) {
        const octets = [...fixed, '0', '0', '0', '0'].slice(0, 4);
        out.push(`${octets.join('.')}/${fixed.length * 8}`);
      } else dropped += 1;
    } else {
      dropped += 1;
      note(`IP allowlist entry '${e}' cannot be simulated; dropped`);
    }
  }
  if (dropped && out.length === 0) {
    note(
      'no allowlist entry could be simulated; the key is limited to an address that matches no client (255.255.255.255/32) rather than opened to any IP',
    );
    out.push('255.255.255.255/32');
  }
  return out;
}
