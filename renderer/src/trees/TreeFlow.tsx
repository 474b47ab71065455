/**
 * The equipment tree drawn with React Flow (style.md §3.4): only the visible (expanded) rows become
 * nodes, laid out by d3-hierarchy (in a worker when large). Nodes are not draggable or connectable;
 * the canvas pans and zooms.
 */
import { Background, Controls, ReactFlow, applyNodeChanges } from '@xyflow/react';
import type { Edge, NodeChange, ReactFlowInstance } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { AppsPermission } from '../../../shared/apps/names';
import type { TreeRow } from '../../../shared/apps/tree-data';
import type { EquipmentFlowNode } from './EquipmentNode';
import { EquipmentNode, nodeDescriptionId } from './EquipmentNode';
import { NODE_HEIGHT, NODE_WIDTH } from './tree-layout';
import { useTreeStore } from './tree-store';
import { useTreeLayout } from './useTreeLayout';

const nodeTypes = { equipment: EquipmentNode };
const proOptions = { hideAttribution: true };
const fitOptions = { maxZoom: 1, padding: 0.04 };
const MIN_READABLE_ZOOM = 0.6;
const READABLE_ZOOM = 0.85;

export type TreeFlowProps = {
  rows: TreeRow[];
  /** name -> previewed value for the viewed principal. */
  after: Map<string, AppsPermission>;
  changed: Set<string>;
  selected: string | null;
};

export function TreeFlow({ rows, after, changed, selected }: TreeFlowProps) {
  const positions = useTreeLayout(rows);
  const computed = useMemo<EquipmentFlowNode[]>(() => {
    if (!positions) return [];
    return rows.map((row, i) => ({
      id: row.name,
      type: 'equipment' as const,
      position: { x: positions[i * 2] ?? 0, y: positions[i * 2 + 1] ?? 0 },
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      draggable: false,
      connectable: false,
      selectable: false,
      // The node React Flow renders (focusable) is the tree item, so the tree holds its items directly.
      // Named by its visible name (the rest of its text is aria-hidden and read as its description).
      ariaRole: 'treeitem' as const,
      className: changed.has(row.name) ? 'changed' : '',
      domAttributes: {
        'aria-level': row.depth + 1,
        'aria-expanded': row.hasChildren ? row.expanded : undefined,
        'aria-selected': row.name === selected,
        'aria-describedby': `${nodeDescriptionId(row.name)} ${nodeDescriptionId(row.name)}-from`,
      },
      data: {
        row,
        after: after.get(row.name),
        changed: changed.has(row.name),
        selected: row.name === selected,
      },
    }));
  }, [rows, positions, after, changed, selected]);
  const edges = useMemo<Edge[]>(() => {
    const shown = new Set(rows.map(r => r.name));
    return rows
      .filter(r => r.parent !== null && shown.has(r.parent))
      .map(r => ({
        id: `${r.parent}>${r.name}`,
        source: r.parent as string,
        target: r.name,
        type: 'smoothstep',
        focusable: false,
        className: changed.has(r.name) ? 'changed' : '',
      }));
  }, [rows, changed]);

  // React Flow measures nodes through onNodesChange; the layout stays ours.
  const [nodes, setNodes] = useState<EquipmentFlowNode[]>([]);
  useEffect(() => setNodes(computed), [computed]);
  const onNodesChange = useCallback(
    (changes: NodeChange<EquipmentFlowNode>[]) => setNodes(ns => applyNodeChanges(changes, ns)),
    [],
  );

  // A click handler also makes React Flow let pointer events reach the (non-draggable) nodes.
  const onNodeClick = useCallback(
    (_e: unknown, n: EquipmentFlowNode) => useTreeStore.getState().select(n.data.row),
    [],
  );

  // Re-fit when the set of visible nodes changes (expand, collapse, another context), not on every badge.
  const instance = useRef<ReactFlowInstance<EquipmentFlowNode> | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const shape = rows.map(r => r.name).join('\n');
  const place = useCallback(() => {
    const i = instance.current;
    const el = box.current;
    if (!i || !el || !positions || positions.length === 0) return;
    let w = 0;
    let h = 0;
    for (let k = 0; k < positions.length; k += 2) {
      w = Math.max(w, (positions[k] ?? 0) + NODE_WIDTH);
      h = Math.max(h, (positions[k + 1] ?? 0) + NODE_HEIGHT);
    }
    // Fitting a tall tree would shrink the text below legibility: open at a readable zoom at the top
    // left (the root, see tree-layout.ts) and let the user scroll (panOnScroll) instead.
    const fit = Math.min(el.clientWidth / w, el.clientHeight / h);
    if (fit >= MIN_READABLE_ZOOM) void i.fitView(fitOptions);
    else void i.setViewport({ x: 12, y: 12, zoom: READABLE_ZOOM });
  }, [positions]);
  useEffect(() => {
    const id = requestAnimationFrame(place);
    return () => cancelAnimationFrame(id);
  }, [shape, place]);

  // React Flow marks its wrapper role=application (not configurable), which would sit between the
  // tree and its items, and puts its zoom buttons beside the nodes. So the tree is the element that
  // holds only the nodes, and the wrapper loses the application role (React does not set it again
  // while it is unchanged). Screen readers then read a tree of named, levelled items.
  useEffect(() => {
    const el = box.current;
    el?.querySelector('.react-flow')?.removeAttribute('role');
    const items = el?.querySelector('.react-flow__nodes');
    items?.setAttribute('role', 'tree');
    items?.setAttribute('aria-label', 'Equipment tree');
  });

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (!(e.target instanceof HTMLElement) || !e.target.classList.contains('react-flow__node'))
      return;
    const name = e.target.dataset['id'];
    const row = name === undefined ? undefined : rows.find(r => r.name === name);
    if (!row) return;
    const store = useTreeStore.getState();
    if (e.key === 'Enter' || e.key === ' ') store.select(row);
    else if (e.key === 'ArrowRight' && row.hasChildren && !row.expanded) void store.toggle(row);
    else if (e.key === 'ArrowLeft' && row.hasChildren && row.expanded) void store.toggle(row);
    else return;
    e.preventDefault();
  };

  return (
    // Keys on a focused node (React Flow's node is the tree item): Enter selects it, the arrows
    // expand and collapse it, as in a tree.
    <div ref={box} className="tree-flow" onKeyDown={onKeyDown}>
      <ReactFlow<EquipmentFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        onInit={i => {
          instance.current = i;
          place();
        }}
        panOnScroll
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        minZoom={0.05}
        maxZoom={1.5}
        proOptions={proOptions}
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
