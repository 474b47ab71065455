/**
 * The structural check of a model file, fast for the well-formed case. zod's `safeParse` on a
 * size-L file (120,000 permission entries) builds a result object, an issue list and a copy of every
 * node, which made it a third of the load time. A well-formed file needs none of that: the checker
 * below is derived from the same zod schema (file-format.ts stays the one source of the format) and
 * only answers "valid" or "not sure". Only "not sure" runs zod, which then reports every problem with
 * its path and message exactly as before.
 *
 * The checker is never more lenient than zod: each schema kind it knows is checked as zod checks it
 * (or more strictly, e.g. a mapping must be a plain object), and anything it does not know (a
 * string format such as a date-time or an IP address, a number check) is handed to zod for that
 * value alone. Every schema of the model file has an output equal to its input (no defaults, no
 * transforms), so the checked value is the validated file; a schema kind that could change its
 * value (a transform, a default, a pipe) makes the whole check answer "not sure".
 *
 * @example
 * const r = safeParseModelFile({ permsim: 1, users: { alice: {} } });
 * r.success && r.data.users; // the input itself when it is well-formed
 */
import type { z } from 'zod';
import { ModelFileSchema } from './file-format';
import type { ModelFile } from './file-format';

type Check = (value: unknown) => boolean;

/** The parts of a zod 4 schema definition the checker reads. */
type Def = {
  type: string;
  shape?: Record<string, unknown>;
  catchall?: unknown;
  keyType?: unknown;
  valueType?: unknown;
  element?: unknown;
  options?: unknown[];
  innerType?: unknown;
  getter?: () => unknown;
  values?: unknown[];
  entries?: Record<string, unknown>;
  format?: string;
  checks?: unknown[];
};
type CheckDef = { check?: string; format?: string; minimum?: number; pattern?: RegExp };

const defOf = (s: unknown): Def | undefined =>
  (s as { _zod?: { def?: Def } } | undefined)?._zod?.def;
const checkDefOf = (c: unknown): CheckDef | undefined =>
  (c as { _zod?: { def?: CheckDef } } | undefined)?._zod?.def;

/** A plain mapping as a parser makes it (JSON.parse, js-yaml, the YAML document's toJS). */
const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

const NOT_SURE: Check = () => false;

/** zod itself, on one value: for the few leaves whose check the fast path does not repeat. */
const byZod =
  (schema: unknown): Check =>
  v =>
    (schema as z.ZodType).safeParse(v).success;

function buildCheck(schema: unknown, memo: Map<unknown, Check>): Check {
  const known = memo.get(schema);
  if (known) return known;
  // A recursive schema (equipment children) reaches itself only through `lazy`, which builds its
  // inner check on first use, when this one is already in the memo.
  const built = buildUncached(schema, memo);
  memo.set(schema, built);
  return built;
}

function stringCheck(schema: unknown, def: Def): Check {
  // A string format schema (date-time, IPv4, IPv6, CIDR) has checks of its own beyond a pattern.
  if (def.format !== undefined) return v => typeof v === 'string' && byZod(schema)(v);
  let minimum = 0;
  const patterns: RegExp[] = [];
  for (const c of def.checks ?? []) {
    const d = checkDefOf(c);
    if (d?.check === 'min_length' && typeof d.minimum === 'number')
      minimum = Math.max(minimum, d.minimum);
    else if (d?.check === 'string_format' && d.format === 'regex' && d.pattern instanceof RegExp)
      patterns.push(d.pattern);
    // Any other check (a length limit, a trim that rewrites the value, ...): zod decides.
    else return v => typeof v === 'string' && byZod(schema)(v);
  }
  return v => {
    if (typeof v !== 'string' || v.length < minimum) return false;
    for (const p of patterns) {
      p.lastIndex = 0;
      if (!p.test(v)) return false;
    }
    return true;
  };
}

function buildUncached(schema: unknown, memo: Map<unknown, Check>): Check {
  const def = defOf(schema);
  if (!def) return NOT_SURE;
  switch (def.type) {
    case 'optional': {
      const inner = buildCheck(def.innerType, memo);
      return v => v === undefined || inner(v);
    }
    case 'lazy': {
      const getter = def.getter;
      if (!getter) return NOT_SURE;
      let inner: Check | undefined;
      return v => (inner ??= buildCheck(getter(), memo))(v);
    }
    case 'string':
      return stringCheck(schema, def);
    case 'boolean':
      return v => typeof v === 'boolean';
    case 'unknown':
      return () => true;
    case 'number':
      // Numbers appear only in saved requests (expected status): zod decides.
      return v => typeof v === 'number' && byZod(schema)(v);
    case 'literal': {
      const values = def.values ?? [];
      return v => values.includes(v);
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return v => values.has(v);
    }
    case 'array': {
      const element = buildCheck(def.element, memo);
      let minimum = 0;
      for (const c of def.checks ?? []) {
        const d = checkDefOf(c);
        if (d?.check === 'min_length' && typeof d.minimum === 'number')
          minimum = Math.max(minimum, d.minimum);
        else return NOT_SURE;
      }
      return v => {
        if (!Array.isArray(v) || v.length < minimum) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'record': {
      if (defOf(def.keyType)?.type !== 'string' || defOf(def.keyType)?.checks?.length)
        return NOT_SURE;
      const value = buildCheck(def.valueType, memo);
      return v => {
        if (!isPlainObject(v)) return false;
        for (const k in v) if (Object.hasOwn(v, k) && !value(v[k])) return false;
        return true;
      };
    }
    case 'object': {
      // Only strict objects (an unknown key is an error): a loose one would keep or drop keys.
      if (defOf(def.catchall)?.type !== 'never' || !def.shape) return NOT_SURE;
      const shape = def.shape;
      const keys = Object.keys(shape);
      const checks = keys.map(k => buildCheck(shape[k], memo));
      const index = new Map(keys.map((k, i) => [k, i]));
      // The keys whose check refuses an absent value (the required ones), found on first use: a
      // lazy check builds its inner check only then.
      let required: number[] | undefined;
      return v => {
        if (!isPlainObject(v)) return false;
        // Only the keys written are checked (a Thing writes two or three of its nine), then the
        // required ones that are missing.
        let present = 0;
        for (const k in v) {
          const i = index.get(k);
          // `__proto__` and inherited keys: zod reports or skips them; let it.
          if (i === undefined || !Object.hasOwn(v, k) || k === '__proto__') return false;
          if (!(checks[i] as Check)(v[k])) return false;
          present++;
        }
        required ??= keys.flatMap((_, i) => ((checks[i] as Check)(undefined) ? [] : [i]));
        if (present < required.length) return false;
        for (let r = 0; r < required.length; r++)
          if (!Object.hasOwn(v, keys[required[r] as number] as string)) return false;
        return true;
      };
    }
    case 'union': {
      const options = (def.options ?? []).map(o => buildCheck(o, memo));
      return v => {
        for (const o of options) if (o(v)) return true;
        return false;
      };
    }
    default:
      // A transform, default, pipe or any kind not listed: the value might change; zod decides.
      return NOT_SURE;
  }
}

let modelFileCheck: Check | undefined;

/** Whether `value` is a well-formed model file by the fast check (false = not sure: ask zod). */
export function isWellFormedModelFile(value: unknown): value is ModelFile {
  modelFileCheck ??= buildCheck(ModelFileSchema, new Map());
  return modelFileCheck(value);
}

/**
 * `ModelFileSchema.safeParse`, with the fast check first: a well-formed file is its own validated
 * value; any other goes through zod for its located, complete list of problems.
 */
export function safeParseModelFile(value: unknown): ReturnType<typeof ModelFileSchema.safeParse> {
  if (isWellFormedModelFile(value)) return { success: true, data: value };
  return ModelFileSchema.safeParse(value);
}
