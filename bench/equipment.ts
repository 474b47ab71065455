/**
 * Equipment benchmark (performance.md §7 O10 and O9h; docs/benchmarks.md "Equipment"): on the generated
 * model with its equipment context (bench/generator.ts, 100,000 nodes at L), FIRST a correctness gate
 * (sampled users x nodes of the shared index equal `effectiveEquipmentPermission`, the explaining
 * per-node reading of §7.18), THEN:
 * - labelling: the pre-order structure index of the context (`contextIndex`), median of 5;
 * - index build: labelling plus every `*` read/write entry as integer (principal, flags) rows and
 *   posting lists (`buildEquipmentIndex`), median of 3;
 * - users x equipment: effective Read/Write/None of every user on every node on a fresh index (no
 *   cached class answers), median of 3;
 * - one user's map (`equipmentPermissionMap`, index warm), p50/p99 over every user;
 * - a context-manager grant on one node (`applyEdit` of `apps-invoke` GrantUserGroupPermissionsOnEntities),
 *   median of 5, wall and CPU time; and the what-if equipment changes of that grant for every user (the
 *   after index is derived from the before index), median of 3;
 * - one user's equipment view as the renderer asks for it (`apps:tree`: `equipmentTree`, all expanded,
 *   the first 500 rows), median of 9 users; the report's equipment section after the grant.
 *
 * @example
 * npx tsx bench/equipment.ts --size L
 * import { benchEquipment } from './equipment'; benchEquipment(model, stats); // from bench/run.ts
 */
import { loadavg } from 'node:os';
import { applyEdit } from '../shared/apps/apply-edit';
import { effectiveEquipmentPermission, equipmentPermissionMap } from '../shared/apps/effective';
import {
  buildEquipmentIndex,
  denseCodes,
  equipmentIndex,
  equipmentMatrixOf,
  equipmentPermissionChanges,
} from '../shared/apps/equipment-index';
import { contextIndex } from '../shared/apps/structure';
import { equipmentTree } from '../shared/apps/tree-data';
import { buildReportData } from '../shared/report/build-data';
import type { Model } from '../shared/model/types';
import { own } from '../shared/model/own';
import type { EquipmentStats } from './generator';
import { EQUIPMENT_CONTEXT, generateModelWithStats } from './generator';
import { lastSink, measureLatency, medianTime, timeOnce } from './measure';
import type { LatencyStats } from './measure';
import type { ModelSize } from './params';
import { createRng } from './rng';

export type EquipmentBench = {
  size: ModelSize;
  stats: EquipmentStats;
  users: number;
  classes: number;
  /** Non-None (user class, node) answers stored. */
  sparseAnswers: number;
  gateCells: number;
  agree: boolean;
  disagreement?: string;
  labellingMs: number;
  indexBuildMs: number;
  matrixMs: number;
  userMap: LatencyStats;
  grantMs: number;
  /** CPU time (process.cpuUsage) of the same grant: less noisy on a loaded machine. */
  grantCpuMs: number;
  grantChanges: number;
  whatIfMs: number;
  whatIfCpuMs: number;
  /** `apps:tree` (equipmentTree) of one user, all expanded, first window of 500 rows: median over users. */
  treeViewMs: number;
  /** The report's equipment section (6 users, 500 rows each) on the model after the grant, index derived. */
  reportMs: number;
  loadAverage: number;
};

const NAMES = ['None', 'Read', 'Write'];

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e3;
};
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export function benchEquipment(
  size: ModelSize,
  seed: number,
  progress: (line: string) => void = () => undefined,
): EquipmentBench {
  progress(`\n== equipment, size ${size}: generating the model with its equipment context\n`);
  const { model, stats } = generateModelWithStats(size, seed, { equipment: true });
  const eq = stats.equipment as EquipmentStats;
  const ctx = own(model.apps.contexts, EQUIPMENT_CONTEXT);
  if (!ctx) throw new Error('the generated model has no equipment context');
  const users = Object.keys(model.users);
  const order = contextIndex(ctx).order;

  // ---- correctness gate: the shared index against the explaining per-node reading ----------------
  progress('equipment gate: index vs effectiveEquipmentPermission\n');
  const rng = createRng(seed ^ 0x6a7e);
  const ix = equipmentIndex(model, EQUIPMENT_CONTEXT);
  if (!ix) throw new Error('no equipment index');
  const matrix = equipmentMatrixOf(model, ix, users);
  let gateCells = 0;
  let disagreement: string | undefined;
  const sampledUsers = Array.from({ length: 60 }, () => rng.int(0, users.length - 1));
  for (const u of sampledUsers) {
    const user = users[u] as string;
    const dense = denseCodes(
      matrix.classes[matrix.classOf[u] as number] as NonNullable<(typeof matrix.classes)[number]>,
      order.length,
    );
    for (let k = 0; k < 40 && !disagreement; k++) {
      const node = rng.int(0, order.length - 1);
      const want = effectiveEquipmentPermission(
        model,
        user,
        EQUIPMENT_CONTEXT,
        order[node] as string,
      );
      gateCells++;
      if (
        want.decidedBy !== 'controls-engineer' &&
        NAMES[dense[node] as number] !== want.permission
      )
        disagreement = `${user} on ${order[node]}: index ${NAMES[dense[node] as number]}, effectiveEquipmentPermission ${want.permission}`;
    }
  }
  const base = {
    size,
    stats: eq,
    users: users.length,
    classes: matrix.classes.length,
    sparseAnswers: matrix.classes.reduce((a, c) => a + c.nodes.length, 0),
    gateCells,
  };
  if (disagreement)
    return {
      ...base,
      agree: false,
      disagreement,
      labellingMs: NaN,
      indexBuildMs: NaN,
      matrixMs: NaN,
      userMap: { p50Ns: NaN, p99Ns: NaN } as LatencyStats,
      grantMs: NaN,
      grantCpuMs: NaN,
      grantChanges: 0,
      whatIfMs: NaN,
      whatIfCpuMs: NaN,
      treeViewMs: NaN,
      reportMs: NaN,
      loadAverage: loadavg()[0] ?? NaN,
    };

  // ---- timings -------------------------------------------------------------------------------------
  progress('equipment: labelling, index build, users x equipment\n');
  // A shallow copy is a new cache key: the structure is labelled again.
  const labellingMs = medianTime(5, () => contextIndex({ ...ctx })) / 1e6;
  const indexBuildMs = medianTime(3, () => buildEquipmentIndex(model, EQUIPMENT_CONTEXT)) / 1e6;
  const fresh = Array.from({ length: 3 }, () => buildEquipmentIndex(model, EQUIPMENT_CONTEXT));
  let run = 0;
  const matrixMs =
    medianTime(3, () => {
      const f = fresh[run++];
      return f && equipmentMatrixOf(model, f, users);
    }) / 1e6;
  progress('equipment: one user map\n');
  const userMap = measureLatency(users, Math.max(1_000, users.length), 200, (u: string) =>
    equipmentPermissionMap(model, { type: 'user', name: u }, EQUIPMENT_CONTEXT),
  );

  progress('equipment: a grant on one node, and its what-if equipment changes\n');
  const group = own(model.groups, 'Grp0000') ? 'Grp0000' : 'Users';
  const grantOn = (node: string, level: string): Model => {
    const r = applyEdit(model, {
      type: 'apps-invoke',
      service: 'GrantUserGroupPermissionsOnEntities',
      params: {
        entities: { rows: [{ Name: node, Type: 'Equipment' }] },
        permissionType: level,
        userGroupNames: { rows: [{ UserGroupName: group }] },
      },
    });
    if (!r.ok) throw new Error(`grant failed: ${r.error.message}`);
    return r.model;
  };
  const times: number[] = [];
  const cpus: number[] = [];
  const afters: Model[] = [];
  for (let i = 0; i < 5; i++) {
    const node = order[rng.int(0, order.length - 1)] as string;
    const c = process.cpuUsage();
    const t = timeOnce(() => grantOn(node, i % 2 ? 'Read' : 'Write'));
    cpus.push(cpuMs(c));
    times.push(t.ns / 1e6);
    afters.push(t.value);
  }
  let grantChanges = 0;
  const whatIf: number[] = [];
  const whatIfCpu: number[] = [];
  for (let i = 0; i < 3; i++) {
    const after = afters[i] as Model;
    const c = process.cpuUsage();
    const t = timeOnce(() => equipmentPermissionChanges(model, after, users, [EQUIPMENT_CONTEXT]));
    whatIfCpu.push(cpuMs(c));
    whatIf.push(t.ns / 1e6);
    grantChanges = t.value.length;
  }

  progress("equipment: one user's tree view (apps:tree), the report's equipment section\n");
  const tree: number[] = [];
  for (let k = 0; k < 9; k++) {
    const user = users[rng.int(0, users.length - 1)] as string;
    const t = timeOnce(() =>
      equipmentTree(model, {
        context: EQUIPMENT_CONTEXT,
        principal: { type: 'user', name: user },
        expanded: 'all',
        offset: 0,
        limit: 500,
      }),
    );
    if (!t.value.ok) throw new Error(`apps:tree failed: ${t.value.error.message}`);
    tree.push(t.ns / 1e6);
  }
  const report = timeOnce(() =>
    buildReportData(afters[4] as Model, {
      generatedAt: '2026-12-07T00:00:00Z',
      appVersion: 'bench',
      sections: ['equipment'],
      contexts: [EQUIPMENT_CONTEXT],
    }),
  );
  if (!report.value.ok) throw new Error('report failed');
  void lastSink();
  return {
    ...base,
    agree: true,
    labellingMs,
    indexBuildMs,
    matrixMs,
    userMap,
    grantMs: median(times),
    grantCpuMs: median(cpus),
    grantChanges,
    whatIfMs: median(whatIf),
    whatIfCpuMs: median(whatIfCpu),
    treeViewMs: median(tree),
    reportMs: report.ns / 1e6,
    loadAverage: loadavg()[0] ?? NaN,
  };
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const us = (ns: number) => (ns / 1e3).toFixed(1);

export function renderEquipment(list: EquipmentBench[]): string {
  const lines = ['### Equipment (context manager, performance.md §7 O10/O9h)', ''];
  for (const b of list) {
    lines.push(
      `Size ${b.size}: ${b.stats.nodes.toLocaleString('en-US')} nodes (depth ${b.stats.maxDepth}), ${b.users.toLocaleString('en-US')} users in ${b.classes.toLocaleString('en-US')} classes, ` +
        `${b.stats.principalsWithGrants} principals with ${b.stats.grants.toLocaleString('en-US')} grants and ${b.stats.propagations} propagations (${b.stats.nodeWrites.toLocaleString('en-US')} node writes); ` +
        `gate ${b.agree ? `${b.gateCells} cells agree` : `FAILED: ${b.disagreement}`}; load average ${b.loadAverage.toFixed(2)}.`,
      '',
    );
    if (!b.agree) continue;
    lines.push('| Operation | Time |', '|---|---|');
    lines.push(`| labelling (pre-order structure) | ${ms(b.labellingMs)} ms |`);
    lines.push(
      `| index build (labelling + integer rows + posting lists) | ${ms(b.indexBuildMs)} ms |`,
    );
    lines.push(
      `| users × equipment (${b.users.toLocaleString('en-US')} × ${b.stats.nodes.toLocaleString('en-US')}, ${b.sparseAnswers.toLocaleString('en-US')} non-None answers) | ${ms(b.matrixMs)} ms |`,
    );
    lines.push(
      `| one user's map, p50 / p99 | ${us(b.userMap.p50Ns)} / ${us(b.userMap.p99Ns)} µs |`,
    );
    lines.push(
      `| grant on one node (\`applyEdit\` apps-invoke), wall / CPU | ${ms(b.grantMs)} / ${ms(b.grantCpuMs)} ms |`,
    );
    lines.push(
      `| what-if equipment changes of that grant, every user (${b.grantChanges} changes), wall / CPU | ${ms(b.whatIfMs)} / ${ms(b.whatIfCpuMs)} ms |`,
    );
    lines.push(
      `| one user's equipment view (\`apps:tree\`, 500 rows), median | ${ms(b.treeViewMs)} ms |`,
    );
    lines.push(
      `| report's equipment section after the grant (6 users × 500 rows) | ${ms(b.reportMs)} ms |`,
    );
    lines.push('');
  }
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('equipment.ts')) {
  const at = process.argv.indexOf('--size');
  const size = (process.argv[at + 1] ?? 'M').toUpperCase() as ModelSize;
  const b = benchEquipment(size, 42, s => process.stderr.write(s));
  process.stdout.write(`${renderEquipment([b])}\n`);
  process.exitCode = b.agree ? 0 : 1;
}
