/**
 * The current graph as a standalone SVG document, built from the laid-out node positions (no DOM
 * capture, no html-to-image), and as a PNG rendered from that SVG on a canvas.
 *
 * @example
 * const svg = graphToSvg(view, positions);
 * downloadText('graph.svg', svg, 'image/svg+xml');
 */
import type { GraphView } from '../../../shared/graph';
import { edgeLabel, edgeStroke } from './edge-style';
import type { EdgeRoute } from './graph-layout';
import { NODE_HEIGHT, NODE_WIDTH } from './graph-layout';
import { ICONS, KIND_COLOURS } from './icons';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function graphToSvg(
  view: GraphView,
  positions: Float64Array,
  routes: (EdgeRoute | null)[] = [],
): string {
  const at = new Map<string, { x: number; y: number }>();
  view.nodes.forEach((n, i) =>
    at.set(n.id, { x: positions[i * 2] ?? 0, y: positions[i * 2 + 1] ?? 0 }),
  );
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of at.values()) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + NODE_WIDTH);
    maxY = Math.max(maxY, p.y + NODE_HEIGHT);
  }
  if (!Number.isFinite(minX)) [minX, minY, maxX, maxY] = [0, 0, 100, 100];
  const pad = 30;
  const head = 40;
  const w = Math.ceil(maxX - minX + pad * 2);
  const h = Math.ceil(maxY - minY + pad * 2 + head);
  const dx = pad - minX;
  const dy = pad + head - minY;
  const onPath = view.nodes.some(n => n.mark === 'path');
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="system-ui, 'DejaVu Sans', sans-serif">`,
  );
  parts.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  parts.push(
    `<text x="${pad}" y="26" font-size="16" font-weight="600" fill="#263238">${esc(`PermSim · ${view.title}${view.summary ? ` · ${view.summary}` : ''}`)}</text>`,
  );
  const labels: string[] = [];
  view.edges.forEach((e, ei) => {
    const s = at.get(e.source);
    const t = at.get(e.target);
    if (!s || !t) return;
    const x1 = s.x + NODE_WIDTH / 2 + dx;
    const y1 = s.y + NODE_HEIGHT + dy;
    const x2 = t.x + NODE_WIDTH / 2 + dx;
    const y2 = t.y + dy;
    const c = Math.max(30, Math.abs(y2 - y1) / 2);
    const st = edgeStroke(e, onPath && !e.mark);
    const route = routes[ei];
    const d =
      route && route.points.length >= 4
        ? route.points.reduce(
            (acc, v, i) =>
              i % 2 === 0 ? `${acc}${i === 0 ? 'M' : ' L'}${v + dx}` : `${acc},${v + dy}`,
            '',
          )
        : `M${x1},${y1} C${x1},${y1 + c} ${x2},${y2 - c} ${x2},${y2}`;
    parts.push(
      `<path d="${d}" fill="none" stroke="${st.stroke}" stroke-width="${st.width}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''} marker-end="url(#arrow)"><title>${esc(e.help)}</title></path>`,
    );
    const label = edgeLabel(e);
    if (label) {
      const text = label;
      const mx = route?.label ? route.label.x + dx : (x1 + x2) / 2;
      const my = route?.label ? route.label.y + dy : (y1 + y2) / 2;
      const tw = text.length * 6.1 + 8;
      labels.push(
        `<rect x="${mx - tw / 2}" y="${my - 8}" width="${tw}" height="15" rx="3" fill="#ffffff" fill-opacity="0.92" stroke="${st.stroke}" stroke-width="0.6"/><text x="${mx}" y="${my + 3.5}" font-size="10.5" text-anchor="middle" fill="${e.kind === 'permission' && !e.allow ? '#b71c1c' : '#263238'}">${esc(text)}</text>`,
      );
    }
  });
  parts.push(
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#78909c"/></marker></defs>',
  );
  parts.push(...labels);
  for (const n of view.nodes) {
    const p = at.get(n.id);
    if (!p) continue;
    const x = p.x + dx;
    const y = p.y + dy;
    const colour = KIND_COLOURS[n.kind];
    const border = n.mark === 'path' ? '#0d47a1' : n.mark === 'lost' ? '#ef8f00' : '#b0bec5';
    const opacity = onPath && !n.mark ? 0.45 : 1;
    parts.push(`<g opacity="${opacity}">`);
    parts.push(
      `<rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6" fill="${n.focus ? '#e3f2fd' : '#ffffff'}" stroke="${border}" stroke-width="${n.mark === 'path' ? 2.5 : 1}"/>`,
    );
    parts.push(`<rect x="${x}" y="${y}" width="4" height="${NODE_HEIGHT}" fill="${colour}"/>`);
    parts.push(
      `<svg x="${x + 10}" y="${y + 14}" width="20" height="20" viewBox="0 0 16 16" color="${colour}" style="color:${colour}">${ICONS[n.kind]}</svg>`,
    );
    parts.push(
      `<text x="${x + 38}" y="${y + 21}" font-size="13" font-weight="600" fill="#212121">${esc(clip(n.label, 24))}</text>`,
    );
    parts.push(
      `<text x="${x + 38}" y="${y + 37}" font-size="11" fill="#546e7a">${esc(clip(n.sub, 30))}</text>`,
    );
    parts.push('</g>');
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** Renders an SVG document to a PNG blob at `scale` (2 = crisp on slides). */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the SVG could not be drawn'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(img.width * scale);
    canvas.height = Math.ceil(img.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(b => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
