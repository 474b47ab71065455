#!/usr/bin/env node
// Builds everything `npm start` and the e2e tests need into out/:
//   out/renderer/         the renderer (vite, config renderer/vite.config.ts)
//   out/main/electron.cjs Electron main (package.json "main")
//   out/main/preload.cjs  the sandboxed preload
//   out/main/serve.cjs    browser mode (loopback server) for the fallback in scripts/start.mjs
//   out/main/backend-worker.cjs  the handler map, project and engine in a worker thread (both of the above)
// Usage: node scripts/build.mjs [--main-only | --renderer-only]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'out');

export async function buildRenderer() {
  const { build } = await import('vite');
  await build({
    root: path.join(root, 'renderer'),
    configFile: path.join(root, 'renderer/vite.config.ts'),
    logLevel: 'warn',
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
  await esbuild({ ...mainCommon(), entryPoints: ['main/server/backend-worker.ts'], outfile });
}

export async function buildMain() {
  const common = mainCommon();
  await Promise.all([
    esbuild({
      ...common,
      entryPoints: ['main/app/main.ts'],
      outfile: path.join(out, 'main/electron.cjs'),
    }),
    // The preload runs sandboxed: only `electron` may be required at run time, so everything else is bundled.
    esbuild({
      ...common,
      entryPoints: ['main/app/preload.ts'],
      outfile: path.join(out, 'main/preload.cjs'),
      external: ['electron'],
    }),
    esbuild({
      ...common,
      entryPoints: ['main/server/serve-main.ts'],
      outfile: path.join(out, 'main/serve.cjs'),
    }),
    buildBackendWorker(path.join(out, 'main/backend-worker.cjs')),
  ]);
}

export async function buildAll({ renderer = true, main = true } = {}) {
  if (renderer) await buildRenderer();
  if (main) await buildMain();
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
