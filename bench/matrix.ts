/**
 * Access matrix benchmark (performance.md §8 O8, docs/benchmarks.md "Access matrix"): the whole
 * matrix, users x Things x the five run-time kinds, from the bit-parallel matrix engine
 * (shared/engine/matrix), with visibility and the bypasses.
 *
 * - Correctness gate first: sampled cells of the materialized matrix equal the indexed fast path's
 *   single check through the decision gate (plus 401 for a user who cannot log in and UNKNOWN on a
 *   disabled Thing), and sampled override flags equal `cellOverrides`. A disagreement fails the run.
 * - cold (the goal's figure): from a model object whose indices were never built (a copy, so no
 *   cache helps) to an engine that answers every cell in O(1) (`code`: two array reads, two bit
 *   tests): user classes and visibility classes, Thing classes with their answers as masks over user
 *   classes, Thing visibility classes as masks over user visibility classes, the bypass flags.
 * - first expansion: every user's rows expanded into a fresh buffer (the whole matrix as 358 MiB of
 *   bits at L), including the class rows it streams from (built on the first `materialize`).
 * - warm: the rows of every user again from the built engine into the same buffer.
 * Wall time and the process's CPU time are both recorded: on a shared machine the wall time
 * includes waiting for a core. RSS after the matrix is held.
 *
 * @example
 * npx tsx bench/matrix.ts --size L --seed 42
 * import { benchMatrix } from './matrix'; benchMatrix(model, 'L'); // from bench/run.ts
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { getDecider } from '../shared/engine/index';
import { createMatrixEngine, ROWS_PER_USER } from '../shared/engine/matrix';
import type { FullMatrix, MatrixEngine } from '../shared/engine/matrix';
import { cellOverrides } from '../shared/graph/matrix';
import { own } from '../shared/model/own';
import { RUNTIME_KINDS } from '../shared/model/types';
import type { Model } from '../shared/model/types';
import { generateModel } from './generator';
import type { ModelSize } from './params';
import { createRng } from './rng';

export type MatrixBench = {
  size: ModelSize;
  users: number;
  things: number;
  cells: number;
  userClasses: number;
  thingClasses: number;
  gateCells: number;
  gateOverrides: number;
  agree: boolean;
  disagreement?: string;
  visibilityClasses: number;
  /** Medians. Cold: the engine built, every cell answerable in O(1). */
  coldMs: number;
  coldCpuMs: number;
  /** The first `materialize` after a cold build: class rows plus the whole matrix in a fresh buffer. */
  expandMs: number;
  expandCpuMs: number;
  warmMs: number;
  warmCpuMs: number;
  rssMB: number;
  matrixMB: number;
  loadAverage: number;
  /**
   * CPU ms of `c |= a` over 256 MB of Int32Array in the same process (performance.md §2.4: 87
   * Gbit/s, about 24 ms, on the reference machine): how much slower this machine is right now.
   */
  kernelCpuMs: number;
  goals: { warmMs: number; coldMs: number; rssMB: number } | undefined;
};

const GOALS: Partial<Record<ModelSize, MatrixBench['goals']>> = {
  L: { warmMs: 250, coldMs: 600, rssMB: 1024 },
};
const GATE_CELLS: Record<ModelSize, number> = { S: 100_000, M: 100_000, L: 100_000 };
const GATE_OVERRIDES = 2_000;

function cpuMs(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

/** A copy sharing no object the indices are cached by, so the engine builds from nothing. */
const freshCopy = (model: Model): Model => ({
  ...model,
  users: { ...model.users },
  groups: { ...model.groups },
  organizations: { ...model.organizations },
  things: { ...model.things },
});

/** The code of a cell read from the materialized bits. */
function codeAt(e: MatrixEngine, full: FullMatrix, model: Model, u: number, t: number, k: number) {
  const user = own(model.users, e.users[u] as string);
  if (!user || !user.enabled || user.locked) return '1';
  const bit = (row: number) => {
    const off = (u * ROWS_PER_USER + row) * full.wordsPerRow;
    return ((full.words[off + (t >>> 5)] as number) & (1 << (t & 31))) !== 0;
  };
  if (bit(k)) return own(model.things, e.things[t] as string)?.enabled === false ? 'u' : '2';
  if (bit(ROWS_PER_USER - 1)) return model.semantics.denialStatus === 401 ? '1' : '3';
  return '4';
}

/** The same cell through the indexed fast path's single check (gate.ts order), no engine involved. */
function expectedCode(model: Model, user: string, thing: string, k: number): string {
  const u = own(model.users, user);
  if (!u || !u.enabled || u.locked) return '1';
  const kind = RUNTIME_KINDS[k] as (typeof RUNTIME_KINDS)[number];
  const a = getDecider(model).check(
    user,
    { collection: 'Things', name: thing },
    { kind, resource: '*' },
  );
  if (a === 'invisible') return '4';
  if (a === 'denied') return model.semantics.denialStatus === 401 ? '1' : '3';
  return own(model.things, thing)?.enabled === false ? 'u' : '2';
}

/** The calibration kernel (see `kernelCpuMs`): median CPU ms of three passes. */
function kernelCpuMs(): number {
  const n = 64 * 2 ** 20;
  const a = new Int32Array(n).fill(1);
  const c = new Int32Array(n).fill(2);
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) c[i] = (c[i] as number) | (a[i] as number);
    times.push(cpuMs(c0));
  }
  return median(times);
}

export function benchMatrix(
  model: Model,
  size: ModelSize,
  log: (s: string) => void = () => undefined,
  seed = 42,
): MatrixBench {
  const runs = size === 'L' ? 3 : 5;
  // Cold runs: each from a fresh copy, nothing cached.
  const cold: number[] = [];
  const coldCpu: number[] = [];
  const expands: number[] = [];
  const expandsCpu: number[] = [];
  let engine: MatrixEngine | undefined;
  let full: FullMatrix | undefined;
  for (let i = 0; i < runs; i++) {
    const copy = freshCopy(model);
    full = undefined;
    engine = undefined;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    engine = createMatrixEngine(copy);
    cold.push(performance.now() - t0);
    coldCpu.push(cpuMs(c0));
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    full = engine.materialize();
    expands.push(performance.now() - t1);
    expandsCpu.push(cpuMs(c1));
    log(`matrix ${size}: cold run ${i + 1}/${runs} ${(cold[i] as number).toFixed(0)} ms\n`);
  }
  const e = engine as MatrixEngine;
  let m = full as FullMatrix;
  const warm: number[] = [];
  const warmCpu: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    m = e.materialize(m);
    warm.push(performance.now() - t0);
    warmCpu.push(cpuMs(c0));
  }
  const rssMB = process.memoryUsage().rss / 2 ** 20;

  // Correctness gate on sampled cells.
  const rng = createRng(seed);
  let disagreement: string | undefined;
  const cells = Math.min(GATE_CELLS[size], e.users.length * e.things.length * RUNTIME_KINDS.length);
  for (let i = 0; i < cells && !disagreement; i++) {
    const u = rng.int(0, e.users.length - 1);
    const t = rng.int(0, e.things.length - 1);
    const k = rng.int(0, RUNTIME_KINDS.length - 1);
    const got = codeAt(e, m, model, u, t, k);
    const want = expectedCode(model, e.users[u] as string, e.things[t] as string, k);
    if (got !== want)
      disagreement = `${e.users[u]} x ${e.things[t]} x ${RUNTIME_KINDS[k]}: matrix ${got}, fast path ${want}`;
    // The same cell answered from the engine's class rows, without the expanded matrix.
    const direct = e.code(u, t, k);
    if (!disagreement && direct !== want)
      disagreement = `${e.users[u]} x ${e.things[t]} x ${RUNTIME_KINDS[k]}: engine ${direct}, fast path ${want}`;
  }
  for (let i = 0; i < GATE_OVERRIDES && !disagreement; i++) {
    const u = rng.int(0, e.users.length - 1);
    const t = rng.int(0, e.things.length - 1);
    const k = rng.int(0, RUNTIME_KINDS.length - 1);
    const kind = RUNTIME_KINDS[k] as (typeof RUNTIME_KINDS)[number];
    const want = cellOverrides(model, e.users[u] as string, e.things[t] as string, kind).length > 0;
    if (e.override(u, t, k) !== want)
      disagreement = `${e.users[u]} x ${e.things[t]} x ${kind}: override ${!want}, cellOverrides ${want}`;
  }
  return {
    size,
    users: e.users.length,
    things: e.things.length,
    cells: e.users.length * e.things.length * RUNTIME_KINDS.length,
    userClasses: e.stats.userClasses,
    thingClasses: e.stats.thingClasses,
    visibilityClasses: e.stats.visibilityClasses,
    gateCells: cells,
    gateOverrides: GATE_OVERRIDES,
    agree: disagreement === undefined,
    ...(disagreement ? { disagreement } : {}),
    coldMs: median(cold),
    coldCpuMs: median(coldCpu),
    expandMs: median(expands),
    expandCpuMs: median(expandsCpu),
    warmMs: median(warm),
    warmCpuMs: median(warmCpu),
    rssMB,
    matrixMB: (m.words.length * 4) / 2 ** 20,
    loadAverage: loadavg()[0] ?? Number.NaN,
    kernelCpuMs: kernelCpuMs(),
    goals: GOALS[size],
  };
}

const f0 = (x: number) => x.toFixed(x < 10 ? 1 : 0);
const met = (v: number, goal: number | undefined) =>
  goal === undefined ? '' : v <= goal ? ` (goal ≤ ${goal}: met)` : ` (goal ≤ ${goal}: not met)`;

export function renderMatrix(rows: MatrixBench[]): string {
  let out =
    '| Size | Cells | User / Thing / visibility classes | Gate (cells + overrides) | Cold: engine built, every cell in O(1), wall / CPU ms | First expansion: class rows + whole matrix into a fresh buffer, wall / CPU ms | Warm: whole matrix again, wall / CPU ms | Matrix MiB | RSS MiB | Load | Kernel CPU ms (ref. 24) |\n' +
    '|---|---|---|---|---|---|---|---|---|---|---|\n';
  for (const r of rows)
    out += `| ${r.size} | ${r.cells.toLocaleString('en-US')} | ${r.userClasses} / ${r.thingClasses} / ${r.visibilityClasses} | ${r.agree ? 'agree' : `DISAGREE: ${r.disagreement}`} (${r.gateCells.toLocaleString('en-US')} + ${r.gateOverrides.toLocaleString('en-US')}) | ${f0(r.coldMs)} / ${f0(r.coldCpuMs)}${met(r.coldCpuMs, r.goals?.coldMs)} | ${f0(r.expandMs)} / ${f0(r.expandCpuMs)} | ${f0(r.warmMs)} / ${f0(r.warmCpuMs)}${met(r.warmCpuMs, r.goals?.warmMs)} | ${f0(r.matrixMB)} | ${f0(r.rssMB)}${met(r.rssMB, r.goals?.rssMB)} | ${r.loadAverage.toFixed(2)} | ${f0(r.kernelCpuMs)} |\n`;
  return out;
}

// Standalone: npx tsx bench/matrix.ts --size L [--seed 42]
if (process.argv[1]?.endsWith('matrix.ts')) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const size = (arg('--size') ?? 'M') as ModelSize;
  const seed = Number(arg('--seed') ?? 42);
  const r = benchMatrix(generateModel(size, seed), size, s => process.stderr.write(s), seed);
  process.stdout.write(renderMatrix([r]));
  process.exitCode = r.agree ? 0 : 1;
}
