/**
 * Model-file load benchmark (docs/benchmarks.md "Model files"): the generated model of one size is
 * written as YAML and as JSON through the app's own save path (`modelToText`), then each file is
 * loaded in a child process (so its peak memory is the loader's alone) as `permsim validate` does.
 * The gate: both files load, and to the same digest (users, groups, Things, Things' run-time entries).
 *
 * @example
 * npm run bench -- --load            # size L, seed 42
 * npx tsx bench/load.ts M            # one size, markdown on stdout
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelToText } from '../shared/model/decompile';
import { generateModel } from './generator';
import type { ModelSize } from './params';

export type LoadRow = {
  format: 'yaml' | 'json';
  megabytes: number;
  seconds: number;
  cpuSeconds: number;
  parseSeconds: number;
  peakRssMiB: number;
  digest: Record<string, number>;
};
export type LoadBench = { size: ModelSize; rows: LoadRow[]; agree: boolean; load: number };

/** Goals (issue 20 item 4), at size L: seconds and MiB. */
export const LOAD_GOALS = { yaml: { seconds: 1.5, rssMiB: 1024 }, json: { seconds: 0.7 } };

function loadInChild(file: string): Omit<LoadRow, 'format'> {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./load-child.ts', import.meta.url)), file],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  );
  if (child.status !== 0)
    throw new Error(`the load child failed on ${file} (exit ${child.status})`);
  return JSON.parse(child.stdout) as Omit<LoadRow, 'format'>;
}

/** Generates, writes YAML and JSON, loads each `runs` times in a child process (the fastest run is kept). */
export function benchLoad(
  size: ModelSize,
  seed: number,
  log: (s: string) => void,
  runs = 3,
): LoadBench {
  log(`generating the size-${size} model (seed ${seed})...\n`);
  const model = generateModel(size, seed);
  const dir = mkdtempSync(join(tmpdir(), 'permsim-load-bench-'));
  try {
    const rows: LoadRow[] = [];
    for (const format of ['yaml', 'json'] as const) {
      const file = join(dir, `model-${size}.${format}`);
      writeFileSync(file, modelToText(model, format));
      log(`loading ${file} (${runs} runs, child process)...\n`);
      let best: Omit<LoadRow, 'format'> | undefined;
      for (let i = 0; i < runs; i++) {
        const r = loadInChild(file);
        if (!best || r.seconds < best.seconds) best = r;
      }
      if (best) rows.push({ format, ...best });
    }
    const digests = rows.map(r => JSON.stringify(r.digest));
    const agree = digests.length === 2 && digests[0] === digests[1];
    if (!agree) log(`digests differ: ${digests.join(' vs ')}\n`);
    return { size, rows, agree, load: loadavg()[0] ?? Number.NaN };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function renderLoad(b: LoadBench): string {
  const goal = (r: LoadRow) => {
    if (b.size !== 'L') return '';
    const g = LOAD_GOALS[r.format];
    const met = r.seconds <= g.seconds && ('rssMiB' in g ? r.peakRssMiB <= g.rssMiB : true);
    return `≤ ${g.seconds} s${'rssMiB' in g ? `, ≤ ${g.rssMiB} MiB` : ''}: ${met ? 'met' : 'not met'}`;
  };
  return [
    `### Model files (size ${b.size}, written by the app's save path, loaded as \`permsim validate\` does)`,
    '',
    '| format | MB | load wall (s) | load CPU (s) | of which parse (s) | peak RSS (MiB) | goal |',
    '| :----- | -: | ------------: | -----------: | -----------------: | -------------: | :--- |',
    ...b.rows.map(
      r =>
        `| ${r.format.toUpperCase()} | ${r.megabytes.toFixed(1)} | ${r.seconds.toFixed(2)} | ${r.cpuSeconds.toFixed(2)} | ${r.parseSeconds.toFixed(2)} | ${r.peakRssMiB.toFixed(0)} | ${goal(r)} |`,
    ),
    '',
    `Digests agree (users, groups, Things, Things' run-time entries): ${b.agree ? 'yes' : 'NO'}. Load average ${b.load.toFixed(2)}.`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const size = (process.argv[2]?.toUpperCase() ?? 'L') as ModelSize;
  const b = benchLoad(size, 42, s => process.stderr.write(s), Number(process.argv[3] ?? 3));
  process.stdout.write(`${renderLoad(b)}\n`);
  process.exitCode = b.agree ? 0 : 1;
}
