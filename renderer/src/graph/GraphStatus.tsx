/** The line under the toolbar: what the view shows, its size and layout time, the fold switch, export. */
import { useShallow } from 'zustand/react/shallow';
import type { GraphView } from '../../../shared/graph';
import type { LayoutOutput } from './graph-layout';
import { useGraphStore } from './graph-store';

export function GraphStatus({
  view,
  layout,
  onExport,
}: {
  view: GraphView;
  layout: LayoutOutput | null;
  onExport(format: 'svg' | 'png'): void;
}) {
  const { showTable, source } = useGraphStore(
    useShallow(s => ({ showTable: s.showTable, source: s.source })),
  );
  const expanded = source?.type === 'focus' ? (source.expand?.length ?? 0) : 0;
  return (
    <div className="graph-status" role="status" aria-label="Graph status">
      <b>{view.title}</b>
      {view.summary && (
        <span className={`graph-summary mono${view.paths ? ' paths' : ''}`}>{view.summary}</span>
      )}
      <span className="muted">
        {view.nodes.length} nodes · {view.edges.length} edges
        {layout
          ? ` · layout ${layout.ms.toFixed(0)} ms (${layout.engine}, worker)`
          : ' · laying out…'}
      </span>
      {view.aggregated && (
        <span className="tag warn">
          {view.total} elements: folded past the guard into counted nodes (click one to open it) ·{' '}
          <button
            type="button"
            className="link"
            onClick={() => useGraphStore.getState().setShowTable(!showTable)}
          >
            {showTable ? 'show graph' : 'show table'}
          </button>
        </span>
      )}
      {expanded > 0 && source?.type === 'focus' && (
        <button
          type="button"
          className="link"
          onClick={() => void useGraphStore.getState().load({ ...source, expand: [] })}
        >
          fold again ({expanded} opened)
        </button>
      )}
      <span className="graph-export">
        <button type="button" disabled={!layout} onClick={() => onExport('svg')}>
          Export SVG
        </button>
        <button type="button" disabled={!layout} onClick={() => onExport('png')}>
          Export PNG
        </button>
      </span>
    </div>
  );
}
