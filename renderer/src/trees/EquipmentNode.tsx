/**
 * One equipment node in the React Flow tree: expand/collapse, name and type, the Read/Write/None badge
 * (with the previewed value when a preview changes it) and where the value came from. Memoised and
 * registered at module scope (style.md §3.4).
 */
import { Handle, Position } from '@xyflow/react';
import type { NodeProps, Node } from '@xyflow/react';
import { memo } from 'react';
import type { AppsPermission } from '../../../shared/apps/names';
import type { TreeRow } from '../../../shared/apps/tree-data';
import { ExpandToggle } from './ExpandToggle';
import { PermissionBadge } from './PermissionBadge';
import { childLabel, hiddenLabel, shortProvenance } from './row-labels';

export type EquipmentNodeData = {
  row: TreeRow;
  /** The previewed value for the viewed principal when the preview changes it. */
  after?: AppsPermission;
  /** The preview changes this node for someone. */
  changed: boolean;
  selected: boolean;
};
export type EquipmentFlowNode = Node<EquipmentNodeData, 'equipment'>;

/**
 * The id of a node's description (its permission, type and provenance): the tree item is named by
 * the equipment's name alone and described by the rest (TreeFlow's `aria-describedby`).
 */
export const nodeDescriptionId = (name: string): string => `eq-desc-${encodeURIComponent(name)}`;

function EquipmentNodeView({ data }: NodeProps<EquipmentFlowNode>) {
  const { row, after, changed, selected } = data;
  const hidden = hiddenLabel(row);
  return (
    // The tree item's role, name, level and state are on React Flow's node around this (TreeFlow).
    <div
      className={`eq-node perm-edge-${row.permission.toLowerCase()}${changed ? ' changed' : ''}${selected ? ' selected' : ''}`}
      title={row.provenance.text}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className="eq-handle" />
      <div className="eq-head">
        <ExpandToggle row={row} className="eq-toggle nodrag" forPointerOnly />
        <span className="eq-name">{row.name}</span>
      </div>
      {/* Visual only here: read as the tree item's description (a name that differs from the
          visible text would confuse speech control). */}
      <div className="eq-meta" aria-hidden="true" id={nodeDescriptionId(row.name)}>
        <PermissionBadge
          permission={row.permission}
          after={after}
          noGrant={row.provenance.source === 'none'}
        />
        <span className="eq-meta-text">
          {hidden ? (
            <span className="eq-hidden">{hidden}</span>
          ) : (
            `${row.type} · ${childLabel(row)}`
          )}
        </span>
      </div>
      <div className="eq-prov" aria-hidden="true" id={`${nodeDescriptionId(row.name)}-from`}>
        {shortProvenance(row.provenance)}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} className="eq-handle" />
    </div>
  );
}

export const EquipmentNode = memo(EquipmentNodeView);
