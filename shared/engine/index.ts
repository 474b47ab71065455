/**
 * The engine as the app uses it: the shared request pipeline (./evaluate) driven by the indexed
 * evaluator, built once per model object and cached, with the default service handlers
 * (diagnostic services, then the ThingWorx Apps context manager).
 *
 * @example
 * const d = evaluate(model, {
 *   method: 'GET',
 *   path: '/Thingworx/Things/SensorDataStream/Properties/temperature',
 *   credentials: { type: 'basic', user: 'alice' },
 * });
 * d.status; // 200
 */
import { appsServiceHandler } from '../apps/rest-handler';
import type { Model } from '../model/types';
import type { Decider } from './decider';
import type { Decision, RestRequest } from '../model/decision';
import { diagnosticServices } from './diagnostics';
import { entityServicesHandler } from './entity-services';
import { evaluate as evaluatePipeline } from './evaluate';
import { createIndexedDecider, principalIndexOf } from './indexed';
import type { IndexedDecider } from './indexed';
import { withUnresolvedNotes } from './unresolved-notes';
import type { ServiceHandler } from './service-handler';

export type EvaluateOptions = { now?: string; services?: ServiceHandler[] };

/**
 * Diagnostic services first (they answer on any Thing), then EntityServices' create and delete
 * (design-time Create/Delete, §5.10), then the context manager.
 */
export const defaultServices: ServiceHandler[] = [
  ...diagnosticServices,
  entityServicesHandler,
  appsServiceHandler,
];

// Models are immutable values (shared/model/types.ts), so the object identity is a safe cache key;
// a WeakMap lets an edited-away model and its indices be collected together.
const deciders = new WeakMap<Model, IndexedDecider>();

/**
 * The indexed Decider for a model (the explaining verdicts and the fast checks), built on first use
 * and cached by model object.
 *
 * @example
 * getDecider(model).runtime('bob', { collection: 'Things', name: 'T' }, { kind: 'PropertyRead', resource: 'p' }).allowed;
 */
export function getDecider(model: Model): IndexedDecider {
  let d = deciders.get(model);
  if (!d) {
    // Models sharing their users, groups and organizations records share the principal index (a
    // what-if change of entries, docs/whatif.md); createIndexedDecider alone always builds afresh.
    d = createIndexedDecider(model, { principals: principalIndexOf(model) });
    deciders.set(model, d);
  }
  return d;
}

/**
 * What ThingWorx answers to this REST call, and why (domain reference §9): the pipeline with the
 * cached indexed decider and the default service handlers (override with `options.services`).
 *
 * @example
 * evaluate(model, { method: 'POST', path: '/Thingworx/Things/X/Services/S', credentials: { type: 'basic', user: 'bob' }, body: {} }).body;
 */
export function evaluate(
  model: Model,
  request: RestRequest,
  options: EvaluateOptions = {},
): Decision {
  return withUnresolvedNotes(
    model,
    evaluatePipeline(model, request, getDecider(model), {
      ...options,
      services: options.services ?? defaultServices,
    }),
  );
}

export { createIndexedDecider };
export type { Decider };
