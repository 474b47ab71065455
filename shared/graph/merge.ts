/**
 * Parallel entry edges merged into one (docs/architecture.md "Views"): a principal often holds several
 * entries on the same holder (an allow on `*` at the instance level, a deny on one service at the
 * entity level...). Drawn apart they stack into unreadable bundles; merged, one edge carries a count
 * and a label, and its help lists every entry. Single edges are returned unchanged (same id), so a
 * view with nothing parallel looks as before.
 *
 * @example
 * mergeParallelEdges(edges).find(e => e.parts)?.label; // '3 entries: 2 allow, 1 deny'
 */
import type { EdgePart, GraphEdge, PathMark } from './types';

/** The id of the merged edge between two nodes (stable: pathfinding refers to it). */
export const mergedEdgeId = (source: string, target: string) => `perms:${source}>${target}`;

function strongest(marks: (PathMark | undefined)[]): PathMark | undefined {
  if (marks.includes('path')) return 'path';
  return marks.includes('lost') ? 'lost' : undefined;
}

function mergedLabel(parts: EdgePart[]): string {
  const allow = parts.filter(p => p.allow).length;
  const deny = parts.length - allow;
  const split = [allow ? `${allow} allow` : '', deny ? `${deny} deny` : ''].filter(Boolean);
  return `${parts.length} entries: ${split.join(', ')}`;
}

/**
 * Merges the permission edges that join the same two nodes; other edges pass unchanged. The result
 * keeps the input order (the first edge of a bundle stands where the bundle is).
 *
 * @example
 * const { edges, renamed } = mergeParallel(view.edges);
 * renamed.get('perm:group:Operators>template:SensorTemplate|instance|*|allow'); // 'perms:group:Operators>template:SensorTemplate'
 */
export function mergeParallel(edges: GraphEdge[]): {
  edges: GraphEdge[];
  renamed: Map<string, string>;
} {
  const bundles = new Map<string, GraphEdge[]>();
  for (const e of edges) {
    if (e.kind !== 'permission') continue;
    const key = mergedEdgeId(e.source, e.target);
    const list = bundles.get(key);
    if (list) list.push(e);
    else bundles.set(key, [e]);
  }
  const renamed = new Map<string, string>();
  const out: GraphEdge[] = [];
  for (const e of edges) {
    const key = mergedEdgeId(e.source, e.target);
    const bundle = e.kind === 'permission' ? bundles.get(key) : undefined;
    if (!bundle || bundle.length < 2) {
      out.push(e);
      continue;
    }
    renamed.set(e.id, key);
    if (bundle[0] !== e) continue;
    const parts: EdgePart[] = bundle.flatMap(b =>
      (b.parts ?? [null]).map(
        p =>
          p ?? {
            allow: b.allow ?? true,
            kinds: b.kinds ?? [],
            resource: b.resource ?? '*',
            level: b.level ?? 'entity',
            label: b.label ?? '',
            ...(b.mark ? { mark: b.mark } : {}),
          },
      ),
    );
    const mark = strongest(parts.map(p => p.mark));
    const allDeny = parts.every(p => !p.allow);
    const merged: GraphEdge = {
      id: key,
      source: e.source,
      target: e.target,
      kind: 'permission',
      // Drawn as a deny only when every entry is one; a mixed bundle is drawn as an allow and its
      // label says how many of each (a deny does not beat an allow at another level or resource).
      allow: !allDeny,
      kinds: [...new Set(parts.flatMap(p => p.kinds))],
      label: mergedLabel(parts),
      help: `${parts.length} entries of this principal on this holder, drawn as one edge: ${parts
        .map(p => `${p.mark === 'lost' ? 'lost: ' : ''}${p.label}`)
        .join(
          '; ',
        )}. Each is checked at its own level and for its own resource: a deny beats an allow only at the same level and resource (§2.8, §9.6).`,
      count: parts.length,
      parts,
      ...(mark ? { mark } : {}),
    };
    out.push(merged);
  }
  return { edges: out, renamed };
}

/**
 * Merges parallel entry edges and keeps any edge ids that point into them (pathfinding routes).
 *
 * @example
 * mergeParallelEdges(view.edges).length <= view.edges.length; // true
 */
export function mergeParallelEdges(edges: GraphEdge[]): GraphEdge[] {
  return mergeParallel(edges).edges;
}
