/**
 * The laid-out graph drawn with React Flow: custom nodes, bezier edges styled by meaning (deny red
 * dashed), permission labels on the edge, path highlighting (off-path elements dimmed). Nodes are not
 * draggable; the canvas pans and zooms. Past `BIG_VIEW_NODES` strokes are plain and only on-screen
 * elements render (docs/benchmarks.md, UI section: together they remove the long frames while
 * panning). Node click selects the element in the inspector; edge click shows its ThingWorx help text.
 */
import { Background, Controls, MarkerType, MiniMap, ReactFlow } from '@xyflow/react';
import type { ReactFlowInstance } from '@xyflow/react';
import { useCallback, useMemo, useRef } from 'react';
import type { GraphView } from '../../../shared/graph';
import { edgeLabel, edgeStroke } from './edge-style';
import type { GraphFlowNode } from './GraphNode';
import { GraphNode } from './GraphNode';
import type { EdgeRoute } from './graph-layout';
import { LABEL_EDGE_CAP, NODE_HEIGHT, NODE_WIDTH, labelWidth } from './graph-layout';
import type { RoutedFlowEdge } from './RoutedEdge';
import { RoutedEdge } from './RoutedEdge';
import { KIND_COLOURS } from './icons';

const nodeTypes = { entity: GraphNode };
const edgeTypes = { routed: RoutedEdge };
const proOptions = { hideAttribution: true };
/** Past this many nodes the view draws plain (undashed) strokes and renders only what is on screen. */
export const BIG_VIEW_NODES = 300;
const ONLY_VISIBLE = true;
// Fit, but never below a zoom where labels stop being readable: larger views are panned instead.
const fitOptions = { maxZoom: 1, minZoom: 0.55, padding: 0.08 };
// fitView measures nodes only; edge labels routed beside the outer nodes would be cut off in small views.
const smallFitOptions = { maxZoom: 1, minZoom: 0.2, padding: 0.1 };

/** Bounds of the nodes and of the edge labels (centred on their layout point), in flow coordinates. */
function contentBounds(
  view: GraphView,
  positions: Float64Array,
  routes: (EdgeRoute | null)[],
  withLabels: boolean,
) {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const add = (ax: number, ay: number, bx: number, by: number): void => {
    x0 = Math.min(x0, ax);
    y0 = Math.min(y0, ay);
    x1 = Math.max(x1, bx);
    y1 = Math.max(y1, by);
  };
  view.nodes.forEach((_, i) =>
    add(
      positions[i * 2] ?? 0,
      positions[i * 2 + 1] ?? 0,
      (positions[i * 2] ?? 0) + NODE_WIDTH,
      (positions[i * 2 + 1] ?? 0) + NODE_HEIGHT,
    ),
  );
  if (withLabels) {
    view.edges.forEach((e, i) => {
      const at = routes[i]?.label;
      const text = edgeLabel(e);
      if (!at || !text) return;
      const half = labelWidth(text) / 2;
      add(at.x - half, at.y - 10, at.x + half, at.y + 10);
    });
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

export type GraphFlowProps = {
  view: GraphView;
  positions: Float64Array;
  routes: (EdgeRoute | null)[];
  selectedEdge: string | null;
  onNode(id: string): void;
  onEdge(id: string | null): void;
};

export function GraphFlow({
  view,
  positions,
  routes,
  selectedEdge,
  onNode,
  onEdge,
}: GraphFlowProps) {
  const onPath = useMemo(() => view.nodes.some(n => n.mark === 'path'), [view]);
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
        data: { node: n, dimmed: onPath && !n.mark },
      })),
    [view, positions, onPath],
  );
  const labels = view.edges.length <= LABEL_EDGE_CAP;
  // Big views pan smoother with plain strokes: dashed paths are repainted per dash (kibana #204982,
  // style.md §3.4), so past BIG_VIEW_NODES deny entries stay distinct by colour and weight only.
  const big = view.nodes.length > BIG_VIEW_NODES;
  const baseEdges = useMemo<RoutedFlowEdge[]>(
    () =>
      view.edges.map((e, i) => {
        const st = edgeStroke(e, onPath && !e.mark);
        const label = labels ? edgeLabel(e) : undefined;
        const deny = e.kind === 'permission' && !e.allow;
        return {
          id: e.id,
          source: e.source,
          target: e.target,
          type: 'routed' as const,
          className: [
            'graph-edge',
            `edge-${e.kind}`,
            e.kind === 'permission' ? (e.allow ? 'edge-allow' : 'edge-deny') : '',
            e.mark ? `edge-${e.mark}` : '',
          ]
            .filter(Boolean)
            .join(' '),
          style: {
            stroke: st.stroke,
            strokeWidth: st.width + (big && deny ? 0.6 : 0),
            ...(st.dash && !big ? { strokeDasharray: st.dash } : {}),
          },
          markerEnd: { type: MarkerType.ArrowClosed, color: st.stroke, width: 14, height: 14 },
          focusable: true,
          ariaLabel: `${e.kind} edge from ${e.source} to ${e.target}${e.label ? `: ${e.label}` : ''}`,
          data: {
            route: routes[i] ?? null,
            ...(label ? { text: label } : {}),
            textColour: deny ? '#b71c1c' : '#263238',
            bold: e.mark === 'path',
          },
        };
      }),
    [view, routes, onPath, labels, big],
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
  const instance = useRef<ReactFlowInstance<GraphFlowNode, RoutedFlowEdge> | null>(null);
  // Stable handlers (the parent passes new closures on every render): React Flow then has no new
  // props to push into its store while the user pans.
  const latest = useRef({ onNode, onEdge });
  latest.current = { onNode, onEdge };
  const onNodeClick = useCallback(
    (_e: unknown, n: GraphFlowNode) => latest.current.onNode(n.id),
    [],
  );
  const onEdgeClick = useCallback(
    (_e: unknown, e: RoutedFlowEdge) => latest.current.onEdge(e.id),
    [],
  );
  const onPaneClick = useCallback(() => latest.current.onEdge(null), []);
  return (
    <div className="graph-flow" aria-label="Role-inheritance graph">
      <ReactFlow<GraphFlowNode, RoutedFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onInit={i => {
          instance.current = i;
          // A small view always fits whole, labels included, even in a narrow pane.
          if (view.nodes.length <= 40) {
            void i.fitBounds(contentBounds(view, positions, routes, labels), smallFitOptions);
            return;
          }
          void i.fitView(fitOptions).then(() => {
            // Too big to fit readably: start at the focus (or the path's start) and let the user pan.
            if (i.getZoom() > 0.56) return;
            const start =
              view.nodes.findIndex(n => n.focus) >= 0 ? view.nodes.findIndex(n => n.focus) : 0;
            void i.setCenter(
              (positions[start * 2] ?? 0) + NODE_WIDTH / 2,
              (positions[start * 2 + 1] ?? 0) + 180,
              { zoom: 0.8 },
            );
          });
        }}
        onNodeClick={onNodeClick}
        onEdgeClick={onEdgeClick}
        onPaneClick={onPaneClick}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        onlyRenderVisibleElements={ONLY_VISIBLE && big}
        minZoom={0.05}
        maxZoom={1.75}
        proOptions={proOptions}
      >
        <Background gap={24} color="#eceff1" />
        <Controls showInteractive={false} />
        {view.nodes.length > 40 && (
          <MiniMap
            pannable
            zoomable
            nodeColor={n => KIND_COLOURS[(n as GraphFlowNode).data.node.kind]}
          />
        )}
      </ReactFlow>
    </div>
  );
}
