/**
 * A virtualised list whose rows live in main and are fetched a page at a time as it scrolls
 * (@tanstack/react-virtual): the equipment tree's list (trees/TreeList.tsx) and the what-if
 * changed-cells table (whatif/DiffTable.tsx). Only the rows on screen exist in the DOM; a new
 * `fetchKey` (another view, another result) starts again from `first` and drops late pages.
 *
 * @example
 * const { virtualizer, items, rows } = usePagedRows({ total, first, fetchKey, pageSize: 200, scroller, estimateSize: 30, fetchPage });
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';
import { useEffect, useRef, useState } from 'react';

export type PagedRowsOptions<T> = {
  total: number;
  /** Rows 0.. already fetched with the view. */
  first: readonly T[];
  fetchKey: string | number;
  pageSize: number;
  scroller: RefObject<HTMLElement | null>;
  estimateSize: number;
  overscan?: number;
  /** Rows from `offset` (up to a page); null when the answer no longer applies. */
  fetchPage(offset: number): Promise<readonly T[] | null>;
};

export function usePagedRows<T>({
  total,
  first,
  fetchKey,
  pageSize,
  scroller,
  estimateSize,
  overscan = 12,
  fetchPage,
}: PagedRowsOptions<T>) {
  const [pages, setPages] = useState<{ key: string | number; rows: Map<number, T> }>(() => ({
    key: fetchKey,
    rows: new Map(first.map((r, i) => [i, r])),
  }));
  const loading = useRef(new Set<number>());
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimateSize,
    overscan,
  });
  const items = virtualizer.getVirtualItems();

  useEffect(() => {
    loading.current.clear();
    setPages({ key: fetchKey, rows: new Map(first.map((r, i) => [i, r])) });
  }, [fetchKey, first]);

  const startIndex = items[0]?.index ?? 0;
  const endIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (pages.key !== fetchKey) return;
    for (let p = Math.floor(startIndex / pageSize); p <= Math.floor(endIndex / pageSize); p++) {
      const offset = p * pageSize;
      if (pages.rows.has(offset) || loading.current.has(p)) continue;
      loading.current.add(p);
      void fetchPage(offset).then(rows => {
        if (!rows) return;
        setPages(cur => {
          if (cur.key !== fetchKey) return cur;
          const next = new Map(cur.rows);
          rows.forEach((r, i) => next.set(offset + i, r));
          return { key: cur.key, rows: next };
        });
      });
    }
  }, [startIndex, endIndex, pages, fetchKey, fetchPage, pageSize]);

  return { virtualizer, items, rows: pages.rows };
}
