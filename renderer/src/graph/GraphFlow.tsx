/**
 * The laid-out graph drawn with React Flow: custom nodes, bezier edges styled by meaning (deny red
 * dashed), permission labels on the edge, path highlighting (off-path elements dimmed). Nodes are not
 * draggable; the canvas pans and zooms. Past `BIG_VIEW_NODES` strokes are plain and only on-screen
 * elements render (docs/benchmarks.md, UI section: together they remove the long frames while
 * panning). Never below a readable zoom (readable.ts): a view too big to fit opens on its focus and
 * is panned. Node click selects the element in the inspector; hovering an edge shows what it means in
 * ThingWorx, a click keeps that help in the side panel.
 */
import { Background, Controls, MarkerType, MiniMap, ReactFlow } from '@xyflow/react';
import type { ReactFlowInstance } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { FocusEvent, MouseEvent } from 'react';
import type { GraphView } from '../../../shared/graph';
import { edgeLabel, edgeStroke } from './edge-style';
import { contentBounds } from './content-bounds';
import type { Hover } from './EdgeTooltip';
import { EdgeTooltip } from './EdgeTooltip';
import type { GraphFlowNode } from './GraphNode';
import { GraphNode } from './GraphNode';
import type { EdgeRoute } from './graph-layout';
import { LABEL_EDGE_CAP, NODE_HEIGHT, NODE_WIDTH } from './graph-layout';
import type { RoutedFlowEdge } from './RoutedEdge';
import { RoutedEdge } from './RoutedEdge';
import { KIND_COLOURS } from './icons';
import {
  PRESENTER_TITLE_PX,
  READABLE_ZOOM,
  fitZoom,
  openingViewport,
  readableZoom,
  viewportOf,
} from './readable';
import { useAppStore } from '../stores/app-store';
import type { Box } from './readable';

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
      view.edges.map((e, i) => {
        const st = edgeStroke(e, dim(e));
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
          // Tab reaches every edge: focusing one shows its help in the side panel, as a click does.
          domAttributes: {
            onFocus: (ev: FocusEvent<SVGGElement>) => {
              latest.current.onEdge(e.id);
              // Reached by keyboard: bring it into view (a click happens where the user looks).
              if (ev.currentTarget.matches(':focus-visible')) latest.current.reveal(i);
            },
          },
          data: {
            route: routes[i] ?? null,
            ...(label ? { text: label } : {}),
            textColour: deny ? '#b71c1c' : '#263238',
            bold: e.mark === 'path' || (lit?.has(e.id) ?? false),
          },
        };
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
  const [hover, setHover] = useState<Hover | null>(null);
  const byId = useMemo(() => new Map(view.edges.map(e => [e.id, e])), [view]);
  const onEdgeEnter = useCallback(
    (ev: MouseEvent, e: RoutedFlowEdge) => {
      const edge = byId.get(e.id);
      const r = box.current?.getBoundingClientRect();
      if (edge && r) setHover({ edge, x: ev.clientX - r.left, y: ev.clientY - r.top });
    },
    [byId],
  );
  const onEdgeLeave = useCallback(() => setHover(null), []);
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
          const all = contentBounds(view, positions, routes, labels);
          if (!all) return;
          // The focus part: the lit route, else a 404's gap (the user, the entity, the missing link),
          // else the decision path / shortest routes, else the focus node.
          const gap = view.edges.find(e => e.kind === 'gap');
          const focusIds = new Set(
            gap && !lit
              ? [gap.source, gap.target, gap.id]
              : [...view.nodes, ...view.edges]
                  .filter(x =>
                    lit ? lit.has(x.id) : onPath ? x.mark === 'path' : 'focus' in x && x.focus,
                  )
                  .map(x => x.id),
          );
          let focus = contentBounds(view, positions, routes, labels, id => focusIds.has(id));
          if (!gap && !lit && !onPath)
            focus = neighbourhoodBox(view, positions, pane, minZoom) ?? focus;
          // The anchor: where the question starts (the user of a decision path), else the focus.
          const user = view.summary
            ? view.nodes.findIndex(n => n.kind === 'user' && n.mark === 'path')
            : -1;
          const at = Math.max(0, user >= 0 ? user : view.nodes.findIndex(n => n.focus));
          // A 404 too wide to fit opens on the middle of its gap, where the missing link is labelled.
          const anchor =
            gap && focus && !lit
              ? { x: focus.x + focus.width / 2, y: focus.y + focus.height / 2 }
              : {
                  x: (positions[at * 2] ?? 0) + NODE_WIDTH / 2,
                  y: (positions[at * 2 + 1] ?? 0) + NODE_HEIGHT / 2,
                };
          const vp = viewportOf(openingViewport(all, focus, anchor, pane, minZoom), pane, all);
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
        {view.nodes.length > 40 && (
          <MiniMap
            pannable
            zoomable
            nodeColor={n => KIND_COLOURS[(n as GraphFlowNode).data.node.kind]}
          />
        )}
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

/**
 * A focus view opens on the focus with its direct neighbours when they fit readably, else with the
 * nearest one (a size-M user's groups spread wider than any pane): never on a lone node.
 */
function neighbourhoodBox(
  view: GraphView,
  positions: Float64Array,
  pane: { width: number; height: number },
  minZoom: number,
): Box | null {
  const at = view.nodes.findIndex(n => n.focus);
  const focus = view.nodes[at];
  if (!focus) return null;
  const index = new Map(view.nodes.map((n, i) => [n.id, i]));
  const near = new Set<number>();
  for (const e of view.edges) {
    if (e.source === focus.id) near.add(index.get(e.target) ?? -1);
    if (e.target === focus.id) near.add(index.get(e.source) ?? -1);
  }
  near.delete(-1);
  const box = (ids: number[]): Box => {
    const xs = ids.map(i => positions[i * 2] ?? 0);
    const ys = ids.map(i => positions[i * 2 + 1] ?? 0);
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    return {
      x,
      y,
      width: Math.max(...xs) + NODE_WIDTH - x,
      height: Math.max(...ys) + NODE_HEIGHT - y,
    };
  };
  const all = box([at, ...near]);
  if (near.size === 0 || fitZoom(all, pane) >= minZoom) return all;
  const fx = positions[at * 2] ?? 0;
  const fy = positions[at * 2 + 1] ?? 0;
  const dist = (i: number) =>
    Math.hypot((positions[i * 2] ?? 0) - fx, (positions[i * 2 + 1] ?? 0) - fy);
  const nearest = [...near].sort((a, b) => dist(a) - dist(b))[0] as number;
  return box([at, nearest]);
}
