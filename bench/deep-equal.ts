/**
 * Structural equality for evaluator verdicts: key order is ignored, array order is not (the Decider
 * contract fixes the order of `decided` and `lost`), and a key holding `undefined` equals a missing key.
 *
 * @example
 * deepEqual({ a: 1, b: undefined }, { a: 1 }); // true
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!deepEqual(ra[k], rb[k])) return false;
  return true;
}

/** The first path where two values differ, for the disagreement report (e.g. `decided[0].allow`). */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (deepEqual(a, b)) return undefined;
  if (
    typeof a === 'object' &&
    typeof b === 'object' &&
    a !== null &&
    b !== null &&
    Array.isArray(a) === Array.isArray(b)
  ) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length)
      return `${path || '.'}length (${a.length} vs ${b.length})`;
    for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
      const sub = firstDifference(
        ra[k],
        rb[k],
        Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k,
      );
      if (sub) return sub;
    }
  }
  return path || '.';
}
