/**
 * The goals table of `npm run bench` (issue 20's goals that have a benchmark; performance.md §8): one row
 * per goal with the measured value and met / not met. Adding a goal is one line in `goalRows` below:
 *
 * @example
 * goals.push(atMost('What-if, typical change (L)', 50, whatIfMs, 'ms'));
 * goals.push(atLeast('reference / indexed, single check p50 (L)', 10, ratio, '×'));
 */
import { OP } from './checks';
import type { EquipmentBench } from './equipment';
import { LOAD_GOALS } from './load';
import type { LoadBench } from './load';
import type { MatrixBench } from './matrix';
import { MODEL_SIZES } from './params';
import type { ModelSize } from './params';
import type { SizeResult } from './report';
import type { WhatIfBench, WhatIfSet } from './whatif';

export type GoalRow = {
  goal: string;
  /** The bound as text, e.g. '≤ 300 ms'. */
  target: string;
  /** The measured value as text, e.g. '212 ms'; 'not measured' when the step did not run. */
  measured: string;
  met: boolean | undefined;
};

const show = (value: number, unit: string): string => {
  if (!Number.isFinite(value)) return 'not measured';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const n = value.toLocaleString('en-US', { maximumFractionDigits: digits });
  return unit === '×' ? `${n}×` : `${n} ${unit}`;
};

/** A goal met when `measured` ≤ `bound` (a time, a size). NaN = not measured. */
export function atMost(goal: string, bound: number, measured: number, unit: string): GoalRow {
  return {
    goal,
    target: `≤ ${show(bound, unit)}`,
    measured: show(measured, unit),
    met: Number.isFinite(measured) ? measured <= bound : undefined,
  };
}

/** A goal met when `measured` ≥ `bound` (a ratio). NaN = not measured. */
export function atLeast(goal: string, bound: number, measured: number, unit: string): GoalRow {
  return {
    goal,
    target: `≥ ${show(bound, unit)}`,
    measured: show(measured, unit),
    met: Number.isFinite(measured) ? measured >= bound : undefined,
  };
}

export function renderGoals(rows: readonly GoalRow[], loadAverage: string): string {
  const lines = [
    '### Goals (issue 20, performance.md §8)',
    '',
    `Measured in this run; ${loadAverage}. Absolute goals hold for the quiet 2-core reference machine.`,
    '',
    '| Goal | Target | Measured | Met |',
    '|---|---|---:|---|',
  ];
  for (const r of rows)
    lines.push(
      `| ${r.goal} | ${r.target} | ${r.measured} | ${r.met === undefined ? 'not measured' : r.met ? 'met' : '**not met**'} |`,
    );
  return lines.join('\n');
}

/** What the sections of one run returned, by section (bench/run.ts collects them from the children). */
export type Collected = {
  checks: SizeResult[];
  equipment: EquipmentBench[];
  whatif: (WhatIfBench & { size: ModelSize })[];
  matrix: MatrixBench[];
  whatifSet: (WhatIfSet & { size: ModelSize })[];
  load: LoadBench[];
};

/**
 * The goals of issue 20 that `npm run bench` measures, at L unless the row says M (performance.md §8); a
 * goal whose section or size did not run is listed as not measured. Other benchmarks add their row here:
 * one `goals.push(...)` line. `totalMs` is the wall time of the whole run, judged only for a default run.
 */
export function goalRows(c: Collected, defaultRun: boolean, totalMs: number): GoalRow[] {
  const L = c.checks.find(r => r.size === 'L');
  const row = (op: string) =>
    L?.latency.find(x => x.operation === op && x.evaluator === 'indexed')?.stats;
  // The single check of the goal is `check`, as a REST call decides it (bypasses, visibility, run
  // time; docs/benchmarks.md "Single check"), the figure bench/single-check.ts prints on its own.
  const single = row(OP.check);
  const explained = row(OP.singleExplained);
  const eq = c.equipment.find(e => e.size === 'L');
  const goals: GoalRow[] = [];
  goals.push(atMost('Single check p50 (L), `check`', 1, (single?.p50Ns ?? NaN) / 1e3, 'µs'));
  goals.push(atMost('Single check p99 (L), `check`', 5, (single?.p99Ns ?? NaN) / 1e3, 'µs'));
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
  const mx = c.matrix.find(m => m.size === 'L');
  goals.push(atMost('Full access matrix, warm (L)', 250, mx?.warmMs ?? NaN, 'ms'));
  goals.push(atMost('Full access matrix, cold (L)', 600, mx?.coldMs ?? NaN, 'ms'));
  goals.push(atMost('Full access matrix, RSS (L)', 1024, mx?.rssMB ?? NaN, 'MiB'));
  // What-if goals (issue "what-if at L"): a refused or skipped row counts as not measured.
  const setAt = (size: ModelSize) => c.whatifSet.find(w => w.size === size);
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
  const file = (format: 'yaml' | 'json') =>
    c.load.find(b => b.size === 'L')?.rows.find(r => r.format === format);
  const yaml = file('yaml');
  const json = file('json');
  goals.push(atMost('YAML model load (L)', LOAD_GOALS.yaml.seconds, yaml?.seconds ?? NaN, 's'));
  goals.push(
    atMost('YAML model load, peak RSS (L)', LOAD_GOALS.yaml.rssMiB, yaml?.peakRssMiB ?? NaN, 'MiB'),
  );
  goals.push(atMost('JSON model load (L)', LOAD_GOALS.json.seconds, json?.seconds ?? NaN, 's'));
  goals.push(atMost('`npm run bench`, S + M + L', 15, defaultRun ? totalMs / 60_000 : NaN, 'min'));
  return goals;
}

/** True when every size ran (the 15-minute goal is judged only on such a run). */
export const allSizes = (sizes: readonly ModelSize[]): boolean =>
  MODEL_SIZES.every(s => sizes.includes(s));
