/**
 * The access matrix view (issue 7 §4).
 *
 * @example
 * import { MatrixView } from './matrix';
 */
export { MatrixView } from './MatrixView';
