/**
 * Per-call latency measurement (performance.md §7 harness): warm-up, then one
 * `process.hrtime.bigint()` pair around every call, percentiles over all samples.
 *
 * @example
 * const stats = measureLatency(cells, 100_000, 20_000, (c) => decider.runtime(c.user, c.target, c.check));
 * stats.p50Ns; // e.g. 850
 */

export type LatencyStats = {
  samples: number;
  warmup: number;
  p50Ns: number;
  p99Ns: number;
  meanNs: number;
  minNs: number;
  maxNs: number;
};

// Results land here so the optimiser cannot drop the timed calls as dead code.
let sink: unknown;
/** The last value a timed call returned (read it once so `sink` stays observable). */
export const lastSink = (): unknown => sink;

export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] as number;
}

export function summarize(times: Float64Array, warmup: number): LatencyStats {
  const sorted = Float64Array.from(times).sort();
  let sum = 0;
  for (const t of times) sum += t;
  return {
    samples: times.length,
    warmup,
    p50Ns: percentile(sorted, 0.5),
    p99Ns: percentile(sorted, 0.99),
    meanNs: times.length > 0 ? sum / times.length : Number.NaN,
    minNs: sorted[0] ?? Number.NaN,
    maxNs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

const maybeGc = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
};

/**
 * Times `fn` on `samples` inputs taken round-robin from `pool` after `warmup` untimed calls.
 * `onProgress` is called outside the timed region every 1,024 samples.
 */
export function measureLatency<C>(
  pool: readonly C[],
  samples: number,
  warmup: number,
  fn: (input: C) => unknown,
  onProgress?: (done: number) => void,
): LatencyStats {
  if (pool.length === 0) throw new Error('measureLatency needs a non-empty input pool');
  for (let i = 0; i < warmup; i++) sink = fn(pool[i % pool.length] as C);
  maybeGc();
  const times = new Float64Array(samples);
  // Start the timed pass at another offset so the first timed inputs are not the warm-up's last.
  const offset = warmup % pool.length;
  for (let i = 0; i < samples; i++) {
    const input = pool[(offset + i) % pool.length] as C;
    const t0 = process.hrtime.bigint();
    sink = fn(input);
    const t1 = process.hrtime.bigint();
    times[i] = Number(t1 - t0);
    if (onProgress && (i & 1023) === 1023) onProgress(i + 1);
  }
  onProgress?.(samples);
  return summarize(times, warmup);
}

/** Wall time of one call of `fn` in nanoseconds, and its result. */
export function timeOnce<T>(fn: () => T): { ns: number; value: T } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ns: Number(process.hrtime.bigint() - t0), value };
}

/** Median wall time of `runs` calls of `fn`, in nanoseconds (macro operations such as index build). */
export function medianTime(runs: number, fn: () => unknown): number {
  const times = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    maybeGc();
    times[i] = timeOnce(fn).ns;
  }
  return percentile(times.sort(), 0.5);
}
