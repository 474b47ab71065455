/**
 * The `whatif:*` contract calls through the real handler map and a real project file: scenarios
 * persist in the project (migration 2), run by id, fix suggestions on top of the current scenario,
 * apply as one undoable edit, and bad arguments come back as data with the place.
 */
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, runMigrations } from '../../../main/store';
import { openWritable } from '../../../main/store/sql';
import type { Scenario } from '../../../shared/whatif';
import { demoProjects, GET_DATA_STREAM as STREAM, REMOVE_ANALYSTS_DENY } from '../demo-project';

const { path: inDir, openApi } = demoProjects('permsim-whatif-');

const removeDeny: Scenario = {
  name: 'Remove the analysts deny',
  changes: [REMOVE_ANALYSTS_DENY],
  watch: { users: ['alice', 'bob'], calls: [STREAM] },
};

describe('whatif:* contract calls', () => {
  it('stores a scenario in the project, runs it by id, and keeps it across reopening', async () => {
    const path = inDir('a.permsim');
    const api = openApi(path, true);
    const saved = await api.call('whatif:save', { scenario: removeDeny });
    if (!saved.ok) throw new Error(saved.error.message);
    const run = await api.call('whatif:run', { scenario: { id: saved.value.id } });
    if (!run.ok) throw new Error(run.error.message);
    expect(
      run.value.diff.cells.map(
        c => `${c.caller.name} ${c.before.status}->${c.after.status} ${c.change}`,
      ),
    ).toEqual(['alice 403->200 gained']);
    await api.close();
    const again = openApi(path, false);
    const list = await again.call('whatif:list', {});
    expect(list.ok && list.value.map(s => [s.id, s.name, s.changes.length])).toEqual([
      [saved.value.id, 'Remove the analysts deny', 1],
    ]);
    expect((await again.call('whatif:delete', { id: saved.value.id })).ok).toBe(true);
    const gone = await again.call('whatif:run', { scenario: { id: saved.value.id } });
    expect(gone.ok || gone.error).toMatchObject({ code: 'not-found' });
    await again.close();
  });

  it('suggests fixes on top of the current scenario, and applying the scenario is one undoable edit', async () => {
    const api = openApi(inDir('b.permsim'), true);
    const fixes = await api.call('whatif:suggest-fixes', {
      caller: { type: 'user', name: 'dana' },
      call: STREAM,
      changes: removeDeny.changes,
      max: 3,
    });
    if (!fixes.ok) throw new Error(fixes.error.message);
    expect(fixes.value.before.status).toBe(403);
    expect(fixes.value.suggestions[0]?.after.status).toBe(200);
    // The UI turns a suggestion into the next change of the scenario.
    const extended: Scenario = {
      ...removeDeny,
      changes: [...removeDeny.changes, fixes.value.suggestions[0]!.change],
      watch: { users: ['dana'], calls: [STREAM] },
    };
    const applied = await api.call('whatif:apply', { scenario: extended });
    if (!applied.ok) throw new Error(applied.error.message);
    expect(applied.value.canUndo).toBe(true);
    const ask = await api.call('engine:ask', {
      request: {
        method: 'POST',
        path: '/Thingworx/Things/SensorDataStream/Services/GetDataStream',
        credentials: { type: 'basic', user: 'dana' },
        body: {},
      },
    });
    expect(ask.ok && ask.value.status).toBe(200);
    await api.call('model:undo', {});
    const back = await api.call('engine:ask', {
      request: {
        method: 'POST',
        path: '/Thingworx/Things/SensorDataStream/Services/GetDataStream',
        credentials: { type: 'basic', user: 'dana' },
        body: {},
      },
    });
    expect(back.ok && back.value.status).toBe(403);
    await api.close();
  });

  it('answers bad input as data: an unknown change type, a change that does not apply, a bad scope', async () => {
    const api = openApi(inDir('c.permsim'), true);
    const r1 = await api.dispatch('whatif:run', {
      scenario: {
        name: 'x',
        changes: [
          { type: 'add-membership', member: { type: 'user', name: 'alice' }, group: 'Nope' },
        ],
      },
    });
    expect(r1.ok || r1.error.message).toMatch(/change 1 \(add user:alice to group Nope\)/);
    const r2 = await api.dispatch('whatif:run', {
      scenario: { name: 'x', changes: [] },
      scope: { kind: 'everything' },
    });
    expect(r2.ok || r2.error.code).toBe('invalid-argument');
    const r3 = await api.dispatch('whatif:suggest-fixes', {
      caller: { type: 'user', name: 'alice' },
      call: 'FETCH /x',
    });
    expect(r3.ok || r3.error.message).toMatch(/FETCH \/x/);
    await api.close();
  });
});

describe('whatif:summary, whatif:explain, whatif:replay-counts (the workbench at any size, docs/whatif.md)', () => {
  // Operators gain PropertyWrite on every SensorTemplate instance (§2.3 template instance level):
  // several users x several properties change, enough to page and filter.
  const writeForOperators: Scenario = {
    name: 'Operators write sensors',
    changes: [
      {
        type: 'add-entry',
        target: { level: 'instance', template: 'SensorTemplate' },
        entry: {
          family: 'runtime',
          kind: 'PropertyWrite',
          resource: '*',
          principal: { type: 'group', name: 'Operators' },
          allow: true,
        },
      },
      removeDeny.changes[0] as Scenario['changes'][number],
    ],
  };
  const line = (c: {
    caller: { name: string };
    call: string;
    before: { status: number };
    after: { status: number };
    change: string;
  }) => `${c.caller.name} ${c.call} ${c.before.status}->${c.after.status} ${c.change}`;

  it('lists the same changed cells as the full diff, a page at a time, and explains any of them as the full diff does', async () => {
    const api = openApi(inDir('summary.permsim'), true);
    const full = await api.call('whatif:run', { scenario: writeForOperators });
    if (!full.ok) throw new Error(full.error.message);
    const all = full.value.diff.cells.map(line);
    expect(all.length).toBeGreaterThan(3);
    const first = await api.call('whatif:summary', { scenario: writeForOperators, limit: 2 });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.counts).toEqual(full.value.diff.counts);
    expect(first.value.blastRadius).toEqual(full.value.diff.blastRadius);
    expect(first.value.matching).toBe(all.length);
    expect(first.value.cells.map(line)).toEqual(all.slice(0, 2));
    const rest = await api.call('whatif:summary', {
      scenario: writeForOperators,
      offset: 2,
      limit: 1000,
    });
    expect(rest.ok && rest.value.cells.map(line)).toEqual(all.slice(2));
    // Filters: by class, by rectangle (exactly its cells), by text.
    const gained = await api.call('whatif:summary', {
      scenario: writeForOperators,
      filter: { change: ['gained'] },
      limit: 1000,
    });
    expect(gained.ok && gained.value.cells.map(line)).toEqual(
      full.value.diff.cells.filter(c => c.change === 'gained').map(line),
    );
    const rect = await api.call('whatif:summary', {
      scenario: writeForOperators,
      filter: { rectangle: 0 },
      limit: 1000,
    });
    expect(rect.ok && rect.value.matching).toBe(full.value.diff.blastRadius[0]?.cells);
    const alice = await api.call('whatif:summary', {
      scenario: writeForOperators,
      filter: { text: 'ALICE' },
      limit: 1000,
    });
    expect(alice.ok && alice.value.cells.map(line)).toEqual(
      all.filter(l => l.startsWith('alice ')),
    );
    // The asked cell (a fix's goal) is found wherever it is, and its place among the matching cells.
    const focus = await api.call('whatif:summary', {
      scenario: writeForOperators,
      limit: 1,
      focus: { caller: { type: 'user', name: 'alice' }, call: STREAM },
    });
    expect(focus.ok && focus.value.focus && line(focus.value.focus.cell)).toBe(
      `alice ${STREAM} 403->200 gained`,
    );
    expect(focus.ok && focus.value.focus?.index).toBe(
      all.indexOf(`alice ${STREAM} 403->200 gained`),
    );
    // Both explanations, as the full diff gives them.
    const cell = full.value.diff.cells[1];
    if (!cell) throw new Error('no cell');
    const ex = await api.call('whatif:explain', {
      scenario: writeForOperators,
      caller: cell.caller,
      call: cell.call,
    });
    expect(ex.ok && ex.value).toEqual({ before: cell.before, after: cell.after });
    await api.close();
  });

  it('steps, compares with another scenario, counts each change alone, and refuses bad arguments with their place', async () => {
    const api = openApi(inDir('summary2.permsim'), true);
    const step1 = await api.call('whatif:summary', {
      scenario: writeForOperators,
      upTo: 1,
      focus: { caller: { type: 'user', name: 'alice' }, call: STREAM },
    });
    if (!step1.ok) throw new Error(step1.error.message);
    expect(step1.value.applied).toBe(1);
    expect(step1.value.focus).toBeNull(); // the Deny still decides for alice at step 1 (§2.8)
    // Against the Deny removal alone: only the PropertyWrite cells differ.
    const against = await api.call('whatif:summary', {
      scenario: writeForOperators,
      against: removeDeny,
      limit: 1000,
    });
    if (!against.ok) throw new Error(against.error.message);
    expect(against.value.against).toBe('Remove the analysts deny');
    expect(against.value.counts.total).toBe(step1.value.counts.total);
    expect(new Set(against.value.cells.map(c => c.kind))).toEqual(new Set(['PropertyWrite']));
    const counts = await api.call('whatif:replay-counts', { scenario: writeForOperators });
    expect(counts.ok && counts.value.map(s => [s.index, s.counts.total])).toEqual([
      [0, step1.value.counts.total],
      // Removing the Deny: alice, and her key analyst-key from inside its allowlist (§3.9).
      [1, 2],
    ]);
    const bad = await api.call('whatif:summary', {
      scenario: writeForOperators,
      filter: { change: ['won'] },
    } as never);
    expect(!bad.ok && bad.error.code).toBe('invalid-argument');
    expect(!bad.ok && bad.error.message).toContain('filter.change[0]');
    const off = await api.call('whatif:explain', {
      scenario: writeForOperators,
      caller: { type: 'user', name: 'alice' },
      call: 'GET /Thingworx/Things/Nope/Properties/x',
    });
    expect(!off.ok && off.error.code).toBe('not-found');
    await api.close();
  });
});

describe('migration 2 (scenarios)', () => {
  it('adds the scenarios table to a version-1 file and nothing else changes', () => {
    const db = openWritable(inDir('m.db'), { create: true });
    runMigrations(db, MIGRATIONS.slice(0, 1));
    const tables = () =>
      (
        db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
          name: string;
        }[]
      ).map(t => t.name);
    const before = tables();
    expect(runMigrations(db)).toContain(2);
    expect(tables()).toEqual([...before, 'scenarios'].sort());
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(2);
    db.close();
  });
});
