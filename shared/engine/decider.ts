/**
 * The seam between the shared request pipeline (shared/engine/evaluate.ts: authentication, REST
 * mapping, lookup, bypass, messages, explanation text) and the two evaluators that decide
 * permissions: the reference evaluator (shared/engine/reference/, the oracle that follows the domain
 * reference §9 literally) and the indexed evaluator (shared/engine/indexed/, used for speed).
 *
 * Both must return identical verdicts, including the order of `decided` and `lost`:
 * entries are ordered by level (entity, instance nearest template first, shape, collection;
 * see `levelOrder`), then by their position in the model (file order).
 *
 * @example
 * const decider = createIndexedDecider(model);
 * decider.runtime('bob', { collection: 'Things', name: 'SensorDataStream' },
 *   { kind: 'PropertyRead', resource: 'temperature' }).allowed;
 */
import type { Semantics } from '../model/types';
import type {
  DesignCheck,
  Level,
  LocatedDesignEntry,
  LocatedRuntimeEntry,
  LocatedVisibility,
  PrincipalSet,
  RuntimeCheck,
} from '../model/decision';

/** An addressable entity: its REST collection and name (e.g. Things/SensorDataStream). */
export type EntityTarget = { collection: string; name: string };

export type RuntimeVerdict = {
  allowed: boolean;
  /**
   * 'entries' = a (level, resource) with entries for the user's principals decided;
   * 'default-deny' = no entry anywhere (§1.7);
   * 'global-deny' = the `global-deny` option: a deny somewhere decided (§1.8).
   */
  reason: 'entries' | 'default-deny' | 'global-deny';
  /** The deciding level and resource (absent for default-deny). */
  at?: Level;
  resource?: string;
  /** The entries that decided: the denies when denied, the allows when allowed. */
  decided: LocatedRuntimeEntry[];
  /** Every other entry for the user's principals on this kind and resource (or `*`) that did not decide. */
  lost: LocatedRuntimeEntry[];
  /** Options that changed or fixed the result (e.g. 'precedence', 'baseTemplateInstance', 'shapeInstance'). */
  options: (keyof Semantics)[];
};

export type DesignVerdict = {
  allowed: boolean;
  reason: 'entries' | 'default-deny' | 'global-deny';
  at?: Level;
  decided: LocatedDesignEntry[];
  lost: LocatedDesignEntry[];
  options: (keyof Semantics)[];
};

export type VisibilityVerdict = {
  visible: boolean;
  /** The grants that made it visible (all matching ones, in level order), empty when invisible. */
  decided: LocatedVisibility[];
  options: (keyof Semantics)[];
};

/** Decides permissions for an authenticated, enabled user on an existing entity (§9 steps 2, 5, 6). */
export type Decider = {
  /** §9.2: the user's transitive groups (with one shortest path each) and units. */
  principals(user: string): PrincipalSet;
  /** §9.5 visibility test. Does not apply the bypasses (the pipeline does). */
  visibility(user: string, target: EntityTarget): VisibilityVerdict;
  /** §9.6 run-time check. Does not apply the bypasses. */
  runtime(user: string, target: EntityTarget, check: RuntimeCheck): RuntimeVerdict;
  /** Design-time check, same level rules as run time (§2.1-2.6, §5.10). */
  designtime(user: string, target: EntityTarget, check: DesignCheck): DesignVerdict;
  /**
   * A group and, transitively, the groups it is a member of, sorted by name (§2.11: it inherits
   * their scheme).
   * What the diagnostic services check for a group (CheckPermissionForGroup, domain reference §8.1).
   */
  groupClosure(group: string): string[];
  /** §9.6 run-time check for a group (its closure's entries), as `runtime` does for a user. */
  runtimeForGroup(group: string, target: EntityTarget, check: RuntimeCheck): RuntimeVerdict;
  /** Design-time check for a group, as `designtime` does for a user. */
  designtimeForGroup(group: string, target: EntityTarget, check: DesignCheck): DesignVerdict;
};

/** Rank of a level for ordering (lower = more specific, evaluated first; §9.6). */
export function levelOrder(level: Level, templateDepth = 0): number {
  switch (level.level) {
    case 'entity':
      return 0;
    case 'template':
      return 0;
    case 'instance':
      return 100 + templateDepth;
    case 'shape':
      return 1000;
    case 'collection':
      return 10000;
  }
}
