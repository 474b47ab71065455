/**
 * Looks at an existing file WITHOUT writing to it and says whether PermSim may open it for writing.
 * Order: the SQLite header bytes (plain fs read), then a read-only in-memory snapshot (no -wal/-shm
 * appear beside the file, its journal mode stays) for the application id, the schema version, our
 * tables, `PRAGMA quick_check` and, with `readRows`, every row against its shape (rows.ts). A file
 * we do not recognise is never opened for writing, so it stays byte-for-byte as it was.
 *
 * @example
 * const r = inspectProjectFile('/tmp/x.permsim');
 * if (!r.ok) console.error(r.error.code, r.error.message); // 'file-corrupt', 'file-foreign', 'file-newer', 'io'
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { Result } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import { SCHEMA_VERSION } from './migrations';
import type { ReadDb } from './sql';
import { APPLICATION_ID, closeDb, openSnapshot, pragmaNumber } from './sql';
import { readCheckedModel } from './rows';
import type { Model } from '../../shared/model/types';

const SQLITE_MAGIC = 'SQLite format 3\u0000';
const REQUIRED_TABLES = ['meta', 'model_values', 'elements', 'saved_requests', 'revisions'];

export type FileFacts = {
  schemaVersion: number;
  /** The model of the rows, each row checked (with `readRows`). */
  model?: Model;
};

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export function inspectProjectFile(
  path: string,
  opts: { readRows?: boolean } = {},
): Result<FileFacts> {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return err('io', `${path} is not a file.`);
    size = st.size;
  } catch (e) {
    return err('io', `Cannot read ${path}: ${(e as Error).message}.`);
  }
  if (size === 0)
    return err(
      'file-corrupt',
      `${path} is empty: it is not a PermSim project (expected a SQLite database).`,
    );
  let header: Buffer;
  try {
    header = readHeader(path);
  } catch (e) {
    return err('io', `Cannot read ${path}: ${(e as Error).message}.`);
  }
  if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) {
    return err(
      'file-corrupt',
      `${path} is not a PermSim project: it is not a SQLite database (damaged, or another kind of file). It was left untouched.`,
    );
  }
  let db: ReadDb | undefined;
  try {
    db = openSnapshot(path);
    const appId = pragmaNumber(db, 'application_id');
    const version = pragmaNumber(db, 'user_version');
    if (appId !== APPLICATION_ID) {
      return err(
        'file-foreign',
        `${path} is a SQLite database of another application (application_id ${appId}), not a PermSim project. It was left untouched.`,
      );
    }
    if (version > SCHEMA_VERSION) {
      return err(
        'file-newer',
        `${path} was saved by a newer PermSim (project schema ${version}; this version reads up to ${SCHEMA_VERSION}). Update PermSim to open it; the file was left untouched.`,
        { fileVersion: version, supported: SCHEMA_VERSION },
      );
    }
    const check = String(db.pragma('quick_check', { simple: true }));
    if (check !== 'ok')
      return err(
        'file-corrupt',
        `${path} is damaged (SQLite integrity check: ${check}). It was left untouched.`,
      );
    if (version >= 1) {
      const names = new Set(
        (
          db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as {
            name: string;
          }[]
        ).map(r => r.name),
      );
      const missing = REQUIRED_TABLES.filter(t => !names.has(t));
      if (missing.length > 0) {
        return err(
          'file-corrupt',
          `${path} is a damaged PermSim project: table${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing. It was left untouched.`,
        );
      }
      if (opts.readRows) {
        const model = readCheckedModel(db, version);
        if (!model.ok)
          return err(
            'file-corrupt',
            `${path} is a damaged PermSim project: ${model.error.message}`,
            model.error.details,
          );
        return ok({ schemaVersion: version, model: model.value });
      }
    }
    return ok({ schemaVersion: version });
  } catch (e) {
    return err(
      'file-corrupt',
      `${path} cannot be read as a PermSim project (${(e as Error).message}). It was left untouched.`,
    );
  } finally {
    if (db) closeDb(db);
  }
}
