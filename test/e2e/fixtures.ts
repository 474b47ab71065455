/**
 * e2e fixtures (style.md §2 practice 14, after Actual's): per test a fresh data dir, the REAL
 * loopback server (`startServer` from main/server) with the real handler map, engine and SQLite
 * project in the real backend worker thread, a page opened at its URL (with the per-start secret), and teardown afterwards. Nothing is
 * mocked: the first start turns assets/demos/sensor-datastream.yaml into the default project.
 *
 * @example
 * test('asks', async ({ app }) => {
 *   await app.ask.askAs('alice', 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream');
 *   await expect(app.ask.status).toContainText('403');
 * });
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import { startServer } from '../../main/server';
import { AppPage } from './page-models/app-page';

const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const rendererDir = path.join(repoRoot, 'out/renderer');
/** The bundled backend worker (scripts/build.mjs; global-setup rebuilds it when stale). */
export const workerFile = path.join(repoRoot, 'out/main/backend-worker.cjs');

export type ServerHandle = {
  /** The URL to open, with `?secret=`; it changes on every (re)start. */
  url: string;
  dataDir: string;
  /** Stops the server and starts a new one on the same data dir (a restart of the app). */
  restart(): Promise<string>;
};

type Options = {
  /** Open this project file instead of the data dir's default project (`permsim serve <file>`). */
  serveProject: string | undefined;
};

type Fixtures = {
  dataDir: string;
  server: ServerHandle;
  app: AppPage;
};

export const test = base.extend<Options & Fixtures>({
  serveProject: [undefined, { option: true }],
  dataDir: async ({}, use, testInfo) => {
    const dir = await mkdtemp(
      path.join(os.tmpdir(), `permsim-e2e-${testInfo.testId.slice(0, 12)}-`),
    );
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  server: async ({ dataDir, serveProject }, use) => {
    // The backend runs in its worker thread, as in the desktop app and `npm start` (worker-backend.ts).
    const start = () =>
      startServer({
        dataDir,
        rendererDir,
        host: '127.0.0.1',
        workerFile,
        ...(serveProject === undefined ? {} : { projectPath: serveProject }),
      });
    let running = await start();
    const handle: ServerHandle = {
      url: running.url,
      dataDir,
      async restart() {
        await running.close();
        running = await start();
        handle.url = running.url;
        return running.url;
      },
    };
    await use(handle);
    await running.close();
  },
  app: async ({ page, server }, use) => {
    const errors: string[] = [];
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(server.url);
    const app = new AppPage(page);
    await app.waitUntilLoaded();
    await use(app);
    // An uncaught exception in the renderer is a bug even when the visible flow looked right.
    expect(errors, 'uncaught errors in the renderer').toEqual([]);
  },
});

export { expect };
