#!/usr/bin/env node
// The `permsim` command. PermSim needs Node >= 22 (better-sqlite3 13); the project pins Node 24 in
// node_modules/.bin, so under an older `node` this re-executes itself with the pinned runtime.
// Then it registers tsx and runs the TypeScript CLI in main/cli/index.ts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const self = fileURLToPath(import.meta.url);
const root = join(dirname(self), '..');
const major = Number(process.versions.node.split('.')[0]);

if (major < 22) {
  const pinned = join(
    root,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'node.cmd' : 'node',
  );
  if (process.env.PERMSIM_REEXEC === '1' || !existsSync(pinned)) {
    process.stderr.write(
      `permsim needs Node 22 or newer (this is Node ${process.versions.node}); run "npm ci" in ${root} to install the pinned runtime.\n`,
    );
    process.exit(2);
  }
  const r = spawnSync(pinned, [self, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, PERMSIM_REEXEC: '1' },
    shell: process.platform === 'win32',
  });
  if (r.error) {
    process.stderr.write(`permsim: could not start ${pinned}: ${r.error.message}\n`);
    process.exit(2);
  }
  if (r.signal) process.kill(process.pid, r.signal);
  process.exit(r.status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
const { main } = await import(pathToFileURL(join(root, 'main', 'cli', 'index.ts')).href);
process.exitCode = await main(process.argv.slice(2));
