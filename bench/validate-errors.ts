/**
 * How long `validate` takes on a file with many independent problems (every error located through
 * the index of parse.ts, so linear): N users, each in an undeclared group. Not part of `npm run bench`:
 * `npx tsx bench/validate-errors.ts [N]` prints the time per N.
 *
 * @example
 * npx tsx bench/validate-errors.ts 40000   // 40000 errors: ~1 s on a laptop
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadModel } from '../shared/apps/load';

function errorFile(n: number): string {
  const lines = ['permsim: 1', 'users:'];
  for (let i = 0; i < n; i++) lines.push(`  u${i}: { groups: [g${i}] }`);
  return `${lines.join('\n')}\n`;
}

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter(n => n > 0);
for (const n of sizes.length ? sizes : [10_000, 20_000, 40_000]) {
  const text = errorFile(n);
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const r = loadModel(text, 'errors.yaml');
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  // On a shared machine the wall time mostly measures the other processes: CPU time too.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const errors = r.ok ? 0 : r.errors.length;
  console.log(
    `${n} undeclared groups: ${errors} errors in ${(ms / 1000).toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU (${(text.length / 1e6).toFixed(1)} MB; load average ${loadavg()[0]?.toFixed(2)})`,
  );
}
