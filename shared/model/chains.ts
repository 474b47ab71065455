/**
 * Model queries every layer needs: the template chain of a Thing or template. One definition for
 * the REST mapping, the engine's queries, the apps layer, the graph and the fix suggestions (the
 * reference evaluator keeps its own literal copy on purpose: it is the oracle the others are tested
 * against, shared/engine/reference/levels.ts).
 *
 * @example
 * templateChain(model, 'SensorTemplate'); // ['SensorTemplate', 'GenericThing']
 */
import { own } from './own';
import type { Model } from './types';

/**
 * `start` and its base templates, nearest first. Stops at a template the model does not declare
 * (a valid model declares every one, compile.ts) and at a loop, so it always ends.
 */
export function templateChain(model: Model, start: string | null | undefined): string[] {
  const out: string[] = [];
  for (
    let t = start;
    t && !out.includes(t) && own(model.templates, t);
    t = own(model.templates, t)?.base
  )
    out.push(t);
  return out;
}
