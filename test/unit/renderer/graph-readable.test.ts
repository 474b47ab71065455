// The graph's opening viewport (renderer/src/graph/readable.ts): never below the readable zoom (node
// titles >= 11 px on screen), the whole view when it fits, else its focus, kept on the content.
import { describe, expect, it } from 'vitest';
import {
  MIN_TITLE_PX,
  PRESENTER_TITLE_PX,
  READABLE_ZOOM,
  TITLE_PX,
  openingViewport,
  readableZoom,
  viewportOf,
} from '../../../renderer/src/graph/readable';

const pane = { width: 600, height: 500 };

describe('opening viewport', () => {
  it('keeps titles at 11 px or more at the readable zoom', () => {
    expect(TITLE_PX * READABLE_ZOOM).toBeGreaterThanOrEqual(MIN_TITLE_PX);
  });

  it("presenter mode's larger titles stay at 11 px or more a little further out, so more fits", () => {
    const z = readableZoom(PRESENTER_TITLE_PX);
    expect(readableZoom(TITLE_PX)).toBe(READABLE_ZOOM);
    expect(z).toBeLessThan(READABLE_ZOOM);
    expect(PRESENTER_TITLE_PX * z).toBeGreaterThanOrEqual(MIN_TITLE_PX);
    // A view that fits at 0.77 opens whole in presenter mode, on its focus otherwise.
    const all = { x: 0, y: 0, width: 300, height: 500 / (0.77 * 1.16) };
    const focus = { x: 0, y: 0, width: 200, height: 200 };
    expect(openingViewport(all, focus, { x: 0, y: 0 }, pane, z).type).toBe('fit');
    expect(openingViewport(all, focus, { x: 0, y: 0 }, pane, z)).toMatchObject({ bounds: all });
    expect(openingViewport(all, focus, { x: 0, y: 0 }, pane)).toMatchObject({ bounds: focus });
  });

  it('fits a small view whole, never enlarged past natural size', () => {
    const o = openingViewport({ x: 0, y: 0, width: 300, height: 200 }, null, { x: 0, y: 0 }, pane);
    expect(o).toMatchObject({ type: 'fit', zoom: 1 });
  });

  it('opens a view too big to fit on its focus, at the readable zoom', () => {
    const all = { x: 0, y: 0, width: 5000, height: 3000 };
    const focus = { x: 2000, y: 1000, width: 400, height: 300 };
    const o = openingViewport(all, focus, { x: 2100, y: 1050 }, pane);
    expect(o).toEqual({ type: 'fit', bounds: focus, zoom: READABLE_ZOOM });
    const vp = viewportOf(o, pane, all);
    // The focus centre lands in the pane centre.
    expect(2200 * vp.zoom + vp.x).toBeCloseTo(pane.width / 2);
    expect(1150 * vp.zoom + vp.y).toBeCloseTo(pane.height / 2);
  });

  it('centres on the anchor when even the focus is too big, and leaves no empty band above the content', () => {
    const all = { x: 0, y: 0, width: 5000, height: 3000 };
    const focus = { x: 0, y: 0, width: 5000, height: 3000 };
    const o = openingViewport(all, focus, { x: 2500, y: 24 }, pane);
    expect(o).toMatchObject({ type: 'centre', zoom: READABLE_ZOOM });
    const vp = viewportOf(o, pane, all);
    // The anchor is at the top of the layout: the content's top edge stays near the pane's top.
    expect(vp.y).toBeLessThanOrEqual(24);
    expect(0 * vp.zoom + vp.y).toBeGreaterThanOrEqual(0);
    expect(2500 * vp.zoom + vp.x).toBeCloseTo(pane.width / 2);
  });
});
