// Makes sure the bundles the fixtures use (out/renderer, and out/main/backend-worker.cjs that runs
// the backend) exist and are not older than their sources, so `npx playwright test` alone never
// tests a stale UI or engine. `npm test` has built them already.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

async function ensureWorker(): Promise<void> {
  const worker = path.join(root, 'out/main/backend-worker.cjs');
  const sources = Math.max(
    newestMtime(path.join(root, 'main')),
    newestMtime(path.join(root, 'shared')),
  );
  if (existsSync(worker) && statSync(worker).mtimeMs >= sources) return;
  console.log(
    '[playwright] building out/main (the backend worker is missing or older than main/ or shared/)',
  );
  const { buildMain } = (await import(path.join(root, 'scripts/build.mjs'))) as {
    buildMain(): Promise<void>;
  };
  await buildMain();
}

export default async function globalSetup(): Promise<void> {
  await ensureWorker();
  const built = path.join(root, 'out/renderer/index.html');
  const sources = Math.max(
    newestMtime(path.join(root, 'renderer/src')),
    statSync(path.join(root, 'renderer/index.html')).mtimeMs,
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log(
    '[playwright] building the renderer (out/renderer is missing or older than renderer/)',
  );
  // The test runner may export NODE_ENV=development; vite would then bundle React's dev build
  // (StrictMode double effects), which is not the app users get.
  const saved = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(root, 'renderer/vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
    });
  } finally {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  }
}
