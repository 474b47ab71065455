/**
 * Runs the graph layout in a Web Worker (style.md §3.4) and falls back to the UI thread when a worker
 * cannot start. One worker for the app; requests are matched by id, stale answers are dropped.
 *
 * @example
 * const layout = useGraphLayout(view); // null while the worker is busy
 */
import { useEffect, useState } from 'react';
import type { GraphView } from '../../../shared/graph';
import type { LayoutInput, LayoutOutput } from './graph-layout';
import { labelWidth, layoutGraph } from './graph-layout';
import { edgeLabel } from './edge-style';
import { workerCall } from '../lib/worker-call';

/** Lays out in the worker (or inline when there is none). */
export const layoutInWorker = workerCall(
  () => new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' }),
  (req: { input: LayoutInput }) => layoutGraph(req.input),
  data => ((data as { error?: string }).error ? null : (data as LayoutOutput)),
);

export function useGraphLayout(view: GraphView | null): LayoutOutput | null {
  const [done, setDone] = useState<{ view: GraphView; out: LayoutOutput } | null>(null);
  useEffect(() => {
    if (!view) return;
    let live = true;
    const input: LayoutInput = {
      // A folded view (size M: 57 nodes) comes out a third narrower from fastLayered than from
      // elkjs, and in milliseconds where elkjs takes seconds on a busy machine.
      ...(view.aggregated ? { fast: true } : {}),
      nodes: view.nodes.map(n => ({ id: n.id })),
      edges: view.edges.map(e => {
        const label = edgeLabel(e);
        return label
          ? { source: e.source, target: e.target, labelWidth: labelWidth(label) }
          : { source: e.source, target: e.target };
      }),
    };
    void layoutInWorker({ input }).then(out => {
      if (live) setDone({ view, out });
    });
    return () => {
      live = false;
    };
  }, [view]);
  return done && done.view === view ? done.out : null;
}
