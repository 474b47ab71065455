/**
 * Import benchmark (`npm run bench -- --import`): writes a ThingWorx source-control tree of 30,000
 * Things (one XML file per entity, plus the permissions file) from the size-L generated model, then
 * imports it in a child process (so its peak memory is the importer's alone) and reports the wall
 * time and the peak resident memory. Goal: under 10 s on 2 cores and under 1 GB.
 *
 * The gate: the child's digest (Things, run-time, design-time and visibility entries) must equal
 * the written model's, or the run has no valid timing.
 *
 * The tree is written by the product's exporter (shared/export: `writeEntitiesXml` per entity,
 * `writeCollectionsXml` for the permissions file), so XML is written in one place.
 *
 * @example
 * npm run bench -- --import
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Model, PermissionSet } from '../shared/model/types';
import type { EntitySelection } from '../shared/export';
import { allPermissionBearing, writeCollectionsXml, writeEntitiesXml } from '../shared/export';
import { generateModel } from './generator';

export const IMPORT_THINGS = 30_000;

/** Folder of each kind of entity in the tree (one file per entity, as ThingWorx writes it). */
const FOLDERS: [keyof EntitySelection, string][] = [
  ['users', 'Users'],
  ['groups', 'Groups'],
  ['organizations', 'Organizations'],
  ['shapes', 'ThingShapes'],
  ['templates', 'ThingTemplates'],
  ['things', 'Things'],
  ['others', 'Other'],
  ['appKeys', 'ApplicationKeys'],
];

export type TreeDigest = {
  things: number;
  runtime: number;
  designtime: number;
  visibility: number;
};

/** Writes the tree; returns what the importer must read back. */
export function writeSourceControlTree(model: Model, dir: string, things: number): TreeDigest {
  const sel = allPermissionBearing(model);
  sel.things = (sel.things ?? []).slice(0, things);
  for (const [key, folder] of FOLDERS) {
    const names = sel[key] ?? [];
    if (names.length) mkdirSync(join(dir, folder), { recursive: true });
    for (const name of names)
      writeFileSync(
        join(dir, folder, `${encodeURIComponent(name)}.xml`),
        writeEntitiesXml(model, { [key]: [name] }),
      );
  }
  // Collection-level blocks go to the permissions file; they are not in the digest, because the
  // imported model adds the factory default (Everyone sees every collection) that the generator
  // switched off.
  mkdirSync(join(dir, 'Permissions'), { recursive: true });
  writeFileSync(join(dir, 'Permissions', 'Permissions.xml'), writeCollectionsXml(model));

  const digest: TreeDigest = { things: 0, runtime: 0, designtime: 0, visibility: 0 };
  const count = (s: PermissionSet) => {
    digest.runtime += s.runtime.length;
    digest.designtime += s.designtime.length;
    digest.visibility += s.visibility.length;
  };
  for (const s of sel.shapes ?? []) {
    const shape = model.shapes[s];
    if (shape) count({ runtime: shape.instance.runtime, designtime: [], visibility: [] });
  }
  for (const t of sel.templates ?? []) {
    const template = model.templates[t];
    if (template) {
      count(template.permissions);
      count(template.instance);
    }
  }
  for (const t of sel.things) {
    const thing = model.things[t];
    if (!thing) continue;
    digest.things += 1;
    count(thing.permissions);
  }
  return digest;
}

export type ImportBench = {
  things: number;
  files: number;
  megabytes: number;
  seconds: number;
  /** CPU time of the import process (user + system): the time on an idle core. */
  cpuSeconds: number;
  peakRssMiB: number;
  agree: boolean;
  digest: TreeDigest;
};

/** Generates, writes, imports in a child process, checks the digest. */
export function benchImport(seed: number, log: (s: string) => void): ImportBench {
  log(`generating the size-L model (seed ${seed})...\n`);
  const model = generateModel('L', seed);
  const dir = mkdtempSync(join(tmpdir(), 'permsim-import-bench-'));
  try {
    log(`writing ${IMPORT_THINGS} Things as a source-control tree in ${dir}...\n`);
    const expected = writeSourceControlTree(model, dir, IMPORT_THINGS);
    log('importing (child process)...\n');
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./import-child.ts', import.meta.url)), dir],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
    );
    if (child.status !== 0) throw new Error(`the import child failed (exit ${child.status})`);
    const got = JSON.parse(child.stdout) as Omit<ImportBench, 'agree' | 'things'> & {
      digest: TreeDigest;
    };
    const agree = JSON.stringify(got.digest) === JSON.stringify(expected);
    if (!agree)
      log(
        `digest differs: wrote ${JSON.stringify(expected)}, imported ${JSON.stringify(got.digest)}\n`,
      );
    return { ...got, things: expected.things, agree, digest: expected };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function renderImport(b: ImportBench): string {
  return [
    '### Import of a source-control tree (size-L model, 30,000 Things)',
    '',
    '| Things | files | MB | import wall (s) | import CPU (s) | peak RSS (MiB) | digest agrees |',
    '| -----: | ----: | -: | --------------: | -------------: | -------------: | :-----------: |',
    `| ${b.things} | ${b.files} | ${b.megabytes.toFixed(1)} | ${b.seconds.toFixed(2)} | ${b.cpuSeconds.toFixed(2)} | ${b.peakRssMiB.toFixed(0)} | ${b.agree ? 'yes' : 'NO'} |`,
    '',
    'Goal (issue 14 item 11): under 10 s on 2 cores, under 1 GB.',
  ].join('\n');
}
