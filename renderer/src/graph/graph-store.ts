/**
 * The graph view's part of the app store (stores/graph-slice.ts).
 *
 * @example
 * void useGraphStore.getState().showDecision(request);
 */
import { sliceHook } from '../stores/slice-hooks';

export type { GraphSource, GraphSlice as GraphState } from '../stores/graph-slice';
export const useGraphStore = sliceHook('graph');
