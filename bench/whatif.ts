/**
 * What-if benchmark (docs/whatif.md, performance.md §2.3 and §8 O9b): the diff of one typical change —
 * an Allow at the instance level of a leaf template (every Thing of it, §2.3) for a group holding
 * about 7.5% of the users transitively (§2.11) — over every user x every call on the affected
 * entities, as the app runs it (affected region, outcomes on the indexed fast path, explanations
 * only for the changed cells), beside a full re-evaluation of the same cells through the REST
 * pipeline with explanations on both sides, as a ratio. Also checks that both give the same diff.
 *
 * Timed (median of `runs` after a warm-up):
 * - `diffMs`: apply the change, then diff. The changed model is a new object each run, so its
 *   indexed evaluator starts cold, as in the app; the baseline's is warm (the user has been asking).
 * - `warmDiffMs`: the diff alone, both evaluators warm (the change already applied once).
 * - `fullMs`: every cell of the affected region through the full pipeline on both sides and compared,
 *   i.e. the diff without the fast path (what the app did before the fast path). The whole scope
 *   re-evaluated would cost more still: `scopeCells / regionCells` times as much.
 *
 * @example
 * npx tsx bench/whatif.ts --size M --seed 42
 * import { benchWhatIf } from './whatif'; benchWhatIf(model); // from bench/run.ts
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { RuntimeKind } from '../shared/model/types';
import type { Model } from '../shared/model/types';
import { applyChange, describeChange, diffModels } from '../shared/whatif';
import type { WhatIfChange, WhatIfDiff } from '../shared/whatif';
import { diffSummary } from '../shared/whatif/summary';
import { generateModel } from './generator';
import type { ModelSize } from './params';

export type WhatIfBench = {
  change: string;
  group: string;
  groupMembers: number;
  users: number;
  template: string;
  templateThings: number;
  /** Every caller x every call on the affected entities. */
  scopeCells: number;
  /** Cells inside the affected region (compared). */
  regionCells: number;
  /** Cells evaluated in full with explanations (the fast path vouched for the rest of the region). */
  explainedCells: number;
  changedCells: number;
  runs: number;
  diffMs: number;
  warmDiffMs: number;
  fullRuns: number;
  fullMs: number;
  /** fullMs / diffMs */
  ratio: number;
  targetMs: number;
  /** Both diffs list the same cells with the same answers and explanations. */
  agree: boolean;
  /** `diffSummary` (counts, blast radius, lazy cell list; shared/whatif/summary.ts): apply + summary, cold after. */
  summaryMs: number;
  /** The summary alone, both evaluators warm. */
  warmSummaryMs: number;
  /** fullMs / summaryMs */
  summaryRatio: number;
  /** The summary's counts, rectangles and listed cells equal the full diff's. */
  summaryAgree: boolean;
  /** How the summary was computed ('classes' for a run-time entry change, shared/whatif/class-summary.ts). */
  summaryRoute: string;
  /** Applying the change alone (copy-on-write of the model's records). */
  applyMs: number;
  /** The summary alone on a freshly applied model (its indexed evaluator cold), apply not included. */
  coldSummaryMs: number;
  /**
   * Another common what-if, moving one user into the same group (a membership: the cell route, the
   * user's every call in the region): apply + summary, cold; its region and changed cells.
   */
  member: { change: string; ms: number; regionCells: number; changedCells: number; route: string };
};

const KINDS: RuntimeKind[] = ['PropertyRead', 'ServiceInvoke', 'PropertyWrite', 'EventInvoke'];

/** Reverse transitive membership count of every group (§2.11). */
function groupSizes(model: Model): Map<string, number> {
  const members = new Map<string, number>();
  const parents = (g: string, seen: Set<string>): Set<string> => {
    if (seen.has(g)) return seen;
    seen.add(g);
    for (const p of model.groups[g]?.memberOf ?? []) parents(p, seen);
    return seen;
  };
  for (const u of Object.values(model.users)) {
    const all = new Set<string>();
    for (const g of u.groups) parents(g, all);
    for (const g of all) members.set(g, (members.get(g) ?? 0) + 1);
  }
  return members;
}

export type Picked = {
  change: WhatIfChange;
  after: Model;
  group: string;
  members: number;
  template: string;
  things: number;
  first: WhatIfDiff;
};

/**
 * The typical change: the non-built-in group whose transitive membership is closest to 7.5% of the
 * users (753 of 10k at L, performance.md §2.3), the leaf template with the most Things, and the
 * first run-time kind whose `*` Allow there flips at least one cell (an Allow under a Deny, or
 * where the group already may, flips nothing and would flatter the timing).
 */
export function pickChange(model: Model): Picked {
  const want = Object.keys(model.users).length * 0.075;
  const groups = [...groupSizes(model).entries()]
    .filter(([g]) => !model.groups[g]?.builtin)
    .sort((a, b) => Math.abs(a[1] - want) - Math.abs(b[1] - want) || (a[0] < b[0] ? -1 : 1));
  const bases = new Set(Object.values(model.templates).map(t => t.base));
  const counts = new Map<string, number>();
  for (const t of Object.values(model.things))
    counts.set(t.template, (counts.get(t.template) ?? 0) + 1);
  const templates = [...counts.entries()]
    .filter(([t]) => !bases.has(t) && !model.templates[t]?.builtin)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [group, members] of groups.slice(0, 3)) {
    for (const [template, things] of templates.slice(0, 3)) {
      for (const kind of KINDS) {
        const change: WhatIfChange = {
          type: 'add-entry',
          target: { level: 'instance', template },
          entry: {
            family: 'runtime',
            kind,
            resource: '*',
            principal: { type: 'group', name: group },
            allow: true,
          },
        };
        const applied = applyChange(model, change);
        if (!applied.ok) continue;
        const first = diffModels(model, applied.model, { kind: 'affected' }, { maxCells: 1e9 });
        if (first.ok && first.value.counts.total > 0)
          return {
            change,
            after: applied.model,
            group,
            members,
            template,
            things,
            first: first.value,
          };
      }
    }
  }
  throw new Error(
    'the generated model has no mid-size group and leaf template where a template-instance Allow changes an answer',
  );
}

/** Median of `runs` timings of `fn` (after `warmup` untimed calls), in ms. */
export function median(runs: number, warmup: number, fn: () => unknown): number {
  for (let i = 0; i < warmup; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)] as number;
}

/**
 * Times the typical change's diff on `model` (see the file comment). `fullRuns` full re-evaluations
 * (they take seconds at M).
 *
 * @example
 * const r = benchWhatIf(generateModel('M', 42)); r.diffMs; r.ratio;
 */
export function benchWhatIf(model: Model, runs = 9, fullRuns = 3): WhatIfBench {
  const picked = pickChange(model);
  const { change, after } = picked;
  const opts = { maxCells: 1e9 };
  const fast = () => {
    const applied = applyChange(model, change);
    if (!applied.ok) throw new Error(applied.message);
    return diffModels(model, applied.model, { kind: 'affected' }, opts);
  };
  const diffMs = median(runs, 2, fast);
  const warmDiffMs = median(runs, 1, () => diffModels(model, after, { kind: 'affected' }, opts));
  const fullMs = median(fullRuns, 1, () =>
    diffModels(model, after, { kind: 'affected' }, { ...opts, fast: false }),
  );
  const summaryMs = median(runs, 2, () => {
    const applied = applyChange(model, change);
    if (!applied.ok) throw new Error(applied.message);
    return diffSummary(model, applied.model, { kind: 'affected' }, opts);
  });
  const warmSummaryMs = median(runs, 1, () =>
    diffSummary(model, after, { kind: 'affected' }, opts),
  );
  const applyMs = median(runs, 2, () => applyChange(model, change));
  // Fresh models applied beforehand, so each timed summary meets a cold evaluator and no apply.
  const fresh = Array.from({ length: runs + 2 }, () => {
    const a = applyChange(model, change);
    if (!a.ok) throw new Error(a.message);
    return a.model;
  });
  let next = 0;
  const coldSummaryMs = median(runs, 2, () =>
    diffSummary(model, fresh[next++] as Model, { kind: 'affected' }, opts),
  );
  // A user outside the group joins it (§2.11): everything that user may call is in the region.
  const joiner = Object.values(model.users).find(
    u => !u.builtin && !u.groups.includes(picked.group),
  )?.name;
  if (!joiner) throw new Error(`every user is already in ${picked.group}`);
  const join: WhatIfChange = {
    type: 'add-membership',
    member: { type: 'user', name: joiner },
    group: picked.group,
  };
  let memberLast: ReturnType<typeof diffSummary> | undefined;
  const memberMs = median(Math.min(runs, 3), 1, () => {
    const applied = applyChange(model, join);
    if (!applied.ok) throw new Error(applied.message);
    memberLast = diffSummary(model, applied.model, { kind: 'affected' }, opts);
  });
  if (!memberLast?.ok)
    throw new Error(memberLast ? memberLast.error.message : 'no membership summary');
  const inc = picked.first;
  const full = diffModels(
    model,
    after,
    { kind: 'affected' },
    { ...opts, incremental: true, fast: false },
  );
  if (!full.ok) throw new Error(full.error.message);
  const summary = diffSummary(model, after, { kind: 'affected' }, opts);
  if (!summary.ok) throw new Error(summary.error.message);
  const listed = [...summary.value.cells()];
  const summaryAgree =
    JSON.stringify(summary.value.counts) === JSON.stringify(full.value.counts) &&
    JSON.stringify(summary.value.blastRadius) === JSON.stringify(full.value.blastRadius) &&
    listed.length === full.value.cells.length &&
    listed.every((c, i) => {
      const f = full.value.cells[i];
      return (
        f !== undefined &&
        c.call === f.call &&
        c.caller.name === f.caller.name &&
        c.caller.type === f.caller.type &&
        c.change === f.change &&
        c.before.status === f.before.status &&
        c.after.status === f.after.status &&
        c.before.outcome === f.before.outcome &&
        c.after.outcome === f.after.outcome
      );
    });
  return {
    change: describeChange(change),
    group: picked.group,
    groupMembers: picked.members,
    users: Object.keys(model.users).length,
    template: picked.template,
    templateThings: picked.things,
    scopeCells: inc.scopeCells,
    regionCells: inc.evaluatedCells,
    explainedCells: inc.explainedCells,
    changedCells: inc.counts.total,
    runs,
    diffMs,
    warmDiffMs,
    fullRuns,
    fullMs,
    ratio: fullMs / diffMs,
    targetMs: 20,
    agree:
      JSON.stringify(inc.cells) === JSON.stringify(full.value.cells) &&
      JSON.stringify(inc.equipment) === JSON.stringify(full.value.equipment),
    summaryMs,
    warmSummaryMs,
    summaryRatio: fullMs / summaryMs,
    summaryAgree,
    summaryRoute: summary.value.route,
    applyMs,
    coldSummaryMs,
    member: {
      change: describeChange(join),
      ms: memberMs,
      regionCells: memberLast.value.evaluatedCells,
      changedCells: memberLast.value.counts.total,
      route: memberLast.value.route,
    },
  };
}

/** Markdown rows for `npm run bench` (one line per size). */
export function renderWhatIf(rows: readonly (WhatIfBench & { size: string })[]): string {
  const f = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
  const out = [
    '### What-if diff (docs/whatif.md, §8 O9b)',
    '',
    '| size | change | group members | Things | scope cells | region cells | explained | changed | diff (apply + diff, cold after) | diff (warm) | full re-evaluation of the region | ratio | agree |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    out.push(
      `| ${r.size} | ${r.change} | ${r.groupMembers} of ${r.users} | ${r.templateThings} | ${r.scopeCells} | ${r.regionCells} | ${r.explainedCells} | ${r.changedCells} | ${f(r.diffMs)} ms | ${f(r.warmDiffMs)} ms | ${f(r.fullMs)} ms | ${f(r.ratio)}x | ${r.agree ? 'yes' : '**NO**'} |`,
      `| ${r.size} summary (${r.summaryRoute}) | (same change; counts, blast radius, lazy cell list) | | | | | | ${r.changedCells} | ${f(r.summaryMs)} ms | ${f(r.warmSummaryMs)} ms | ${f(r.fullMs)} ms | ${f(r.summaryRatio)}x | ${r.summaryAgree ? 'yes' : '**NO**'} |`,
    );
  }
  out.push(
    '',
    '| size | apply the change | summary alone, cold evaluator | summary, warm | full re-evaluation / cold summary |',
    '|---|---|---|---|---|',
  );
  for (const r of rows)
    out.push(
      `| ${r.size} | ${f(r.applyMs)} ms | ${f(r.coldSummaryMs)} ms | ${f(r.warmSummaryMs)} ms | ${f(r.fullMs / r.coldSummaryMs)}x |`,
    );
  out.push(
    '',
    '| size | membership change | region cells | changed | apply + summary, cold |',
    '|---|---|---|---|---|',
  );
  for (const r of rows)
    out.push(
      `| ${r.size} | ${r.member.change} (${r.member.route}) | ${r.member.regionCells} | ${r.member.changedCells} | ${f(r.member.ms)} ms |`,
    );
  const m = rows.find(r => r.size === 'M');
  if (m)
    out.push(
      '',
      `Goal: the diff at M <= ${m.targetMs} ms: ${m.diffMs <= m.targetMs ? `met (${f(m.diffMs)} ms)` : `**not met** (${f(m.diffMs)} ms)`}.`,
    );
  if (m)
    out.push(
      '',
      `The summary at M <= ${m.targetMs} ms: ${m.coldSummaryMs <= m.targetMs ? `met` : `**not met**`} (${f(m.coldSummaryMs)} ms cold, ${f(m.warmSummaryMs)} ms warm; with applying the change ${f(m.summaryMs)} ms).`,
    );
  return out.join('\n');
}

const isMain = process.argv[1]?.endsWith('whatif.ts');
if (isMain) {
  const arg = (k: string, d: string) => {
    const i = process.argv.indexOf(k);
    return i >= 0 ? (process.argv[i + 1] ?? d) : d;
  };
  const size = arg('--size', 'M') as ModelSize;
  const seed = Number(arg('--seed', '42'));
  const load = loadavg()[0];
  const model = generateModel(size, seed);
  const r = benchWhatIf(model);
  const cpu = cpus();
  const machine = {
    cpu: cpu[0]?.model.trim(),
    cores: cpu.length,
    node: process.version,
    loadAverage: { start: load, end: loadavg()[0] },
  };
  process.stdout.write(`${JSON.stringify({ size, seed, machine, ...r }, null, 2)}\n`);
}
