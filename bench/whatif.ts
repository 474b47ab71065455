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
import { affectedRegion, regionEntities } from '../shared/whatif/affected';
import type { Region } from '../shared/whatif/affected';
import {
  allCallers,
  allEntities,
  callsOnEntity,
  evaluateCell,
  regionKey,
  sameOutcome,
} from '../shared/whatif/cells';
import type { WhatIfSummary } from '../shared/whatif/summary';
import { createRng } from './rng';
import type { WhatIfChange, WhatIfDiff } from '../shared/whatif';
import { diffSummary } from '../shared/whatif/summary';
import { prepareWhatIfBase } from '../shared/whatif/fast-cells';
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

/** One change of the set (benchWhatIfSet): what it is, how long apply + summary took, and the sampled check. */
export type WhatIfSetRow = {
  kind: string;
  change: string;
  /** 'classes' or 'cells', or the refusal's code (e.g. 'too-large'), or 'skipped' (no such element in the model). */
  route: string;
  /** Median of the timed runs of apply + summary, the changed model's evaluator cold each time (ms). */
  ms: number;
  /** CPU time (user + system, process.cpuUsage) of the run that gave `ms`: steadier than wall time on a loaded machine. */
  cpuMs: number;
  runs: number;
  regionCells: number;
  changedCells: number;
  /** Cells of the sample re-evaluated in full on both models and compared with the summary. */
  sampled: number;
  /** The sampled cells whose summary answer differs from the full re-evaluation (0 = agree). */
  mismatches: number;
  /** Why a row was skipped or refused, in words. */
  note?: string;
};

export type WhatIfSet = {
  rows: WhatIfSetRow[];
  /** Peak resident set of the process so far (MiB; model generation included). */
  peakRssMiB: number;
  /** Preparing the base model once before the set (prepareWhatIfBase, as the app does when a project opens), ms. */
  prepareBaseMs: number;
  loadAverage: { start: number; end: number };
};

/**
 * The set of change kinds the what-if goals are judged on (issue "what-if at L"): a run-time entry
 * on each level and kind, a visibility grant, a membership, a unit membership, a template change,
 * an app key, an option switch and a context-manager propagation (when the model has equipment).
 * The typical change is the template-instance PropertyWrite Allow for the 7.5% group.
 */
export function changeSet(model: Model): { kind: string; change?: WhatIfChange; note?: string }[] {
  const want = Object.keys(model.users).length * 0.075;
  const group = [...groupSizes(model).entries()]
    .filter(([g]) => !model.groups[g]?.builtin)
    .sort(
      (a, b) => Math.abs(a[1] - want) - Math.abs(b[1] - want) || (a[0] < b[0] ? -1 : 1),
    )[0]?.[0];
  const bases = new Set(Object.values(model.templates).map(t => t.base));
  const counts = new Map<string, number>();
  for (const t of Object.values(model.things))
    counts.set(t.template, (counts.get(t.template) ?? 0) + 1);
  const template = [...counts.entries()]
    .filter(([t]) => !bases.has(t) && !model.templates[t]?.builtin)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  if (!group || !template)
    throw new Error('the generated model has no mid-size group or leaf template');
  const thing = Object.values(model.things).find(t => t.template === template)?.name as string;
  const shapeUse = new Map<string, number>();
  for (const t of Object.values(model.things))
    for (const sh of t.shapes) shapeUse.set(sh, (shapeUse.get(sh) ?? 0) + 1);
  const shape = [...shapeUse.entries()].sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
  )[0]?.[0];
  const principal = { type: 'group' as const, name: group };
  const entry = (kind: RuntimeKind, allow = true) => ({
    family: 'runtime' as const,
    kind,
    resource: '*',
    principal,
    allow,
  });
  const user = Object.values(model.users).find(u => !u.builtin && !u.groups.includes(group))?.name;
  const org = Object.values(model.organizations).find(o => Object.keys(o.units).length > 0);
  const unit = org ? Object.keys(org.units)[0] : undefined;
  const key = Object.keys(model.appKeys)[0];
  const shapes = Object.keys(model.shapes);
  const context = Object.values(model.apps?.contexts ?? {})[0];
  const node = context ? Object.keys(context.equipment)[0] : undefined;
  const out: { kind: string; change?: WhatIfChange; note?: string }[] = [
    {
      kind: 'typical: instance PropertyWrite',
      change: {
        type: 'add-entry',
        target: { level: 'instance', template },
        entry: entry('PropertyWrite'),
      },
    },
    {
      kind: 'instance PropertyRead',
      change: {
        type: 'add-entry',
        target: { level: 'instance', template },
        entry: entry('PropertyRead'),
      },
    },
    {
      kind: 'instance ServiceInvoke',
      change: {
        type: 'add-entry',
        target: { level: 'instance', template },
        entry: entry('ServiceInvoke'),
      },
    },
    {
      kind: 'instance EventInvoke deny',
      change: {
        type: 'add-entry',
        target: { level: 'instance', template },
        entry: entry('EventInvoke', false),
      },
    },
    {
      kind: 'Thing ServiceInvoke',
      change: {
        type: 'add-entry',
        target: { level: 'entity', collection: 'Things', name: thing },
        entry: entry('ServiceInvoke'),
      },
    },
    {
      kind: 'template own PropertyRead',
      change: {
        type: 'add-entry',
        target: { level: 'entity', collection: 'ThingTemplates', name: template },
        entry: entry('PropertyRead'),
      },
    },
    shape
      ? {
          kind: 'shape PropertyRead',
          change: {
            type: 'add-entry',
            target: { level: 'shape', shape },
            entry: entry('PropertyRead'),
          },
        }
      : { kind: 'shape PropertyRead', note: 'no Thing has a shape' },
    {
      kind: 'collection ServiceInvoke',
      change: {
        type: 'add-entry',
        target: { level: 'collection', collection: 'Things' },
        entry: entry('ServiceInvoke'),
      },
    },
    org && unit
      ? {
          kind: 'visibility grant',
          change: {
            type: 'add-entry',
            target: { level: 'instance', template },
            entry: { family: 'visibility', principal: { type: 'unit', org: org.name, unit } },
          },
        }
      : { kind: 'visibility grant', note: 'no organization unit' },
    user
      ? {
          kind: 'membership',
          change: { type: 'add-membership', member: { type: 'user', name: user }, group },
        }
      : { kind: 'membership', note: 'every user is in the group' },
    org && unit && user
      ? {
          kind: 'unit membership',
          change: {
            type: 'add-unit-member',
            org: org.name,
            unit,
            member: { type: 'user', name: user },
          },
        }
      : { kind: 'unit membership', note: 'no organization unit' },
    {
      kind: 'template change (shapes)',
      change: {
        type: 'set-template-shapes',
        template,
        shapes: [...(model.templates[template]?.shapes ?? []), ...shapes.slice(0, 1)].filter(
          (x, i, a) => a.indexOf(x) === i,
        ),
      },
    },
    key
      ? { kind: 'app key', change: { type: 'set-app-key', name: key, ipAllowlist: ['10.0.0.0/8'] } }
      : { kind: 'app key', note: 'the model has no application key' },
    { kind: 'option switch', change: { type: 'set-semantics', semantics: { ownerBypass: false } } },
    context && node
      ? {
          kind: 'context-manager grant',
          change: {
            type: 'apps-invoke',
            service: 'GrantUserGroupPermissionsOnEntities',
            params: {
              entities: { rows: [{ Name: node, Type: 'Equipment' }] },
              permissionType: 'Read',
              userGroupNames: { rows: [{ UserGroupName: group }] },
            },
          },
        }
      : { kind: 'context-manager grant', note: 'the generated model has no equipment' },
  ];
  return out;
}

/**
 * Compares the summary with the full re-evaluation (both models through the REST pipeline) on a
 * sample: callers with changes, callers of the region and any callers, x calls on entities of the
 * region and on any entities. Outside the region the summary lists nothing, so the sample also
 * checks the region. Returns the cells compared and how many disagree.
 */
function sampledCheck(
  before: Model,
  after: Model,
  summary: WhatIfSummary,
  region: Region,
  seed: number,
): { sampled: number; mismatches: number } {
  const rng = createRng(seed);
  const models = [before, after];
  const callers = allCallers(models);
  const inRegion = callers.filter(c =>
    region.rectangles.some(r => r.callers === 'all' || r.callers.has(regionKey(c))),
  );
  const pickN = <T>(xs: readonly T[], n: number) =>
    xs.length === 0 ? [] : Array.from({ length: n }, () => rng.pick(xs));
  const chosen = [
    ...summary.byCaller.slice(0, 3).map(x => x.caller),
    ...pickN(inRegion, 4),
    ...pickN(callers, 2),
  ];
  const entities = allEntities(models);
  const keys = regionEntities(region);
  const regionList =
    keys === 'all' ? entities : entities.filter(e => keys.has(`${e.collection}/${e.name}`));
  const chosenEntities = [...pickN(regionList, 12), ...pickN(entities, 3)];
  const calls = chosenEntities.flatMap(e => pickN(callsOnEntity(models, e), 6));
  let sampled = 0;
  let mismatches = 0;
  for (const c of chosen)
    for (const call of calls) {
      sampled++;
      const a = evaluateCell(before, c, call);
      const b = evaluateCell(after, c, call);
      const got = summary.changeOf(c, call.call);
      if (sameOutcome(a, b)) {
        if (got) mismatches++;
      } else if (
        !got ||
        got.before.status !== a.status ||
        got.after.status !== b.status ||
        got.before.outcome !== a.outcome ||
        got.after.outcome !== b.outcome
      )
        mismatches++;
    }
  return { sampled, mismatches };
}

/**
 * Times every change of `changeSet(model)`: apply + summary of the `affected` scope (as the app
 * runs it), median of `runs`, each on a freshly applied model (its evaluator cold); then the
 * sampled check against the full re-evaluation. `log` reports progress (one line per change).
 *
 * @example
 * benchWhatIfSet(generateModel('M', 42), { runs: 3 }).rows.map(r => r.ms);
 */
export function benchWhatIfSet(
  model: Model,
  opts: {
    runs?: number;
    seed?: number;
    log?: (line: string) => void;
    /** Only these kinds of the set (by `kind`); all when absent. */
    kinds?: readonly string[];
  } = {},
): WhatIfSet {
  const runs = opts.runs ?? 3;
  const start = loadavg()[0] as number;
  const rows: WhatIfSetRow[] = [];
  const prepStart = performance.now();
  prepareWhatIfBase(model);
  const prepareBaseMs = performance.now() - prepStart;
  for (const item of changeSet(model)) {
    if (opts.kinds && !opts.kinds.includes(item.kind)) continue;
    const base = {
      kind: item.kind,
      runs: 0,
      ms: 0,
      cpuMs: 0,
      regionCells: 0,
      changedCells: 0,
      sampled: 0,
      mismatches: 0,
    };
    if (!item.change) {
      rows.push({ ...base, change: '', route: 'skipped', note: item.note });
      continue;
    }
    const change = item.change;
    const applied = applyChange(model, change);
    if (!applied.ok) {
      rows.push({
        ...base,
        change: describeChange(change),
        route: 'skipped',
        note: applied.message,
      });
      continue;
    }
    let last: ReturnType<typeof diffSummary> | undefined;
    const timed: [number, number][] = [];
    for (let i = 0; i < runs; i++) {
      const c = process.cpuUsage();
      const s = performance.now();
      const a = applyChange(model, change);
      if (!a.ok) throw new Error(a.message);
      last = diffSummary(model, a.model, { kind: 'affected' });
      const used = process.cpuUsage(c);
      timed.push([performance.now() - s, (used.user + used.system) / 1000]);
    }
    timed.sort((x, y) => x[0] - y[0]);
    const [ms, cpuMs] = timed[Math.floor(timed.length / 2)] as [number, number];
    const row: WhatIfSetRow = {
      ...base,
      change: describeChange(change),
      route: '',
      ms,
      cpuMs,
      runs,
    };
    if (!last?.ok) {
      row.route = last ? last.error.code : 'error';
      row.note = last && !last.ok ? last.error.message : undefined;
    } else {
      const s = last.value;
      row.route = s.route;
      row.regionCells = s.evaluatedCells;
      row.changedCells = s.counts.total;
      // The check reads the summary of one applied model (any run's answers are the same).
      const check = diffSummary(model, applied.model, { kind: 'affected' });
      if (check.ok) {
        const r = sampledCheck(
          model,
          applied.model,
          check.value,
          affectedRegion(model, applied.model),
          opts.seed ?? 7,
        );
        row.sampled = r.sampled;
        row.mismatches = r.mismatches;
      }
    }
    rows.push(row);
    opts.log?.(
      `${row.kind}: ${row.route} ${row.ms.toFixed(1)} ms (cpu ${row.cpuMs.toFixed(1)} ms), ${row.changedCells} changed, sample ${row.sampled}/${row.mismatches} wrong`,
    );
  }
  return {
    rows,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    prepareBaseMs,
    loadAverage: { start, end: loadavg()[0] as number },
  };
}

/** Markdown table of the change set, one per size, with the goals (at M every change <= 60 ms and typical <= 10 ms; at L typical <= 50 ms, membership <= 1 s, peak RSS <= 1.5 GB). */
export function renderWhatIfSet(results: readonly (WhatIfSet & { size: string })[]): string {
  const f = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
  const out = [
    '### What-if change set (apply + summary, cold; sampled check against the full re-evaluation)',
    '',
    '| size | change kind | change | route | apply + summary | CPU time | runs | region cells | changed | sample (cells / wrong) |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results)
    for (const x of r.rows)
      out.push(
        `| ${r.size} | ${x.kind} | ${x.change} | ${x.route}${x.note && x.route !== 'classes' && x.route !== 'cells' ? ` (${x.note})` : ''} | ${x.runs ? `${f(x.ms)} ms` : ''} | ${x.runs ? `${f(x.cpuMs)} ms` : ''} | ${x.runs} | ${x.regionCells} | ${x.changedCells} | ${x.sampled} / ${x.mismatches === 0 ? '0' : `**${x.mismatches}**`} |`,
      );
  out.push('');
  for (const r of results) {
    const timed = r.rows.filter(x => x.runs > 0 && (x.route === 'classes' || x.route === 'cells'));
    const typical = r.rows[0];
    const member = r.rows.find(x => x.kind === 'membership');
    const worst = timed.reduce((m, x) => (x.ms > m.ms ? x : m), timed[0] as WhatIfSetRow);
    const met = (ok: boolean) => (ok ? 'met' : '**not met**');
    const lines =
      r.size === 'L'
        ? [
            `typical <= 50 ms: ${met((typical?.ms ?? Infinity) <= 50)} (${f(typical?.ms ?? NaN)} ms)`,
            `membership <= 1 s: ${met((member?.ms ?? Infinity) <= 1000)} (${f(member?.ms ?? NaN)} ms)`,
            `peak RSS <= 1.5 GB: ${met(r.peakRssMiB <= 1536)} (${f(r.peakRssMiB)} MiB, model generation included)`,
          ]
        : [
            `typical <= 10 ms: ${met((typical?.ms ?? Infinity) <= 10)} (${f(typical?.ms ?? NaN)} ms, CPU ${f(typical?.cpuMs ?? NaN)} ms)`,
            `every change <= 60 ms: ${met(timed.every(x => x.ms <= 60))} (slowest: ${worst?.kind} ${f(worst?.ms ?? NaN)} ms, CPU ${f(worst?.cpuMs ?? NaN)} ms)`,
          ];
    const wrong = r.rows.reduce((n, x) => n + x.mismatches, 0);
    out.push(
      `${r.size} (load average ${f(r.loadAverage.start)} -> ${f(r.loadAverage.end)}; base prepared once in ${f(r.prepareBaseMs)} ms): ${lines.join('; ')}; sampled check: ${wrong === 0 ? 'every sampled cell agrees' : `**${wrong} cells disagree**`}.`,
      '',
    );
  }
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
  if (process.argv.includes('--set')) {
    const runs = Number(arg('--runs', size === 'L' ? '2' : '3'));
    // `--kinds typical,membership`: only the kinds whose name starts with one of these words.
    const only = arg('--kinds', '')
      .split(',')
      .filter(k => k !== '');
    const kinds =
      only.length > 0
        ? changeSet(model)
            .map(x => x.kind)
            .filter(k => only.some(o => k.startsWith(o)))
        : undefined;
    const set = benchWhatIfSet(model, {
      runs,
      log: l => process.stderr.write(`${l}\n`),
      ...(kinds ? { kinds } : {}),
    });
    process.stdout.write(`${renderWhatIfSet([{ size, ...set }])}\n`);
    process.exit(0);
  }
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
