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

export const WORKER_THRESHOLD = 150;

let worker: Worker | null | undefined;
let nextId = 1;
const pending = new Map<number, (positions: Float64Array | null) => void>();

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; positions: Float64Array }>) => {
      pending.get(e.data.id)?.(e.data.positions);
      pending.delete(e.data.id);
    };
    worker.onerror = () => {
      // A worker that cannot start (CSP, old runtime) must not leave the view empty: lay out inline.
      for (const done of pending.values()) done(null);
      pending.clear();
      worker = null;
    };
  } catch {
    worker = null;
  }
  return worker;
}

function layoutInWorker(rows: LayoutRow[]): Promise<Float64Array> {
  const w = getWorker();
  if (!w) return Promise.resolve(layoutTree(rows));
  const id = nextId++;
  return new Promise(resolve => {
    pending.set(id, positions => resolve(positions ?? layoutTree(rows)));
    w.postMessage({ id, rows });
  });
}

export function useTreeLayout(rows: readonly LayoutRow[]): Float64Array | null {
  const small = rows.length < WORKER_THRESHOLD;
  const inline = useMemo(() => (small ? layoutTree(rows) : null), [rows, small]);
  const [fromWorker, setFromWorker] = useState<{ rows: readonly LayoutRow[]; positions: Float64Array } | null>(null);
  useEffect(() => {
    if (small) return;
    let live = true;
    void layoutInWorker(rows.map(r => ({ name: r.name, parent: r.parent }))).then(positions => {
      if (live) setFromWorker({ rows, positions });
    });
    return () => {
      live = false;
    };
  }, [rows, small]);
  if (small) return inline;
  return fromWorker && fromWorker.rows === rows ? fromWorker.positions : null;
}
