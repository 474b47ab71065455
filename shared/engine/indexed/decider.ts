/**
 * The indexed evaluator: the Decider the app uses (architecture.md §3). Indices are built once
 * per model (principal closure, org-unit intervals, template chains, bucketed entries); a check
 * is a few hash probes per level, never a scan of all entries. Verdicts equal the reference
 * evaluator's (shared/engine/reference/), including the order of `decided` and `lost`; the
 * agreement property test (test/property/agreement.test.ts) holds both to that.
 *
 * @example
 * const decider = createIndexedDecider(model);
 * decider.runtime('bob', { collection: 'Things', name: 'SensorDataStream' },
 *   { kind: 'PropertyRead', resource: 'temperature' }).allowed;
 */
import { DEFAULT_SEMANTICS } from '../../model/types';
import type { Model, Semantics } from '../../model/types';
import type {
  Decider,
  DesignVerdict,
  EntityTarget,
  RuntimeVerdict,
  VisibilityVerdict,
} from '../decider';
import type {
  DesignCheck,
  LocatedDesignEntry,
  LocatedRuntimeEntry,
  LocatedVisibility,
  RuntimeCheck,
} from '../../model/decision';
import { createFastPath } from './fast-path';
import type { FastChecks } from './fast-path';
import { createLevelIndex } from './level-index';
import type { Bucket, TargetLevel } from './level-index';
import { createPrincipalIndex } from './principal-index';
import type { PrincipalIndex } from './principal-index';
import type { UserPrincipals } from './principal-index';

type Direction = Semantics['visibilityDirection'];

/** Entries of one level that name one of the user's principals, by position (file order). */
type LevelMatch<E> = {
  tl: TargetLevel;
  /** Specific-resource block (run time only; empty for design time or a `*` check). */
  specific: E[];
  star: E[];
  /** specific and star merged in file order. */
  all: E[];
};

type Core<E> = {
  allowed: boolean;
  reason: 'entries' | 'default-deny' | 'global-deny';
  group?: { tl: TargetLevel; resource?: string };
  decided: E[];
  lost: E[];
};

const DIRECTIONS: Direction[] = ['upward', 'downward', 'exact'];
// Shared empty result for levels without a matching entry (never mutated).
const NONE: never[] = [];

function included(tl: TargetLevel, sem: Semantics): boolean {
  if (tl.tag === 'base-instance') return sem.baseTemplateInstance;
  if (tl.tag === 'shape') return sem.shapeInstance === 'after-templates';
  return true;
}

/** Positions in `bucket` whose principal is one of `ids`, ascending; iterates the smaller side. */
function probe(bucket: Bucket | undefined, ids: Set<number>): number[] {
  if (!bucket) return NONE;
  const out: number[] = [];
  let lists = 0;
  if (bucket.size <= ids.size) {
    for (const [pid, list] of bucket) {
      if (ids.has(pid)) {
        out.push(...list);
        lists++;
      }
    }
  } else {
    for (const pid of ids) {
      const list = bucket.get(pid);
      if (list) {
        out.push(...list);
        lists++;
      }
    }
  }
  if (lists > 1) out.sort((a, b) => a - b);
  return out;
}

function mergeByPosition(a: number[], b: number[]): number[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return [...a, ...b].sort((x, y) => x - y);
}

/** §9.6 (and the `global-deny` reading of §1.8) over pre-matched levels. */
function decide<E extends { allow: boolean }>(
  matches: LevelMatch<E>[],
  sem: Semantics,
  specificResource: string | undefined,
): Core<E> {
  const active = matches.filter(m => included(m.tl, sem));
  const everything = active.flatMap(m => m.all);
  if (sem.precedence === 'global-deny') {
    const denies = everything.filter(e => !e.allow);
    if (denies.length > 0) {
      const first = active.find(m => m.all.some(e => !e.allow)) as LevelMatch<E>;
      const firstDeny = first.all.find(e => !e.allow) as E;
      const resource = first.specific.includes(firstDeny) ? specificResource : '*';
      return {
        allowed: false,
        reason: 'global-deny',
        group: { tl: first.tl, resource },
        decided: denies,
        lost: everything.filter(e => e.allow),
      };
    }
  }
  for (const m of active) {
    const block = m.specific.length > 0 ? m.specific : m.star.length > 0 ? m.star : undefined;
    if (!block) continue;
    const denies = block.filter(e => !e.allow);
    const decided = denies.length > 0 ? denies : block;
    const decidedSet = new Set(decided);
    return {
      allowed: denies.length === 0,
      reason: 'entries',
      group: { tl: m.tl, resource: block === m.specific ? specificResource : '*' },
      decided,
      lost: everything.filter(e => !decidedSet.has(e)),
    };
  }
  return { allowed: false, reason: 'default-deny', decided: [], lost: [] };
}

/** `decide(...).allowed` without building the entry lists (used for the counterfactuals). */
function allowedUnder<E extends { allow: boolean }>(
  matches: LevelMatch<E>[],
  sem: Semantics,
): boolean {
  if (sem.precedence === 'global-deny') {
    for (const m of matches) {
      if (!included(m.tl, sem)) continue;
      for (const e of m.all) if (!e.allow) return false;
    }
  }
  for (const m of matches) {
    if (!included(m.tl, sem)) continue;
    const block = m.specific.length > 0 ? m.specific : m.star;
    if (block.length === 0) continue;
    for (const e of block) if (!e.allow) return false;
    return true;
  }
  return false;
}

/** Options whose other setting would change the answer (they "changed or fixed the result"). */
function decisiveOptions<E extends { allow: boolean }>(
  matches: LevelMatch<E>[],
  sem: Semantics,
  allowed: boolean,
  withShapes: boolean,
): (keyof Semantics)[] {
  const options: (keyof Semantics)[] = [];
  if (
    allowedUnder(matches, {
      ...sem,
      precedence: sem.precedence === 'level' ? 'global-deny' : 'level',
    }) !== allowed
  )
    options.push('precedence');
  if (
    allowedUnder(matches, { ...sem, baseTemplateInstance: !sem.baseTemplateInstance }) !== allowed
  )
    options.push('baseTemplateInstance');
  if (
    withShapes &&
    allowedUnder(matches, {
      ...sem,
      shapeInstance: sem.shapeInstance === 'ignore' ? 'after-templates' : 'ignore',
    }) !== allowed
  ) {
    options.push('shapeInstance');
  }
  return options;
}

/**
 * The indexed Decider plus its allocation-free yes/no checks (fast-path.ts): `allows` equals
 * `runtime(...).allowed`, `visible` equals `visibility(...).visible`, `check` is the single check
 * of a REST call with the bypasses applied as the pipeline applies them.
 */
export type IndexedDecider = Decider & FastChecks;

/**
 * Builds the indexed Decider for one model. Build cost is linear in the model; per-user principal
 * sets and per-target level lists are computed on first use and cached.
 *
 * @example
 * const d = createIndexedDecider(model);
 * d.visibility('anna', { collection: 'Things', name: 'Press1' }).visible;
 * d.check('anna', { collection: 'Things', name: 'Press1' }, { kind: 'PropertyRead', resource: 'speed' }); // 'allowed' | 'denied' | 'invisible'
 */
export function createIndexedDecider(
  model: Model,
  shared: { principals?: PrincipalIndex } = {},
): IndexedDecider {
  const sem: Semantics = { ...DEFAULT_SEMANTICS, ...model.semantics };
  const principals = shared.principals ?? createPrincipalIndex(model);
  const levels = createLevelIndex(model, principals);
  const orgs = principals.orgs;

  function grantMatches(v: LocatedVisibility, up: UserPrincipals, direction: Direction): boolean {
    if (v.type === 'org') {
      const id = orgs.orgId(v.org);
      return id !== undefined && up.orgIds.has(id);
    }
    const granted = orgs.unitId(v.org, v.unit);
    if (granted === undefined) return false;
    for (const mine of up.unitIds) {
      // §4.4, §10 caution: applied once, here, against the user's own units.
      if (
        direction === 'upward'
          ? orgs.inSubtree(granted, mine)
          : direction === 'downward'
            ? orgs.inSubtree(mine, granted)
            : mine === granted
      ) {
        return true;
      }
    }
    return false;
  }

  function visibleUnder(
    list: TargetLevel[],
    up: UserPrincipals,
    s: Semantics,
  ): LocatedVisibility[] {
    const out: LocatedVisibility[] = [];
    for (const tl of list) {
      if (!included(tl, s)) continue;
      for (const v of tl.data.visibility)
        if (grantMatches(v, up, s.visibilityDirection)) out.push(v);
    }
    return out;
  }

  const decider: Decider = {
    principals(user) {
      return principals.of(user).set;
    },

    visibility(user, target: EntityTarget): VisibilityVerdict {
      const up = principals.of(user);
      const list = levels.targetLevels(target).visibility;
      const decided = visibleUnder(list, up, sem);
      const visible = decided.length > 0;
      const options: (keyof Semantics)[] = [];
      if (
        DIRECTIONS.some(
          d =>
            d !== sem.visibilityDirection &&
            visibleUnder(list, up, { ...sem, visibilityDirection: d }).length > 0 !== visible,
        )
      ) {
        options.push('visibilityDirection');
      }
      if (list.some(tl => tl.tag === 'base-instance')) {
        const other = { ...sem, baseTemplateInstance: !sem.baseTemplateInstance };
        if (visibleUnder(list, up, other).length > 0 !== visible)
          options.push('baseTemplateInstance');
      }
      return { visible, decided, options };
    },

    runtime(user, target, check): RuntimeVerdict {
      return runtimeFor(principals.of(user), target, check);
    },

    designtime(user, target, check): DesignVerdict {
      return designtimeFor(principals.of(user), target, check);
    },

    groupClosure: group => principals.groupClosure(group).names,
    runtimeForGroup: (group, target, check) =>
      runtimeFor(principals.groupClosure(group), target, check),
    designtimeForGroup: (group, target, check) =>
      designtimeFor(principals.groupClosure(group), target, check),
  };

  /** The run-time check for a set of principal ids: a user's (`of`) or a group's closure. */
  function runtimeFor(
    up: { ids: Set<number> },
    target: EntityTarget,
    check: RuntimeCheck,
  ): RuntimeVerdict {
    const list = levels.targetLevels(target).runtime;
    const specificResource = check.resource === '*' ? undefined : check.resource;
    const matches: LevelMatch<LocatedRuntimeEntry>[] = list.map(tl => {
      const buckets = tl.data.runtimeBuckets.get(check.kind);
      if (!buckets) return { tl, specific: NONE, star: NONE, all: NONE };
      const specPos =
        specificResource === undefined ? NONE : probe(buckets.get(specificResource), up.ids);
      const starPos = probe(buckets.get('*'), up.ids);
      if (specPos.length === 0 && starPos.length === 0)
        return { tl, specific: NONE, star: NONE, all: NONE };
      const entries = tl.data.runtime;
      return {
        tl,
        specific: specPos.map(p => entries[p] as LocatedRuntimeEntry),
        star: starPos.map(p => entries[p] as LocatedRuntimeEntry),
        all: mergeByPosition(specPos, starPos).map(p => entries[p] as LocatedRuntimeEntry),
      };
    });
    const core = decide(matches, sem, specificResource);
    const verdict: RuntimeVerdict = {
      allowed: core.allowed,
      reason: core.reason,
      decided: core.decided,
      lost: core.lost,
      options: decisiveOptions(
        matches,
        sem,
        core.allowed,
        list.some(tl => tl.tag === 'shape'),
      ),
    };
    if (core.group) {
      verdict.at = core.group.tl.data.level;
      verdict.resource = core.group.resource ?? '*';
    }
    return verdict;
  }

  function designtimeFor(
    up: { ids: Set<number> },
    target: EntityTarget,
    check: DesignCheck,
  ): DesignVerdict {
    const list = levels.targetLevels(target).design;
    const matches: LevelMatch<LocatedDesignEntry>[] = list.map(tl => {
      const entries = tl.data.design;
      const star = probe(tl.data.designBuckets.get(check.kind), up.ids).map(
        p => entries[p] as LocatedDesignEntry,
      );
      return { tl, specific: [], star, all: star };
    });
    const core = decide(matches, sem, undefined);
    const verdict: DesignVerdict = {
      allowed: core.allowed,
      reason: core.reason,
      decided: core.decided,
      lost: core.lost,
      options: decisiveOptions(matches, sem, core.allowed, false),
    };
    if (core.group) verdict.at = core.group.tl.data.level;
    return verdict;
  }

  const fast = createFastPath(
    model,
    sem,
    principals,
    levels,
    (user, target, check) => decider.runtime(user, target, check).allowed,
  );
  return { ...decider, ...fast };
}
