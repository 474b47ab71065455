/**
 * Positions for the visible rows: computed inline for small trees, in a Web Worker above
 * `WORKER_THRESHOLD` rows (d3-hierarchy is fast, but a few hundred custom nodes plus layout on the UI
 * thread is where jank starts, performance.md §4). Falls back to inline layout if the worker fails.
 *
 * @example
 * const positions = useTreeLayout(rows); // null while the worker is busy
 */
import { useEffect, useMemo, useState } from 'react';
import type { LayoutRow } from './tree-layout';
import { layoutTree } from './tree-layout';
import { workerCall } from '../lib/worker-call';

export const WORKER_THRESHOLD = 150;

const layoutInWorker = workerCall(
  () => new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' }),
  (req: { rows: LayoutRow[] }) => layoutTree(req.rows),
  data => (data as { positions?: Float64Array }).positions ?? null,
);

export function useTreeLayout(rows: readonly LayoutRow[]): Float64Array | null {
  const small = rows.length < WORKER_THRESHOLD;
  const inline = useMemo(() => (small ? layoutTree(rows) : null), [rows, small]);
  const [fromWorker, setFromWorker] = useState<{
    rows: readonly LayoutRow[];
    positions: Float64Array;
  } | null>(null);
  useEffect(() => {
    if (small) return;
    let live = true;
    void layoutInWorker({ rows: rows.map(r => ({ name: r.name, parent: r.parent })) }).then(
      positions => {
        if (live) setFromWorker({ rows, positions });
      },
    );
    return () => {
      live = false;
    };
  }, [rows, small]);
  if (small) return inline;
  return fromWorker && fromWorker.rows === rows ? fromWorker.positions : null;
}
