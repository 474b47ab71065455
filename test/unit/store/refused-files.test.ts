/**
 * A project file that is refused is only ever read (docs/security.md "The project file"): real
 * SQLite files, in WAL and in DELETE journal mode, with a newer schema or a bad row. Each is refused
 * with a message naming the table and the key, the file keeps its bytes and its journal mode, and no
 * -wal, -shm or -journal file appears beside it. A good file of either mode still opens.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, openProject } from '../../../main/store';
import { loadDemoModel } from '../demo-model';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-refused-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A demo project left by a clean close (no sidecars), then changed by `sql` in `mode`. */
function projectFile(name: string, mode: 'wal' | 'delete', sql: (db: Database.Database) => void) {
  const path = join(dir, name);
  const made = openProject(path, { create: true, model: loadDemoModel() });
  if (!made.ok) throw new Error(made.error.message);
  made.value.close();
  const db = new Database(path);
  db.pragma(`journal_mode = ${mode === 'wal' ? 'WAL' : 'DELETE'}`);
  sql(db);
  db.close();
  expect(readdirSync(dir).filter(f => f.startsWith(name))).toEqual([name]);
  return path;
}

/** Refused with `code` and a message matching `message`; the file is exactly as it was. */
function expectRefusedUntouched(path: string, code: string, message: RegExp): void {
  const bytes = readFileSync(path);
  const r = openProject(path);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe(code);
  expect(r.error.message).toMatch(message);
  expect(readFileSync(path).equals(bytes)).toBe(true);
  for (const side of ['-wal', '-shm', '-journal']) expect(existsSync(`${path}${side}`)).toBe(false);
}

describe('a refused project file is only read', () => {
  for (const mode of ['wal', 'delete'] as const) {
    it(`newer schema, ${mode} journal: refused, no sidecar files, journal mode kept`, () => {
      const path = projectFile(`newer-${mode}.permsim`, mode, db =>
        db.pragma(`user_version = ${SCHEMA_VERSION + 1}`),
      );
      expectRefusedUntouched(path, 'file-newer', /newer PermSim/);
      // The header still says the journal mode it had (bytes 18 and 19: 2 = WAL, 1 = rollback).
      expect(readFileSync(path)[18]).toBe(mode === 'wal' ? 2 : 1);
    });

    it(`a row that is not JSON, ${mode} journal: refused naming the table and key`, () => {
      const path = projectFile(`badjson-${mode}.permsim`, mode, db =>
        db
          .prepare("UPDATE elements SET json = '{bad' WHERE section = 'users' AND key = 'alice'")
          .run(),
      );
      expectRefusedUntouched(
        path,
        'file-corrupt',
        /damaged PermSim project: table elements, row users\/alice: not valid JSON .*The file was not changed\./,
      );
    });
  }

  it('a row of the wrong shape (users.alice = 42) is refused with what was expected', () => {
    const path = projectFile('shape.permsim', 'delete', db =>
      db.prepare("UPDATE elements SET json = '42' WHERE section = 'users' AND key = 'alice'").run(),
    );
    expectRefusedUntouched(
      path,
      'file-corrupt',
      /table elements, row users\/alice: expected object/,
    );
  });

  it('a field of the wrong type names its place in the row', () => {
    const path = projectFile('field.permsim', 'wal', db => {
      const row = db
        .prepare("SELECT json FROM elements WHERE section = 'things' AND key = 'SensorDataStream'")
        .pluck()
        .get() as string;
      const thing = JSON.parse(row) as { permissions: { runtime: { allow: unknown }[] } };
      thing.permissions.runtime[0]!.allow = 'yes';
      db.prepare(
        "UPDATE elements SET json = ? WHERE section = 'things' AND key = 'SensorDataStream'",
      ).run(JSON.stringify(thing));
    });
    expectRefusedUntouched(
      path,
      'file-corrupt',
      /row things\/SensorDataStream: permissions\.runtime\.0\.allow: expected boolean/,
    );
  });

  it('other tables: a saved request, a history delta, a scenario, the revision counter', () => {
    const cases: [string, string, RegExp][] = [
      ["UPDATE saved_requests SET json = '[]' WHERE ord = 0", 'requests', /saved_requests, row 0/],
      [
        "INSERT INTO revisions(seq, edit, delta, at) VALUES (1, 'null', '{\"elements\":1}', 'x')",
        'revisions',
        /table revisions, row 1: elements: expected array/,
      ],
      [
        "INSERT INTO scenarios(id, name, json, updated_at) VALUES (7, 'x', '{\"name\":\"x\"}', 'x')",
        'scenarios',
        /table scenarios, row 7: changes: expected array/,
      ],
      ["UPDATE meta SET value = 'many' WHERE key = 'revision'", 'meta', /table meta, row revision/],
      [
        "INSERT INTO model_values(section, json) VALUES ('__proto__', '{}')",
        'values',
        /table model_values, row __proto__: unknown section/,
      ],
    ];
    for (const [sql, name, message] of cases) {
      const path = projectFile(`${name}.permsim`, 'wal', db => db.prepare(sql).run());
      expectRefusedUntouched(path, 'file-corrupt', message);
    }
  });

  it('good files of both journal modes open (and are then kept in WAL mode)', () => {
    for (const mode of ['wal', 'delete'] as const) {
      const path = projectFile(`good-${mode}.permsim`, mode, () => undefined);
      const r = openProject(path);
      if (!r.ok) throw new Error(r.error.message);
      expect(Object.keys(r.value.model().users)).toContain('alice');
      r.value.close();
    }
  });
});
