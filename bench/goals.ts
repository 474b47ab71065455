/**
 * The goals table of `npm run bench` (issue 20's goals that have a benchmark; performance.md §8): one row
 * per goal with the measured value and met / not met. Adding a goal is one line in bench/run.ts:
 *
 * @example
 * goals.push(atMost('What-if, typical change (L)', 50, whatIfMs, 'ms'));
 * goals.push(atLeast('reference / indexed, single check p50 (L)', 10, ratio, '×'));
 */

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
