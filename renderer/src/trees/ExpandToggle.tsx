/**
 * The expand/collapse button of an equipment row, shared by the React Flow node and the virtualised
 * list so both toggle the same way (the click must not also select the row).
 *
 * @example
 * <ExpandToggle row={row} className="eq-toggle nodrag" />
 */
import type { TreeRow } from '../../../shared/apps/tree-data';
import { useTreeStore } from './tree-store';

export function ExpandToggle({ row, className }: { row: TreeRow; className: string }) {
  if (!row.hasChildren) return <span className="eq-toggle-space" />;
  return (
    <button
      className={className}
      aria-label={`${row.expanded ? 'Collapse' : 'Expand'} ${row.name}`}
      onClick={e => {
        e.stopPropagation();
        void useTreeStore.getState().toggle(row);
      }}
    >
      {row.expanded ? '▾' : '▸'}
    </button>
  );
}
