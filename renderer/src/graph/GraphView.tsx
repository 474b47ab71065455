/**
 * The role-inheritance graph view (docs/architecture.md "Views"): pick a focus (a user's principals and what they reach,
 * a group, an organization, an entity's grantees) or arrive from "Show in graph" in the Ask view; the
 * layout runs in a worker; past the node-count guard the view folds and offers a table; export as
 * SVG or PNG.
 */
import '@xyflow/react/dist/style.css';
import './graph.css';
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { GraphFocus } from '../../../shared/graph';
import { DEFAULT_NODE_GUARD, MAX_NODE_GUARD } from '../../../shared/graph';
import { useAppStore } from '../stores/app-store';
import { edgeStroke } from './edge-style';
import { downloadBlob, graphToSvg, svgToPng } from './export-svg';
import { GraphFlow } from './GraphFlow';
import { useGraphStore } from './graph-store';
import { KIND_WORDS } from './icons';
import { useGraphLayout } from './useGraphLayout';

const FOCUS_TYPES: { type: GraphFocus['type']; label: string }[] = [
  { type: 'user', label: 'User' },
  { type: 'group', label: 'Group' },
  { type: 'organization', label: 'Organization' },
  { type: 'thing', label: 'Thing' },
  { type: 'template', label: 'Template' },
  { type: 'shape', label: 'Shape' },
];

const fileSafe = (s: string) =>
  s
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'graph';

export function GraphView() {
  const { view, error, selectedEdge, showTable, source } = useGraphStore(
    useShallow(s => ({
      view: s.view,
      error: s.error,
      selectedEdge: s.selectedEdge,
      showTable: s.showTable,
      source: s.source,
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
  const [type, setType] = useState<GraphFocus['type']>(
    source?.type === 'focus' ? source.focus.type : 'user',
  );
  const [name, setName] = useState(source?.type === 'focus' ? source.focus.name : '');
  const [guard, setGuard] = useState(DEFAULT_NODE_GUARD);
  const names = useMemo(() => items.filter(i => i.kind === type).map(i => i.name), [items, type]);

  // First visit: focus the first own user so the view is never empty.
  useEffect(() => {
    if (useGraphStore.getState().source) return;
    const first = items.find(i => i.kind === 'user' && !i.builtin);
    if (first) {
      setName(first.name);
      void useGraphStore
        .getState()
        .load({ type: 'focus', focus: { type: 'user', name: first.name } });
    }
  }, [items]);
  // The model changed: the same focus, fresh data.
  useEffect(() => {
    if (revision !== undefined) void useGraphStore.getState().reload();
  }, [revision]);

  const layout = useGraphLayout(view);
  const edge = view?.edges.find(e => e.id === selectedEdge) ?? null;

  const show = () => {
    if (!name.trim()) return notify('error', `Choose a ${type} to focus on.`);
    void useGraphStore
      .getState()
      .load({ type: 'focus', focus: { type, name: name.trim() }, guard });
  };
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
    else if (n?.kind === 'aggregate') useGraphStore.getState().setShowTable(true);
  };

  return (
    <div className="graph-view">
      <form
        className="graph-toolbar"
        aria-label="Graph focus"
        onSubmit={e => {
          e.preventDefault();
          show();
        }}
      >
        <label>
          Focus
          <select
            aria-label="Focus type"
            value={type}
            onChange={e => setType(e.target.value as GraphFocus['type'])}
          >
            {FOCUS_TYPES.map(f => (
              <option key={f.type} value={f.type}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <input
          aria-label="Focus name"
          list="graph-focus-names"
          value={name}
          onChange={e => setName(e.target.value)}
          placeholder={`${type} name`}
        />
        <datalist id="graph-focus-names">
          {names.map(n => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <label title="Past this many nodes, users and Things fold into counted aggregates">
          Fold past
          <input
            aria-label="Node guard"
            type="number"
            min={10}
            max={MAX_NODE_GUARD}
            value={guard}
            onChange={e =>
              setGuard(
                Math.max(
                  10,
                  Math.min(MAX_NODE_GUARD, Number(e.target.value) || DEFAULT_NODE_GUARD),
                ),
              )
            }
          />
        </label>
        <button type="submit">Show</button>
        <span className="spacer" />
        <button type="button" disabled={!layout} onClick={() => void exportAs('svg')}>
          Export SVG
        </button>
        <button type="button" disabled={!layout} onClick={() => void exportAs('png')}>
          Export PNG
        </button>
      </form>
      {view && (
        <div className="graph-status" role="status" aria-label="Graph status">
          <b>{view.title}</b>
          {view.summary && <span className="graph-summary mono">{view.summary}</span>}
          <span className="muted">
            {view.nodes.length} nodes · {view.edges.length} edges
            {layout
              ? ` · layout ${layout.ms.toFixed(0)} ms (${layout.engine}, worker)`
              : ' · laying out…'}
          </span>
          {view.aggregated && (
            <span className="tag warn">
              {view.total} elements: folded past the guard into counted nodes ·{' '}
              <button
                type="button"
                className="link"
                onClick={() => useGraphStore.getState().setShowTable(!showTable)}
              >
                {showTable ? 'show graph' : 'show table'}
              </button>
            </span>
          )}
        </div>
      )}
      {error && (
        <p className="graph-error" role="alert">
          {error}
        </p>
      )}
      <div className="graph-body">
        {view && showTable ? (
          <div className="graph-table" role="region" aria-label="Folded elements">
            <table>
              <thead>
                <tr>
                  <th>Kind</th>
                  <th>Name</th>
                  <th>Folded into</th>
                </tr>
              </thead>
              <tbody>
                {view.table.map((r, i) => (
                  <tr key={i}>
                    <td>{KIND_WORDS[r.kind]}</td>
                    <td>{r.name}</td>
                    <td>{r.aggregate}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : view && layout ? (
          <div
            className="graph-canvas"
            data-layout-ms={layout.ms.toFixed(1)}
            data-layout-engine={layout.engine}
            data-nodes={view.nodes.length}
          >
            <GraphFlow
              view={view}
              positions={layout.positions}
              routes={layout.routes}
              selectedEdge={selectedEdge}
              onNode={onNode}
              onEdge={id => useGraphStore.getState().selectEdge(id)}
            />
          </div>
        ) : (
          <div className="graph-empty muted">
            {view ? 'Laying out…' : 'Choose a focus and press Show.'}
          </div>
        )}
        <aside className="graph-side" aria-label="Graph legend">
          {edge ? (
            <section className="graph-edge-help" aria-label="Edge help">
              <h4>
                {edge.kind === 'permission'
                  ? `${edge.allow ? 'Allow' : 'Deny'} entry`
                  : edge.kind.replace('-', ' ')}
              </h4>
              {edge.label && (
                <p className="mono">{edge.mark === 'lost' ? `lost: ${edge.label}` : edge.label}</p>
              )}
              <p>{edge.help}</p>
              {edge.mark === 'path' && <p className="tag ok">on the decision path</p>}
              {edge.mark === 'lost' && (
                <p className="tag warn">existed for the user's principals but lost (§9.6)</p>
              )}
            </section>
          ) : (
            <p className="muted">
              Click an edge for what it means in ThingWorx; click a node to inspect it.
            </p>
          )}
          <h4>Legend</h4>
          <ul className="graph-legend">
            {(
              [
                ['Allow entry', { kind: 'permission', allow: true }],
                ['Deny entry', { kind: 'permission', allow: false }],
                ['Entry that lost', { kind: 'permission', allow: true, mark: 'lost' }],
                ['Membership', { kind: 'member' }],
                ['Template, shape, collection, unit tree', { kind: 'base' }],
                ['Visibility', { kind: 'visibility' }],
              ] as const
            ).map(([label, e]) => {
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
        </aside>
      </div>
    </div>
  );
}
