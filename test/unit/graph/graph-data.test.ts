// shared/graph on the bundled demo (assets/demos/sensor-datastream.yaml) and generated models:
// neighbourhoods, the guard, decision paths and matrix cells, checked against the engine's own answers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateModel } from '../../../bench/generator';
import { loadModelText } from '../../../main/api/model-file';
import { evaluate } from '../../../shared/engine/index';
import { effectiveTable } from '../../../shared/engine/queries';
import {
  codeStatus,
  decisionPath,
  matrixAxes,
  matrixCells,
  matrixWindow,
  cellOverrides,
  neighbourhood,
} from '../../../shared/graph';
import type { Model } from '../../../shared/model/types';

function demo(): Model {
  const r = loadModelText(
    readFileSync('assets/demos/sensor-datastream.yaml', 'utf8'),
    'sensor-datastream.yaml',
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const SEED = {
  method: 'POST',
  path: '/Thingworx/Things/SensorDataStream/Services/GetDataStream',
  credentials: { type: 'basic' as const, user: 'alice' },
  body: {},
};

describe('neighbourhood', () => {
  it("shows alice's nested groups (§3.4) and the Thing-level deny for DataAnalysts as a deny edge (§2.10)", () => {
    const r = neighbourhood(demo(), { type: 'user', name: 'alice' });
    if (!r.ok) throw new Error(r.message);
    const ids = new Set(r.value.nodes.map(n => n.id));
    expect(ids.has('group:DataAnalysts') && ids.has('group:Operators')).toBe(true);
    expect(r.value.edges.some(e => e.id === 'member:group:DataAnalysts>group:Operators')).toBe(
      true,
    );
    const deny = r.value.edges.find(
      e => e.kind === 'permission' && e.allow === false && e.target === 'thing:SensorDataStream',
    );
    expect(deny?.label).toBe('Deny ServiceInvoke · GetDataStream · entity');
    expect(deny?.help).toContain('§9.6');
    // Every edge joins two nodes of the view.
    for (const e of r.value.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  });

  it("shows an entity's levels and grantees: template chain, collection, the groups named by entries", () => {
    const r = neighbourhood(demo(), { type: 'thing', name: 'SensorDataStream' });
    if (!r.ok) throw new Error(r.message);
    const ids = new Set(r.value.nodes.map(n => n.id));
    for (const id of [
      'template:SensorTemplate',
      'collection:Things',
      'group:DataAnalysts',
      'group:Operators',
    ])
      expect(ids.has(id)).toBe(true);
    expect(r.value.nodes.find(n => n.focus)?.id).toBe('thing:SensorDataStream');
  });

  it('names an unknown focus plainly', () => {
    expect(neighbourhood(demo(), { type: 'group', name: 'Nobody' })).toEqual({
      ok: false,
      code: 'not-found',
      message: "No group named 'Nobody' in the model.",
    });
  });

  it('folds users and Things into counted aggregates past the guard, keeping every edge attached', () => {
    const m = generateModel('S', 42);
    const group = Object.values(m.groups).find(
      g => !g.builtin && Object.values(m.users).filter(u => u.groups.includes(g.name)).length > 30,
    );
    if (!group) throw new Error('generator gave no large group');
    const open = neighbourhood(m, { type: 'group', name: group.name }, { guard: 1000 });
    const folded = neighbourhood(m, { type: 'group', name: group.name }, { guard: 20 });
    if (!open.ok || !folded.ok) throw new Error('focus missing');
    expect(folded.value.aggregated).toBe(true);
    expect(folded.value.nodes.length).toBeLessThan(open.value.nodes.length);
    const agg = folded.value.nodes.filter(n => n.kind === 'aggregate');
    // Counts add up: every folded element is in the table once.
    expect(agg.reduce((s, n) => s + (n.count ?? 0), 0)).toBe(folded.value.table.length);
    expect(folded.value.total).toBe(open.value.nodes.length);
    const ids = new Set(folded.value.nodes.map(n => n.id));
    for (const e of folded.value.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  });
});

describe('folding a size-M user view', () => {
  // bench/generator.ts, size M: user00027 reaches ~10,000 elements through 21 groups, ~200 templates.
  const m = generateModel('M', 42);
  const focus = { type: 'user' as const, name: 'user00027' };

  it("folds each principal's entries into one counted node, so the view reads user -> group -> its entries", () => {
    const r = neighbourhood(m, focus);
    if (!r.ok) throw new Error('focus missing');
    const v = r.value;
    expect(v.aggregated).toBe(true);
    expect(v.nodes.length).toBeLessThanOrEqual(150);
    const entries = v.nodes.filter(n => n.id.startsWith('agg:entries:'));
    expect(entries.length).toBeGreaterThan(10);
    for (const f of entries) {
      expect(f.label).toMatch(/^Entries of \S+$/);
      expect(f.sub).toMatch(/^\d+ entries on [\d,]+ elements$/);
    }
    // One entry edge per principal, labelled with its allow/deny split (§2.8, §9.6).
    const perms = v.edges.filter(e => e.kind === 'permission');
    expect(new Set(perms.map(e => e.source)).size).toBe(perms.length);
    const grp = perms.find(e => e.target === 'agg:entries:group:Grp0356');
    expect(grp?.source).toBe('group:Grp0356');
    expect(grp?.label).toMatch(/^\d+ allow, \d+ deny$/);
    // Readable: about one edge per node (memberships, unit tree, one entry edge per group).
    expect(v.edges.length).toBeLessThanOrEqual(70);
    expect(v.table.length).toBeGreaterThan(0);
    const ids = new Set(v.nodes.map(n => n.id));
    for (const e of v.edges) {
      expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      expect(e.source).not.toBe(e.target);
    }
    expect(v.nodes.find(n => n.focus)?.id).toBe('user:user00027');
  });

  it("opens one group's entries on request, templates folded by granting principal, then one fold's templates", () => {
    const group = neighbourhood(m, focus, { expand: ['agg:entries:group:Grp0356'] });
    if (!group.ok) throw new Error('focus missing');
    const ids = new Set(group.value.nodes.map(n => n.id));
    expect(ids.has('agg:entries:group:Grp0356')).toBe(false);
    const fold = group.value.nodes.find(
      n => n.id.startsWith('agg:template:') && (n.count ?? 0) > 2,
    );
    if (!fold) throw new Error('no template fold');
    expect(fold.label).toMatch(/^\d+ templates$/);
    expect(fold.sub).toMatch(/^(granted to \S+|no entry of their own)/);
    const open = neighbourhood(m, focus, { expand: ['agg:entries:group:Grp0356', fold.id] });
    if (!open.ok) throw new Error('focus missing');
    expect(open.value.nodes.some(n => n.id === fold.id)).toBe(false);
    expect(open.value.nodes.filter(n => n.kind === 'template').length).toBeGreaterThan(
      group.value.nodes.filter(n => n.kind === 'template').length,
    );
    // Instances of one template: one counted node per template (expand on click).
    expect(open.value.nodes.some(n => /^\d+ Things$/.test(n.label))).toBe(true);
  });
});

describe('decisionPath', () => {
  it('marks user -> DataAnalysts -> entity-level deny -> SensorDataStream, and the instance allow that lost (§9.6)', () => {
    const m = demo();
    const view = decisionPath(m, SEED, evaluate(m, SEED));
    expect(view.summary).toBe(
      '403 · Not authorized for ServiceInvoke on GetDataStream in SensorDataStream',
    );
    const onPath = view.edges.filter(e => e.mark === 'path').map(e => e.id);
    expect(onPath).toContain('member:user:alice>group:DataAnalysts');
    expect(onPath).toContain(
      'perm:group:DataAnalysts>thing:SensorDataStream|entity|GetDataStream|deny',
    );
    const lost = view.edges.filter(e => e.mark === 'lost');
    expect(lost.map(e => e.id)).toEqual([
      'perm:group:Operators>template:SensorTemplate|instance|*|allow',
    ]);
    for (const id of ['user:alice', 'group:DataAnalysts', 'thing:SensorDataStream'])
      expect(view.nodes.find(n => n.id === id)?.mark).toBe('path');
  });

  it('draws only the target for an unauthenticated call (§9.1)', () => {
    const m = demo();
    const req = { ...SEED, credentials: { type: 'none' as const } };
    const view = decisionPath(m, req, evaluate(m, req));
    expect(view.summary?.startsWith('401')).toBe(true);
    expect(view.nodes.map(n => n.id)).toEqual(['thing:SensorDataStream']);
  });
});

describe('matrix', () => {
  it('agrees cell by cell with the `*` rows of the effective permission table (§9.1-9.6)', () => {
    for (const m of [demo(), generateModel('S', 7)]) {
      const axes = matrixAxes(m);
      const users = axes.users.slice(0, 12);
      const things = axes.things.slice(0, 15);
      const cells = matrixCells(m, users, things, axes.kinds);
      let i = 0;
      for (const user of users) {
        for (const thing of things) {
          const rows = effectiveTable(m, user, { collection: 'Things', name: thing });
          for (const kind of axes.kinds) {
            const code = cells[i++] as string;
            const row = rows.find(r => r.characteristic === '*' && r.kind === kind);
            if (code === 'u') expect(m.things[thing]?.enabled).toBe(false);
            else
              expect([user, thing, kind, codeStatus(code)]).toEqual([
                user,
                thing,
                kind,
                row?.status,
              ]);
          }
        }
      }
      expect(i).toBe(cells.length);
    }
  });

  it('filters users by group membership (nested, §3.4) and Things by template chain', () => {
    const m = demo();
    expect(matrixAxes(m, { group: 'Operators' }).users).toEqual(['alice', 'bob', 'carol']);
    expect(matrixAxes(m, { template: 'SensorTemplate' }).things).toEqual(['SensorDataStream']);
    expect(matrixAxes(m, { kinds: ['ServiceInvoke', 'PropertyRead'] }).kinds).toEqual([
      'PropertyRead',
      'ServiceInvoke',
    ]);
  });

  it('marks alice x SensorDataStream x ServiceInvoke as an override: 200 on * but GetDataStream is denied (§2.7, §2.9)', () => {
    const m = demo();
    const axes = matrixAxes(m);
    const win = matrixWindow(m, ['alice'], ['SensorDataStream'], axes.kinds);
    const si = axes.kinds.indexOf('ServiceInvoke');
    expect(win.cells[si]).toBe('2');
    expect(win.overrides).toContain(si);
    expect(cellOverrides(m, 'alice', 'SensorDataStream', 'ServiceInvoke')).toEqual([
      'GetDataStream',
    ]);
    // The same call in the pipeline: 403 on the named service.
    const d = evaluate(m, {
      method: 'POST',
      path: '/Thingworx/Things/SensorDataStream/Services/GetDataStream',
      credentials: { type: 'basic', user: 'alice' },
      body: {},
    });
    expect(d.status).toBe(403);
    // The window's flags are exactly the cells with a non-empty override list.
    const all = matrixWindow(m, axes.users, axes.things, axes.kinds);
    const flagged: number[] = [];
    let i = 0;
    for (const user of axes.users)
      for (const thing of axes.things)
        for (const kind of axes.kinds) {
          if (cellOverrides(m, user, thing, kind).length > 0) flagged.push(i);
          i++;
        }
    expect(all.overrides).toEqual(flagged);
    expect(all.cells).toBe(matrixCells(m, axes.users, axes.things, axes.kinds));
  });

  it('answers 401 for the locked user carol everywhere (§3.11)', () => {
    const m = demo();
    const axes = matrixAxes(m);
    expect(matrixCells(m, ['carol'], axes.things, axes.kinds)).toMatch(/^1+$/);
  });
});
