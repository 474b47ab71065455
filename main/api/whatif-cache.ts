/**
 * The what-if summaries the workbench pages through (main/api/whatif-handlers.ts), kept per open
 * project and model revision: scrolling, filtering, explaining a cell and exporting reuse the summary
 * instead of recomputing it (at size L one takes seconds). Why an explicit cache rather than one
 * keyed weakly by model object: the session keeps earlier models alive for Undo, so a weak map kept
 * every revision's summaries, and a summary whose changed cells are listed can hold millions of cells
 * (a typical grant at L changes 5.6 million). Here the entries are bounded in number and in listed
 * cells together, and all are dropped when another project is opened.
 *
 * An entry is found by project session, revision and key, and only for the very model it was computed
 * on (a revision number can come back after Undo with another model behind it).
 *
 * @example
 * const cache = createSummaryCache<PagedSummary>({ entries: 4, cells: 1_000_000, weight: p => p.listed() });
 * cache.get({ session, revision, base }, key) ?? cache.set({ session, revision, base }, key, computed);
 */
import type { Model } from '../../shared/model/types';

/** Where a summary belongs: the open project (its session object), the revision and the model "before" starts from. */
export type SummaryPlace = { session: object; revision: number; base: Model };

export type SummaryCache<V> = {
  get(place: SummaryPlace, key: string): V | undefined;
  /** Stores `value` as the most recently used entry and evicts beyond the bounds (never `value` itself). */
  set(place: SummaryPlace, key: string, value: V): V;
  /** Evicts least recently used entries (other than `keep`) while the listed cells exceed the bound. */
  trim(keep?: V): void;
  size(): number;
  clear(): void;
};

type Entry<V> = { base: Model; value: V };

export function createSummaryCache<V>(opts: {
  /** At most this many summaries. */
  entries: number;
  /** At most this much weight (listed cells) in all of them, the one in use excepted. */
  cells: number;
  weight(value: V): number;
}): SummaryCache<V> {
  let session: object | undefined;
  // Insertion order is recency: a hit moves its entry to the end.
  const entries = new Map<string, Entry<V>>();
  const slot = (place: SummaryPlace, key: string) => `${place.revision}\u0000${key}`;
  const enter = (place: SummaryPlace) => {
    if (session !== place.session) {
      // Another project: nothing of the previous one applies (and its listings free their memory).
      entries.clear();
      session = place.session;
    }
  };
  const self: SummaryCache<V> = {
    get(place, key) {
      enter(place);
      const k = slot(place, key);
      const hit = entries.get(k);
      if (!hit) return undefined;
      if (hit.base !== place.base) {
        entries.delete(k);
        return undefined;
      }
      entries.delete(k);
      entries.set(k, hit);
      return hit.value;
    },
    set(place, key, value) {
      enter(place);
      const k = slot(place, key);
      entries.delete(k);
      entries.set(k, { base: place.base, value });
      while (entries.size > opts.entries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
      self.trim(value);
      return value;
    },
    trim(keep) {
      let total = 0;
      for (const e of entries.values()) total += opts.weight(e.value);
      for (const [k, e] of entries) {
        if (total <= opts.cells) break;
        if (e.value === keep) continue;
        total -= opts.weight(e.value);
        entries.delete(k);
      }
    },
    size: () => entries.size,
    clear() {
      entries.clear();
      session = undefined;
    },
  };
  return self;
}
