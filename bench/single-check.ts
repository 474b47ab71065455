/**
 * The single check alone (docs/benchmarks.md "Single check"; performance.md §8 O4 and O5): the two
 * latency rows that `npm run bench` times per size, without the rest of the run, so the size-L
 * goals (p50 <= 1 µs, p99 <= 5 µs; explain one cell p99 <= 100 µs) can be measured in a minute.
 *
 * Same procedure as `runSize` in bench/run.ts: the generated model, `createIndexedDecider`, a pool
 * of 50,000 random run-time cells (`sampleRuntimeCells`), 50,000 warm-up calls that fill the lazy
 * caches, then 200,000 timed calls (`measureLatency`, one hrtime pair per call). The pool is drawn
 * from its own random stream, so the cells are not the full run's. Correctness gate first: on
 * 20,000 of the pool's cells the fast path (`visible`, `allows`) equals the reference evaluator's
 * verdicts. The load average and the process's CPU time are printed with the figures.
 *
 * @example
 * npx tsx --expose-gc bench/single-check.ts --size L --seed 42
 */
import { loadavg } from 'node:os';
import { createIndexedDecider } from '../shared/engine/indexed';
import { createReferenceDecider } from '../shared/engine/reference';
import { sampleRuntimeCells } from './cells';
import type { RuntimeCell } from './cells';
import { generateModel } from './generator';
import { lastSink, measureLatency } from './measure';
import type { LatencyStats } from './measure';
import type { ModelSize } from './params';
import { createRng } from './rng';

const POOL = 50_000;
const WARMUP = 50_000;
const SAMPLES = 200_000;
const GATE = 20_000;

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const size = (arg('--size') ?? 'L') as ModelSize;
const seed = Number(arg('--seed') ?? 42);
const loadStart = loadavg()[0] ?? Number.NaN;
const model = generateModel(size, seed);
const indexed = createIndexedDecider(model);
const reference = createReferenceDecider(model);
const pool = sampleRuntimeCells(model, createRng(seed ^ 0x51c7), POOL);

let bad: string | undefined;
for (let i = 0; i < GATE && !bad; i++) {
  const c = pool[i] as RuntimeCell;
  const visible = reference.visibility(c.user, c.target).visible;
  const allowed = reference.runtime(c.user, c.target, c.check).allowed;
  if (
    indexed.visible(c.user, c.target) !== visible ||
    indexed.allows(c.user, c.target, c.check) !== allowed
  )
    bad = `${c.user} x ${c.target.name} x ${c.check.kind} ${c.check.resource}`;
}
if (bad) {
  process.stderr.write(
    `single check at ${size}: the fast path and the reference disagree on ${bad}\n`,
  );
  process.exit(1);
}

const rows: { op: string; stats: LatencyStats; cpuMs: number }[] = [];
const time = (op: string, fn: (c: RuntimeCell) => unknown): void => {
  const c0 = process.cpuUsage();
  const stats = measureLatency(pool, SAMPLES, WARMUP, fn);
  const c = process.cpuUsage(c0);
  rows.push({ op, stats, cpuMs: (c.user + c.system) / 1000 });
};
time('timer overhead (empty call)', () => 0);
time(
  'single check: `visible` + `allows` (fast path)',
  c => indexed.visible(c.user, c.target) === indexed.allows(c.user, c.target, c.check),
);
time('single check as a REST call decides it: `check`', c =>
  indexed.check(c.user, c.target, c.check),
);
time('explain one cell: `visibility` + `runtime` verdicts', c => {
  const v = indexed.visibility(c.user, c.target);
  return v.visible === indexed.runtime(c.user, c.target, c.check).allowed;
});
void lastSink();

const us = (ns: number): string =>
  ns < 1000 ? `${ns.toFixed(0)} ns` : `${(ns / 1000).toFixed(2)} µs`;
let out = `Size ${size}, seed ${seed}: ${GATE.toLocaleString('en-US')} cells agree with the reference; ${SAMPLES.toLocaleString('en-US')} samples after ${WARMUP.toLocaleString('en-US')} warm-up calls over ${POOL.toLocaleString('en-US')} cells.\n\n`;
out += '| Operation | p50 | p99 | mean | CPU ms of the timed pass |\n|---|--:|--:|--:|--:|\n';
for (const r of rows)
  out += `| ${r.op} | ${us(r.stats.p50Ns)} | ${us(r.stats.p99Ns)} | ${us(r.stats.meanNs)} | ${r.cpuMs.toFixed(0)} |\n`;
out += `\nLoad average (1 min): ${loadStart.toFixed(2)} at start, ${(loadavg()[0] ?? Number.NaN).toFixed(2)} at end.\n`;
process.stdout.write(out);
