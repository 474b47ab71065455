import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  APPLICATION_ID,
  HISTORY_CAP,
  MIGRATIONS,
  SCHEMA_VERSION,
  blankModel,
  openProject,
  runMigrations,
} from '../../../main/store';
import type { Migration, ProjectStore } from '../../../main/store';
import { openWritable } from '../../../main/store/sql';
import type { Model } from '../../../shared/model/types';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const addUser = (m: Model, name: string): Model => ({
  ...m,
  users: { ...m.users, [name]: { name, enabled: true, locked: false, groups: ['Users'] } },
});

function open(path = join(dir, 'p.permsim'), model: Model = blankModel('Plant')): ProjectStore {
  const r = openProject(path, { create: true, model });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('creating and reopening a project', () => {
  it('creates a WAL SQLite file with our application id and schema version', () => {
    const path = join(dir, 'p.permsim');
    open(path).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const strict = db
      .prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
      .all() as { name: string; sql: string }[];
    expect(strict.length).toBeGreaterThanOrEqual(5);
    for (const t of strict) expect(t.sql, t.name).toMatch(/STRICT\s*$/);
    db.close();
  });

  it('keeps the model, element order, saved requests and metadata across reopen', () => {
    const path = join(dir, 'p.permsim');
    const p = open(path);
    let m = addUser(addUser(p.model(), 'zoe'), 'alice');
    m = {
      ...m,
      requests: [{ as: 'alice', call: 'GET /Thingworx/Things/T1', expect: { status: 200 } }],
    };
    expect(p.commit({ type: 'add-user', name: 'zoe' }, m).ok).toBe(true);
    const before = p.info();
    p.close();
    const q = open(path);
    expect(q.model()).toEqual(m);
    expect(Object.keys(q.model().users)).toEqual(['zoe', 'alice']);
    expect(q.info()).toMatchObject({
      modelName: 'Plant',
      revision: 1,
      canUndo: true,
      canRedo: false,
      createdAt: before.createdAt,
    });
    q.close();
  });

  it("keeps the model's pinned evaluation time (now:) across reopen, so a project answers as its file does", () => {
    const path = join(dir, 'p.permsim');
    const pinned = { ...blankModel('Plant'), now: '2026-01-01T00:00:00Z' };
    const p = open(path, pinned);
    expect(p.model().now).toBe('2026-01-01T00:00:00Z');
    p.close();
    const q = open(path);
    expect(q.model().now).toBe('2026-01-01T00:00:00Z');
    // Dropping the pin is an edit like any other, and undo brings it back.
    const { now: _dropped, ...unpinned } = q.model();
    expect(q.commit({ type: 'add-user', name: 'zoe' }, unpinned).ok).toBe(true);
    expect(q.model().now).toBeUndefined();
    q.close();
    const r = open(path);
    expect(r.model().now).toBeUndefined();
    expect(r.undo().ok).toBe(true);
    expect(r.model().now).toBe('2026-01-01T00:00:00Z');
    r.close();
  });

  it('refuses to open a missing file unless asked to create it', () => {
    const r = openProject(join(dir, 'none.permsim'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'not-found' });
  });

  it('a stale -wal left by a deleted project of the same name is not replayed into a new one', () => {
    const path = join(dir, 'p.permsim');
    const p = open(path);
    p.commit({}, addUser(p.model(), 'ghost'));
    // Simulate a crash: keep the WAL, then delete only the database file.
    copyFileSync(`${path}-wal`, join(dir, 'saved-wal'));
    p.close();
    rmSync(path);
    copyFileSync(join(dir, 'saved-wal'), `${path}-wal`);
    const q = open(path);
    expect(q.model().users).toEqual({});
    q.close();
  });

  it('leaves no temporary files after creating', () => {
    open(join(dir, 'p.permsim')).close();
    expect(readdir()).toEqual(['p.permsim']);
  });
});

function readdir(): string[] {
  return readdirSync(dir).sort();
}

describe('files PermSim did not write are refused untouched', () => {
  const expectRefused = (path: string, code: string, pattern: RegExp) => {
    const bytes = readFileSync(path);
    const r = openProject(path, { create: true });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(pattern);
      expect(r.error.message).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(path).equals(bytes)).toBe(true);
  };

  it('garbage bytes: file-corrupt, bytes unchanged', () => {
    const path = join(dir, 'x.permsim');
    writeFileSync(path, Buffer.from('this is not a database at all, just some text\n'.repeat(20)));
    expectRefused(path, 'file-corrupt', /not a SQLite database/);
  });

  it('an empty file: file-corrupt', () => {
    const path = join(dir, 'empty.permsim');
    writeFileSync(path, '');
    expectRefused(path, 'file-corrupt', /empty/);
  });

  it('another application’s SQLite file: file-foreign, bytes unchanged', () => {
    const path = join(dir, 'other.db');
    const db = new Database(path);
    db.exec(
      "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes(text) VALUES ('hi');",
    );
    db.close();
    expectRefused(path, 'file-foreign', /another application/);
  });

  it('a project from a newer PermSim: file-newer, bytes unchanged', () => {
    const path = join(dir, 'newer.permsim');
    open(path).close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    expectRefused(path, 'file-newer', /newer PermSim .*schema \d+; this version reads up to \d+/);
  });

  it('a truncated project: file-corrupt, bytes unchanged', () => {
    const path = join(dir, 'p.permsim');
    const p = open(path);
    let m = p.model();
    for (let i = 0; i < 300; i++) m = addUser(m, `user${i}-${'x'.repeat(200)}`);
    p.commit({ type: 'bulk' }, m);
    p.close();
    const bytes = readFileSync(path);
    const cut = join(dir, 'cut.permsim');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expectRefused(cut, 'file-corrupt', /damaged|cannot be read/);
  });

  it('our application id without our tables: file-corrupt', () => {
    const path = join(dir, 'half.permsim');
    const db = new Database(path);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('user_version = 1');
    db.exec('CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT');
    db.close();
    expectRefused(path, 'file-corrupt', /missing/);
  });
});

describe('undo and redo', () => {
  it('undo restores the previous model, redo the next, and both persist', () => {
    const path = join(dir, 'p.permsim');
    const p = open(path);
    const m0 = p.model();
    const m1 = addUser(m0, 'alice');
    const m2 = { ...addUser(m1, 'bob'), name: 'Renamed' };
    p.commit({ type: 'add-user', name: 'alice' }, m1);
    p.commit({ type: 'add-user', name: 'bob' }, m2);
    expect(p.undo().ok).toBe(true);
    expect(p.model()).toEqual(m1);
    p.close();
    const q = open(path);
    expect(q.model()).toEqual(m1);
    expect(q.info()).toMatchObject({ canUndo: true, canRedo: true, revision: 3 });
    expect(q.redo().ok).toBe(true);
    expect(q.model()).toEqual(m2);
    expect(q.info().modelName).toBe('Renamed');
    expect(q.undo().ok && q.undo().ok).toBe(true);
    expect(q.model()).toEqual(m0);
    const none = q.undo();
    expect(none.ok).toBe(false);
    if (!none.ok)
      expect(none.error).toEqual({ code: 'nothing-to-undo', message: 'Nothing to undo.' });
    q.close();
    const r = open(path);
    expect(r.model()).toEqual(m0);
    r.close();
  });

  it('a new change after undo discards the redo branch', () => {
    const p = open();
    const m1 = addUser(p.model(), 'alice');
    p.commit({ type: 'add-user', name: 'alice' }, m1);
    p.undo();
    p.commit({ type: 'add-user', name: 'carol' }, addUser(p.model(), 'carol'));
    expect(p.info().canRedo).toBe(false);
    expect(p.history().map(h => h.edit)).toEqual([{ type: 'add-user', name: 'carol' }]);
    p.close();
  });

  it('restores removals and key order on undo', () => {
    const p = open();
    const m1 = addUser(addUser(addUser(p.model(), 'a'), 'b'), 'c');
    p.commit({ type: 'x' }, m1);
    const { b: _b, ...rest } = m1.users;
    p.commit({ type: 'remove-user', name: 'b' }, { ...m1, users: rest });
    p.undo();
    expect(Object.keys(p.model().users)).toEqual(['a', 'b', 'c']);
    p.close();
  });

  it(`keeps at most ${HISTORY_CAP} revisions`, () => {
    const p = open();
    for (let i = 0; i < HISTORY_CAP + 5; i++) p.commit({ i }, addUser(p.model(), `u${i}`));
    expect(p.history()).toHaveLength(HISTORY_CAP);
    let undos = 0;
    while (p.undo().ok) undos++;
    expect(undos).toBe(HISTORY_CAP);
    expect(Object.keys(p.model().users)).toHaveLength(5);
    p.close();
  });
});

describe('every save is one transaction', () => {
  it('a save that fails half-way leaves the last saved state, in memory and on disk', () => {
    const path = join(dir, 'p.permsim');
    const p = open(path);
    const m1 = addUser(p.model(), 'alice');
    p.commit({ type: 'add-user' }, m1);
    // The second user cannot be serialised: the failure happens after the first row was written.
    const bad = {
      ...addUser(m1, 'bob'),
      users: {
        ...addUser(m1, 'bob').users,
        zed: {
          toJSON: () => {
            throw new Error('boom');
          },
        },
      },
    } as unknown as Model;
    const r = p.commit({ type: 'bad' }, bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/last saved state is unchanged/);
    expect(p.model()).toEqual(m1);
    p.close();
    const q = open(path);
    expect(q.model()).toEqual(m1);
    expect(q.info().revision).toBe(1);
    q.close();
  });

  it('a copy of the file taken between saves (as after a crash) opens with the last saved state', () => {
    const path = join(dir, 'p.permsim');
    const p = open(path);
    const m1 = addUser(p.model(), 'alice');
    p.commit({}, m1);
    // Simulate a kill: copy the database and its WAL while the connection is still open.
    const crash = join(dir, 'crash.permsim');
    copyFileSync(path, crash);
    copyFileSync(`${path}-wal`, `${crash}-wal`);
    p.close();
    const q = open(crash);
    expect(q.model()).toEqual(m1);
    q.close();
  });
});

describe('migrations', () => {
  it('migration 1 creates every table from an empty file and sets user_version 1', () => {
    const db = openWritable(join(dir, 'm.db'), { create: true });
    expect(runMigrations(db, MIGRATIONS.slice(0, 1))).toEqual([1]);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map(t => t.name);
    expect(tables).toEqual(['elements', 'meta', 'model_values', 'revisions', 'saved_requests']);
    expect(runMigrations(db)).toEqual(MIGRATIONS.slice(1).map(m => m.version));
    db.close();
  });

  it('a failing migration rolls back entirely and leaves user_version where it was', () => {
    const db = openWritable(join(dir, 'm.db'), { create: true });
    runMigrations(db);
    const failing: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE extra(x INTEGER) STRICT');
        throw new Error('disk full');
      },
    };
    expect(() => runMigrations(db, [...MIGRATIONS, failing])).toThrow(/disk full/);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(
      db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'extra'").get(),
    ).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a gap in the numbering', () => {
    const db = openWritable(join(dir, 'm.db'), { create: true });
    expect(() => runMigrations(db, [{ version: 2, name: 'gap', up: () => undefined }])).toThrow(
      /does not follow version 0/,
    );
    db.close();
  });
});
