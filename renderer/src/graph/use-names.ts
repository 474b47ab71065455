/**
 * Names of one kind of model element (the outline), for the graph forms' datalists.
 *
 * @example
 * const users = useNames('user');
 */
import { useMemo } from 'react';
import { useAppStore } from '../stores/app-store';

export function useNames(kind: string): string[] {
  const items = useAppStore(s => s.allItems);
  return useMemo(() => items.filter(i => i.kind === kind).map(i => i.name), [items, kind]);
}
