/**
 * The reference evaluator (the oracle): a Decider that follows the domain reference §9 literally
 * and naively (group closure recomputed per call, entries scanned, template chain walked). Use the
 * indexed evaluator for speed; use this one to check it.
 *
 * Levels (see ./levels.ts): a template's own set is reported as level `template`, a Thing's (and any
 * other entity's) own set as level `entity`, instance sets as `instance`, shape instance sets as
 * `shape`, collection sets as `collection`.
 *
 * @example
 * const decider = createReferenceDecider(model);
 * decider.runtime('bob', { collection: 'Things', name: 'SensorDataStream' }, { kind: 'PropertyRead', resource: 'temperature' }).allowed;
 */
import type { Model } from '../../model/types';
import type { Decider } from '../decider';
import {
  designVerdict,
  runtimeVerdict,
  visibilityVerdict,
  whoForGroup,
  whoForUser,
} from './decide';
import { referencePrincipals } from './principals';

export function createReferenceDecider(model: Model): Decider {
  return {
    principals: user => referencePrincipals(model, user),
    visibility: (user, target) =>
      visibilityVerdict(model, model.semantics, whoForUser(model, user), target),
    runtime: (user, target, check) =>
      runtimeVerdict(model, model.semantics, whoForUser(model, user), target, check),
    designtime: (user, target, check) =>
      designVerdict(model, model.semantics, whoForUser(model, user), target, check),
    groupClosure: group => [...whoForGroup(model, group).groups].sort(),
    runtimeForGroup: (group, target, check) =>
      runtimeVerdict(model, model.semantics, whoForGroup(model, group), target, check),
    designtimeForGroup: (group, target, check) =>
      designVerdict(model, model.semantics, whoForGroup(model, group), target, check),
  };
}
