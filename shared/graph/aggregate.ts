/**
 * The node-count guard (docs/architecture.md "Views": focus, not hairballs): past `guard` nodes, users fold into one
 * counted node per group they reach, and Things into one per template; edges are re-pointed and
 * merged with a count. The folded elements are kept as table rows so the view can offer a table.
 * Aggregates named in `expand` (their ids, e.g. `agg:thing:template:SensorTemplate`) stay open: the
 * user clicked them.
 *
 * @example
 * const view = foldPastGuard(nodes, edges, 150);
 * view.aggregated; // true when something was folded
 */
import type { AggregateRow, GraphEdge, GraphNode, GraphView } from './types';
import { TABLE_ROW_CAP } from './types';

type Folded = Pick<GraphView, 'nodes' | 'edges' | 'total' | 'aggregated' | 'table'>;

/** Which edge kind names a node's anchor (the group of a user, the template of a Thing). */
const ANCHOR_EDGE: Partial<Record<GraphNode['kind'], GraphEdge['kind']>> = {
  user: 'member',
  thing: 'template',
};

export function foldPastGuard(
  nodes: GraphNode[],
  edges: GraphEdge[],
  guard: number,
  expand: readonly string[] = [],
): Folded {
  const total = nodes.length;
  if (total <= guard) return { nodes, edges, total, aggregated: false, table: [] };
  const byId = new Map(nodes.map(n => [n.id, n]));
  const anchorOf = new Map<string, string>();
  for (const e of edges) {
    const src = byId.get(e.source);
    if (!src || src.focus || src.mark || anchorOf.has(src.id)) continue;
    if (ANCHOR_EDGE[src.kind] === e.kind) anchorOf.set(src.id, e.target);
  }
  const buckets = new Map<string, GraphNode[]>();
  for (const n of nodes) {
    if (n.focus || n.mark || !(n.kind in ANCHOR_EDGE)) continue;
    const key = `agg:${n.kind}:${anchorOf.get(n.id) ?? 'none'}`;
    const list = buckets.get(key) ?? [];
    list.push(n);
    buckets.set(key, list);
  }
  const replace = new Map<string, string>();
  const table: AggregateRow[] = [];
  const aggregates: GraphNode[] = [];
  for (const [key, members] of buckets) {
    if (members.length < 2 || expand.includes(key)) continue;
    const first = members[0] as GraphNode;
    const anchor = anchorOf.get(first.id);
    const anchorLabel = anchor ? (byId.get(anchor)?.label ?? anchor) : 'no group or template shown';
    const what = first.kind === 'user' ? 'users' : 'Things';
    const label = `${members.length} ${what}`;
    aggregates.push({
      id: key,
      kind: 'aggregate',
      label,
      sub: first.kind === 'user' ? `members of ${anchorLabel}` : `of ${anchorLabel}`,
      count: members.length,
    });
    for (const m of members) {
      replace.set(m.id, key);
      if (table.length < TABLE_ROW_CAP)
        table.push({
          aggregate: `${label} ${first.kind === 'user' ? 'in' : 'of'} ${anchorLabel}`,
          kind: m.kind,
          name: m.label,
          via: anchorLabel,
        });
    }
  }
  if (replace.size === 0) return { nodes, edges, total, aggregated: false, table: [] };
  const merged = new Map<string, GraphEdge>();
  for (const e of edges) {
    const source = replace.get(e.source) ?? e.source;
    const target = replace.get(e.target) ?? e.target;
    if (source === e.source && target === e.target) {
      merged.set(e.id, e);
      continue;
    }
    const id = `${e.kind}:${source}>${target}|${e.allow === undefined ? '' : e.allow ? 'allow' : 'deny'}`;
    const prev = merged.get(id);
    if (prev) {
      prev.count = (prev.count ?? 1) + 1;
      if (prev.kind === 'permission')
        prev.label = `${prev.count} ${prev.allow ? 'allow' : 'deny'} entries`;
      for (const k of e.kinds ?? [])
        if (!prev.kinds?.includes(k)) prev.kinds = [...(prev.kinds ?? []), k];
    } else {
      merged.set(id, { ...e, id, source, target, count: 1 });
    }
  }
  return {
    nodes: [...nodes.filter(n => !replace.has(n.id)), ...aggregates],
    edges: [...merged.values()],
    total,
    aggregated: true,
    table,
  };
}
