/**
 * Geometry and colours of the access matrix heatmap, framework-free: where a cell is, which cell a
 * point hits, which tiles the viewport needs. Rows are users; each Thing is a block of one column per
 * kind.
 *
 * @example
 * const g = matrixGeometry(3);
 * hitCell(g, { x: 200, y: 150 }, { left: 0, top: 0 }); // { row, thing, kind } or null
 */
import type { MatrixCode } from '../../../shared/graph';

export const ROW_H = 14;
export const CELL_W = 8;
export const THING_GAP = 3;
export const LEFT = 150;
export const TOP = 120;
export const TILE_USERS = 64;
export const TILE_THINGS = 32;

export const CODE_COLOURS: Record<MatrixCode | 'pending', string> = {
  '2': '#2e7d32',
  '3': '#d32f2f',
  '4': '#90a4ae',
  '1': '#f57c00',
  u: '#7e57c2',
  pending: '#eceff1',
};

/** The stripes over a cell with an override (paint.ts `hatch`, the legend's swatch). */
export const OVERRIDE_STRIPE = 'rgba(255, 255, 255, 0.85)';

export const CODE_WORDS: Record<MatrixCode, string> = {
  '2': '200 allowed',
  '3': '403 denied',
  '4': '404 not visible',
  '1': '401 not authenticated',
  u: 'unknown',
};

export type Geometry = { kinds: number; blockW: number };

export const matrixGeometry = (kinds: number): Geometry => ({
  kinds,
  blockW: kinds * CELL_W + THING_GAP,
});

export type Range = { first: number; last: number };

/** Rows and Things (inclusive ranges) visible in a viewport of the given size at the given scroll. */
export function visibleRanges(
  g: Geometry,
  scroll: { left: number; top: number },
  size: { width: number; height: number },
  counts: { users: number; things: number },
): { rows: Range; things: Range } {
  const rows = {
    first: Math.max(0, Math.floor(scroll.top / ROW_H)),
    last: Math.min(counts.users - 1, Math.floor((scroll.top + size.height - TOP) / ROW_H)),
  };
  const things = {
    first: Math.max(0, Math.floor(scroll.left / g.blockW)),
    last: Math.min(counts.things - 1, Math.floor((scroll.left + size.width - LEFT) / g.blockW)),
  };
  return { rows, things };
}

/** The cell under a point of the viewport, or null over headers, gaps or outside. */
export function hitCell(
  g: Geometry,
  p: { x: number; y: number },
  scroll: { left: number; top: number },
  counts: { users: number; things: number },
): { row: number; thing: number; kind: number } | null {
  if (p.x < LEFT || p.y < TOP) return null;
  const row = Math.floor((p.y - TOP + scroll.top) / ROW_H);
  const x = p.x - LEFT + scroll.left;
  const thing = Math.floor(x / g.blockW);
  const kind = Math.floor((x - thing * g.blockW) / CELL_W);
  if (row < 0 || row >= counts.users || thing < 0 || thing >= counts.things || kind >= g.kinds)
    return null;
  return { row, thing, kind };
}
