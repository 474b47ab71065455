/**
 * The Equipment view (domain reference §7): per context, the equipment tree with the effective
 * Read/Write/None of a chosen user or group on every node and where it came from (§7.18), drawn with
 * React Flow while at most `FLOW_LIMIT` nodes are visible and as a virtualised list beyond; a
 * propagation can be previewed (changed nodes highlighted, who gains or loses) and applied.
 *
 * @example
 * <EquipmentView />
 */
import '@xyflow/react/dist/style.css';
import './trees.css';
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppsPermission } from '../../../shared/apps/names';
import { useAppStore } from '../stores/app-store';
import { EquipmentToolbar } from './EquipmentToolbar';
import { NodeDetails } from './NodeDetails';
import { PermissionBadge } from './PermissionBadge';
import { PropagationPanel } from './PropagationPanel';
import { TreeFlow } from './TreeFlow';
import { TreeList } from './TreeList';
import { FLOW_LIMIT, useTreeStore } from './tree-store';

export function EquipmentView() {
  const revision = useAppStore(s => s.info?.revision);
  const items = useAppStore(s => s.allItems);
  const s = useTreeStore(
    useShallow(t => ({
      contexts: t.contexts,
      context: t.context,
      principal: t.principal,
      view: t.view,
      fetchKey: t.fetchKey,
      selected: t.selected,
      preview: t.preview,
    })),
  );

  // Any saved change (apply, undo, an edit elsewhere, another project) re-reads contexts and rows.
  useEffect(() => {
    void useTreeStore.getState().loadContexts(revision);
  }, [revision]);

  // A first principal so the tree is never empty: the first non-built-in user.
  useEffect(() => {
    const t = useTreeStore.getState();
    const stillThere =
      t.principal && items.some(i => i.kind === t.principal?.type && i.name === t.principal?.name);
    if (stillThere) return;
    const first =
      items.find(i => i.kind === 'user' && !i.builtin) ?? items.find(i => i.kind === 'user');
    if (first) void t.setPrincipal({ type: 'user', name: first.name });
  }, [items]);

  // The preview's values for the viewed principal, and every node that changes for someone.
  const { after, changed } = useMemo(() => {
    const a = new Map<string, AppsPermission>();
    const c = new Set<string>();
    const p = s.preview?.value;
    if (p && s.principal) {
      for (const ch of p.changes) {
        c.add(ch.thing);
        if (ch.principal.type === s.principal.type && ch.principal.name === s.principal.name)
          a.set(ch.thing, ch.after);
      }
    }
    return { after: a, changed: c };
  }, [s.preview, s.principal]);

  if (s.contexts.length === 0) {
    return (
      <div className="empty-state">
        <p>This model has no ThingWorx Apps equipment contexts (§7.1).</p>
        <p>
          Add them under <code>apps: contexts:</code> in the model file, or import a model that has
          them (for example <code>assets/demos/smart-factory.yaml</code>).
        </p>
      </div>
    );
  }
  const view = s.view;
  const list = view ? view.visibleCount > FLOW_LIMIT : false;

  return (
    <div className="equipment-view">
      <EquipmentToolbar />

      {view && (
        <div className="tree-summary" aria-label="Context permission">
          <span>
            {view.principal.type} <strong>{view.principal.name}</strong> on context{' '}
            <strong>{view.displayName}</strong>{' '}
            <span className="muted">(Network {view.network})</span>:
          </span>
          <PermissionBadge
            permission={view.onContext}
            noGrant={view.onContextProvenance.source === 'none'}
          />
          <span className="muted small">{view.onContextProvenance.text}</span>
          <span className="muted small tree-count">
            {view.visibleCount.toLocaleString('en-US')} of {view.total.toLocaleString('en-US')}{' '}
            nodes shown
            {list ? ` · list view (more than ${FLOW_LIMIT} visible)` : ''}
          </span>
          {view.notes.map(n => (
            <p key={n} className="tree-note">
              {n}
            </p>
          ))}
        </div>
      )}

      {view &&
        (list ? (
          <TreeList
            total={view.visibleCount}
            first={view.rows}
            fetchKey={s.fetchKey}
            after={after}
            changed={changed}
            selected={s.selected?.name ?? null}
          />
        ) : (
          <TreeFlow
            rows={view.rows}
            after={after}
            changed={changed}
            selected={s.selected?.name ?? null}
          />
        ))}

      <div className="tree-cards">
        {view && <NodeDetails row={s.selected} view={view} />}
        <PropagationPanel equipment={view ? view.rows.map(r => r.name) : []} />
      </div>
    </div>
  );
}
