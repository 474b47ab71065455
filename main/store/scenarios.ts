/**
 * What-if scenarios kept with a project (table `scenarios`, migration 2), on the project store's own
 * connection; and the same rows in memory for a model file opened read-only, which has nowhere
 * to keep them.
 *
 * @example
 * const saved = store.scenarios.save(undefined, { name: 'x', changes: [] });
 * store.scenarios.get(saved!.id)?.name; // 'x'
 */
import type { StoredScenario } from '../../shared/contract';
import type { Scenario } from '../../shared/whatif';
import { inTransaction } from './sql';
import type { WriteDb } from './sql';

export type ScenarioRows = {
  list(): StoredScenario[];
  get(id: number): StoredScenario | undefined;
  /** Inserts (`id` undefined) or replaces; undefined when there is no scenario `id`. */
  save(id: number | undefined, s: Scenario): StoredScenario | undefined;
  /** How many rows were removed (0 or 1). */
  remove(id: number): number;
};

type Row = { id: number; json: string; updated_at: string };

export function sqliteScenarioRows(db: WriteDb): ScenarioRows {
  const row = (r: Row): StoredScenario => ({
    ...(JSON.parse(r.json) as Scenario),
    id: r.id,
    updatedAt: r.updated_at,
  });
  const all = db.prepare('SELECT id, json, updated_at FROM scenarios ORDER BY id');
  const one = db.prepare('SELECT id, json, updated_at FROM scenarios WHERE id = ?');
  const insert = db.prepare('INSERT INTO scenarios(name, json, updated_at) VALUES (?, ?, ?)');
  const update = db.prepare('UPDATE scenarios SET name = ?, json = ?, updated_at = ? WHERE id = ?');
  const del = db.prepare('DELETE FROM scenarios WHERE id = ?');
  return {
    list: () => (all.all() as Row[]).map(row),
    get: id => {
      const r = one.get(id) as Row | undefined;
      return r ? row(r) : undefined;
    },
    save: (id, s) =>
      inTransaction(db, () => {
        const at = new Date().toISOString();
        const json = JSON.stringify(s);
        if (id === undefined) {
          const info = insert.run(s.name, json, at);
          return { ...s, id: Number(info.lastInsertRowid), updatedAt: at };
        }
        const info = update.run(s.name, json, at, id);
        return info.changes === 0 ? undefined : { ...s, id, updatedAt: at };
      }),
    remove: id => del.run(id).changes,
  };
}

export function memoryScenarioRows(): ScenarioRows {
  const rows = new Map<number, StoredScenario>();
  let next = 1;
  return {
    list: () => [...rows.values()],
    get: id => rows.get(id),
    save: (id, s) => {
      if (id !== undefined && !rows.has(id)) return undefined;
      const v = { ...s, id: id ?? next++, updatedAt: new Date().toISOString() };
      rows.set(v.id, v);
      return v;
    },
    remove: id => (rows.delete(id) ? 1 : 0),
  };
}
