/**
 * Pieces every area of the contract uses: names, paths, the empty argument object, and `owned`
 * for results whose type a lower layer of shared/ owns.
 *
 * Objects are strict: an unknown key is reported rather than silently dropped, so a typo in a
 * caller never turns into a default. Error words read after "x must be ..." (main/api/validators.ts).
 */
import { z } from 'zod';

export { nameSchema as name } from '../model/edits';

export const path = z.string({ error: 'a file path' }).min(1, { error: 'a non-empty file path' });

/** The arguments of a call that takes none. */
export const empty = z.strictObject({});

/**
 * The result of a call whose value is built by a lower layer (a `Decision`, a `GraphView`, a
 * what-if summary...) with its TypeScript type defined there. The schema types the contract with
 * that type and checks only that an object (or list) came back: these values never come FROM a
 * caller, so they need no validation at the boundary, and the contract test
 * (test/unit/api/contract.test.ts) parses every result on the demo models.
 *
 * @example
 * const result = owned<Decision>('a decision');
 */
export function owned<T extends object>(what: string) {
  return z.custom<T>(v => v !== null && typeof v === 'object', { error: what });
}

/** A call's schemas: what it takes and what it answers. */
export type CallSchemas = { args: z.ZodType; result: z.ZodType };

/**
 * Declares the calls of one area, keeping each entry's own schema types (so the inferred types
 * stay precise) while checking that every entry has `args` and `result`.
 */
export const calls = <const T extends Record<string, CallSchemas>>(defs: T): T => defs;
