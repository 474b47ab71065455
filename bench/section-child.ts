/**
 * One section of `npm run bench` at one size, in its own process (bench/run.ts spawns it), so the peak
 * resident set and the CPU time it reports are that section's alone. Writes one `SectionRun` as JSON to
 * OUT; progress goes to stderr. Exit code 0 = ok, 1 = its correctness gate failed, 2 = crash.
 *
 * @example
 * node --expose-gc --import tsx bench/section-child.ts matrix L 42 /tmp/matrix-L.json
 * node --expose-gc --import tsx bench/section-child.ts whatif-set M 42 /tmp/set-M.json --quick
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { MODEL_SIZES } from './params';
import type { ModelSize } from './params';
import { SECTION_NAMES, runSection } from './sections';
import type { SectionName, SectionRun } from './sections';

async function main(argv: readonly string[]): Promise<number> {
  const [section, size, seedText, out] = argv;
  const seed = Number(seedText);
  if (
    !(SECTION_NAMES as readonly string[]).includes(section ?? '') ||
    !(MODEL_SIZES as readonly string[]).includes(size ?? '') ||
    !Number.isSafeInteger(seed) ||
    !out
  ) {
    process.stderr.write(
      `usage: section-child.ts SECTION SIZE SEED OUT [--quick]; SECTION is one of ${SECTION_NAMES.join(', ')}, SIZE S, M or L\n`,
    );
    return 2;
  }
  const load0 = loadavg()[0] ?? Number.NaN;
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  const outcome = await runSection(
    section as SectionName,
    size as ModelSize,
    { seed, quick: argv.includes('--quick') },
    s => process.stderr.write(s),
  );
  const cpu = process.cpuUsage(cpu0);
  const run: SectionRun = {
    section: section as SectionName,
    size: size as ModelSize,
    ...outcome,
    wallMs: performance.now() - wall0,
    cpuMs: (cpu.user + cpu.system) / 1e3,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    loadAverage: { start: load0, end: loadavg()[0] ?? Number.NaN },
  };
  writeFileSync(out, JSON.stringify(run));
  return run.status === 'ok' ? 0 : run.status === 'disagree' ? 1 : 2;
}

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(
      `section failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exitCode = 2;
  },
);
