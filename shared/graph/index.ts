/**
 * Graph and matrix data for the renderer's graph view and access matrix (docs/architecture.md "Views"): pure functions
 * over the Model and the engine.
 *
 * @example
 * import { neighbourhood } from '../shared/graph';
 * neighbourhood(model, { type: 'user', name: 'alice' });
 */
export * from './types';
export { neighbourhood } from './neighbourhood';
export { decisionPath } from './decision-path';
export { foldPastGuard } from './aggregate';
export { findPaths, PATHS_CAP } from './paths';
export { mergeParallel, mergeParallelEdges, mergedEdgeId } from './merge';
export {
  matrixAxes,
  matrixCells,
  matrixWindow,
  matrixWindowByChecks,
  cellOverrides,
  codeStatus,
  MATRIX_WINDOW_MAX,
} from './matrix';
export type { MatrixAxes, MatrixFilter, MatrixCode, MatrixWindow } from './matrix';
