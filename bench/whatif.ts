/**
 * What-if benchmark row (issue 6 item 6, performance.md §7 O9b): the diff of one typical change — an
 * Allow at the instance level of a leaf template for a mid-size group — over every user x every call
 * on the affected entities, incremental (only the affected region re-evaluated) beside a full
 * re-evaluation of the same scope, as a ratio. Also checks that both give the same diff.
 *
 * @example
 * npx tsx bench/whatif.ts --size M --seed 42
 * import { benchWhatIf } from './whatif'; benchWhatIf(model); // from bench/run.ts
 */
import { performance } from 'node:perf_hooks';
import type { Model } from '../shared/model/types';
import { applyChange, diffModels } from '../shared/whatif';
import type { WhatIfChange } from '../shared/whatif';
import { generateModel } from './generator';
import type { ModelSize } from './params';

export type WhatIfBench = {
  change: string;
  groupMembers: number;
  templateThings: number;
  scopeCells: number;
  evaluatedCells: number;
  changedCells: number;
  incrementalMs: number;
  fullMs: number;
  /** fullMs / incrementalMs */
  ratio: number;
  targetMs: number;
  agree: boolean;
};

function pickChange(model: Model): { change: WhatIfChange; members: number; things: number } {
  // Mid-size group: transitive membership closest to 7.5% of the users (753 of 10k at L, performance.md §2.3).
  const members = new Map<string, number>();
  const parents = (g: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(g)) return seen;
    seen.add(g);
    for (const p of model.groups[g]?.memberOf ?? []) parents(p, seen);
    return seen;
  };
  for (const u of Object.values(model.users)) {
    const all = new Set<string>();
    for (const g of u.groups) for (const x of parents(g)) all.add(x);
    for (const g of all) members.set(g, (members.get(g) ?? 0) + 1);
  }
  const want = Object.keys(model.users).length * 0.075;
  const group = [...members.entries()].filter(([g]) => !model.groups[g]?.builtin).sort((a, b) => Math.abs(a[1] - want) - Math.abs(b[1] - want))[0];
  // A leaf template (no derived templates) with the most Things.
  const bases = new Set(Object.values(model.templates).map(t => t.base));
  const counts = new Map<string, number>();
  for (const t of Object.values(model.things)) counts.set(t.template, (counts.get(t.template) ?? 0) + 1);
  const template = [...counts.entries()].filter(([t]) => !bases.has(t) && !model.templates[t]?.builtin).sort((a, b) => b[1] - a[1])[0];
  if (!group || !template) throw new Error('the generated model has no mid-size group or leaf template');
  return {
    change: {
      type: 'add-entry',
      target: { level: 'instance', template: template[0] },
      entry: { family: 'runtime', kind: 'PropertyRead', resource: '*', principal: { type: 'group', name: group[0] }, allow: true },
    },
    members: group[1],
    things: template[1],
  };
}

/** Median of `runs` timings of `fn`, in ms. */
function median(runs: number, fn: () => unknown): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)] as number;
}

export function benchWhatIf(model: Model, runs = 3): WhatIfBench {
  const { change, members, things } = pickChange(model);
  const applied = applyChange(model, change);
  if (!applied.ok) throw new Error(applied.message);
  const after = applied.model;
  const inc = diffModels(model, after, { kind: 'affected' }, { maxCells: 1e9 });
  const full = diffModels(model, after, { kind: 'affected' }, { incremental: false, maxCells: 1e9 });
  if (!inc.ok) throw new Error(inc.error.message);
  if (!full.ok) throw new Error(full.error.message);
  const incrementalMs = median(runs, () => diffModels(model, after, { kind: 'affected' }, { maxCells: 1e9 }));
  const fullMs = median(1, () => diffModels(model, after, { kind: 'affected' }, { incremental: false, maxCells: 1e9 }));
  return {
    change: `${change.type} ${JSON.stringify(change.type === 'add-entry' ? { target: change.target, principal: change.entry.family === 'runtime' ? change.entry.principal.name : '' } : {})}`,
    groupMembers: members,
    templateThings: things,
    scopeCells: inc.value.scopeCells,
    evaluatedCells: inc.value.evaluatedCells,
    changedCells: inc.value.counts.total,
    incrementalMs,
    fullMs,
    ratio: fullMs / incrementalMs,
    targetMs: 20,
    agree: JSON.stringify(inc.value.cells) === JSON.stringify(full.value.cells),
  };
}

const isMain = process.argv[1]?.endsWith('whatif.ts');
if (isMain) {
  const arg = (k: string, d: string) => {
    const i = process.argv.indexOf(k);
    return i >= 0 ? (process.argv[i + 1] ?? d) : d;
  };
  const size = arg('--size', 'M') as ModelSize;
  const seed = Number(arg('--seed', '42'));
  const model = generateModel(size, seed);
  const r = benchWhatIf(model);
  process.stdout.write(`${JSON.stringify({ size, seed, ...r }, null, 2)}\n`);
}
