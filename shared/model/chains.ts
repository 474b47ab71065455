/**
 * Model queries every layer needs: the template chain of a Thing or template and the shapes along
 * it. One definition for the REST mapping, the engine (levels, queries, the pipeline), the what-if
 * comparer, the apps layer, the graph and the fix suggestions (the
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

/**
 * The Thing Shapes the templates of `start`'s chain implement, nearest template first, each once.
 * A Thing inherits their instance levels and characteristics (domain reference §2.5); its own
 * shapes are the caller's to add (before or after these, depending on the question).
 *
 * @example
 * chainShapes(model, 'SensorTemplate'); // ['Calibratable'] when SensorTemplate implements it
 */
export function chainShapes(model: Model, start: string | null | undefined): string[] {
  const out: string[] = [];
  for (const t of templateChain(model, start))
    for (const s of own(model.templates, t)?.shapes ?? []) if (!out.includes(s)) out.push(s);
  return out;
}
