/**
 * The allocation-free fast path of the indexed evaluator (docs/benchmarks.md, performance.md §2.1, §8 O4):
 * yes/no answers for single checks and matrices, with no explanation. Same rules as the explaining
 * verdicts of decider.ts (§9.5 visibility, §9.6 run time under the model's semantic options), but:
 *
 * - a user is a bitset over principal ids plus a per-unit and per-organization mask of the grants
 *   that make an entity visible to them (the §4.4 direction applied once, when the mask is built);
 * - a target is, per run-time kind, the list of its levels that the model's options enable and that
 *   have entries of that kind (§9.6 order), plus its visibility grants as integer ids and its owner;
 * - an entry bucket (level, kind, resource) is two typed arrays: principal ids and an allow/deny
 *   flag per principal.
 *
 * Both are built on first use and cached, so a warm check allocates nothing: a few Map probes, then
 * a bit test per entry principal of the few buckets that can decide.
 *
 * @example
 * const fast = createFastPath(model, sem, principals, levels);
 * fast.check('bob', { collection: 'Things', name: 'Press1' }, { kind: 'PropertyRead', resource: 'temperature' }); // 'allowed'
 */
import { lookupEntity } from '../../rest/lookup';
import type { Model, Semantics } from '../../model/types';
import type { EntityTarget } from '../decider';
import { gate } from '../gate';
import type { RuntimeCheck } from '../../model/decision';
import type { LevelData, LevelIndex, TargetLevel } from './level-index';
import type { PrincipalIndex } from './principal-index';
import { own as ownEntry } from '../../model/own';

/**
 * The answer to a single check, as the REST pipeline would reach it for an authenticated, enabled
 * user on an existing entity: `invisible` = 404 (§9.5), `denied` = 403 / `denialStatus` (§9.6),
 * `allowed` = 200 (the admin and owner bypasses of §9.3 included).
 */
export type Access = 'allowed' | 'denied' | 'invisible';

/** The fast checks the indexed decider exposes next to the explaining verdicts. */
export type FastChecks = {
  /**
   * Equals `runtime(user, target, check).allowed`: no bypass (the caller decides about bypasses,
   * as with `runtime`), no visibility test.
   */
  allows(user: string, target: EntityTarget, check: RuntimeCheck): boolean;
  /** Equals `visibility(user, target).visible`: no bypass. */
  visible(user: string, target: EntityTarget): boolean;
  /**
   * The single check of a REST call through the pipeline's decision gate (shared/engine/gate.ts):
   * admin bypass (`adminBypass` and the user is in Administrators, §3.3) or owner bypass
   * (`ownerBypass` and the user owns the entity, §1.10) = `allowed`; else not visible = `invisible`;
   * else the run-time verdict. Authentication, the entity and characteristic lookups (404 for a
   * missing one) and disabled Things (answered `unknown` by the pipeline) are the caller's part.
   */
  check(user: string, target: EntityTarget, check: RuntimeCheck): Access;
  /**
   * The resources that entries of this run-time kind name (other than `*`) on the levels the
   * target's check reads. A check on any other resource answers exactly like one on a name no entry
   * carries (the what-if class summary, shared/whatif/class-summary.ts, shares those answers).
   */
  specificResources(target: EntityTarget, kind: string): ReadonlySet<string>;
  /** Equals `principals(user).isAdmin` (a member of Administrators, §3.3), without building the explained principal set. */
  isAdmin(user: string): boolean;
};

const ALLOW = 1;
const DENY = 2;

/** Entries of one (level, kind, resource): distinct principal ids, and ALLOW|DENY per principal. */
type FastBucket = { pids: Int32Array; flags: Uint8Array };
/**
 * One level's entries of one kind: the `*` bucket, and the member-level ones (§2.7, §2.9; rare) by
 * resource name. Only used while a target's decision sequences are built.
 */
type KindBuckets = { star: FastBucket | undefined; specific: Map<string, FastBucket> | undefined };

/**
 * The blocks a run-time check reads, in §9.6 order (per level the resource's own bucket before `*`,
 * §2.9), flattened into one array so a warm check scans contiguous memory instead of following
 * level -> bucket -> array pointers: `entries[i]` = principal id << 2 | ALLOW|DENY, block b is
 * `entries[ends[b - 1] .. ends[b])`. The first block with an entry for the user decides (§2.8).
 */
type Sequence = { entries: Int32Array; ends: Int32Array };

/**
 * A target's sequences of one run-time kind: the one of `*` (and of every resource no entry names),
 * and one per resource a member-level entry names; `names` are those resources.
 */
type KindSequences = {
  star: Sequence;
  named: Map<string, Sequence> | undefined;
  names: ReadonlySet<string>;
};

type FastUser = {
  /** Bit i set = principal id i is the user or one of their transitive groups. */
  bits: Uint32Array;
  isAdmin: boolean;
  /** 1 = a grant to this organization makes an entity visible to the user. */
  orgMask: Uint8Array;
  /** 1 = a grant to this unit makes an entity visible to the user (under the model's direction). */
  unitMask: Uint8Array;
};

/** A target's permission data; shared by all Things of a template that add nothing of their own. */
type FastLevels = {
  /** Per kind index (kindIndex): the decision sequences of the enabled levels, most specific first. */
  runtime: KindSequences[];
  orgGrants: Int32Array;
  unitGrants: Int32Array;
};

type FastTarget = FastLevels & { owner: string | undefined };

/** Index of a run-time kind, -1 for a kind the model format does not know. */
function kindIndex(kind: string): number {
  switch (kind) {
    case 'PropertyRead':
      return 0;
    case 'PropertyWrite':
      return 1;
    case 'ServiceInvoke':
      return 2;
    case 'EventInvoke':
      return 3;
    case 'EventSubscribe':
      return 4;
    default:
      return -1;
  }
}
const KINDS = ['PropertyRead', 'PropertyWrite', 'ServiceInvoke', 'EventInvoke', 'EventSubscribe'];

function enabled(tl: TargetLevel, sem: Semantics): boolean {
  if (tl.tag === 'base-instance') return sem.baseTemplateInstance;
  if (tl.tag === 'shape') return sem.shapeInstance === 'after-templates';
  return true;
}

/**
 * Flattens the buckets of `levels` (most specific first) for `resource` into one Sequence: per
 * level its bucket of `resource` (when `resource` is not `*`), then its `*` bucket.
 */
function sequenceOf(levels: readonly KindBuckets[], resource: string): Sequence {
  const blocks: FastBucket[] = [];
  for (const kb of levels) {
    const own = resource === '*' ? undefined : kb.specific?.get(resource);
    if (own) blocks.push(own);
    if (kb.star) blocks.push(kb.star);
  }
  let n = 0;
  for (const b of blocks) n += b.pids.length;
  const entries = new Int32Array(n);
  const ends = new Int32Array(blocks.length);
  let at = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as FastBucket;
    const start = at;
    for (let j = 0; j < b.pids.length; j++)
      entries[at++] = ((b.pids[j] as number) << 2) | (b.flags[j] as number);
    // Ascending principal ids inside a block: the bit tests walk the user's bitset forwards.
    entries.subarray(start, at).sort();
    ends[i] = at;
  }
  return { entries, ends };
}

const NO_NAMES: ReadonlySet<string> = new Set();
const EMPTY_KIND: KindSequences = {
  star: { entries: new Int32Array(0), ends: new Int32Array(0) },
  named: undefined,
  names: NO_NAMES,
};

function kindSequences(levels: readonly KindBuckets[]): KindSequences {
  if (levels.length === 0) return EMPTY_KIND;
  const names = new Set<string>();
  for (const kb of levels) for (const r of kb.specific?.keys() ?? []) names.add(r);
  let named: Map<string, Sequence> | undefined;
  for (const r of names) (named ??= new Map()).set(r, sequenceOf(levels, r));
  return { star: sequenceOf(levels, '*'), named, names: names.size > 0 ? names : NO_NAMES };
}

/** ALLOW|DENY of the first block of `seq` with an entry for a principal in `bits`; 0 = none. */
function decidingFlags(seq: Sequence, bits: Uint32Array): number {
  const entries = seq.entries;
  const ends = seq.ends;
  const words = bits.length;
  let i = 0;
  for (let b = 0; b < ends.length; b++) {
    const end = ends[b] as number;
    let out = 0;
    for (; i < end; i++) {
      const e = entries[i] as number;
      const w = e >>> 7;
      if (w < words && ((bits[w] as number) & (1 << ((e >>> 2) & 31))) !== 0) out |= e & 3;
    }
    if (out !== 0) return out;
  }
  return 0;
}

/** True when any block of `seq` holds a deny for a principal in `bits` (`global-deny`, §1.8). */
function anyDeny(seq: Sequence, bits: Uint32Array): boolean {
  const entries = seq.entries;
  const words = bits.length;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as number;
    if ((e & DENY) === 0) continue;
    const w = e >>> 7;
    if (w < words && ((bits[w] as number) & (1 << ((e >>> 2) & 31))) !== 0) return true;
  }
  return false;
}

// A FastUser depends only on the principal index and the visibility direction: models sharing
// their principal index (principalIndexOf) share their users too.
const fastUsers = new WeakMap<PrincipalIndex, Map<string, Map<string, FastUser>>>();
function fastUsersOf(principals: PrincipalIndex, sem: Semantics): Map<string, FastUser> {
  let byDirection = fastUsers.get(principals);
  if (!byDirection) fastUsers.set(principals, (byDirection = new Map()));
  let users = byDirection.get(sem.visibilityDirection);
  if (!users) byDirection.set(sem.visibilityDirection, (users = new Map()));
  return users;
}

/**
 * Builds the fast path over the indexed evaluator's indices. `fallback` answers run-time checks of
 * a kind outside RUNTIME_KINDS (never in a valid model) through the explaining verdict.
 */
export function createFastPath(
  model: Model,
  sem: Semantics,
  principals: PrincipalIndex,
  levels: LevelIndex,
  fallback: (user: string, target: EntityTarget, check: RuntimeCheck) => boolean,
): FastChecks {
  const orgs = principals.orgs;
  const unitCount = orgs.unitOrder.length;
  const globalDeny = sem.precedence === 'global-deny';
  const users = fastUsersOf(principals, sem);
  // Things (almost every target) have their own map: one probe per check instead of two.
  const thingTargets = new Map<string, FastTarget>();
  const targets = new Map<string, Map<string, FastTarget>>();
  const levelCache = new Map<LevelData, (KindBuckets | undefined)[]>();

  function buildUser(user: string): FastUser {
    const c = principals.closureOf(user);
    let max = 0;
    for (const id of c.ids) if (id > max) max = id;
    const bits = new Uint32Array((max >>> 5) + 1);
    for (const id of c.ids) bits[id >>> 5] = (bits[id >>> 5] as number) | (1 << (id & 31));
    const orgMask = new Uint8Array(orgs.orgCount);
    for (const o of c.orgIds) orgMask[o] = 1;
    // §4.4, §10 caution: the direction is applied here, once, against the user's own units.
    const unitMask = new Uint8Array(unitCount);
    for (const mine of c.unitIds) {
      if (sem.visibilityDirection === 'upward') {
        // A grant to a unit at or below one of mine: my subtree is one pre-order range.
        const end = orgs.unit(mine).end;
        for (let u = mine; u < end; u++) unitMask[u] = 1;
      } else if (sem.visibilityDirection === 'downward') {
        // A grant to one of my unit's ancestors (or the unit itself).
        for (let u = 0; u <= mine; u++) if (orgs.inSubtree(mine, u)) unitMask[u] = 1;
      } else {
        unitMask[mine] = 1;
      }
    }
    return { bits, isAdmin: c.isAdmin, orgMask, unitMask };
  }

  function userOf(user: string): FastUser {
    let u = users.get(user);
    if (u === undefined) users.set(user, (u = buildUser(user)));
    return u;
  }

  /** Per kind: the level's buckets, undefined when it has no entry of the kind. */
  function levelBuckets(data: LevelData): (KindBuckets | undefined)[] {
    let cached = levelCache.get(data);
    if (cached) return cached;
    cached = [];
    for (let k = 0; k < KINDS.length; k++) {
      const byResource = data.runtimeBuckets.get(KINDS[k] as string);
      if (!byResource) continue;
      const kb: KindBuckets = { star: undefined, specific: undefined };
      for (const [resource, bucket] of byResource) {
        const pids = new Int32Array(bucket.size);
        const flags = new Uint8Array(bucket.size);
        let i = 0;
        for (const [pid, positions] of bucket) {
          pids[i] = pid;
          let f = 0;
          for (const pos of positions) f |= data.runtime[pos]?.allow ? ALLOW : DENY;
          flags[i++] = f;
        }
        if (resource === '*') kb.star = { pids, flags };
        else (kb.specific ??= new Map()).set(resource, { pids, flags });
      }
      cached[k] = kb;
    }
    levelCache.set(data, cached);
    return cached;
  }

  function fastLevels(
    runtimeLevels: readonly TargetLevel[],
    visibilityLevels: readonly TargetLevel[],
  ): FastLevels {
    const perKind: KindBuckets[][] = KINDS.map(() => []);
    for (const level of runtimeLevels) {
      if (!enabled(level, sem)) continue;
      const byKind = levelBuckets(level.data);
      for (let k = 0; k < KINDS.length; k++) {
        const buckets = byKind[k];
        if (buckets) (perKind[k] as KindBuckets[]).push(buckets);
      }
    }
    const runtime = perKind.map(kindSequences);
    const orgGrants: number[] = [];
    const unitGrants: number[] = [];
    for (const level of visibilityLevels) {
      if (!enabled(level, sem)) continue;
      for (const v of level.data.visibility) {
        // A grant naming an organization or unit that does not exist matches nobody.
        const id = v.type === 'org' ? orgs.orgId(v.org) : orgs.unitId(v.org, v.unit);
        if (id !== undefined) (v.type === 'org' ? orgGrants : unitGrants).push(id);
      }
    }
    return {
      runtime,
      orgGrants: Int32Array.from(orgGrants),
      unitGrants: Int32Array.from(unitGrants),
    };
  }

  /** Levels of the Things of a template without entries, grants or shapes of their own. */
  const plainThings = new Map<string, FastLevels>();

  function buildTarget(target: EntityTarget): FastTarget {
    const owner = lookupEntity(model, target.collection, target.name)?.owner;
    const thing = target.collection === 'Things' ? ownEntry(model.things, target.name) : undefined;
    if (thing) {
      const inherited = levels.inherited(thing.template);
      const own = thing.permissions;
      // Cold start (docs/benchmarks.md): most Things have no ACL of their own; they share their template's
      // levels instead of building them per Thing. The order is targetLevels' (level-index.ts).
      const plain =
        own.runtime.length === 0 &&
        own.visibility.length === 0 &&
        thing.shapes.every(s => inherited.shapeNames.includes(s));
      if (plain) {
        let shared = plainThings.get(thing.template);
        if (!shared) {
          const collection = levels.collectionLevel('Things');
          plainThings.set(
            thing.template,
            (shared = fastLevels(
              [...inherited.instances, ...inherited.shapes, ...collection],
              [...inherited.instances, ...collection],
            )),
          );
        }
        return { ...shared, owner };
      }
    }
    const tl = levels.targetLevels(target);
    return { ...fastLevels(tl.runtime, tl.visibility), owner };
  }

  function targetOf(target: EntityTarget): FastTarget {
    if (target.collection === 'Things') {
      let t = thingTargets.get(target.name);
      if (t === undefined) thingTargets.set(target.name, (t = buildTarget(target)));
      return t;
    }
    let byName = targets.get(target.collection);
    if (byName === undefined) targets.set(target.collection, (byName = new Map()));
    let t = byName.get(target.name);
    if (t === undefined) byName.set(target.name, (t = buildTarget(target)));
    return t;
  }

  function visibleTo(u: FastUser, t: FastTarget): boolean {
    const orgGrants = t.orgGrants;
    for (let i = 0; i < orgGrants.length; i++)
      if (u.orgMask[orgGrants[i] as number] === 1) return true;
    const unitGrants = t.unitGrants;
    for (let i = 0; i < unitGrants.length; i++)
      if (u.unitMask[unitGrants[i] as number] === 1) return true;
    return false;
  }

  /** §9.6 (and the `global-deny` reading of §1.8): `decide(...).allowed` of decider.ts, on flags. */
  function allowedFor(u: FastUser, t: FastTarget, kind: number, resource: string): boolean {
    const ks = t.runtime[kind] as KindSequences;
    // One probe at most: most targets have no member-level entries of the kind (named undefined).
    const seq = ks.named === undefined ? ks.star : (ks.named.get(resource) ?? ks.star);
    if (globalDeny && anyDeny(seq, u.bits)) return false;
    // The most specific level with entries for the user decides; inside it the specific
    // resource before `*` (§2.9); a deny in the deciding block wins (§2.8).
    const f = decidingFlags(seq, u.bits);
    return f !== 0 && (f & DENY) === 0;
  }

  return {
    isAdmin(user) {
      return userOf(user).isAdmin;
    },
    specificResources(target, kind) {
      const k = kindIndex(kind);
      if (k < 0) return NO_NAMES;
      return (targetOf(target).runtime[k] as KindSequences).names;
    },
    allows(user, target, check) {
      const kind = kindIndex(check.kind);
      if (kind < 0) return fallback(user, target, check);
      return allowedFor(userOf(user), targetOf(target), kind, check.resource);
    },
    visible(user, target) {
      return visibleTo(userOf(user), targetOf(target));
    },
    check(user, target, check) {
      const u = userOf(user);
      const t = targetOf(target);
      const g = gate(sem, user, u.isAdmin, t.owner, visibleTo, u, t);
      if (g === 'invisible') return 'invisible';
      if (g !== 'check') return 'allowed';
      const kind = kindIndex(check.kind);
      const allowed =
        kind < 0 ? fallback(user, target, check) : allowedFor(u, t, kind, check.resource);
      return allowed ? 'allowed' : 'denied';
    },
  };
}
