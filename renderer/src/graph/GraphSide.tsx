/**
 * The graph's side panel: the overview (minimap) of a big view, the clicked edge's meaning in
 * ThingWorx, the routes found by pathfinding (pick one to draw it alone), and the legend of node
 * types and edge styles. It folds to a narrow strip to give the canvas the width.
 */
import { MiniMap } from '@xyflow/react';
import type { GraphEdge, GraphNodeKind, GraphView } from '../../../shared/graph';
import { edgeStroke, edgeTitle } from './edge-style';
import { useGraphStore } from './graph-store';
import type { GraphFlowNode } from './GraphNode';
import { ICONS, KIND_COLOURS, KIND_WORDS } from './icons';

export type GraphSideProps = {
  view: GraphView | null;
  edge: GraphEdge | null;
  /** Unfolded; folded it is a strip with one button. */
  open: boolean;
  onToggle(): void;
  /** Draw the overview (the view is laid out and big enough to need one). */
  overview: boolean;
};

const MINIMAP_SIZE = { width: 182, height: 120 };
const minimapColour = (n: GraphFlowNode) => KIND_COLOURS[n.data.node.kind];

export function GraphSide({ view, edge, open, onToggle, overview }: GraphSideProps) {
  if (!open)
    return (
      <aside className="graph-side folded" aria-label="Graph legend">
        <button
          type="button"
          className="graph-side-toggle"
          aria-expanded={false}
          title="Show the legend, the overview and the edge help"
          onClick={onToggle}
        >
          ⟨ Legend{view?.paths ? ` · ${view.paths.length} paths` : ''}
        </button>
      </aside>
    );
  return (
    // Focusable so keyboard users can scroll it when the legend and the routes overflow.
    <aside className="graph-side" aria-label="Graph legend" tabIndex={0}>
      <button
        type="button"
        className="graph-side-toggle"
        aria-expanded={true}
        title="Fold this panel to give the graph the width"
        onClick={onToggle}
      >
        Hide legend ⟩
      </button>
      {overview && (
        <section className="graph-overview" aria-label="Overview">
          <MiniMap<GraphFlowNode>
            pannable
            zoomable
            style={MINIMAP_SIZE}
            // Outside the canvas React Flow's colour variables do not reach it: named here.
            bgColor="#fff"
            maskColor="rgba(236, 239, 241, 0.7)"
            maskStrokeColor="#0d47a1"
            maskStrokeWidth={2}
            ariaLabel="Overview of the whole graph: drag to pan"
            nodeColor={minimapColour}
          />
        </section>
      )}
      {/* Polite live region: an edge reached with Tab is read out without moving the focus. */}
      <div aria-live="polite">
        {edge ? (
          <EdgeHelp edge={edge} />
        ) : (
          <p className="muted">
            Hover, click or Tab to an edge for what it means in ThingWorx; click a node to inspect
            it.
          </p>
        )}
      </div>
      {view?.paths && <PathList view={view} />}
      <Legend />
    </aside>
  );
}

function EdgeHelp({ edge }: { edge: GraphEdge }) {
  return (
    <section className="graph-edge-help" aria-label="Edge help">
      <h4>{edgeTitle(edge)}</h4>
      {edge.label && (
        <p className="mono">
          {edge.mark === 'lost' && edge.kind === 'permission' ? `lost: ${edge.label}` : edge.label}
        </p>
      )}
      {edge.parts && edge.parts.length > 1 && (
        <ul className="graph-parts">
          {edge.parts.map((p, i) => (
            <li key={i} className={p.allow ? 'allow' : 'deny'}>
              {p.mark === 'lost' ? 'lost: ' : ''}
              {p.label}
            </li>
          ))}
        </ul>
      )}
      <p>{edge.help}</p>
      {edge.mark === 'path' && <p className="tag ok">on the decision path</p>}
      {edge.mark === 'lost' && edge.kind === 'permission' && (
        <p className="tag warn">existed for the user's principals but lost (§9.6)</p>
      )}
    </section>
  );
}

function PathList({ view }: { view: GraphView }) {
  const selected = useGraphStore(s => s.selectedPath);
  const paths = view.paths ?? [];
  return (
    <section className="graph-paths" aria-label="Paths found">
      <h4>Paths ({paths.length})</h4>
      {paths.length === 0 ? (
        <p className="muted">No entry for this principal or its groups applies to the entity.</p>
      ) : (
        <ol>
          {paths.map((p, i) => (
            <li key={i}>
              <button
                type="button"
                className={`graph-path ${p.effect}${selected === i ? ' selected' : ''}`}
                aria-pressed={selected === i}
                onClick={() => useGraphStore.getState().selectPath(selected === i ? null : i)}
              >
                <span className={`tag ${p.effect === 'deny' ? 'bad' : 'ok'}`}>
                  {p.effect} · {p.hops} hops{p.shortest ? ' · shortest' : ''}
                </span>{' '}
                {p.text}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const NODE_KINDS: GraphNodeKind[] = [
  'user',
  'group',
  'organization',
  'unit',
  'thing',
  'template',
  'shape',
  'collection',
  'other',
  'aggregate',
];

const EDGE_LEGEND = [
  ['Allow entry', { kind: 'permission', allow: true }],
  ['Deny entry', { kind: 'permission', allow: false }],
  ['Entry that lost, grant that does not reach', { kind: 'permission', allow: true, mark: 'lost' }],
  ['Membership', { kind: 'member' }],
  ['Template, shape, collection, unit tree', { kind: 'base' }],
  ['Visibility', { kind: 'visibility' }],
  ['Visibility gap (404)', { kind: 'gap' }],
] as const;

function Legend() {
  return (
    <>
      <h4>Nodes</h4>
      <ul className="graph-legend" aria-label="Node types">
        {NODE_KINDS.map(k => (
          <li key={k}>
            <svg
              viewBox="0 0 16 16"
              width="16"
              height="16"
              style={{ color: KIND_COLOURS[k] }}
              aria-hidden="true"
              dangerouslySetInnerHTML={{ __html: ICONS[k] }}
            />
            {k === 'aggregate' ? 'Folded (click to open)' : KIND_WORDS[k]}
          </li>
        ))}
      </ul>
      <h4>Edges</h4>
      <ul className="graph-legend" aria-label="Edge styles">
        {EDGE_LEGEND.map(([label, e]) => {
          const st = edgeStroke(e);
          return (
            <li key={label}>
              <svg width="36" height="10" aria-hidden="true">
                <line
                  x1="2"
                  y1="5"
                  x2="34"
                  y2="5"
                  stroke={st.stroke}
                  strokeWidth={st.width}
                  strokeDasharray={st.dash}
                />
              </svg>
              {label}
            </li>
          );
        })}
      </ul>
    </>
  );
}
