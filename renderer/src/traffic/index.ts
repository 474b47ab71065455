/**
 * The Traffic view: the stand-in ThingWorx started from the app and the requests it answers
 * (docs/stand-in-server.md "In the app").
 *
 * @example
 * import { TrafficView, useTrafficStore } from './traffic';
 */
export { TrafficView } from './TrafficView';
export { useTrafficStore } from './traffic-store';
