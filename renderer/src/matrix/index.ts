/**
 * The access matrix view (docs/architecture.md "Views").
 *
 * @example
 * import { MatrixView } from './matrix';
 */
export { MatrixView } from './MatrixView';
