/**
 * Merging named groups once: the contract's areas into one call table, and the handler map's
 * groups into one map. No imports, so the light barrel (shared/contract.ts) can offer it.
 */
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (
  i: infer I,
) => void
  ? I
  : never;

/**
 * Merges groups of named entries (contract areas, handler groups) into one object, refusing a
 * name that two groups define: a second registration would silently replace the first. Runs once
 * at start-up, so a duplicate fails every test and the first run, never a user's call.
 *
 * @example
 * mergeOnce('handler', [{ 'a:x': 1 }, { 'a:x': 2 }]); // throws: handler 'a:x' is registered twice
 */
export function mergeOnce<const G extends readonly object[]>(
  what: string,
  groups: G,
): UnionToIntersection<G[number]> {
  const out: Record<string, unknown> = {};
  for (const group of groups)
    for (const [key, value] of Object.entries(group)) {
      if (Object.hasOwn(out, key)) throw new Error(`${what} '${key}' is registered twice`);
      out[key] = value;
    }
  return out as UnionToIntersection<G[number]>;
}
