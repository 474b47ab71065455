/**
 * The role-inheritance graph view (docs/architecture.md "Views"): pick a focus (a user's principals and what they reach,
 * a group, an organization, an entity's grantees), find the paths from a principal to an entity, or
 * arrive from "Show in graph" in the Ask view; the layout runs in a worker; past the node-count guard
 * the view folds (a folded node opens on click) and offers a table; export as SVG or PNG.
 */
import '@xyflow/react/dist/style.css';
import './graph.css';
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';
import { downloadBlob, graphToSvg, svgToPng } from './export-svg';
import { GraphFlow } from './GraphFlow';
import { GraphSide } from './GraphSide';
import { GraphStatus } from './GraphStatus';
import { useGraphStore } from './graph-store';
import { GraphTable } from './GraphTable';
import { GraphToolbar } from './GraphToolbar';
import { useGraphLayout } from './useGraphLayout';

/**
 * Below this window width the graph's side panel (legend, overview, edge help, paths) opens folded:
 * at 1024x700 the navigator and the inspector leave the centre about 500 px, and a 200 px side panel
 * would leave the canvas 300.
 */
export const SIDE_OPEN_MIN_WIDTH = 1280;
/** Past this many nodes the side panel shows the overview (minimap): smaller views fit the canvas. */
export const OVERVIEW_NODES = 40;

const fileSafe = (s: string) =>
  s
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'graph';

export function GraphView() {
  const { view, error, selectedEdge, selectedPath, showTable } = useGraphStore(
    useShallow(s => ({
      view: s.view,
      error: s.error,
      selectedEdge: s.selectedEdge,
      selectedPath: s.selectedPath,
      showTable: s.showTable,
    })),
  );
  const { items, revision, select, notify } = useAppStore(
    useShallow(s => ({
      items: s.allItems,
      revision: s.info?.revision,
      select: s.select,
      notify: s.notify,
    })),
  );

  // First visit: focus the first own user so the view is never empty.
  useEffect(() => {
    if (useGraphStore.getState().source) return;
    const first = items.find(i => i.kind === 'user' && !i.builtin);
    if (first)
      void useGraphStore
        .getState()
        .load({ type: 'focus', focus: { type: 'user', name: first.name } });
  }, [items]);
  // The model changed: the same focus, fresh data.
  useEffect(() => {
    if (revision !== undefined) void useGraphStore.getState().reload();
  }, [revision]);

  const [sideOpen, setSideOpen] = useState(() => window.innerWidth >= SIDE_OPEN_MIN_WIDTH);
  // The window narrowing past the threshold folds the panel, widening unfolds it; a click in between wins.
  useEffect(() => {
    const wide = window.matchMedia(`(min-width: ${SIDE_OPEN_MIN_WIDTH}px)`);
    const onChange = () => setSideOpen(wide.matches);
    wide.addEventListener('change', onChange);
    return () => wide.removeEventListener('change', onChange);
  }, []);
  const layout = useGraphLayout(view);
  const edge = view?.edges.find(e => e.id === selectedEdge) ?? null;
  const route = selectedPath === null ? undefined : view?.paths?.[selectedPath];
  const lit = useMemo(() => (route ? new Set([...route.nodes, ...route.edges]) : null), [route]);

  const exportAs = async (format: 'svg' | 'png') => {
    if (!view || !layout) return;
    const svg = graphToSvg(view, layout.positions, layout.routes);
    const base = `permsim-${fileSafe(view.title)}`;
    try {
      if (format === 'svg') downloadBlob(`${base}.svg`, new Blob([svg], { type: 'image/svg+xml' }));
      else downloadBlob(`${base}.png`, await svgToPng(svg));
    } catch (e) {
      notify(
        'error',
        `Export as ${format.toUpperCase()} failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  };
  const onNode = (id: string) => {
    const n = view?.nodes.find(x => x.id === id);
    if (n?.select) void select(n.select);
    else if (n?.kind === 'aggregate') {
      // Focus views re-ask with the aggregate kept open; elsewhere the table lists what it holds.
      if (useGraphStore.getState().source?.type === 'focus')
        void useGraphStore.getState().expand(id);
      else useGraphStore.getState().setShowTable(true);
    }
  };

  return (
    <div className="graph-view">
      <GraphToolbar />
      {view && <GraphStatus view={view} layout={layout} onExport={f => void exportAs(f)} />}
      {error && (
        <p className="graph-error" role="alert">
          {error}
        </p>
      )}
      {/* The provider lets the overview (minimap) live in the side panel, beside the canvas and
          never over a node. */}
      <ReactFlowProvider>
        <div className="graph-body">
          {view && showTable ? (
            <GraphTable view={view} />
          ) : view && layout ? (
            <div
              className="graph-canvas"
              data-layout-ms={layout.ms.toFixed(1)}
              data-layout-engine={layout.engine}
              data-nodes={view.nodes.length}
              data-edges={view.edges.length}
            >
              <GraphFlow
                // A picked route reopens the canvas on it.
                key={selectedPath ?? 'all'}
                view={view}
                positions={layout.positions}
                routes={layout.routes}
                selectedEdge={selectedEdge}
                lit={lit}
                onNode={onNode}
                onEdge={id => useGraphStore.getState().selectEdge(id)}
              />
            </div>
          ) : (
            <div className="graph-empty muted">
              {view ? 'Laying out…' : 'Choose a focus and press Show.'}
            </div>
          )}
          <GraphSide
            view={view}
            edge={edge}
            open={sideOpen}
            onToggle={() => setSideOpen(o => !o)}
            overview={!!view && !!layout && !showTable && view.nodes.length > OVERVIEW_NODES}
          />
        </div>
      </ReactFlowProvider>
    </div>
  );
}
