/**
 * The role-inheritance graph view (docs/architecture.md "Views").
 *
 * @example
 * import { GraphView, useGraphStore } from './graph';
 */
export { GraphView } from './GraphView';
export { useGraphStore } from './graph-store';
