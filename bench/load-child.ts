/**
 * The measured half of the model-file benchmark (bench/load.ts): in its own process, reads one
 * model file (as `permsim validate FILE` does) and loads it, then prints one JSON line: wall and CPU
 * time from the read to the loaded model, the parse step's share, peak resident memory, and a
 * digest of what was loaded.
 *
 * @example
 * node --import tsx bench/load-child.ts /tmp/model-L.yaml
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadModel } from '../shared/apps/load';
import { parseModelText } from '../shared/model/parse';

const file = process.argv[2];
if (!file) throw new Error('usage: load-child.ts FILE');
const started = performance.now();
const cpuStart = process.cpuUsage();
const text = readFileSync(file, 'utf8');
const r = loadModel(text, basename(file));
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
// On a shared machine the wall time mostly measures the other processes; the CPU time of this
// single-threaded load is what it takes on an idle core.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
if (!r.ok) {
  process.stderr.write(`${JSON.stringify(r.errors.slice(0, 5))}\n`);
  process.exit(1);
}
// The parse step alone, after the measured load (so it cannot change the peak memory above).
const p0 = performance.now();
parseModelText(text, basename(file));
const parseSeconds = (performance.now() - p0) / 1000;
let runtime = 0;
for (const t of Object.values(r.model.things)) runtime += t.permissions.runtime.length;
process.stdout.write(
  `${JSON.stringify({
    megabytes: Buffer.byteLength(text) / 1e6,
    seconds,
    cpuSeconds,
    parseSeconds,
    peakRssMiB,
    digest: {
      users: Object.keys(r.model.users).length,
      groups: Object.keys(r.model.groups).length,
      things: Object.keys(r.model.things).length,
      thingRuntimeEntries: runtime,
    },
  })}\n`,
);
