/**
 * The deciders every conformance case runs against. Both must give identical Decisions
 * (architecture.md §3, "Two evaluators").
 *
 * @example
 * for (const [name, create] of deciders) describe(name, () => { ... create(model) ... });
 */
import type { Decider } from '../../shared/engine/decider';
import { createIndexedDecider } from '../../shared/engine/indexed';
import { createReferenceDecider } from '../../shared/engine/reference';
import type { Model } from '../../shared/model/types';

export const deciders: [string, (model: Model) => Decider][] = [
  ['reference', createReferenceDecider],
  ['indexed', createIndexedDecider],
];
