/**
 * The graph's edges as React Flow draws them: stroke by meaning (deny red, dashed unless the view is
 * big), a label when the view is small enough, an accessible name, and focus by keyboard.
 */
import { MarkerType } from '@xyflow/react';
import type { FocusEvent } from 'react';
import type { GraphView } from '../../../shared/graph';
import { edgeLabel, edgeStroke } from './edge-style';
import type { EdgeRoute } from './graph-layout';
import type { RoutedFlowEdge } from './RoutedEdge';

export type EdgeLook = {
  dim(x: { id: string; mark?: string | undefined }): boolean;
  lit: ReadonlySet<string> | null;
  /** Labels on the edges (small views only). */
  labels: boolean;
  /** Past BIG_VIEW_NODES: plain strokes (dashes are repainted per dash while panning). */
  big: boolean;
};

export function flowEdges(
  view: GraphView,
  routes: (EdgeRoute | null)[],
  { dim, lit, labels, big }: EdgeLook,
  onFocus: (id: string, i: number, keyboard: boolean) => void,
): RoutedFlowEdge[] {
  return view.edges.map((e, i) => {
    const st = edgeStroke(e, dim(e));
    const label = labels ? edgeLabel(e) : undefined;
    const deny = e.kind === 'permission' && !e.allow;
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      type: 'routed' as const,
      className: [
        'graph-edge',
        `edge-${e.kind}`,
        e.kind === 'permission' ? (e.allow ? 'edge-allow' : 'edge-deny') : '',
        e.mark ? `edge-${e.mark}` : '',
      ]
        .filter(Boolean)
        .join(' '),
      style: {
        stroke: st.stroke,
        strokeWidth: st.width + (big && deny ? 0.6 : 0),
        ...(st.dash && !big ? { strokeDasharray: st.dash } : {}),
      },
      markerEnd: { type: MarkerType.ArrowClosed, color: st.stroke, width: 14, height: 14 },
      focusable: true,
      ariaLabel: `${e.kind} edge from ${e.source} to ${e.target}${e.label ? `: ${e.label}` : ''}`,
      // Tab reaches every edge: focusing one shows its help in the side panel, as a click does.
      domAttributes: {
        onFocus: (ev: FocusEvent<SVGGElement>) =>
          onFocus(e.id, i, ev.currentTarget.matches(':focus-visible')),
      },
      data: {
        route: routes[i] ?? null,
        ...(label ? { text: label } : {}),
        textColour: deny ? '#b71c1c' : '#263238',
        bold: e.mark === 'path' || (lit?.has(e.id) ?? false),
      },
    };
  });
}
