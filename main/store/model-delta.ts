/**
 * Element-level differences between two Models: what the store writes on a save, and what a
 * revision keeps so undo/redo can restore either side without storing whole models.
 *
 * @example
 * const d = diffModels(before, after);
 * deepEqual(applyDelta(after, d, 'backward'), before); // true
 */
import type { Model } from '../../shared/model/types';
import { own, setOwn } from '../../shared/model/own';
import { changedCandidates } from '../../shared/model/overlay';

/** Model records stored one row per element. */
export const RECORD_SECTIONS = [
  'users',
  'groups',
  'organizations',
  'shapes',
  'templates',
  'things',
  'others',
  'appKeys',
] as const;
export type RecordSection = (typeof RECORD_SECTIONS)[number];

/** Model parts stored as one JSON value each (`requests` is stored one row per request). */
export const VALUE_SECTIONS = [
  'formatVersion',
  'name',
  'semantics',
  'factory',
  'collections',
  'apps',
  'requests',
  // The evaluation time a model pins (docs/model-format.md "Evaluation time"): without it a project
  // made from a demo would answer at the current time, and its answers would change with the calendar.
  'now',
] as const;
export type ValueSection = (typeof VALUE_SECTIONS)[number];

export type ElementChange = {
  section: RecordSection;
  key: string;
  before?: unknown;
  after?: unknown;
};
export type OrderChange = { section: RecordSection; before: string[]; after: string[] };
export type ValueChange = { section: ValueSection; before: unknown; after: unknown };

export type ModelDelta = { elements: ElementChange[]; order: OrderChange[]; values: ValueChange[] };

/**
 * Structural equality of plain JSON data (what a Model is), with identity as the fast path. An edit
 * may copy the whole model (structuredClone), so this must stay cheap: no serialising.
 * Key order counts, as it does in the stored rows.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  if (ak.length !== bk.length) return false;
  for (let i = 0; i < ak.length; i++) {
    const k = ak[i]!;
    if (
      k !== bk[i] ||
      !sameJson(own(a as Record<string, unknown>, k), own(b as Record<string, unknown>, k))
    )
      return false;
  }
  return true;
}

const sameKeys = (a: string[], b: string[]): boolean =>
  a.length === b.length && a.every((k, i) => k === b[i]);

/** Everything that differs between `before` and `after`; unchanged parts cost one identity check. */
export function diffModels(before: Model, after: Model): ModelDelta {
  const delta: ModelDelta = { elements: [], order: [], values: [] };
  for (const section of RECORD_SECTIONS) {
    const b = before[section] as Record<string, unknown>;
    const a = after[section] as Record<string, unknown>;
    if (a === b) continue;
    // Records sharing a base (shared/model/overlay.ts) have the same keys and differ at most in
    // the replaced ones: a context-manager grant is saved without reading every Thing.
    const candidates = changedCandidates(b, a);
    if (candidates) {
      for (const key of candidates) {
        const bv = own(b, key);
        const av = own(a, key);
        if (!sameJson(bv, av)) delta.elements.push({ section, key, before: bv, after: av });
      }
      continue;
    }
    const bKeys = Object.keys(b);
    const aKeys = Object.keys(a);
    if (!sameKeys(bKeys, aKeys)) delta.order.push({ section, before: bKeys, after: aKeys });
    for (const key of new Set([...bKeys, ...aKeys])) {
      const bv = Object.hasOwn(b, key) ? own(b, key) : undefined;
      const av = Object.hasOwn(a, key) ? own(a, key) : undefined;
      if (sameJson(bv, av)) continue;
      const change: ElementChange = { section, key };
      if (bv !== undefined) change.before = bv;
      if (av !== undefined) change.after = av;
      delta.elements.push(change);
    }
  }
  for (const section of VALUE_SECTIONS) {
    if (!sameJson(before[section], after[section])) {
      delta.values.push({ section, before: before[section], after: after[section] });
    }
  }
  return delta;
}

export const isEmptyDelta = (d: ModelDelta): boolean =>
  d.elements.length === 0 && d.order.length === 0 && d.values.length === 0;

/**
 * Applies a delta forward (redo: gives the `after` model) or backward (undo: gives `before`).
 * Returns a new Model; the input is not mutated.
 */
export function applyDelta(
  model: Model,
  delta: ModelDelta,
  direction: 'forward' | 'backward',
): Model {
  const pick = <T>(c: { before?: T; after?: T }): T | undefined =>
    direction === 'forward' ? c.after : c.before;
  const next = { ...model } as Record<string, unknown>;
  const touched = new Set<RecordSection>([
    ...delta.elements.map(e => e.section),
    ...delta.order.map(o => o.section),
  ]);
  for (const section of touched) {
    const record: Record<string, unknown> = { ...(model[section] as Record<string, unknown>) };
    for (const change of delta.elements) {
      if (change.section !== section) continue;
      const value = pick(change);
      if (value === undefined) delete record[change.key];
      else setOwn(record, change.key, value);
    }
    const order = delta.order.find(o => o.section === section);
    if (order) {
      const keys = direction === 'forward' ? order.after : order.before;
      const ordered: Record<string, unknown> = {};
      for (const key of keys)
        if (Object.hasOwn(record, key)) setOwn(ordered, key, own(record, key));
      setOwn(next, section, ordered);
    } else {
      setOwn(next, section, record);
    }
  }
  for (const change of delta.values)
    setOwn(next, change.section, direction === 'forward' ? change.after : change.before);
  return next as Model;
}
