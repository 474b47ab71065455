/**
 * Reads entity JSON as the ThingWorx REST API returns it (`GET /Thingworx/Things/T1` with
 * `Accept: application/json`): camelCase blocks (`runTimePermissions.permissions[]` with a
 * `resourceName` and one principal list per kind, `designTimePermissions.{Create,...}`,
 * `visibilityPermissions.Visibility[]`), `owner { name, type }`, `thingTemplate`,
 * `baseThingTemplate`, `implementedShapes`, `thingShape.{property,service,event}Definitions`.
 *
 * The JSON has no entity type: it is taken from `entityType`/`type` when present, else from the keys
 * (`thingTemplate` = a Thing, `baseThingTemplate` = a template), else from the folder the file sits
 * in (`Things/T1.json`); otherwise the entity is skipped with a note. A file may hold one entity, an
 * array of them, or an infotable `{ rows: [...] }`. Kind keys are matched case-insensitively
 * (`PropertyRead` or `propertyRead`). JSON has no line information we keep: warnings name the file
 * and the entity (line 1 for a file with one entity).
 *
 * @example
 * readJsonDocument(JSON.parse(text), 'Things/T1.json', collector);
 */
import type { DesignKind, PropertyData, RuntimeKind } from '../model/types';
import { propertyDataFromExport } from '../model/property-data';
import { hasOwn, setOwn } from '../model/own';
import { DESIGN_KINDS, RUNTIME_KINDS } from '../model/types';
import type { Collector } from './collector';
import type {
  FragmentParts,
  Loc,
  ModelledCollection,
  RawDesign,
  RawMember,
  RawPermissions,
  RawPrincipal,
  RawRuntime,
} from './types';
import { collectionOfType } from './vocabulary';

type J = Record<string, unknown>;
const isObj = (v: unknown): v is J => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o: J, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);
/** A key in any letter case (`PropertyRead`, `propertyRead`). */
function ownCi(o: J, k: string): unknown {
  if (Object.hasOwn(o, k)) return o[k];
  const lower = k.toLowerCase();
  for (const key of Object.keys(o)) if (key.toLowerCase() === lower) return o[key];
  return undefined;
}
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const asList = (v: unknown): unknown[] =>
  Array.isArray(v) ? v : isObj(v) && Array.isArray(v.rows) ? v.rows : [];

function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
  }
  return undefined;
}

type Ctx = { c: Collector; loc: Loc; entity: string };

function principals(ctx: Ctx, v: unknown): RawPrincipal[] {
  const out: RawPrincipal[] = [];
  for (const p of asList(v)) {
    if (!isObj(p)) continue;
    const name = str(own(p, 'name'));
    if (!name) {
      ctx.c.warn(ctx.loc, `${ctx.entity}: a principal without a name is ignored`);
      continue;
    }
    let allow = bool(own(p, 'isPermitted'));
    if (allow === undefined) {
      ctx.c.warn(
        ctx.loc,
        `${ctx.entity}: principal '${name}' has no readable isPermitted; read as a Deny`,
      );
      allow = false;
    }
    out.push({ name, type: str(own(p, 'type')) ?? '', allow, loc: ctx.loc });
  }
  return out;
}

function runtime(ctx: Ctx, v: unknown, block: string): RawRuntime[] | undefined {
  if (!isObj(v)) return undefined;
  const out: RawRuntime[] = [];
  for (const perms of asList(ownCi(v, 'permissions'))) {
    if (!isObj(perms)) continue;
    const resource = str(own(perms, 'resourceName')) || '*';
    for (const kind of RUNTIME_KINDS)
      for (const p of principals(ctx, ownCi(perms, kind)))
        out.push({ kind: kind as RuntimeKind, resource, p });
  }
  ctx.c.block(block, out.length);
  return out;
}

function design(ctx: Ctx, v: unknown, block: string): RawDesign[] | undefined {
  if (!isObj(v)) return undefined;
  const out: RawDesign[] = [];
  for (const kind of DESIGN_KINDS)
    for (const p of principals(ctx, ownCi(v, kind))) out.push({ kind: kind as DesignKind, p });
  ctx.c.block(block, out.length);
  return out;
}

function visibility(ctx: Ctx, v: unknown, block: string): RawPrincipal[] | undefined {
  if (v === undefined) return undefined;
  const list = isObj(v) ? ownCi(v, 'Visibility') : v;
  const out = principals(ctx, list);
  ctx.c.block(block, out.length);
  return out;
}

function permSet(ctx: Ctx, o: J, rt: string, dt: string, vis: string): RawPermissions | undefined {
  const set: RawPermissions = {};
  const r = runtime(ctx, ownCi(o, rt), rt);
  const d = design(ctx, ownCi(o, dt), dt);
  const v = visibility(ctx, ownCi(o, vis), vis);
  if (r) set.runtime = r;
  if (d) set.designtime = d;
  if (v) set.visibility = v;
  return r || d || v ? set : undefined;
}

/** Definition names from an object keyed by name or a list of `{ name }`. */
function defNames(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  if (isObj(v) && !Array.isArray(v.rows)) return Object.keys(v);
  return asList(v).flatMap(x => (isObj(x) && typeof x.name === 'string' ? [x.name] : []));
}

function members(ctx: Ctx, v: unknown): RawMember[] | undefined {
  if (v === undefined) return undefined;
  const out: RawMember[] = [];
  const walk = (x: unknown, depth: number) => {
    for (const m of asList(isObj(x) && own(x, 'Members') !== undefined ? own(x, 'Members') : x)) {
      if (!isObj(m)) continue;
      const name = str(own(m, 'name'));
      if (name) out.push({ name, type: str(own(m, 'type')) ?? '', loc: ctx.loc });
      else if (depth < 4 && own(m, 'Members') !== undefined) walk(m, depth + 1);
    }
  };
  walk(v, 0);
  return out;
}

function collectionOf(o: J, file: string): ModelledCollection | undefined {
  const t = str(own(o, 'entityType')) ?? str(own(o, 'type'));
  if (t) {
    const c = collectionOfType(t);
    if (c) return c;
  }
  if (own(o, 'thingTemplate') !== undefined) return 'Things';
  if (own(o, 'baseThingTemplate') !== undefined) return 'ThingTemplates';
  const folder = file.split(/[\\/]/).slice(-2, -1)[0];
  return folder ? collectionOfType(folder) : undefined;
}

function readEntity(c: Collector, o: J, file: string, line: number): void {
  const name = str(own(o, 'name'));
  const loc: Loc = { file, line };
  if (!name) {
    c.warn(loc, 'a JSON entity without a name is ignored');
    return;
  }
  const collection = collectionOf(o, file);
  if (!collection) {
    c.skip(
      'JSON entities of unknown type',
      'no entityType, thingTemplate or baseThingTemplate, and the folder is not a collection name',
      loc,
    );
    return;
  }
  const ctx: Ctx = { c, loc, entity: name };
  const parts: FragmentParts = {};
  const ow = own(o, 'owner');
  if (isObj(ow) && str(ow.name))
    parts.owner = { name: str(ow.name) ?? '', type: str(ow.type) ?? '', loc };
  const perms = permSet(
    ctx,
    o,
    'runTimePermissions',
    'designTimePermissions',
    'visibilityPermissions',
  );
  const inst = permSet(
    ctx,
    o,
    'instanceRunTimePermissions',
    'instanceDesignTimePermissions',
    'instanceVisibilityPermissions',
  );
  const shape = own(o, 'thingShape');
  const holders = [o, ...(isObj(shape) ? [shape] : [])];
  for (const [key, part] of [
    ['propertyDefinitions', 'properties'],
    ['serviceDefinitions', 'services'],
    ['eventDefinitions', 'events'],
  ] as const)
    for (const h of holders) {
      const n = defNames(own(h, key));
      if (n) parts[part] = [...new Set([...(parts[part] ?? []), ...n])];
    }
  // A property's base type and default value (`aspects.defaultValue`), for the stand-in server.
  for (const h of holders) {
    const defs = own(h, 'propertyDefinitions');
    const list = isObj(defs) && !Array.isArray(defs.rows) ? Object.values(defs) : asList(defs);
    for (const d of list) {
      const n = isObj(d) ? str(own(d, 'name')) : undefined;
      if (!isObj(d) || !n || (parts.propertyData && hasOwn(parts.propertyData, n))) continue;
      const aspects = own(d, 'aspects');
      const r = propertyDataFromExport(
        own(d, 'baseType'),
        isObj(aspects) ? own(aspects, 'defaultValue') : undefined,
      );
      if (r.dropped)
        c.warn(loc, `${name}: the default value of property '${n}' is not imported: ${r.dropped}`);
      if (r.data)
        setOwn(
          (parts.propertyData ??= Object.create(null) as Record<string, PropertyData>),
          n,
          r.data,
        );
    }
  }
  const shapes = defNames(own(o, 'implementedShapes'));
  const en = bool(own(o, 'enabled'));
  switch (collection) {
    case 'Things': {
      const t = str(own(o, 'thingTemplate'));
      if (t) parts.template = t;
      if (en !== undefined) parts.enabled = en;
      if (shapes) parts.shapes = shapes;
      if (perms) parts.permissions = perms;
      break;
    }
    case 'ThingTemplates': {
      const b = str(own(o, 'baseThingTemplate'));
      if (b) parts.base = b;
      if (shapes) parts.shapes = shapes;
      if (perms) parts.permissions = perms;
      if (inst) parts.instance = inst;
      break;
    }
    case 'ThingShapes':
      if (perms) parts.permissions = { ...perms, runtime: [] };
      if (inst) parts.instance = { runtime: inst.runtime ?? [] };
      break;
    case 'Users': {
      if (en !== undefined) parts.enabled = en;
      const lk = bool(own(o, 'locked'));
      if (lk !== undefined) parts.locked = lk;
      for (const k of Object.keys(o))
        if (/password|secret|token|hash/i.test(k)) c.secret(`user ${k}`);
      break;
    }
    case 'Groups': {
      const m = members(ctx, own(o, 'members'));
      if (m) parts.members = m;
      break;
    }
    case 'Organizations': {
      const conns = own(o, 'connections');
      if (conns !== undefined)
        parts.connections = asList(conns).flatMap(x =>
          isObj(x) && str(x.to) ? [{ from: str(x.from) ?? '', to: str(x.to) ?? '', loc }] : [],
        );
      const units = own(o, 'organizationalUnits');
      if (units !== undefined)
        parts.unitMembers = asList(units).flatMap(u =>
          isObj(u) && str(u.name)
            ? [{ unit: str(u.name) ?? '', members: members(ctx, own(u, 'members')) ?? [] }]
            : [],
        );
      break;
    }
    case 'ApplicationKeys': {
      const u = str(own(o, 'userNameReference')) ?? str(own(o, 'user'));
      if (u) parts.keyUser = u;
      const exp = own(o, 'expirationDate') ?? own(o, 'expires');
      if (typeof exp === 'number') parts.expires = String(exp);
      else if (typeof exp === 'string') parts.expires = exp.trim() === '' ? null : exp;
      const ip = own(o, 'IPWhitelist') ?? own(o, 'ipWhitelist') ?? own(o, 'ipAllowlist');
      if (typeof ip === 'string') parts.ipAllowlist = ip.split(/[\s,;]+/).filter(x => x !== '');
      else if (Array.isArray(ip))
        parts.ipAllowlist = ip.filter((x): x is string => typeof x === 'string');
      for (const k of Object.keys(o))
        if (/keyid|secret|token/i.test(k)) c.secret(`application key ${k}`);
      break;
    }
    default:
      if (perms) parts.permissions = perms;
  }
  c.fragments.push({ collection, name, loc, parts });
}

/** Reads a parsed JSON document: one entity, an array, or an infotable `{ rows }`. */
export function readJsonDocument(doc: unknown, file: string, c: Collector): void {
  c.versions.add('unknown');
  const list = Array.isArray(doc) ? doc : isObj(doc) && Array.isArray(doc.rows) ? doc.rows : [doc];
  list.forEach((o, i) => {
    if (isObj(o)) readEntity(c, o, file, list.length === 1 ? 1 : 0);
    else c.warn({ file, line: 0 }, `item ${i} is not a JSON object; ignored`);
  });
}
