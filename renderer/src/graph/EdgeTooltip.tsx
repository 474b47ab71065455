/** The hovered edge's meaning in ThingWorx, next to the pointer (BloodHound-style edge help). */
import type { GraphEdge } from '../../../shared/graph';
import { edgeTitle } from './edge-style';

export type Hover = { edge: GraphEdge; x: number; y: number };

/** Kept inside the pane: right of and below the pointer, above it in the lower half. */
export function EdgeTooltip({
  hover,
  pane,
}: {
  hover: Hover;
  pane: { width: number; height: number };
}) {
  const left = Math.max(8, Math.min(hover.x + 14, pane.width - 348));
  const y = Math.max(0, Math.min(hover.y, pane.height));
  const place = y > pane.height / 2 ? { bottom: pane.height - y + 14 } : { top: y + 14 };
  return (
    <div className="graph-tooltip" role="tooltip" style={{ left, ...place }}>
      <b>{edgeTitle(hover.edge)}</b>
      {hover.edge.label && <div className="mono">{hover.edge.label}</div>}
      <div>{hover.edge.help}</div>
    </div>
  );
}
