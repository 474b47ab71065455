/**
 * Layout maths for the role-inheritance graph, framework-free so it runs in a worker (style.md §3.4):
 * d3-hierarchy `tree` when the view is a forest (every node has at most one outgoing edge), elkjs
 * `layered` otherwise (the usual DAG of memberships, levels and grants). Top to bottom: principals above,
 * what they reach below (fits the narrow centre pane better than left to right).
 *
 * @example
 * const { positions, engine } = await layoutGraph({ nodes: [{ id: 'a' }, { id: 'b' }], edges: [{ source: 'a', target: 'b' }] });
 * positions[0]; // x of 'a'
 */
import { hierarchy, tree } from 'd3-hierarchy';
import ELK from 'elkjs/lib/elk.bundled.js';

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 48;
/** Above this many nodes the view refuses to lay out (React Flow's DOM limit, performance.md §4). */
export const LAYOUT_NODE_CAP = 1000;

export type LayoutInput = { nodes: { id: string }[]; edges: { source: string; target: string }[] };
export type LayoutOutput = { positions: Float64Array; engine: 'd3-hierarchy' | 'elk-layered' | 'refused'; ms: number };

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
  const data = [{ id: ROOT, parent: '' }, ...input.nodes.map(n => ({ id: n.id, parent: parent.get(n.id) ?? ROOT }))];
  const children = new Map<string, string[]>();
  for (const d of data) if (d.parent) children.set(d.parent, [...(children.get(d.parent) ?? []), d.id]);
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

async function layeredLayout(input: LayoutInput): Promise<Float64Array> {
  const ids = new Set(input.nodes.map(n => n.id));
  const graph = {
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
    },
    children: input.nodes.map(n => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: input.edges.filter(e => ids.has(e.source) && ids.has(e.target) && e.source !== e.target).map((e, i) => ({ id: `e${i}`, sources: [e.source], targets: [e.target] })),
  };
  const laid = await elk.layout(graph);
  const at = new Map((laid.children ?? []).map(c => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
  const out = new Float64Array(input.nodes.length * 2);
  input.nodes.forEach((n, i) => {
    const p = at.get(n.id) ?? { x: 0, y: 0 };
    out[i * 2] = p.x;
    out[i * 2 + 1] = p.y;
  });
  return out;
}

/** Positions (x, y pairs in node order) for a graph view, with the engine used and the time taken. */
export async function layoutGraph(input: LayoutInput): Promise<LayoutOutput> {
  const started = performance.now();
  if (input.nodes.length > LAYOUT_NODE_CAP) return { positions: new Float64Array(input.nodes.length * 2), engine: 'refused', ms: 0 };
  if (isForest(input)) {
    const positions = forestLayout(input);
    return { positions, engine: 'd3-hierarchy', ms: performance.now() - started };
  }
  const positions = await layeredLayout(input);
  return { positions, engine: 'elk-layered', ms: performance.now() - started };
}
