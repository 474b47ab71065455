/**
 * `npm run bench` (performance.md §7, docs/benchmarks.md): for each size, on one generated model in one process,
 * FIRST the correctness gate (indexed = reference, node-casbin = both on its subset, REST evaluate
 * indexed = reference; any disagreement prints the cell and exits 1), THEN per-call latency p50/p99
 * of the indexed evaluator, the reference evaluator and node-casbin, build times and ratios.
 * Markdown on stdout, JSON in bench/results/latest.json, progress bars on stderr.
 *
 * @example
 * npm run bench                         # sizes S, M and L, seed 42, goals table at the end
 * npm run bench -- --size M --seed 7
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import type { Decider } from '../shared/engine/decider';
import type { Decision, RestRequest } from '../shared/model/decision';
import { evaluate } from '../shared/engine/evaluate';
import { createIndexedDecider } from '../shared/engine/indexed';
import type { Access, IndexedDecider } from '../shared/engine/indexed';
import { createReferenceDecider } from '../shared/engine/reference';
import { lookupEntity } from '../shared/rest/lookup';
import type { Model } from '../shared/model/types';
import { compareCasbin, compareDeciders, compareEvaluate, formatDisagreement } from './agreement';
import type { Disagreement } from './agreement';
import { casbinComparable, casbinPeerSemantics, createCasbinPeer } from './casbin';
import { restRequestFor, sampleRuntimeCells } from './cells';
import type { RuntimeCell } from './cells';
import { generateModelWithStats } from './generator';
import { lastSink, measureLatency, medianTime, timeOnce } from './measure';
import { MODEL_SIZES } from './params';
import type { ModelSize } from './params';
import { evaluateTargets, renderMarkdown } from './report';
import type { BenchResults, LatencyRow, Machine, SizeResult } from './report';
import { createRng } from './rng';
import { benchWhatIf, benchWhatIfSet, renderWhatIf, renderWhatIfSet } from './whatif';
import { benchImport, renderImport } from './import';
import { benchLoad, renderLoad } from './load';
import type { WhatIfBench, WhatIfSet } from './whatif';
import { benchEquipment, renderEquipment } from './equipment';
import type { EquipmentBench } from './equipment';
import { atLeast, atMost, renderGoals } from './goals';
import type { GoalRow } from './goals';
import { benchMatrix, renderMatrix } from './matrix';
import type { MatrixBench } from './matrix';

/** Sample counts per size (the brief's minimums: ≥ 10,000 gate cells at S, ≥ 1,000 casbin cells, ≥ 100,000 indexed samples). */
type Plan = {
  gateCells: number;
  casbinGateCells: number;
  restGateCalls: number;
  indexedSamples: number;
  indexedWarmup: number;
  referenceSamples: number;
  casbinSamples: number;
  restIndexedSamples: number;
  restReferenceSamples: number;
  coldChecks: number;
};

const PLANS: Record<ModelSize, Plan> = {
  S: {
    gateCells: 20_000,
    casbinGateCells: 1_000,
    restGateCalls: 5_000,
    indexedSamples: 200_000,
    indexedWarmup: 50_000,
    referenceSamples: 20_000,
    casbinSamples: 1_000,
    restIndexedSamples: 50_000,
    restReferenceSamples: 10_000,
    coldChecks: 10_000,
  },
  M: {
    gateCells: 10_000,
    casbinGateCells: 1_000,
    restGateCalls: 2_000,
    indexedSamples: 200_000,
    indexedWarmup: 50_000,
    referenceSamples: 10_000,
    casbinSamples: 200,
    restIndexedSamples: 50_000,
    restReferenceSamples: 5_000,
    coldChecks: 10_000,
  },
  L: {
    gateCells: 10_000,
    casbinGateCells: 200,
    restGateCalls: 1_000,
    indexedSamples: 200_000,
    indexedWarmup: 50_000,
    referenceSamples: 2_000,
    casbinSamples: 20,
    restIndexedSamples: 50_000,
    restReferenceSamples: 1_000,
    coldChecks: 10_000,
  },
};

/**
 * Distinct random cells per timed operation. The indexed warm-up (= POOL) touches every cell once,
 * so its lazily filled per-user and per-Thing caches are full and the timed pass is "warm" (§7 O4);
 * the cost of filling them is reported separately as the cold pass.
 */
const POOL = 50_000;

/** Operation labels of the latency table (docs/benchmarks.md explains each). */
const OP = {
  single: 'single check: `visible` + `allows` (fast path)',
  check: 'single check as a REST call decides it: `check` (bypass, visibility, run time)',
  singleExplained: 'single check with explanation: `visibility` + `runtime` verdicts',
  runtime: 'run-time check: `allows` (fast path)',
  runtimeExplained: 'run-time check with explanation: `runtime` verdict',
  subset: 'run-time check, casbin subset (global-deny): `allows` / casbin `enforce`',
  subsetExplained: 'run-time check, casbin subset (global-deny): `runtime` verdict',
} as const;

class DisagreementError extends Error {
  constructor(readonly disagreement: Disagreement) {
    super(formatDisagreement(disagreement));
  }
}

function bar<T>(label: string, total: number, fn: (tick: (done: number) => void) => T): T {
  const b = new SingleBar(
    {
      stream: process.stderr,
      format: `${label.padEnd(58)} [{bar}] {percentage}% {value}/{total}`,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  b.start(total, 0);
  try {
    return fn(done => b.update(done));
  } finally {
    b.stop();
  }
}

function gate(d: Disagreement | undefined): void {
  if (d) throw new DisagreementError(d);
}

/**
 * Gate for the indexed fast path: `allows`/`visible` equal the explaining verdicts' `allowed`/`visible`
 * (already gated against the reference), and `check` equals the pipeline's order (admin bypass,
 * owner bypass, §9.5 visibility, §9.6 run time) computed from the reference evaluator.
 */
function compareFastPath(
  model: Model,
  indexed: IndexedDecider,
  reference: Decider,
  cells: readonly RuntimeCell[],
  tick: (done: number) => void,
): Disagreement | undefined {
  const sem = model.semantics;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i] as RuntimeCell;
    const visible = reference.visibility(c.user, c.target).visible;
    const allowed = reference.runtime(c.user, c.target, c.check).allowed;
    const p = reference.principals(c.user);
    const owner = lookupEntity(model, c.target.collection, c.target.name)?.owner;
    const expected: Access =
      (p.isAdmin && sem.adminBypass) || (owner !== undefined && owner === c.user && sem.ownerBypass)
        ? 'allowed'
        : !visible
          ? 'invisible'
          : allowed
            ? 'allowed'
            : 'denied';
    const fast = {
      visible: indexed.visible(c.user, c.target),
      allowed: indexed.allows(c.user, c.target, c.check),
      check: indexed.check(c.user, c.target, c.check),
    };
    const where =
      fast.visible !== visible
        ? 'visible'
        : fast.allowed !== allowed
          ? 'allowed'
          : fast.check !== expected
            ? 'check'
            : undefined;
    if (where)
      return {
        what: 'fast path: indexed allows/visible/check vs reference',
        cell: c,
        left: fast,
        right: { visible, allowed, check: expected },
        where,
      };
    if ((i & 1023) === 1023) tick(i + 1);
  }
  tick(cells.length);
  return undefined;
}

const share = (cells: readonly RuntimeCell[], test: (c: RuntimeCell) => boolean): number =>
  cells.filter(test).length / cells.length;

async function runSize(size: ModelSize, seed: number): Promise<SizeResult> {
  const plan = PLANS[size];
  process.stderr.write(`\n== size ${size}, seed ${seed}\n`);
  const gen = timeOnce(() => generateModelWithStats(size, seed));
  const { model, params, stats } = gen.value;
  const peerModel: Model = casbinPeerSemantics(model);
  const rng = createRng(seed ^ 0x5eed);

  const casbinBuild = await (async () => {
    const t0 = process.hrtime.bigint();
    const peer = await createCasbinPeer(peerModel);
    return { peer, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
  })();
  const peer = casbinBuild.peer;

  const indexedBuildRuns = 5;
  const indexedMedianMs = medianTime(indexedBuildRuns, () => createIndexedDecider(model)) / 1e6;
  const referenceBuild = timeOnce(() => createReferenceDecider(model));
  const indexed = createIndexedDecider(model);
  const reference = referenceBuild.value;
  const indexedPeer = createIndexedDecider(peerModel);
  const referencePeer = createReferenceDecider(peerModel);

  // ---- correctness gate ------------------------------------------------------------------
  const gateCells = sampleRuntimeCells(model, rng, plan.gateCells);
  bar(`gate: indexed vs reference (${plan.gateCells} cells)`, gateCells.length, tick =>
    gate(compareDeciders(indexed, reference, gateCells, tick)),
  );
  bar(`gate: indexed fast path vs reference (${plan.gateCells} cells)`, gateCells.length, tick =>
    gate(compareFastPath(model, indexed, reference, gateCells, tick)),
  );
  const comparable = (c: RuntimeCell) =>
    casbinComparable(peerModel, c.user, c.thing, c.check.kind, c.check.resource);
  const casbinCells = sampleRuntimeCells(peerModel, rng, plan.casbinGateCells, comparable);
  bar(
    `gate: node-casbin vs both, global-deny subset (${plan.casbinGateCells})`,
    casbinCells.length,
    tick =>
      gate(
        compareCasbin(peer, indexedPeer, referencePeer, casbinCells, tick) ??
          compareFastPath(peerModel, indexedPeer, referencePeer, casbinCells, () => undefined),
      ),
  );
  const restRequests = (cells: readonly RuntimeCell[]): RestRequest[] =>
    cells.map(restRequestFor).filter((r): r is RestRequest => r !== undefined);
  const gateRequests = restRequests(gateCells).slice(0, plan.restGateCalls);
  const runRest = (request: RestRequest, decider: Decider): Decision =>
    evaluate(model, request, decider);
  bar(
    `gate: REST evaluate indexed vs reference (${gateRequests.length})`,
    gateRequests.length,
    tick => gate(compareEvaluate(runRest, indexed, reference, gateRequests, tick)),
  );
  const allowedShare = share(gateCells, c => indexed.runtime(c.user, c.target, c.check).allowed);
  const visibleShare = share(gateCells, c => indexed.visibility(c.user, c.target).visible);

  // ---- cold: a fresh decider's first checks, caches empty -----------------------------------
  // Each on its own fresh decider: the fast path's caches (users, targets) and the explaining
  // path's (principal sets with paths, level lists) are separate, so neither warms the other.
  const pool = sampleRuntimeCells(model, rng, POOL);
  const coldCells = pool.slice(0, plan.coldChecks);
  const freshFast = createIndexedDecider(model);
  const cold = timeOnce(() => {
    for (const c of coldCells) {
      freshFast.visible(c.user, c.target);
      freshFast.allows(c.user, c.target, c.check);
    }
  });
  const freshExplaining = createIndexedDecider(model);
  const coldExplaining = timeOnce(() => {
    for (const c of coldCells) {
      freshExplaining.visibility(c.user, c.target);
      freshExplaining.runtime(c.user, c.target, c.check);
    }
  });

  // ---- latency ---------------------------------------------------------------------------
  const latency: LatencyRow[] = [];
  const measure = (
    operation: string,
    evaluator: LatencyRow['evaluator'],
    cells: readonly RuntimeCell[] | readonly RestRequest[],
    samples: number,
    warmup: number,
    fn: (input: never) => unknown,
  ) => {
    const stats = bar(`${evaluator}: ${operation} (${samples})`, samples, tick =>
      measureLatency(cells as readonly never[], samples, warmup, fn, tick),
    );
    latency.push({ operation, evaluator, stats });
    return stats;
  };
  const refWarm = Math.min(2_000, plan.referenceSamples);
  // The single check (docs/benchmarks.md, §7 O4): the two permission tests of a REST call (§9.5 visibility,
  // §9.6 run time), both always evaluated, as yes/no answers: `visible` + `allows`.
  const fastSingle = (d: IndexedDecider) => (c: RuntimeCell) =>
    d.visible(c.user, c.target) === d.allows(c.user, c.target, c.check);
  const fastRuntime = (d: IndexedDecider) => (c: RuntimeCell) =>
    d.allows(c.user, c.target, c.check);
  // The same tests as explaining verdicts (decided/lost entries, deciding options).
  const single = (d: Decider) => (c: RuntimeCell) => {
    const v = d.visibility(c.user, c.target);
    const r = d.runtime(c.user, c.target, c.check);
    return v.visible === r.allowed;
  };
  const runtimeOnly = (d: Decider) => (c: RuntimeCell) =>
    d.runtime(c.user, c.target, c.check).allowed;

  measure('timer overhead (empty call)', 'timer', pool, 100_000, 10_000, () => 0);
  const ixSingle = measure(
    OP.single,
    'indexed',
    pool,
    plan.indexedSamples,
    plan.indexedWarmup,
    fastSingle(indexed),
  );
  measure(OP.check, 'indexed', pool, plan.indexedSamples, plan.indexedWarmup, (c: RuntimeCell) =>
    indexed.check(c.user, c.target, c.check),
  );
  const ixSingleExplained = measure(
    OP.singleExplained,
    'indexed',
    pool,
    plan.indexedSamples,
    plan.indexedWarmup,
    single(indexed),
  );
  const refSingle = measure(
    OP.singleExplained,
    'reference',
    pool,
    plan.referenceSamples,
    refWarm,
    single(reference),
  );
  const ixRuntime = measure(
    OP.runtime,
    'indexed',
    pool,
    plan.indexedSamples,
    plan.indexedWarmup,
    fastRuntime(indexed),
  );
  measure(
    OP.runtimeExplained,
    'indexed',
    pool,
    plan.indexedSamples,
    plan.indexedWarmup,
    runtimeOnly(indexed),
  );
  const refRuntime = measure(
    OP.runtimeExplained,
    'reference',
    pool,
    plan.referenceSamples,
    refWarm,
    runtimeOnly(reference),
  );
  const subsetPool = sampleRuntimeCells(peerModel, rng, Math.min(POOL, 20_000), comparable);
  const ixSubset = measure(
    OP.subset,
    'indexed',
    subsetPool,
    plan.indexedSamples,
    plan.indexedWarmup,
    fastRuntime(indexedPeer),
  );
  measure(
    OP.subsetExplained,
    'indexed',
    subsetPool,
    plan.indexedSamples,
    plan.indexedWarmup,
    runtimeOnly(indexedPeer),
  );
  measure(
    OP.subsetExplained,
    'reference',
    subsetPool,
    plan.referenceSamples,
    refWarm,
    runtimeOnly(referencePeer),
  );
  const casbinSubset = measure(
    OP.subset,
    'node-casbin',
    subsetPool,
    plan.casbinSamples,
    Math.min(20, plan.casbinSamples),
    (c: RuntimeCell) => peer.check(c.user, c.thing, c.check.kind),
  );
  const restPool = restRequests(pool);
  const restOp = 'REST `evaluate` with explanation';
  const ixRest = measure(
    restOp,
    'indexed',
    restPool,
    plan.restIndexedSamples,
    plan.indexedWarmup,
    (r: RestRequest) => runRest(r, indexed).status,
  );
  const refRest = measure(
    restOp,
    'reference',
    restPool,
    plan.restReferenceSamples,
    Math.min(1_000, plan.restReferenceSamples),
    (r: RestRequest) => runRest(r, reference).status,
  );
  void lastSink();

  const ratios: SizeResult['ratios'] = {
    singleCheckReferenceOverIndexed: refSingle.p50Ns / ixSingle.p50Ns,
    singleCheckReferenceOverIndexedExplained: refSingle.p50Ns / ixSingleExplained.p50Ns,
    runtimeReferenceOverIndexed: refRuntime.p50Ns / ixRuntime.p50Ns,
    casbinOverIndexedSubset: casbinSubset.p50Ns / ixSubset.p50Ns,
    casbinOverIndexedSingleCheck: casbinSubset.p50Ns / ixSingle.p50Ns,
    restReferenceOverIndexed: refRest.p50Ns / ixRest.p50Ns,
  };
  return {
    size,
    seed,
    params,
    stats,
    casbin: { policies: peer.policies, links: peer.links, buildMs: casbinBuild.ms },
    agreement: {
      deciderCells: gateCells.length,
      casbinCells: casbinCells.length,
      restCalls: gateRequests.length,
      allowedShare,
      visibleShare,
    },
    build: {
      indexedMedianMs,
      indexedBuildRuns,
      coldChecks: coldCells.length,
      coldMeanNs: cold.ns / coldCells.length,
      coldExplainedMeanNs: coldExplaining.ns / coldCells.length,
      referenceMs: referenceBuild.ns / 1e6,
      generateMs: gen.ns / 1e6,
    },
    latency,
    ratios,
    targets: evaluateTargets(size, ixSingle.p50Ns, ratios),
  };
}

function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown CPU',
    cores: list.length,
    ramGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--', 'bench', 'shared', ':!bench/results'], {
        encoding: 'utf8',
      }).trim() !== '';
    return dirty ? `${head} (bench/ or shared/ modified)` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function parseSize(value: string, previous: ModelSize[] | undefined): ModelSize[] {
  const out = [...(previous ?? [])];
  for (const part of value.split(',')) {
    const s = part.trim().toUpperCase();
    if (!(MODEL_SIZES as readonly string[]).includes(s))
      throw new InvalidArgumentError(`"${part}" is not a size; expected S, M or L.`);
    if (!out.includes(s as ModelSize)) out.push(s as ModelSize);
  }
  return out;
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError(`"${value}" is not a seed; expected a non-negative integer.`);
  return n;
}

/**
 * The goals of issue 20 that this benchmark measures, at L (performance.md §8); a goal whose size did not
 * run is listed as not measured. Other benchmarks add their row here: one `goals.push(...)` line.
 */
function goalRows(
  results: readonly SizeResult[],
  equipment: readonly EquipmentBench[],
  _whatif: readonly (WhatIfBench & { size: ModelSize })[],
  matrix: readonly MatrixBench[],
  whatifSet: readonly (WhatIfSet & { size: ModelSize })[],
  sizes: readonly ModelSize[],
  totalMs: number,
): GoalRow[] {
  const L = results.find(r => r.size === 'L');
  const row = (op: string) =>
    L?.latency.find(x => x.operation === op && x.evaluator === 'indexed')?.stats;
  const single = row(OP.single);
  const explained = row(OP.singleExplained);
  const eq = equipment.find(e => e.size === 'L');
  const all = MODEL_SIZES.every(s => sizes.includes(s));
  const goals: GoalRow[] = [];
  goals.push(atMost('Single check p50 (L), fast path', 1, (single?.p50Ns ?? NaN) / 1e3, 'µs'));
  goals.push(atMost('Single check p99 (L), fast path', 5, (single?.p99Ns ?? NaN) / 1e3, 'µs'));
  goals.push(
    atLeast(
      'Reference / indexed, single check p50 (L)',
      10,
      L?.ratios.singleCheckReferenceOverIndexed ?? NaN,
      '×',
    ),
  );
  goals.push(atMost('Explain one cell p99 (L)', 100, (explained?.p99Ns ?? NaN) / 1e3, 'µs'));
  goals.push(atMost('Equipment labelling, 100k nodes (L)', 30, eq?.labellingMs ?? NaN, 'ms'));
  goals.push(
    atMost('Equipment matrix, 10k users × 100k nodes (L)', 300, eq?.matrixMs ?? NaN, 'ms'),
  );
  goals.push(
    atMost("One user's equipment map p50 (L)", 20, (eq?.userMap.p50Ns ?? NaN) / 1e3, 'µs'),
  );
  goals.push(
    atMost('Context-manager grant on one node, 100k nodes (L)', 5, eq?.grantMs ?? NaN, 'ms'),
  );
  const mx = matrix.find(m => m.size === 'L');
  goals.push(atMost('Full access matrix, warm (L)', 250, mx?.warmMs ?? NaN, 'ms'));
  goals.push(atMost('Full access matrix, cold (L)', 600, mx?.coldMs ?? NaN, 'ms'));
  goals.push(atMost('Full access matrix, RSS (L)', 1024, mx?.rssMB ?? NaN, 'MiB'));
  // What-if goals (issue "what-if at L"): a refused or skipped row counts as not measured.
  const setAt = (size: ModelSize) => whatifSet.find(w => w.size === size);
  const rowMs = (size: ModelSize, kind: string) => {
    const r = setAt(size)?.rows.find(x => x.kind === kind);
    return r && (r.route === 'classes' || r.route === 'cells') ? r.ms : NaN;
  };
  const TYPICAL = 'typical: instance PropertyWrite';
  const measuredM = setAt('M')?.rows.filter(r => r.route === 'classes' || r.route === 'cells');
  goals.push(atMost('What-if, typical change (M)', 10, rowMs('M', TYPICAL), 'ms'));
  goals.push(
    atMost(
      'What-if, slowest change of the set (M)',
      60,
      measuredM && measuredM.length > 0 ? Math.max(...measuredM.map(r => r.ms)) : NaN,
      'ms',
    ),
  );
  goals.push(atMost('What-if, typical change (L)', 50, rowMs('L', TYPICAL), 'ms'));
  goals.push(atMost('What-if, membership change (L)', 1000, rowMs('L', 'membership'), 'ms'));
  goals.push(atMost('What-if, peak RSS (L)', 1536, setAt('L')?.peakRssMiB ?? NaN, 'MiB'));
  goals.push(atMost('`npm run bench`, S + M + L', 15, all ? totalMs / 60_000 : NaN, 'min'));
  return goals;
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('bench')
    .description(
      'PermSim benchmark: correctness gate, then indexed vs reference vs node-casbin latency',
    )
    .option(
      '--size <sizes>',
      'model size S, M or L (repeat or comma-separate; default S, M and L)',
      parseSize,
    )
    .option('--seed <n>', 'generator seed', parseSeed, 42)
    .option('--out <file>', 'JSON results file', 'bench/results/latest.json')
    .option(
      '--import',
      'only the import benchmark: a source-control tree of 30,000 Things from the size-L model (docs/benchmarks.md)',
    )
    .option(
      '--load',
      'only the model-file benchmark: the size-L model (or --size) written as YAML and JSON and loaded (docs/benchmarks.md "Model files")',
    )
    .exitOverride();
  try {
    program.parse(argv);
  } catch (e) {
    const code = (e as { exitCode?: number }).exitCode;
    return code === 0 ? 0 : 2;
  }
  const opts = program.opts<{
    size?: ModelSize[];
    seed: number;
    out: string;
    import?: boolean;
    load?: boolean;
  }>();
  if (opts.load) {
    let agree = true;
    for (const size of opts.size ?? ['L']) {
      const b = benchLoad(size, opts.seed, s => process.stderr.write(s));
      agree &&= b.agree;
      process.stdout.write(`${renderLoad(b)}\n\n`);
    }
    const m = machine();
    process.stdout.write(`Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB, Node ${m.node}.\n`);
    return agree ? 0 : 1;
  }
  if (opts.import) {
    const b = benchImport(opts.seed, s => process.stderr.write(s));
    const m = machine();
    process.stdout.write(
      `${renderImport(b)}\n\nMachine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB, Node ${m.node}, ${m.platform}; load ${loadavg()[0]?.toFixed(2)}.\n`,
    );
    return b.agree ? 0 : 1;
  }
  const sizes = opts.size ?? ['S', 'M', 'L'];
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  const commit = gitCommit();
  const results: SizeResult[] = [];
  const whatif: (WhatIfBench & { size: ModelSize })[] = [];
  const equipment: EquipmentBench[] = [];
  const matrix: MatrixBench[] = [];
  const whatifSet: (WhatIfSet & { size: ModelSize })[] = [];
  try {
    for (const size of sizes) {
      results.push(await runSize(size, opts.seed));
      const e = benchEquipment(size, opts.seed, line => process.stderr.write(line));
      equipment.push(e);
      if (!e.agree) {
        process.stderr.write(
          `\nequipment at ${size}: the shared index and effectiveEquipmentPermission disagree: ${e.disagreement}; no timings are valid for this run.\n`,
        );
        return 1;
      }
    }
    // What-if diff (docs/whatif.md, §8 O9b); L is skipped: its full re-evaluation takes minutes.
    for (const size of sizes.filter(x => x !== 'L')) {
      process.stderr.write(
        `\n== what-if diff, size ${size} (diff and full re-evaluation; the full one takes a while)\n`,
      );
      const w = benchWhatIf(generateModelWithStats(size, opts.seed).model);
      whatif.push({ size, ...w });
      if (!w.agree) {
        process.stderr.write(
          `\nwhat-if at ${size}: the fast diff and the full re-evaluation list different cells for "${w.change}"; no timings are valid for this run.\n`,
        );
        return 1;
      }
    }
    // The full access matrix (bench/matrix.ts, docs/benchmarks.md "Access matrix").
    for (const size of sizes) {
      process.stderr.write(`\n== access matrix, size ${size}\n`);
      const r = benchMatrix(
        generateModelWithStats(size, opts.seed).model,
        size,
        s => process.stderr.write(s),
        opts.seed,
      );
      matrix.push(r);
      if (!r.agree) {
        process.stderr.write(
          `\naccess matrix at ${size}: ${r.disagreement}; no timings are valid for this run.\n`,
        );
        return 1;
      }
    }
    // The what-if change set at every size, L included (bench/whatif.ts benchWhatIfSet).
    for (const size of sizes) {
      process.stderr.write(`\n== what-if change set, size ${size}\n`);
      const model = generateModelWithStats(size, opts.seed).model;
      const set = benchWhatIfSet(model, {
        runs: size === 'L' ? 1 : 3,
        log: l => process.stderr.write(`${l}\n`),
      });
      whatifSet.push({ size, ...set });
    }
  } catch (e) {
    if (e instanceof DisagreementError) {
      process.stderr.write(
        `\n${e.message}\n\nThe correctness gate failed: no timings are valid for this run (performance.md §7).\n`,
      );
      return 1;
    }
    throw e;
  }
  const goals = goalRows(
    results,
    equipment,
    whatif,
    matrix,
    whatifSet,
    sizes,
    performance.now() - started,
  );
  const loadText = `1-min load average ${loadAtStart.toFixed(2)} at start, ${(loadavg()[0] ?? Number.NaN).toFixed(2)} at end`;
  const out: BenchResults & {
    whatif: typeof whatif;
    equipment: EquipmentBench[];
    goals: GoalRow[];
    matrix: typeof matrix;
    whatifSet: typeof whatifSet;
  } = {
    formatVersion: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    command: `npm run bench -- ${sizes.map(s => `--size ${s}`).join(' ')} --seed ${opts.seed}`,
    commit,
    machine: machine(),
    loadAverage: { start: loadAtStart, end: loadavg()[0] ?? Number.NaN },
    results,
    whatif,
    equipment,
    goals,
    matrix,
    whatifSet,
  };
  const file = resolve(opts.out);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(`${renderMarkdown(out)}\n`);
  if (whatif.length > 0) process.stdout.write(`\n${renderWhatIf(whatif)}\n`);
  process.stdout.write(`\n${renderEquipment(equipment)}\n`);
  process.stdout.write(`\n${renderGoals(goals, loadText)}\n`);
  if (matrix.length > 0) process.stdout.write(`\n${renderMatrix(matrix)}\n`);
  if (whatifSet.length > 0) process.stdout.write(`\n${renderWhatIfSet(whatifSet)}\n`);
  process.stderr.write(`\nJSON written to ${file}\n`);
  return 0;
}

main(process.argv).then(
  code => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(
      `bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exitCode = 2;
  },
);
