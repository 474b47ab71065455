/**
 * The "checks" section of `npm run bench` (docs/benchmarks.md "What the run does"): for one size, on one
 * generated model, FIRST the correctness gate (indexed = reference, node-casbin = both on its subset, REST
 * evaluate indexed = reference; a disagreement throws `DisagreementError` with the cell), THEN per-call
 * latency p50/p99 of the indexed evaluator, the reference evaluator and node-casbin, build times and ratios.
 * At L the reference evaluator and node-casbin run on sampled cells only (see PLANS).
 *
 * @example
 * const r = await runChecks('M', 42); r.latency; r.ratios;
 */
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
import type { ModelSize } from './params';
import { evaluateTargets } from './report';
import type { LatencyRow, SizeResult } from './report';
import { createRng } from './rng';

/** Sample counts per size (the brief's minimums: ≥ 10,000 gate cells at S, ≥ 1,000 casbin cells, ≥ 100,000 indexed samples). */
type Plan = {
  gateCells: number;
  casbinGateCells: number;
  restGateCalls: number;
  indexedSamples: number;
  /** Samples of the indexed explaining verdicts (their p50 and p99 are stable well below 200,000). */
  explainedSamples: number;
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
    explainedSamples: 200_000,
    indexedWarmup: 50_000,
    referenceSamples: 20_000,
    casbinSamples: 1_000,
    restIndexedSamples: 50_000,
    restReferenceSamples: 10_000,
    coldChecks: 10_000,
  },
  // node-casbin costs ~30 ms a check at M (20,000 policies): 200 gate cells and 50 timed checks.
  M: {
    gateCells: 10_000,
    casbinGateCells: 200,
    restGateCalls: 2_000,
    indexedSamples: 200_000,
    explainedSamples: 200_000,
    indexedWarmup: 50_000,
    referenceSamples: 10_000,
    casbinSamples: 50,
    restIndexedSamples: 50_000,
    restReferenceSamples: 5_000,
    coldChecks: 10_000,
  },
  // The default run's 15-minute budget (docs/benchmarks.md "What the run does"): at L the reference
  // evaluator costs ~1.5 ms a cell and node-casbin ~0.3-0.6 s a check (it scans 150,000 policies),
  // so they run on samples; the indexed fast path keeps its 200,000 samples (the goal's figure).
  L: {
    gateCells: 3_000,
    casbinGateCells: 30,
    restGateCalls: 1_000,
    indexedSamples: 200_000,
    explainedSamples: 50_000,
    indexedWarmup: 50_000,
    referenceSamples: 1_000,
    casbinSamples: 10,
    restIndexedSamples: 20_000,
    restReferenceSamples: 500,
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
export const OP = {
  single: 'single check: `visible` + `allows` (fast path)',
  check: 'single check as a REST call decides it: `check` (bypass, visibility, run time)',
  singleExplained: 'single check with explanation: `visibility` + `runtime` verdicts',
  runtime: 'run-time check: `allows` (fast path)',
  runtimeExplained: 'run-time check with explanation: `runtime` verdict',
  subset: 'run-time check, casbin subset (global-deny): `allows` / casbin `enforce`',
  subsetExplained: 'run-time check, casbin subset (global-deny): `runtime` verdict',
} as const;

export class DisagreementError extends Error {
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
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  try {
    return fn(done => b.update(done));
  } finally {
    b.stop();
    // A bar draws nothing when stderr is not a terminal (a child of `npm run bench` writing to a
    // log): one line per step then says where the section's time went.
    if (!process.stderr.isTTY) {
      const cpu = process.cpuUsage(cpu0);
      process.stderr.write(
        `${label}: ${((performance.now() - wall0) / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU\n`,
      );
    }
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

export async function runChecks(size: ModelSize, seed: number): Promise<SizeResult> {
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
  // Warm-ups of the sampled evaluators are a fifth of their samples at most (JIT only: no caches).
  const refWarm = Math.min(2_000, Math.ceil(plan.referenceSamples / 5));
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
    plan.explainedSamples,
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
    plan.explainedSamples,
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
    plan.explainedSamples,
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
    Math.min(20, Math.ceil(plan.casbinSamples / 5)),
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
    Math.min(1_000, Math.ceil(plan.restReferenceSamples / 5)),
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
