/**
 * Reads ThingWorx XML into fragments: entity exports (`<Entities>` root, ThingWorx 6.x-10.x, domain
 * reference §6) and the source-control permissions file (`<Collections>` root with `<Entity name
 * type>` records).
 *
 * Tolerance rules (docs/import.md): no header attribute is required; empty elements in any form;
 * element order is never relied on (blocks are found by name); a tag means what its POSITION says:
 * only direct children of the root are collections and only direct children of a collection are
 * entities, so `<ThingShape>` inside a Thing (its definitions) or `<Things>` inside a Mashup (a
 * reference list) are never taken for entities; names are kept verbatim.
 *
 * @example
 * const c = new Collector();
 * readXmlDocument(parsed.root, parsed.rootTag, 'Things/T1.xml', lines, c);
 */
import type { DesignKind, PropertyData, RuntimeKind } from '../model/types';
import { hasOwn, setOwn } from '../model/own';
import { propertyDataFromExport } from '../model/property-data';
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
import {
  ALL_BLOCK_TAGS,
  ENTITY_TAG,
  INSTANCE_BLOCKS,
  OWN_BLOCKS,
  collectionLevelKey,
  collectionOfType,
  isModelledCollection,
} from './vocabulary';
import type { LineIndex, XNode } from './xml';
import { attr, attrNames, childTags, elements, offsetOf } from './xml';

/** Attribute names that hold credentials: counted as dropped, never read (docs/import.md). */
const SECRET_ATTR = /password|secret|keyid|token|hash|credential/i;

type Ctx = { file: string; lines: LineIndex; c: Collector };

const locOf = (ctx: Ctx, node: XNode, fallback?: Loc): Loc => {
  const off = offsetOf(node);
  return off === undefined
    ? (fallback ?? { file: ctx.file, line: 0 })
    : { file: ctx.file, line: ctx.lines.line(off) };
};

/** `true`/`false` in any case; anything else is undefined (the caller warns). */
function bool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const t = v.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

function principals(ctx: Ctx, node: XNode, where: Loc): RawPrincipal[] {
  const out: RawPrincipal[] = [];
  for (const p of elements(node, 'Principal')) {
    const loc = locOf(ctx, p, where);
    const name = attr(p, 'name');
    if (name === undefined || name === '') {
      ctx.c.warn(loc, 'a <Principal> without a name is ignored');
      continue;
    }
    const type = attr(p, 'type') ?? '';
    const raw = attr(p, 'isPermitted');
    let allow = bool(raw);
    if (allow === undefined) {
      // Reading an unreadable entry as a Deny can only remove access: the safe side (a 403
      // where ThingWorx might answer 200, never the reverse).
      ctx.c.warn(
        loc,
        raw === undefined
          ? `principal '${name}' has no isPermitted attribute; read as a Deny`
          : `principal '${name}' has isPermitted="${raw}" (expected true or false); read as a Deny`,
      );
      allow = false;
    }
    out.push({ name, type, allow, loc });
  }
  return out;
}

function readRuntime(ctx: Ctx, block: XNode, where: Loc, blockName: string): RawRuntime[] {
  const out: RawRuntime[] = [];
  for (const perms of elements(block, 'Permissions')) {
    const ploc = locOf(ctx, perms, where);
    const resource = attr(perms, 'resourceName') ?? '*';
    for (const tag of childTags(perms)) {
      if (!(RUNTIME_KINDS as readonly string[]).includes(tag)) {
        ctx.c.warn(ploc, `<${tag}> is not a run-time permission kind; ignored`);
        continue;
      }
      for (const kindNode of elements(perms, tag))
        for (const p of principals(ctx, kindNode, ploc))
          out.push({ kind: tag as RuntimeKind, resource: resource === '' ? '*' : resource, p });
    }
  }
  for (const tag of childTags(block))
    if (tag !== 'Permissions')
      ctx.c.warn(where, `<${tag}> inside <${blockName}> is not a <Permissions> block; ignored`);
  return out;
}

function readDesign(ctx: Ctx, block: XNode, where: Loc): RawDesign[] {
  const out: RawDesign[] = [];
  for (const tag of childTags(block)) {
    for (const kindNode of elements(block, tag)) {
      const ps = principals(ctx, kindNode, where);
      if ((DESIGN_KINDS as readonly string[]).includes(tag)) {
        for (const p of ps) out.push({ kind: tag as DesignKind, p });
      } else if (tag === 'Metadata') {
        // §11.8: no source explains <Metadata/>; entries in it cannot be simulated.
        if (ps.length)
          ctx.c.skip(
            'Metadata design-time entries',
            'meaning unknown (no source explains <Metadata>)',
            where,
          );
      } else ctx.c.warn(where, `<${tag}> is not a design-time permission kind; ignored`);
    }
  }
  return out;
}

function readVisibility(ctx: Ctx, block: XNode, where: Loc): RawPrincipal[] {
  const out: RawPrincipal[] = [];
  for (const v of elements(block, 'Visibility')) out.push(...principals(ctx, v, where));
  // Tolerance: principals written straight under the block.
  out.push(...principals(ctx, block, where));
  return out;
}

/** Reads the own or instance blocks of an entity; undefined when none of them is present. */
function readBlocks(
  ctx: Ctx,
  node: XNode,
  where: Loc,
  names: {
    runtime: readonly string[];
    designtime: readonly string[];
    visibility: readonly string[];
  },
): RawPermissions | undefined {
  const set: RawPermissions = {};
  let any = false;
  for (const tag of names.runtime)
    for (const b of elements(node, tag)) {
      const bl = locOf(ctx, b, where);
      const e = readRuntime(ctx, b, bl, tag);
      ctx.c.block(tag, e.length);
      set.runtime = [...(set.runtime ?? []), ...e];
      any = true;
    }
  for (const tag of names.designtime)
    for (const b of elements(node, tag)) {
      const e = readDesign(ctx, b, locOf(ctx, b, where));
      ctx.c.block(tag, e.length);
      set.designtime = [...(set.designtime ?? []), ...e];
      any = true;
    }
  for (const tag of names.visibility)
    for (const b of elements(node, tag)) {
      const e = readVisibility(ctx, b, locOf(ctx, b, where));
      ctx.c.block(tag, e.length);
      set.visibility = [...(set.visibility ?? []), ...e];
      any = true;
    }
  return any ? set : undefined;
}

const OWN = {
  runtime: [OWN_BLOCKS.runtime],
  designtime: [OWN_BLOCKS.designtime],
  visibility: [OWN_BLOCKS.visibility],
};

const entryCount = (s: RawPermissions | undefined): number =>
  s ? (s.runtime?.length ?? 0) + (s.designtime?.length ?? 0) + (s.visibility?.length ?? 0) : 0;

/** Names of `<Container><Item name=.../></Container>` lists found under any of `holders`. */
function definitionNames(holders: XNode[], container: string, item: string): string[] | undefined {
  let found = false;
  const out: string[] = [];
  for (const h of holders)
    for (const c of elements(h, container)) {
      found = true;
      for (const d of elements(c, item)) {
        const n = attr(d, 'name');
        if (n !== undefined && n !== '' && !out.includes(n)) out.push(n);
      }
    }
  return found ? out : undefined;
}

/**
 * Properties, services and events an entity defines: inside its `<ThingShape>` child (Things and
 * templates) or directly under the entity (shapes, resources).
 */
function characteristics(
  ctx: Ctx,
  node: XNode,
  where: Loc,
): Pick<FragmentParts, 'properties' | 'propertyData' | 'services' | 'events'> {
  const holders = [node, ...elements(node, 'ThingShape')];
  const parts: Pick<FragmentParts, 'properties' | 'propertyData' | 'services' | 'events'> = {};
  const p = definitionNames(holders, 'PropertyDefinitions', 'PropertyDefinition');
  // A property's base type and default value (`aspects.defaultValue="20.5"`), for the stand-in.
  const data = Object.create(null) as Record<string, PropertyData>;
  for (const h of holders)
    for (const c of elements(h, 'PropertyDefinitions'))
      for (const d of elements(c, 'PropertyDefinition')) {
        const n = attr(d, 'name');
        if (n === undefined || n === '' || hasOwn(data, n)) continue;
        const r = propertyDataFromExport(attr(d, 'baseType'), attr(d, 'aspects.defaultValue'));
        if (r.dropped)
          ctx.c.warn(
            locOf(ctx, d, where),
            `the default value of property '${n}' is not imported: ${r.dropped}`,
          );
        if (r.data) setOwn(data, n, r.data);
      }
  if (Object.keys(data).length) parts.propertyData = data;
  const s = definitionNames(holders, 'ServiceDefinitions', 'ServiceDefinition');
  const e = definitionNames(holders, 'EventDefinitions', 'EventDefinition');
  if (p) parts.properties = p;
  if (s) parts.services = s;
  if (e) parts.events = e;
  return parts;
}

function members(ctx: Ctx, node: XNode, where: Loc): RawMember[] | undefined {
  const lists = elements(node, 'Members');
  if (!lists.length) return undefined;
  const out: RawMember[] = [];
  // Both `<Members><Member/></Members>` and the double `<Members><Members><Member/>` form (§6.5).
  const walk = (m: XNode, depth: number) => {
    for (const x of elements(m, 'Member')) {
      const loc = locOf(ctx, x, where);
      const name = attr(x, 'name');
      if (name === undefined || name === '')
        ctx.c.warn(loc, 'a <Member> without a name is ignored');
      else out.push({ name, type: attr(x, 'type') ?? '', loc });
    }
    if (depth < 4) for (const inner of elements(m, 'Members')) walk(inner, depth + 1);
  };
  for (const l of lists) walk(l, 0);
  return out;
}

function owner(ctx: Ctx, node: XNode, where: Loc): RawMember | undefined {
  const o = elements(node, 'Owner')[0];
  if (!o) return undefined;
  const name = attr(o, 'name');
  if (!name) return undefined;
  return { name, type: attr(o, 'type') ?? '', loc: locOf(ctx, o, where) };
}

function implementedShapes(node: XNode): string[] | undefined {
  const lists = elements(node, 'ImplementedShapes');
  if (!lists.length) return undefined;
  const out: string[] = [];
  for (const l of lists)
    for (const s of elements(l, 'ImplementedShape')) {
      const n = attr(s, 'name');
      if (n && !out.includes(n)) out.push(n);
    }
  return out;
}

function secrets(ctx: Ctx, node: XNode, what: string): void {
  for (const a of attrNames(node))
    if (SECRET_ATTR.test(a) && (attr(node, a) ?? '') !== '') ctx.c.secret(`${what} ${a}`);
}

function boolAttr(ctx: Ctx, node: XNode, name: string, loc: Loc): boolean | undefined {
  const raw = attr(node, name);
  const v = bool(raw);
  if (raw !== undefined && raw.trim() !== '' && v === undefined)
    ctx.c.warn(loc, `${name}="${raw}" is not true or false; the default is used`);
  return v;
}

/** Reads one entity element of a modelled collection into a fragment. */
function readEntity(ctx: Ctx, collection: ModelledCollection, node: XNode, fallback: Loc): void {
  const loc = locOf(ctx, node, fallback);
  const name = attr(node, 'name');
  if (name === undefined || name === '') {
    ctx.c.warn(loc, `a ${ENTITY_TAG.get(collection) ?? collection} without a name is ignored`);
    return;
  }
  const parts: FragmentParts = {};
  const own = readBlocks(ctx, node, loc, OWN);
  const instance = readBlocks(ctx, node, loc, INSTANCE_BLOCKS);
  const o = owner(ctx, node, loc);
  if (o) parts.owner = o;

  switch (collection) {
    case 'Things': {
      const t = attr(node, 'thingTemplate');
      if (t) parts.template = t;
      const en = boolAttr(ctx, node, 'enabled', loc);
      if (en !== undefined) parts.enabled = en;
      const sh = implementedShapes(node);
      if (sh) parts.shapes = sh;
      Object.assign(parts, characteristics(ctx, node, loc));
      if (own) parts.permissions = own;
      if (entryCount(instance))
        ctx.c.skip(
          'instance permissions on Things',
          'only templates and shapes have instance sets (§2.3)',
          loc,
        );
      break;
    }
    case 'ThingTemplates': {
      const b = attr(node, 'baseThingTemplate');
      if (b) parts.base = b;
      const sh = implementedShapes(node);
      if (sh) parts.shapes = sh;
      Object.assign(parts, characteristics(ctx, node, loc));
      if (own) parts.permissions = own;
      if (instance) parts.instance = instance;
      break;
    }
    case 'ThingShapes': {
      Object.assign(parts, characteristics(ctx, node, loc));
      if (own) {
        // §1.9, §2.5: a shape has no own run-time permissions.
        if (own.runtime?.length)
          ctx.c.skip(
            'own run-time entries on ThingShapes',
            'a shape has no own run-time permissions (§1.9)',
            loc,
          );
        parts.permissions = { ...own, runtime: [] };
      }
      if (instance) {
        if (instance.designtime?.length || instance.visibility?.length)
          ctx.c.skip(
            'instance design-time/visibility entries on ThingShapes',
            'shapes hold instance run-time permissions only (§2.5)',
            loc,
          );
        parts.instance = { runtime: instance.runtime ?? [] };
      }
      break;
    }
    case 'DataShapes':
    case 'Mashups':
    case 'Resources':
    case 'Subsystems':
      Object.assign(parts, characteristics(ctx, node, loc));
      if (own) parts.permissions = own;
      break;
    case 'Users': {
      const en = boolAttr(ctx, node, 'enabled', loc);
      if (en !== undefined) parts.enabled = en;
      const lk = boolAttr(ctx, node, 'locked', loc);
      if (lk !== undefined) parts.locked = lk;
      secrets(ctx, node, 'user');
      if (entryCount(own))
        ctx.c.skip(
          'permission blocks on Users',
          'PermSim does not model permissions on User entities',
          loc,
        );
      break;
    }
    case 'Groups': {
      const m = members(ctx, node, loc);
      if (m) parts.members = m;
      if (entryCount(own))
        ctx.c.skip(
          'permission blocks on Groups',
          'PermSim does not model permissions on Group entities',
          loc,
        );
      break;
    }
    case 'Organizations': {
      const conns: NonNullable<FragmentParts['connections']> = [];
      let sawConnections = false;
      for (const cs of elements(node, 'Connections')) {
        sawConnections = true;
        for (const c of elements(cs, 'Connection')) {
          const to = attr(c, 'to');
          const cl = locOf(ctx, c, loc);
          if (!to) {
            ctx.c.warn(cl, 'a <Connection> without a "to" unit is ignored');
            continue;
          }
          conns.push({ from: attr(c, 'from') ?? '', to, loc: cl });
        }
      }
      if (sawConnections) parts.connections = conns;
      const units: NonNullable<FragmentParts['unitMembers']> = [];
      for (const us of elements(node, 'OrganizationalUnits'))
        for (const u of elements(us, 'OrganizationalUnit')) {
          const un = attr(u, 'name');
          const ul = locOf(ctx, u, loc);
          if (!un) {
            ctx.c.warn(ul, 'an <OrganizationalUnit> without a name is ignored');
            continue;
          }
          units.push({ unit: un, members: members(ctx, u, ul) ?? [] });
        }
      if (units.length || elements(node, 'OrganizationalUnits').length) parts.unitMembers = units;
      if (entryCount(own))
        ctx.c.skip(
          'permission blocks on Organizations',
          'PermSim does not model permissions on Organization entities',
          loc,
        );
      break;
    }
    case 'ApplicationKeys': {
      const u = attr(node, 'userNameReference') ?? attr(node, 'user') ?? attr(node, 'userName');
      if (u) parts.keyUser = u;
      const exp = attr(node, 'expirationDate') ?? attr(node, 'expires');
      if (exp !== undefined) parts.expires = exp.trim() === '' ? null : exp;
      const ip =
        attr(node, 'IPWhitelist') ??
        attr(node, 'ipWhitelist') ??
        attr(node, 'IPAllowlist') ??
        attr(node, 'ipAllowlist');
      if (ip !== undefined) parts.ipAllowlist = ip.split(/[\s,;]+/).filter(x => x !== '');
      secrets(ctx, node, 'application key');
      if (entryCount(own))
        ctx.c.skip(
          'permission blocks on ApplicationKeys',
          'PermSim does not model permissions on ApplicationKey entities',
          loc,
        );
      break;
    }
  }
  ctx.c.fragments.push({ collection, name, loc, parts });
}

function collectionBlocks(ctx: Ctx, tag: string, node: XNode, loc: Loc): void {
  const set = readBlocks(ctx, node, loc, OWN);
  if (!set) return;
  const key = collectionLevelKey(tag);
  if (!key) {
    if (entryCount(set))
      ctx.c.skip(`collection-level permissions of ${tag}`, 'PermSim has no such collection', loc);
    return;
  }
  ctx.c.collections.push({ collection: key, loc, permissions: set });
}

/** One collection element under `<Entities>`. */
function readCollection(ctx: Ctx, tag: string, node: XNode, rootLoc: Loc): void {
  const loc = locOf(ctx, node, rootLoc);
  if (isModelledCollection(tag)) {
    const entityTag = ENTITY_TAG.get(tag) ?? '';
    for (const e of elements(node, entityTag)) readEntity(ctx, tag, e, loc);
    for (const other of childTags(node))
      if (other !== entityTag && !ALL_BLOCK_TAGS.includes(other))
        ctx.c.warn(loc, `<${other}> inside <${tag}> is not a ${entityTag}; ignored`);
  } else {
    // Unknown or unmodelled collection: skipped with a note, never an error.
    let n = 0;
    let withPerms = 0;
    for (const t of childTags(node)) {
      if (ALL_BLOCK_TAGS.includes(t)) continue;
      for (const e of elements(node, t)) {
        n += 1;
        if (ALL_BLOCK_TAGS.some(b => elements(e, b).length > 0)) withPerms += 1;
      }
    }
    if (n)
      for (let i = 0; i < n; i++)
        ctx.c.skip(
          `${tag} entities`,
          withPerms
            ? 'PermSim does not model this collection; their permission blocks are not simulated'
            : 'PermSim does not model this collection',
          loc,
        );
  }
  collectionBlocks(ctx, tag, node, loc);
}

/** The source-control permissions file: `<Collections>` root. */
function readPermissionsFile(ctx: Ctx, root: XNode, rootLoc: Loc): void {
  const readRecord = (e: XNode, fallback: Loc) => {
    const loc = locOf(ctx, e, fallback);
    const name = attr(e, 'name');
    const type = attr(e, 'type') ?? '';
    if (!name) {
      ctx.c.warn(loc, 'an <Entity> record without a name is ignored');
      return;
    }
    const collection = collectionOfType(type);
    if (!collection) {
      ctx.c.skip(
        `${type || 'untyped'} permission records`,
        type ? 'PermSim does not model this entity type' : 'the record has no type attribute',
        loc,
      );
      return;
    }
    const parts: FragmentParts = {};
    const own = readBlocks(ctx, e, loc, OWN);
    const inst = readBlocks(ctx, e, loc, INSTANCE_BLOCKS);
    if (['Users', 'Groups', 'Organizations', 'ApplicationKeys'].includes(collection)) {
      if (entryCount(own))
        ctx.c.skip(
          `permission blocks on ${collection}`,
          `PermSim does not model permissions on ${collection} entities`,
          loc,
        );
    } else if (own)
      parts.permissions = collection === 'ThingShapes' ? { ...own, runtime: [] } : own;
    if (inst) {
      if (collection === 'ThingTemplates') parts.instance = inst;
      else if (collection === 'ThingShapes') parts.instance = { runtime: inst.runtime ?? [] };
      else if (entryCount(inst))
        ctx.c.skip(
          `instance permissions on ${collection}`,
          'only templates and shapes have instance sets (§2.3)',
          loc,
        );
    }
    const o = owner(ctx, e, loc);
    if (o) parts.owner = o;
    ctx.c.fragments.push({ collection, name, loc, parts, record: true });
  };
  const visit = (node: XNode, depth: number, loc: Loc) => {
    for (const e of elements(node, 'Entity')) readRecord(e, loc);
    for (const tag of childTags(node)) {
      if (tag === 'Entity' || ALL_BLOCK_TAGS.includes(tag)) continue;
      for (const child of elements(node, tag)) {
        const cl = locOf(ctx, child, loc);
        const collTag = tag === 'Collection' ? (attr(child, 'name') ?? '') : tag;
        if (depth === 0 && tag !== 'Entities') collectionBlocks(ctx, collTag, child, cl);
        if (depth < 2) visit(child, depth + 1, cl);
      }
    }
  };
  visit(root, 0, rootLoc);
}

/**
 * Reads a parsed XML document. Returns false when the root is neither `<Entities>` nor `<Collections>`.
 */
export function readXmlDocument(
  root: XNode,
  rootTag: string,
  file: string,
  lines: LineIndex,
  c: Collector,
): boolean {
  const ctx: Ctx = { file, lines, c };
  const rootLoc = locOf(ctx, root, { file, line: 1 });
  const major = attr(root, 'majorVersion');
  const minor = attr(root, 'minorVersion');
  c.versions.add(major ? `${major}.${minor ?? '?'}` : 'unknown');
  if (rootTag === 'Entities') {
    for (const tag of childTags(root))
      for (const node of elements(root, tag)) readCollection(ctx, tag, node, rootLoc);
    return true;
  }
  if (rootTag === 'Collections') {
    readPermissionsFile(ctx, root, rootLoc);
    return true;
  }
  return false;
}
