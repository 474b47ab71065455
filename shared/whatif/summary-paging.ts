/**
 * A scenario's summary read page by page while its changed cells are still being listed
 * (docs/whatif.md "Large diffs"). The totals (counts, blast radius, equipment) are known as soon as
 * the summary is (./summary-view.ts `summarizeScenarioLazily`); the changed cells are built from
 * its lazy list only as far as a page needs: the first page of an unfiltered list needs its first
 * `limit` cells, while a filter, a text search or a fix's goal cell needs all of them. Why: at
 * size M one grant changes ~100,000 cells; the totals take a fraction of a second, listing every
 * cell takes seconds. The caller (main/api/whatif-handlers.ts) grows the list in slices between
 * which a Cancel is heard; the pages are those of `pageOf`, so both routes read the same.
 *
 * @example
 * const p = pagedSummary(lazy);
 * while (!p.ready({}, 0, 200)) p.grow(500);
 * p.page({}, 0, 200).cells.length; // 200 (or fewer when fewer changed)
 */
import type { Caller, CellSide } from './cells';
import type { SummaryCell } from './summary';
import { pageOf, summaryCellKey } from './summary-view';
import type {
  LazyScenarioSummary,
  ScenarioSummary,
  SummaryFilter,
  SummaryPage,
} from './summary-view';

type Focus = { caller: Caller; call: string };

export type PagedSummary = {
  /** The totals and the lazy list this reads from. */
  readonly summary: LazyScenarioSummary;
  /** Changed cells listed so far. */
  listed(): number;
  /** True once every changed cell is listed. */
  complete(): boolean;
  /** Lists up to `n` more changed cells. */
  grow(n: number): void;
  /** How many listed cells the page needs: a number, or every cell ('all'). */
  needs(filter: SummaryFilter, offset: number, limit: number, focus?: Focus): number | 'all';
  /** True when the page can be read without listing more. */
  ready(filter: SummaryFilter, offset: number, limit: number, focus?: Focus): boolean;
  /** The page (call `ready` first: cells not yet listed are not in it). */
  page(filter: SummaryFilter, offset: number, limit: number, focus?: Focus): SummaryPage;
  /**
   * Both answers of a changed cell: 'unlisted' when the cell is not among those listed so far and
   * the list is not complete (list all, then ask again); undefined for a cell that did not change.
   */
  explain(cell: Focus): { before: CellSide; after: CellSide } | undefined | 'unlisted';
  /** The summary with every cell, once complete (the shape other readers of a summary take). */
  full(): ScenarioSummary | undefined;
};

/** True when the filter keeps every changed cell (then a page needs only the cells up to it). */
export const unfiltered = (f: SummaryFilter): boolean =>
  (f.change === undefined || f.change.length === 0) &&
  f.rectangle === undefined &&
  (f.text ?? '').trim() === '';

export function pagedSummary(summary: LazyScenarioSummary): PagedSummary {
  const built: SummaryCell[] = [];
  const keys = new Set<string>();
  const source = summary.cells();
  let done = summary.counts.total === 0;
  const { cells: _lazy, explainAny, ...totals } = summary;
  // Reads `built` as a whole summary: pageOf filters and slices it as it does a complete one.
  const asSummary = (): ScenarioSummary => ({
    ...totals,
    cells: built,
    explain: c => (keys.has(summaryCellKey(c)) ? explainAny(c) : undefined),
  });
  const self: PagedSummary = {
    summary,
    listed: () => built.length,
    complete: () => done,
    grow(n) {
      for (let i = 0; i < n && !done; i++) {
        const next = source.next();
        if (next.done === true) done = true;
        else {
          built.push(next.value);
          keys.add(summaryCellKey(next.value));
        }
      }
      if (built.length >= summary.counts.total) done = true;
    },
    needs(filter, offset, limit, focus) {
      if (focus || !unfiltered(filter)) return 'all';
      return Math.min(summary.counts.total, offset + limit);
    },
    ready(filter, offset, limit, focus) {
      const n = self.needs(filter, offset, limit, focus);
      return done || (n !== 'all' && built.length >= n);
    },
    page(filter, offset, limit, focus) {
      const p = pageOf(asSummary(), filter, offset, limit, focus);
      // Unfiltered, every changed cell matches, listed or not yet.
      return done || !unfiltered(filter) ? p : { ...p, matching: summary.counts.total };
    },
    explain(cell) {
      if (keys.has(summaryCellKey(cell))) return explainAny(cell);
      return done ? undefined : 'unlisted';
    },
    full: () => (done ? asSummary() : undefined),
  };
  return self;
}
