/**
 * Paints the visible window of the access matrix on a 2D canvas, framework-free: cells coloured by
 * outcome (hatched where a named characteristic answers otherwise, an override), the user names down the left and the Thing names across the top (both stay in place while
 * the cells scroll), and an outline around the keyboard-focused cell.
 *
 * @example
 * const { pending } = paintMatrix(ctx, g, axes, { width, height, left, top }, tileAt, null);
 */
import type { MatrixAxes, MatrixCode } from '../../../shared/graph';
import type { Geometry, Range } from './matrix-geometry';
import {
  CELL_W,
  CODE_COLOURS,
  LEFT,
  OVERRIDE_STRIPE,
  ROW_H,
  TILE_THINGS,
  TILE_USERS,
  TOP,
  visibleRanges,
} from './matrix-geometry';

export type CodeAt = (row: number, thing: number, kind: number) => MatrixCode | 'pending';
export type OverrideAt = (row: number, thing: number, kind: number) => boolean;
export type CellPos = { row: number; thing: number; kind: number };
export type Viewport = { width: number; height: number; left: number; top: number };
/** One fetched tile: a code per cell (row-major, kinds innermost) and the indices with an override. */
export type TileView = { cells: string; overrides: ReadonlySet<number> };
/** The fetched tile (row block `ti`, Thing block `tj`), or undefined while it loads. */
export type TileAt = (ti: number, tj: number) => TileView | undefined;
/** The part of a canvas 2D context the painter uses. */
export type PaintContext = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'font'
  | 'textBaseline'
  | 'clearRect'
  | 'fillRect'
  | 'strokeRect'
  | 'fillText'
  | 'save'
  | 'restore'
  | 'translate'
  | 'rotate'
  | 'beginPath'
  | 'rect'
  | 'clip'
  | 'fill'
  | 'moveTo'
  | 'lineTo'
  | 'stroke'
>;

const FONT = '11px system-ui, "DejaVu Sans", sans-serif';
const INK = '#263238';
const HEADER_BG = '#fafafa';
const CODES = Object.keys(CODE_COLOURS) as (MatrixCode | 'pending')[];

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function paintMatrix(
  ctx: PaintContext,
  g: Geometry,
  axes: MatrixAxes,
  v: Viewport,
  tileAt: TileAt,
  focus: CellPos | null,
): { pending: number; rows: Range; things: Range } {
  ctx.clearRect(0, 0, v.width, v.height);
  const { rows, things } = visibleRanges(
    g,
    { left: v.left, top: v.top },
    { width: v.width, height: v.height },
    { users: axes.users.length, things: axes.things.length },
  );
  const k = axes.kinds.length;
  let pending = 0;
  // Cells are gathered per colour and filled as one path per colour: a screen holds about 10,000
  // cells, and setting the fill style and filling cell by cell (or touching the tile cache per cell)
  // cost more than a 60 fps frame allows. Each visible tile is looked up once.
  const byCode = new Map<MatrixCode | 'pending', number[]>(CODES.map(c => [c, []]));
  const hatched: number[] = [];
  for (const { ti, tj } of tilesFor(rows, things, TILE_USERS, TILE_THINGS)) {
    const tile = tileAt(ti, tj);
    const width = Math.min(TILE_THINGS, axes.things.length - tj * TILE_THINGS);
    const r0 = Math.max(rows.first, ti * TILE_USERS);
    const r1 = Math.min(rows.last, (ti + 1) * TILE_USERS - 1);
    const t0 = Math.max(things.first, tj * TILE_THINGS);
    const t1 = Math.min(things.last, (tj + 1) * TILE_THINGS - 1);
    for (let r = r0; r <= r1; r++) {
      const y = TOP + r * ROW_H - v.top + 1;
      for (let t = t0; t <= t1; t++) {
        const x0 = LEFT + t * g.blockW - v.left;
        const base = ((r - ti * TILE_USERS) * width + (t - tj * TILE_THINGS)) * k;
        for (let j = 0; j < k; j++) {
          const x = x0 + j * CELL_W;
          const code = tile ? ((tile.cells[base + j] ?? 'pending') as MatrixCode) : 'pending';
          if (code === 'pending') pending++;
          else if (tile?.overrides.has(base + j)) hatched.push(x, y);
          byCode.get(code)?.push(x, y);
        }
      }
    }
  }
  ctx.save();
  ctx.beginPath();
  ctx.rect(LEFT, TOP, v.width - LEFT, v.height - TOP);
  ctx.clip();
  for (const [code, xy] of byCode) {
    if (xy.length === 0) continue;
    ctx.fillStyle = CODE_COLOURS[code];
    ctx.beginPath();
    for (let i = 0; i < xy.length; i += 2)
      ctx.rect(xy[i] as number, xy[i + 1] as number, CELL_W - 1, ROW_H - 2);
    ctx.fill();
  }
  for (let i = 0; i < hatched.length; i += 2)
    hatch(ctx, hatched[i] as number, hatched[i + 1] as number);
  if (focus) {
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 2;
    ctx.strokeRect(
      LEFT + focus.thing * g.blockW + focus.kind * CELL_W - v.left - 1,
      TOP + focus.row * ROW_H - v.top,
      CELL_W + 1,
      ROW_H,
    );
  }
  ctx.restore();
  paintRowHeaders(ctx, axes, v, rows, focus);
  paintColumnHeaders(ctx, g, axes, v, things);
  ctx.fillStyle = INK;
  ctx.font = `bold ${FONT}`;
  ctx.fillText('user \\ Thing', 6, TOP - 10);
  return { pending, rows, things };
}

/**
 * Hatches one cell: white diagonal stripes over its colour, so "this answer holds for `*` but a named
 * characteristic answers otherwise" reads at a glance without a second colour scale.
 */
function hatch(ctx: PaintContext, x: number, y: number) {
  const w = CELL_W - 1;
  const h = ROW_H - 2;
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.strokeStyle = OVERRIDE_STRIPE;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (let d = -h; d < w; d += 4) {
    ctx.moveTo(x + d, y + h);
    ctx.lineTo(x + d + h, y);
  }
  ctx.stroke();
  ctx.restore();
}

function paintRowHeaders(
  ctx: PaintContext,
  axes: MatrixAxes,
  v: Viewport,
  rows: Range,
  focus: CellPos | null,
) {
  ctx.fillStyle = HEADER_BG;
  ctx.fillRect(0, TOP, LEFT - 4, v.height - TOP);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  for (let r = rows.first; r <= rows.last; r++) {
    const y = TOP + r * ROW_H - v.top + ROW_H / 2;
    if (y < TOP) continue;
    ctx.font = focus?.row === r ? `bold ${FONT}` : FONT;
    ctx.fillStyle = INK;
    ctx.fillText(clip(axes.users.at(r) ?? '', 22), 6, y);
  }
  ctx.font = FONT;
}

function paintColumnHeaders(
  ctx: PaintContext,
  g: Geometry,
  axes: MatrixAxes,
  v: Viewport,
  things: Range,
) {
  const k = axes.kinds.length;
  ctx.fillStyle = HEADER_BG;
  ctx.fillRect(LEFT, 0, v.width - LEFT, TOP - 2);
  ctx.save();
  ctx.beginPath();
  ctx.rect(LEFT, 0, v.width - LEFT, TOP);
  ctx.clip();
  for (let t = things.first; t <= things.last; t++) {
    const x = LEFT + t * g.blockW - v.left;
    ctx.save();
    ctx.translate(x + (k * CELL_W) / 2, TOP - 18);
    ctx.rotate(-Math.PI / 3);
    ctx.fillStyle = INK;
    ctx.fillText(clip(axes.things.at(t) ?? '', 18), 0, 0);
    ctx.restore();
  }
  ctx.restore();
}

/** The tiles (row block, Thing block) a window of rows and Things needs. */
export function tilesFor(
  rows: Range,
  things: Range,
  tileUsers: number,
  tileThings: number,
): { ti: number; tj: number }[] {
  const out: { ti: number; tj: number }[] = [];
  for (let ti = Math.floor(rows.first / tileUsers); ti <= Math.floor(rows.last / tileUsers); ti++)
    for (
      let tj = Math.floor(things.first / tileThings);
      tj <= Math.floor(things.last / tileThings);
      tj++
    )
      out.push({ ti, tj });
  return out;
}

/** Moves a focused cell by an arrow key: columns run over every kind of every Thing. */
export function moveFocus(
  f: CellPos,
  key: string,
  counts: { users: number; things: number; kinds: number },
): CellPos | null {
  const col = f.thing * counts.kinds + f.kind;
  const cols = counts.things * counts.kinds;
  let row = f.row;
  let c = col;
  if (key === 'ArrowUp') row--;
  else if (key === 'ArrowDown') row++;
  else if (key === 'ArrowLeft') c--;
  else if (key === 'ArrowRight') c++;
  else if (key === 'Home') c = 0;
  else if (key === 'End') c = cols - 1;
  else if (key === 'PageUp') row -= 10;
  else if (key === 'PageDown') row += 10;
  else return null;
  row = Math.max(0, Math.min(counts.users - 1, row));
  c = Math.max(0, Math.min(cols - 1, c));
  return { row, thing: Math.floor(c / counts.kinds), kind: c % counts.kinds };
}
