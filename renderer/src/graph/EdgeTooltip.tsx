/** The hovered edge's meaning in ThingWorx, next to the pointer (BloodHound-style edge help). */
import type { GraphEdge } from '../../../shared/graph';
import { edgeTitle } from './edge-style';

export type Hover = { edge: GraphEdge; x: number; y: number };

/** What the hovered edge means in ThingWorx, next to the pointer (kept inside the pane). */
export function EdgeTooltip({ hover, width }: { hover: Hover; width: number }) {
  const left = Math.max(8, Math.min(hover.x + 14, width - 348));
  return (
    <div className="graph-tooltip" role="tooltip" style={{ left, top: hover.y + 14 }}>
      <b>{edgeTitle(hover.edge)}</b>
      {hover.edge.label && <div className="mono">{hover.edge.label}</div>}
      <div>{hover.edge.help}</div>
    </div>
  );
}
