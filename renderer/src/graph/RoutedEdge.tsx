/**
 * An edge drawn along the route the layered layout computed (elkjs POLYLINE), with its label where
 * the layout reserved room for it, so labels never sit on each other or on nodes. Without a route
 * (tree layout) it falls back to React Flow's bezier.
 */
import { BaseEdge, getBezierPath } from '@xyflow/react';
import type { Edge, EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { EdgeRoute } from './graph-layout';

export type RoutedFlowEdge = Edge<
  { route: EdgeRoute | null; text?: string; textColour: string; bold: boolean },
  'routed'
>;

function pathOf(points: number[]): string {
  let d = `M${points[0]},${points[1]}`;
  for (let i = 2; i + 1 < points.length; i += 2) d += ` L${points[i]},${points[i + 1]}`;
  return d;
}

function RoutedEdgeImpl(props: EdgeProps<RoutedFlowEdge>) {
  const {
    data,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    style,
    markerEnd,
    id,
  } = props;
  const route = data?.route ?? null;
  let path: string;
  let lx: number;
  let ly: number;
  if (route && route.points.length >= 4) {
    path = pathOf(route.points);
    const mid = Math.floor(route.points.length / 4) * 2;
    lx = route.label?.x ?? route.points[mid] ?? 0;
    ly = route.label?.y ?? route.points[mid + 1] ?? 0;
  } else {
    [path, lx, ly] = getBezierPath({
      sourceX,
      sourceY,
      targetX,
      targetY,
      sourcePosition,
      targetPosition,
    });
  }
  return (
    <BaseEdge
      id={id}
      path={path}
      {...(style ? { style } : {})}
      {...(markerEnd ? { markerEnd } : {})}
      {...(data?.text
        ? {
            label: data.text,
            labelX: lx,
            labelY: ly,
            labelStyle: { fill: data.textColour, fontSize: 12, fontWeight: data.bold ? 700 : 500 },
            labelShowBg: true,
            labelBgStyle: { fill: '#ffffff', fillOpacity: 0.95 },
            labelBgPadding: [4, 2] as [number, number],
            labelBgBorderRadius: 3,
          }
        : {})}
      interactionWidth={14}
    />
  );
}

export const RoutedEdge = memo(RoutedEdgeImpl);
