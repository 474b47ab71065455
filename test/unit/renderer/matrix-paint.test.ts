/**
 * The matrix painter (renderer/src/matrix/paint.ts) colours every visible cell as its tile says,
 * grey while a tile loads (counted as pending), hatches override cells, and reads each visible tile
 * once per paint, not once per cell.
 */
import { describe, expect, it } from 'vitest';
import type { MatrixAxes } from '../../../shared/graph';
import {
  CELL_W,
  CODE_COLOURS,
  LEFT,
  matrixGeometry,
  ROW_H,
  TILE_THINGS,
  TILE_USERS,
  TOP,
} from '../../../renderer/src/matrix/matrix-geometry';
import { paintMatrix, type PaintContext, type TileView } from '../../../renderer/src/matrix/paint';

/** A 2D context that records the colour each cell-sized rectangle was filled with. */
function recordingContext() {
  const fills = new Map<string, string>();
  let path: [number, number][] = [];
  let clipped = 0;
  const ctx: PaintContext = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textBaseline: 'alphabetic',
    clearRect: () => undefined,
    fillRect: () => undefined,
    strokeRect: () => undefined,
    fillText: () => undefined,
    save: () => undefined,
    restore: () => undefined,
    translate: () => undefined,
    rotate: () => undefined,
    moveTo: () => undefined,
    lineTo: () => undefined,
    stroke: () => undefined,
    beginPath: () => {
      path = [];
    },
    rect: (x: number, y: number, w: number) => {
      if (w === CELL_W - 1) path.push([x, y]);
    },
    clip: () => {
      if (path.length === 1) clipped++;
    },
    fill: () => {
      for (const [x, y] of path) fills.set(`${x},${y}`, String(ctx.fillStyle));
    },
  };
  return { ctx, fills, hatches: () => clipped };
}

const axes = (users: number, things: number): MatrixAxes =>
  ({
    users: Array.from({ length: users }, (_, i) => `u${i}`),
    things: Array.from({ length: things }, (_, i) => `t${i}`),
    kinds: ['PropertyRead', 'PropertyWrite'],
  }) as MatrixAxes;

describe('matrix painter', () => {
  it('fills each cell with its tile code, pending where the tile is not there, each tile read once', () => {
    const a = axes(TILE_USERS + 10, TILE_THINGS + 5);
    const g = matrixGeometry(2);
    const k = 2;
    // Tile (0,0) loaded: cell (r, t, j) is '2' when (r + t + j) is even, '3' otherwise; (1,0) has an
    // override on its first cell; the tiles of the second Thing block are still loading.
    const tile = (ti: number): TileView => {
      let cells = '';
      const rows = ti === 0 ? TILE_USERS : 10;
      for (let r = 0; r < rows; r++)
        for (let t = 0; t < TILE_THINGS; t++)
          for (let j = 0; j < k; j++) cells += (r + t + j) % 2 === 0 ? '2' : '3';
      return { cells, overrides: new Set(ti === 1 ? [0] : []) };
    };
    const reads: string[] = [];
    const { ctx, fills, hatches } = recordingContext();
    const view = { width: 4000, height: 4000, left: 0, top: 0 };
    const r = paintMatrix(
      ctx,
      g,
      a,
      view,
      (ti, tj) => {
        reads.push(`${ti}:${tj}`);
        return tj === 0 ? tile(ti) : undefined;
      },
      null,
    );
    expect(reads.sort()).toEqual(['0:0', '0:1', '1:0', '1:1']);
    const at = (row: number, thing: number, kind: number) =>
      fills.get(`${LEFT + thing * g.blockW + kind * CELL_W},${TOP + row * ROW_H + 1}`);
    expect(at(0, 0, 0)).toBe(CODE_COLOURS['2']);
    expect(at(0, 0, 1)).toBe(CODE_COLOURS['3']);
    expect(at(TILE_USERS + 3, 7, 0)).toBe(CODE_COLOURS['2']);
    expect(at(5, TILE_THINGS + 2, 1)).toBe(CODE_COLOURS.pending);
    expect(fills.size).toBe((TILE_USERS + 10) * (TILE_THINGS + 5) * k);
    expect(r.pending).toBe((TILE_USERS + 10) * 5 * k);
    expect(hatches()).toBe(1);
  });
});
