/**
 * Numbered, append-only schema migrations, tracked in `PRAGMA user_version` (style.md §2 practice 11).
 * Never edit or reorder a shipped migration: add a new one at the end. Each runs in its own transaction
 * together with the `user_version` bump, so a failure leaves the file at the previous version.
 *
 * @example
 * runMigrations(db); // brings a fresh or older file to SCHEMA_VERSION
 */
import type { WriteDb } from './sql';
import { inTransaction, pragmaNumber } from './sql';

export type Migration = { version: number; name: string; up(db: WriteDb): void };

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'model rows, values, saved requests, revision history, metadata',
    up(db) {
      db.exec(`
        CREATE TABLE meta (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;
        -- Singleton parts of the Model (name, semantics, factory, collections, apps, formatVersion).
        CREATE TABLE model_values (
          section TEXT PRIMARY KEY,
          json TEXT NOT NULL
        ) STRICT;
        -- One row per model element (users, groups, organizations, shapes, templates, things, others, appKeys).
        CREATE TABLE elements (
          section TEXT NOT NULL,
          key TEXT NOT NULL,
          ord INTEGER NOT NULL,
          json TEXT NOT NULL,
          PRIMARY KEY (section, key)
        ) STRICT;
        CREATE INDEX elements_by_order ON elements(section, ord);
        CREATE TABLE saved_requests (
          ord INTEGER PRIMARY KEY,
          json TEXT NOT NULL
        ) STRICT;
        -- Undo/redo: each saved change with the delta that restores the state before it.
        CREATE TABLE revisions (
          seq INTEGER PRIMARY KEY,
          edit TEXT NOT NULL,
          delta TEXT NOT NULL,
          at TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    name: 'what-if scenarios',
    up(db) {
      db.exec(`
        -- What-if scenarios (architecture.md §4): name, the ordered changes and the watch list as JSON.
        CREATE TABLE scenarios (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL,
          json TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 3,
    name: 'scenario baselines',
    up(db) {
      db.exec(`
        -- The project revision a scenario was saved on, and, once applied to the project, the
        -- revision the apply made and the element-level delta (before -> after) it wrote: export
        -- and revert need the baseline's state of what the scenario changed.
        ALTER TABLE scenarios ADD COLUMN baseline_revision INTEGER;
        ALTER TABLE scenarios ADD COLUMN applied_revision INTEGER;
        ALTER TABLE scenarios ADD COLUMN applied_at TEXT;
        ALTER TABLE scenarios ADD COLUMN applied_delta TEXT;
      `);
    },
  },
];

/** The schema version this build writes; files with a higher `user_version` are refused. */
export const SCHEMA_VERSION =
  MIGRATIONS.length === 0 ? 0 : MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * Applies every migration newer than the file's `user_version`, one transaction each.
 * Returns the versions applied. Throws if a migration fails (the caller maps it to a Result).
 */
export function runMigrations(
  db: WriteDb,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  const applied: number[] = [];
  let current = pragmaNumber(db, 'user_version');
  for (const m of migrations) {
    if (m.version <= current) continue;
    if (m.version !== current + 1) {
      throw new Error(`migration ${m.version} (${m.name}) does not follow version ${current}`);
    }
    inTransaction(db, () => {
      m.up(db);
      // user_version lives in the file header: the bump commits or rolls back with the migration.
      db.pragma(`user_version = ${m.version}`);
    });
    current = m.version;
    applied.push(m.version);
  }
  return applied;
}
