/**
 * Tidy-tree layout of the visible equipment rows with d3-hierarchy (style.md §3.4, performance.md §4.2:
 * 7 ms at 1,000 nodes, 286 ms at 100,000, where dagre and elkjs take seconds). Framework-free so it
 * runs unchanged in the layout worker. Depth goes left to right, siblings top to bottom, so wide
 * levels (a Line with many Assets) grow downwards where the view scrolls, not sideways; parents sit
 * level with their first child.
 *
 * @example
 * const xy = layoutTree([{ name: 'Site', parent: null }, { name: 'Line1', parent: 'Site' }]);
 * // Float64Array [x0, y0, x1, y1]: Site at (0, 0), Line1 one column to the right
 */
import { stratify, tree } from 'd3-hierarchy';

export type LayoutRow = { name: string; parent: string | null };

export const NODE_WIDTH = 212;
export const NODE_HEIGHT = 78;
const COLUMN = NODE_WIDTH + 32;
const ROW = NODE_HEIGHT + 10;
/** A name no equipment can have: the forest's roots hang below it. */
const VIRTUAL_ROOT = '\u0000forest';

/** Positions (x, y pairs in input order) of the rows; a row whose parent is not among them is a root. */
export function layoutTree(rows: readonly LayoutRow[]): Float64Array {
  const out = new Float64Array(rows.length * 2);
  if (rows.length === 0) return out;
  const present = new Set(rows.map(r => r.name));
  const data = [{ id: VIRTUAL_ROOT, parentId: null as string | null, i: -1 }];
  rows.forEach((r, i) =>
    data.push({
      id: r.name,
      parentId: r.parent !== null && present.has(r.parent) ? r.parent : VIRTUAL_ROOT,
      i,
    }),
  );
  const root = stratify<(typeof data)[number]>()
    .id(d => d.id)
    .parentId(d => d.parentId)(data);
  // Siblings of one parent sit one row apart; different parents one and a half, so subtrees read as blocks.
  tree<(typeof data)[number]>()
    .nodeSize([ROW, COLUMN])
    .separation((a, b) => (a.parent === b.parent ? 1 : 1.5))(root);
  // Top-align each parent with its first child (instead of centring it over its children): a Line with
  // hundreds of Assets then keeps its name at the top of its block, where the view opens.
  root.eachAfter(n => {
    const first = n.children?.[0];
    if (first && n.data.i >= 0) n.x = first.x;
  });
  let minY = Infinity;
  root.each(n => {
    if (n.data.i >= 0) minY = Math.min(minY, n.x ?? 0);
  });
  root.each(n => {
    if (n.data.i < 0) return;
    out[n.data.i * 2] = (n.depth - 1) * COLUMN;
    out[n.data.i * 2 + 1] = (n.x ?? 0) - minY;
  });
  return out;
}
