/**
 * Results as data (architecture.md §1): every contract call, and the model code they reach,
 * returns `{ ok: true, value } | { ok: false, error: { code, message, details? } }`, never a thrown
 * error. The contract (shared/contract.ts) re-exports these.
 *
 * @example
 * const r: Result<number> = n > 0 ? ok(n) : err('invalid-argument', `expected a positive number, got ${n}`);
 */
export type ApiError = {
  /** Stable machine code, e.g. 'invalid-argument', 'not-found', 'model-invalid', 'file-newer', 'file-corrupt', 'io'. */
  code: string;
  /** One sentence for a person: what, where, what was expected. */
  message: string;
  details?: unknown;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: string, message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});
