/**
 * The structural route of the what-if summary (docs/whatif.md "The summary", docs/architecture.md
 * "Which what-if route runs when", performance.md §2.1): for a change on the entities' side that
 * is not a run-time entry (a template's base or shapes, an owner, a Thing's characteristics, the
 * enabled flag) every caller is in the region, so the cell route compares callers x calls one by
 * one and refuses above 2,000,000 cells. Here the region's entities are grouped into entity
 * classes, the callers into caller classes per entity class, and one representative cell per
 * (caller class x entity class x call) is decided by the engine's outcome evaluator
 * (shared/engine/outcome.ts, the one gate), then multiplied by the class sizes; changed cells are
 * listed lazily in `diffModels` order.
 *
 * Why this is exact (./summary.ts falls back to the cell route whenever it does not apply):
 * - the callers' side is unchanged (users, groups, organizations, application keys are the same
 *   elements), so a caller authenticates, holds the same groups and units and is or is not an
 *   administrator alike on both sides;
 * - two Things with the same permission class on both sides (outcome.ts `classKeys`), template,
 *   owner, enabled flag and characteristics, and the same calls, answer every call alike for every
 *   caller (the class route's grouping, ./class-summary.ts);
 * - on such a Thing, a user's answer reads, besides the Thing, only their transitive groups and
 *   name as far as the entries on the Thing's levels name them (its own set, its template chain's
 *   and shapes' sets, the Things collection, on either side: §9.2, §9.6, §5.10), their units
 *   (visibility, §4.4), whether they are in Administrators and whether they own it (§9.3); the
 *   diagnostic services' answer does not read the caller (outcome.ts handlerAnswer). Users equal in
 *   all of these form one caller class of that entity class;
 * - other entities (templates, shapes, resources, ...) and the context manager, whose service
 *   handlers may answer by caller, keep every caller apart; so do application keys.
 * A representative cell the evaluator cannot settle (a body only the full pipeline knows) sends the
 * whole change back to the cell route. The property test test/property/whatif-structural.test.ts
 * holds the result equal to `diffModels(..., { incremental: false, fast: false })`.
 *
 * @example
 * const r = structuralSummary(before, after, allCallers([before, after]), affectedRegion(before, after));
 * if (r && r.ok) r.value.counts.total;
 */
import type { EntityTarget } from '../engine/decider';
import { getDecider } from '../engine/index';
import type { Decision } from '../model/decision';
import { chainShapes, templateChain } from '../model/chains';
import type { Model, PermissionSet, Thing } from '../model/types';
import { own as ownEntry } from '../model/own';
import { CONTEXT_MANAGER_THING } from '../apps/names';
import { sameElements } from './affected';
import type { Region } from './affected';
import { blastRadiusOfColumns } from './blast-radius';
import type { BlastColumn } from './blast-radius';
import { callerKey, entityKey, evaluateCell, sideOf } from './cells';
import type { CallSpec, Caller } from './cells';
import type { CallerCounts, ChangeClass, DiffCounts } from './diff';
import { classifyOutcomes, resolveScope } from './diff';
import { createFastComparer } from './fast-cells';
import type { PreparedCall, PreparedCaller } from './fast-cells';
import type { SummaryCell, SummaryResult, WhatIfSummary } from './summary';

const json = (x: unknown) => JSON.stringify(x);

/** An entity class: alike entities of the region and the calls of its representative. */
type EntityClass = {
  /** Entity keys, in scope order. */
  entities: string[];
  /** Index of the representative's first call in the scope's calls, and how many it has. */
  first: number;
  count: number;
  /** Caller class of each caller (by scope index). */
  partition: Int32Array;
  /** Per caller class, its callers (scope indexes, ascending). */
  members: number[][];
  /** Changed (caller class, call) of this class: key class * count + call offset. */
  changed: Map<number, Changed>;
};

type Changed = {
  change: ChangeClass;
  bs: number;
  bo: Decision['outcome'];
  as: number;
  ao: Decision['outcome'];
};

/** True when nothing a caller's authentication, groups, units or keys read differs. */
function callersUnchanged(before: Model, after: Model): boolean {
  for (const k of ['users', 'groups', 'organizations', 'appKeys'] as const)
    if (!sameElements<unknown>(before[k], after[k])) return false;
  return true;
}

/**
 * The principals (`group:G`, `user:U`) the run-time and design-time entries on a Thing's levels
 * name in one model: its own set, its template chain's own and instance sets, the sets of its
 * chain's and its own shapes, the Things collection (§2, §9.6, §5.10). More principals than the
 * engine reads only split caller classes finer (never wrong).
 */
function namedOnLevels(m: Model, thing: Thing, into: Set<string>): void {
  const add = (set: Partial<PermissionSet> | undefined) => {
    for (const e of set?.runtime ?? []) into.add(`${e.principal.type}:${e.principal.name}`);
    for (const e of set?.designtime ?? []) into.add(`${e.principal.type}:${e.principal.name}`);
  };
  add(thing.permissions);
  add(ownEntry(m.collections, 'Things'));
  for (const t of templateChain(m, thing.template)) {
    const tp = ownEntry(m.templates, t);
    add(tp?.permissions);
    add(tp?.instance);
  }
  for (const s of [...chainShapes(m, thing.template), ...thing.shapes]) {
    const sh = ownEntry(m.shapes, s);
    add(sh?.permissions);
    add(sh?.instance);
  }
}

/**
 * The summary of the `affected` scope by structural classes, or undefined when the route does not
 * apply (the caller then compares cell by cell). `callers` are the scope's callers, in scope order.
 *
 * @example
 * structuralSummary(model, withShapes, allCallers([model, withShapes]), affectedRegion(model, withShapes));
 */
export function structuralSummary(
  before: Model,
  after: Model,
  callers: readonly Caller[],
  region: Region,
): SummaryResult | undefined {
  // Every caller in every rectangle: an entity-side change (a caller-side one has few callers and
  // goes by ./class-summary.ts).
  if (!region.everything && region.rectangles.some(r => r.callers !== 'all')) return undefined;
  if (!callersUnchanged(before, after)) return undefined;
  const cmp = createFastComparer(before, after);
  if (!cmp) return undefined;
  const g = resolveScope(before, after, { kind: 'affected', callers: [...callers] }, () => region);
  if (!g.ok) return undefined;
  const calls = g.grid.calls;
  const n = callers.length;

  // 1. Callers: application keys and users apart by what authentication, units and the
  //    Administrators membership read (the base classes); a user's transitive groups per user.
  const db = getDecider(before);
  const base = new Int32Array(n);
  const baseIds = new Map<string, number>();
  const groupsOf: (ReadonlySet<string> | undefined)[] = [];
  const userIndex = new Map<string, number[]>();
  const membersOfGroup = new Map<string, number[]>();
  for (let ci = 0; ci < n; ci++) {
    const c = callers[ci] as Caller;
    let key: string;
    const user = c.type === 'user' ? ownEntry(before.users, c.name) : undefined;
    if (!user) {
      key = `\u0001${callerKey(c)}\u0000${c.ip ?? ''}`;
      groupsOf.push(undefined);
    } else {
      const p = db.principals(c.name);
      const units = p.units
        .map(u => `${u.org}\u0000${u.unit}`)
        .sort()
        .join('\u0001');
      // What authentication reads of the user (not the name: the 401 body is the same on both sides).
      key = `${c.ip ?? ''}\u0000${c.from ?? ''}\u0000${json({ ...user, name: '', groups: [] })}\u0000${String(p.isAdmin)}\u0000${units}`;
      const gs = new Set(p.groups.map(x => x.name));
      groupsOf.push(gs);
      for (const gname of gs)
        (membersOfGroup.get(gname) ?? membersOfGroup.set(gname, []).get(gname))?.push(ci);
      (userIndex.get(c.name) ?? userIndex.set(c.name, []).get(c.name))?.push(ci);
    }
    let id = baseIds.get(key);
    if (id === undefined) baseIds.set(key, (id = baseIds.size));
    base[ci] = id;
  }
  const identity = Int32Array.from({ length: n }, (_, i) => i);

  // The caller classes of a set of principals (and an owner): the base classes split by each.
  const partitions = new Map<string, { partition: Int32Array; members: number[][] }>();
  const partitionOf = (principals: readonly string[] | undefined) => {
    const sig = principals === undefined ? '\u0001' : principals.join('\u0002');
    let out = partitions.get(sig);
    if (out) return out;
    let partition: Int32Array;
    if (principals === undefined) partition = identity;
    else {
      partition = Int32Array.from(base);
      let next = baseIds.size;
      for (const p of principals) {
        const holders = p.startsWith('group:')
          ? membersOfGroup.get(p.slice(6))
          : p.startsWith('user:')
            ? userIndex.get(p.slice(5))
            : undefined;
        if (!holders) continue;
        const split = new Map<number, number>();
        for (const ci of holders) {
          const old = partition[ci] as number;
          let nu = split.get(old);
          if (nu === undefined) split.set(old, (nu = next++));
          partition[ci] = nu;
        }
      }
    }
    // Renumber densely in scope order (the first member of a class is its representative).
    const dense = new Map<number, number>();
    const members: number[][] = [];
    const out2 = new Int32Array(n);
    for (let ci = 0; ci < n; ci++) {
      const old = partition[ci] as number;
      let d = dense.get(old);
      if (d === undefined) {
        dense.set(old, (d = members.length));
        members.push([]);
      }
      out2[ci] = d;
      (members[d] as number[]).push(ci);
    }
    out = { partition: out2, members };
    partitions.set(sig, out);
    return out;
  };

  // 2. Entity classes over the scope's calls (the calls of one entity are consecutive).
  const classes: EntityClass[] = [];
  const classOfSig = new Map<string, number>();
  const entityClass = new Map<string, number>();
  /** Per call: offset within its entity's calls. */
  const offsetOf = new Int32Array(calls.length);
  const thingSig = (t: Thing | undefined) =>
    t
      ? `${t.template}\u0000${t.owner ?? '\u0001'}\u0000${String(t.enabled)}\u0000${t.properties.join('\u0001')}\u0000${t.services.join('\u0001')}\u0000${t.events.join('\u0001')}\u0000${t.shapes.join('\u0001')}`
      : '\u0001';
  for (let i = 0; i < calls.length;) {
    const target = (calls[i] as CallSpec).entity as EntityTarget;
    const key = entityKey(target);
    let j = i;
    const suffixes: string[] = [];
    const baseLen =
      `/Thingworx/${encodeURIComponent(target.collection)}/${encodeURIComponent(target.name)}`
        .length;
    while (j < calls.length && entityKey((calls[j] as CallSpec).entity as EntityTarget) === key) {
      const c = calls[j] as CallSpec;
      offsetOf[j] = j - i;
      suffixes.push(`${c.method} ${c.path.slice(baseLen)}`);
      j++;
    }
    const ordinary = target.collection === 'Things' && target.name !== CONTEXT_MANAGER_THING;
    let sig: string;
    if (ordinary) {
      const [cb, ca] = cmp.classKeys(target);
      sig = `${cb}\u0000${ca}\u0000${thingSig(ownEntry(before.things, target.name))}\u0000${thingSig(ownEntry(after.things, target.name))}\u0000${suffixes.join('\u0003')}`;
    } else sig = `\u0001${key}`;
    let ec = classOfSig.get(sig);
    if (ec === undefined) {
      ec = classes.length;
      classOfSig.set(sig, ec);
      let principals: string[] | undefined;
      if (ordinary) {
        const named = new Set<string>();
        for (const m of [before, after]) {
          const t = ownEntry(m.things, target.name);
          if (!t) continue;
          namedOnLevels(m, t, named);
          if (t.owner !== undefined) named.add(`user:${t.owner}`);
        }
        principals = [...named].sort();
      }
      const { partition, members } = partitionOf(principals);
      classes.push({
        entities: [],
        first: i,
        count: j - i,
        partition,
        members,
        changed: new Map(),
      });
    }
    (classes[ec] as EntityClass).entities.push(key);
    entityClass.set(key, ec);
    i = j;
  }

  // 3. One representative cell per (entity class x caller class x call); multiplied out.
  const preparedCalls = new Map<number, PreparedCall>();
  const prepared = new Map<number, PreparedCaller>();
  const counts: DiffCounts = { gained: 0, revoked: 0, changed: 0, unknown: 0, total: 0 };
  const perCaller = new Map<number, DiffCounts>();
  type Column = BlastColumn & { callers: Set<string> };
  const columns: Column[] = [];
  // Prepare every representative call first: a caller's memo is sized by the slots known when it is prepared.
  for (const ec of classes)
    for (let k = 0; k < ec.count; k++)
      preparedCalls.set(ec.first + k, cmp.prepareOne(calls[ec.first + k] as CallSpec));
  for (const ec of classes) {
    const cols = new Map<string, Column>();
    for (let cls = 0; cls < ec.members.length; cls++) {
      const members = ec.members[cls] as number[];
      const rep = members[0] as number;
      let pc = prepared.get(rep);
      if (!pc) prepared.set(rep, (pc = cmp.caller(callers[rep] as Caller)));
      for (let k = 0; k < ec.count; k++) {
        const call = calls[ec.first + k] as CallSpec;
        const r = cmp.compare(pc, preparedCalls.get(ec.first + k) as PreparedCall);
        if (r === 'same') continue;
        // Only the pipeline knows (a body): the cell route decides the whole change.
        if (r === 'explain' || r.differs !== true) return undefined;
        const change = classifyOutcomes(r.before.outcome, r.after.outcome);
        ec.changed.set(cls * ec.count + k, {
          change,
          bs: r.before.status,
          bo: r.before.outcome,
          as: r.after.status,
          ao: r.after.outcome,
        });
        const cells = members.length * ec.entities.length;
        counts[change] += cells;
        counts.total += cells;
        for (const ci of members) {
          let own = perCaller.get(ci);
          if (!own)
            perCaller.set(ci, (own = { gained: 0, revoked: 0, changed: 0, unknown: 0, total: 0 }));
          own[change] += ec.entities.length;
          own.total += ec.entities.length;
        }
        const ck = `${change}\u0000${r.before.status}\u0000${r.after.status}\u0000${call.kind}`;
        let col = cols.get(ck);
        if (!col) {
          col = {
            change,
            from: r.before.status,
            to: r.after.status,
            entities: ec.entities,
            kind: call.kind,
            callers: new Set(),
            cellsPerEntity: 0,
          };
          cols.set(ck, col);
          columns.push(col);
        }
        for (const ci of members) col.callers.add(callerKey(callers[ci] as Caller));
        col.cellsPerEntity += members.length;
      }
    }
  }
  const byCaller: CallerCounts[] = [];
  for (let ci = 0; ci < n; ci++) {
    const own = perCaller.get(ci);
    if (own) byCaller.push({ caller: callers[ci] as Caller, counts: own });
  }

  const changeAt = (ci: number, i: number): Changed | undefined => {
    const call = calls[i] as CallSpec;
    const ec = classes[entityClass.get(entityKey(call.entity as EntityTarget)) as number];
    if (!ec) return undefined;
    return ec.changed.get((ec.partition[ci] as number) * ec.count + (offsetOf[i] as number));
  };
  const cellAt = (ci: number, i: number, x: Changed): SummaryCell => {
    const call = calls[i] as CallSpec;
    return {
      caller: callers[ci] as Caller,
      call: call.call,
      ...(call.entity ? { entity: call.entity } : {}),
      kind: call.kind,
      change: x.change,
      before: { status: x.bs, outcome: x.bo },
      after: { status: x.as, outcome: x.ao },
    };
  };
  let byLine: Map<string, number> | undefined;
  let callerIndex: Map<string, number> | undefined;
  const lineIndex = (line: string) => {
    if (!byLine) {
      byLine = new Map();
      for (let i = 0; i < calls.length; i++) byLine.set((calls[i] as CallSpec).call, i);
    }
    return byLine.get(line);
  };
  const summary: WhatIfSummary = {
    counts,
    byCaller,
    blastRadius: blastRadiusOfColumns(columns),
    *cells() {
      for (let ci = 0; ci < n; ci++) {
        if (!perCaller.has(ci)) continue;
        for (let i = 0; i < calls.length; i++) {
          const x = changeAt(ci, i);
          if (x) yield cellAt(ci, i, x);
        }
      }
    },
    changeOf(caller, line) {
      callerIndex ??= new Map(callers.map((c, i) => [callerKey(c), i]));
      const ci = callerIndex.get(callerKey(caller));
      const i = lineIndex(line);
      if (ci === undefined || i === undefined) return undefined;
      const x = changeAt(ci, i);
      return x ? cellAt(ci, i, x) : undefined;
    },
    explain(cell) {
      const i = lineIndex(cell.call);
      if (i === undefined) return undefined;
      const call = calls[i] as CallSpec;
      return {
        before: sideOf(evaluateCell(before, cell.caller, call)),
        after: sideOf(evaluateCell(after, cell.caller, call)),
      };
    },
    scopeCells: n * calls.length,
    evaluatedCells: n * calls.length,
    pipelineCells: 0,
    settledChanges: counts.total,
    route: 'classes',
  };
  return { ok: true, value: summary };
}
