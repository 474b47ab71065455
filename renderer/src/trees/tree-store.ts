/**
 * The equipment tree's part of the app store (stores/trees-slice.ts).
 *
 * @example
 * const { view, toggle } = useTreeStore(useShallow(s => ({ view: s.view, toggle: s.toggle })));
 */
import { sliceHook } from '../stores/slice-hooks';

export { expansionArgs, FLOW_LIMIT } from '../stores/trees-slice';
export type { Expansion, TreeState } from '../stores/trees-slice';
export const useTreeStore = sliceHook('trees');
