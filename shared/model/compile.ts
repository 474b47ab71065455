/**
 * Compiles a structurally valid model file (`ModelFile`, see file-format.ts) into the normalized
 * `Model`: adds the built-ins (builtins.ts), applies defaults, and checks everything the schema
 * cannot: unknown names (with "did you mean"), group cycles, template chain loops, unit trees, etc.
 * Issues carry the path of the offending node; load.ts turns paths into file:line:column.
 *
 * @example
 * const r = compileModel({ permsim: 1, users: { alice: { groups: ['Ops'] } }, groups: { Ops: {} } }, 'demo');
 * r.errors.length === 0 && r.model.users['alice']?.groups; // ['Ops', 'Users']
 */
import type {
  AppsGrant,
  Characteristics,
  CollectionName,
  DesignEntry,
  EquipmentContext,
  EquipmentNode,
  Model,
  OrgUnit,
  OtherEntityCollection,
  PermissionSet,
  PrincipalRef,
  PropertyData,
  RuntimeEntry,
  SavedRequest,
  Thing,
  User,
  VisibilityPrincipal,
} from './types';
import { COLLECTION_NAMES, DEFAULT_FACTORY, DEFAULT_SEMANTICS, emptyPermissionSet } from './types';
import type {
  ContextFile,
  DesignEntryFile,
  EquipmentNodeFile,
  GrantFile,
  ModelFile,
  PropertyFile,
  RequestFile,
  RuntimeEntryFile,
  ThingFile,
  UserFile,
} from './file-format';
import { OTHER_ENTITY_KEYS } from './file-format';
import {
  BUILTIN_MEMBER_OF,
  BUILTIN_ORGS,
  BUILTIN_USER_GROUPS,
  GENERIC_THING,
  USERS_GROUP,
  builtinModel,
} from './builtins';
import { suggestionSuffix } from './suggest';
import { DEFAULT_BASE_TYPE, defaultValueProblem } from './property-data';
import { own as ownEntry, setOwn } from './own';

export type IssuePath = (string | number)[];
/** `atKey`: point at the map key of the last path segment rather than at its value. */
export type CompileIssue = { path: IssuePath; message: string; atKey?: boolean };
export type CompileResult = { model: Model; errors: CompileIssue[]; warnings: CompileIssue[] };

const NO_OWNER: { owner?: string } = Object.freeze({});
const NO_NAMES: readonly string[] = Object.freeze([]);

/** `Object.entries`, which is several times slower than this on records of 50,000 keys. */
const entries = <T>(r: Record<string, T> | undefined): [string, T][] => {
  if (!r) return [];
  const keys = Object.keys(r);
  const out = new Array<[string, T]>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    out[i] = [k, r[k] as T];
  }
  return out;
};

/** Parses `user:x` / `group:y` (already format-checked by the schema). */
export function parsePrincipal(s: string): PrincipalRef {
  const i = s.indexOf(':');
  return { type: s.slice(0, i) === 'user' ? 'user' : 'group', name: s.slice(i + 1) };
}

/** Parses `org:X` / `unit:X:Y` (already format-checked by the schema). */
export function parseVisibility(s: string): VisibilityPrincipal {
  if (s.startsWith('org:')) return { type: 'org', org: s.slice(4) };
  const rest = s.slice(5);
  const i = rest.indexOf(':');
  return { type: 'unit', org: rest.slice(0, i), unit: rest.slice(i + 1) };
}

export const principalToString = (p: PrincipalRef): string => `${p.type}:${p.name}`;
export const visibilityToString = (v: VisibilityPrincipal): string =>
  v.type === 'org' ? `org:${v.org}` : `unit:${v.org}:${v.unit}`;

/** Canonical order of a user's groups: built-in groups of that user, then the file's, then `Users` last. */
export function canonicalUserGroups(userName: string, declared: readonly string[]): string[] {
  const out: string[] = [...(ownEntry(BUILTIN_USER_GROUPS, userName) ?? [])];
  for (const g of declared) if (g !== USERS_GROUP && !out.includes(g)) out.push(g);
  out.push(USERS_GROUP);
  return out;
}

/** Canonical order of a group's parents: built-in parents first, then the file's. */
export function canonicalMemberOf(groupName: string, declared: readonly string[]): string[] {
  const out: string[] = [...(ownEntry(BUILTIN_MEMBER_OF, groupName) ?? [])];
  for (const g of declared) if (!out.includes(g)) out.push(g);
  return out;
}

/** Name of the default file name stem: `demo/sensor.yaml` -> `sensor`. */
export function modelNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.(ya?ml|json)$/i, '');
}

export const defaultNetworkName = (context: string): string => `${context}Network`;
export const defaultDisplayName = (context: string): string =>
  context === 'DefaultContext' ? 'Factory View' : context;

/**
 * Compiles a validated file. Never throws on well-typed input; issues are collected.
 *
 * @example
 * compileModel(file, 'demo').errors; // [] when every name resolves
 */
export function compileModel(file: ModelFile, defaultName: string): CompileResult {
  const errors: CompileIssue[] = [];
  const warnings: CompileIssue[] = [];
  const err = (path: IssuePath, message: string, atKey = false) =>
    errors.push(atKey ? { path, message, atKey } : { path, message });
  const warn = (path: IssuePath, message: string, atKey = false) =>
    warnings.push(atKey ? { path, message, atKey } : { path, message });

  const factory = { ...DEFAULT_FACTORY, ...(file.factory ?? {}) };
  const model = builtinModel(factory, file.name ?? defaultName);
  model.semantics = { ...DEFAULT_SEMANTICS, ...(file.semantics ?? {}) };
  if (file.now !== undefined) model.now = file.now;

  /**
   * Appends names not yet present; warns on repeats inside the file list (at `path.key[i]`). Paths
   * are built only for an issue: a size-L file has hundreds of thousands of these lists.
   */
  const addNames = (
    target: string[],
    list: readonly string[] | undefined,
    path: IssuePath,
    key: string,
    what: string,
  ) => {
    if (!list) return;
    const seen = repeatsOf(list);
    // A long target gets a set, so adding stays linear.
    const present = list.length + target.length > 16 ? new Set(target) : undefined;
    for (let i = 0; i < list.length; i++) {
      const n = list[i] as string;
      if (seen(n, i)) {
        warn([...path, key, i], `${what} '${n}' is listed twice; the repeat is ignored`);
        continue;
      }
      if (present ? present.has(n) : target.includes(n)) continue;
      target.push(n);
      present?.add(n);
    }
  };

  // ---- groups and users (names first, so that references can be checked in any order)
  for (const [g, def] of entries(file.groups)) {
    const existing = ownEntry(model.groups, g);
    if (existing)
      existing.memberOf = canonicalMemberOf(g, [...existing.memberOf, ...(def.memberOf ?? [])]);
    else
      setOwn(model.groups, g, {
        name: g,
        memberOf: canonicalMemberOf(g, def.memberOf ?? []),
        ...(def.unresolved ? { unresolved: true as const } : {}),
      });
  }
  const groupNames = Object.keys(model.groups);
  // The same undeclared name is often written many times: its suggestion is looked for once.
  const groupSuggestions = new Map<string, string>();
  const groupSuggestion = (g: string): string => {
    let hint = groupSuggestions.get(g);
    if (hint === undefined) groupSuggestions.set(g, (hint = suggestionSuffix(g, groupNames)));
    return hint;
  };
  for (const [g, def] of entries(file.groups)) {
    const list = def.memberOf;
    if (!list) continue;
    const seen = repeatsOf(list);
    for (let i = 0; i < list.length; i++) {
      const p = list[i] as string;
      if (seen(p, i))
        warn(['groups', g, 'memberOf', i], `group '${p}' is listed twice in memberOf of '${g}'`);
      if (!ownEntry(model.groups, p))
        err(['groups', g, 'memberOf', i], `group '${p}' is not declared${groupSuggestion(p)}`);
      else if (p === g)
        err(['groups', g, 'memberOf', i], `group '${g}' cannot be a member of itself`);
    }
  }
  const fileUsers: Record<string, UserFile> = file.users ?? {};
  const fileUserNames = Object.keys(fileUsers);
  for (let ui = 0; ui < fileUserNames.length; ui++) {
    const u = fileUserNames[ui] as string;
    const def = fileUsers[u] as UserFile;
    const existing = ownEntry(model.users, u);
    const groups = canonicalUserGroups(
      u,
      existing ? [...existing.groups, ...(def.groups ?? [])] : (def.groups ?? []),
    );
    // Optional keys are added after the fixed ones, in the order a spread would have added them.
    const user: User = {
      name: u,
      enabled: def.enabled ?? existing?.enabled ?? true,
      locked: def.locked ?? existing?.locked ?? false,
      groups,
    };
    if (def.password !== undefined) user.password = def.password;
    if (existing?.builtin) user.builtin = true;
    if (def.unresolved) user.unresolved = true;
    setOwn(model.users, u, user);
    const list = def.groups;
    if (list) {
      const seen = repeatsOf(list);
      for (let i = 0; i < list.length; i++) {
        const g = list[i] as string;
        if (seen(g, i))
          warn(['users', u, 'groups', i], `group '${g}' is listed twice for user '${u}'`);
        if (!ownEntry(model.groups, g))
          err(['users', u, 'groups', i], `group '${g}' is not declared${groupSuggestion(g)}`);
      }
    }
  }
  for (let ui = 0; ui < fileUserNames.length; ui++) {
    const u = fileUserNames[ui] as string;
    if (u.includes(':'))
      warn(
        ['users', u],
        `user name '${u}' contains ':'; such users cannot log in with Basic auth (§5.8)`,
        true,
      );
  }
  reportGroupCycles(model, file, err);

  const userNames = Object.keys(model.users);
  let principalCandidates: string[] | undefined;
  /**
   * Each principal text is parsed and looked up once: a size-L file names the same few thousand
   * principals in 120,000 entries. The entries share the parsed reference (it is never mutated),
   * and an undeclared one keeps its message, reported at every place that names it.
   */
  const principals = new Map<string, { ref: PrincipalRef; problem?: string }>();
  const principalOf = (s: string): { ref: PrincipalRef; problem?: string } => {
    const cached = principals.get(s);
    if (cached) return cached;
    const p = parsePrincipal(s);
    const known =
      p.type === 'user' ? ownEntry(model.users, p.name) : ownEntry(model.groups, p.name);
    let problem: string | undefined;
    if (!known) {
      // A user written as a group (or the reverse) is the likeliest slip: suggest the other type first.
      const other =
        p.type === 'user'
          ? ownEntry(model.groups, p.name) && `group:${p.name}`
          : ownEntry(model.users, p.name) && `user:${p.name}`;
      principalCandidates ??= [
        ...userNames.map(n => `user:${n}`),
        ...groupNames.map(n => `group:${n}`),
      ];
      const hint = other
        ? `; did you mean \`${other}\`?`
        : suggestionSuffix(s, principalCandidates, x => `\`${x}\``);
      problem = `\`${s}\` is not declared${hint}`;
    }
    const entry = problem === undefined ? { ref: p } : { ref: p, problem };
    principals.set(s, entry);
    return entry;
  };
  /** The principal `s`, written at `path` + `seg` (+ `seg2`); the path is built only for an issue. */
  const principal = (
    s: string,
    path: IssuePath,
    seg?: string | number,
    seg2?: string | number,
  ): PrincipalRef => {
    const p = principalOf(s);
    if (p.problem !== undefined)
      err(
        seg === undefined ? path : seg2 === undefined ? [...path, seg] : [...path, seg, seg2],
        p.problem,
      );
    return p.ref;
  };
  const userRef = (u: string, path: IssuePath, what: string) => {
    if (!ownEntry(model.users, u))
      err(path, `${what} '${u}' is not a declared user${suggestionSuffix(u, userNames)}`);
  };

  // ---- organizations
  for (const [o, def] of entries(file.organizations))
    compileOrganization(model, o, def, principal, err);
  // Like principals, each visibility text is parsed once and the entries share it (never mutated).
  const visibilities = new Map<string, VisibilityPrincipal>();
  const visibility = (s: string, listPath: IssuePath, i: number): VisibilityPrincipal => {
    let v = visibilities.get(s);
    if (v === undefined) visibilities.set(s, (v = parseVisibility(s)));
    const org = ownEntry(model.organizations, v.org);
    if (!org) {
      err(
        [...listPath, i],
        `organization '${v.org}' is not declared${suggestionSuffix(v.org, Object.keys(model.organizations))}`,
      );
    } else if (v.type === 'unit' && !ownEntry(org.units, v.unit)) {
      err(
        [...listPath, i],
        `organization '${v.org}' has no unit '${v.unit}'${suggestionSuffix(v.unit, Object.keys(org.units))}`,
      );
    }
    return v;
  };

  // ---- permission entries (paths of single items are built only for an issue)
  const runtimeEntries = (
    list: RuntimeEntryFile[] | undefined,
    path: IssuePath,
    out: RuntimeEntry[] = [],
  ): RuntimeEntry[] => {
    if (!list) return out;
    for (let i = 0; i < list.length; i++) {
      const e = list[i] as RuntimeEntryFile;
      // allowDeny, without its result object for the usual entry (one of the two, not both).
      const allow = e.deny === undefined;
      const kinds = allow ? e.allow : e.allow === undefined ? e.deny : undefined;
      if (kinds === undefined) {
        allowDeny(e, path, i, err);
        continue;
      }
      const pr = principal(e.principal, path, i, 'principal');
      const resource = e.resource ?? '*';
      if (typeof kinds === 'string') out.push({ kind: kinds, resource, principal: pr, allow });
      else for (const kind of kinds) out.push({ kind, resource, principal: pr, allow });
    }
    return out;
  };
  const designEntries = (
    list: DesignEntryFile[] | undefined,
    path: IssuePath,
    out: DesignEntry[] = [],
  ): DesignEntry[] => {
    if (!list) return out;
    for (let i = 0; i < list.length; i++) {
      const e = list[i] as DesignEntryFile;
      const allow = e.deny === undefined;
      const kinds = allow ? e.allow : e.allow === undefined ? e.deny : undefined;
      if (kinds === undefined) {
        allowDeny(e, path, i, err);
        continue;
      }
      const pr = principal(e.principal, path, i, 'principal');
      if (typeof kinds === 'string') out.push({ kind: kinds, principal: pr, allow });
      else for (const kind of kinds) out.push({ kind, principal: pr, allow });
    }
    return out;
  };
  /** Adds the list's visibility principals to `out`, each once (a repeat inside the list is warned). */
  const visibilityEntries = (
    list: string[] | undefined,
    path: IssuePath,
    out: VisibilityPrincipal[],
  ): void => {
    if (!list) return;
    // `visibilityToString(parseVisibility(s)) === s` for every text the schema accepts.
    const inBase = out.length === 0 ? NO_NAMES : out.map(visibilityToString);
    for (let i = 0; i < list.length; i++) {
      const s = list[i] as string;
      const v = visibility(s, path, i);
      if (list.indexOf(s) < i) warn([...path, i], `'${s}' is listed twice`);
      else if (!inBase.includes(s)) out.push(v);
    }
  };
  const permissionSet = (
    f:
      | { runtime?: RuntimeEntryFile[]; designtime?: DesignEntryFile[]; visibility?: string[] }
      | undefined,
    path: IssuePath,
    base?: PermissionSet,
  ): PermissionSet => {
    const set: PermissionSet = {
      runtime: base ? [...base.runtime] : [],
      designtime: base ? [...base.designtime] : [],
      visibility: base ? [...base.visibility] : [],
    };
    if (!f) return set;
    if (f.runtime) runtimeEntries(f.runtime, [...path, 'runtime'], set.runtime);
    if (f.designtime) designEntries(f.designtime, [...path, 'designtime'], set.designtime);
    if (f.visibility) visibilityEntries(f.visibility, [...path, 'visibility'], set.visibility);
    return set;
  };
  const characteristics = (
    f: { properties?: (string | PropertyFile)[]; services?: string[]; events?: string[] },
    path: IssuePath,
    base?: Characteristics,
  ): Characteristics => {
    const c: Characteristics = {
      properties: base ? [...base.properties] : [],
      services: base ? [...base.services] : [],
      events: base ? [...base.events] : [],
    };
    // A property is a name, or { name, baseType, defaultValue } (its data, for the stand-in server).
    let names = f.properties as string[] | undefined;
    if (base?.propertyData || (f.properties !== undefined && !allStrings(f.properties))) {
      const data = Object.assign(
        Object.create(null) as Record<string, PropertyData>,
        base?.propertyData,
      );
      (f.properties ?? []).forEach((p, i) => {
        if (typeof p === 'string') return;
        const d: PropertyData = {};
        if (p.baseType !== undefined) d.baseType = p.baseType;
        if (p.defaultValue !== undefined) {
          const problem = defaultValueProblem(p.baseType ?? DEFAULT_BASE_TYPE, p.defaultValue);
          if (problem) err([...path, 'properties', i, 'defaultValue'], problem);
          d.defaultValue = p.defaultValue;
        }
        if (Object.keys(d).length) setOwn(data, p.name, d);
      });
      if (Object.keys(data).length) c.propertyData = data;
      names = f.properties?.map(p => (typeof p === 'string' ? p : p.name));
    }
    addNames(c.properties, names, path, 'properties', 'property');
    addNames(c.services, f.services, path, 'services', 'service');
    addNames(c.events, f.events, path, 'events', 'event');
    return c;
  };
  /** `{ owner }` when the file names one (checked), else `{}`. */
  const owner = (o: string | undefined, path: IssuePath): { owner?: string } => {
    if (o === undefined) return NO_OWNER;
    userRef(o, [...path, 'owner'], 'owner');
    return { owner: o };
  };

  // ---- shapes, templates, things, other entities
  for (const [s, def] of entries(file.shapes)) {
    const path = ['shapes', s];
    setOwn(model.shapes, s, {
      name: s,
      ...characteristics(def, path),
      permissions: permissionSet(def.permissions, [...path, 'permissions']),
      instance: {
        runtime: runtimeEntries(def.instance?.runtime, [...path, 'instance', 'runtime']),
      },
      ...owner(def.owner, path),
      ...(def.unresolved ? { unresolved: true as const } : {}),
    });
  }
  const shapeNames = Object.keys(model.shapes);
  /** The shapes listed at `path.shapes`, each once and declared. */
  const shapeRefs = (list: string[] | undefined, path: IssuePath): string[] => {
    const out: string[] = [];
    if (!list) return out;
    addNames(out, list, path, 'shapes', 'shape');
    for (let i = 0; i < list.length; i++) {
      const s = list[i] as string;
      if (!ownEntry(model.shapes, s))
        err(
          [...path, 'shapes', i],
          `shape '${s}' is not declared${suggestionSuffix(s, shapeNames)}`,
        );
    }
    return out;
  };
  for (const [t, def] of entries(file.templates)) {
    const path = ['templates', t];
    const existing = ownEntry(model.templates, t);
    if (existing?.builtin) {
      if (def.base !== undefined)
        err([...path, 'base'], `'${t}' is the root template and has no base`);
      setOwn(model.templates, t, {
        ...existing,
        ...characteristics(def, path, existing),
        shapes: shapeRefs(def.shapes, path),
        permissions: permissionSet(def.permissions, [...path, 'permissions'], existing.permissions),
        instance: permissionSet(def.instance, [...path, 'instance'], existing.instance),
        ...owner(def.owner, path),
      });
      continue;
    }
    setOwn(model.templates, t, {
      name: t,
      base: def.base ?? GENERIC_THING,
      shapes: shapeRefs(def.shapes, path),
      ...characteristics(def, path),
      permissions: permissionSet(def.permissions, [...path, 'permissions']),
      instance: permissionSet(def.instance, [...path, 'instance']),
      ...owner(def.owner, path),
      ...(def.unresolved ? { unresolved: true as const } : {}),
    });
  }
  const templateNames = Object.keys(model.templates);
  for (const [t, def] of entries(file.templates)) {
    const base = ownEntry(model.templates, t)?.base;
    if (def.base !== undefined && base && !ownEntry(model.templates, base)) {
      err(
        ['templates', t, 'base'],
        `base template '${base}' is not declared${suggestionSuffix(base, templateNames)}`,
      );
    }
  }
  reportTemplateLoops(model, file, err);

  // The largest record of a file (50,000 Things at size L): its keys are listed once (also for
  // checkResources), and each Thing is built as one object literal of a fixed key order, without
  // spreads of intermediate objects (a spread after other keys copies property by property).
  const fileThings: Record<string, ThingFile> = file.things ?? {};
  const thingNames = Object.keys(fileThings);
  for (let ti = 0; ti < thingNames.length; ti++) {
    const n = thingNames[ti] as string;
    const def = fileThings[n] as ThingFile;
    const path = ['things', n];
    const template = def.template ?? GENERIC_THING;
    if (!ownEntry(model.templates, template))
      err(
        [...path, 'template'],
        `template '${template}' is not declared${suggestionSuffix(template, templateNames)}`,
      );
    const shapes = shapeRefs(def.shapes, path);
    const c = characteristics(def, path);
    const permissions = def.permissions
      ? permissionSet(def.permissions, [...path, 'permissions'])
      : emptyPermissionSet();
    if (def.owner !== undefined) userRef(def.owner, [...path, 'owner'], 'owner');
    const thing: Thing =
      c.propertyData === undefined
        ? def.owner === undefined
          ? {
              name: n,
              template,
              shapes,
              properties: c.properties,
              services: c.services,
              events: c.events,
              enabled: def.enabled ?? true,
              permissions,
            }
          : {
              name: n,
              template,
              shapes,
              properties: c.properties,
              services: c.services,
              events: c.events,
              enabled: def.enabled ?? true,
              permissions,
              owner: def.owner,
            }
        : {
            name: n,
            template,
            shapes,
            ...c,
            enabled: def.enabled ?? true,
            permissions,
            ...(def.owner === undefined ? {} : { owner: def.owner }),
          };
    setOwn(model.things, n, thing);
  }
  for (const [key, collection] of Object.entries(OTHER_ENTITY_KEYS) as [
    keyof typeof OTHER_ENTITY_KEYS,
    OtherEntityCollection,
  ][]) {
    for (const [n, def] of entries(file[key])) {
      const path = [key, n];
      const id = `${collection}/${n}`;
      const existing = ownEntry(model.others, id);
      setOwn(model.others, id, {
        name: n,
        collection,
        ...characteristics(def, path, existing),
        permissions: permissionSet(
          def.permissions,
          [...path, 'permissions'],
          existing?.permissions,
        ),
        ...owner(def.owner, path),
        ...(existing?.builtin ? { builtin: true } : {}),
      });
    }
  }
  checkResources(model, file, thingNames, warn);

  // ---- collections
  for (const c of COLLECTION_NAMES) {
    const def = ownEntry(file.collections, c);
    if (!def) continue;
    const set = permissionSet(
      def,
      ['collections', c],
      ownEntry(model.collections, c) ?? emptyPermissionSet(),
    );
    setOwn(model.collections, c, set);
  }
  for (const c of Object.keys(model.collections) as CollectionName[]) {
    const s = ownEntry(model.collections, c);
    if (s && s.runtime.length + s.designtime.length + s.visibility.length === 0)
      delete model.collections[c];
  }

  // ---- application keys
  for (const [k, def] of entries(file.appKeys)) {
    userRef(def.user, ['appKeys', k, 'user'], 'application key user');
    setOwn(model.appKeys, k, {
      name: k,
      user: def.user,
      ...(def.expires !== undefined ? { expires: def.expires } : {}),
      ipAllowlist: [...(def.ipAllowlist ?? [])],
    });
  }

  // ---- apps
  if (file.apps) {
    for (const [c, def] of entries(file.apps.contexts))
      setOwn(model.apps.contexts, c, compileContext(c, def, err));
    model.apps.relationships = (file.apps.relationships ?? []).map(r => ({
      parent: r.parent,
      child: r.child,
    }));
    model.apps.grants = [];
    (file.apps.grants ?? []).forEach((g, i) => {
      const compiled = compileGrant(g, ['apps', 'grants', i], principal, err);
      if (compiled) model.apps.grants.push(compiled);
    });
  }

  // ---- saved requests
  (file.requests ?? []).forEach((r, i) => {
    const compiled = compileRequest(r, ['requests', i], err);
    if (r.as !== undefined && !ownEntry(model.users, r.as))
      warn(
        ['requests', i, 'as'],
        `user '${r.as}' is not declared (the simulator answers 401)${suggestionSuffix(r.as, userNames)}`,
      );
    if (r.appKey !== undefined && !ownEntry(model.appKeys, r.appKey)) {
      warn(
        ['requests', i, 'appKey'],
        `application key '${r.appKey}' is not declared (the simulator answers 401)${suggestionSuffix(r.appKey, Object.keys(model.appKeys))}`,
      );
    }
    model.requests.push(compiled);
  });

  return { model, errors, warnings };
}

/** The kinds of entry `i` of the list at `path`, or undefined (and an issue) when it has none or both. */
function allowDeny<K extends string>(
  e: { allow?: K | K[]; deny?: K | K[] },
  path: IssuePath,
  i: number,
  err: (path: IssuePath, message: string) => void,
): { allow: boolean; kinds: K | K[] } | undefined {
  if (e.allow !== undefined) {
    if (e.deny === undefined) return { allow: true, kinds: e.allow };
    err([...path, i], "an entry has either 'allow' or 'deny', not both; write two entries");
    return undefined;
  }
  if (e.deny !== undefined) return { allow: false, kinds: e.deny };
  err([...path, i], "an entry needs 'allow: <kind or [kinds]>' or 'deny: <kind or [kinds]>'");
  return undefined;
}

/**
 * `seen(name, i)`: whether `list[i]` repeats an earlier item. Short lists (the usual case) are
 * searched; a long one gets a set, so the check stays linear.
 */
function repeatsOf(list: readonly string[]): (name: string, i: number) => boolean {
  if (list.length <= 16) return (name, i) => list.indexOf(name) < i;
  const seen = new Set<string>();
  return name => {
    if (seen.has(name)) return true;
    seen.add(name);
    return false;
  };
}

function reportGroupCycles(
  model: Model,
  file: ModelFile,
  err: (p: IssuePath, m: string, k?: boolean) => void,
) {
  const reported = new Set<string>();
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (g: string) => {
    state.set(g, 'active');
    stack.push(g);
    for (const p of ownEntry(model.groups, g)?.memberOf ?? []) {
      if (!ownEntry(model.groups, p) || p === g) continue;
      if (state.get(p) === 'active') {
        const cycle = stack.slice(stack.indexOf(p));
        const key = [...cycle].sort().join('\u0000');
        if (!reported.has(key)) {
          reported.add(key);
          const anchor =
            cycle.find(x => ownEntry(file.groups, x)?.memberOf?.length) ?? cycle[0] ?? g;
          const start = cycle.indexOf(anchor);
          const ordered = [...cycle.slice(start), ...cycle.slice(0, start), anchor];
          err(['groups', anchor, 'memberOf'], `group cycle: ${ordered.join(' -> ')}`);
        }
      } else if (!state.has(p)) visit(p);
    }
    stack.pop();
    state.set(g, 'done');
  };
  for (const g of Object.keys(model.groups)) if (!state.has(g)) visit(g);
}

function reportTemplateLoops(
  model: Model,
  file: ModelFile,
  err: (p: IssuePath, m: string, k?: boolean) => void,
) {
  const reported = new Set<string>();
  for (const t of Object.keys(file.templates ?? {})) {
    const chain: string[] = [];
    let cur: string | null | undefined = t;
    while (cur && ownEntry(model.templates, cur) && !chain.includes(cur)) {
      chain.push(cur);
      cur = ownEntry(model.templates, cur)?.base;
    }
    if (cur && chain.includes(cur)) {
      const loop = chain.slice(chain.indexOf(cur));
      const key = [...loop].sort().join('\u0000');
      if (reported.has(key)) continue;
      reported.add(key);
      err(['templates', cur, 'base'], `template chain loop: ${[...loop, cur].join(' -> ')}`);
    }
  }
}

function compileOrganization(
  model: Model,
  o: string,
  def: NonNullable<ModelFile['organizations']>[string],
  principal: (s: string, path: IssuePath, seg?: number) => PrincipalRef,
  err: (p: IssuePath, m: string, k?: boolean) => void,
) {
  const path = ['organizations', o];
  const builtin = ownEntry(BUILTIN_ORGS, o) ? ownEntry(model.organizations, o) : undefined;
  if (builtin && def.root !== builtin.root) {
    err([...path, 'root'], `the built-in organization '${o}' has the root unit '${builtin.root}'`);
  }
  const root = builtin ? builtin.root : def.root;
  const units: Record<string, OrgUnit> = builtin ? structuredClone(builtin.units) : {};
  const fileUnits = def.units ?? {};
  if (!ownEntry(units, root))
    setOwn(units, root, { name: root, parent: null, children: [], members: [] });
  for (const u of Object.keys(fileUnits))
    if (!ownEntry(units, u)) setOwn(units, u, { name: u, parent: null, children: [], members: [] });
  const unitNames = Object.keys(units);
  for (const [u, ud] of Object.entries(fileUnits)) {
    const unit = ownEntry(units, u);
    if (!unit) continue;
    const members = ud.members;
    if (members) {
      const membersPath = [...path, 'units', u, 'members'];
      for (let i = 0; i < members.length; i++) {
        const p = principal(members[i] as string, membersPath, i);
        if (!unit.members.some(x => x.type === p.type && x.name === p.name)) unit.members.push(p);
      }
    }
    (ud.children ?? []).forEach((c, i) => {
      const cp = [...path, 'units', u, 'children', i];
      const child = ownEntry(units, c);
      if (!child) {
        err(
          cp,
          `unit '${c}' is not a unit of organization '${o}'${suggestionSuffix(c, unitNames)}; declare it under units`,
        );
      } else if (c === root) {
        err(cp, `the root unit '${root}' cannot be a child of '${u}'`);
      } else if (c === u) {
        err(cp, `unit '${u}' cannot be its own child`);
      } else if (child.parent !== null && child.parent !== u) {
        err(
          cp,
          `unit '${c}' has two parents: '${child.parent}' and '${u}'; a unit has exactly one parent (§4.2)`,
        );
      } else if (!unit.children.includes(c)) {
        unit.children.push(c);
        child.parent = u;
      }
    });
  }
  // Reachability from the root: what is not reached is either orphaned or in a cycle of children.
  const reached = new Set<string>([root]);
  const queue = [root];
  while (queue.length) {
    const u = queue.shift() as string;
    for (const c of ownEntry(units, u)?.children ?? [])
      if (!reached.has(c)) {
        reached.add(c);
        queue.push(c);
      }
  }
  for (const u of Object.keys(units)) {
    if (!reached.has(u))
      err(
        [...path, 'units', u],
        `unit '${u}' is not reachable from the root unit '${root}' of organization '${o}'; list it under the children of a unit`,
        true,
      );
  }
  setOwn(model.organizations, o, {
    name: o,
    root,
    units,
    ...(builtin ? { builtin: true } : {}),
    ...(def.unresolved ? { unresolved: true as const } : {}),
  });
}

function compileContext(
  c: string,
  def: ContextFile,
  err: (p: IssuePath, m: string, k?: boolean) => void,
): EquipmentContext {
  const equipment: Record<string, EquipmentNode> = {};
  const roots: string[] = [];
  const walk = (
    nodes: Record<string, EquipmentNodeFile> | undefined,
    parent: string | null,
    path: IssuePath,
  ) => {
    for (const [n, node] of entries(nodes)) {
      const p = [...path, n];
      if (ownEntry(equipment, n)) {
        err(
          p,
          `equipment '${n}' appears twice in context '${c}' (under '${ownEntry(equipment, n)?.parent ?? '(root)'}' and '${parent ?? '(root)'}')`,
          true,
        );
        continue;
      }
      setOwn(equipment, n, {
        name: n,
        type: node.type,
        parent,
        children: Object.keys(node.children ?? {}),
      });
      if (parent === null) roots.push(n);
      walk(node.children, n, [...p, 'children']);
    }
  };
  walk(def.equipment, null, ['apps', 'contexts', c, 'equipment']);
  for (const n of Object.values(equipment))
    n.children = n.children.filter(ch => ownEntry(equipment, ch)?.parent === n.name);
  return {
    name: c,
    displayName: def.displayName ?? defaultDisplayName(c),
    description: def.description ?? '',
    enabled: def.enabled ?? true,
    network: def.network ?? defaultNetworkName(c),
    roots,
    equipment,
  };
}

/**
 * File grants become context-manager service invocations (§7.12): parameters use the service's own
 * names, infotable parameters as `{ rows: [...] }` (what the apps layer reads, shared/apps/infotable.ts).
 */
function compileGrant(
  g: GrantFile,
  path: IssuePath,
  principal: (s: string, path: IssuePath) => PrincipalRef,
  err: (p: IssuePath, m: string) => void,
): AppsGrant | undefined {
  const raw = g.service !== undefined || g.params !== undefined;
  const friendly =
    g.principal !== undefined ||
    g.permission !== undefined ||
    g.entities !== undefined ||
    g.context !== undefined ||
    g.propagateFrom !== undefined;
  if (raw && friendly) {
    err(
      path,
      'a grant is either { service, params } or { principal, permission, entities | context }, not both',
    );
    return undefined;
  }
  if (raw) {
    if (g.service === undefined) {
      err(path, "a raw grant needs 'service: <context-manager service name>'");
      return undefined;
    }
    return { service: g.service, params: { ...(g.params ?? {}) } };
  }
  if (g.principal === undefined || g.permission === undefined) {
    err(
      path,
      "a grant needs 'principal: user:<name> | group:<name>' and 'permission: Read | Write | None'",
    );
    return undefined;
  }
  if ((g.entities === undefined) === (g.context === undefined)) {
    err(
      path,
      "a grant needs exactly one of 'entities: [{ name, type }]' (grant) or 'context: <name>' (propagation)",
    );
    return undefined;
  }
  if (g.propagateFrom !== undefined && g.context === undefined) {
    err([...path, 'propagateFrom'], "'propagateFrom' only goes with 'context'");
    return undefined;
  }
  const p = principal(g.principal, [...path, 'principal']);
  const who =
    p.type === 'user'
      ? { userNames: { rows: [{ UserName: p.name }] } }
      : { userGroupNames: { rows: [{ UserGroupName: p.name }] } };
  if (g.entities !== undefined) {
    return {
      service:
        p.type === 'user'
          ? 'GrantUserPermissionsOnEntities'
          : 'GrantUserGroupPermissionsOnEntities',
      params: {
        entities: { rows: g.entities.map(e => ({ Name: e.name, Type: e.type })) },
        permissionType: g.permission,
        ...who,
      },
    };
  }
  return {
    service:
      p.type === 'user'
        ? 'PropagateUserPermissionsOnEntities'
        : 'PropagateUserGroupPermissionsOnEntities',
    params: {
      contextName: g.context,
      entityName: g.propagateFrom ?? '',
      permissionType: g.permission,
      ...who,
    },
  };
}

function compileRequest(
  r: RequestFile,
  path: IssuePath,
  err: (p: IssuePath, m: string) => void,
): SavedRequest {
  const modes = [
    r.as !== undefined && 'as',
    r.appKey !== undefined && 'appKey',
    r.noAuth !== undefined && 'noAuth',
  ].filter(Boolean);
  if (modes.length > 1)
    err(
      path,
      `a request authenticates one way: ${modes.join(' and ')} given; keep one of as, appKey, noAuth`,
    );
  if (r.appKeyVia !== undefined && r.appKey === undefined)
    err([...path, 'appKeyVia'], "'appKeyVia' only goes with 'appKey'");
  if (r.password !== undefined && r.as === undefined)
    err([...path, 'password'], "'password' only goes with 'as'");
  const out: SavedRequest = { call: r.call };
  if (r.as !== undefined) out.as = r.as;
  if (r.appKey !== undefined) out.appKey = r.appKey;
  if (r.appKeyVia !== undefined) out.appKeyVia = r.appKeyVia;
  if (r.noAuth !== undefined) out.noAuth = r.noAuth;
  if (r.password !== undefined) out.password = r.password;
  if (r.body !== undefined) out.body = r.body;
  if (r.ip !== undefined) out.ip = r.ip;
  if (r.at !== undefined) out.at = r.at;
  if (r.expect !== undefined) {
    out.expect =
      typeof r.expect === 'number'
        ? { status: r.expect }
        : {
            ...(r.expect.status !== undefined ? { status: r.expect.status } : {}),
            ...(r.expect.body !== undefined ? { body: r.expect.body } : {}),
          };
  }
  if (r.note !== undefined) out.note = r.note;
  return out;
}

/** All characteristics a Thing of template `t` has: the chain's own and its shapes'. */
export function templateChainCharacteristics(model: Model, t: string | null): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  let cur = t;
  while (cur && !seen.has(cur)) {
    seen.add(cur);
    const tpl = ownEntry(model.templates, cur);
    if (!tpl) break;
    for (const n of [...tpl.properties, ...tpl.services, ...tpl.events]) out.add(n);
    for (const s of tpl.shapes) {
      const sh = ownEntry(model.shapes, s);
      if (sh) for (const n of [...sh.properties, ...sh.services, ...sh.events]) out.add(n);
    }
    cur = tpl.base;
  }
  return out;
}

/** Whether every item of the list is a text (a property written as a bare name). */
function allStrings(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'string') return false;
  return true;
}

/** Whether an entry of the list names one characteristic (not `*`). */
function hasSpecific(list: readonly RuntimeEntryFile[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const r = (list[i] as RuntimeEntryFile).resource;
    if (r !== undefined && r !== '*') return true;
  }
  return false;
}

/** Warn (not fail) when a run-time entry names a characteristic its entity does not have. */
function checkResources(
  model: Model,
  file: ModelFile,
  thingNames: readonly string[],
  warn: (p: IssuePath, m: string) => void,
) {
  const specific = (e: RuntimeEntryFile) => e.resource !== undefined && e.resource !== '*';
  // Things of one template share its chain's characteristics: each chain's set is built once.
  const chains = new Map<string | null, Set<string>>();
  const chainOf = (t: string | null): Set<string> => {
    let set = chains.get(t);
    if (!set) chains.set(t, (set = templateChainCharacteristics(model, t)));
    return set;
  };
  /** `known` is only needed for the message, which names the closest characteristic. */
  const check = (
    list: RuntimeEntryFile[] | undefined,
    path: IssuePath,
    has: (resource: string) => boolean,
    known: () => Set<string>,
    where: string,
  ) => {
    (list ?? []).forEach((e, i) => {
      if (e.resource === undefined || e.resource === '*' || has(e.resource)) return;
      warn(
        [...path, i, 'resource'],
        `'${e.resource}' is not a property, service or event of ${where}${suggestionSuffix(e.resource, known())}`,
      );
    });
  };
  const ownCharacteristic = (c: Characteristics, r: string) =>
    c.properties.includes(r) || c.services.includes(r) || c.events.includes(r);
  const fileThings: Record<string, ThingFile> = file.things ?? {};
  for (let ti = 0; ti < thingNames.length; ti++) {
    const n = thingNames[ti] as string;
    const def = fileThings[n] as ThingFile;
    // Most Things have no per-characteristic entry: nothing to look up for them.
    const runtime = def.permissions?.runtime;
    if (!runtime || !hasSpecific(runtime)) continue;
    const thing = ownEntry(model.things, n);
    if (!thing) continue;
    const chain = chainOf(thing.template);
    const shapes = thing.shapes.map(s => ownEntry(model.shapes, s));
    check(
      runtime,
      ['things', n, 'permissions', 'runtime'],
      r =>
        chain.has(r) ||
        ownCharacteristic(thing, r) ||
        shapes.some(sh => sh && ownCharacteristic(sh, r)),
      () => {
        const known = new Set(chain);
        for (const x of [...thing.properties, ...thing.services, ...thing.events]) known.add(x);
        for (const sh of shapes)
          if (sh) for (const x of [...sh.properties, ...sh.services, ...sh.events]) known.add(x);
        return known;
      },
      `Thing '${n}'`,
    );
  }
  for (const [t, def] of entries(file.templates)) {
    if (!def.instance?.runtime?.some(specific)) continue;
    const chain = chainOf(t);
    check(
      def.instance.runtime,
      ['templates', t, 'instance', 'runtime'],
      r => chain.has(r),
      () => chain,
      `the Things of template '${t}'`,
    );
  }
  for (const [s, def] of entries(file.shapes)) {
    const sh = ownEntry(model.shapes, s);
    if (sh && def.instance?.runtime?.some(specific))
      check(
        def.instance.runtime,
        ['shapes', s, 'instance', 'runtime'],
        r => ownCharacteristic(sh, r),
        () => new Set([...sh.properties, ...sh.services, ...sh.events]),
        `shape '${s}'`,
      );
  }
}
