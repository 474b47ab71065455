/**
 * Every Decider the conformance cases run against: each case must hold for the reference evaluator
 * (the oracle, domain reference §9 read literally) and for the indexed evaluator the app uses.
 *
 * @example
 * for (const [name, create] of DECIDERS) describe(name, () => { ... create(model) ... });
 */
import type { Decider } from '../../shared/engine/decider';
import { createIndexedDecider } from '../../shared/engine/indexed';
import type { Model } from '../../shared/model/types';
import { createReferenceDecider } from '../../shared/engine/reference';

export const DECIDERS: [string, (model: Model) => Decider][] = [
  ['reference', createReferenceDecider],
  ['indexed', createIndexedDecider],
];
