/**
 * `npm run bench` (performance.md §7, docs/benchmarks.md "What the run does"): the orchestration. It plans
 * the (section, size) pairs (bench/sections.ts: the single-check gate and latencies, equipment, the what-if
 * diff, the access matrix, the what-if change set, model files), runs each in its own child process
 * (bench/section-child.ts) one after the other, so every section's wall time, CPU time and peak RSS are its
 * own, then prints the Markdown tables, the per-section cost and the goals table (bench/goals.ts) and writes
 * the JSON (bench/results/latest.json). A section whose correctness gate fails has no valid timings: its
 * goals are "not measured" and the exit code is 1.
 *
 * @example
 * npm run bench                          # S, M and L (the default plan, ~15 minutes on 2 cores)
 * npm run bench -- --quick               # S and M only (a few minutes)
 * npm run bench -- --only matrix,whatif-set --size L
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { goalRows, renderGoals } from './goals';
import type { Collected, GoalRow } from './goals';
import { benchImport, renderImport } from './import';
import { renderEquipment } from './equipment';
import { renderLoad } from './load';
import { renderMatrix } from './matrix';
import { MODEL_SIZES } from './params';
import type { ModelSize } from './params';
import { renderMarkdown } from './report';
import type { BenchResults, Machine } from './report';
import { SECTION_NAMES, defaultPlan } from './sections';
import type { SectionName, SectionResults, SectionRun } from './sections';
import { renderWhatIf, renderWhatIfSet } from './whatif';

const CHILD = fileURLToPath(new URL('./section-child.ts', import.meta.url));

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

function parseOnly(value: string, previous: SectionName[] | undefined): SectionName[] {
  const out = [...(previous ?? [])];
  for (const part of value.split(',')) {
    const s = part.trim().toLowerCase();
    if (!(SECTION_NAMES as readonly string[]).includes(s))
      throw new InvalidArgumentError(
        `"${part}" is not a section; expected one of ${SECTION_NAMES.join(', ')}.`,
      );
    if (!out.includes(s as SectionName)) out.push(s as SectionName);
  }
  return out;
}

/** Runs one section in a child process; a child that dies without a result is a 'crash' run. */
function runChild(
  section: SectionName,
  size: ModelSize,
  seed: number,
  quick: boolean,
  dir: string,
): Promise<SectionRun> {
  const out = join(dir, `${section}-${size}.json`);
  const wall0 = performance.now();
  const load0 = loadavg()[0] ?? Number.NaN;
  const args = ['--expose-gc', '--import', 'tsx', CHILD, section, size, String(seed), out];
  if (quick) args.push('--quick');
  return new Promise(done => {
    // The child's stdout goes to our stderr: stdout carries only the Markdown report.
    const child = spawn(process.execPath, args, { stdio: ['ignore', 2, 2] });
    const failed = (why: string): SectionRun => ({
      section,
      size,
      status: 'crash',
      message: why,
      wallMs: performance.now() - wall0,
      cpuMs: Number.NaN,
      peakRssMiB: Number.NaN,
      loadAverage: { start: load0, end: loadavg()[0] ?? Number.NaN },
    });
    child.on('error', e => done(failed(`could not start the section's process: ${e.message}`)));
    child.on('exit', (code, signal) => {
      try {
        done(JSON.parse(readFileSync(out, 'utf8')) as SectionRun);
      } catch {
        done(
          failed(
            `the section's process ended (${signal ? `signal ${signal}` : `exit ${code}`}) without a result`,
          ),
        );
      }
    });
  });
}

const seconds = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(1) : 'n/a');

/** Where the time went: one row per (section, size), measured in its own process. */
function renderSections(runs: readonly SectionRun[], totalMs: number): string {
  const lines = [
    '### Sections (each in its own process)',
    '',
    '| Section | Size | Status | Wall s | CPU s | Peak RSS MiB | Load at start |',
    '|---|---|---|---:|---:|---:|---:|',
  ];
  for (const r of runs)
    lines.push(
      `| ${r.section} | ${r.size} | ${r.status === 'ok' ? 'ok' : `**${r.status}**`} | ${seconds(r.wallMs)} | ${seconds(r.cpuMs)} | ${Number.isFinite(r.peakRssMiB) ? r.peakRssMiB.toFixed(0) : 'n/a'} | ${r.loadAverage.start.toFixed(2)} |`,
    );
  const cpu = runs.reduce((n, r) => n + (Number.isFinite(r.cpuMs) ? r.cpuMs : 0), 0);
  lines.push(
    '',
    `Whole run: ${seconds(totalMs)} s wall (${(totalMs / 60_000).toFixed(1)} min), sections ${seconds(cpu)} s CPU.`,
  );
  return lines.join('\n');
}

/** The results of the sections that ran and passed their gate, by section, sizes attached. */
function collect(runs: readonly SectionRun[]): Collected {
  const ok = <K extends SectionName>(section: K) =>
    runs
      .filter(r => r.section === section && r.status === 'ok' && r.result !== undefined)
      .map(r => ({ size: r.size, value: r.result as SectionResults[K] }));
  return {
    checks: ok('checks').map(r => r.value),
    equipment: ok('equipment').map(r => r.value),
    whatif: ok('whatif').map(r => ({ size: r.size, ...r.value })),
    matrix: ok('matrix').map(r => r.value),
    whatifSet: ok('whatif-set').map(r => ({ size: r.size, ...r.value })),
    load: ok('load').map(r => r.value),
  };
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('bench')
    .description(
      'PermSim benchmark: correctness gates, then single checks, equipment, what-if, the access matrix and model files at S, M and L, with the goals table',
    )
    .option(
      '--size <sizes>',
      'model sizes S, M or L (repeat or comma-separate; default: each section at its default sizes, S, M and L)',
      parseSize,
    )
    .option('--seed <n>', 'generator seed', parseSeed, 42)
    .option(
      '--quick',
      'leave out size L (S and M, one timed run per what-if change): a few minutes',
    )
    .option(
      '--only <sections>',
      `run only these sections (comma-separate): ${SECTION_NAMES.join(', ')}`,
      parseOnly,
    )
    .option('--out <file>', 'JSON results file', 'bench/results/latest.json')
    .option(
      '--import',
      'only the import benchmark: a source-control tree of 30,000 Things from the size-L model (docs/benchmarks.md)',
    )
    .option(
      '--load',
      'only the model-file benchmark (= --only load): the size-L model (or --size) written as YAML and JSON and loaded',
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
    quick?: boolean;
    only?: SectionName[];
    import?: boolean;
    load?: boolean;
  }>();
  if (opts.import) {
    const b = benchImport(opts.seed, s => process.stderr.write(s));
    const m = machine();
    process.stdout.write(
      `${renderImport(b)}\n\nMachine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB, Node ${m.node}, ${m.platform}; load ${loadavg()[0]?.toFixed(2)}.\n`,
    );
    return b.agree ? 0 : 1;
  }
  const only = opts.load ? ['load' as const] : opts.only;
  const quick = opts.quick === true;
  const plan = defaultPlan(opts.size, only, quick);
  if (plan.length === 0) {
    process.stderr.write('Nothing to run: no section runs at the sizes asked.\n');
    return 2;
  }
  // The 15-minute goal is judged only on the default plan (every section at its default sizes).
  const isDefault =
    only === undefined &&
    !quick &&
    (opts.size === undefined || MODEL_SIZES.every(s => opts.size?.includes(s)));
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  const commit = gitCommit();
  const dir = mkdtempSync(join(tmpdir(), 'permsim-bench-'));
  const runs: SectionRun[] = [];
  try {
    for (const [i, step] of plan.entries()) {
      process.stderr.write(`\n== [${i + 1}/${plan.length}] ${step.section}, size ${step.size}\n`);
      const r = await runChild(step.section, step.size, opts.seed, quick, dir);
      runs.push(r);
      process.stderr.write(
        `== ${step.section} ${step.size}: ${r.status} in ${seconds(r.wallMs)} s (CPU ${seconds(r.cpuMs)} s, peak RSS ${Number.isFinite(r.peakRssMiB) ? r.peakRssMiB.toFixed(0) : 'n/a'} MiB); ${seconds(performance.now() - started)} s so far\n`,
      );
      if (r.status !== 'ok') process.stderr.write(`\n${r.message ?? ''}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const totalMs = performance.now() - started;
  const c = collect(runs);
  const goals = goalRows(c, isDefault, totalMs);
  const loadText = `1-min load average ${loadAtStart.toFixed(2)} at start, ${(loadavg()[0] ?? Number.NaN).toFixed(2)} at end`;
  const sizes = [...new Set(plan.map(p => p.size))];
  const out: BenchResults & {
    whatif: Collected['whatif'];
    equipment: Collected['equipment'];
    goals: GoalRow[];
    matrix: Collected['matrix'];
    whatifSet: Collected['whatifSet'];
    load: Collected['load'];
    sections: Omit<SectionRun, 'result'>[];
    totalMs: number;
  } = {
    formatVersion: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    command: `npm run bench --${quick ? ' --quick' : ''}${only ? ` --only ${only.join(',')}` : ''}${opts.size ? ` --size ${sizes.join(',')}` : ''} --seed ${opts.seed}`,
    commit,
    machine: machine(),
    loadAverage: { start: loadAtStart, end: loadavg()[0] ?? Number.NaN },
    results: c.checks,
    whatif: c.whatif,
    equipment: c.equipment,
    goals,
    matrix: c.matrix,
    whatifSet: c.whatifSet,
    load: c.load,
    sections: runs.map(({ result: _result, ...rest }) => rest),
    totalMs,
  };
  const file = resolve(opts.out);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  const put = (s: string) => process.stdout.write(`${s}\n\n`);
  put(renderMarkdown(out));
  if (c.whatif.length > 0) put(renderWhatIf(c.whatif));
  if (c.equipment.length > 0) put(renderEquipment(c.equipment));
  if (c.matrix.length > 0) put(renderMatrix(c.matrix));
  if (c.whatifSet.length > 0) put(renderWhatIfSet(c.whatifSet));
  for (const b of c.load) put(renderLoad(b));
  put(renderSections(runs, totalMs));
  put(renderGoals(goals, loadText));
  process.stderr.write(`JSON written to ${file}\n`);
  if (runs.some(r => r.status === 'crash')) return 2;
  if (runs.some(r => r.status === 'disagree')) {
    process.stderr.write(
      'A correctness gate failed (above): that section has no valid timings (performance.md §7).\n',
    );
    return 1;
  }
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
