/**
 * Lookups by a user-supplied name. Element names are data: a Thing may be called `constructor`,
 * `__proto__`, `toString` or `hasOwnProperty`, and `record[name]` on a plain object would find
 * `Object.prototype`'s member instead of "not found" (and `record['__proto__'] = x` would replace the
 * prototype instead of adding an element). Every lookup of a name in a `Record<string, T>` goes
 * through these helpers; the lint rule in eslint.config.js refuses the bare form on the model's
 * records.
 *
 * @example
 * own(model.things, 'constructor'); // undefined unless the model declares a Thing 'constructor'
 * setOwn(model.users, '__proto__', user); // an ordinary element named '__proto__'
 */

/** The value stored under `key` itself, never one inherited from `Object.prototype`. */
export function own<R extends object>(record: R | undefined, key: string): R[keyof R] | undefined {
  if (record === undefined) return undefined;
  const v = (record as Record<string, R[keyof R]>)[key];
  if (v === undefined) return undefined;
  // Hot path (lookups in 100,000-element models): what Object.prototype lends is a function, or
  // the prototype itself for '__proto__'; only then is the own-property check needed.
  if (typeof v === 'function' || key === '__proto__')
    return Object.hasOwn(record, key) ? v : undefined;
  return v;
}

/** Whether `key` is one of the record's own keys. */
export const hasOwn = (record: object | undefined, key: string): boolean =>
  record !== undefined && Object.hasOwn(record, key);

/**
 * Stores `value` under `key` as an ordinary own property, also for `__proto__` (plain assignment
 * would set the prototype instead).
 */
export function setOwn<R extends object, V extends R[keyof R]>(
  record: R,
  key: string,
  value: V,
): V {
  if (key === '__proto__')
    Object.defineProperty(record, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  else (record as Record<string, V>)[key] = value;
  return value;
}

/** An empty record without a prototype: no inherited names, `__proto__` is an ordinary key. */
export const nameRecord = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/**
 * zod's record schemas skip a `__proto__` key (a guard against prototype pollution), which would
 * silently drop an element of that name. Before validation every own `__proto__` key is renamed to
 * this stand-in, and `restoreProtoKeys` renames it back in the validated value (and in messages).
 */
export const PROTO_STAND_IN = '\u0000__proto__';

/** A copy of `value` with every own `__proto__` key renamed to `PROTO_STAND_IN` (iterative: no recursion limit). */
export function hideProtoKeys(value: unknown): unknown {
  return mapKeys(value, '__proto__', PROTO_STAND_IN);
}

/** Undoes `hideProtoKeys` on a validated value. */
export function restoreProtoKeys<T>(value: T): T {
  return mapKeys(value, PROTO_STAND_IN, '__proto__') as T;
}

function mapKeys(value: unknown, from: string, to: string): unknown {
  if (!containsKey(value, from)) return value;
  const copy = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(copy);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = Object.getPrototypeOf(v) === null ? nameRecord() : {};
    for (const [k, x] of Object.entries(v)) setOwn(out, k === from ? to : k, copy(x));
    return out;
  };
  return copy(value);
}

/** Whether any object in the tree has `key` as an own key (iterative). */
function containsKey(value: unknown, key: string): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (!Array.isArray(v) && Object.hasOwn(v, key)) return true;
    for (const x of Object.values(v)) if (x !== null && typeof x === 'object') stack.push(x);
  }
  return false;
}
