/**
 * The only module that constructs better-sqlite3 connections. Read and write handles are branded so a
 * function that only inspects a file cannot be handed a connection that could write into it.
 *
 * @example
 * const db = openWritable('/tmp/p.permsim');
 * inTransaction(db, () => db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)').run('k', 'v'));
 */
import { readFileSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';

export type SqliteDb = Database.Database;
export type ReadDb = SqliteDb & { readonly __readDb: never };
export type WriteDb = ReadDb & { readonly __writeDb: never };

/** Our `PRAGMA application_id`: ASCII "PSim". Files without it are not PermSim projects. */
export const APPLICATION_ID = 0x5053696d;

/** Opens an existing file read-only; nothing is ever written through this handle. */
export function openReadOnly(path: string): ReadDb {
  return new Database(path, { readonly: true, fileMustExist: true }) as ReadDb;
}

/**
 * A read-only copy of the file in memory, for looking at a file that may be refused. Even a
 * read-only connection to a WAL-mode file creates `-wal` and `-shm` beside it (SQLite needs them to
 * read), so a refused file would not be left as it was. When a non-empty `-wal` is already there, it
 * holds committed data the main file lacks: then the ordinary read-only connection is used (its
 * sidecars already exist).
 */
export function openSnapshot(path: string): ReadDb {
  let walBytes = 0;
  try {
    walBytes = statSync(`${path}-wal`).size;
  } catch {
    // No -wal: the main file holds everything.
  }
  if (walBytes > 0) return openReadOnly(path);
  const bytes = readFileSync(path);
  // The in-memory copy is read as a rollback-journal database (header bytes 18 and 19 = 1): memory
  // databases have no WAL. Only the copy changes.
  if (bytes.length >= 20) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  return new Database(bytes, { readonly: true }) as ReadDb;
}

/**
 * Opens (or creates) a project file for writing with the pragmas of style.md §2 practice 10:
 * WAL, foreign keys on, synchronous NORMAL (the last committed transaction survives an app crash;
 * a power loss may lose it but never corrupts the file).
 */
export function openWritable(path: string, opts: { create: boolean }): WriteDb {
  const db = new Database(path, { fileMustExist: !opts.create }) as WriteDb;
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  return db;
}

/** Runs `fn` in one immediate transaction (better-sqlite3 transactions are synchronous by design). */
export function inTransaction<T>(db: WriteDb, fn: () => T): T {
  return db.transaction(fn).immediate();
}

export function pragmaNumber(db: ReadDb, name: 'user_version' | 'application_id'): number {
  return Number(db.pragma(name, { simple: true }));
}

/** `PRAGMA optimize`, then close; safe to call twice. */
export function closeDb(db: ReadDb): void {
  if (!db.open) return;
  try {
    if (!db.readonly) db.pragma('optimize');
  } finally {
    db.close();
  }
}
