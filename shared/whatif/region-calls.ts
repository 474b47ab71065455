/**
 * Which calls of a scope lie in the affected region for one caller (performance.md §2.3): every
 * call when one of the caller's rectangles spans every entity; else the calls on the entities of
 * its rectangles, plus the calls without an entity (collection lists), in scope order. Why: a
 * change to one user (a membership, a flag) makes a rectangle "every caller x that user's own
 * entity"; scanning all ~400,000 calls of a size-M scope for each of 2,000 callers to find those
 * few costs seconds, looking them up costs nothing.
 *
 * @example
 * const inRegion = regionCalls(calls.map(c => c.entity && entityKey(c.entity)), region);
 * inRegion('user:alice'); // 'all' | 'none' | call indexes, ascending
 */
import type { Region } from './affected';

export type RegionCalls = (callerKey: string) => 'all' | 'none' | ArrayLike<number>;

/** `keys[i]` = entity key of call i, undefined for a call without an entity. */
export function regionCalls(keys: readonly (string | undefined)[], region: Region): RegionCalls {
  if (region.everything) return () => 'all';
  const byEntity = new Map<string, number[]>();
  const noEntity: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === undefined) noEntity.push(i);
    else {
      const list = byEntity.get(k);
      if (list) list.push(i);
      else byEntity.set(k, [i]);
    }
  }
  // Callers in the same rectangles get the same indexes: computed once per combination.
  const memo = new Map<string, 'all' | 'none' | Int32Array>();
  const rects = region.rectangles;
  return callerKey => {
    const mine: number[] = [];
    for (let r = 0; r < rects.length; r++) {
      const c = (rects[r] as Region['rectangles'][number]).callers;
      if (c === 'all' || c.has(callerKey)) mine.push(r);
    }
    const sig = mine.join(',');
    let out = memo.get(sig);
    if (out !== undefined) return out;
    const entitySets = mine.map(r => (rects[r] as Region['rectangles'][number]).entities);
    if (entitySets.some(e => e === 'all')) out = 'all';
    else {
      const seen = new Set<number>(noEntity);
      for (const es of entitySets as Set<string>[])
        for (const e of es) for (const i of byEntity.get(e) ?? []) seen.add(i);
      out = seen.size === 0 ? 'none' : Int32Array.from(seen).sort();
    }
    memo.set(sig, out);
    return out;
  };
}
