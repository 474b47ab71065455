/**
 * Layout maths for the role-inheritance graph, framework-free so it runs in a worker (style.md §3.4):
 * d3-hierarchy `tree` when the view is a forest (every node has at most one outgoing edge), elkjs
 * `layered` otherwise (the usual DAG of memberships, levels and grants), and past `FAST_LAYOUT_NODES`
 * our own layered layout (`fast-layered.ts`), which keeps a 500-node view inside the 150 ms budget
 * where elkjs takes 0.4-1.7 s. Top to bottom: principals above, what they reach below (fits the narrow
 * centre pane better than left to right).
 *
 * @example
 * const { positions, engine } = await layoutGraph({ nodes: [{ id: 'a' }, { id: 'b' }], edges: [{ source: 'a', target: 'b' }] });
 * positions[0]; // x of 'a'
 */
import { hierarchy, tree } from 'd3-hierarchy';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import { fastLayered } from './fast-layered';

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 48;
/** Above this many nodes the view refuses to lay out (React Flow's DOM limit, performance.md §4). */
export const LAYOUT_NODE_CAP = 1000;
/** Past this many nodes the layered views use `fastLayered` instead of elkjs (whose quality matters on small views). */
export const FAST_LAYOUT_NODES = 150;
/**
 * Past this many edges too: a folded size-M view (60 nodes, 200 labelled edges) takes elkjs seconds
 * and comes out two to three times wider than ours.
 */
export const FAST_LAYOUT_EDGES = 150;
/** Past this many edges the view draws no edge labels (unreadable and costly), so no room is reserved for them. */
export const LABEL_EDGE_CAP = 400;

/** `labelWidth`: the edge carries a label this wide; the layered layout reserves room for it. */
/** `fast`: lay out with `fastLayered` whatever the size (a folded view: compact, and at once). */
export type LayoutInput = {
  nodes: { id: string }[];
  edges: { source: string; target: string; labelWidth?: number }[];
  fast?: boolean;
};
/** An edge route from the layered layout: polyline points (x, y, x, y, ...) and the label's centre. */
export type EdgeRoute = { points: number[]; label?: { x: number; y: number } };
export type LayoutOutput = {
  positions: Float64Array;
  /** Per input edge (same order), when the engine routed edges (elk-layered, fast-layered); otherwise empty. */
  routes: (EdgeRoute | null)[];
  engine: 'd3-hierarchy' | 'elk-layered' | 'fast-layered' | 'refused';
  ms: number;
};

export const LABEL_HEIGHT = 16;
/** Width of an edge label at 12 px: a conservative per-character estimate plus padding. */
export const labelWidth = (text: string) => Math.ceil(text.length * 7 + 10);

const elk = new ELK();

/** True when every node has at most one outgoing edge and there is no cycle: a forest. */
export function isForest(input: LayoutInput): boolean {
  const parent = new Map<string, string>();
  for (const e of input.edges) {
    if (parent.has(e.source)) return false;
    parent.set(e.source, e.target);
  }
  for (const start of parent.keys()) {
    const seen = new Set<string>();
    for (let n: string | undefined = start; n !== undefined; n = parent.get(n)) {
      if (seen.has(n)) return false;
      seen.add(n);
    }
  }
  return true;
}

function forestLayout(input: LayoutInput): Float64Array {
  const parent = new Map(input.edges.map(e => [e.source, e.target]));
  const ROOT = '\u0000root';
  const data = [
    { id: ROOT, parent: '' },
    ...input.nodes.map(n => ({ id: n.id, parent: parent.get(n.id) ?? ROOT })),
  ];
  const children = new Map<string, string[]>();
  for (const d of data)
    if (d.parent) children.set(d.parent, [...(children.get(d.parent) ?? []), d.id]);
  const root = hierarchy<string>(ROOT, id => children.get(id));
  // Parents (groups, units, templates) below, children above: y = depth reversed.
  tree<string>().nodeSize([NODE_WIDTH + 24, NODE_HEIGHT + 80])(root);
  const at = new Map<string, { x: number; y: number }>();
  let maxDepth = 0;
  root.each(n => (maxDepth = Math.max(maxDepth, n.depth)));
  root.each(n => at.set(n.data, { x: n.x ?? 0, y: (maxDepth - n.depth) * (NODE_HEIGHT + 80) }));
  const out = new Float64Array(input.nodes.length * 2);
  input.nodes.forEach((n, i) => {
    const p = at.get(n.id) ?? { x: 0, y: 0 };
    out[i * 2] = p.x;
    out[i * 2 + 1] = p.y;
  });
  return out;
}

async function layeredLayout(
  input: LayoutInput,
): Promise<{ positions: Float64Array; routes: (EdgeRoute | null)[] }> {
  const ids = new Set(input.nodes.map(n => n.id));
  // Only small views reach elkjs (FAST_LAYOUT_NODES); `big` stays as a guard for direct callers.
  const big = input.nodes.length > FAST_LAYOUT_NODES;
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.spacing.nodeNode': '24',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.cycleBreaking.strategy': 'GREEDY',
      'elk.separateConnectedComponents': 'true',
      'elk.spacing.componentComponent': '40',
      'elk.edgeRouting': 'POLYLINE',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.spacing.edgeLabel': '2',
      'elk.layered.spacing.edgeNodeBetweenLayers': '14',
      'elk.spacing.edgeEdge': '8',
      ...(big
        ? {
            'elk.layered.thoroughness': '1',
            'elk.layered.nodePlacement.strategy': 'SIMPLE',
            'elk.layered.compaction.postCompaction.strategy': 'NONE',
          }
        : {}),
    },
    children: input.nodes.map(n => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: input.edges.flatMap((e, i) =>
      ids.has(e.source) && ids.has(e.target) && e.source !== e.target
        ? [
            {
              id: `e${i}`,
              sources: [e.source],
              targets: [e.target],
              ...(e.labelWidth && !big
                ? {
                    labels: [{ id: `l${i}`, text: 'x', width: e.labelWidth, height: LABEL_HEIGHT }],
                  }
                : {}),
            },
          ]
        : [],
    ),
  };
  const laid = await elk.layout(graph);
  const routes: (EdgeRoute | null)[] = input.edges.map(() => null);
  for (const e of (laid.edges ?? []) as ElkExtendedEdge[]) {
    const i = Number(e.id.slice(1));
    const sec = e.sections?.[0];
    if (!sec) continue;
    const points = [
      sec.startPoint.x,
      sec.startPoint.y,
      ...(sec.bendPoints ?? []).flatMap(p => [p.x, p.y]),
      sec.endPoint.x,
      sec.endPoint.y,
    ];
    const l = e.labels?.[0];
    routes[i] =
      l && l.x !== undefined && l.y !== undefined
        ? { points, label: { x: l.x + (l.width ?? 0) / 2, y: l.y + (l.height ?? 0) / 2 } }
        : { points };
  }
  const at = new Map((laid.children ?? []).map(c => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
  const out = new Float64Array(input.nodes.length * 2);
  input.nodes.forEach((n, i) => {
    const p = at.get(n.id) ?? { x: 0, y: 0 };
    out[i * 2] = p.x;
    out[i * 2 + 1] = p.y;
  });
  return { positions: out, routes };
}

/** Positions (x, y pairs in node order) for a graph view, with the engine used and the time taken. */
export async function layoutGraph(input: LayoutInput): Promise<LayoutOutput> {
  const started = performance.now();
  if (input.nodes.length > LAYOUT_NODE_CAP)
    return {
      positions: new Float64Array(input.nodes.length * 2),
      routes: [],
      engine: 'refused',
      ms: 0,
    };
  if (isForest(input)) {
    const positions = forestLayout(input);
    return { positions, routes: [], engine: 'd3-hierarchy', ms: performance.now() - started };
  }
  if (
    input.fast ||
    input.nodes.length > FAST_LAYOUT_NODES ||
    input.edges.length > FAST_LAYOUT_EDGES
  ) {
    const labelled =
      input.edges.length <= LABEL_EDGE_CAP
        ? input
        : { ...input, edges: input.edges.map(e => ({ source: e.source, target: e.target })) };
    const { positions, routes } = fastLayered(labelled, {
      nodeWidth: NODE_WIDTH,
      nodeHeight: NODE_HEIGHT,
      labelHeight: LABEL_HEIGHT,
    });
    return { positions, routes, engine: 'fast-layered', ms: performance.now() - started };
  }
  const { positions, routes } = await layeredLayout(input);
  return { positions, routes, engine: 'elk-layered', ms: performance.now() - started };
}
