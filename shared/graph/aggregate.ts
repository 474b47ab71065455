/**
 * The node-count guard (docs/architecture.md "Views": focus, not hairballs). Past `guard` nodes the
 * view folds in two rounds, each only while the view is still too big:
 * 1. users fold into one counted node per group they reach, and Things into one per template;
 * 2. templates and shapes fold into one counted node per principal whose entry reaches them (a user's
 *    view at size M reaches hundreds of templates through a few groups), taking their Things along.
 * Edges are re-pointed and merged with a count. The folded elements are kept as table rows so the
 * view can offer a table. Aggregates named in `expand` (their ids, e.g.
 * `agg:thing:template:SensorTemplate`, `agg:template:group:Operators`) stay open: the user clicked them.
 *
 * @example
 * const view = foldPastGuard(nodes, edges, 150);
 * view.aggregated; // true when something was folded
 */
import type { AggregateRow, GraphEdge, GraphNode, GraphNodeKind, GraphView } from './types';
import { TABLE_ROW_CAP } from './types';
import { mergedEdgeId } from './merge';

type Folded = Pick<GraphView, 'nodes' | 'edges' | 'total' | 'aggregated' | 'table'>;
type Graph = { nodes: GraphNode[]; edges: GraphEdge[] };

/** One folding round: which node kinds fold, and which edge names a node's anchor. */
type Round = {
  kinds: Partial<Record<GraphNodeKind, { words: string; anchor: (e: GraphEdge) => string | null }>>;
  /** The anchor's words in the aggregate's second line. */
  sub: (kind: GraphNodeKind, anchorLabel: string | null) => string;
  /** Nodes that hang on a folded member (its Things) fold into the same aggregate. */
  takesAlong: boolean;
};

const outgoing =
  (kind: GraphEdge['kind']) =>
  (e: GraphEdge): string | null =>
    e.kind === kind ? e.target : null;

/** Round 1: users by group (their membership edge), Things by template. */
const MEMBERS: Round = {
  kinds: {
    user: { words: 'users', anchor: outgoing('member') },
    thing: { words: 'Things', anchor: outgoing('template') },
  },
  sub: (kind, a) =>
    kind === 'user'
      ? `members of ${a ?? 'no group shown'}`
      : `of ${a ?? 'no group or template shown'}`,
  takesAlong: false,
};

/** Round 2: templates and shapes by the principal of an entry on them (the edge comes in). */
const HOLDERS: Round = {
  kinds: {
    template: { words: 'templates', anchor: () => null },
    shape: { words: 'shapes', anchor: () => null },
  },
  sub: (_kind, a) => (a ? `granted to ${a}` : 'no entry of their own'),
  takesAlong: true,
};

/**
 * The anchor of each foldable node. Round 1 follows the node's own edge; round 2 the entries naming
 * it, choosing the principal with entries on the most holders (few, full aggregates: fewer edges
 * cross between them).
 */
function anchors(g: Graph, round: Round): Map<string, string> {
  const byId = new Map(g.nodes.map(n => [n.id, n]));
  const out = new Map<string, string>();
  const grants = new Map<string, string[]>();
  for (const e of g.edges) {
    const src = byId.get(e.source);
    const fromSource = src ? round.kinds[src.kind]?.anchor(e) : null;
    if (src && fromSource && !out.has(src.id)) out.set(src.id, fromSource);
    const tgt = byId.get(e.target);
    if (round.takesAlong && tgt && round.kinds[tgt.kind] && e.kind === 'permission') {
      const list = grants.get(tgt.id) ?? [];
      if (!list.includes(e.source)) list.push(e.source);
      grants.set(tgt.id, list);
    }
  }
  const reach = new Map<string, number>();
  for (const list of grants.values()) for (const p of list) reach.set(p, (reach.get(p) ?? 0) + 1);
  for (const [holder, list] of grants) {
    let best = list[0] as string;
    for (const p of list) if ((reach.get(p) ?? 0) > (reach.get(best) ?? 0)) best = p;
    if (!out.has(holder)) out.set(holder, best);
  }
  if (round.takesAlong) {
    // A template without an entry of its own is drawn for its base's (§11.3), a shape for the
    // template implementing it: each folds where that one does.
    for (let pass = 0, changed = true; changed && pass < 50; pass++) {
      changed = false;
      for (const e of g.edges) {
        const [from, to] = e.kind === 'base' ? [e.source, e.target] : [e.target, e.source];
        if (e.kind !== 'base' && e.kind !== 'implements') continue;
        const kind = byId.get(from)?.kind;
        if (out.has(from) || !kind || !round.kinds[kind]) continue;
        const a = out.get(to);
        if (a) {
          out.set(from, a);
          changed = true;
        }
      }
    }
  }
  return out;
}

/** Re-points edges at the aggregates, merging those that now join the same two nodes (with a count). */
function repoint(edges: GraphEdge[], replace: Map<string, string>): GraphEdge[] {
  const merged = new Map<string, GraphEdge>();
  for (const e of edges) {
    const source = replace.get(e.source) ?? e.source;
    const target = replace.get(e.target) ?? e.target;
    if (source === e.source && target === e.target) {
      merged.set(e.id, e);
      continue;
    }
    // Inside one aggregate (a Thing and its template, a template and its base): nothing to draw.
    if (source === target) continue;
    const id = `${e.kind}:${source}>${target}|${e.allow === undefined ? '' : e.allow ? 'allow' : 'deny'}`;
    const prev = merged.get(id);
    const n = e.count ?? 1;
    if (prev) {
      prev.count = (prev.count ?? 1) + n;
      if (prev.kind === 'permission')
        prev.label = `${prev.count} ${prev.allow ? 'allow' : 'deny'} entries`;
      for (const k of e.kinds ?? [])
        if (!prev.kinds?.includes(k)) prev.kinds = [...(prev.kinds ?? []), k];
    } else {
      // The parts of one entry edge do not describe the merged bundle.
      const rest: GraphEdge = { ...e };
      delete rest.parts;
      merged.set(id, {
        ...rest,
        id,
        source,
        target,
        count: n,
        ...(e.kind === 'permission' && n > 1
          ? { label: `${n} ${e.allow ? 'allow' : 'deny'} entries` }
          : {}),
      });
    }
  }
  return [...merged.values()];
}

function foldRound(
  g: Graph,
  round: Round,
  expand: readonly string[],
  table: AggregateRow[],
): Graph {
  const byId = new Map(g.nodes.map(n => [n.id, n]));
  const anchorOf = anchors(g, round);
  const buckets = new Map<string, GraphNode[]>();
  for (const n of g.nodes) {
    if (n.focus || n.mark || !round.kinds[n.kind]) continue;
    const key = `agg:${n.kind}:${anchorOf.get(n.id) ?? 'none'}`;
    const list = buckets.get(key) ?? [];
    list.push(n);
    buckets.set(key, list);
  }
  const replace = new Map<string, string>();
  const aggregates = new Map<string, GraphNode>();
  for (const [key, members] of buckets) {
    if (members.length < 2 || expand.includes(key)) continue;
    const first = members[0] as GraphNode;
    const anchor = anchorOf.get(first.id);
    const anchorLabel = anchor ? (byId.get(anchor)?.label ?? anchor) : null;
    const label = `${members.length} ${round.kinds[first.kind]?.words ?? 'elements'}`;
    aggregates.set(key, {
      id: key,
      kind: 'aggregate',
      label,
      sub: round.sub(first.kind, anchorLabel),
      count: members.length,
    });
    for (const m of members) {
      replace.set(m.id, key);
      if (table.length < TABLE_ROW_CAP)
        table.push({
          aggregate: `${label} ${round.sub(first.kind, anchorLabel)}`,
          kind: m.kind,
          name: m.label,
          via: anchorLabel ?? '',
        });
    }
  }
  if (round.takesAlong) {
    // A Thing (or a folded node of Things) whose template folded goes with it: drawn apart it
    // would hang on nothing. Its table rows are there already.
    const things = new Map<string, number>();
    for (const e of g.edges) {
      if (e.kind !== 'template' || replace.has(e.source)) continue;
      const into = replace.get(e.target);
      const src = byId.get(e.source);
      if (!into || !src || src.focus || src.mark) continue;
      if (src.kind !== 'thing' && !src.id.startsWith('agg:thing:')) continue;
      replace.set(src.id, into);
      const agg = aggregates.get(into);
      if (agg) agg.count = (agg.count ?? 0) + (src.count ?? 1);
      things.set(into, (things.get(into) ?? 0) + (src.count ?? 1));
    }
    for (const [key, n] of things) {
      const agg = aggregates.get(key);
      if (agg) agg.sub = `${agg.sub} · ${n} Things`;
    }
  }
  if (replace.size === 0) return g;
  return {
    nodes: [...g.nodes.filter(n => !replace.has(n.id)), ...aggregates.values()],
    edges: repoint(g.edges, replace),
  };
}

/** Principals: what an entry names (§3.1); everything else an entry edge reaches is a holder. */
const PRINCIPAL_KINDS: ReadonlySet<GraphNodeKind> = new Set([
  'user',
  'group',
  'organization',
  'unit',
]);
/** Edges that hang a holder on another holder (a Thing on its template...): the two stay or go together. */
const HOLDER_LINKS: ReadonlySet<GraphEdge['kind']> = new Set([
  'template',
  'base',
  'implements',
  'collection',
]);

/** The id of the node that stands for one principal's entries (round 3). */
export const entriesId = (principal: string) => `agg:entries:${principal}`;

/**
 * Round 3, user views only: every principal's entries fold into one counted node per principal.
 * After rounds 1-2 a size-M user still reaches the same few template aggregates from twenty groups
 * on six levels of nesting: a hundred entry edges crossing the group layers, which no one can
 * follow. Folded here, each group carries one edge to its own "Entries of" node, so the view reads
 * user -> group -> its entries; a click opens one group's entries (and the holders they reach, with
 * their Things folded per template). A principal with a single entry edge keeps it as it is.
 */
function foldEntries(
  g: Graph,
  original: GraphEdge[],
  expand: readonly string[],
  table: AggregateRow[],
): Graph {
  const byId = new Map(g.nodes.map(n => [n.id, n]));
  const byPrincipal = new Map<string, GraphEdge[]>();
  for (const e of g.edges) {
    if (e.kind !== 'permission') continue;
    const list = byPrincipal.get(e.source) ?? [];
    list.push(e);
    byPrincipal.set(e.source, list);
  }
  const kept = new Set<string>();
  const folded = new Map<string, GraphEdge[]>();
  for (const [p, list] of byPrincipal) {
    const open = list.length < 2 || expand.includes(entriesId(p));
    for (const e of list) {
      const target = byId.get(e.target);
      if (open || target?.focus || target?.mark) kept.add(e.target);
    }
    if (!open) folded.set(p, list);
  }
  if (folded.size === 0) return g;
  // Holders stay when an open entry reaches them, or hang on one that stays (its template...).
  const isHolder = (id: string) => {
    const n = byId.get(id);
    return !!n && !PRINCIPAL_KINDS.has(n.kind) && !n.focus && !n.mark;
  };
  for (const n of g.nodes) if (!isHolder(n.id)) kept.add(n.id);
  for (let changed = true, pass = 0; changed && pass < 50; pass++) {
    changed = false;
    for (const e of g.edges) {
      if (!HOLDER_LINKS.has(e.kind)) continue;
      for (const [a, b] of [
        [e.source, e.target],
        [e.target, e.source],
      ] as const)
        if (kept.has(a) && isHolder(a) && !kept.has(b)) {
          kept.add(b);
          changed = true;
        }
    }
  }
  const nodes = g.nodes.filter(n => kept.has(n.id));
  // A folded principal's entry edges are drawn as its one edge to its "Entries of" node (below), even
  // those into a holder another principal keeps on screen.
  const edges = g.edges.filter(
    e =>
      kept.has(e.source) &&
      kept.has(e.target) &&
      !(e.kind === 'permission' && folded.has(e.source)) &&
      // Visibility into a folded node holds for some of its elements only: drawn, it reads as
      // covering all of them and crosses the view (the table and an opened node show each).
      !(e.kind === 'visibility' && byId.get(e.target)?.kind === 'aggregate'),
  );
  for (const [p, list] of folded) {
    const who = byId.get(p)?.label ?? p;
    const id = entriesId(p);
    const n = (e: GraphEdge) => e.count ?? 1;
    const entries = list.reduce((s, e) => s + n(e), 0);
    const allow = list.filter(e => e.allow !== false).reduce((s, e) => s + n(e), 0);
    const deny = entries - allow;
    // Counted on the unfolded view: an aggregate the entries reach may hold many elements they do not name.
    const elements = new Set(
      original.filter(e => e.kind === 'permission' && e.source === p).map(e => e.target),
    ).size;
    nodes.push({
      id,
      kind: 'aggregate',
      label: `Entries of ${who}`,
      sub: `${entries} entries on ${elements.toLocaleString('en')} elements`,
      count: elements,
    });
    const split = [allow ? `${allow} allow` : '', deny ? `${deny} deny` : ''].filter(Boolean);
    edges.push({
      id: mergedEdgeId(p, id),
      source: p,
      target: id,
      kind: 'permission',
      // Drawn as a deny only when every entry is one, like a merged bundle (merge.ts).
      allow: allow > 0,
      kinds: [...new Set(list.flatMap(e => e.kinds ?? []))],
      label: split.join(', '),
      count: entries,
      help: `${who} holds ${entries} entries (${split.join(', ')}) on the ${elements.toLocaleString('en')} elements folded in this node; click the node to draw them. Each entry is checked at its own level and for its own resource: a deny beats an allow only at the same level and resource (§2.8, §9.6).`,
    });
    for (const e of list) {
      const t = byId.get(e.target);
      if (t && table.length < TABLE_ROW_CAP)
        table.push({ aggregate: `Entries of ${who}`, kind: t.kind, name: t.label, via: who });
    }
  }
  return { nodes, edges };
}

/** `entriesPerPrincipal`: a user view, whose principals' entries fold per principal past the guard (round 3). */
export type FoldOptions = { entriesPerPrincipal?: boolean };

export function foldPastGuard(
  nodes: GraphNode[],
  edges: GraphEdge[],
  guard: number,
  expand: readonly string[] = [],
  options: FoldOptions = {},
): Folded {
  const total = nodes.length;
  const table: AggregateRow[] = [];
  let g: Graph = { nodes, edges };
  for (const round of [MEMBERS, HOLDERS]) {
    if (g.nodes.length <= guard) break;
    g = foldRound(g, round, expand, table);
  }
  if (options.entriesPerPrincipal && total > guard) g = foldEntries(g, edges, expand, table);
  if (g.nodes.length === total && g.edges === edges)
    return { nodes, edges, total, aggregated: false, table: [] };
  return { ...g, total, aggregated: true, table };
}
