/**
 * The What-if workbench's part of the app store (stores/whatif-slice.ts).
 *
 * @example
 * await useWhatIfStore.getState().suggestFixes(request);
 */
import { sliceHook } from '../stores/slice-hooks';

export { callerOf, DIFF_PAGE, scenarioOf, scenarioRefOf } from '../stores/whatif-slice';
export type {
  Draft,
  Explained,
  FixesState,
  Goal,
  RunError,
  WhatIfState,
} from '../stores/whatif-slice';
export const useWhatIfStore = sliceHook('whatif');
