/**
 * Scenarios remember their baseline (docs/whatif.md "Applied scenarios"), through the real handler
 * map and a real project file: the revision a scenario was saved on, the applied mark, the export of
 * an applied scenario against the baseline it was applied to, and revert as one undoable edit; the
 * mark survives reopening the file, and a file of schema 2 is migrated.
 */
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, runMigrations } from '../../../main/store';
import { openWritable } from '../../../main/store/sql';
import type { Scenario } from '../../../shared/whatif';
import { demoProjects, REMOVE_ANALYSTS_DENY } from '../demo-project';

const STREAM = {
  method: 'POST' as const,
  path: '/Thingworx/Things/SensorDataStream/Services/GetDataStream',
  credentials: { type: 'basic' as const, user: 'alice' },
  body: {},
};
const { path: inDir, openApi } = demoProjects('permsim-baseline-');

const removeDeny: Scenario = {
  name: 'Remove the analysts deny',
  changes: [REMOVE_ANALYSTS_DENY],
};

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('a scenario remembers its baseline', () => {
  it('is applied, exported against its baseline, reverted, and keeps the mark across reopening', async () => {
    const path = inDir('applied.permsim');
    let api = openApi(path, true);
    const rev0 = must(await api.call('project:info', {})).revision;
    const saved = must(await api.call('whatif:save', { scenario: removeDeny }));
    expect(saved.baselineRevision).toBe(rev0);
    expect(saved.applied).toBeUndefined();

    const before = must(await api.call('engine:ask', { request: STREAM })).status;
    const applied = must(await api.call('whatif:apply', { scenario: { id: saved.id } }));
    expect(applied.revision).toBe(rev0 + 1);
    expect(must(await api.call('engine:ask', { request: STREAM })).status).toBe(200);
    expect(before).not.toBe(200);
    const listed = must(await api.call('whatif:list', {})).find(x => x.id === saved.id);
    expect(listed?.applied?.revision).toBe(applied.revision);

    // An unrelated later edit: the export still describes the scenario on its own baseline.
    must(await api.call('model:edit', { edit: { type: 'add-user', name: 'zoe' } }));
    const exported = must(
      await api.call('whatif:export-changes', { scenario: { id: saved.id }, format: 'script' }),
    );
    expect(exported.items).toBe(1);
    expect(exported.text).toContain('SensorDataStream');
    // Its diff is still shown: the cells it changed on its baseline.
    const page = must(await api.call('whatif:summary', { scenario: { id: saved.id } }));
    expect(page.counts.gained).toBeGreaterThan(0);
    // Applying it again is refused, with the reason; nothing is written.
    const again = await api.call('whatif:apply', { scenario: { id: saved.id } });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toMatch(/already applied.*revert it first/);
    await api.close();

    // Reopened: still applied, still exportable.
    api = openApi(path, false);
    const reopened = must(await api.call('whatif:list', {})).find(x => x.id === saved.id);
    expect(reopened?.applied?.revision).toBe(applied.revision);
    must(await api.call('whatif:export-changes', { scenario: { id: saved.id }, format: 'xml' }));

    // Revert: one undoable edit restoring the baseline's state of what it changed; zoe stays.
    const reverted = must(await api.call('whatif:revert', { id: saved.id }));
    expect(reverted.canUndo).toBe(true);
    expect(must(await api.call('engine:ask', { request: STREAM })).status).toBe(before);
    expect(must(await api.call('model:element', { kind: 'user', name: 'zoe' })).name).toBe('zoe');
    const draft = must(await api.call('whatif:list', {})).find(x => x.id === saved.id);
    expect(draft?.applied).toBeUndefined();
    expect(draft?.baselineRevision).toBe(reverted.revision);
    // Undo of the revert brings the change back.
    must(await api.call('model:undo', {}));
    expect(must(await api.call('engine:ask', { request: STREAM })).status).toBe(200);
    const notApplied = await api.call('whatif:revert', { id: saved.id });
    expect(notApplied.ok).toBe(false);
    if (!notApplied.ok) expect(notApplied.error.message).toMatch(/is not applied/);
    await api.close();
  });

  it('an apply undone with Undo is not shown applied; Redo shows it again', async () => {
    const api = openApi(inDir('undo.permsim'), true);
    const saved = must(await api.call('whatif:save', { scenario: removeDeny }));
    must(await api.call('whatif:apply', { scenario: { id: saved.id } }));
    must(await api.call('model:undo', {}));
    const undone = must(await api.call('whatif:list', {}))[0];
    expect(undone?.applied).toBeUndefined();
    const notApplied = await api.call('whatif:revert', { id: saved.id });
    expect(notApplied.ok).toBe(false);
    must(await api.call('model:redo', {}));
    expect(must(await api.call('whatif:list', {}))[0]?.applied).toBeDefined();
    await api.close();
  });

  it('a rename keeps the applied mark; new changes make it a draft on the current revision', async () => {
    const api = openApi(inDir('rename.permsim'), true);
    const saved = must(await api.call('whatif:save', { scenario: removeDeny }));
    must(await api.call('whatif:apply', { scenario: { id: saved.id } }));
    const renamed = must(
      await api.call('whatif:save', { id: saved.id, scenario: { ...removeDeny, name: 'Renamed' } }),
    );
    expect(renamed.applied).toBeDefined();
    const changed = must(
      await api.call('whatif:save', { id: saved.id, scenario: { name: 'Other', changes: [] } }),
    );
    expect(changed.applied).toBeUndefined();
    expect(changed.baselineRevision).toBe(must(await api.call('project:info', {})).revision);
    await api.close();
  });

  it('migrates a schema-2 file: its scenarios keep working, with no baseline recorded', async () => {
    const path = inDir('v2.permsim');
    const first = openApi(path, true);
    await first.close();
    const db = openWritable(path, { create: false });
    db.exec('DROP TABLE scenarios');
    db.pragma('user_version = 1');
    runMigrations(db, MIGRATIONS.slice(0, 2));
    db.prepare('INSERT INTO scenarios(name, json, updated_at) VALUES (?, ?, ?)').run(
      removeDeny.name,
      JSON.stringify(removeDeny),
      '2026-01-01T00:00:00.000Z',
    );
    db.close();
    const api = openApi(path, false);
    const [old] = must(await api.call('whatif:list', {}));
    expect(old?.name).toBe(removeDeny.name);
    expect(old?.baselineRevision).toBeUndefined();
    must(await api.call('whatif:apply', { scenario: { id: old!.id } }));
    must(await api.call('whatif:revert', { id: old!.id }));
    await api.close();
  });
});
