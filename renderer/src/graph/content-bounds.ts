/**
 * Bounds of a laid-out view in flow coordinates: the nodes and the edge labels (centred on their
 * layout point), optionally only some of them (the focus part a view opens on).
 *
 * @example
 * contentBounds(view, positions, routes, true); // { x, y, width, height } or null when nothing matched
 */
import type { GraphView } from '../../../shared/graph';
import { edgeLabel } from './edge-style';
import type { EdgeRoute } from './graph-layout';
import { NODE_HEIGHT, NODE_WIDTH, labelWidth } from './graph-layout';
import type { Box } from './readable';

export function contentBounds(
  view: GraphView,
  positions: Float64Array,
  routes: (EdgeRoute | null)[],
  withLabels: boolean,
  only?: (id: string) => boolean,
): Box | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const add = (ax: number, ay: number, bx: number, by: number): void => {
    x0 = Math.min(x0, ax);
    y0 = Math.min(y0, ay);
    x1 = Math.max(x1, bx);
    y1 = Math.max(y1, by);
  };
  view.nodes.forEach((n, i) => {
    if (only && !only(n.id)) return;
    add(
      positions[i * 2] ?? 0,
      positions[i * 2 + 1] ?? 0,
      (positions[i * 2] ?? 0) + NODE_WIDTH,
      (positions[i * 2 + 1] ?? 0) + NODE_HEIGHT,
    );
  });
  if (withLabels) {
    view.edges.forEach((e, i) => {
      if (only && !only(e.id)) return;
      const at = routes[i]?.label;
      const text = edgeLabel(e);
      if (!at || !text) return;
      const half = labelWidth(text) / 2;
      add(at.x - half, at.y - 10, at.x + half, at.y + 10);
    });
  }
  return x0 === Infinity ? null : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
