/**
 * The access matrix engine, one per model object (models are immutable values, so identity is a
 * safe key; a WeakMap lets an edited-away model and its matrix be collected together).
 *
 * @example
 * const engine = matrixEngineOf(model);
 * engine.code(engine.userIndex('bob')!, engine.thingIndex('Press1')!, 0); // '2'
 */
import type { Model } from '../../model/types';
import { createMatrixEngine } from './engine';
import type { MatrixEngine } from './engine';

export { createMatrixEngine, ROWS_PER_USER } from './engine';
export type { CellCode, FullMatrix, MatrixEngine, MatrixEngineStats } from './engine';

const engines = new WeakMap<Model, MatrixEngine>();

/** The matrix engine of `model`, built on first use. */
export function matrixEngineOf(model: Model): MatrixEngine {
  let e = engines.get(model);
  if (!e) engines.set(model, (e = createMatrixEngine(model)));
  return e;
}
