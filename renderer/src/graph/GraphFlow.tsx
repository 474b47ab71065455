/**
 * The laid-out graph drawn with React Flow: custom nodes, bezier edges styled by meaning (deny red
 * dashed), permission labels on the edge, path highlighting (off-path elements dimmed). Nodes are not
 * draggable; the canvas pans and zooms. Node click selects the element in the inspector; edge click
 * shows its ThingWorx help text.
 */
import { Background, Controls, MarkerType, MiniMap, ReactFlow } from '@xyflow/react';
import type { ReactFlowInstance } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import type { GraphView } from '../../../shared/graph';
import { edgeLabel, edgeStroke } from './edge-style';
import type { GraphFlowNode } from './GraphNode';
import { GraphNode } from './GraphNode';
import type { EdgeRoute } from './graph-layout';
import { LABEL_EDGE_CAP, NODE_HEIGHT, NODE_WIDTH } from './graph-layout';
import type { RoutedFlowEdge } from './RoutedEdge';
import { RoutedEdge } from './RoutedEdge';
import { KIND_COLOURS } from './icons';

const nodeTypes = { entity: GraphNode };
const edgeTypes = { routed: RoutedEdge };
const proOptions = { hideAttribution: true };
// Fit, but never below a zoom where labels stop being readable: larger views are panned instead.
const fitOptions = { maxZoom: 1, minZoom: 0.55, padding: 0.08 };

export type GraphFlowProps = {
  view: GraphView;
  positions: Float64Array;
  routes: (EdgeRoute | null)[];
  selectedEdge: string | null;
  onNode(id: string): void;
  onEdge(id: string | null): void;
};

export function GraphFlow({ view, positions, routes, selectedEdge, onNode, onEdge }: GraphFlowProps) {
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
  const edges = useMemo<RoutedFlowEdge[]>(
    () =>
      view.edges.map((e, i) => {
        const st = edgeStroke(e, onPath && !e.mark);
        const label = labels ? edgeLabel(e) : undefined;
        const selected = e.id === selectedEdge;
        return {
          id: e.id,
          source: e.source,
          target: e.target,
          type: 'routed' as const,
          className: ['graph-edge', `edge-${e.kind}`, e.kind === 'permission' ? (e.allow ? 'edge-allow' : 'edge-deny') : '', e.mark ? `edge-${e.mark}` : '', selected ? 'edge-selected' : ''].filter(Boolean).join(' '),
          style: { stroke: selected ? '#0d47a1' : st.stroke, strokeWidth: st.width + (selected ? 1 : 0), ...(st.dash ? { strokeDasharray: st.dash } : {}) },
          markerEnd: { type: MarkerType.ArrowClosed, color: st.stroke, width: 14, height: 14 },
          focusable: true,
          ariaLabel: `${e.kind} edge from ${e.source} to ${e.target}${e.label ? `: ${e.label}` : ''}`,
          data: { route: routes[i] ?? null, ...(label ? { text: label } : {}), textColour: e.kind === 'permission' && !e.allow ? '#b71c1c' : '#263238', bold: e.mark === 'path' },
        };
      }),
    [view, routes, onPath, labels, selectedEdge],
  );
  const instance = useRef<ReactFlowInstance<GraphFlowNode, RoutedFlowEdge> | null>(null);
  return (
    <div className="graph-flow" aria-label="Role-inheritance graph">
      <ReactFlow<GraphFlowNode, RoutedFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onInit={i => {
          instance.current = i;
          void i.fitView(fitOptions).then(() => {
            // Too big to fit readably: start at the focus (or the path's start) and let the user pan.
            if (i.getZoom() > 0.56) return;
            const start = view.nodes.findIndex(n => n.focus) >= 0 ? view.nodes.findIndex(n => n.focus) : 0;
            void i.setCenter((positions[start * 2] ?? 0) + NODE_WIDTH / 2, (positions[start * 2 + 1] ?? 0) + 180, { zoom: 0.8 });
          });
        }}
        onNodeClick={(_e, n) => onNode(n.id)}
        onEdgeClick={(_e, e) => onEdge(e.id)}
        onPaneClick={() => onEdge(null)}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        onlyRenderVisibleElements={view.nodes.length > 200}
        minZoom={0.05}
        maxZoom={1.75}
        proOptions={proOptions}
      >
        <Background gap={24} color="#eceff1" />
        <Controls showInteractive={false} />
        {view.nodes.length > 40 && <MiniMap pannable zoomable nodeColor={n => KIND_COLOURS[(n as GraphFlowNode).data.node.kind]} />}
      </ReactFlow>
    </div>
  );
}
