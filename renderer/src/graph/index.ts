/**
 * The role-inheritance graph view (issue 7).
 *
 * @example
 * import { GraphView, useGraphStore } from './graph';
 */
export { GraphView } from './GraphView';
export { useGraphStore } from './graph-store';
