/**
 * The what-if's view of the engine's outcome evaluator (shared/engine/outcome.ts): the comparer
 * with the Apps layer's context manager named as the Thing whose service handlers answer by caller
 * (the engine does not know the Apps layer's names). The what-if asks the engine for outcomes; it
 * does not compute them (docs/architecture.md "Which what-if route runs when").
 *
 * @example
 * const cmp = createFastComparer(before, after);
 * const alice = cmp?.caller({ type: 'user', name: 'alice' });
 */
import { CONTEXT_MANAGER_THING } from '../apps/names';
import { createOutcomeComparer, prepareOutcomeBase } from '../engine/outcome';
import type { FastComparer } from '../engine/outcome';
import type { Model } from '../model/types';

export type {
  Compared,
  FastAnswer,
  FastComparer,
  PreparedCall,
  PreparedCaller,
  PreparedCalls,
} from '../engine/outcome';

const CALLER_THINGS = [CONTEXT_MANAGER_THING];

/**
 * The outcome comparer of two models for the what-if, or undefined when either has no fast path.
 *
 * @example
 * createFastComparer(model, applyChange(model, change).model);
 */
export function createFastComparer(
  before: Model,
  after: Model,
  opts: { entriesOnly?: boolean } = {},
): FastComparer | undefined {
  return createOutcomeComparer(before, after, { callerThings: CALLER_THINGS, ...opts });
}

/**
 * Prepares a base model for its what-ifs ahead of the first one (the open project's model): its
 * indexed evaluator, the outcome comparer's side of it (class keys, memo slots, handler answers,
 * callers' memos; shared/engine/outcome.ts) and the class route's per-template lists
 * (./class-summary.ts). Every what-if with this model as its base reuses them; they are kept with
 * the model object and collected with it. Returns false when the model has no fast path.
 *
 * @example
 * prepareWhatIfBase(project.model); // then diffSummary(project.model, changed, { kind: 'affected' })
 */
export function prepareWhatIfBase(model: Model): boolean {
  return prepareOutcomeBase(model, { callerThings: CALLER_THINGS });
}
