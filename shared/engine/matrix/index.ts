/**
 * The access matrix engine, one per model object (models are immutable values, so identity is a
 * safe key; a WeakMap lets an edited-away model and its matrix be collected together).
 *
 * @example
 * const engine = matrixEngineOf(model);
 * engine.code(engine.userIndex('bob')!, engine.thingIndex('Press1')!, 0); // '2'
 * const later = await matrixEngineInSlices(model, () => new Promise(r => setImmediate(r)));
 */
import type { Model } from '../../model/types';
import { createMatrixEngine, matrixEngineSteps } from './engine';
import type { MatrixEngine } from './engine';

export { createMatrixEngine, matrixEngineSteps, ROWS_PER_USER } from './engine';
export type { CellCode, FullMatrix, MatrixEngine, MatrixEngineStats } from './engine';

const engines = new WeakMap<Model, MatrixEngine>();
const building = new WeakMap<Model, Promise<MatrixEngine | undefined>>();

/** The matrix engine of `model`, built on first use. */
export function matrixEngineOf(model: Model): MatrixEngine {
  let e = engines.get(model);
  if (!e) engines.set(model, (e = createMatrixEngine(model)));
  return e;
}

/** The engine of `model` when it is built already; never starts a build. */
export function builtMatrixEngine(model: Model): MatrixEngine | undefined {
  return engines.get(model);
}

/**
 * The engine of `model`, built in slices of about `sliceMs` of work with `pause()` awaited between
 * them, so a server keeps answering requests while it builds (docs/benchmarks.md "UI at size L").
 * One build per model object: a second call while it runs gets the same promise. The build stops,
 * resolving undefined, as soon as `wanted()` turns false (the project moved on to another model).
 */
export function matrixEngineInSlices(
  model: Model,
  pause: () => Promise<void>,
  wanted: () => boolean = () => true,
  sliceMs = 10,
): Promise<MatrixEngine | undefined> {
  const done = engines.get(model);
  if (done) return Promise.resolve(done);
  let pending = building.get(model);
  if (pending) return pending;
  pending = (async () => {
    // Not one step inside the caller's turn: the call that starts the build answers first.
    await pause();
    if (!wanted()) return undefined;
    const steps = matrixEngineSteps(model);
    let sliceStart = Date.now();
    for (;;) {
      const step = steps.next();
      if (step.done === true) {
        engines.set(model, step.value);
        return step.value;
      }
      if (Date.now() - sliceStart < sliceMs) continue;
      await pause();
      if (!wanted()) return undefined;
      sliceStart = Date.now();
    }
  })().finally(() => building.delete(model));
  building.set(model, pending);
  return pending;
}
