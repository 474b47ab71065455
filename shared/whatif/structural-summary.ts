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
import type { Decider, EntityTarget } from '../engine/decider';
import type { FastChecks } from '../engine/indexed';
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
  /** Caller classes per kind of call: the class of each caller (scope index) and each class's callers (ascending). */
  parts: Partition[];
  /** Per call offset, which of `parts` its callers are classed by. */
  partOf: Int8Array;
  /** Changed (caller class of the call's part, call) of this class: key class * count + call offset. */
  changed: Map<number, Changed>;
};

type Partition = { partition: Int32Array; members: number[][] };

/** The kinds of call the scope holds: the entity Read (design time, §5.10), then the run-time kinds. */
const CALL_KINDS = ['Read', 'PropertyRead', 'PropertyWrite', 'ServiceInvoke', 'EventInvoke'];

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
 * Per kind of call (CALL_KINDS), the principals (`group:G`, `user:U`) that what a call of that kind
 * on a Thing reads names in one model: the run-time entries of that kind (the entity Read: the
 * design-time entries), and into `grants` its visibility grants, on its own set, its template chain's own and
 * instance sets, the sets of its chain's and its own shapes and the Things collection (§2, §9.5,
 * §9.6, §5.10; a run-time check reads only entries of its kind, shared/engine/indexed/level-index.ts).
 * More principals than the engine reads only split caller classes finer (never wrong).
 */
function namedOnLevels(m: Model, thing: Thing, into: Set<string>[], grants: Set<string>): void {
  const add = (set: Partial<PermissionSet> | undefined) => {
    for (const v of set?.visibility ?? []) grants.add(json(v));
    for (const e of set?.runtime ?? []) {
      const i = CALL_KINDS.indexOf(e.kind);
      if (i > 0) into[i]?.add(`${e.principal.type}:${e.principal.name}`);
    }
    for (const e of set?.designtime ?? []) into[0]?.add(`${e.principal.type}:${e.principal.name}`);
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
  const userIndex = new Map<string, number[]>();
  const membersOfGroup = new Map<string, number[]>();
  /** The user of each user caller (scope index); undefined for application keys. */
  const userOf: (string | undefined)[] = new Array<string | undefined>(n);
  const fast = (d: ReturnType<typeof getDecider>) =>
    typeof (d as Partial<FastChecks>).visible === 'function'
      ? (d as Decider & FastChecks)
      : undefined;
  const vb = fast(db);
  const va = fast(getDecider(after));
  /** Per `vis:` key, the entity whose visibility each side asks (undefined: absent on that side). */
  /** Per `vis:` key, each user's verdicts (1: visible before, 2: after). */
  const verdictsOf = new Map<string, Int8Array>();
  const visibilityTargets = new Map<string, [EntityTarget | undefined, EntityTarget | undefined]>();
  for (let ci = 0; ci < n; ci++) {
    const c = callers[ci] as Caller;
    let key: string;
    const user = c.type === 'user' ? ownEntry(before.users, c.name) : undefined;
    if (!user) {
      key = `\u0001${callerKey(c)}\u0000${c.ip ?? ''}`;
    } else {
      const p = db.principals(c.name);
      userOf[ci] = c.name;
      // What authentication reads of the user (not the name: the 401 body is the same on both sides).
      key = `${c.ip ?? ''}\u0000${c.from ?? ''}\u0000${json({ ...user, name: '', groups: [] })}\u0000${String(p.isAdmin)}`;
      const gs = new Set(p.groups.map(x => x.name));
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
        const seenBy = p.startsWith('vis:') ? visibilityTargets.get(p) : undefined;
        if (seenBy) {
          // Visibility (§9.5, §4.4) as both sides' engines answer it for this class: one verdict
          // per user and side instead of the user's units (thousands of distinct unit sets at M).
          let verdicts = verdictsOf.get(p);
          if (!verdicts) {
            verdicts = new Int8Array(n);
            for (let ci = 0; ci < n; ci++) {
              const user = userOf[ci];
              if (user === undefined) continue;
              verdicts[ci] =
                (seenBy[0] && vb?.visible(user, seenBy[0]) ? 1 : 0) +
                (seenBy[1] && va?.visible(user, seenBy[1]) ? 2 : 0);
            }
            verdictsOf.set(p, verdicts);
          }
          const split = new Map<number, number>();
          for (let ci = 0; ci < n; ci++) {
            if (userOf[ci] === undefined) continue;
            const v = verdicts[ci] as number;
            const sk = (partition[ci] as number) * 4 + v;
            let nu = split.get(sk);
            if (nu === undefined) split.set(sk, (nu = next++));
            partition[ci] = nu;
          }
          continue;
        }
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
    let top = 0;
    for (let ci = 0; ci < n; ci++) top = Math.max(top, partition[ci] as number);
    const dense = new Int32Array(top + 1).fill(-1);
    const members: number[][] = [];
    const out2 = new Int32Array(n);
    for (let ci = 0; ci < n; ci++) {
      const old = partition[ci] as number;
      let d = dense[old] as number;
      if (d < 0) {
        dense[old] = d = members.length;
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
      const partOf = new Int8Array(j - i);
      let parts: Partition[];
      if (ordinary) {
        const named = CALL_KINDS.map(() => new Set<string>());
        const grants = new Set<string>();
        const sides: [EntityTarget | undefined, EntityTarget | undefined] = [undefined, undefined];
        [before, after].forEach((m, side) => {
          const t = ownEntry(m.things, target.name);
          if (!t) return;
          sides[side] = target;
          namedOnLevels(m, t, named, grants);
          if (t.owner !== undefined) for (const k of named) k.add(`user:${t.owner}`);
        });
        // Classes with the same grants on their levels see the same users (keyed by the grants).
        const vis = `vis:${[...grants].sort().join('\u0001')}\u0000${sides[0] ? 1 : 0}${sides[1] ? 1 : 0}`;
        if (!visibilityTargets.has(vis)) visibilityTargets.set(vis, sides);
        for (const k of named) k.add(vis);
        parts = named.map(k => partitionOf([...k].sort()));
        for (let x = i; x < j; x++)
          partOf[x - i] = Math.max(0, CALL_KINDS.indexOf((calls[x] as CallSpec).kind));
      } else parts = [partitionOf(undefined)];
      classes.push({ entities: [], first: i, count: j - i, parts, partOf, changed: new Map() });
    }
    (classes[ec] as EntityClass).entities.push(key);
    entityClass.set(key, ec);
    i = j;
  }

  // 3. One representative cell per (entity class x caller class x call); multiplied out.
  const preparedCalls = new Map<number, PreparedCall>();
  const prepared = new Map<number, PreparedCaller>();
  const counts: DiffCounts = { gained: 0, revoked: 0, changed: 0, unknown: 0, total: 0 };
  // Per caller, changed cells by class (gained, revoked, changed, unknown): typed arrays, as a
  // class may hold thousands of callers.
  const CHANGES: ChangeClass[] = ['gained', 'revoked', 'changed', 'unknown'];
  const perCaller = CHANGES.map(() => new Float64Array(n));
  type Column = Omit<BlastColumn, 'callers'> & { marks: Uint8Array };
  const columns: Column[] = [];
  // Prepare every representative call first: a caller's memo is sized by the slots known when it is prepared.
  for (const ec of classes)
    for (let k = 0; k < ec.count; k++)
      preparedCalls.set(ec.first + k, cmp.prepareOne(calls[ec.first + k] as CallSpec));
  for (const ec of classes) {
    const cols = new Map<string, Column>();
    const size = ec.entities.length;
    for (let k = 0; k < ec.count; k++) {
      const call = calls[ec.first + k] as CallSpec;
      const pcall = preparedCalls.get(ec.first + k) as PreparedCall;
      const { members: classesOfCall } = ec.parts[ec.partOf[k] as number] as Partition;
      for (let cls = 0; cls < classesOfCall.length; cls++) {
        const members = classesOfCall[cls] as number[];
        const rep = members[0] as number;
        let pc = prepared.get(rep);
        if (!pc) prepared.set(rep, (pc = cmp.caller(callers[rep] as Caller)));
        const r = cmp.compare(pc, pcall);
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
        const cells = members.length * size;
        counts[change] += cells;
        counts.total += cells;
        const own = perCaller[CHANGES.indexOf(change)] as Float64Array;
        const ck = `${change}\u0000${r.before.status}\u0000${r.after.status}\u0000${call.kind}`;
        let col = cols.get(ck);
        if (!col) {
          col = {
            change,
            from: r.before.status,
            to: r.after.status,
            entities: ec.entities,
            kind: call.kind,
            marks: new Uint8Array(n),
            cellsPerEntity: 0,
          };
          cols.set(ck, col);
          columns.push(col);
        }
        const marks = col.marks;
        for (const ci of members) {
          own[ci] = (own[ci] as number) + size;
          marks[ci] = 1;
        }
        col.cellsPerEntity += members.length;
      }
    }
  }
  const byCaller: CallerCounts[] = [];
  const hasChanges = new Uint8Array(n);
  for (let ci = 0; ci < n; ci++) {
    const [gained, revoked, changed, unknown] = perCaller.map(x => x[ci] as number) as [
      number,
      number,
      number,
      number,
    ];
    const total = gained + revoked + changed + unknown;
    if (total === 0) continue;
    hasChanges[ci] = 1;
    byCaller.push({
      caller: callers[ci] as Caller,
      counts: { gained, revoked, changed, unknown, total },
    });
  }
  const keys = callers.map(callerKey);
  const blast: BlastColumn[] = columns.map(({ marks, ...col }) => {
    const set = new Set<string>();
    for (let ci = 0; ci < n; ci++) if (marks[ci] === 1) set.add(keys[ci] as string);
    return { ...col, callers: set };
  });

  const changeAt = (ci: number, i: number): Changed | undefined => {
    const call = calls[i] as CallSpec;
    const ec = classes[entityClass.get(entityKey(call.entity as EntityTarget)) as number];
    if (!ec) return undefined;
    const k = offsetOf[i] as number;
    const part = ec.parts[ec.partOf[k] as number] as Partition;
    return ec.changed.get((part.partition[ci] as number) * ec.count + k);
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
    blastRadius: blastRadiusOfColumns(blast),
    *cells() {
      for (let ci = 0; ci < n; ci++) {
        if (hasChanges[ci] !== 1) continue;
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
