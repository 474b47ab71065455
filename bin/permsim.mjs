#!/usr/bin/env node
// The `permsim` command. It runs the bundled CLI (out/main/cli.mjs and its chunks, built by
// scripts/build.mjs), so a command loads only its own code instead of compiling TypeScript.
// - Node: PermSim needs Node >= 22.12 (better-sqlite3 13, package.json "engines"). Under an older
//   `node` this re-executes itself with the Node 24 that the project pins in node_modules/.bin.
// - First use: when the bundle is missing or older than its sources (main/, shared/, the
//   lockfile), it is rebuilt first, saying so on stderr; `permsim serve` also needs the renderer
//   and the engine host's worker, so it builds those when they are missing or stale. That is how
//   the command works right after `npm ci` and never runs code older than the tree.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { staleReason } from '../scripts/freshness.mjs';

const self = fileURLToPath(import.meta.url);
const root = join(dirname(self), '..');
const [major, minor] = process.versions.node.split('.').map(Number);

if (major < 22 || (major === 22 && minor < 12)) {
  const pinned = join(
    root,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'node.cmd' : 'node',
  );
  if (process.env.PERMSIM_REEXEC === '1' || !existsSync(pinned)) {
    process.stderr.write(
      `permsim needs Node 22.12 or newer (this is Node ${process.versions.node}); run "npm ci" in ${root} to install the pinned runtime.\n`,
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

const args = process.argv.slice(2);
const deps = ['package.json', 'package-lock.json'];
const cli = { outputs: ['out/main/cli.mjs'], sources: ['main', 'shared', ...deps] };
// What `serve` starts besides the command: the renderer and the worker that hosts the engine.
const app = {
  outputs: ['out/main/cli.mjs', 'out/main/backend-worker.cjs', 'out/renderer/index.html'],
  sources: ['main', 'shared', 'renderer', ...deps],
};

async function build(what, reason) {
  const started = Date.now();
  const label = what === 'app' ? 'the app (renderer, worker and command)' : 'the command';
  process.stderr.write(`permsim: building ${label} first, because ${reason}...\n`);
  let scripts;
  try {
    scripts = await import('../scripts/build.mjs');
  } catch (e) {
    process.stderr.write(
      `permsim: cannot build (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); run "npm ci" in ${root} (with the dev dependencies).\n`,
    );
    process.exit(2);
  }
  try {
    if (what === 'app') await scripts.buildAll({ progress: true });
    else {
      // Written aside and renamed, the entry last, so a second permsim started meanwhile never
      // loads half a file; chunk names carry a hash of their content, so a rename never replaces
      // a chunk with different code. Chunks of older builds are removed.
      const dir = join(root, 'out', 'main');
      const tmp = join(dir, `.cli-${process.pid}.tmp`);
      const written = await scripts.buildCli(tmp);
      for (const f of written.filter(f => f !== 'cli.mjs')) renameSync(join(tmp, f), join(dir, f));
      renameSync(join(tmp, 'cli.mjs'), join(dir, 'cli.mjs'));
      rmSync(tmp, { recursive: true, force: true });
      for (const f of readdirSync(dir))
        if (/^cli-.*\.mjs$/.test(f) && !written.includes(f)) rmSync(join(dir, f), { force: true });
    }
  } catch (e) {
    process.stderr.write(
      `permsim: the build failed: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    process.exit(2);
  }
  process.stderr.write(`permsim: built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

// The first word that is not an option is the command (commander parses the rest).
const command = args.find(a => !a.startsWith('-'));
if (command === 'serve') {
  const why = staleReason(root, app.outputs, app.sources);
  if (why) await build('app', why);
} else {
  const why = staleReason(root, cli.outputs, cli.sources);
  if (why) await build('cli', why);
}

// V8 keeps the compiled modules on disk (Node's compile cache, in the OS temp folder), so later
// calls skip parsing them.
module.enableCompileCache?.();
const { main } = await import(pathToFileURL(join(root, 'out', 'main', 'cli.mjs')).href);
process.exitCode = await main(args, undefined, root);
