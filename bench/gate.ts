/**
 * The decision-gate benchmark (docs/benchmarks.md "Decision gate"): the routes that share the
 * gate of shared/engine/gate.ts (admin bypass, owner bypass, visibility, then the check; domain
 * reference §9.3-9.6), timed on one generated model per size so a change to the gate can be
 * compared before and after on the same machine:
 * - the single check as a REST call decides it (`check` of the indexed fast path), p50/p99;
 * - the REST pipeline (`evaluate`, with explanation), p50;
 * - one access-matrix window (`matrixCells`, 50 users x 200 Things x 5 kinds = 50,000 cells),
 *   median of 5 on a warm decider and once on a fresh model (cold caches);
 * - the what-if summary and full diff of the typical change (bench/whatif.ts), both warm, median of 5.
 *
 * @example
 * npx tsx bench/gate.ts --size S,M --seed 42
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import { evaluate, getDecider } from '../shared/engine/index';
import type { IndexedDecider } from '../shared/engine/indexed';
import { matrixAxes, matrixCells } from '../shared/graph/matrix';
import type { Model } from '../shared/model/types';
import { diffModels } from '../shared/whatif';
import { diffSummary } from '../shared/whatif/summary';
import { restRequestFor, sampleRuntimeCells } from './cells';
import { generateModel } from './generator';
import { lastSink, measureLatency } from './measure';
import type { ModelSize } from './params';
import { createRng } from './rng';
import { median, pickChange } from './whatif';

type GateBench = {
  size: ModelSize;
  checkP50Ns: number;
  checkP99Ns: number;
  evaluateP50Ns: number;
  matrixCells: number;
  matrixWarmMs: number;
  matrixColdMs: number;
  summaryWarmMs: number;
  diffWarmMs: number;
};

function benchSize(size: ModelSize, seed: number): GateBench {
  const model = generateModel(size, seed);
  const rng = createRng(seed ^ 0x5eed);
  const cells = sampleRuntimeCells(model, rng, 50_000);
  const decider = getDecider(model) as IndexedDecider;
  const check = measureLatency(cells, 200_000, 100_000, c =>
    decider.check(c.user, c.target, c.check),
  );
  const requests = cells.flatMap(c => {
    const r = restRequestFor(c);
    return r ? [r] : [];
  });
  const rest = measureLatency(requests, 50_000, 20_000, r => evaluate(model, r));
  const axes = matrixAxes(model);
  const users = axes.users.slice(0, 50);
  const things = axes.things.slice(0, 200);
  const matrixWarmMs = median(5, 1, () => matrixCells(model, users, things, axes.kinds));
  // A shallow copy is a new model identity: a fresh decider with empty caches, as after an edit.
  const fresh: Model = { ...model };
  const t0 = performance.now();
  matrixCells(fresh, users, things, axes.kinds);
  const matrixColdMs = performance.now() - t0;
  const picked = pickChange(model);
  const opts = { maxCells: 1e9 };
  const summaryWarmMs = median(5, 1, () =>
    diffSummary(model, picked.after, { kind: 'affected' }, opts),
  );
  const diffWarmMs = median(5, 1, () =>
    diffModels(model, picked.after, { kind: 'affected' }, opts),
  );
  lastSink();
  return {
    size,
    checkP50Ns: check.p50Ns,
    checkP99Ns: check.p99Ns,
    evaluateP50Ns: rest.p50Ns,
    matrixCells: users.length * things.length * axes.kinds.length,
    matrixWarmMs,
    matrixColdMs,
    summaryWarmMs,
    diffWarmMs,
  };
}

const ns = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} µs` : `${Math.round(v)} ns`);
const ms = (v: number) => `${v.toFixed(1)} ms`;

function main(argv: string[]): number {
  const program = new Command('bench-gate')
    .option('--size <sizes>', 'S, M or both (comma-separated)', 'S,M')
    .option('--seed <n>', 'generator seed', '42')
    .exitOverride();
  try {
    program.parse(argv);
  } catch (e) {
    return (e as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
  const opts = program.opts<{ size: string; seed: string }>();
  const sizes = opts.size.split(',').map(s => s.trim().toUpperCase());
  if (!sizes.every((s): s is ModelSize => s === 'S' || s === 'M')) {
    process.stderr.write('--size takes S, M or S,M\n');
    return 2;
  }
  const seed = Number(opts.seed);
  const load = loadavg()[0] ?? Number.NaN;
  const rows = sizes.map(s => {
    process.stderr.write(`size ${s}...\n`);
    return benchSize(s, seed);
  });
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    `Machine: ${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; 1-min load ${load.toFixed(2)} at start, ${(loadavg()[0] ?? Number.NaN).toFixed(2)} at end; seed ${seed}.\n\n`,
  );
  process.stdout.write(
    '| Size | single check (`check`) p50 | p99 | REST `evaluate` p50 | matrix window | warm | cold | what-if summary (warm) | full diff (warm) |\n| ---- | --: | --: | --: | --: | --: | --: | --: | --: |\n',
  );
  for (const r of rows)
    process.stdout.write(
      `| ${r.size} | ${ns(r.checkP50Ns)} | ${ns(r.checkP99Ns)} | ${ns(r.evaluateP50Ns)} | ${r.matrixCells.toLocaleString('en-US')} cells | ${ms(r.matrixWarmMs)} | ${ms(r.matrixColdMs)} | ${ms(r.summaryWarmMs)} | ${ms(r.diffWarmMs)} |\n`,
    );
  return 0;
}

process.exitCode = main(process.argv);
