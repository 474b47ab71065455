/**
 * Bench results: the JSON shape written to bench/results/latest.json and its Markdown rendering
 * (the tables pasted into docs/benchmarks.md).
 *
 * @example
 * process.stdout.write(renderMarkdown(results));
 */
import type { GeneratedStats } from './generator';
import type { LatencyStats } from './measure';
import type { GeneratorParams, ModelSize } from './params';

export type Machine = {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  platform: string;
};

export type LatencyRow = {
  operation: string;
  evaluator: 'indexed' | 'reference' | 'node-casbin' | 'timer';
  stats: LatencyStats;
};

export type SizeResult = {
  size: ModelSize;
  seed: number;
  params: GeneratorParams;
  stats: GeneratedStats;
  casbin: { policies: number; links: number; buildMs: number };
  agreement: {
    deciderCells: number;
    casbinCells: number;
    restCalls: number;
    allowedShare: number;
    visibleShare: number;
  };
  build: {
    indexedMedianMs: number;
    indexedBuildRuns: number;
    coldChecks: number;
    /** Fast path (`visible` + `allows`) on a fresh decider. */
    coldMeanNs: number;
    /** Explaining verdicts (`visibility` + `runtime`) on another fresh decider. */
    coldExplainedMeanNs: number;
    referenceMs: number;
    generateMs: number;
  };
  latency: LatencyRow[];
  ratios: {
    /** reference (verdicts) / indexed fast path (`visible` + `allows`). */
    singleCheckReferenceOverIndexed: number;
    /** reference / indexed, both with explaining verdicts. */
    singleCheckReferenceOverIndexedExplained: number;
    runtimeReferenceOverIndexed: number;
    casbinOverIndexedSubset: number;
    casbinOverIndexedSingleCheck: number;
    restReferenceOverIndexed: number;
  };
  targets: { name: string; goal: string; value: string; met: boolean }[];
};

export type BenchResults = {
  formatVersion: 1;
  startedAt: string;
  finishedAt: string;
  command: string;
  /** `git rev-parse --short HEAD` and whether the work tree had uncommitted changes. */
  commit: string;
  machine: Machine;
  /** 1-minute load average when the run started and ended (other processes skew the timings). */
  loadAverage: { start: number; end: number };
  results: SizeResult[];
};

export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return 'n/a';
  if (ns < 1_000) return `${ns.toFixed(0)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(ns < 10_000 ? 2 : 1)} µs`;
  if (ns < 1_000_000_000) return `${(ns / 1_000_000).toFixed(ns < 10_000_000 ? 2 : 1)} ms`;
  return `${(ns / 1_000_000_000).toFixed(2)} s`;
}

const int = (n: number): string => n.toLocaleString('en-US');
const ratio = (r: number): string =>
  Number.isFinite(r) ? `${r >= 100 ? int(Math.round(r)) : r.toFixed(1)}×` : 'n/a';

/** Targets of performance.md §8, evaluated at size M (other sizes report but do not judge). */
export function evaluateTargets(
  size: ModelSize,
  indexedP50: number,
  r: Pick<SizeResult['ratios'], 'singleCheckReferenceOverIndexed' | 'casbinOverIndexedSubset'>,
): SizeResult['targets'] {
  if (size !== 'M') return [];
  return [
    {
      name: 'indexed single check p50 (`visible` + `allows`)',
      goal: '≤ 2 µs',
      value: formatNs(indexedP50),
      met: indexedP50 <= 2_000,
    },
    {
      name: 'reference / indexed (single check p50)',
      goal: '≥ 10×',
      value: ratio(r.singleCheckReferenceOverIndexed),
      met: r.singleCheckReferenceOverIndexed >= 10,
    },
    {
      name: 'node-casbin / indexed (run-time check p50, casbin subset)',
      goal: '≥ 1,000×',
      value: ratio(r.casbinOverIndexedSubset),
      met: r.casbinOverIndexedSubset >= 1_000,
    },
  ];
}

export function renderSize(r: SizeResult): string {
  const s = r.stats;
  const lines: string[] = [];
  lines.push(`### Size ${r.size} (seed ${r.seed})`);
  lines.push('');
  lines.push(
    `Model: ${int(s.users)} users, ${int(s.groups)} groups (nesting ${s.maxGroupDepth}), ${int(s.orgUnits)} org units, ` +
      `${int(s.templates)} templates (chain ${s.maxTemplateChain}), ${int(s.shapes)} shapes, ${int(s.things)} Things, ` +
      `${int(s.entries.total)} entries (${int(s.entries.overrides)} member overrides, ${int(s.entries.deny)} denies), ` +
      `${int(s.visibilityGrants)} visibility grants; node-casbin: ${int(r.casbin.policies)} policies, ${int(r.casbin.links)} role links.`,
  );
  lines.push('');
  const a = r.agreement;
  lines.push(
    `Correctness gate (passed before timing): indexed = reference on ${int(a.deciderCells)} cells (principals, visibility and run-time verdicts, ` +
      `including decided/lost order), and the indexed fast path (\`visible\`, \`allows\`, \`check\` with the bypasses) = reference on the same cells; ` +
      `node-casbin = indexed = reference on ${int(a.casbinCells)} cells of its subset (fast path included); ` +
      `REST \`evaluate\` indexed = reference (status, body, deciding step) on ${int(a.restCalls)} calls. ` +
      `Sampled cells: ${(a.allowedShare * 100).toFixed(0)}% run-time allowed, ${(a.visibleShare * 100).toFixed(0)}% visible.`,
  );
  lines.push('');
  lines.push('| Operation | Evaluator | Samples | p50 | p99 | mean |');
  lines.push('|---|---|---:|---:|---:|---:|');
  for (const row of r.latency) {
    const st = row.stats;
    lines.push(
      `| ${row.operation} | ${row.evaluator} | ${int(st.samples)} | ${formatNs(st.p50Ns)} | ${formatNs(st.p99Ns)} | ${formatNs(st.meanNs)} |`,
    );
  }
  lines.push('');
  const b = r.build;
  lines.push('| Build | Time |');
  lines.push('|---|---:|');
  lines.push(`| generate model | ${formatNs(b.generateMs * 1e6)} |`);
  lines.push(
    `| \`createIndexedDecider\` (median of ${b.indexedBuildRuns}) | ${formatNs(b.indexedMedianMs * 1e6)} |`,
  );
  lines.push(
    `| indexed fast path, first ${int(b.coldChecks)} single checks on a fresh decider (lazy caches filling), mean per check | ${formatNs(b.coldMeanNs)} |`,
  );
  lines.push(
    `| indexed with explanation, first ${int(b.coldChecks)} single checks on a fresh decider, mean per check | ${formatNs(b.coldExplainedMeanNs)} |`,
  );
  lines.push(`| \`createReferenceDecider\` | ${formatNs(b.referenceMs * 1e6)} |`);
  lines.push(
    `| node-casbin enforcer (policies + role links) | ${formatNs(r.casbin.buildMs * 1e6)} |`,
  );
  lines.push('');
  const q = r.ratios;
  lines.push('| Ratio of p50 latencies | Value |');
  lines.push('|---|---:|');
  lines.push(
    `| reference (verdicts) / indexed fast path, single check | ${ratio(q.singleCheckReferenceOverIndexed)} |`,
  );
  lines.push(
    `| reference / indexed, single check, both with explanation | ${ratio(q.singleCheckReferenceOverIndexedExplained)} |`,
  );
  lines.push(
    `| reference (verdict) / indexed fast path, run-time check | ${ratio(q.runtimeReferenceOverIndexed)} |`,
  );
  lines.push(
    `| node-casbin / indexed fast path, run-time check on the casbin subset | ${ratio(q.casbinOverIndexedSubset)} |`,
  );
  lines.push(
    `| node-casbin / indexed fast path single check (visibility + run time) | ${ratio(q.casbinOverIndexedSingleCheck)} |`,
  );
  lines.push(
    `| reference / indexed, REST \`evaluate\` with explanation | ${ratio(q.restReferenceOverIndexed)} |`,
  );
  if (r.targets.length > 0) {
    lines.push('');
    lines.push('| Target (size M) | Goal | Measured | Met |');
    lines.push('|---|---|---:|---|');
    for (const t of r.targets)
      lines.push(`| ${t.name} | ${t.goal} | ${t.value} | ${t.met ? 'yes' : '**no**'} |`);
  }
  lines.push('');
  return lines.join('\n');
}

export function renderMarkdown(results: BenchResults): string {
  const m = results.machine;
  const head = [
    `Run ${results.startedAt} on ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node} (${m.platform}); commit ${results.commit}; \`${results.command}\`; 1-min load average ${results.loadAverage.start.toFixed(2)} at start, ${results.loadAverage.end.toFixed(2)} at end.`,
    '',
  ];
  return [...head, ...results.results.map(renderSize)].join('\n');
}
