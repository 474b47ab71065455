/**
 * One node of the role-inheritance graph: type icon, name, what it is. Memoised and registered at
 * module scope (style.md §3.4, "Graph code like xyflow").
 */
import { Handle, Position } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { GraphNode as GraphNodeData } from '../../../shared/graph';
import { ICONS, KIND_COLOURS, KIND_WORDS } from './icons';
import { useAppStore } from '../stores/app-store';

export type GraphFlowNode = Node<{ node: GraphNodeData; dimmed: boolean }, 'entity'>;

function GraphNodeImpl({ data }: NodeProps<GraphFlowNode>) {
  const n = data.node;
  const colour = KIND_COLOURS[n.kind];
  // The step the Ask view's step-by-step bar points at names this element.
  const lit = useAppStore(s =>
    s.highlight.some(h => h.kind === n.select?.kind && h.name === n.select.name),
  );
  const cls = [
    'graph-node',
    `kind-${n.kind}`,
    n.mark ? `mark-${n.mark}` : '',
    n.focus ? 'focus' : '',
    data.dimmed ? 'dimmed' : '',
    lit ? 'highlight' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={cls}
      style={{ borderLeftColor: colour }}
      title={`${KIND_WORDS[n.kind]} ${n.label}`}
      data-node-id={n.id}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <svg
        className="graph-node-icon"
        viewBox="0 0 16 16"
        width="20"
        height="20"
        style={{ color: colour }}
        aria-hidden="true"
        dangerouslySetInnerHTML={{ __html: ICONS[n.kind] }}
      />
      <div className="graph-node-text">
        <div className="graph-node-label">{n.label}</div>
        <div className="graph-node-sub">{n.sub}</div>
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

export const GraphNode = memo(GraphNodeImpl);
