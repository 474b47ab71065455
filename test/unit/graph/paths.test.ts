// Pathfinding, merged parallel entry edges and the 404 visibility gap (shared/graph) on the bundled
// demo (assets/demos/sensor-datastream.yaml): alice is in DataAnalysts, nested in Operators; a
// Thing-level deny for DataAnalysts on GetDataStream, the template's instance allow for Operators.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { argSchema } from '../../../shared/contract/api';
import { loadModelText } from '../../../main/api/model-file';
import { generateModel } from '../../../bench/generator';
import { evaluate } from '../../../shared/engine/index';
import type { GraphEdge } from '../../../shared/graph';
import { decisionPath, findPaths, mergeParallel, neighbourhood } from '../../../shared/graph';
import type { Model } from '../../../shared/model/types';

function demo(): Model {
  const r = loadModelText(
    readFileSync('assets/demos/sensor-datastream.yaml', 'utf8'),
    'sensor-datastream.yaml',
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const alice = { type: 'user', name: 'alice' } as const;
const sensor = { type: 'thing', name: 'SensorDataStream' } as const;

describe('pathfinding', () => {
  it('says a Thing the user cannot see answers 404 before any entry, and draws the missing visibility (§9.5, §4.4)', () => {
    const r = findPaths(demo(), { from: alice, to: { type: 'thing', name: 'LegacyGateway' } });
    if (!r.ok) throw new Error(r.message);
    expect(r.value.summary).toMatch(
      /^not visible to alice: 404 before any entry counts \(§9\.5\); its visibility names organization Maintenance\b.*, none covering a unit of alice · /,
    );
    const gap = r.value.edges.filter(e => e.kind === 'gap');
    expect(gap.map(e => [e.source, e.target])).toEqual([['user:alice', 'thing:LegacyGateway']]);
    const ids = new Set(r.value.nodes.map(n => n.id));
    expect(ids.has('org:Maintenance')).toBe(true);
    expect(ids.has('unit:Plant/LineA')).toBe(true);
  });

  it('names the grants that make a Thing visible', () => {
    const r = findPaths(demo(), { from: alice, to: sensor });
    if (!r.ok) throw new Error(r.message);
    expect(r.value.summary).toMatch(/^visible through (organization|unit) \S+.* \(§4\.4\) · /);
    expect(r.value.edges.some(e => e.kind === 'gap')).toBe(false);
  });

  it('finds the deny through DataAnalysts and the allows through nested Operators, shortest first (§3.4, §9.6)', () => {
    const r = findPaths(demo(), { from: alice, to: sensor });
    if (!r.ok) throw new Error(r.message);
    const paths = r.value.paths ?? [];
    expect(paths[0]?.text).toBe(
      'alice -> DataAnalysts -> [Deny ServiceInvoke · GetDataStream · entity] -> SensorDataStream',
    );
    expect(paths[0]?.effect).toBe('deny');
    expect(paths[0]?.hops).toBe(2);
    // The template's instance allow for Operators reaches the Thing through its template (§2.3, §2.11).
    const instance = paths.find(p => p.text.includes('· instance]'));
    expect(instance?.text).toBe(
      'alice -> DataAnalysts -> Operators -> [Allow PropertyRead, ServiceInvoke · * · instance] -> SensorTemplate -> SensorDataStream',
    );
    expect(instance?.shortest).toBe(true);
    // The shape instance allow is one hop longer (Thing -> template -> shape, §2.5): not shortest.
    const shape = paths.find(p => p.text.includes('· shape]'));
    expect(shape?.hops).toBe(5);
    expect(shape?.shortest).toBe(false);
    // Hops never decrease down the list, and every route is drawn: its nodes and edges are in the view.
    const nodes = new Set(r.value.nodes.map(n => n.id));
    const edges = new Set(r.value.edges.map(e => e.id));
    for (let i = 1; i < paths.length; i++)
      expect(paths[i]?.hops).toBeGreaterThanOrEqual(paths[i - 1]?.hops ?? 0);
    for (const p of paths) {
      expect(p.nodes[0]).toBe('user:alice');
      expect(p.nodes[p.nodes.length - 1]).toBe('thing:SensorDataStream');
      for (const id of p.nodes) expect(nodes.has(id)).toBe(true);
      for (const id of p.edges) expect(edges.has(id)).toBe(true);
    }
    expect(r.value.summary).toContain('3 allow and 1 deny routes');
  });

  it("ignores the template's own set, which governs the template and not its Things (§2.3)", () => {
    const r = findPaths(demo(), { from: alice, to: sensor });
    if (!r.ok) throw new Error(r.message);
    // DataAnalysts' Allow ServiceInvoke, PropertyWrite on SensorTemplate is at the template's own level.
    expect(r.value.paths?.some(p => p.text.includes('· own]'))).toBe(false);
    const own = findPaths(demo(), {
      from: alice,
      to: { type: 'template', name: 'SensorTemplate' },
    });
    if (!own.ok) throw new Error(own.message);
    expect(own.value.paths?.[0]?.text).toBe(
      'alice -> DataAnalysts -> [Allow ServiceInvoke, PropertyWrite · * · own] -> SensorTemplate',
    );
  });

  it('starts from a group: its parent groups count, its members do not (§2.11)', () => {
    const m = demo();
    const ops = findPaths(m, { from: { type: 'group', name: 'Operators' }, to: sensor });
    if (!ops.ok) throw new Error(ops.message);
    // Operators is not in DataAnalysts: the Thing-level deny does not concern it.
    expect(ops.value.paths?.some(p => p.effect === 'deny')).toBe(false);
    const da = findPaths(m, { from: { type: 'group', name: 'DataAnalysts' }, to: sensor });
    if (!da.ok) throw new Error(da.message);
    expect(
      da.value.paths?.some(p => p.text.startsWith('DataAnalysts -> Operators -> [Allow')),
    ).toBe(true);
  });

  it('says "no path" when nothing applies, and names unknown ends plainly', () => {
    const m = demo();
    const none = findPaths(m, {
      from: { type: 'user', name: 'dana' },
      to: { type: 'shape', name: 'SensorShape' },
    });
    if (!none.ok) throw new Error(none.message);
    expect(none.value.paths).toEqual([]);
    expect(none.value.summary).toContain('no path');
    const bad = findPaths(m, { from: { type: 'user', name: 'zed' }, to: sensor });
    expect(bad).toEqual({
      ok: false,
      code: 'not-found',
      message: "No user named 'zed' in the model.",
    });
  });

  it('validates its arguments at the boundary', () => {
    const schema = argSchema('graph:paths');
    expect(schema.safeParse({ from: alice, to: sensor }).success).toBe(true);
    const bad = schema.safeParse({ from: { type: 'org', name: 'Plant' }, to: sensor });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('user or group');
  });
});

describe('merged parallel entry edges', () => {
  const edge = (id: string, allow: boolean, label: string, target = 'thing:T'): GraphEdge => ({
    id,
    source: 'group:G',
    target,
    kind: 'permission',
    allow,
    kinds: [label],
    resource: '*',
    level: 'entity',
    label,
    help: '',
  });

  it('merges entries between the same two nodes into one labelled, counted edge; others pass unchanged', () => {
    const member: GraphEdge = {
      id: 'member:user:u>group:G',
      source: 'user:u',
      target: 'group:G',
      kind: 'member',
      help: '',
    };
    const { edges, renamed } = mergeParallel([
      member,
      edge('a', true, 'Allow PropertyRead · * · entity'),
      edge('b', false, 'Deny PropertyWrite · * · entity'),
      edge('c', true, 'Allow ServiceInvoke · * · entity'),
      edge('d', true, 'Allow EventInvoke · * · entity', 'thing:Other'),
    ]);
    expect(edges.map(e => e.id)).toEqual([member.id, 'perms:group:G>thing:T', 'd']);
    const merged = edges[1];
    expect(merged?.count).toBe(3);
    expect(merged?.label).toBe('3 entries: 2 allow, 1 deny');
    // A mixed bundle is not a deny: a deny beats an allow only at its own level and resource (§2.8).
    expect(merged?.allow).toBe(true);
    expect(merged?.help).toContain('Deny PropertyWrite · * · entity');
    expect(merged?.parts?.map(p => p.allow)).toEqual([true, false, true]);
    expect(renamed.get('b')).toBe('perms:group:G>thing:T');
  });

  it('keeps a deny-only bundle a deny, and the strongest mark of its parts', () => {
    const a = { ...edge('a', false, 'Deny PropertyRead · * · entity'), mark: 'lost' as const };
    const b = { ...edge('b', false, 'Deny PropertyWrite · x · entity'), mark: 'path' as const };
    const [m] = mergeParallel([a, b]).edges;
    expect(m?.allow).toBe(false);
    expect(m?.mark).toBe('path');
  });

  it("merges the demo's Apps-written allow and deny on one Thing in alice's view (§7.14)", () => {
    const r = neighbourhood(demo(), alice);
    if (!r.ok) throw new Error(r.message);
    const pairs = new Set<string>();
    for (const e of r.value.edges.filter(x => x.kind === 'permission')) {
      const key = `${e.source}>${e.target}`;
      expect(pairs.has(key)).toBe(false);
      pairs.add(key);
    }
    expect(r.value.edges.some(e => (e.parts?.length ?? 0) > 1)).toBe(true);
  });
});

describe('the 404 visibility gap', () => {
  it("draws LegacyGateway's grant to Maintenance, alice's units, and the missing link between them (§9.5, §4.4)", () => {
    const m = demo();
    const req = {
      method: 'GET',
      path: '/Thingworx/Things/LegacyGateway/Properties/firmware',
      credentials: { type: 'basic' as const, user: 'alice' },
      body: {},
    };
    const d = evaluate(m, req);
    expect(d.status).toBe(404);
    const view = decisionPath(m, req, d);
    const ids = new Set(view.nodes.map(n => n.id));
    for (const id of ['user:alice', 'thing:LegacyGateway', 'org:Maintenance', 'unit:Plant/LineA'])
      expect(ids.has(id)).toBe(true);
    expect(view.edges.some(e => e.id === 'visibility:org:Maintenance>thing:LegacyGateway')).toBe(
      true,
    );
    const gap = view.edges.find(e => e.kind === 'gap');
    expect(gap?.source).toBe('user:alice');
    expect(gap?.target).toBe('thing:LegacyGateway');
    expect(gap?.label).toBe('no visibility (404)');
    expect(gap?.help).toContain('organization Maintenance');
    expect(gap?.help).toContain('Plant/LineA');
  });
});

describe('aggregates open on demand', () => {
  it('keeps an aggregate the user expanded unfolded, and folds the rest as before', () => {
    const m = generateModel('S', 42);
    const group = Object.values(m.groups).find(
      g => !g.builtin && Object.values(m.users).filter(u => u.groups.includes(g.name)).length > 30,
    );
    if (!group) throw new Error('generator gave no large group');
    const focus = { type: 'group', name: group.name } as const;
    const folded = neighbourhood(m, focus, { guard: 20 });
    if (!folded.ok) throw new Error(folded.message);
    const agg = folded.value.nodes.find(n => n.kind === 'aggregate' && (n.count ?? 0) > 1);
    if (!agg) throw new Error('nothing folded');
    const opened = neighbourhood(m, focus, { guard: 20, expand: [agg.id] });
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.value.nodes.some(n => n.id === agg.id)).toBe(false);
    expect(opened.value.nodes.length).toBe(folded.value.nodes.length - 1 + (agg.count ?? 0));
    const ids = new Set(opened.value.nodes.map(n => n.id));
    for (const e of opened.value.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  });
});
