/**
 * Blast radius (performance.md §2.3 "output size is the real limit"): changed cells grouped into
 * rectangles "these callers x these entities x these kinds, from -> to", with the number of changed
 * cells in each, largest first. Grouping is greedy and exact: every changed cell lies in exactly
 * one rectangle, and a rectangle holds only cells that changed the same way.
 *
 * @example
 * blastRadius(diff.cells)[0];
 * // { change: 'gained', from: 403, to: 200, callers: ['user:alice', 'user:bob'], entities: ['Things/T1'], kinds: ['ServiceInvoke'], cells: 2 }
 */
import type { DiffCell } from './diff';
import { callerKey, entityKey } from './cells';

export type BlastRectangle = {
  change: DiffCell['change'];
  from: number;
  to: number;
  /** Caller keys, `user:alice` / `appKey:k1`, in name order. */
  callers: string[];
  /** Entity keys, `Things/T1`, in name order (`(no entity)` for collection lists). */
  entities: string[];
  kinds: string[];
  /** Changed cells inside the rectangle (calls on several characteristics of one kind count once each). */
  cells: number;
};

const NO_ENTITY = '(no entity)';
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A column of changed cells: on each of `entities`, these callers changed this way on calls of
 * this kind, `cellsPerEntity` cells per entity. A cell list gives one column per (transition,
 * entity, kind); the class route of the summary (./class-summary.ts) gives one per group of
 * entities that answer alike, which is why a column may hold several entities.
 */
export type BlastColumn = {
  change: DiffCell['change'];
  from: number;
  to: number;
  /** Entity keys; each entity lies in exactly one column per (transition, kind). */
  entities: readonly string[];
  kind: string;
  callers: ReadonlySet<string>;
  cellsPerEntity: number;
};

/**
 * Groups changed cells into rectangles, largest first (ties: by caller, entity and kind names).
 *
 * @example
 * blastRadius([]); // []
 */
export function blastRadius(cells: readonly DiffCell[]): BlastRectangle[] {
  // 1. transition x entity x kind -> callers (and the cell count).
  type Col = {
    change: DiffCell['change'];
    from: number;
    to: number;
    entities: string[];
    kind: string;
    callers: Set<string>;
    cellsPerEntity: number;
  };
  const cols = new Map<string, Col>();
  for (const c of cells) {
    const entity = c.entity ? entityKey(c.entity) : NO_ENTITY;
    const k = `${c.change}|${c.before.status}|${c.after.status}\u0000${entity}\u0000${c.kind}`;
    let col = cols.get(k);
    if (!col) {
      col = {
        change: c.change,
        from: c.before.status,
        to: c.after.status,
        entities: [entity],
        kind: c.kind,
        callers: new Set(),
        cellsPerEntity: 0,
      };
      cols.set(k, col);
    }
    col.callers.add(callerKey(c.caller));
    col.cellsPerEntity++;
  }
  return blastRadiusOfColumns([...cols.values()]);
}

/**
 * The rectangles of a set of columns (see BlastColumn), exactly as `blastRadius` groups the cells
 * the columns stand for.
 *
 * @example
 * blastRadiusOfColumns([{ change: 'gained', from: 403, to: 200, entities: ['Things/T1', 'Things/T2'], kind: 'PropertyRead', callers: new Set(['user:alice']), cellsPerEntity: 3 }]);
 * // [{ ..., entities: ['Things/T1', 'Things/T2'], kinds: ['PropertyRead'], cells: 6 }]
 */
export function blastRadiusOfColumns(columns: readonly BlastColumn[]): BlastRectangle[] {
  // 2. transition x caller set x kind -> entities.
  type Row = {
    t: string;
    change: DiffCell['change'];
    from: number;
    to: number;
    callers: string[];
    callersKey: string;
    kind: string;
    entities: string[];
    cells: number;
  };
  const rows = new Map<string, Row>();
  for (const col of columns) {
    const t = `${col.change}|${col.from}|${col.to}`;
    const callers = [...col.callers].sort(byText);
    const callersKey = callers.join('\u0001');
    const k = `${t}\u0000${callersKey}\u0000${col.kind}`;
    let row = rows.get(k);
    if (!row) {
      row = {
        t,
        change: col.change,
        from: col.from,
        to: col.to,
        callers,
        callersKey,
        kind: col.kind,
        entities: [],
        cells: 0,
      };
      rows.set(k, row);
    }
    for (const e of col.entities) row.entities.push(e);
    row.cells += col.cellsPerEntity * col.entities.length;
  }
  // 3. transition x caller set x entity set -> kinds.
  const rects = new Map<string, BlastRectangle>();
  for (const row of rows.values()) {
    const entities = row.entities.sort(byText);
    const k = `${row.t}\u0000${row.callersKey}\u0000${entities.join('\u0001')}`;
    let rect = rects.get(k);
    if (!rect) {
      rect = {
        change: row.change,
        from: row.from,
        to: row.to,
        callers: row.callers,
        entities,
        kinds: [],
        cells: 0,
      };
      rects.set(k, rect);
    }
    rect.kinds.push(row.kind);
    rect.cells += row.cells;
  }
  const out = [...rects.values()];
  for (const r of out) r.kinds.sort(byText);
  const first = (r: BlastRectangle) =>
    `${r.callers[0] ?? ''}|${r.entities[0] ?? ''}|${r.kinds[0] ?? ''}`;
  return out.sort(
    (a, b) =>
      b.cells - a.cells || byText(first(a), first(b)) || byText(a.change, b.change) || a.to - b.to,
  );
}

/**
 * One line for a person, e.g. "gained 403 -> 200: 2 users x 1 entity x ServiceInvoke (2 cells)".
 *
 * @example
 * describeRectangle(blastRadius(cells)[0]);
 */
export function describeRectangle(r: BlastRectangle): string {
  const list = (xs: string[], what: string) =>
    xs.length <= 3 ? xs.join(', ') : `${xs.length} ${what} (${xs.slice(0, 3).join(', ')}, ...)`;
  return `${r.change} ${r.from} -> ${r.to}: ${list(r.callers, 'callers')} x ${list(r.entities, 'entities')} x ${r.kinds.join(', ')} (${r.cells} cell${r.cells === 1 ? '' : 's'})`;
}
