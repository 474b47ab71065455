/**
 * The affected region of a change (performance.md §2.3): rectangles of callers x entities outside
 * of which no REST answer can differ between two models. Found structurally, by comparing the two
 * models element by element (edits are copy-on-write, so unchanged elements are the same objects
 * and cost one identity test), then mapping each difference to the users it can concern:
 * - an entry added or removed at a level concerns the reverse transitive membership of its
 *   principal (§2.11, §9.2) on the entities that level governs: the Thing; a template's own entity,
 *   or (instance sets) every Thing and template deriving from it (§2.3); a shape's implementers
 *   (§2.5); every entity of a collection (§2.1);
 * - a visibility grant concerns every member of a unit of its organization (§4.4, any direction);
 * - a membership, unit, flag or app-key change concerns its users on every entity;
 * - structure (template base, shapes, characteristics, owner, enabled) concerns every caller on the
 *   entities involved; semantics, factory defaults or equipment structure concern everything;
 * - an equipment Thing's entries also concern every caller on the context manager, whose view
 *   services read them back (§7.14).
 * Application keys follow their user (§3.9). The property test (test/property/whatif-diff.test.ts)
 * proves that a diff restricted to the region equals the full before/after comparison.
 *
 * @example
 * const region = affectedRegion(before, after);
 * inRegion(region, 'user:alice', 'Things/SensorDataStream');
 */
import { CONTEXT_MANAGER_THING } from '../apps/names';
import { USERS_GROUP } from '../model/builtins';
import type {
  Model,
  PermissionSet,
  PrincipalRef,
  RuntimeEntry,
  ThingTemplate,
} from '../model/types';
import { entityNames } from '../rest/lookup';
import { own as ownEntry } from '../model/own';
import { changedCandidates } from '../model/overlay';

/** `'all'` or a set of keys: callers `user:alice` / `appKey:k1`, entities `Things/T1`. */
export type KeySet = 'all' | Set<string>;
export type Rectangle = { callers: KeySet; entities: KeySet; why: string };
export type Region = { rectangles: Rectangle[]; everything: boolean };

const groupClosures = new WeakMap<Model, Map<string, Set<string>>>();

/** Every user's transitive groups, `Users` included (§3.5, §2.11), cached per model object. */
function closures(m: Model): Map<string, Set<string>> {
  let out = groupClosures.get(m);
  if (out) return out;
  out = new Map();
  const memo = new Map<string, Set<string>>();
  const up = (g: string, stack: Set<string>): Set<string> => {
    const known = memo.get(g);
    if (known) return known;
    const s = new Set<string>([g]);
    if (stack.has(g)) return s; // a cycle in a hand-built model: stop, the engines do the same
    stack.add(g);
    for (const p of ownEntry(m.groups, g)?.memberOf ?? []) for (const x of up(p, stack)) s.add(x);
    stack.delete(g);
    memo.set(g, s);
    return s;
  };
  for (const u of Object.values(m.users)) {
    const s = new Set<string>();
    for (const g of [...u.groups, USERS_GROUP]) for (const x of up(g, new Set())) s.add(x);
    out.set(u.name, s);
  }
  groupClosures.set(m, out);
  return out;
}

/**
 * Where templates and Things hang (template -> derived templates, template -> its Things, shape ->
 * the Things naming it), cached per model object; a changed model whose users, groups and structure
 * are element-for-element the baseline's reuses the baseline's closures and index (edits are
 * copy-on-write: every record is a new object, the unchanged elements are the same objects).
 */
type StructureIndex = {
  children: Map<string, string[]>;
  thingsOf: Map<string, string[]>;
  thingsWithShape: Map<string, string[]>;
};
const structureIndexes = new WeakMap<Model, StructureIndex>();

function push(m: Map<string, string[]>, k: string, v: string): void {
  const xs = m.get(k);
  if (xs) xs.push(v);
  else m.set(k, [v]);
}

function structureIndex(m: Model): StructureIndex {
  let out = structureIndexes.get(m);
  if (out) return out;
  out = { children: new Map(), thingsOf: new Map(), thingsWithShape: new Map() };
  for (const tp of Object.values(m.templates)) if (tp.base) push(out.children, tp.base, tp.name);
  for (const th of Object.values(m.things)) {
    push(out.thingsOf, th.template, th.name);
    for (const s of th.shapes) push(out.thingsWithShape, s, th.name);
  }
  structureIndexes.set(m, out);
  return out;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** True when both records hold the same keys with the same element objects. */
export const sameElements = <T>(a: Record<string, T>, b: Record<string, T>): boolean =>
  changedKeys(a, b).length === 0;

/** Lets `after` reuse the baseline's cached closures and structure index where they must be equal. */
function shareCaches(before: Model, after: Model): void {
  if (
    !groupClosures.has(after) &&
    sameElements(before.users, after.users) &&
    sameElements(before.groups, after.groups)
  )
    groupClosures.set(after, closures(before));
  if (structureIndexes.has(after)) return;
  for (const k of changedKeys(before.things, after.things)) {
    const a = ownEntry(before.things, k);
    const b = ownEntry(after.things, k);
    if (!a || !b || a.template !== b.template || !sameList(a.shapes, b.shapes)) return;
  }
  for (const k of changedKeys(before.templates, after.templates)) {
    const a = ownEntry(before.templates, k);
    const b = ownEntry(after.templates, k);
    if (!a || !b || a.base !== b.base) return;
  }
  structureIndexes.set(after, structureIndex(before));
}

function usersOfPrincipal(m: Model, p: PrincipalRef, into: Set<string>): void {
  if (p.type === 'user') {
    if (ownEntry(m.users, p.name)) into.add(p.name);
    return;
  }
  for (const [u, gs] of closures(m)) if (gs.has(p.name)) into.add(u);
}

function usersOfOrg(m: Model, org: string, into: Set<string>): void {
  const o = ownEntry(m.organizations, org);
  if (!o) return;
  for (const unit of Object.values(o.units))
    for (const member of unit.members) usersOfPrincipal(m, member, into);
}

const entryKey = (
  e: RuntimeEntry | { kind: string; principal: PrincipalRef; allow: boolean; resource?: string },
) => `${e.kind}|${e.resource ?? ''}|${e.principal.type}:${e.principal.name}|${e.allow}`;

/** Users concerned by the entries present in one set and not the other (both directions). */
function entryUsers(
  models: readonly [Model, Model],
  a: Partial<PermissionSet> | undefined,
  b: Partial<PermissionSet> | undefined,
  into: Set<string>,
): void {
  const diffPrincipals = (
    x: { kind: string; principal: PrincipalRef; allow: boolean; resource?: string }[] = [],
    y: typeof x = [],
  ) => {
    const ky = new Set(y.map(entryKey));
    const kx = new Set(x.map(entryKey));
    return [...x.filter(e => !ky.has(entryKey(e))), ...y.filter(e => !kx.has(entryKey(e)))].map(
      e => e.principal,
    );
  };
  const principals = [
    ...diffPrincipals(a?.runtime, b?.runtime),
    ...diffPrincipals(a?.designtime, b?.designtime),
  ];
  const vis = (v: PermissionSet['visibility'] = []) =>
    new Set(v.map(x => (x.type === 'org' ? `org:${x.org}` : `unit:${x.org}:${x.unit}`)));
  const va = vis(a?.visibility);
  const vb = vis(b?.visibility);
  const orgs = new Set<string>();
  for (const v of [...(a?.visibility ?? []), ...(b?.visibility ?? [])]) {
    const k = v.type === 'org' ? `org:${v.org}` : `unit:${v.org}:${v.unit}`;
    if (va.has(k) !== vb.has(k)) orgs.add(v.org);
  }
  for (const m of models) {
    for (const p of principals) usersOfPrincipal(m, p, into);
    for (const o of orgs) usersOfOrg(m, o, into);
  }
}

const json = (x: unknown) => JSON.stringify(x);
const withoutPermissions = <T extends object>(x: T | undefined): string => {
  if (!x) return '';
  const rest: Record<string, unknown> = { ...(x as Record<string, unknown>) };
  delete rest['permissions'];
  delete rest['instance'];
  return json(rest);
};

/** Templates deriving from `t` (itself included): everything whose chain reaches `t` (§2.3). */
function templatesBelow(m: Model, t: string): Set<string> {
  const { children } = structureIndex(m);
  const out = new Set<string>([t]);
  const stack = [t];
  while (stack.length > 0) {
    for (const c of children.get(stack.pop() as string) ?? []) {
      if (out.has(c)) continue; // a loop in a hand-built model: each template once
      out.add(c);
      stack.push(c);
    }
  }
  return out;
}

/** Things and templates deriving from template `t` (itself included), in either model. */
function derivedFrom(models: readonly Model[], t: string, into: Set<string>): void {
  into.add(`ThingTemplates/${t}`);
  for (const m of models) {
    const { thingsOf } = structureIndex(m);
    for (const tp of templatesBelow(m, t)) {
      if (ownEntry(m.templates, tp)) into.add(`ThingTemplates/${tp}`);
      for (const th of thingsOf.get(tp) ?? []) into.add(`Things/${th}`);
    }
  }
}

/** Things and templates implementing shape `s` directly or through their template chain. */
function implementers(models: readonly Model[], s: string, into: Set<string>): void {
  into.add(`ThingShapes/${s}`);
  for (const m of models) {
    for (const th of structureIndex(m).thingsWithShape.get(s) ?? []) into.add(`Things/${th}`);
    for (const tp of Object.values(m.templates)) {
      if (!tp.shapes.includes(s)) continue;
      const below = new Set<string>();
      derivedFrom([m], tp.name, below);
      for (const x of below) into.add(x);
    }
  }
}

function equipmentThings(m: Model): Set<string> {
  const out = new Set<string>();
  for (const c of Object.values(m.apps.contexts)) {
    out.add(c.network);
    for (const n of Object.keys(c.equipment)) out.add(n);
  }
  return out;
}

const keyLists = new WeakMap<object, string[]>();
const changedMemo = new WeakMap<object, { a: object; out: string[] }>();

/**
 * Keys whose element differs between two records (changed, added or removed), memoised per pair:
 * the region, the structure check and the class summary all ask it of the same 50,000-Thing
 * records. Keys come from one cached `Object.keys` per record (for-in over a record that large is
 * several times slower).
 *
 * @example
 * changedKeys(model.things, applyChange(model, change).model.things); // ['Press1']
 */
export function changedKeys<T>(a: Record<string, T>, b: Record<string, T>): string[] {
  if (a === b) return [];
  const memo = changedMemo.get(b);
  if (memo && memo.a === a) return memo.out;
  // Records that share a base (a context-manager grant's overlay, shared/model/overlay.ts) differ at
  // most in their replaced keys: no scan of 150,000 keys for a grant on one node.
  const candidates = changedCandidates(a, b);
  if (candidates) {
    const out = candidates.filter(k => ownEntry(a, k) !== ownEntry(b, k));
    changedMemo.set(b, { a, out });
    return out;
  }
  let ka = keyLists.get(a);
  if (!ka) keyLists.set(a, (ka = Object.keys(a)));
  const out: string[] = [];
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i] as string;
    if (ownEntry(a, k) !== ownEntry(b, k)) out.push(k);
  }
  // Elements are never undefined: with no difference so far, b holds every key of a.
  let kb = keyLists.get(b);
  if (!kb) keyLists.set(b, (kb = Object.keys(b)));
  if (out.length > 0 || kb.length !== ka.length)
    for (const k of kb) if (!Object.hasOwn(a, k)) out.push(k);
  changedMemo.set(b, { a, out });
  return out;
}

/**
 * The rectangles of callers x entities where answers may differ between `before` and `after`.
 *
 * @example
 * affectedRegion(model, applyChange(model, change).model).rectangles.map(r => r.why);
 */
export function affectedRegion(before: Model, after: Model): Region {
  const hit = regions.get(after);
  if (hit && hit.before === before) return hit.region;
  const region = computeRegion(before, after);
  regions.set(after, { before, region });
  return region;
}

// One region per (before, after) pair: the summary, its equipment list and the workbench's pages all
// ask for it. Hazard: the Region is shared, so callers only read it (models are immutable values).
const regions = new WeakMap<Model, { before: Model; region: Region }>();

function computeRegion(before: Model, after: Model): Region {
  const models = [before, after] as const;
  shareCaches(before, after);
  const rects: Rectangle[] = [];
  const everything = (why: string): Region => ({
    rectangles: [{ callers: 'all', entities: 'all', why }],
    everything: true,
  });
  const bypasses = bypassSwitches(before, after);
  if (bypasses === undefined) return everything('semantic options changed');
  if (json(before.factory) !== json(after.factory)) return everything('factory defaults changed');
  if (before.apps !== after.apps && json(before.apps.contexts) !== json(after.apps.contexts))
    return everything('equipment structure changed');
  if (json(before.apps.relationships) !== json(after.apps.relationships))
    return everything('equipment relationships changed');

  const userRect = (users: Set<string>, entities: KeySet, why: string) => {
    if (users.size > 0 && (entities === 'all' || entities.size > 0))
      rects.push({ callers: new Set([...users].map(u => `user:${u}`)), entities, why });
  };
  const allCallersOn = (entities: Set<string>, why: string) => {
    if (entities.size > 0) rects.push({ callers: 'all', entities, why });
  };
  const equipment = new Set([...equipmentThings(before), ...equipmentThings(after)]);
  let equipmentEntriesChanged =
    before.apps.grants !== after.apps.grants &&
    json(before.apps.grants) !== json(after.apps.grants);

  for (const k of changedKeys(before.things, after.things)) {
    const a = ownEntry(before.things, k);
    const b = ownEntry(after.things, k);
    const e = new Set([`Things/${k}`]);
    if (!a || !b || withoutPermissions(a) !== withoutPermissions(b))
      allCallersOn(e, `Thing ${k} changed`);
    const users = new Set<string>();
    entryUsers(models, a?.permissions, b?.permissions, users);
    userRect(users, e, `entries of Thing ${k}`);
    if (users.size > 0 && equipment.has(k)) equipmentEntriesChanged = true;
  }
  for (const k of changedKeys(before.templates, after.templates)) {
    const a: ThingTemplate | undefined = ownEntry(before.templates, k);
    const b: ThingTemplate | undefined = ownEntry(after.templates, k);
    if (!a || !b || withoutPermissions(a) !== withoutPermissions(b)) {
      const e = new Set<string>();
      derivedFrom(models, k, e);
      allCallersOn(e, `template ${k} changed`);
    }
    const own = new Set<string>();
    entryUsers(models, a?.permissions, b?.permissions, own);
    userRect(own, new Set([`ThingTemplates/${k}`]), `entries of template ${k}`);
    const inst = new Set<string>();
    entryUsers(models, a?.instance, b?.instance, inst);
    if (inst.size > 0) {
      const e = new Set<string>();
      derivedFrom(models, k, e);
      userRect(inst, e, `instance entries of template ${k}`);
      for (const x of e)
        if (x.startsWith('Things/') && equipment.has(x.slice(7))) equipmentEntriesChanged = true;
    }
  }
  for (const k of changedKeys(before.shapes, after.shapes)) {
    const a = ownEntry(before.shapes, k);
    const b = ownEntry(after.shapes, k);
    if (!a || !b || withoutPermissions(a) !== withoutPermissions(b)) {
      const e = new Set<string>();
      implementers(models, k, e);
      allCallersOn(e, `shape ${k} changed`);
    }
    const own = new Set<string>();
    entryUsers(models, a?.permissions, b?.permissions, own);
    userRect(own, new Set([`ThingShapes/${k}`]), `entries of shape ${k}`);
    const inst = new Set<string>();
    entryUsers(models, a?.instance, b?.instance, inst);
    if (inst.size > 0) {
      const e = new Set<string>();
      implementers(models, k, e);
      userRect(inst, e, `instance entries of shape ${k}`);
      for (const x of e)
        if (x.startsWith('Things/') && equipment.has(x.slice(7))) equipmentEntriesChanged = true;
    }
  }
  for (const k of changedKeys(before.others, after.others)) {
    const a = ownEntry(before.others, k);
    const b = ownEntry(after.others, k);
    const e = new Set([k]);
    if (!a || !b || withoutPermissions(a) !== withoutPermissions(b))
      allCallersOn(e, `${k} changed`);
    const users = new Set<string>();
    entryUsers(models, a?.permissions, b?.permissions, users);
    userRect(users, e, `entries of ${k}`);
  }
  for (const c of new Set([
    ...Object.keys(before.collections),
    ...Object.keys(after.collections),
  ]) as Set<keyof Model['collections']>) {
    const a = ownEntry(before.collections, c);
    const b = ownEntry(after.collections, c);
    if (a === b) continue;
    const users = new Set<string>();
    entryUsers(models, a, b, users);
    if (users.size === 0) continue;
    const e = new Set<string>();
    for (const m of models) for (const n of entityNames(m, c)) e.add(`${c}/${n}`);
    userRect(users, e, `collection ${c} entries`);
    if (c === 'Things') equipmentEntriesChanged = true;
  }
  for (const k of changedKeys(before.users, after.users)) {
    userRect(new Set([k]), 'all', `user ${k} changed`);
    allCallersOn(new Set([`Users/${k}`]), `user ${k} changed`);
  }
  for (const k of changedKeys(before.groups, after.groups)) {
    const users = new Set<string>();
    for (const m of models) usersOfPrincipal(m, { type: 'group', name: k }, users);
    userRect(users, 'all', `group ${k} changed`);
    allCallersOn(new Set([`Groups/${k}`]), `group ${k} changed`);
  }
  for (const k of changedKeys(before.organizations, after.organizations)) {
    const users = new Set<string>();
    for (const m of models) usersOfOrg(m, k, users);
    userRect(users, 'all', `organization ${k} changed`);
    allCallersOn(new Set([`Organizations/${k}`]), `organization ${k} changed`);
  }
  for (const k of changedKeys(before.appKeys, after.appKeys)) {
    rects.push({
      callers: new Set([`appKey:${k}`]),
      entities: 'all',
      why: `application key ${k} changed`,
    });
    allCallersOn(new Set([`ApplicationKeys/${k}`]), `application key ${k} changed`);
  }
  if (bypasses.admin) {
    // Only a member of Administrators meets the Administrators bypass (gate.ts bypassOf, §3.3).
    const admins = new Set<string>();
    for (const m of models)
      for (const [u, gs] of closures(m)) if (gs.has(ADMINISTRATORS)) admins.add(u);
    userRect(admins, 'all', 'option adminBypass switched');
  }
  if (bypasses.owner) {
    // Only the owner of an entity meets the owner bypass on it (gate.ts bypassOf, §1.10).
    for (const [u, owned] of ownedEntities(models))
      userRect(new Set([u]), owned, `option ownerBypass switched (entities owned by ${u})`);
  }
  if (bypasses.admin || bypasses.owner)
    // Hazard: the context manager's services answer by caller and may read the bypasses.
    allCallersOn(
      new Set([`Things/${CONTEXT_MANAGER_THING}`]),
      'the context manager answers by caller (§7)',
    );
  if (equipmentEntriesChanged)
    allCallersOn(
      new Set([`Things/${CONTEXT_MANAGER_THING}`]),
      'equipment permissions are read back by the context manager (§7.14)',
    );

  // Application keys act as their user (§3.9): a key is in every rectangle its user is in.
  const keyUsers = new Map<string, Set<string>>();
  for (const m of models)
    for (const key of Object.values(m.appKeys))
      (keyUsers.get(key.name) ?? keyUsers.set(key.name, new Set()).get(key.name))?.add(
        `user:${key.user}`,
      );
  for (const r of rects) {
    if (r.callers === 'all') continue;
    for (const [key, users] of keyUsers)
      for (const u of users) if (r.callers.has(u)) r.callers.add(`appKey:${key}`);
  }
  return { rectangles: rects, everything: false };
}

const ADMINISTRATORS = 'Administrators';

/**
 * Which bypass options (§9.3) differ between the models, or undefined when any other semantic
 * option differs too (then every cell may answer differently). Why apart: a bypass concerns only
 * the callers it lets through (gate.ts `bypassOf`: members of Administrators, the owner of the
 * entity), and the explanation names the option only for them (evaluate.ts `bypassStep`), so
 * switching one puts a few callers in the region instead of every cell of the model.
 */
function bypassSwitches(
  before: Model,
  after: Model,
): { admin: boolean; owner: boolean } | undefined {
  const a = before.semantics;
  const b = after.semantics;
  if (
    json({ ...a, adminBypass: 0, ownerBypass: 0 }) !==
    json({ ...b, adminBypass: 0, ownerBypass: 0 })
  )
    return undefined;
  return { admin: a.adminBypass !== b.adminBypass, owner: a.ownerBypass !== b.ownerBypass };
}

/** Per owning user, the entities (keys) they own in either model: Things, templates, shapes, others. */
function ownedEntities(models: readonly Model[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (owner: string | undefined, key: string) => {
    if (owner === undefined) return;
    (out.get(owner) ?? out.set(owner, new Set()).get(owner))?.add(key);
  };
  for (const m of models) {
    for (const t of Object.values(m.things)) add(t.owner, `Things/${t.name}`);
    for (const t of Object.values(m.templates)) add(t.owner, `ThingTemplates/${t.name}`);
    for (const t of Object.values(m.shapes)) add(t.owner, `ThingShapes/${t.name}`);
    for (const [k, o] of Object.entries(m.others)) add(o.owner, k);
  }
  return out;
}

/**
 * True when the cell (caller key, entity key) lies in the region. Cells without an entity (collection
 * lists) are always in it: they are cheap and few.
 *
 * @example
 * inRegion(region, 'user:alice', 'Things/T1');
 */
export function inRegion(region: Region, caller: string, entity: string | undefined): boolean {
  if (region.everything || entity === undefined) return true;
  return region.rectangles.some(
    r =>
      (r.callers === 'all' || r.callers.has(caller)) &&
      (r.entities === 'all' || r.entities.has(entity)),
  );
}

/** Entity keys of the region ('all' when any rectangle spans every entity). */
export function regionEntities(region: Region): KeySet {
  const out = new Set<string>();
  for (const r of region.rectangles) {
    if (r.entities === 'all') return 'all';
    for (const e of r.entities) out.add(e);
  }
  return out;
}
