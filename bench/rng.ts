/**
 * Deterministic pseudo-random numbers for the synthetic model generator (performance.md §6,
 * "Determinism"): xoshiro128** seeded through splitmix32, so one (size, seed) pair always yields the
 * same model on every machine and Node version (no Math.random, no platform-dependent floats beyond
 * IEEE division).
 *
 * @example
 * const rng = createRng(42);
 * rng.int(1, 3); // 1, 2 or 3, the same sequence for seed 42 every time
 */

export type Rng = {
  /** Next unsigned 32-bit integer. */
  next(): number;
  /** Uniform float in [0, 1). */
  float(): number;
  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** Index drawn from a weight table (weights need not sum to 1). */
  weighted(weights: readonly number[]): number;
};

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const init = splitmix32(seed);
  let s0 = init();
  let s1 = init();
  let s2 = init();
  let s3 = init();
  // xoshiro must not start from the all-zero state.
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 = (s2 ^ s0) >>> 0;
    s3 = (s3 ^ s1) >>> 0;
    s1 = (s1 ^ s2) >>> 0;
    s0 = (s0 ^ s3) >>> 0;
    s2 = (s2 ^ t) >>> 0;
    s3 = rotl(s3, 11);
    return result;
  };
  const float = (): number => next() / 4294967296;
  const int = (lo: number, hi: number): number => lo + Math.floor(float() * (hi - lo + 1));
  return {
    next,
    float,
    int,
    chance: p => float() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)] as T;
    },
    weighted: weights => {
      let total = 0;
      for (const w of weights) total += w;
      let r = float() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i] as number;
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
  };
}

/**
 * Zipf sampler over ranks 0..n-1 (rank 0 most likely), P(k) proportional to 1/(k+1)^s.
 * Precomputes the cumulative table once; each draw is a binary search.
 */
export function createZipf(rng: Rng, n: number, s = 1): () => number {
  if (n < 1) throw new Error(`Zipf over ${n} ranks`);
  const cdf = new Float64Array(n);
  let acc = 0;
  for (let k = 0; k < n; k++) {
    acc += 1 / Math.pow(k + 1, s);
    cdf[k] = acc;
  }
  return () => {
    const r = rng.float() * acc;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
