// The fast layered layout used for large neighbourhood views (docs/architecture.md "Views", performance.md §4.2):
// no overlapping node boxes or labels, deterministic, every edge route starting and ending on its nodes,
// principals above what they reach — on hand-made graphs (with a cycle of nested groups, §3.4) and
// on a generated 500-node template neighbourhood.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateModel } from '../../../bench/generator';
import { neighbourhood } from '../../../shared/graph';
import { edgeLabel } from '../../../renderer/src/graph/edge-style';
import { fastLayered } from '../../../renderer/src/graph/fast-layered';
import type { LayoutInput } from '../../../renderer/src/graph/graph-layout';
import {
  LABEL_HEIGHT,
  NODE_HEIGHT,
  NODE_WIDTH,
  labelWidth,
  layoutGraph,
} from '../../../renderer/src/graph/graph-layout';

const OPTS = { nodeWidth: NODE_WIDTH, nodeHeight: NODE_HEIGHT, labelHeight: LABEL_HEIGHT };
type Box = { x: number; y: number; w: number; h: number; what: string };

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;

/** Node boxes and label boxes that overlap each other (pairs), by a sweep over x. */
function overlaps(boxes: Box[]): [string, string][] {
  const sorted = [...boxes].sort((a, b) => a.x - b.x);
  const found: [string, string][] = [];
  for (let i = 0; i < sorted.length; i++)
    for (let j = i + 1; j < sorted.length && sorted[j]!.x < sorted[i]!.x + sorted[i]!.w; j++)
      if (overlap(sorted[i]!, sorted[j]!)) found.push([sorted[i]!.what, sorted[j]!.what]);
  return found;
}

function boxesOf(
  input: LayoutInput,
  positions: Float64Array,
  routes: ReturnType<typeof fastLayered>['routes'],
): Box[] {
  const boxes: Box[] = input.nodes.map((n, i) => ({
    x: positions[i * 2]!,
    y: positions[i * 2 + 1]!,
    w: NODE_WIDTH,
    h: NODE_HEIGHT,
    what: n.id,
  }));
  input.edges.forEach((e, i) => {
    const l = routes[i]?.label;
    if (l && e.labelWidth)
      boxes.push({
        x: l.x - e.labelWidth / 2,
        y: l.y - LABEL_HEIGHT / 2,
        w: e.labelWidth,
        h: LABEL_HEIGHT,
        what: `label ${e.source}>${e.target}`,
      });
  });
  return boxes;
}

/** Every route starts on its source's box edge and ends on its target's (within a pixel). */
function endpointsOff(
  input: LayoutInput,
  positions: Float64Array,
  routes: ReturnType<typeof fastLayered>['routes'],
): string[] {
  const at = new Map(
    input.nodes.map((n, i) => [n.id, { x: positions[i * 2]!, y: positions[i * 2 + 1]! }]),
  );
  const on = (id: string, px: number, py: number) => {
    const p = at.get(id)!;
    return (
      px >= p.x - 1 &&
      px <= p.x + NODE_WIDTH + 1 &&
      (Math.abs(py - p.y) < 1 || Math.abs(py - p.y - NODE_HEIGHT) < 1)
    );
  };
  const bad: string[] = [];
  input.edges.forEach((e, i) => {
    if (!at.has(e.source) || !at.has(e.target) || e.source === e.target) return;
    const pts = routes[i]?.points;
    if (!pts || pts.length < 4) return void bad.push(`${e.source}>${e.target}: no route`);
    if (!on(e.source, pts[0]!, pts[1]!))
      bad.push(`${e.source}>${e.target}: starts off ${e.source}`);
    if (!on(e.target, pts[pts.length - 2]!, pts[pts.length - 1]!))
      bad.push(`${e.source}>${e.target}: ends off ${e.target}`);
  });
  return bad;
}

const yOf = (input: LayoutInput, positions: Float64Array, id: string) =>
  positions[input.nodes.findIndex(n => n.id === id) * 2 + 1]!;

describe('fastLayered', () => {
  const small: LayoutInput = {
    nodes: [
      'user:alice',
      'group:DataAnalysts',
      'group:Operators',
      'group:Loop',
      'thing:SensorDataStream',
      'template:SensorTemplate',
      'unit:Plant',
    ].map(id => ({ id })),
    edges: [
      { source: 'user:alice', target: 'group:DataAnalysts' },
      { source: 'group:DataAnalysts', target: 'group:Operators' },
      // A cycle of nested groups (§3.4 allows nesting; the layout must still terminate and route it).
      { source: 'group:Operators', target: 'group:Loop' },
      { source: 'group:Loop', target: 'group:DataAnalysts' },
      {
        source: 'group:DataAnalysts',
        target: 'thing:SensorDataStream',
        labelWidth: labelWidth('Deny ServiceInvoke · GetDataStream · entity'),
      },
      {
        source: 'group:Operators',
        target: 'thing:SensorDataStream',
        labelWidth: labelWidth('Allow ServiceInvoke · entity'),
      },
      {
        source: 'group:Operators',
        target: 'template:SensorTemplate',
        labelWidth: labelWidth('Allow Read · instance'),
      },
      { source: 'thing:SensorDataStream', target: 'template:SensorTemplate' },
      { source: 'user:alice', target: 'unit:Plant' },
      { source: 'user:alice', target: 'nowhere' },
    ],
  };

  it('puts a user above its groups and a Thing above its template, with no overlapping nodes or labels', () => {
    const { positions, routes } = fastLayered(small, OPTS);
    expect(yOf(small, positions, 'user:alice')).toBeLessThan(
      yOf(small, positions, 'group:DataAnalysts'),
    );
    expect(yOf(small, positions, 'group:DataAnalysts')).toBeLessThan(
      yOf(small, positions, 'group:Operators'),
    );
    expect(yOf(small, positions, 'thing:SensorDataStream')).toBeLessThan(
      yOf(small, positions, 'template:SensorTemplate'),
    );
    expect(overlaps(boxesOf(small, positions, routes))).toEqual([]);
    expect(endpointsOff(small, positions, routes)).toEqual([]);
    // Every labelled edge got its label position (room reserved on the edge band).
    small.edges.forEach((e, i) => {
      if (e.labelWidth) expect(routes[i]?.label, `${e.source}>${e.target}`).toBeDefined();
    });
    // The edge to a missing node is not routed (the view never draws it).
    expect(routes[small.edges.length - 1]).toBeNull();
  });

  it('routes the cycle-closing membership from its source to its target', () => {
    const { positions, routes } = fastLayered(small, OPTS);
    const i = small.edges.findIndex(
      e => e.source === 'group:Loop' && e.target === 'group:DataAnalysts',
    );
    const pts = routes[i]!.points;
    // Drawn upwards: starts at the top of Loop, ends at the bottom of DataAnalysts.
    expect(pts[1]).toBeCloseTo(yOf(small, positions, 'group:Loop'));
    expect(pts[pts.length - 1]).toBeCloseTo(
      yOf(small, positions, 'group:DataAnalysts') + NODE_HEIGHT,
    );
  });

  it('is deterministic', () => {
    const a = fastLayered(small, OPTS);
    const b = fastLayered(small, OPTS);
    expect(Array.from(a.positions)).toEqual(Array.from(b.positions));
    expect(a.routes).toEqual(b.routes);
  });

  it('never overlaps boxes and always lands edges on their nodes, for random graphs with cycles', () => {
    const graph = fc.integer({ min: 1, max: 40 }).chain(n =>
      fc.record({
        n: fc.constant(n),
        edges: fc.array(
          fc.record({
            s: fc.nat(n - 1),
            t: fc.nat(n - 1),
            label: fc.option(fc.integer({ min: 20, max: 220 }), { nil: undefined }),
          }),
          { maxLength: 80 },
        ),
      }),
    );
    fc.assert(
      fc.property(graph, ({ n, edges }) => {
        const input: LayoutInput = {
          nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}` })),
          edges: edges.map(e =>
            e.label === undefined
              ? { source: `n${e.s}`, target: `n${e.t}` }
              : { source: `n${e.s}`, target: `n${e.t}`, labelWidth: e.label },
          ),
        };
        const { positions, routes } = fastLayered(input, OPTS);
        expect(positions.every(Number.isFinite)).toBe(true);
        expect(overlaps(boxesOf(input, positions, routes))).toEqual([]);
        expect(endpointsOff(input, positions, routes)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('lays out a generated 500-node template neighbourhood cleanly, and layoutGraph picks it past 150 nodes', async () => {
    const r = neighbourhood(
      generateModel('M', 42),
      { type: 'template', name: 'Tpl0113' },
      { guard: 1000 },
    );
    if (!r.ok) throw new Error(r.message);
    const v = r.value;
    expect(v.nodes.length).toBeGreaterThan(400);
    const input: LayoutInput = {
      nodes: v.nodes.map(n => ({ id: n.id })),
      edges: v.edges.map(e => {
        const l = edgeLabel(e);
        return l
          ? { source: e.source, target: e.target, labelWidth: labelWidth(l) }
          : { source: e.source, target: e.target };
      }),
    };
    const out = await layoutGraph(input);
    expect(out.engine).toBe('fast-layered');
    expect(overlaps(boxesOf(input, out.positions, out.routes))).toEqual([]);
    expect(endpointsOff(input, out.positions, out.routes)).toEqual([]);
    // Small views keep elkjs (its quality matters there).
    const few = await layoutGraph({
      nodes: small.nodes,
      edges: small.edges.filter(e => e.target !== 'nowhere'),
    });
    expect(few.engine).toBe('elk-layered');
  });
});
