/**
 * What-if scenarios kept with a project (table `scenarios`, migrations 2 and 3), on the project
 * store's own connection; and the same rows in memory for a model file opened read-only, which has
 * nowhere to keep them.
 *
 * Each row remembers its baseline: the project revision it was saved on and, once applied, the
 * revision the apply made and the element-level delta the apply wrote. That delta read backwards
 * restores the baseline's state of what the scenario changed, so an applied scenario can still be
 * shown, exported and reverted although the project has moved on.
 *
 * @example
 * const saved = store.scenarios.save(undefined, { name: 'x', changes: [] }, 0);
 * store.scenarios.get(saved!.id)?.baselineRevision; // 0
 */
import type { StoredScenario } from '../../shared/contract';
import type { Scenario } from '../../shared/whatif';
import type { ModelDelta } from './model-delta';
import { sameJson } from './model-delta';
import { inTransaction } from './sql';
import type { WriteDb } from './sql';

export type ScenarioRows = {
  list(): StoredScenario[];
  get(id: number): StoredScenario | undefined;
  /**
   * Inserts (`id` undefined) or replaces, saved on project revision `revision`; undefined when there
   * is no scenario `id`. Replacing the changes of an applied scenario forgets that it was applied
   * (a rename keeps it).
   */
  save(id: number | undefined, s: Scenario, revision: number): StoredScenario | undefined;
  /** Records that scenario `id` was applied, making `revision` by writing `delta` (before -> after). */
  markApplied(id: number, revision: number, delta: ModelDelta): StoredScenario | undefined;
  /** The delta an applied scenario wrote (undefined when it is not applied). */
  appliedDelta(id: number): ModelDelta | undefined;
  /** The scenario was reverted at `revision`: it is a draft on that revision again. */
  markReverted(id: number, revision: number): StoredScenario | undefined;
  /** How many rows were removed (0 or 1). */
  remove(id: number): number;
};

type Row = {
  id: number;
  json: string;
  updated_at: string;
  baseline_revision: number | null;
  applied_revision: number | null;
  applied_at: string | null;
};

const COLUMNS = 'id, json, updated_at, baseline_revision, applied_revision, applied_at';

export function sqliteScenarioRows(db: WriteDb): ScenarioRows {
  const row = (r: Row): StoredScenario => ({
    ...(JSON.parse(r.json) as Scenario),
    id: r.id,
    updatedAt: r.updated_at,
    ...(r.baseline_revision !== null ? { baselineRevision: r.baseline_revision } : {}),
    ...(r.applied_revision !== null
      ? { applied: { revision: r.applied_revision, at: r.applied_at ?? r.updated_at } }
      : {}),
  });
  const all = db.prepare(`SELECT ${COLUMNS} FROM scenarios ORDER BY id`);
  const one = db.prepare(`SELECT ${COLUMNS} FROM scenarios WHERE id = ?`);
  const deltaOf = db.prepare('SELECT applied_delta FROM scenarios WHERE id = ?').pluck();
  const insert = db.prepare(
    'INSERT INTO scenarios(name, json, updated_at, baseline_revision) VALUES (?, ?, ?, ?)',
  );
  const update = db.prepare(
    'UPDATE scenarios SET name = ?, json = ?, updated_at = ?, baseline_revision = ? WHERE id = ?',
  );
  const forget = db.prepare(
    'UPDATE scenarios SET applied_revision = NULL, applied_at = NULL, applied_delta = NULL WHERE id = ?',
  );
  const applied = db.prepare(
    'UPDATE scenarios SET applied_revision = ?, applied_at = ?, applied_delta = ? WHERE id = ?',
  );
  const reverted = db.prepare(
    'UPDATE scenarios SET baseline_revision = ?, applied_revision = NULL, applied_at = NULL, applied_delta = NULL WHERE id = ?',
  );
  const del = db.prepare('DELETE FROM scenarios WHERE id = ?');
  const get = (id: number): StoredScenario | undefined => {
    const r = one.get(id) as Row | undefined;
    return r ? row(r) : undefined;
  };
  return {
    list: () => (all.all() as Row[]).map(row),
    get,
    save: (id, s, revision) =>
      inTransaction(db, () => {
        const at = new Date().toISOString();
        const json = JSON.stringify(s);
        if (id === undefined) {
          const info = insert.run(s.name, json, at, revision);
          return get(Number(info.lastInsertRowid));
        }
        const before = get(id);
        if (!before) return undefined;
        // A rename of an applied scenario keeps its baseline; new changes make it a new draft.
        if (before.applied && sameJson(before.changes, s.changes)) {
          update.run(s.name, json, at, before.baselineRevision ?? null, id);
        } else {
          update.run(s.name, json, at, revision, id);
          forget.run(id);
        }
        return get(id);
      }),
    markApplied: (id, revision, delta) => {
      applied.run(revision, new Date().toISOString(), JSON.stringify(delta), id);
      return get(id);
    },
    appliedDelta: id => {
      const d = deltaOf.get(id) as string | null | undefined;
      return typeof d === 'string' ? (JSON.parse(d) as ModelDelta) : undefined;
    },
    markReverted: (id, revision) => {
      reverted.run(revision, id);
      return get(id);
    },
    remove: id => del.run(id).changes,
  };
}

export function memoryScenarioRows(): ScenarioRows {
  const rows = new Map<number, StoredScenario>();
  const deltas = new Map<number, ModelDelta>();
  let next = 1;
  return {
    list: () => [...rows.values()],
    get: id => rows.get(id),
    save: (id, s, revision) => {
      const before = id === undefined ? undefined : rows.get(id);
      if (id !== undefined && !before) return undefined;
      const keep = before?.applied !== undefined && sameJson(before.changes, s.changes);
      const v: StoredScenario = {
        ...s,
        id: id ?? next++,
        updatedAt: new Date().toISOString(),
        ...(keep && before
          ? {
              ...(before.baselineRevision !== undefined
                ? { baselineRevision: before.baselineRevision }
                : {}),
              ...(before.applied ? { applied: before.applied } : {}),
            }
          : { baselineRevision: revision }),
      };
      if (!keep) deltas.delete(v.id);
      rows.set(v.id, v);
      return v;
    },
    markApplied: (id, revision, delta) => {
      const s = rows.get(id);
      if (!s) return undefined;
      const v = { ...s, applied: { revision, at: new Date().toISOString() } };
      rows.set(id, v);
      deltas.set(id, delta);
      return v;
    },
    appliedDelta: id => deltas.get(id),
    markReverted: (id, revision) => {
      const s = rows.get(id);
      if (!s) return undefined;
      const { applied: _gone, ...rest } = s;
      const v = { ...rest, baselineRevision: revision };
      rows.set(id, v);
      deltas.delete(id);
      return v;
    },
    remove: id => {
      deltas.delete(id);
      return rows.delete(id) ? 1 : 0;
    },
  };
}
