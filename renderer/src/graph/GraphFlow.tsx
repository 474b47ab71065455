/**
 * The laid-out graph drawn with React Flow: custom nodes, bezier edges styled by meaning (deny red
 * dashed), permission labels on the edge, path highlighting (off-path elements dimmed). Nodes are not
 * draggable; the canvas pans and zooms. Past `BIG_VIEW_NODES` strokes are plain and only on-screen
 * elements render (docs/benchmarks.md, UI section: together they remove the long frames while
 * panning). Never below a readable zoom (readable.ts): a view too big to fit opens on its focus and
 * is panned (the overview in the side panel, GraphSide, shows where). Node click selects the element in the inspector; hovering an edge shows what it means in
 * ThingWorx, a click keeps that help in the side panel.
 */
import { Background, Controls, ReactFlow } from '@xyflow/react';
import type { ReactFlowInstance } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { MouseEvent, RefObject } from 'react';
import type { GraphView } from '../../../shared/graph';
import { flowEdges } from './flow-edges';
import { openingView } from './opening-view';
import type { Hover } from './EdgeTooltip';
import { EdgeTooltip } from './EdgeTooltip';
import type { GraphFlowNode } from './GraphNode';
import { GraphNode } from './GraphNode';
import type { EdgeRoute } from './graph-layout';
import { LABEL_EDGE_CAP, NODE_HEIGHT, NODE_WIDTH } from './graph-layout';
import type { RoutedFlowEdge } from './RoutedEdge';
import { RoutedEdge } from './RoutedEdge';
import { PRESENTER_TITLE_PX, READABLE_ZOOM, readableZoom } from './readable';
import { useAppStore } from '../stores/app-store';

const nodeTypes = { entity: GraphNode };
const edgeTypes = { routed: RoutedEdge };
const proOptions = { hideAttribution: true };
/** Past this many nodes the view draws plain (undashed) strokes and renders only what is on screen. */
export const BIG_VIEW_NODES = 300;
const ONLY_VISIBLE = true;

export type GraphFlowProps = {
  view: GraphView;
  positions: Float64Array;
  routes: (EdgeRoute | null)[];
  selectedEdge: string | null;
  /** Node and edge ids drawn lit (a route picked in the path list); the rest is dimmed. */
  lit: ReadonlySet<string> | null;
  onNode(id: string): void;
  onEdge(id: string | null): void;
};

export function GraphFlow({
  view,
  positions,
  routes,
  selectedEdge,
  lit,
  onNode,
  onEdge,
}: GraphFlowProps) {
  const onPath = useMemo(() => view.nodes.some(n => n.mark === 'path'), [view]);
  const dim = useCallback(
    (x: { id: string; mark?: string | undefined }) => (lit ? !lit.has(x.id) : onPath && !x.mark),
    [lit, onPath],
  );
  const nodes = useMemo<GraphFlowNode[]>(
    () =>
      view.nodes.map((n, i) => ({
        id: n.id,
        type: 'entity' as const,
        position: { x: positions[i * 2] ?? 0, y: positions[i * 2 + 1] ?? 0 },
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        draggable: false,
        connectable: false,
        data: { node: n, dimmed: dim(n) },
      })),
    [view, positions, dim],
  );
  // Stable handlers (the parent passes new closures on every render): React Flow then has no new
  // props to push into its store while the user pans.
  const instance = useRef<ReactFlowInstance<GraphFlowNode, RoutedFlowEdge> | null>(null);
  const index = useMemo(() => new Map(view.nodes.map((n, i) => [n.id, i])), [view]);
  /** Centres the view on edge `i` (its label point, else midway between its ends) at the current zoom. */
  const reveal = (i: number) => {
    const e = view.edges[i];
    if (!e || !instance.current) return;
    const at = (id: string, k: 0 | 1) =>
      (positions[(index.get(id) ?? 0) * 2 + k] ?? 0) + (k === 0 ? NODE_WIDTH : NODE_HEIGHT) / 2;
    const label = routes[i]?.label;
    const x = label?.x ?? (at(e.source, 0) + at(e.target, 0)) / 2;
    const y = label?.y ?? (at(e.source, 1) + at(e.target, 1)) / 2;
    void instance.current.setCenter(x, y, { zoom: instance.current.getZoom() });
  };
  const latest = useRef({ onNode, onEdge, reveal });
  latest.current = { onNode, onEdge, reveal };
  const labels = view.edges.length <= LABEL_EDGE_CAP;
  // Big views pan smoother with plain strokes: dashed paths are repainted per dash (kibana #204982,
  // style.md §3.4), so past BIG_VIEW_NODES deny entries stay distinct by colour and weight only.
  const big = view.nodes.length > BIG_VIEW_NODES;
  const baseEdges = useMemo<RoutedFlowEdge[]>(
    () =>
      flowEdges(view, routes, { dim, lit, labels, big }, (id, i, keyboard) => {
        latest.current.onEdge(id);
        // Reached by keyboard: bring it into view (a click happens where the user looks).
        if (keyboard) latest.current.reveal(i);
      }),
    [view, routes, dim, lit, labels, big],
  );
  // Selecting an edge restyles only that edge: the others keep their object identity, so React Flow
  // does not re-render them (nothing here depends on the whole edges array changing).
  const edges = useMemo<RoutedFlowEdge[]>(
    () =>
      selectedEdge === null
        ? baseEdges
        : baseEdges.map(e =>
            e.id === selectedEdge
              ? {
                  ...e,
                  className: `${e.className ?? ''} edge-selected`,
                  style: {
                    ...e.style,
                    stroke: '#0d47a1',
                    strokeWidth: Number(e.style?.strokeWidth ?? 1) + 1,
                  },
                }
              : e,
          ),
    [baseEdges, selectedEdge],
  );
  const onNodeClick = useCallback(
    (_e: unknown, n: GraphFlowNode) => latest.current.onNode(n.id),
    [],
  );
  const onEdgeClick = useCallback(
    (_e: unknown, e: RoutedFlowEdge) => latest.current.onEdge(e.id),
    [],
  );
  const onPaneClick = useCallback(() => latest.current.onEdge(null), []);
  const box = useRef<HTMLDivElement | null>(null);
  // Presenter mode draws larger titles (styles.css), so they stay readable a little further out.
  const presenter = useAppStore(s => s.presenter);
  const minZoom = presenter ? readableZoom(PRESENTER_TITLE_PX) : READABLE_ZOOM;
  const { hover, onEdgeEnter, onEdgeLeave } = useEdgeHover(view, box);
  return (
    <div className="graph-flow" aria-label="Role-inheritance graph" ref={box}>
      <ReactFlow<GraphFlowNode, RoutedFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onInit={i => {
          instance.current = i;
          const pane = box.current?.getBoundingClientRect() ?? { width: 800, height: 600 };
          const vp = openingView({ view, positions, routes, labels, lit, onPath }, pane, minZoom);
          if (!vp) return;
          void i.setViewport(vp);
          // Tells tests (and the curious) the opening zoom; React Flow's minZoom keeps every later one readable too.
          box.current?.setAttribute('data-opened-zoom', vp.zoom.toFixed(3));
        }}
        onEdgeMouseEnter={onEdgeEnter}
        onEdgeMouseLeave={onEdgeLeave}
        onNodeClick={onNodeClick}
        onEdgeClick={onEdgeClick}
        onPaneClick={onPaneClick}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        onlyRenderVisibleElements={ONLY_VISIBLE && big}
        minZoom={minZoom}
        maxZoom={1.75}
        proOptions={proOptions}
      >
        <Background gap={24} color="#eceff1" />
        <Controls showInteractive={false} />
      </ReactFlow>
      {hover && (
        <EdgeTooltip
          hover={hover}
          pane={{
            width: box.current?.clientWidth ?? 800,
            height: box.current?.clientHeight ?? 600,
          }}
        />
      )}
    </div>
  );
}

/** The edge under the pointer, placed in the pane, for its help tooltip (EdgeTooltip). */
function useEdgeHover(view: GraphView, box: RefObject<HTMLDivElement | null>) {
  const [hover, setHover] = useState<Hover | null>(null);
  const byId = useMemo(() => new Map(view.edges.map(e => [e.id, e])), [view]);
  const onEdgeEnter = useCallback(
    (ev: MouseEvent, e: RoutedFlowEdge) => {
      const edge = byId.get(e.id);
      const r = box.current?.getBoundingClientRect();
      if (edge && r) setHover({ edge, x: ev.clientX - r.left, y: ev.clientY - r.top });
    },
    [byId, box],
  );
  const onEdgeLeave = useCallback(() => setHover(null), []);
  return { hover, onEdgeEnter, onEdgeLeave };
}
