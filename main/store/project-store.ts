/**
 * A PermSim project: ONE SQLite file holding the current model (one row per element), the saved
 * requests, an undo/redo history and metadata (architecture.md §5).
 *
 * History: every saved change is a revision holding the edit and the element-level delta that
 * restores the state before it (and after it, for redo). The history keeps the latest
 * HISTORY_CAP revisions; older ones are dropped, so undo stops there. A new change after an undo
 * discards the revisions that could have been redone.
 *
 * Every save is one transaction: the file always holds the last completely saved state.
 *
 * @example
 * const r = openProject('/tmp/demo.permsim', { create: true, model });
 * if (r.ok) { const p = r.value; p.commit({ type: 'add-user', name: 'eve' }, nextModel); p.undo(); p.close(); }
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Result } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import type { Model } from '../../shared/model/types';
import { inspectProjectFile } from './inspect';
import type { ModelDelta, RecordSection, ValueSection } from './model-delta';
import {
  RECORD_SECTIONS,
  VALUE_SECTIONS,
  applyDelta,
  diffModels,
  isEmptyDelta,
} from './model-delta';
import { runMigrations } from './migrations';
import { sqliteScenarioRows } from './scenarios';
import type { ScenarioRows } from './scenarios';
import type { WriteDb } from './sql';
import { APPLICATION_ID, closeDb, inTransaction, openWritable, pragmaNumber } from './sql';
import { readCheckedModel } from './rows';
import { own } from '../../shared/model/own';

/** Revisions kept for undo. Older ones are dropped on save. */
export const HISTORY_CAP = 200;

export type StoreInfo = {
  path: string;
  modelName: string;
  /** Bumps on every saved change, undo and redo included. */
  revision: number;
  canUndo: boolean;
  canRedo: boolean;
  createdAt: string;
  updatedAt: string;
};

export type ProjectStore = {
  readonly path: string;
  model(): Model;
  info(): StoreInfo;
  /** Saves `next` as the current model in one transaction and records `edit` for undo. */
  commit(edit: unknown, next: Model): Result<StoreInfo>;
  undo(): Result<StoreInfo>;
  redo(): Result<StoreInfo>;
  /** The edits recorded in the history, oldest first (for display and tests). */
  history(): { seq: number; edit: unknown; at: string; undone: boolean }[];
  /** The project's what-if scenarios, on this store's connection. */
  readonly scenarios: ScenarioRows;
  /** Lesson progress (docs/lessons.md) as JSON text, kept in `meta`: not a model change, no undo. */
  readonly lessonProgress: { get(): string | undefined; set(json: string): void };
  /** `PRAGMA optimize` and close. Idempotent. */
  close(): void;
};

export type OpenOptions = {
  /** Create the file when it does not exist (with `model`, or an empty model). */
  create?: boolean;
  model?: Model;
  /** Clock for created/updated stamps (tests). */
  now?: () => string;
};

import { blankModel } from './blank-model';
export { blankModel };

/**
 * Opens a project file, or creates it when `create` is set and the file does not exist.
 * Unrecognised files are refused untouched: 'file-corrupt', 'file-foreign', 'file-newer'.
 */
export function openProject(path: string, opts: OpenOptions = {}): Result<ProjectStore> {
  const now = opts.now ?? (() => new Date().toISOString());
  removeInterruptedCreations(path);
  if (!existsSync(path)) {
    if (!opts.create) return err('not-found', `No project file at ${path}.`);
    const created = createProjectFile(path, opts.model ?? blankModel(), now());
    if (!created.ok) return created;
  }
  // Every check, the rows included, on a read-only snapshot: a file that is refused is refused
  // before anything opens it for writing (which would switch it to WAL and add -wal/-shm files).
  const facts = inspectProjectFile(path, { readRows: true });
  if (!facts.ok) return facts;
  let db: WriteDb | undefined;
  try {
    db = openWritable(path, { create: false });
    const migrated = runMigrations(db).length > 0;
    // The rows read on the snapshot are the model, unless a migration has just written the file.
    const model = !migrated && facts.value.model ? facts.value.model : undefined;
    return ok(createStore(path, db, now, model));
  } catch (e) {
    if (db) closeDb(db);
    return err('io', `Cannot open ${path}: ${(e as Error).message}.`);
  }
}

/**
 * Builds the new file under a temporary name and renames it into place, so a crash during creation
 * never leaves a half-initialised project at `path`.
 */
function createProjectFile(path: string, model: Model, at: string): Result<true> {
  removeInterruptedCreations(path);
  const tmp = `${path}.creating-${process.pid}`;
  let db: WriteDb | undefined;
  try {
    db = openWritable(tmp, { create: true });
    db.pragma(`application_id = ${APPLICATION_ID}`);
    runMigrations(db);
    const w = db;
    inTransaction(w, () => {
      const meta = w.prepare('INSERT INTO meta(key, value) VALUES (?, ?)');
      meta.run('createdAt', at);
      meta.run('updatedAt', at);
      meta.run('revision', '0');
      meta.run('head', '0');
      writeWholeModel(w, model);
    });
    closeDb(db);
    db = undefined;
    // A -wal/-shm left by an earlier file of the same name (deleted without them) would be replayed
    // into the new database by SQLite: they belong to no existing file, so drop them first.
    for (const f of [`${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    renameSync(tmp, path);
    return ok(true);
  } catch (e) {
    if (db) closeDb(db);
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) rmSync(f, { force: true });
    return err('io', `Cannot create project ${path}: ${(e as Error).message}.`);
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes what a New or Save As of `path` killed mid-way left behind: `<path>.creating-<pid>` and
 * its `-wal`, `-shm`, `-journal`, when that process is gone (a live one may still be writing).
 * They are never a project: the rename into place is the last step of a creation.
 */
export function removeInterruptedCreations(path: string): void {
  const prefix = `${basename(path)}.creating-`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = /^(\d+)(-wal|-shm|-journal)?$/.exec(name.slice(prefix.length))?.[1];
    if (pid === undefined || Number(pid) === process.pid || isAlive(Number(pid))) continue;
    rmSync(join(dirname(path), name), { force: true });
  }
}

function writeWholeModel(db: WriteDb, model: Model): void {
  const el = db.prepare('INSERT INTO elements(section, key, ord, json) VALUES (?, ?, ?, ?)');
  for (const section of RECORD_SECTIONS) {
    Object.entries(model[section] as Record<string, unknown>).forEach(([key, value], i) =>
      el.run(section, key, i, JSON.stringify(value)),
    );
  }
  for (const section of VALUE_SECTIONS) writeValue(db, section, model[section]);
}

function writeValue(db: WriteDb, section: ValueSection, value: unknown): void {
  if (section === 'requests') {
    db.prepare('DELETE FROM saved_requests').run();
    const ins = db.prepare('INSERT INTO saved_requests(ord, json) VALUES (?, ?)');
    (value as unknown[]).forEach((r, i) => ins.run(i, JSON.stringify(r)));
    return;
  }
  // An optional part the model does not have (no `now:`) has no row.
  if (value === undefined) {
    db.prepare('DELETE FROM model_values WHERE section = ?').run(section);
    return;
  }
  db.prepare(
    'INSERT INTO model_values(section, json) VALUES (?, ?) ON CONFLICT(section) DO UPDATE SET json = excluded.json',
  ).run(section, JSON.stringify(value));
}

/** The model of a file just migrated (its rows were checked before, on the read-only snapshot). */
function readModel(db: WriteDb): Model {
  const r = readCheckedModel(db, pragmaNumber(db, 'user_version'));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const invert = (d: ModelDelta): ModelDelta => ({
  elements: d.elements.map(e => {
    const c: ModelDelta['elements'][number] = { section: e.section, key: e.key };
    if (e.after !== undefined) c.before = e.after;
    if (e.before !== undefined) c.after = e.before;
    return c;
  }),
  order: d.order.map(o => ({ section: o.section, before: o.after, after: o.before })),
  values: d.values.map(v => ({ section: v.section, before: v.after, after: v.before })),
});

/** Writes only what `delta` changed, given the resulting model `next`. */
function writeDelta(db: WriteDb, delta: ModelDelta, next: Model): void {
  const upsert = db.prepare(
    'INSERT INTO elements(section, key, ord, json) VALUES (?, ?, ?, ?) ON CONFLICT(section, key) DO UPDATE SET ord = excluded.ord, json = excluded.json',
  );
  const setOrd = db.prepare('UPDATE elements SET ord = ? WHERE section = ? AND key = ?');
  const del = db.prepare('DELETE FROM elements WHERE section = ? AND key = ?');
  const positions = new Map<RecordSection, Map<string, number>>();
  const positionOf = (section: RecordSection, key: string): number => {
    let map = positions.get(section);
    if (!map) {
      map = new Map(Object.keys(next[section]).map((k, i) => [k, i]));
      positions.set(section, map);
    }
    return map.get(key) ?? -1;
  };
  for (const change of delta.elements) {
    const value = own(next[change.section] as Record<string, unknown>, change.key);
    if (value === undefined) del.run(change.section, change.key);
    else
      upsert.run(
        change.section,
        change.key,
        positionOf(change.section, change.key),
        JSON.stringify(value),
      );
  }
  for (const order of delta.order) {
    const before = new Map(order.before.map((k, i) => [k, i]));
    order.after.forEach((key, i) => {
      if (before.get(key) !== i) setOrd.run(i, order.section, key);
    });
  }
  for (const change of delta.values) writeValue(db, change.section, change.after);
}

/** The `meta` key of the lesson progress (a key, not a table: a project without lessons has no row). */
const LESSON_PROGRESS_KEY = 'lessonProgress';

function createStore(
  path: string,
  db: WriteDb,
  now: () => string,
  model: Model | undefined,
): ProjectStore {
  let current = model ?? readModel(db);
  const getMeta = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const setMeta = db.prepare(
    'INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  const revisionAt = db.prepare('SELECT seq, delta FROM revisions WHERE seq = ?');
  const meta = (key: string, fallback = ''): string =>
    (getMeta.get(key) as string | undefined) ?? fallback;
  const head = (): number => Number(meta('head', '0'));

  const info = (): StoreInfo => {
    const h = head();
    return {
      path,
      modelName: current.name,
      revision: Number(meta('revision', '0')),
      canUndo: h > 0 && revisionAt.get(h) !== undefined,
      canRedo: revisionAt.get(h + 1) !== undefined,
      createdAt: meta('createdAt'),
      updatedAt: meta('updatedAt'),
    };
  };

  const bump = (newHead: number): void => {
    setMeta.run('head', String(newHead));
    setMeta.run('revision', String(Number(meta('revision', '0')) + 1));
    setMeta.run('updatedAt', now());
  };

  const guarded = (what: string, fn: () => void): Result<StoreInfo> => {
    if (!db.open) return err('closed', `The project ${path} is closed.`);
    try {
      fn();
      return ok(info());
    } catch (e) {
      return err(
        'io',
        `Could not ${what} in ${path}: ${(e as Error).message}. The last saved state is unchanged.`,
      );
    }
  };

  return {
    path,
    model: () => current,
    info,
    scenarios: sqliteScenarioRows(db),
    lessonProgress: {
      get: () => getMeta.get(LESSON_PROGRESS_KEY) as string | undefined,
      set: json => void setMeta.run(LESSON_PROGRESS_KEY, json),
    },
    commit(edit, next) {
      return guarded('save the change', () => {
        const delta = diffModels(current, next);
        if (isEmptyDelta(delta)) return;
        inTransaction(db, () => {
          const h = head();
          db.prepare('DELETE FROM revisions WHERE seq > ?').run(h);
          const seq = h + 1;
          db.prepare('INSERT INTO revisions(seq, edit, delta, at) VALUES (?, ?, ?, ?)').run(
            seq,
            JSON.stringify(edit ?? null),
            JSON.stringify(delta),
            now(),
          );
          db.prepare('DELETE FROM revisions WHERE seq <= ?').run(seq - HISTORY_CAP);
          writeDelta(db, delta, next);
          bump(seq);
        });
        current = next;
      });
    },
    undo() {
      if (!info().canUndo) return err('nothing-to-undo', 'Nothing to undo.');
      return guarded('undo', () => {
        const h = head();
        const row = revisionAt.get(h) as { delta: string };
        const delta = JSON.parse(row.delta) as ModelDelta;
        const prev = applyDelta(current, delta, 'backward');
        inTransaction(db, () => {
          writeDelta(db, invert(delta), prev);
          bump(h - 1);
        });
        current = prev;
      });
    },
    redo() {
      if (!info().canRedo) return err('nothing-to-redo', 'Nothing to redo.');
      return guarded('redo', () => {
        const h = head() + 1;
        const row = revisionAt.get(h) as { delta: string };
        const delta = JSON.parse(row.delta) as ModelDelta;
        const next = applyDelta(current, delta, 'forward');
        inTransaction(db, () => {
          writeDelta(db, delta, next);
          bump(h);
        });
        current = next;
      });
    },
    history() {
      const h = head();
      return (
        db.prepare('SELECT seq, edit, at FROM revisions ORDER BY seq').all() as {
          seq: number;
          edit: string;
          at: string;
        }[]
      ).map(r => ({
        seq: r.seq,
        edit: JSON.parse(r.edit),
        at: r.at,
        undone: r.seq > h,
      }));
    },
    close() {
      closeDb(db);
    },
  };
}
