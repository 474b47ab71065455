/**
 * A fast layered (Sugiyama-style) layout for large neighbourhood views, where elkjs `layered` is
 * too slow for the 150 ms budget (performance.md §4.2: ~1.8 s at 1,000 DAG nodes). Our graphs
 * have known layers (user -> groups -> units / entries -> entities -> templates), so the classic
 * steps are enough:
 *   1. cycle breaking (DFS back edges reversed; nested groups may form cycles);
 *   2. longest-path layering, sources then pulled down next to their first successor;
 *   3. every edge split by dummies on "gap ranks" between node layers; a labelled edge's middle
 *      gap dummy is as wide as its label, so coordinate assignment reserves label room and labels
 *      never overlap each other or nodes;
 *   4. barycentre sweeps for crossing reduction (the best ordering by crossing count is kept);
 *   5. x by repeated barycentre targets projected onto the separation constraints (isotonic
 *      regression, pool-adjacent-violators), y per rank; edges are polylines through their dummies.
 * Pure and deterministic: same input, same output. Linear-ish in nodes + dummies per sweep.
 *
 * @example
 * const { positions, routes } = fastLayered({ nodes: [{ id: 'u' }, { id: 'g' }], edges: [{ source: 'u', target: 'g', labelWidth: 60 }] }, { nodeWidth: 200, nodeHeight: 48, labelHeight: 16 });
 * positions[3] > positions[1]; // true: the group sits below the user
 */
import type { EdgeRoute, LayoutInput } from './graph-layout';

export type FastLayeredOptions = {
  nodeWidth: number;
  nodeHeight: number;
  labelHeight: number;
  /** Horizontal gap between two nodes of a layer. */
  nodeGap?: number;
  /** Horizontal gap next to an edge dummy (edge-edge, edge-node spacing). */
  edgeGap?: number;
  /** Vertical gap between a node layer and the edge band below or above it. */
  bandGap?: number;
  /** Crossing-reduction sweeps (each down or up counts one). */
  sweeps?: number;
};

export type FastLayeredOutput = {
  positions: Float64Array;
  routes: (EdgeRoute | null)[];
  layers: number;
};

/** A vertex of the layered graph: a real node (node >= 0) or an edge dummy (edge >= 0). */
type Vertex = { rank: number; width: number; node: number; edge: number; label: boolean };

const DUMMY_WIDTH = 6;

/** Ranks of the real nodes (0 = top) after cycle breaking and longest-path layering. */
function layerNodes(n: number, out: number[][], inn: number[][]): number[] {
  // Iterative DFS: an edge to a node on the current stack is a back edge and is ignored for layering.
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const keep: number[][] = out.map(() => []);
  const order: number[] = [];
  for (let root = 0; root < n; root++) {
    if (state[root] !== 0 || inn[root]!.length > 0) continue;
    dfs(root);
  }
  for (let root = 0; root < n; root++) if (state[root] === 0) dfs(root);
  function dfs(root: number) {
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [v, i] = top;
      const succ = out[v]!;
      if (i < succ.length) {
        top[1] = i + 1;
        const w = succ[i]!;
        if (state[w] === 1) continue; // back edge
        keep[v]!.push(w);
        if (state[w] === 0) {
          state[w] = 1;
          stack.push([w, 0]);
        }
      } else {
        state[v] = 2;
        order.push(v);
        stack.pop();
      }
    }
  }
  // `order` is a post-order: reversed, a topological order of the kept (acyclic) edges.
  const layer = new Int32Array(n);
  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k]!;
    for (const w of keep[v]!) if (layer[w]! < layer[v]! + 1) layer[w] = layer[v]! + 1;
  }
  // Pull nodes down to just above their nearest successor (Things next to their template, not up
  // with the users), in post-order so successors are final first.
  for (const v of order) {
    let min = Infinity;
    for (const w of keep[v]!) min = Math.min(min, layer[w]!);
    if (min !== Infinity && min - 1 > layer[v]!) layer[v] = min - 1;
  }
  return Array.from(layer);
}

/** Crossings between two adjacent ranks, by counting inversions with a Fenwick tree. */
function crossingsBetween(
  upper: number[],
  pos: Int32Array,
  down: number[][],
  width: number,
): number {
  const targets: number[] = [];
  for (const v of upper) {
    const ws = down[v]!.map(w => pos[w]!).sort((a, b) => a - b);
    for (const p of ws) targets.push(p);
  }
  const tree = new Int32Array(width + 1);
  let crossings = 0;
  for (let k = 0; k < targets.length; k++) {
    const p = targets[k]! + 1;
    // Earlier edges ending right of p cross this one.
    let le = 0;
    for (let i = p; i > 0; i -= i & -i) le += tree[i]!;
    crossings += k - le;
    for (let i = p; i <= width; i += i & -i) tree[i]! += 1;
  }
  return crossings;
}

/**
 * Positions of every vertex's centre along a rank, as close as possible (least squares) to the
 * wanted centres while keeping the order and the gaps: pool-adjacent-violators on the shifted targets.
 */
function placeRank(
  items: number[],
  want: Float64Array,
  widths: Float64Array,
  gapAfter: (a: number, b: number) => number,
  x: Float64Array,
): void {
  const n = items.length;
  if (n === 0) return;
  const offset = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const a = items[i - 1]!;
    const b = items[i]!;
    offset[i] = offset[i - 1]! + (widths[a]! + widths[b]!) / 2 + gapAfter(a, b);
  }
  // Blocks of pooled values: mean, weight, start index.
  const mean = new Float64Array(n);
  const weight = new Int32Array(n);
  const start = new Int32Array(n);
  let blocks = 0;
  for (let i = 0; i < n; i++) {
    mean[blocks] = want[items[i]!]! - offset[i]!;
    weight[blocks] = 1;
    start[blocks] = i;
    blocks++;
    while (blocks > 1 && mean[blocks - 2]! > mean[blocks - 1]!) {
      const w = weight[blocks - 2]! + weight[blocks - 1]!;
      mean[blocks - 2] =
        (mean[blocks - 2]! * weight[blocks - 2]! + mean[blocks - 1]! * weight[blocks - 1]!) / w;
      weight[blocks - 2] = w;
      blocks--;
    }
  }
  for (let b = 0; b < blocks; b++) {
    const end = b + 1 < blocks ? start[b + 1]! : n;
    for (let i = start[b]!; i < end; i++) x[items[i]!] = mean[b]! + offset[i]!;
  }
}

/**
 * Lays out a directed graph top to bottom (sources above). Edges whose endpoints are missing or equal
 * get no route (null); every other edge gets a polyline from the source's bottom to the target's top
 * (reversed cycle edges: from the source's top to the target's bottom), with a label centre when it
 * has a `labelWidth`.
 */
export function fastLayered(input: LayoutInput, options: FastLayeredOptions): FastLayeredOutput {
  const W = options.nodeWidth;
  const H = options.nodeHeight;
  const nodeGap = options.nodeGap ?? 24;
  const edgeGap = options.edgeGap ?? 8;
  const bandGap = options.bandGap ?? 28;
  const sweeps = options.sweeps ?? 8;
  const n = input.nodes.length;
  const index = new Map<string, number>();
  input.nodes.forEach((node, i) => {
    if (!index.has(node.id)) index.set(node.id, i);
  });
  const out: number[][] = Array.from({ length: n }, () => []);
  const inn: number[][] = Array.from({ length: n }, () => []);
  const valid: { e: number; s: number; t: number }[] = [];
  input.edges.forEach((edge, e) => {
    const s = index.get(edge.source);
    const t = index.get(edge.target);
    if (s === undefined || t === undefined || s === t) return;
    out[s]!.push(t);
    inn[t]!.push(s);
    valid.push({ e, s, t });
  });
  const layer = layerNodes(n, out, inn);

  // Vertices: real nodes first (vertex id = node index), then dummies. Node layer L is rank 2L;
  // odd ranks are the edge bands between layers.
  const vs: Vertex[] = input.nodes.map((_, i) => ({
    rank: 2 * layer[i]!,
    width: W,
    node: i,
    edge: -1,
    label: false,
  }));
  const down: number[][] = vs.map(() => []);
  const up: number[][] = vs.map(() => []);
  /** Per routed edge: its vertex chain from the upper end to the lower end, and whether it was reversed. */
  const chains: { e: number; chain: number[]; reversed: boolean }[] = [];
  for (const { e, s, t } of valid) {
    const reversed = layer[s]! > layer[t]!;
    // Reversed (cycle) edges are laid out upside down and their points turned round at the end.
    const a = reversed ? t : s;
    const b = reversed ? s : t;
    const from = vs[a]!.rank;
    const to = vs[b]!.rank; // layering keeps every kept edge at least one layer long
    const lw = input.edges[e]!.labelWidth;
    // The label goes on the middle band of the edge (an odd rank).
    const bands = (to - from) / 2;
    const labelRank = from + 2 * Math.floor((bands - 1) / 2) + 1;
    const chain = [a];
    for (let r = from + 1; r < to; r++) {
      const label = lw !== undefined && r === labelRank;
      vs.push({ rank: r, width: label ? lw : DUMMY_WIDTH, node: -1, edge: e, label });
      down.push([]);
      up.push([]);
      chain.push(vs.length - 1);
    }
    chain.push(b);
    for (let k = 0; k + 1 < chain.length; k++) {
      down[chain[k]!]!.push(chain[k + 1]!);
      up[chain[k + 1]!]!.push(chain[k]!);
    }
    chains.push({ e, chain, reversed });
  }
  const V = vs.length;
  const maxRank = vs.reduce((m, v) => Math.max(m, v.rank), 0);
  const ranks: number[][] = Array.from({ length: maxRank + 1 }, () => []);
  // Initial order: rank 0 in input order; below, a DFS-like order falls out of the first down sweep.
  for (let v = 0; v < V; v++) ranks[vs[v]!.rank]!.push(v);
  const pos = new Int32Array(V);
  const setPos = () => {
    for (const r of ranks) r.forEach((v, i) => (pos[v] = i));
  };
  setPos();

  const totalCrossings = () => {
    let c = 0;
    for (let r = 0; r + 1 < ranks.length; r++)
      c += crossingsBetween(ranks[r]!, pos, down, ranks[r + 1]!.length);
    return c;
  };
  const bary = new Float64Array(V);
  const sweep = (dir: 1 | -1) => {
    const first = dir === 1 ? 1 : ranks.length - 2;
    for (let r = first; r >= 0 && r < ranks.length; r += dir) {
      const row = ranks[r]!;
      for (const v of row) {
        const nb = dir === 1 ? up[v]! : down[v]!;
        if (nb.length === 0) {
          bary[v] = -1;
          continue;
        }
        let sum = 0;
        for (const w of nb) sum += pos[w]!;
        bary[v] = sum / nb.length;
      }
      // Vertices without neighbours on that side keep their slot; the rest are sorted by barycentre
      // (stable: ties keep the current order, so the result is deterministic).
      const movable = row
        .filter(v => bary[v]! >= 0)
        .sort((a, b) => bary[a]! - bary[b]! || pos[a]! - pos[b]!);
      let k = 0;
      for (let i = 0; i < row.length; i++) if (bary[row[i]!]! >= 0) row[i] = movable[k++]!;
      row.forEach((v, i) => (pos[v] = i));
    }
  };
  let best = ranks.map(r => r.slice());
  let bestCrossings = Infinity;
  for (let s = 0; s < sweeps; s++) {
    sweep(s % 2 === 0 ? 1 : -1);
    const c = totalCrossings();
    if (c < bestCrossings) {
      bestCrossings = c;
      best = ranks.map(r => r.slice());
    }
    if (c === 0) break;
  }
  for (let r = 0; r < ranks.length; r++) ranks[r] = best[r]!;
  setPos();

  // x: pack each rank, then pull vertices toward the mean of their neighbours, alternating down and up.
  const widths = new Float64Array(V);
  for (let v = 0; v < V; v++) widths[v] = vs[v]!.width;
  const gap = (a: number, b: number) => (vs[a]!.node >= 0 && vs[b]!.node >= 0 ? nodeGap : edgeGap);
  const x = new Float64Array(V);
  const want = new Float64Array(V);
  for (const row of ranks) {
    want.fill(0);
    placeRank(row, want, widths, gap, x);
    // Centre every rank on 0 so the first pulls start from a balanced picture.
    if (row.length > 0) {
      const shift = (x[row[0]!]! + x[row[row.length - 1]!]!) / 2;
      for (const v of row) x[v]! -= shift;
    }
  }
  const pull = (dir: 1 | -1, both: boolean) => {
    const first = dir === 1 ? 1 : ranks.length - 2;
    for (let r = first; r >= 0 && r < ranks.length; r += dir) {
      const row = ranks[r]!;
      for (const v of row) {
        const nb = both ? [...up[v]!, ...down[v]!] : dir === 1 ? up[v]! : down[v]!;
        if (nb.length === 0) {
          want[v] = x[v]!;
          continue;
        }
        let sum = 0;
        for (const w of nb) sum += x[w]!;
        want[v] = sum / nb.length;
      }
      placeRank(row, want, widths, gap, x);
    }
  };
  for (let i = 0; i < 3; i++) {
    pull(1, false);
    pull(-1, false);
  }
  pull(1, true);

  // y: node ranks are node-high; a band is label-high when it holds a label, otherwise thin.
  const top = new Float64Array(ranks.length);
  const height = new Float64Array(ranks.length);
  let y = 0;
  for (let r = 0; r < ranks.length; r++) {
    const band = r % 2 === 1;
    height[r] = band ? (ranks[r]!.some(v => vs[v]!.label) ? options.labelHeight : 0) : H;
    if (r > 0) y += bandGap;
    top[r] = y;
    y += height[r]!;
  }
  let minX = Infinity;
  for (let v = 0; v < V; v++) minX = Math.min(minX, x[v]! - widths[v]! / 2);
  if (minX === Infinity) minX = 0;

  const positions = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    positions[i * 2] = x[i]! - W / 2 - minX;
    positions[i * 2 + 1] = top[vs[i]!.rank]!;
  }

  // Ports: a node's outgoing edges leave its bottom spread in the order of where they go next (and
  // incoming ones enter its top the same way), so parallel edges do not share one point.
  const slots = new Map<string, Map<number, number>>();
  const portX = (v: number, nb: number, side: 'down' | 'up') => {
    const list = side === 'down' ? down[v]! : up[v]!;
    if (list.length <= 1) return x[v]! - minX;
    const key = `${side}${v}`;
    let slot = slots.get(key);
    if (!slot) {
      slot = new Map([...list].sort((a, b) => x[a]! - x[b]! || a - b).map((w, k) => [w, k]));
      slots.set(key, slot);
    }
    const k = slot.get(nb) ?? 0;
    const span = W * 0.7;
    return x[v]! - minX - span / 2 + (span * (k + 0.5)) / list.length;
  };
  const routes: (EdgeRoute | null)[] = input.edges.map(() => null);
  for (const { e, chain, reversed } of chains) {
    const points: number[] = [];
    let label: { x: number; y: number } | undefined;
    const a = chain[0]!;
    const b = chain[chain.length - 1]!;
    points.push(portX(a, chain[1]!, 'down'), top[vs[a]!.rank]! + H);
    for (let k = 1; k + 1 < chain.length; k++) {
      const d = chain[k]!;
      const r = vs[d]!.rank;
      const cx = x[d]! - minX;
      if (r % 2 === 0) points.push(cx, top[r]!, cx, top[r]! + H);
      else {
        const cy = top[r]! + height[r]! / 2;
        points.push(cx, cy);
        if (vs[d]!.label) label = { x: cx, y: cy };
      }
    }
    points.push(portX(b, chain[chain.length - 2]!, 'up'), top[vs[b]!.rank]!);
    if (reversed) {
      const back: number[] = [];
      for (let k = points.length - 2; k >= 0; k -= 2) back.push(points[k]!, points[k + 1]!);
      routes[e] = label ? { points: back, label } : { points: back };
    } else routes[e] = label ? { points, label } : { points };
  }
  return { positions, routes, layers: Math.floor(maxRank / 2) + 1 };
}
