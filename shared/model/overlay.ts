/**
 * Records with structural sharing: `withReplaced(record, changes)` is a read-only record equal to
 * `record` except that some existing keys hold other values, made in time proportional to the
 * changes, not to the record. Why: a context-manager grant on one node of a 100,000-node structure
 * must not copy the 150,000-key `things` record (docs/benchmarks.md "Equipment"); plain-object copies
 * of that size cost 100-200 ms, and even `Object.keys` of it costs tens of milliseconds.
 *
 * The result reads like a plain record (`own`, `Object.keys/values/entries`, `for...in`, `in`,
 * `JSON.stringify`, spread) with the same keys in the same order as `record`; writes are refused
 * (models are immutable values). Callers that compare two records can ask `changedCandidates` for the
 * keys that may differ between records sharing a base, instead of scanning every key; callers that
 * need a structured clone (which refuses proxies) use `plainRecord`.
 *
 * @example
 * const next = withReplaced(model.things, new Map([['Press1', press1]]));
 * own(next, 'Press1') === press1; // true; Object.keys(next) equals Object.keys(model.things)
 * changedCandidates(model.things, next); // ['Press1']
 */
import { own, setOwn } from './own';

type Overlay = {
  /** A plain record (never an overlay) holding every key, in order. */
  base: Record<string, unknown>;
  /** Replaced values of existing keys of `base`. */
  changes: Map<string, unknown>;
};

const overlays = new WeakMap<object, Overlay>();
const keyCounts = new WeakMap<object, number>();

// Past this many changes a chain of overlays is flattened into a plain record once (amortised: a
// propagation over a whole structure pays one copy, as a plain copy-on-write would).
const SMALL_CHANGES = 1024;

function keyCount(base: Record<string, unknown>): number {
  let n = keyCounts.get(base);
  if (n === undefined) keyCounts.set(base, (n = Object.keys(base).length));
  return n;
}

function plainCopy(o: Overlay): Record<string, unknown> {
  const out = Object.create(Object.getPrototypeOf(o.base) as object | null) as Record<
    string,
    unknown
  >;
  for (const k of Object.keys(o.base))
    setOwn(out, k, o.changes.has(k) ? o.changes.get(k) : own(o.base, k));
  return out;
}

function overlayProxy(o: Overlay): Record<string, unknown> {
  // An extensible target with the base's prototype: the traps may report any configurable own
  // property (Proxy invariants), and Object.getPrototypeOf answers as for the base.
  const target = Object.create(Object.getPrototypeOf(o.base) as object | null) as Record<
    string,
    unknown
  >;
  const refuse = (): boolean => false;
  const proxy = new Proxy(target, {
    get: (_t, k) =>
      typeof k === 'string' && o.changes.has(k) ? o.changes.get(k) : Reflect.get(o.base, k),
    has: (_t, k) => Reflect.has(o.base, k),
    ownKeys: () => Reflect.ownKeys(o.base),
    getOwnPropertyDescriptor: (_t, k) => {
      const d = Reflect.getOwnPropertyDescriptor(o.base, k);
      if (!d) return undefined;
      if (typeof k === 'string' && o.changes.has(k)) d.value = o.changes.get(k);
      d.configurable = true;
      return d;
    },
    set: refuse,
    deleteProperty: refuse,
    defineProperty: refuse,
    setPrototypeOf: refuse,
  });
  overlays.set(proxy, o);
  return proxy;
}

/**
 * `record` with the values of `changes` under existing keys. A key `record` does not have, or a large
 * accumulated change set, gives a plain copy instead (same contents, same order).
 */
export function withReplaced<T>(
  record: Record<string, T>,
  changes: ReadonlyMap<string, T>,
): Record<string, T> {
  if (changes.size === 0) return record;
  const prev = overlays.get(record);
  const base = prev ? prev.base : (record as Record<string, unknown>);
  const merged = new Map<string, unknown>(prev ? prev.changes : undefined);
  for (const [k, v] of changes) {
    if (!Object.hasOwn(base, k)) {
      // A new key changes the key set: not an overlay (a grant never adds elements).
      const out = plainCopy({ base, changes: merged }) as Record<string, T>;
      for (const [k2, v2] of changes) setOwn(out, k2, v2);
      return out;
    }
    merged.set(k, v);
  }
  const o: Overlay = { base, changes: merged };
  if (merged.size > SMALL_CHANGES && merged.size * 16 > keyCount(base))
    return plainCopy(o) as Record<string, T>;
  // The proxy reads through `o` only; its values are the T of `record` and `changes`.
  return overlayProxy(o) as Record<string, T>;
}

/**
 * The keys whose values may differ between `a` and `b` when both are `base` or overlays of the same
 * base (each such key is then worth an identity check); undefined when they share no base (scan them).
 */
export function changedCandidates(a: object, b: object): string[] | undefined {
  if (a === b) return [];
  const oa = overlays.get(a);
  const ob = overlays.get(b);
  const baseA = oa ? oa.base : a;
  const baseB = ob ? ob.base : b;
  if (baseA !== baseB) return undefined;
  const keys = new Set<string>(oa ? oa.changes.keys() : undefined);
  if (ob) for (const k of ob.changes.keys()) keys.add(k);
  return [...keys];
}

/** Whether `record` is an overlay made by `withReplaced`. */
export const isOverlay = (record: object): boolean => overlays.has(record);

/** A plain record with the contents of `record` (itself when it is already plain), e.g. for structuredClone. */
export function plainRecord<T>(record: Record<string, T>): Record<string, T> {
  const o = overlays.get(record);
  return o ? (plainCopy(o) as Record<string, T>) : record;
}

/**
 * A deep copy of a model. Only `things` is ever an overlay (the edits that replace Things share the
 * rest), and structuredClone refuses the Proxy behind one, so it is made plain first.
 */
export function cloneModel<M extends { things: Record<string, unknown> }>(model: M): M {
  return structuredClone({ ...model, things: plainRecord(model.things) });
}
