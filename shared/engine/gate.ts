/**
 * The decision gate, written once (domain reference §9 steps 3-6; docs/architecture.md "The life of
 * one request"): for an authenticated user on an entity that exists,
 *
 * 1. the Administrators bypass (option `adminBypass`, §3.3): allowed, nothing else is tested;
 * 2. the owner bypass (option `ownerBypass`, §1.10): allowed, nothing else is tested;
 * 3. visibility (§9.5, §2.14): not visible = 404, the run-time or design-time check is not made;
 * 4. otherwise the check of the call (§9.6 run time, §5.10 design time) decides.
 *
 * Authentication (401) and the entity lookup (404 for a missing entity; a bypass never makes a
 * missing entity exist, §10 caution) come before it and belong to the caller, as does the check
 * itself. Every route that answers "what would ThingWorx say" goes through here: the pipeline
 * (evaluate.ts), the indexed fast path, the what-if fast comparer, the queries, the diagnostic
 * services and the access matrix. The visibility test is passed as a function and its argument
 * so the fast path can call the gate without allocating a closure per check.
 *
 * @example
 * gate(model.semantics, 'bob', false, 'bob', () => false, 0, 0); // 'owner' (with ownerBypass)
 * gate(model.semantics, 'eve', false, 'bob', () => false, 0, 0); // 'invisible'
 */
import type { Semantics } from '../model/types';
import type { Decider, EntityTarget } from './decider';

/** Which bypass let the user through (§9.3). */
export type Bypass = 'admin' | 'owner';

/** The gate's answer: a bypass, 'invisible' (404), or 'check' (the call's own check decides). */
export type GateOutcome = Bypass | 'invisible' | 'check';

/** The options the gate reads. */
export type GateSemantics = Pick<Semantics, 'adminBypass' | 'ownerBypass'>;

/**
 * §9.3 alone: the bypass that applies to `user` (a member of Administrators when `isAdmin`) on an
 * entity owned by `owner`, Administrators first; undefined when none does (or it is switched off).
 * For a call with no entity owner (a create, a collection, a group subject) pass `owner` undefined.
 */
export function bypassOf(
  sem: GateSemantics,
  user: string,
  isAdmin: boolean,
  owner: string | undefined,
): Bypass | undefined {
  if (isAdmin && sem.adminBypass) return 'admin';
  if (sem.ownerBypass && owner !== undefined && owner === user) return 'owner';
  return undefined;
}

/**
 * §9.3-9.5 in the domain's order. `visible(a, b)` is called only when no bypass applies.
 *
 * @example
 * gate(sem, user, u.isAdmin, t.owner, visibleTo, u, t); // no closure on the hot path
 */
export function gate<A, B>(
  sem: GateSemantics,
  user: string,
  isAdmin: boolean,
  owner: string | undefined,
  visible: (a: A, b: B) => boolean,
  a: A,
  b: B,
): GateOutcome {
  const by = bypassOf(sem, user, isAdmin, owner);
  if (by !== undefined) return by;
  return visible(a, b) ? 'check' : 'invisible';
}

type Asked = { user: string; target: EntityTarget };
const visibleBy = (decider: Pick<Decider, 'visibility'>, q: Asked): boolean =>
  decider.visibility(q.user, q.target).visible;

/**
 * The gate with a Decider's visibility verdict as the visibility test: the routes that answer one
 * cell at a time and do not need the verdict itself (queries, diagnostics, collection lists).
 *
 * @example
 * decideGate(model.semantics, getDecider(model), 'bob', false, undefined, { collection: 'Things', name: 'T1' });
 */
export function decideGate(
  sem: GateSemantics,
  decider: Pick<Decider, 'visibility'>,
  user: string,
  isAdmin: boolean,
  owner: string | undefined,
  target: EntityTarget,
): GateOutcome {
  return gate(sem, user, isAdmin, owner, visibleBy, decider, { user, target });
}
