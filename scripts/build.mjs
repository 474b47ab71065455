#!/usr/bin/env node
// Builds everything `npm start` and the e2e tests need into out/:
//   out/renderer/         the renderer (vite, config renderer/vite.config.ts)
//   out/main/electron.cjs Electron main (package.json "main")
//   out/main/preload.cjs  the sandboxed preload
//   out/main/serve.cjs    browser mode (loopback server) for the fallback in scripts/start.mjs
//   out/main/backend-worker.cjs  the handler map, project and engine in a worker thread (all of the above)
//   out/main/cli.mjs      the `permsim` command and its chunks cli-*.mjs (bin/permsim.mjs loads it;
//                         `permsim serve` uses the worker)
// Usage: node scripts/build.mjs [--main-only | --renderer-only]
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'out');

/** `quiet`: errors only (the `permsim` command building on first use). */
export async function buildRenderer({ quiet = false } = {}) {
  const { build } = await import('vite');
  await build({
    root: path.join(root, 'renderer'),
    configFile: path.join(root, 'renderer/vite.config.ts'),
    logLevel: quiet ? 'error' : 'warn',
    build: { outDir: path.join(out, 'renderer'), emptyOutDir: true },
  });
}

const mainCommon = () => ({
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: false,
  // Native and Electron modules are resolved at run time from node_modules (better-sqlite3 13 ships
  // an N-API binary that loads in both Node and Electron, style.md §3.2).
  // playwright-core (PDF export) finds its own files relative to its package: bundled, it cannot.
  external: ['electron', 'better-sqlite3', 'playwright-core'],
  // Modules written for ESM check import.meta.url and fall back to __dirname in this CJS bundle.
  logOverride: { 'empty-import-meta': 'silent' },
  logLevel: 'warning',
  absWorkingDir: root,
});

/** Only the backend worker, to `outfile` (the worker-backend unit test builds its own). */
export async function buildBackendWorker(outfile) {
  await esbuild({ ...mainCommon(), entryPoints: ['main/host/backend-worker.ts'], outfile });
}

/**
 * Only the `permsim` command, into `outdir` (default out/main): the entry `cli.mjs` and its chunks
 * `cli-*.mjs`; bin/permsim.mjs imports the entry. ESM with code splitting, so a command loads only
 * its own code: `permsim --help` reads commander and the entry (about 140 KB), not the engine, the
 * store and zod. Returns the files written (names only).
 */
export async function buildCli(outdir = path.join(out, 'main')) {
  const r = await esbuild({
    ...mainCommon(),
    format: 'esm',
    splitting: true,
    entryPoints: { cli: 'main/cli/index.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    // Chunks sit next to the entry: code that finds assets from import.meta.url (two folders up
    // from out/main) finds them from every chunk.
    chunkNames: 'cli-[name]-[hash]',
    // Bundled CommonJS packages require Node's own modules; ESM has no `require` of its own.
    banner: {
      js: "import { createRequire as __permsimRequire } from 'node:module'; const require = __permsimRequire(import.meta.url);",
    },
    metafile: true,
  });
  return Object.keys(r.metafile.outputs).map(f => path.basename(f));
}

/** The main-process bundles; `step(name)` is called as each one is written. */
export async function buildMain(step = () => undefined) {
  const common = mainCommon();
  const done = name => p => p.then(() => step(name));
  await Promise.all([
    done('command')(
      buildCli().then(written => {
        // Chunks of earlier builds (their names carry another hash) are never loaded again.
        const dir = path.join(out, 'main');
        for (const f of readdirSync(dir))
          if (/^cli-.*\.mjs$/.test(f) && !written.includes(f)) rmSync(path.join(dir, f));
      }),
    ),
    done('Electron main')(
      esbuild({
        ...common,
        entryPoints: ['main/app/main.ts'],
        outfile: path.join(out, 'main/electron.cjs'),
      }),
    ),
    // The preload runs sandboxed: only `electron` may be required at run time, so everything else is bundled.
    done('preload')(
      esbuild({
        ...common,
        entryPoints: ['main/app/preload.ts'],
        outfile: path.join(out, 'main/preload.cjs'),
        external: ['electron'],
      }),
    ),
    done('browser mode')(
      esbuild({
        ...common,
        entryPoints: ['main/server/serve-main.ts'],
        outfile: path.join(out, 'main/serve.cjs'),
      }),
    ),
    done('engine worker')(buildBackendWorker(path.join(out, 'main/backend-worker.cjs'))),
  ]);
}

const MAIN_BUNDLES = 5;

/** A progress bar on stderr (cli-progress; it stays silent where stderr is not a terminal). */
async function progressBar(total) {
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { format: 'building [{bar}] {value}/{total} {step}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { step: '' });
  return {
    step: name => bar.increment({ step: name }),
    stop: () => bar.stop(),
  };
}

/** `progress`: a bar on stderr and only errors from the bundlers (the `permsim` command uses it). */
export async function buildAll({ renderer = true, main = true, progress = false } = {}) {
  const total = (renderer ? 1 : 0) + (main ? MAIN_BUNDLES : 0);
  const bar = progress
    ? await progressBar(total)
    : { step: () => undefined, stop: () => undefined };
  try {
    if (renderer) {
      await buildRenderer({ quiet: progress });
      bar.step('renderer');
    }
    if (main) await buildMain(bar.step);
  } finally {
    bar.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flags = new Set(process.argv.slice(2));
  const started = Date.now();
  buildAll({ renderer: !flags.has('--main-only'), main: !flags.has('--renderer-only') })
    .then(() => console.log(`build: out/ ready in ${((Date.now() - started) / 1000).toFixed(1)} s`))
    .catch(e => {
      console.error(`build failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    });
}
