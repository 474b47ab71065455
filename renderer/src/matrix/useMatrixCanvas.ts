/**
 * The heatmap's drawing loop: fetches the tiles (graph:matrix-cells) the viewport needs, paints the
 * visible window on the next animation frame (paint.ts), and reports when the first complete paint
 * of the current axes happened. Tiles fetched for older axes are dropped.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MatrixAxes, MatrixCode } from '../../../shared/graph';
import type { AppState } from '../stores/app-store';
import { matrixGeometry, TILE_THINGS, TILE_USERS, type Geometry } from './matrix-geometry';
import { paintMatrix, tilesFor, type CellPos, type TileView } from './paint';
import { TileCache } from './tile-cache';

/** One fetched window: its codes and the indices of its cells with an override. */
type Tile = TileView;

/**
 * Tiles kept at most (64 users x 32 Things each, about 10,000 cells): many screens' worth at any
 * window size, a few MB at most, however far the matrix is scrolled.
 */
export const MAX_TILES = 600;

export function useMatrixCanvas(
  axes: MatrixAxes | null,
  focus: CellPos | null,
  run: AppState['run'],
  onError: (message: string) => void,
) {
  const tiles = useRef(new TileCache<Tile | 'pending'>(MAX_TILES));
  const scroller = useRef<HTMLDivElement | null>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const readyAt = useRef<number | null>(null);
  const frame = useRef(0);
  const [paintMs, setPaintMs] = useState<number | null>(null);
  // Tile calls in flight: the view's own indicator (they stay out of the top bar's, so scrolling
  // does not re-render the app shell once per tile).
  const inFlight = useRef(0);
  // Replies for older axes (or a project closed meanwhile, whose replies never come) do not count.
  const generation = useRef(0);
  const [fetching, setFetching] = useState(false);
  const countInFlight = useCallback((delta: number) => {
    inFlight.current += delta;
    if (canvas.current) canvas.current.dataset.pendingTiles = String(inFlight.current);
    if (inFlight.current === 0 || (delta > 0 && inFlight.current === 1))
      setFetching(inFlight.current > 0);
  }, []);
  const geometry: Geometry = useMemo(() => matrixGeometry(axes?.kinds.length ?? 1), [axes]);
  const axesRef = useRef<MatrixAxes | null>(null);

  // New axes: forget the tiles and time the first complete paint again.
  useEffect(() => {
    axesRef.current = axes;
    tiles.current.clear();
    setPaintMs(null);
    generation.current++;
    inFlight.current = 0;
    setFetching(false);
    readyAt.current = axes ? performance.now() : null;
  }, [axes]);

  /** The fetched tile of a cell and the cell's index in it, or undefined while it loads. */
  const locate = useCallback(
    (row: number, thing: number, kind: number): { tile: Tile; i: number } | undefined => {
      if (!axes) return undefined;
      const ti = Math.floor(row / TILE_USERS);
      const tj = Math.floor(thing / TILE_THINGS);
      const tile = tiles.current.get(`${ti}:${tj}`);
      if (!tile || tile === 'pending') return undefined;
      const width = Math.min(TILE_THINGS, axes.things.length - tj * TILE_THINGS);
      const k = axes.kinds.length;
      return { tile, i: ((row - ti * TILE_USERS) * width + (thing - tj * TILE_THINGS)) * k + kind };
    },
    [axes],
  );

  const codeAt = useCallback(
    (row: number, thing: number, kind: number): MatrixCode | 'pending' => {
      const at = locate(row, thing, kind);
      return at ? ((at.tile.cells[at.i] ?? 'pending') as MatrixCode) : 'pending';
    },
    [locate],
  );

  /** True when a named characteristic of the cell's Thing answers otherwise than `*` (an override). */
  const overrideAt = useCallback(
    (row: number, thing: number, kind: number): boolean => {
      const at = locate(row, thing, kind);
      return at !== undefined && at.tile.overrides.has(at.i);
    },
    [locate],
  );

  /** The tile for the painter: one cache touch per visible tile and paint, not one per cell. */
  const tileAt = useCallback((ti: number, tj: number): Tile | undefined => {
    const tile = tiles.current.get(`${ti}:${tj}`);
    return tile === 'pending' ? undefined : tile;
  }, []);

  const drawRef = useRef<() => void>(() => undefined);
  const schedule = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => drawRef.current());
  }, []);

  const fetchTile = useCallback(
    (current: MatrixAxes, ti: number, tj: number) => {
      const key = `${ti}:${tj}`;
      tiles.current.set(key, 'pending');
      countInFlight(1);
      const asked = generation.current;
      const users = current.users.slice(ti * TILE_USERS, (ti + 1) * TILE_USERS);
      const things = current.things.slice(tj * TILE_THINGS, (tj + 1) * TILE_THINGS);
      void run(
        'graph:matrix-cells',
        { users, things, kinds: current.kinds },
        { quiet: true, background: true },
      ).then(r => {
        if (asked !== generation.current) return;
        countInFlight(-1);
        if (current !== axesRef.current) return;
        if (r.ok)
          tiles.current.set(key, {
            cells: r.value.cells,
            overrides: new Set(r.value.overrides),
          });
        else {
          tiles.current.delete(key);
          onError(r.error.message);
        }
        schedule();
      });
    },
    [run, onError, schedule, countInFlight],
  );

  drawRef.current = () => {
    const el = scroller.current;
    const cv = canvas.current;
    if (!el || !cv || !axes) return;
    const dpr = window.devicePixelRatio || 1;
    const width = el.clientWidth;
    const height = el.clientHeight;
    if (cv.width !== Math.round(width * dpr) || cv.height !== Math.round(height * dpr)) {
      cv.width = Math.round(width * dpr);
      cv.height = Math.round(height * dpr);
      cv.style.width = `${width}px`;
      cv.style.height = `${height}px`;
    }
    const ctx = cv.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const view = { width, height, left: el.scrollLeft, top: el.scrollTop };
    const started = performance.now();
    const { pending, rows, things } = paintMatrix(ctx, geometry, axes, view, tileAt, focus);
    // For the UI benchmark (bench/ui/run.ts): the last paint's duration and the cache's size.
    cv.dataset.paintMs = (performance.now() - started).toFixed(2);
    cv.dataset.tiles = String(tiles.current.size);
    if (pending === 0 && readyAt.current !== null && rows.last >= rows.first) {
      setPaintMs(performance.now() - readyAt.current);
      readyAt.current = null;
    }
    if (pending > 0)
      for (const { ti, tj } of tilesFor(rows, things, TILE_USERS, TILE_THINGS))
        if (!tiles.current.has(`${ti}:${tj}`)) fetchTile(axes, ti, tj);
  };

  useEffect(() => {
    schedule();
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(schedule);
    ro.observe(el);
    return () => ro.disconnect();
  }, [axes, focus, geometry, schedule]);

  return { scroller, canvas, geometry, codeAt, overrideAt, schedule, paintMs, fetching };
}
