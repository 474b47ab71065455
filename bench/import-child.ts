/**
 * The measured half of the import benchmark (bench/import.ts): in its own process, reads the tree
 * (as `permsim import DIR` does) and imports it, then prints one JSON line: wall time from the
 * first file read to the compiled model, peak resident memory, and a digest of what was imported.
 *
 * @example
 * node --import tsx bench/import-child.ts /tmp/tree
 */
import { collectImportFiles } from '../main/api/import-files';
import { importSources } from '../shared/import';

const dir = process.argv[2];
if (!dir) throw new Error('usage: import-child.ts DIR');
const started = performance.now();
const cpuStart = process.cpuUsage();
const files = collectImportFiles([dir]);
if (!files.ok) throw new Error(files.error.message);
const r = importSources(files.value.sources, { onConflict: 'fail' });
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
// On a shared machine the wall time mostly measures the other processes; the CPU time of this
// single-threaded import is what it takes on an idle core.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
if (!r.ok) {
  process.stderr.write(`${JSON.stringify(r.report.refusals.slice(0, 5))}\n`);
  process.exit(1);
}
const digest = { things: 0, runtime: 0, designtime: 0, visibility: 0 };
for (const t of Object.values(r.model.things)) {
  if (t.builtin) continue;
  digest.things += 1;
  digest.runtime += t.permissions.runtime.length;
  digest.designtime += t.permissions.designtime.length;
  digest.visibility += t.permissions.visibility.length;
}
for (const t of Object.values(r.model.templates)) {
  if (t.builtin) continue;
  for (const s of [t.permissions, t.instance]) {
    digest.runtime += s.runtime.length;
    digest.designtime += s.designtime.length;
    digest.visibility += s.visibility.length;
  }
}
for (const s of Object.values(r.model.shapes)) digest.runtime += s.instance.runtime.length;
const bytes = files.value.sources.reduce((n, s) => n + s.bytes.length, 0);
process.stdout.write(
  `${JSON.stringify({
    files: files.value.sources.length,
    megabytes: bytes / 1e6,
    seconds,
    cpuSeconds,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    digest,
  })}\n`,
);
