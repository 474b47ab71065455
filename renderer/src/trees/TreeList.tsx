/**
 * The virtualised list of the same rows, for trees with more visible nodes than React Flow handles
 * (performance.md §4.1: ~1,000 DOM nodes is the ceiling). Only the rows on screen exist in the DOM;
 * they are fetched from main in pages of `PAGE` as the list scrolls (`apps:tree` with offset/limit).
 */
import { useCallback, useRef } from 'react';
import type { AppsPermission } from '../../../shared/apps/names';
import type { TreeRow } from '../../../shared/apps/tree-data';
import { usePagedRows } from '../lib/use-paged-rows';
import { useAppStore } from '../stores/app-store';
import { ExpandToggle } from './ExpandToggle';
import { PermissionBadge } from './PermissionBadge';
import { childLabel, hiddenLabel, shortProvenance } from './row-labels';
import { expansionArgs, useTreeStore } from './tree-store';

const PAGE = 200;
const ROW_HEIGHT = 30;

export type TreeListProps = {
  total: number;
  /** The first window, already fetched with the view. */
  first: TreeRow[];
  fetchKey: string;
  after: Map<string, AppsPermission>;
  changed: Set<string>;
  selected: string | null;
};

export function TreeList({ total, first, fetchKey, after, changed, selected }: TreeListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const fetchPage = useCallback(async (offset: number) => {
    const { context, principal, expansion } = useTreeStore.getState();
    if (!principal) return null;
    const r = await useAppStore
      .getState()
      .run(
        'apps:tree',
        { context, principal, ...expansionArgs(expansion), offset, limit: PAGE },
        { label: 'Reading equipment permissions' },
      );
    return r.ok ? r.value.rows : null;
  }, []);
  const { virtualizer, items, rows } = usePagedRows({
    total,
    first,
    fetchKey,
    pageSize: PAGE,
    scroller,
    estimateSize: ROW_HEIGHT,
    overscan: 15,
    fetchPage,
  });

  return (
    <div ref={scroller} className="tree-list" role="tree" aria-label="Equipment tree (list)">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map(item => {
          const row = rows.get(item.index);
          const style = {
            position: 'absolute' as const,
            top: 0,
            left: 0,
            right: 0,
            height: ROW_HEIGHT,
            transform: `translateY(${item.start}px)`,
          };
          if (!row) {
            return (
              <div key={item.key} style={style} className="tl-row muted">
                Loading…
              </div>
            );
          }
          const hidden = hiddenLabel(row);
          return (
            <div
              key={item.key}
              style={style}
              role="treeitem"
              aria-label={row.name}
              aria-level={row.depth + 1}
              aria-expanded={row.hasChildren ? row.expanded : undefined}
              aria-selected={row.name === selected}
              className={`tl-row${changed.has(row.name) ? ' changed' : ''}${row.name === selected ? ' selected' : ''}`}
              onClick={() => useTreeStore.getState().select(row)}
              title={row.provenance.text}
            >
              <span style={{ width: Math.min(row.depth, 40) * 16 }} className="tl-indent" />
              <ExpandToggle row={row} className="eq-toggle" />
              <span className="tl-name">{row.name}</span>
              <span className="tl-type">{row.type}</span>
              <PermissionBadge
                permission={row.permission}
                after={after.get(row.name)}
                noGrant={row.provenance.source === 'none'}
              />
              <span className="tl-prov">
                {hidden ? `${hidden} · ` : ''}
                {shortProvenance(row.provenance)}
              </span>
              <span className="tl-children muted">{childLabel(row)}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
