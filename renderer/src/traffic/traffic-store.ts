/**
 * The Traffic view's part of the app store (stores/traffic-slice.ts).
 *
 * @example
 * const entries = useTrafficStore(s => s.entries);
 */
import { sliceHook } from '../stores/slice-hooks';

export { matches } from '../stores/traffic-slice';
export type { StatusFilter, TrafficState } from '../stores/traffic-slice';
export const useTrafficStore = sliceHook('traffic');
