/**
 * The expand/collapse button of an equipment row, shared by the React Flow node and the virtualised
 * list so both toggle the same way (the click must not also select the row).
 *
 * @example
 * <ExpandToggle row={row} className="eq-toggle nodrag" />
 */
import type { TreeRow } from '../../../shared/apps/tree-data';
import { useTreeStore } from './tree-store';

export function ExpandToggle({
  row,
  className,
  forPointerOnly = false,
}: {
  row: TreeRow;
  className: string;
  /**
   * In the diagram the tree item itself expands and collapses by keyboard (arrow keys, TreeFlow):
   * the button is then for the pointer only, outside the tab order and the accessibility tree.
   */
  forPointerOnly?: boolean;
}) {
  if (!row.hasChildren) return <span className="eq-toggle-space" />;
  return (
    <button
      type="button"
      {...(forPointerOnly ? { 'aria-hidden': true, tabIndex: -1 } : {})}
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
