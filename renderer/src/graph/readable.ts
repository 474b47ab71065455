/**
 * The graph is never drawn below a readable zoom: node titles are `TITLE_PX` in flow units, so at
 * `READABLE_ZOOM` they are at least `MIN_TITLE_PX` on screen. A view that does not fit at that zoom
 * opens on its focus (the focused element, or the decision path / the routes found) and is panned,
 * with the minimap to find the rest.
 *
 * @example
 * openingViewport(all, focus, anchor, { width: 900, height: 600 }); // { type: 'fit', bounds: all } or a centre
 */
export const TITLE_PX = 14;
export const MIN_TITLE_PX = 11;
/** 11 / 14 = 0.786, rounded up: titles land at 11.2 px. */
export const READABLE_ZOOM = 0.8;
/**
 * Presenter mode draws titles at this size (styles.css, `.app.presenter .graph-node-label`: keep the
 * two equal), so a smaller zoom still leaves them at `MIN_TITLE_PX` and more of a view fits the room's screen.
 */
export const PRESENTER_TITLE_PX = 15;

/** The smallest zoom at which titles of `titlePx` (flow units) are still `MIN_TITLE_PX` on screen. */
export const readableZoom = (titlePx: number): number =>
  titlePx === TITLE_PX ? READABLE_ZOOM : Math.ceil((MIN_TITLE_PX / titlePx) * 100) / 100;

/** The opening zoom never enlarges past natural size. */
export const MAX_OPEN_ZOOM = 1;
const PADDING = 0.08;

export type Box = { x: number; y: number; width: number; height: number };
export type Opening =
  | { type: 'fit'; bounds: Box; zoom: number }
  | { type: 'centre'; x: number; y: number; zoom: number };

/** The zoom that fits `b` in the pane with padding, at most MAX_OPEN_ZOOM. */
export function fitZoom(b: Box, pane: { width: number; height: number }): number {
  const z = Math.min(
    pane.width / (b.width * (1 + 2 * PADDING) || 1),
    pane.height / (b.height * (1 + 2 * PADDING) || 1),
  );
  return Math.min(MAX_OPEN_ZOOM, z);
}

/**
 * Where a view opens: the whole view when it fits readably; else the focus part (path or focus node)
 * when that fits; else centred on the anchor (the focus node) at the readable zoom.
 */
export function openingViewport(
  all: Box,
  focus: Box | null,
  anchor: { x: number; y: number },
  pane: { width: number; height: number },
  minZoom: number = READABLE_ZOOM,
): Opening {
  const zAll = fitZoom(all, pane);
  if (zAll >= minZoom) return { type: 'fit', bounds: all, zoom: zAll };
  if (focus) {
    const zFocus = fitZoom(focus, pane);
    // Shown at the readable zoom, not enlarged: the most context around it.
    if (zFocus >= minZoom) return { type: 'fit', bounds: focus, zoom: minZoom };
  }
  return { type: 'centre', x: anchor.x, y: anchor.y, zoom: minZoom };
}

/**
 * The viewport (React Flow's x, y, zoom) that shows `o` in a pane, kept on the content: along an axis
 * where the whole view fits it is centred, elsewhere no empty margin wider than `EDGE_PAD` opens
 * beside it (a focus at the top of the layout sits at the top of the pane, not in its middle).
 */
export function viewportOf(o: Opening, pane: { width: number; height: number }, all?: Box) {
  const cx = o.type === 'fit' ? o.bounds.x + o.bounds.width / 2 : o.x;
  const cy = o.type === 'fit' ? o.bounds.y + o.bounds.height / 2 : o.y;
  const z = o.zoom;
  const axis = (centre: number, size: number, lo: number, extent: number) => {
    const t = size / 2 - centre * z;
    if (!all) return t;
    if (extent * z + 2 * EDGE_PAD <= size) return size / 2 - (lo + extent / 2) * z;
    // Content left/top edge at most EDGE_PAD inside; right/bottom edge at least EDGE_PAD inside.
    return Math.min(EDGE_PAD - lo * z, Math.max(size - EDGE_PAD - (lo + extent) * z, t));
  };
  return {
    x: axis(cx, pane.width, all?.x ?? 0, all?.width ?? 0),
    y: axis(cy, pane.height, all?.y ?? 0, all?.height ?? 0),
    zoom: z,
  };
}

const EDGE_PAD = 24;
