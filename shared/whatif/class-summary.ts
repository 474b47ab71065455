/**
 * The class route of the what-if summary (docs/whatif.md, performance.md §2.1 "column classes" and
 * §2.3 "rectangles"): for a change that only adds or removes run-time permission entries (the
 * typical what-if: "grant this group PropertyWrite on the template's instances"), the summary of
 * the `affected` scope is computed per group of alike entities and per class of alike calls,
 * never per cell, then multiplied out. ./summary.ts uses it when it applies and falls back to the
 * cell-by-cell comparison otherwise; both give the same counts, rectangles and cells (property test
 * test/property/whatif-summary.test.ts, which also requires that this route is taken).
 *
 * Why a cell outside the candidates cannot change, when only run-time entries differ
 * (`runtimeEntryDelta` checks that nothing else does: users, groups, organizations, keys, options,
 * structure, characteristics, design-time and visibility entries, equipment are all the same):
 * - authentication, principals, lookups, bypasses, visibility and design-time checks read nothing
 *   that changed (§9.1-9.5, §5.10), so only a run-time check (§9.6) can answer differently;
 * - a call's run-time check reads entries of its own kind and of its own resource or `*`
 *   (shared/engine/indexed/level-index.ts), so a call of another kind, or on a resource that no
 *   changed entry names when none of them is `*`, answers the same;
 * - a permitted service's handler answer: the diff sends `{}`, and with it every diagnostic entity
 *   service throws its parameter error before reading a permission, CurrentSessionInfo reads groups
 *   and units (unchanged), and the context manager reads equipment entries — a change of those puts
 *   every caller in the region (./affected.ts), which sends this route back to the cell route.
 *   test/unit/whatif/class-summary.test.ts pins the `{}` answers.
 * Why entities and calls may be grouped: two Things with the same permission class on both sides
 * (shared/engine/outcome.ts: a Thing with nothing of its own answers as its template), owner, enabled flag
 * and region rectangles answer every candidate call alike, and within one entity a call on a
 * characteristic no entry names answers like any other such call of the same kind; built-in service
 * names are kept apart because their handlers and bulk or mutator rules go by name.
 *
 * @example
 * const r = classSummary(before, after, allCallers([before, after]), affectedRegion(before, after));
 * if (r && r.ok) r.value.counts.total;
 */
import type { EntityTarget } from '../engine/decider';
import type { Decision, Operation } from '../model/decision';
import { getDecider } from '../engine/index';
import { chainShapes, templateChain } from '../model/chains';
import { isGenericThingService } from '../rest/builtin-services';
import { characteristicsOf } from '../engine/queries';
import type { Model, PermissionSet, RuntimeEntry, Thing } from '../model/types';
import { entityNames } from '../rest/lookup';
import { parseCall } from '../rest/parse';
import { changedKeys, sameElements } from './affected';
import type { Region } from './affected';
import { blastRadiusOfColumns } from './blast-radius';
import type { BlastColumn } from './blast-radius';
import {
  GRID_COLLECTIONS,
  allEntities,
  callerKey,
  entityKey,
  evaluateCell,
  regionKey,
  sideOf,
} from './cells';
import { CONTEXT_MANAGER_THING } from '../apps/names';
import type { CallSpec, Caller } from './cells';
import type { CallerCounts, ChangeClass, DiffCounts } from './diff';
import { classifyOutcomes, resolveScope } from './diff';
import { createFastComparer } from './fast-cells';
import type { PreparedCall, PreparedCaller } from './fast-cells';
import type { SummaryCell, SummaryResult, WhatIfSummary } from './summary';
import { own as ownEntry, setOwn } from '../model/own';

/** The run-time kinds a changed entry has, each with the resources it names (`*` included). */
export type EntryDelta = Map<string, Set<string>>;

const json = (x: unknown) => JSON.stringify(x);
const EMPTY_SET: PermissionSet = { runtime: [], designtime: [], visibility: [] };
const entryKey = (e: RuntimeEntry) =>
  `${e.kind}|${e.resource}|${e.principal.type}:${e.principal.name}|${e.allow}`;

/** Adds the kinds and resources of the run-time entries in one list and not the other. */
function addEntryDelta(
  a: readonly RuntimeEntry[] = [],
  b: readonly RuntimeEntry[] = [],
  into: EntryDelta,
): void {
  if (a === b) return;
  const ka = new Map<string, number>();
  for (const e of a) ka.set(entryKey(e), (ka.get(entryKey(e)) ?? 0) + 1);
  const kb = new Map<string, number>();
  for (const e of b) kb.set(entryKey(e), (kb.get(entryKey(e)) ?? 0) + 1);
  const add = (e: RuntimeEntry) => {
    const set = into.get(e.kind) ?? into.set(e.kind, new Set()).get(e.kind);
    set?.add(e.resource);
  };
  for (const e of a) if (ka.get(entryKey(e)) !== kb.get(entryKey(e))) add(e);
  for (const e of b) if (ka.get(entryKey(e)) !== kb.get(entryKey(e))) add(e);
}

/** An element without its run-time entries (own and instance), as text. */
function withoutRuntime(x: object): string {
  const r: Record<string, unknown> = { ...(x as Record<string, unknown>) };
  for (const k of ['permissions', 'instance']) {
    const p = ownEntry(r, k) as object | undefined;
    if (p) setOwn(r, k, { ...p, runtime: undefined });
  }
  return json(r);
}

/**
 * The kinds and resources of the run-time entries that differ between two models, or undefined when
 * anything else differs too (then the class route does not apply).
 *
 * @example
 * runtimeEntryDelta(model, applyChange(model, addAllow).model); // Map { 'PropertyWrite' => Set { '*' } }
 */
export function runtimeEntryDelta(before: Model, after: Model): EntryDelta | undefined {
  if (
    json(before.semantics) !== json(after.semantics) ||
    json(before.factory) !== json(after.factory)
  )
    return undefined;
  if (before.apps !== after.apps && json(before.apps) !== json(after.apps)) return undefined;
  for (const k of ['users', 'groups', 'organizations', 'appKeys'] as const)
    if (!sameElements<unknown>(before[k], after[k])) return undefined;
  const delta: EntryDelta = new Map();
  for (const k of ['things', 'templates', 'shapes', 'others'] as const) {
    const a: Record<
      string,
      object & { permissions: PermissionSet; instance?: { runtime: RuntimeEntry[] } }
    > = before[k];
    const b: typeof a = after[k];
    if (a === b) continue;
    for (const key of changedKeys(a, b)) {
      const x = ownEntry(a, key);
      const y = ownEntry(b, key);
      if (!x || !y || withoutRuntime(x) !== withoutRuntime(y)) return undefined;
      addEntryDelta(x.permissions.runtime, y.permissions.runtime, delta);
      addEntryDelta(x.instance?.runtime, y.instance?.runtime, delta);
    }
  }
  for (const c of new Set([
    ...Object.keys(before.collections),
    ...Object.keys(after.collections),
  ]) as Set<keyof Model['collections']>) {
    // A collection without a permission set is one with an empty set (edits drop empty ones).
    const x = ownEntry(before.collections, c) ?? EMPTY_SET;
    const y = ownEntry(after.collections, c) ?? EMPTY_SET;
    if (x === y) continue;
    if (json({ ...x, runtime: undefined }) !== json({ ...y, runtime: undefined })) return undefined;
    addEntryDelta(x.runtime, y.runtime, delta);
  }
  return delta;
}

/** True for the key of an entity, in either model, of a collection whose entities carry calls (`Things/T1`, not `Users/alice`). */
function existsInGrid(models: readonly Model[], key: string): boolean {
  const slash = key.indexOf('/');
  const collection = key.slice(0, slash);
  const name = key.slice(slash + 1);
  if (!(GRID_COLLECTIONS as readonly string[]).includes(collection)) return false;
  return models.some(m =>
    collection === 'Things'
      ? Object.hasOwn(m.things, name)
      : collection === 'ThingTemplates'
        ? Object.hasOwn(m.templates, name)
        : collection === 'ThingShapes'
          ? Object.hasOwn(m.shapes, name)
          : entityNames(m, collection).includes(name),
  );
}

/**
 * True when nothing an entity's answers read from the model differs between the two models except
 * through the caller: semantics, factory defaults, apps, every Thing, template, shape, other entity
 * and collection permission set are the same (users, groups, organizations, keys may differ).
 */
function entitiesUnchanged(before: Model, after: Model): boolean {
  if (
    json(before.semantics) !== json(after.semantics) ||
    json(before.factory) !== json(after.factory)
  )
    return false;
  if (before.apps !== after.apps && json(before.apps) !== json(after.apps)) return false;
  for (const k of ['things', 'templates', 'shapes', 'others'] as const)
    if (!sameElements<unknown>(before[k], after[k])) return false;
  for (const c of new Set([
    ...Object.keys(before.collections),
    ...Object.keys(after.collections),
  ]) as Set<keyof Model['collections']>) {
    const x = ownEntry(before.collections, c) ?? EMPTY_SET;
    const y = ownEntry(after.collections, c) ?? EMPTY_SET;
    if (x !== y && json(x) !== json(y)) return false;
  }
  return true;
}

const everyEntityBits = (rects: readonly Region['rectangles'][number][]): number =>
  rects.reduce((bits, r, i) => (r.entities === 'all' ? bits | (1 << i) : bits), 0);

type Named = readonly { principal: { type: string; name?: string }; kind?: string }[] | undefined;

/**
 * On the caller route (entities unchanged), the kinds of call that may answer differently on a
 * Thing for the region's callers (none: the Thing is counted, not compared), or undefined when any
 * call may. Why: with authentication, the Administrators bypass
 * and the organization units of every region caller the same on both sides, a caller's principal
 * set differs only in groups (§9.2); visibility reads units (§4.4) and owners are unchanged, so a
 * run-time or design-time check on a Thing can answer differently only if an entry on one of its
 * levels (its own set, the instance sets of its template chain and of its shapes, the Things
 * collection, §2) names a gained or lost group. Diagnostic service answers on a Thing do not read
 * the caller (shared/engine/outcome.ts handlerAnswer); the context manager is never pruned.
 */
function groupDeltaFilter(
  before: Model,
  after: Model,
  callers: readonly PreparedCaller[],
): ((thing: Thing) => ReadonlySet<string>) | undefined {
  const delta = new Set<string>();
  const db = getDecider(before);
  const da = getDecider(after);
  const unitsKey = (units: readonly { org: string; unit: string }[]) =>
    units
      .map(u => `${u.org}\u0000${u.unit}`)
      .sort()
      .join('\u0001');
  for (const { before: x, after: y } of callers) {
    if (x.user !== y.user || x.authBody !== y.authBody || x.isAdmin !== y.isAdmin) return undefined;
    if (x.user === undefined || y.user === undefined) continue; // 401 alike on both sides
    const p = db.principals(x.user);
    const q = da.principals(y.user);
    if (unitsKey(p.units) !== unitsKey(q.units)) return undefined;
    const a = new Set(p.groups.map(g => g.name));
    const b = new Set(q.groups.map(g => g.name));
    for (const g of a) if (!b.has(g)) delta.add(g);
    for (const g of b) if (!a.has(g)) delta.add(g);
  }
  // The kinds an entry naming a gained or lost group governs: its run-time kind, or the entity
  // Read for a design-time entry (the only design-time check a call of the scope makes, §5.10).
  const kindsIn = (into: Set<string>, runtime: Named, design?: Named): Set<string> => {
    for (const e of runtime ?? [])
      if (e.principal.type === 'group' && delta.has(e.principal.name ?? ''))
        into.add(e.kind ?? 'Read');
    for (const e of design ?? [])
      if (e.principal.type === 'group' && delta.has(e.principal.name ?? '')) into.add('Read');
    return into;
  };
  const things = ownEntry(before.collections, 'Things');
  const base = kindsIn(new Set(), things?.runtime, things?.designtime);
  const ofTemplate = new Map<string, Set<string>>();
  const templateKinds = (template: string): Set<string> => {
    let k = ofTemplate.get(template);
    if (!k) {
      k = new Set(base);
      for (const t of templateChain(before, template)) {
        const tp = ownEntry(before.templates, t);
        // The template's own set too: not a Thing's level, but kept for safety (cheap).
        if (tp) {
          kindsIn(k, tp.instance.runtime, tp.instance.designtime);
          kindsIn(k, tp.permissions.runtime, tp.permissions.designtime);
        }
      }
      for (const sh of chainShapes(before, template))
        kindsIn(k, ownEntry(before.shapes, sh)?.instance.runtime);
      ofTemplate.set(template, k);
    }
    return k;
  };
  return thing => {
    const k = templateKinds(thing.template);
    if (
      thing.permissions.runtime.length + thing.permissions.designtime.length === 0 &&
      thing.shapes.length === 0
    )
      return k;
    const mine = kindsIn(new Set(k), thing.permissions.runtime, thing.permissions.designtime);
    for (const sh of thing.shapes) kindsIn(mine, ownEntry(before.shapes, sh)?.instance.runtime);
    return mine;
  };
}

/** The calls of one kind of characteristic: what they check and how they are sent. */
const CALL_KINDS = [
  {
    kind: 'PropertyRead',
    list: 'properties',
    method: 'GET',
    seg: 'Properties',
    op: 'property-read',
  },
  {
    kind: 'PropertyWrite',
    list: 'properties',
    method: 'PUT',
    seg: 'Properties',
    op: 'property-write',
  },
  {
    kind: 'ServiceInvoke',
    list: 'services',
    method: 'POST',
    seg: 'Services',
    op: 'service-invoke',
  },
  { kind: 'EventInvoke', list: 'events', method: 'POST', seg: 'Events', op: 'event-invoke' },
] as const;
type ListName = (typeof CALL_KINDS)[number]['list'];
type Lists = Record<ListName, ReadonlySet<string>>;

/** A class of alike calls on the entities of one group. */
type CallClass = { kind: string; count: number; pair: PreparedCall };
/** Entities that answer alike (see the file comment), with their calls. */
type Group = {
  entities: string[];
  mask: number;
  classes: CallClass[];
  byKey: Map<string, number>;
  totalCalls: number;
  /**
   * The classes in runs that one test settles for every caller when only run-time entries differ
   * (FastComparer.settleKey): `probe` is the class asked, -1 when the run must be compared class by class.
   */
  settle: { probe: number; classes: number[] }[];
};

const GENERIC = '';
/** The kind of a parsed call's operation, for the calls the scope holds (callsOnEntity). */
const OP_KINDS = new Map<string, string>([
  ['entity-read', 'Read'],
  ['property-read', 'PropertyRead'],
  ['property-write', 'PropertyWrite'],
  ['service-invoke', 'ServiceInvoke'],
  ['event-invoke', 'EventInvoke'],
]);
/** The class of an entity's Read call (GET on the entity). */
const READ_KEY = 'Read\u0000';
// A resource name no entry can carry (names are validated non-empty identifiers of the model file).
const GENERIC_ALIAS = '\u0000unnamed characteristic';
const enc = encodeURIComponent;

type Changed = {
  group: number;
  cls: number;
  change: ChangeClass;
  bs: number;
  bo: Decision['outcome'];
  as: number;
  ao: Decision['outcome'];
};

/**
 * The summary of the `affected` scope by classes, or undefined when the route does not apply (the
 * caller then compares cell by cell). `callers` are the scope's callers, in scope order.
 *
 * @example
 * classSummary(model, changed, allCallers([model, changed]), affectedRegion(model, changed));
 */
export function classSummary(
  before: Model,
  after: Model,
  callers: readonly Caller[],
  region: Region,
): SummaryResult | undefined {
  if (region.everything) return undefined;
  // A rectangle on entities outside the grid (Users/alice, Groups/g: a membership change) or on
  // entities neither model has (the context manager of a model without equipment) holds no cell of
  // the scope (resolveScope lists the calls of allEntities only).
  const rects = region.rectangles.filter(
    r => r.entities === 'all' || [...r.entities].some(k => existsInGrid([before, after], k)),
  );
  if (rects.length > 30 || rects.some(r => r.callers === 'all')) return undefined;
  const delta = runtimeEntryDelta(before, after);
  // The caller route: nothing on the entities' side changed (a membership, unit, flag or app key),
  // so only the region's few callers can answer differently, on any call: every call is a
  // candidate, entity Reads included, and the entities are still grouped by class.
  const callerOnly = !delta && entitiesUnchanged(before, after);
  if (!delta && !callerOnly) return undefined;
  if (delta && rects.some(r => r.entities === 'all')) return undefined;
  const cmp = createFastComparer(before, after, { entriesOnly: delta !== undefined });
  if (!cmp) return undefined;
  // Whether an entry names a resource for a kind on an entity's levels, on either side. Only entries
  // in the delta differ, so the after side's names are the before side's plus the delta's (a
  // superset is sound: a name kept apart only makes one more class), and the changed model's
  // evaluator (cold) is not asked per entity. On the caller route the entities are the same.
  const named = (target: EntityTarget, kind: string, name: string): boolean =>
    cmp.namedBefore(target, kind, name) ||
    (delta !== undefined && name !== '*' && delta.get(kind)?.has(name) === true);
  // On the caller route with a group delta: the kinds that may change on the entity at hand.
  let kinds: ReadonlySet<string> | undefined;
  const candidate = (kind: string, name: string) => {
    if (!delta) return kinds === undefined || kinds.has(kind);
    const rs = delta.get(kind);
    return rs !== undefined && (rs.has('*') || rs.has(name));
  };
  // A call's class within its entity: its kind, and its name when an entry on the entity's levels
  // names it or a handler goes by it (the generic services on any entity; every service of a
  // Resource, Subsystem, ... or of the context manager, whose handlers answer by name and by caller).
  const byName = (target: EntityTarget) =>
    target.collection !== 'Things' || target.name === CONTEXT_MANAGER_THING;
  const keyOf = (target: EntityTarget, kind: string, name: string) =>
    kind === 'Read'
      ? READ_KEY
      : `${kind}\u0000${(kind === 'ServiceInvoke' && (isGenericThingService(name) || byName(target))) || named(target, kind, name) ? name : GENERIC}`;

  // Callers of the region, each with the rectangles it is in.
  const callerMask = new Map<string, number>();
  rects.forEach((r, i) => {
    if (r.callers === 'all') return;
    for (const c of r.callers) callerMask.set(c, (callerMask.get(c) ?? 0) | (1 << i));
  });
  const prepared = new Map<number, PreparedCaller>();
  const preparedCaller = (ci: number) => {
    let pc = prepared.get(ci);
    if (!pc) prepared.set(ci, (pc = cmp.caller(callers[ci] as Caller)));
    return pc;
  };
  // On the caller route, a Thing none of whose levels names a group that a region caller gained or
  // lost answers alike (see groupDeltaFilter); it is counted, not compared.
  const hit =
    callerOnly && everyEntityBits(rects) !== 0
      ? groupDeltaFilter(
          before,
          after,
          callers.flatMap((c, ci) => (callerMask.has(regionKey(c)) ? [preparedCaller(ci)] : [])),
        )
      : undefined;
  let prunedCalls = 0;

  // 1. Region entities in the scope (allEntities order is restored lazily by cells()), with their rectangles.
  const masks = new Map<string, number>();
  let everyEntity = 0;
  rects.forEach((r, i) => {
    if (r.entities === 'all') {
      everyEntity |= 1 << i;
      return;
    }
    for (const e of r.entities) masks.set(e, (masks.get(e) ?? 0) | (1 << i));
  });
  if (everyEntity !== 0)
    for (const e of allEntities([before, after])) {
      const k = entityKey(e);
      masks.set(k, (masks.get(k) ?? 0) | everyEntity);
    }
  const inScope = (key: string): EntityTarget | undefined => {
    if (!existsInGrid([before, after], key)) return undefined;
    const slash = key.indexOf('/');
    return { collection: key.slice(0, slash), name: key.slice(slash + 1) };
  };

  // 2. Groups. A Thing's characteristics: its own, its shapes', its template chain's (characteristicsOf), the chain part cached per template.
  const chainLists = new Map<string, Lists>();
  const listsOfChain = (template: string): Lists => {
    let l = chainLists.get(template);
    if (l) return l;
    const c = chainCharacteristics(after, template);
    l = {
      properties: new Set(c.properties),
      services: new Set(c.services),
      events: new Set(c.events),
    };
    chainLists.set(template, l);
    return l;
  };
  // The calls on a Thing (callsOnEntity): its Read, a GET and a PUT per property, a POST per service and event.
  const callCount = (thing: Thing): number => {
    const chain = listsOfChain(thing.template);
    let total = 1 + 2 * chain.properties.size + chain.services.size + chain.events.size;
    for (const list of ['properties', 'services', 'events'] as const) {
      const seen = new Set<string>();
      for (const n of [
        ...thing[list],
        ...thing.shapes.flatMap(sh => ownEntry(after.shapes, sh)?.[list] ?? []),
      ]) {
        if (chain[list].has(n) || seen.has(n)) continue;
        seen.add(n);
        total += list === 'properties' ? 2 : 1;
      }
    }
    return total;
  };
  const groups: Group[] = [];
  const groupBySig = new Map<string, number>();
  const groupOf = new Map<string, number>();
  // Per entity: call class key -> [count, a characteristic name of that class, kind].
  type PerClass = Map<string, [number, string, string]>;
  const addName = (
    perClass: PerClass,
    target: EntityTarget,
    ck: (typeof CALL_KINDS)[number],
    name: string,
  ) => {
    if (!candidate(ck.kind, name)) return;
    const k = keyOf(target, ck.kind, name);
    const x = perClass.get(k);
    if (x) x[0]++;
    else perClass.set(k, [1, name, ck.kind]);
  };
  const sigOf = (perClass: PerClass) =>
    [...perClass.entries()]
      .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
      .map(([k, [n]]) => `${k}\u0002${n}`)
      .join('\u0003');
  // The template chain's part of a Thing's calls, per template and permission classes (the names a class's entries carry decide the call classes).
  const chainParts = new Map<string, { perClass: PerClass; total: number; sig: string }>();
  // A plain Thing (the same object on both sides, with no entry, shape or characteristic of its
  // own) is its template's permission class on both sides (shared/engine/outcome.ts classOf), has
  // its template's call classes and kinds, so it lands in the group (or the pruned count) of the
  // first plain Thing with the same template, owner, enabled flag and rectangles: one string key
  // instead of the signature below (most of a region's Things are plain).
  const plainGroups = new Map<string, { gi: number; total: number }>();
  const isPlain = (thing: Thing): boolean =>
    thing.name !== CONTEXT_MANAGER_THING &&
    thing.permissions.runtime.length === 0 &&
    thing.permissions.designtime.length === 0 &&
    thing.permissions.visibility.length === 0 &&
    thing.shapes.length === 0 &&
    thing.properties.length === 0 &&
    thing.services.length === 0 &&
    thing.events.length === 0 &&
    ownEntry(before.things, thing.name) === thing;
  for (const [key, mask] of masks) {
    const target = inScope(key);
    if (!target) continue;
    const thing: Thing | undefined =
      target.collection === 'Things' ? ownEntry(after.things, target.name) : undefined;
    const plainKey =
      thing && isPlain(thing)
        ? `${thing.template}\u0000${thing.owner ?? '\u0001'}\u0000${String(thing.enabled)}\u0000${mask}`
        : undefined;
    const known = plainKey === undefined ? undefined : plainGroups.get(plainKey);
    if (known) {
      if (known.gi < 0) prunedCalls += known.total;
      else {
        const g = groups[known.gi] as Group;
        g.entities.push(key);
        g.totalCalls += known.total;
        groupOf.set(key, known.gi);
      }
      continue;
    }
    kinds =
      hit && thing && mask === everyEntity && thing.name !== CONTEXT_MANAGER_THING
        ? hit(thing)
        : undefined;
    if (kinds?.size === 0) {
      const n = callCount(thing as Thing);
      prunedCalls += n;
      if (plainKey !== undefined) plainGroups.set(plainKey, { gi: -1, total: n });
      continue;
    }
    const kindsKey = kinds ? [...kinds].sort().join(',') : '';
    const [cb, ca] = cmp.classKeys(target);
    let perClass: PerClass;
    let total: number;
    let classSig: string;
    let extras: [(typeof CALL_KINDS)[number], string][] = [];
    if (thing) {
      const chain = listsOfChain(thing.template);
      const pk = `${cb}\u0000${ca}\u0000${thing.template}\u0000${kindsKey}`;
      let part = chainParts.get(pk);
      if (!part) {
        const pc: PerClass = new Map();
        for (const ck of CALL_KINDS) for (const n of chain[ck.list]) addName(pc, target, ck, n);
        part = {
          perClass: pc,
          total: 1 + 2 * chain.properties.size + chain.services.size + chain.events.size,
          sig: sigOf(pc),
        };
        chainParts.set(pk, part);
      }
      ({ perClass, total, sig: classSig } = part);
      // The Thing's own characteristics and its own shapes' that the chain lacks: their class keys
      // extend the signature (equal signatures, equal call classes); merged into the chain's classes
      // only when the Thing opens a new group.
      if (
        thing.properties.length +
          thing.services.length +
          thing.events.length +
          thing.shapes.length >
        0
      ) {
        const extraKeys: string[] = [];
        extras = [];
        for (const ck of CALL_KINDS) {
          const seen = new Set<string>();
          const names =
            thing.shapes.length === 0
              ? thing[ck.list]
              : [
                  ...thing[ck.list],
                  ...thing.shapes.flatMap(sh => ownEntry(after.shapes, sh)?.[ck.list] ?? []),
                ];
          for (const n of names) {
            if (chain[ck.list].has(n) || seen.has(n)) continue;
            seen.add(n);
            if (ck.kind === 'PropertyRead') total += 2;
            else if (ck.kind !== 'PropertyWrite') total += 1;
            if (!candidate(ck.kind, n)) continue;
            extraKeys.push(keyOf(target, ck.kind, n));
            extras.push([ck, n]);
          }
        }
        if (extraKeys.length > 0) classSig = `${classSig}\u0004${extraKeys.sort().join('\u0003')}`;
      }
    } else {
      const c = characteristicsOf(after, target);
      const lists: Record<ListName, string[]> = {
        properties: c.properties,
        services: c.services,
        events: c.events,
      };
      perClass = new Map();
      for (const ck of CALL_KINDS) for (const n of lists[ck.list]) addName(perClass, target, ck, n);
      total = 1 + 2 * c.properties.length + c.services.length + c.events.length;
      classSig = sigOf(perClass);
    }
    // Non-Things and the context manager (its handlers answer per Thing): one group each.
    const own =
      thing && thing.name !== CONTEXT_MANAGER_THING
        ? `${thing.owner ?? ''}\u0000${String(thing.enabled)}`
        : `\u0001${key}`;
    const sig = `${cb}\u0000${ca}\u0000${own}\u0000${mask}\u0000${kindsKey}\u0000${classSig}`;
    let gi = groupBySig.get(sig);
    if (gi === undefined) {
      gi = groups.length;
      groupBySig.set(sig, gi);
      if (extras.length > 0 || callerOnly) {
        const merged: PerClass = new Map([...perClass].map(([k, v]) => [k, [...v]]));
        for (const [ck, n] of extras) addName(merged, target, ck, n);
        // The entity Read (design-time Read, §5.10) can change only on the caller route.
        if (callerOnly && (kinds === undefined || kinds.has('Read')))
          merged.set(READ_KEY, [1, '', 'Read']);
        perClass = merged;
      }
      const byKey = new Map<string, number>();
      const base = `/Thingworx/${enc(target.collection)}/${enc(target.name)}`;
      const cls: CallClass[] = [];
      // Classes that answer alike for every caller (FastComparer.behaviour) are counted as one:
      // a collection-level ServiceInvoke puts every named service of every Thing group here.
      const byBehaviour = new Map<string, number>();
      for (const [k, [count, name, kind]] of perClass) {
        const ck = CALL_KINDS.find(x => x.kind === kind);
        const path = ck ? `${base}/${ck.seg}/${enc(name)}` : base;
        const method = ck ? ck.method : 'GET';
        // The operation as parseCall gives it (CallSpec.op): the prepare skips the parse.
        const op: Operation = ck
          ? { op: ck.op, collection: target.collection, entity: target.name, name }
          : { op: 'entity-read', collection: target.collection, entity: target.name };
        const spec: CallSpec = {
          call: `${method} ${path}`,
          method,
          path,
          entity: target,
          kind,
          op,
        };
        // A service kept apart by its name (its handler goes by it) whose name no entry carries
        // is checked like any unnamed one: its run-time check shares their memo slot.
        const pair = cmp.prepareOne(
          spec,
          k === `${kind}\u0000${GENERIC}` || (kind !== 'Read' && !named(target, kind, name))
            ? GENERIC_ALIAS
            : undefined,
        );
        const b = cmp.behaviour(pair);
        const bk = b === undefined ? undefined : `${kind}\u0003${b}`;
        const same = bk === undefined ? undefined : byBehaviour.get(bk);
        if (same !== undefined) {
          (cls[same] as CallClass).count += count;
          byKey.set(k, same);
          continue;
        }
        if (bk !== undefined) byBehaviour.set(bk, cls.length);
        byKey.set(k, cls.length);
        cls.push({ kind, count, pair });
      }
      const runs = new Map<string, { probe: number; classes: number[] }>();
      const settle: Group['settle'] = [];
      cls.forEach((c, k) => {
        const sk = delta ? cmp.settleKey(c.pair) : undefined;
        const run = sk === undefined ? undefined : runs.get(sk);
        if (run) run.classes.push(k);
        else {
          const fresh = { probe: sk === undefined ? -1 : k, classes: [k] };
          if (sk !== undefined) runs.set(sk, fresh);
          settle.push(fresh);
        }
      });
      groups.push({ entities: [], mask, classes: cls, byKey, totalCalls: 0, settle });
    }
    const g = groups[gi] as Group;
    g.entities.push(key);
    g.totalCalls += total;
    groupOf.set(key, gi);
    if (plainKey !== undefined) plainGroups.set(plainKey, { gi, total });
  }

  // 3. Callers of the region in scope order (callerMask above).
  let scopeCalls = prunedCalls;
  for (const g of groups) scopeCalls += g.totalCalls;
  const scopeCells = callers.length * scopeCalls;

  // 4. Compare per caller x group x call class; multiply out.
  const counts: DiffCounts = { gained: 0, revoked: 0, changed: 0, unknown: 0, total: 0 };
  const changedOf = new Map<number, Changed[]>(); // caller index -> changed (group, class)
  type Column = BlastColumn & { callers: Set<string> };
  const columnsOf: Column[][] = [];
  let evaluated = 0;
  const byCaller: CallerCounts[] = [];
  for (let ci = 0; ci < callers.length; ci++) {
    const caller = callers[ci] as Caller;
    const ck = callerKey(caller);
    const mask = callerMask.get(regionKey(caller));
    if (mask === undefined) continue;
    const pc = preparedCaller(ci);
    if ((mask & everyEntity) !== 0) evaluated += prunedCalls;
    let mine: Changed[] | undefined;
    let ownCounts: CallerCounts | undefined;
    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi] as Group;
      if ((g.mask & mask) === 0) continue;
      evaluated += g.totalCalls;
      for (const run of g.settle) {
        // One test answers for the run's classes: same gate inputs and check slots on both sides.
        if (run.probe >= 0 && cmp.entriesSame(pc, (g.classes[run.probe] as CallClass).pair))
          continue;
        for (const k of run.classes) {
          const c = g.classes[k] as CallClass;
          const r = cmp.compare(pc, c.pair);
          if (r === 'same') continue;
          if (r === 'explain' || r.differs !== true) return undefined; // only the pipeline knows: compare cell by cell
          const change = classifyOutcomes(r.before.outcome, r.after.outcome);
          const n = c.count * g.entities.length;
          counts[change] += n;
          counts.total += n;
          const own = (ownCounts ??= {
            caller,
            counts: { gained: 0, revoked: 0, changed: 0, unknown: 0, total: 0 },
          }).counts;
          own[change] += n;
          own.total += n;
          (mine ??= []).push({
            group: gi,
            cls: k,
            change,
            bs: r.before.status,
            bo: r.before.outcome,
            as: r.after.status,
            ao: r.after.outcome,
          });
          // One column per group, kind, class and statuses; a group has few, so a short list beats string keys here (the hot loop).
          const cols = (columnsOf[gi] ??= []);
          let col: Column | undefined;
          for (const x of cols)
            if (
              x.kind === c.kind &&
              x.change === change &&
              x.from === r.before.status &&
              x.to === r.after.status
            )
              col = x;
          if (!col) {
            col = {
              change,
              from: r.before.status,
              to: r.after.status,
              entities: g.entities,
              kind: c.kind,
              callers: new Set(),
              cellsPerEntity: 0,
            };
            cols.push(col);
          }
          col.callers.add(ck);
          col.cellsPerEntity += c.count;
        }
      }
    }
    if (mine) changedOf.set(ci, mine);
    if (ownCounts) byCaller.push(ownCounts);
  }

  const models = [before, after];
  let callerIndex: Map<string, number> | undefined;
  const summary: WhatIfSummary = {
    counts,
    byCaller,
    blastRadius: blastRadiusOfColumns(columnsOf.flat()),
    *cells() {
      // The diffModels order: callers in scope order, then the scope's calls in order (resolveScope).
      const g = resolveScope(
        before,
        after,
        { kind: 'affected', callers: [...callers] },
        () => region,
      );
      if (!g.ok) return;
      const calls = g.grid.calls;
      for (const [ci, mine] of changedOf) {
        const caller = callers[ci] as Caller;
        const hit = new Map<number, Changed>();
        for (const x of mine) hit.set(x.group * 65536 + x.cls, x);
        for (const call of calls) {
          if (!call.entity) continue;
          const gi = groupOf.get(entityKey(call.entity));
          if (gi === undefined) continue;
          const name = decodeURIComponent(call.path.slice(call.path.lastIndexOf('/') + 1));
          const k = (groups[gi] as Group).byKey.get(keyOf(call.entity, call.kind, name));
          if (k === undefined) continue;
          const x = hit.get(gi * 65536 + k);
          if (!x) continue;
          const cell: SummaryCell = {
            caller,
            call: call.call,
            entity: call.entity,
            kind: call.kind,
            change: x.change,
            before: { status: x.bs, outcome: x.bo },
            after: { status: x.as, outcome: x.ao },
          };
          yield cell;
        }
      }
    },
    changeOf(caller, line) {
      callerIndex ??= new Map(callers.map((c, i) => [callerKey(c), i]));
      const ci = callerIndex.get(callerKey(caller));
      const mine = ci === undefined ? undefined : changedOf.get(ci);
      const spec = mine ? callSpecOf(line) : undefined;
      const parsed = spec ? parseCall(spec.method, spec.path) : undefined;
      if (!mine || !parsed?.ok) return undefined;
      const op = parsed.call.operation;
      if (!('entity' in op)) return undefined;
      const kind = OP_KINDS.get(op.op);
      const entity: EntityTarget = { collection: op.collection, name: op.entity };
      const gi = groupOf.get(entityKey(entity));
      if (kind === undefined || gi === undefined) return undefined;
      const k = (groups[gi] as Group).byKey.get(keyOf(entity, kind, 'name' in op ? op.name : ''));
      const x = mine.find(m => m.group === gi && m.cls === k);
      if (!x) return undefined;
      return {
        caller: callers[ci as number] as Caller,
        call: line,
        entity,
        kind,
        change: x.change,
        before: { status: x.bs, outcome: x.bo },
        after: { status: x.as, outcome: x.ao },
      };
    },
    explain(cell) {
      const c = callSpecOf(cell.call);
      if (!c) return undefined;
      return {
        before: sideOf(evaluateCell(models[0] as Model, cell.caller, c)),
        after: sideOf(evaluateCell(models[1] as Model, cell.caller, c)),
      };
    },
    scopeCells,
    evaluatedCells: evaluated,
    pipelineCells: 0,
    settledChanges: counts.total,
    route: 'classes',
  };
  return { ok: true, value: summary };
}

/** The characteristics a Thing of `template` with nothing of its own has (characteristicsOf on a stand-in). */
function chainCharacteristics(
  m: Model,
  template: string,
): { properties: string[]; services: string[]; events: string[] } {
  const probe = '\u0000stand-in';
  const stand: Thing = {
    name: probe,
    template,
    shapes: [],
    properties: [],
    services: [],
    events: [],
    enabled: true,
    permissions: { runtime: [], designtime: [], visibility: [] },
  };
  return characteristicsOf(
    { ...m, things: { [probe]: stand } },
    { collection: 'Things', name: probe },
  );
}

function callSpecOf(line: string): CallSpec | undefined {
  const sp = line.indexOf(' ');
  if (sp < 0) return undefined;
  const method = line.slice(0, sp);
  const path = line.slice(sp + 1);
  return { call: line, method, path, kind: '' };
}
