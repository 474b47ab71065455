/**
 * Model -> model file (the inverse of compile.ts): built-ins and defaults are omitted, keys come in a
 * stable order (schema order for sections, model order inside them), so that
 * `loadModel(modelToText(m))` gives back `m` (except the source `line` of saved requests) and files
 * diff well in git.
 *
 * Not expressible in a file, hence not preserved: removal of a built-in membership or entry, and
 * entries added to apps-generated equipment Things outside `apps.grants` (docs/model-format.md).
 *
 * @example
 * const text = modelToText(model, 'yaml');
 * loadModel(text, 'm.yaml'); // same model
 */
import { Document, isMap, isScalar, isSeq, visit } from 'yaml';
import type {
  AppsGrant,
  Characteristics,
  DesignEntry,
  EquipmentContext,
  Model,
  PermissionSet,
  RuntimeEntry,
  SavedRequest,
} from './types';
import type { OtherEntityCollection } from './types';
import { COLLECTION_NAMES, DEFAULT_FACTORY, DEFAULT_SEMANTICS } from './types';
import type {
  AppsFile,
  ContextFile,
  PropertyFile,
  DesignEntryFile,
  EquipmentNodeFile,
  GrantFile,
  ModelFile,
  OtherEntityFile,
  PermissionsFile,
  RequestFile,
  RuntimeEntryFile,
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
import {
  defaultDisplayName,
  defaultNetworkName,
  principalToString,
  visibilityToString,
} from './compile';
import { equipmentTemplateName } from './builtins';
import { own, setOwn } from './own';

/** Entries of `list` after the prefix `base` (built-in entries come first in a compiled model). */
function afterPrefix<T>(list: readonly T[], base: readonly T[], key: (x: T) => string): T[] {
  const prefixMatches =
    base.length <= list.length && base.every((b, i) => key(b) === key(list[i] as T));
  return prefixMatches ? list.slice(base.length) : [...list];
}

const runtimeKey = (e: RuntimeEntry) =>
  `${e.kind}|${e.resource}|${principalToString(e.principal)}|${e.allow}`;
const designKey = (e: DesignEntry) => `${e.kind}|${principalToString(e.principal)}|${e.allow}`;

/** Consecutive entries that differ only by kind become one entry with a list of kinds. */
function runtimeToFile(list: readonly RuntimeEntry[]): RuntimeEntryFile[] {
  const out: RuntimeEntryFile[] = [];
  let prev: RuntimeEntry | undefined;
  for (const e of list) {
    const last = out[out.length - 1];
    if (
      prev &&
      last &&
      prev.allow === e.allow &&
      prev.resource === e.resource &&
      principalToString(prev.principal) === principalToString(e.principal)
    ) {
      const k = e.allow ? 'allow' : 'deny';
      const cur = last[k];
      last[k] = Array.isArray(cur) ? [...cur, e.kind] : cur ? [cur, e.kind] : e.kind;
    } else {
      out.push({
        [e.allow ? 'allow' : 'deny']: e.kind,
        ...(e.resource !== '*' ? { resource: e.resource } : {}),
        principal: principalToString(e.principal),
      });
    }
    prev = e;
  }
  return out;
}

function designToFile(list: readonly DesignEntry[]): DesignEntryFile[] {
  const out: DesignEntryFile[] = [];
  let prev: DesignEntry | undefined;
  for (const e of list) {
    const last = out[out.length - 1];
    if (
      prev &&
      last &&
      prev.allow === e.allow &&
      principalToString(prev.principal) === principalToString(e.principal)
    ) {
      const k = e.allow ? 'allow' : 'deny';
      const cur = last[k];
      last[k] = Array.isArray(cur) ? [...cur, e.kind] : cur ? [cur, e.kind] : e.kind;
    } else {
      out.push({ [e.allow ? 'allow' : 'deny']: e.kind, principal: principalToString(e.principal) });
    }
    prev = e;
  }
  return out;
}

function permissionsToFile(set: PermissionSet, base?: PermissionSet): PermissionsFile | undefined {
  const runtime = afterPrefix(set.runtime, base?.runtime ?? [], runtimeKey);
  const designtime = afterPrefix(set.designtime, base?.designtime ?? [], designKey);
  const baseVis = new Set((base?.visibility ?? []).map(visibilityToString));
  const visibility = set.visibility.map(visibilityToString).filter(v => !baseVis.has(v));
  const out: PermissionsFile = {};
  if (runtime.length) out.runtime = runtimeToFile(runtime);
  if (designtime.length) out.designtime = designToFile(designtime);
  if (visibility.length) out.visibility = visibility;
  return Object.keys(out).length ? out : undefined;
}

function characteristicsToFile(
  c: Characteristics,
  base?: Characteristics,
): { properties?: (string | PropertyFile)[]; services?: string[]; events?: string[] } {
  const out: { properties?: (string | PropertyFile)[]; services?: string[]; events?: string[] } =
    {};
  for (const k of ['properties', 'services', 'events'] as const) {
    const extra = c[k].filter(n => !(base?.[k] ?? []).includes(n));
    if (extra.length) out[k] = extra;
  }
  // A property with data is written as { name, baseType, defaultValue }; a bare name otherwise.
  if (out.properties && c.propertyData) {
    const data = c.propertyData;
    out.properties = out.properties.map(p => {
      const d = typeof p === 'string' ? own(data, p) : undefined;
      return d && typeof p === 'string' ? { name: p, ...d } : p;
    });
  }
  return out;
}

/** A record keyed by entity names, without a prototype: `__proto__` is an ordinary name here. */
const nameRecord = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function equipmentToFile(
  ctx: EquipmentContext,
  names: readonly string[],
): Record<string, EquipmentNodeFile> {
  const out: Record<string, EquipmentNodeFile> = {};
  for (const n of names) {
    const node = own(ctx.equipment, n);
    if (!node) continue;
    setOwn(
      out,
      n,
      node.children.length
        ? { type: node.type, children: equipmentToFile(ctx, node.children) }
        : { type: node.type },
    );
  }
  return out;
}

type Rows = { rows?: Record<string, unknown>[] } | Record<string, unknown>[] | undefined;
const rowsOf = (v: unknown): Record<string, unknown>[] | undefined => {
  const r = v as Rows;
  if (Array.isArray(r)) return r;
  if (r && Array.isArray(r.rows)) return r.rows;
  return undefined;
};

/** A grant compiled from the friendly form goes back to it; anything else stays a raw service call. */
function grantToFile(g: AppsGrant): GrantFile {
  const p = g.params;
  const users = rowsOf(p['userNames']);
  const groups = rowsOf(p['userGroupNames']);
  const single = (rows: Record<string, unknown>[] | undefined, col: string) =>
    rows &&
    rows.length === 1 &&
    Object.keys(rows[0] ?? {}).length === 1 &&
    typeof rows[0]?.[col] === 'string'
      ? (own(rows[0], col) as string)
      : undefined;
  const user = single(users, 'UserName');
  const group = single(groups, 'UserGroupName');
  const permission = typeof p['permissionType'] === 'string' ? p['permissionType'] : undefined;
  const keys = Object.keys(p).sort().join(',');
  const raw: GrantFile = { service: g.service, params: { ...p } };
  if (permission === undefined) return raw;
  if (
    g.service === 'GrantUserPermissionsOnEntities' ||
    g.service === 'GrantUserGroupPermissionsOnEntities'
  ) {
    const isUser = g.service === 'GrantUserPermissionsOnEntities';
    const who = isUser ? user : group;
    const entities = rowsOf(p['entities']);
    const expectedKeys = isUser
      ? 'entities,permissionType,userNames'
      : 'entities,permissionType,userGroupNames';
    if (!who || keys !== expectedKeys || !entities) return raw;
    if (
      !entities.every(
        e =>
          Object.keys(e).sort().join(',') === 'Name,Type' &&
          typeof e['Name'] === 'string' &&
          typeof e['Type'] === 'string',
      )
    )
      return raw;
    return {
      principal: `${isUser ? 'user' : 'group'}:${who}`,
      permission,
      entities: entities.map(e => ({ name: e['Name'] as string, type: e['Type'] as string })),
    };
  }
  if (
    g.service === 'PropagateUserPermissionsOnEntities' ||
    g.service === 'PropagateUserGroupPermissionsOnEntities'
  ) {
    const isUser = g.service === 'PropagateUserPermissionsOnEntities';
    const who = isUser ? user : group;
    const expectedKeys = isUser
      ? 'contextName,entityName,permissionType,userNames'
      : 'contextName,entityName,permissionType,userGroupNames';
    if (
      !who ||
      keys !== expectedKeys ||
      typeof p['contextName'] !== 'string' ||
      typeof p['entityName'] !== 'string' ||
      p['contextName'] === ''
    )
      return raw;
    const out: GrantFile = {
      principal: `${isUser ? 'user' : 'group'}:${who}`,
      permission,
      context: p['contextName'],
    };
    if (p['entityName'] !== '') out.propagateFrom = p['entityName'];
    return out;
  }
  return raw;
}

function requestToFile(r: SavedRequest): RequestFile {
  const out: RequestFile = defined({
    as: r.as,
    appKey: r.appKey,
    appKeyVia: r.appKeyVia,
    noAuth: r.noAuth === true ? true : undefined,
    password: r.password,
    call: r.call,
    body: r.body,
    ip: r.ip,
    at: r.at,
    expect: undefined as RequestFile['expect'],
    note: r.note,
  });
  if (r.expect) {
    const e = r.expect;
    out.expect =
      e.body === undefined && e.status !== undefined
        ? e.status
        : defined({ status: e.status, body: e.body });
  }
  return out;
}

/**
 * The file form of a model: what a person would write.
 *
 * @example
 * toModelFile(model).users; // { alice: { groups: ['Ops'] } } (built-in Administrator and implicit Users omitted)
 */
export function toModelFile(model: Model): ModelFile {
  const base = builtinModel(model.factory, model.name);
  const file: ModelFile = {
    permsim: 1,
    name: model.name,
    ...(model.now !== undefined ? { now: model.now } : {}),
  };

  const semantics = Object.fromEntries(
    Object.entries(model.semantics).filter(
      ([k, v]) => DEFAULT_SEMANTICS[k as keyof typeof DEFAULT_SEMANTICS] !== v,
    ),
  );
  if (Object.keys(semantics).length) file.semantics = semantics;
  const factory = Object.fromEntries(
    Object.entries(model.factory).filter(
      ([k, v]) => DEFAULT_FACTORY[k as keyof typeof DEFAULT_FACTORY] !== v,
    ),
  );
  if (Object.keys(factory).length) file.factory = factory;

  const users: NonNullable<ModelFile['users']> = nameRecord();
  for (const u of Object.values(model.users)) {
    const builtinGroups = [...(own(BUILTIN_USER_GROUPS, u.name) ?? []), USERS_GROUP];
    const groups = u.groups.filter(g => !builtinGroups.includes(g));
    const entry = defined({
      groups: groups.length ? groups : undefined,
      enabled: u.enabled ? undefined : false,
      locked: u.locked ? true : undefined,
      password: u.password,
      unresolved: u.unresolved,
    });
    if (u.builtin && Object.keys(entry).length === 0) continue;
    setOwn(users, u.name, entry);
  }
  if (Object.keys(users).length) file.users = users;

  const groups: NonNullable<ModelFile['groups']> = nameRecord();
  for (const g of Object.values(model.groups)) {
    const memberOf = g.memberOf.filter(p => !(own(BUILTIN_MEMBER_OF, g.name) ?? []).includes(p));
    if (g.builtin && memberOf.length === 0) continue;
    setOwn(
      groups,
      g.name,
      defined({
        memberOf: memberOf.length ? memberOf : undefined,
        unresolved: g.unresolved,
      }),
    );
  }
  if (Object.keys(groups).length) file.groups = groups;

  const orgs: NonNullable<ModelFile['organizations']> = nameRecord();
  for (const o of Object.values(model.organizations)) {
    const baseOrg = own(BUILTIN_ORGS, o.name) ? own(base.organizations, o.name) : undefined;
    const units: Record<string, { members?: string[]; children?: string[] }> = nameRecord();
    for (const unit of Object.values(o.units)) {
      const baseMembers = new Set(
        (own(baseOrg?.units, unit.name)?.members ?? []).map(principalToString),
      );
      const members = unit.members.map(principalToString).filter(m => !baseMembers.has(m));
      const entry = defined({
        members: members.length ? members : undefined,
        children: unit.children.length ? [...unit.children] : undefined,
      });
      if (baseOrg && own(baseOrg.units, unit.name) && Object.keys(entry).length === 0) continue;
      if (
        !baseOrg &&
        unit.name === o.root &&
        Object.keys(entry).length === 0 &&
        Object.keys(o.units).length === 1
      )
        continue;
      setOwn(units, unit.name, entry);
    }
    if (baseOrg && Object.keys(units).length === 0) continue;
    setOwn(
      orgs,
      o.name,
      defined({
        root: o.root,
        units: Object.keys(units).length ? units : undefined,
        unresolved: o.unresolved,
      }),
    );
  }
  if (Object.keys(orgs).length) file.organizations = orgs;

  const shapes: NonNullable<ModelFile['shapes']> = nameRecord();
  for (const s of Object.values(model.shapes)) {
    if (s.builtin) continue;
    const perms = permissionsToFile(s.permissions);
    const instance = s.instance.runtime.length
      ? { runtime: runtimeToFile(s.instance.runtime) }
      : undefined;
    setOwn(
      shapes,
      s.name,
      defined({
        ...characteristicsToFile(s),
        owner: s.owner,
        permissions: perms
          ? defined({ designtime: perms.designtime, visibility: perms.visibility })
          : undefined,
        instance,
        unresolved: s.unresolved,
      }),
    );
  }
  if (Object.keys(shapes).length) file.shapes = shapes;

  const templates: NonNullable<ModelFile['templates']> = nameRecord();
  for (const t of Object.values(model.templates)) {
    const baseT = own(base.templates, t.name);
    if (t.builtin && !baseT) continue; // generated by the apps layer (shared/apps/materialize.ts)
    const entry = defined({
      base: baseT || t.base === GENERIC_THING || t.base === null ? undefined : t.base,
      shapes: t.shapes.length ? [...t.shapes] : undefined,
      ...characteristicsToFile(t, baseT),
      owner: t.owner,
      permissions: permissionsToFile(t.permissions, baseT?.permissions),
      instance: permissionsToFile(t.instance, baseT?.instance),
      unresolved: t.unresolved,
    });
    if (baseT && Object.keys(entry).length === 0) continue;
    setOwn(templates, t.name, entry);
  }
  if (Object.keys(templates).length) file.templates = templates;

  const generatedEquipment = new Set<string>();
  for (const ctx of Object.values(model.apps.contexts)) {
    for (const n of Object.values(ctx.equipment)) {
      if (
        own(model.things, n.name)?.template === equipmentTemplateName(n.type) &&
        own(model.templates, equipmentTemplateName(n.type))?.builtin
      )
        generatedEquipment.add(n.name);
    }
  }
  const things: NonNullable<ModelFile['things']> = nameRecord();
  for (const t of Object.values(model.things)) {
    if (t.builtin || generatedEquipment.has(t.name)) continue;
    setOwn(
      things,
      t.name,
      defined({
        template: t.template === GENERIC_THING ? undefined : t.template,
        shapes: t.shapes.length ? [...t.shapes] : undefined,
        ...characteristicsToFile(t),
        owner: t.owner,
        enabled: t.enabled ? undefined : false,
        permissions: permissionsToFile(t.permissions),
      }),
    );
  }
  if (Object.keys(things).length) file.things = things;

  const keyOf = Object.fromEntries(
    Object.entries(OTHER_ENTITY_KEYS).map(([k, v]) => [v, k]),
  ) as Record<OtherEntityCollection, keyof typeof OTHER_ENTITY_KEYS>;
  for (const o of Object.values(model.others)) {
    const baseO = own(base.others, `${o.collection}/${o.name}`);
    const entry: OtherEntityFile = defined({
      ...characteristicsToFile(o, baseO),
      owner: o.owner,
      permissions: permissionsToFile(o.permissions, baseO?.permissions),
    });
    if (baseO && Object.keys(entry).length === 0) continue;
    if (o.builtin && !baseO) continue;
    const key = keyOf[o.collection];
    setOwn((file[key] ??= nameRecord()), o.name, entry);
  }

  const collections: NonNullable<ModelFile['collections']> = {};
  for (const c of COLLECTION_NAMES) {
    const set = own(model.collections, c);
    if (!set) continue;
    const p = permissionsToFile(set, own(base.collections, c));
    if (p) collections[c] = p;
  }
  if (Object.keys(collections).length) file.collections = collections;

  const appKeys: NonNullable<ModelFile['appKeys']> = nameRecord();
  for (const k of Object.values(model.appKeys)) {
    setOwn(
      appKeys,
      k.name,
      defined({
        user: k.user,
        expires: k.expires,
        ipAllowlist: k.ipAllowlist.length ? [...k.ipAllowlist] : undefined,
      }),
    );
  }
  if (Object.keys(appKeys).length) file.appKeys = appKeys;

  const apps: AppsFile = {};
  const contexts: Record<string, ContextFile> = {};
  for (const ctx of Object.values(model.apps.contexts)) {
    setOwn(
      contexts,
      ctx.name,
      defined({
        displayName: ctx.displayName === defaultDisplayName(ctx.name) ? undefined : ctx.displayName,
        description: ctx.description === '' ? undefined : ctx.description,
        enabled: ctx.enabled ? undefined : false,
        network: ctx.network === defaultNetworkName(ctx.name) ? undefined : ctx.network,
        equipment: ctx.roots.length ? equipmentToFile(ctx, ctx.roots) : undefined,
      }),
    );
  }
  if (Object.keys(contexts).length) apps.contexts = contexts;
  if (model.apps.relationships.length)
    apps.relationships = model.apps.relationships.map(r => ({ parent: r.parent, child: r.child }));
  if (model.apps.grants.length) apps.grants = model.apps.grants.map(grantToFile);
  if (Object.keys(apps).length) file.apps = apps;

  if (model.requests.length) file.requests = model.requests.map(requestToFile);
  return file;
}

/** Small leaf collections print on one line (`{ allow: PropertyRead, principal: group:Ops }`). */
function isLeaf(node: unknown, depth = 0): boolean {
  if (isScalar(node)) return true;
  if (depth > 1) return false;
  if (isSeq(node))
    return node.items.every(i => isScalar(i) || (isMap(i) && depth === 0 && isLeaf(i, depth + 1)));
  if (isMap(node))
    return node.items.every(
      p => isScalar(p.value) || (isSeq(p.value) && p.value.items.every(isScalar)),
    );
  return false;
}

/**
 * The model as file text, YAML or JSON (2-space indent, trailing newline).
 *
 * @example
 * modelToText(model, 'json').startsWith('{\n  "permsim": 1');
 */
export function modelToText(model: Model, format: 'yaml' | 'json'): string {
  const file = toModelFile(model);
  if (format === 'json') return `${JSON.stringify(file, null, 2)}\n`;
  const doc = new Document(file);
  visit(doc, {
    Map(key, node) {
      if (
        key !== null &&
        node.items.length > 0 &&
        isLeaf(node) &&
        node.items.every(p => isScalar(p.value) || isSeq(p.value))
      ) {
        const approx = JSON.stringify(node.toJSON()).length;
        if (approx <= 100) node.flow = true;
      }
    },
    Seq(_key, node) {
      if (
        node.items.length > 0 &&
        node.items.every(isScalar) &&
        JSON.stringify(node.toJSON()).length <= 100
      )
        node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}
