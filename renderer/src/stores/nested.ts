/**
 * Slices of the one app store that live under their own key (`graph`, `trees`, `whatif`,
 * `exportDialog`): their field names (`view`, `selected`, `error`, ...) would clash at the top
 * level. A nested slice sets and reads only its own part, and reaches the rest of the store (`run`,
 * `afterChange`, `notify`) through `app()`, the same store: no store calls another.
 *
 * @example
 * export const createGraphSlice: NestedSlice<GraphSlice> = (set, get, app) => ({ ... });
 */
import type { StoreApi } from 'zustand';
import type { AppState } from './app-store';

export type NestedKey = 'graph' | 'trees' | 'whatif' | 'exportDialog' | 'traffic' | 'lessons';

export type SliceSet<T> = (patch: Partial<T> | ((s: T) => Partial<T>)) => void;

/** Creates a nested slice from its own setter, its own getter and the whole store's getter. */
export type NestedSlice<T> = (set: SliceSet<T>, get: () => T, app: () => AppState) => T;

export function nested<K extends NestedKey>(
  key: K,
  make: NestedSlice<AppState[K]>,
  set: StoreApi<AppState>['setState'],
  get: StoreApi<AppState>['getState'],
): AppState[K] {
  return make(
    patch =>
      set(s => {
        const mine = s[key];
        const next = typeof patch === 'function' ? patch(mine) : patch;
        return { [key]: { ...mine, ...next } } as Partial<AppState>;
      }),
    () => get()[key],
    get,
  );
}
