/**
 * Where the graph opens (docs/architecture.md "Views"): never below a readable zoom, on the lit
 * route, else a 404's gap (the user, the entity, the missing link), else the decision path or the
 * shortest routes, else the focus with its neighbours.
 */
import type { GraphView } from '../../../shared/graph';
import { contentBounds } from './content-bounds';
import type { EdgeRoute } from './graph-layout';
import { NODE_HEIGHT, NODE_WIDTH } from './graph-layout';
import { fitZoom, openingViewport, viewportOf } from './readable';
import type { Box } from './readable';

export type OpeningInput = {
  view: GraphView;
  positions: Float64Array;
  routes: (EdgeRoute | null)[];
  labels: boolean;
  lit: ReadonlySet<string> | null;
  onPath: boolean;
};

/** The viewport the graph opens at in a pane of this size, or null for an empty view. */
export function openingView(
  { view, positions, routes, labels, lit, onPath }: OpeningInput,
  pane: { width: number; height: number },
  minZoom: number,
): { x: number; y: number; zoom: number } | null {
  const all = contentBounds(view, positions, routes, labels);
  if (!all) return null;
  // The focus part: the lit route, else a 404's gap (the user, the entity, the missing link),
  // else the decision path / shortest routes, else the focus node.
  const gap = view.edges.find(e => e.kind === 'gap');
  const focusIds = new Set(
    gap && !lit
      ? [gap.source, gap.target, gap.id]
      : [...view.nodes, ...view.edges]
          .filter(x => (lit ? lit.has(x.id) : onPath ? x.mark === 'path' : 'focus' in x && x.focus))
          .map(x => x.id),
  );
  let focus = contentBounds(view, positions, routes, labels, id => focusIds.has(id));
  if (!gap && !lit && !onPath) focus = neighbourhoodBox(view, positions, pane, minZoom) ?? focus;
  // The anchor: where the question starts (the user of a decision path), else the focus.
  const user = view.summary
    ? view.nodes.findIndex(n => n.kind === 'user' && n.mark === 'path')
    : -1;
  const at = Math.max(0, user >= 0 ? user : view.nodes.findIndex(n => n.focus));
  // A 404 too wide to fit opens on the middle of its gap, where the missing link is labelled.
  const anchor =
    gap && focus && !lit
      ? { x: focus.x + focus.width / 2, y: focus.y + focus.height / 2 }
      : {
          x: (positions[at * 2] ?? 0) + NODE_WIDTH / 2,
          y: (positions[at * 2 + 1] ?? 0) + NODE_HEIGHT / 2,
        };
  return viewportOf(openingViewport(all, focus, anchor, pane, minZoom), pane, all);
}

/**
 * A focus view opens on the focus with its direct neighbours when they fit readably, else with the
 * nearest one (a size-M user's groups spread wider than any pane): never on a lone node.
 */
function neighbourhoodBox(
  view: GraphView,
  positions: Float64Array,
  pane: { width: number; height: number },
  minZoom: number,
): Box | null {
  const at = view.nodes.findIndex(n => n.focus);
  const focus = view.nodes[at];
  if (!focus) return null;
  const index = new Map(view.nodes.map((n, i) => [n.id, i]));
  const near = new Set<number>();
  for (const e of view.edges) {
    if (e.source === focus.id) near.add(index.get(e.target) ?? -1);
    if (e.target === focus.id) near.add(index.get(e.source) ?? -1);
  }
  near.delete(-1);
  const box = (ids: number[]): Box => {
    const xs = ids.map(i => positions[i * 2] ?? 0);
    const ys = ids.map(i => positions[i * 2 + 1] ?? 0);
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    return {
      x,
      y,
      width: Math.max(...xs) + NODE_WIDTH - x,
      height: Math.max(...ys) + NODE_HEIGHT - y,
    };
  };
  const all = box([at, ...near]);
  if (near.size === 0 || fitZoom(all, pane) >= minZoom) return all;
  const fx = positions[at * 2] ?? 0;
  const fy = positions[at * 2 + 1] ?? 0;
  const dist = (i: number) =>
    Math.hypot((positions[i * 2] ?? 0) - fx, (positions[i * 2 + 1] ?? 0) - fy);
  const nearest = [...near].sort((a, b) => dist(a) - dist(b))[0] as number;
  return box([at, nearest]);
}
