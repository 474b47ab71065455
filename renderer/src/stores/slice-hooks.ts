/**
 * React hooks over one nested slice of the app store, so a view reads `useWhatIfStore(s => s.draft)`
 * instead of `useAppStore(s => s.whatif.draft)`. There is still one store: these only select.
 *
 * @example
 * export const useGraphStore = sliceHook('graph');
 * const view = useGraphStore(s => s.view);
 * void useGraphStore.getState().reload();
 */
import { useAppStore, type AppState } from './app-store';
import type { NestedKey } from './nested';

export type SliceHook<T> = (<U>(selector: (s: T) => U) => U) & { getState(): T };

export function sliceHook<K extends NestedKey>(key: K): SliceHook<AppState[K]> {
  const use = <U>(selector: (s: AppState[K]) => U): U => useAppStore(s => selector(s[key]));
  return Object.assign(use, { getState: () => useAppStore.getState()[key] });
}
