/**
 * A small inline SVG of who inherits from whom for the chosen users: each user, its direct groups,
 * and their parent groups up the nesting (§2.11, §6.5), drawn left to right in layers (a group sits
 * one layer right of its deepest member). Pure string building; every label is escaped, so the SVG
 * can go straight into the report HTML.
 *
 * @example
 * const g = inheritanceGraph(model, ['alice']);
 * g.edges; // [{ from: 'user:alice', to: 'group:DataAnalysts' }, { from: 'group:DataAnalysts', to: 'group:Operators' }, ...]
 * g.svg.startsWith('<svg'); // true
 */
import type { Model } from '../model/types';
import { escapeHtml } from './html-safe';
import type { GraphReport } from './types';
import { own } from '../model/own';

/** Beyond this the picture stops being readable; the report says what was left out. */
export const GRAPH_NODE_CAP = 150;

const NODE_W = 180;
const NODE_H = 24;
const COL_GAP = 60;
const ROW_GAP = 10;
const PAD = 10;
const MAX_LABEL = 24;

type Node = GraphReport['nodes'][number];

/**
 * The inheritance graph of `users` (unknown names are skipped; the caller validates them).
 *
 * @example
 * inheritanceGraph(model, ['op1', 'eng1']).nodes.map(n => n.id);
 */
export function inheritanceGraph(
  model: Model,
  users: readonly string[],
): GraphReport & { truncated: boolean } {
  const nodes = new Map<string, Node>();
  const edges: GraphReport['edges'] = [];
  const edgeKeys = new Set<string>();
  let truncated = false;
  const addNode = (id: string, kind: Node['kind'], label: string): boolean => {
    if (nodes.has(id)) return true;
    if (nodes.size >= GRAPH_NODE_CAP) {
      truncated = true;
      return false;
    }
    nodes.set(id, { id, kind, label, layer: 0 });
    return true;
  };
  const addEdge = (from: string, to: string) => {
    const k = `${from}\u0000${to}`;
    if (!edgeKeys.has(k)) {
      edgeKeys.add(k);
      edges.push({ from, to });
    }
  };

  const queue: string[] = [];
  for (const u of users) {
    const user = own(model.users, u);
    if (!user || !addNode(`user:${u}`, 'user', u)) continue;
    for (const g of user.groups) {
      if (!own(model.groups, g) || !addNode(`group:${g}`, 'group', g)) continue;
      addEdge(`user:${u}`, `group:${g}`);
      queue.push(g);
    }
  }
  const seen = new Set<string>();
  while (queue.length > 0) {
    const g = queue.shift() as string;
    if (seen.has(g)) continue;
    seen.add(g);
    for (const parent of own(model.groups, g)?.memberOf ?? []) {
      if (!own(model.groups, parent) || !addNode(`group:${parent}`, 'group', parent)) continue;
      addEdge(`group:${g}`, `group:${parent}`);
      queue.push(parent);
    }
  }

  // Longest-path layering; bounded by the node count, so a (rejected elsewhere) cycle cannot loop forever.
  for (let round = 0; round < nodes.size; round++) {
    let moved = false;
    for (const e of edges) {
      const a = nodes.get(e.from) as Node;
      const b = nodes.get(e.to) as Node;
      if (b.layer < a.layer + 1) {
        b.layer = a.layer + 1;
        moved = true;
      }
    }
    if (!moved) break;
  }
  const list = [...nodes.values()];
  return { nodes: list, edges, svg: renderSvg(list, edges), truncated };
}

function renderSvg(nodes: Node[], edges: GraphReport['edges']): string {
  const columns: Node[][] = [];
  for (const n of nodes) (columns[n.layer] ??= []).push(n);
  const pos = new Map<string, { x: number; y: number }>();
  columns.forEach((col, layer) => {
    col.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    col.forEach((n, row) =>
      pos.set(n.id, { x: PAD + layer * (NODE_W + COL_GAP), y: PAD + row * (NODE_H + ROW_GAP) }),
    );
  });
  const width =
    PAD * 2 + Math.max(1, columns.length) * NODE_W + Math.max(0, columns.length - 1) * COL_GAP;
  const height =
    PAD * 2 + Math.max(1, ...columns.map(c => c?.length ?? 0)) * (NODE_H + ROW_GAP) - ROW_GAP;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="graph" role="img" aria-label="Principal and group inheritance" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
  );
  for (const e of edges) {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    if (!a || !b) continue;
    parts.push(
      `<line x1="${a.x + NODE_W}" y1="${a.y + NODE_H / 2}" x2="${b.x}" y2="${b.y + NODE_H / 2}" stroke="#555" stroke-width="1" marker-end="url(#arrow)"/>`,
    );
  }
  for (const n of nodes) {
    const p = pos.get(n.id) as { x: number; y: number };
    const label = n.label.length > MAX_LABEL ? `${n.label.slice(0, MAX_LABEL - 1)}…` : n.label;
    const fill = n.kind === 'user' ? '#e8f0fe' : '#fef3e0';
    parts.push(
      `<g><title>${escapeHtml(`${n.kind} ${n.label}`)}</title>`,
      `<rect x="${p.x}" y="${p.y}" width="${NODE_W}" height="${NODE_H}" rx="4" fill="${fill}" stroke="#777"/>`,
      `<text x="${p.x + 8}" y="${p.y + 16}" font-size="12" font-family="sans-serif">${escapeHtml(label)}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
