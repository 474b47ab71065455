/**
 * The backend in a worker thread (main/host/worker-backend.ts, architecture.md §1 "engine host"):
 * the real bundle (built here with the same esbuild options as scripts/build.mjs) answers the
 * contract over a real SQLite project and pushes events; a worker that dies answers its pending
 * calls as data and the next call gets a fresh worker; a worker that cannot start fails loudly.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectInfo } from '../../../shared/contract';
import { createWorkerBackend } from '../../../main/host/worker-backend';

const ROOT = resolve(__dirname, '..', '..', '..');
let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-worker-'));
  // Inside the repo: the bundle resolves better-sqlite3 and playwright-core from its node_modules.
  bundle = join(ROOT, 'out', 'test', `backend-worker-${process.pid}.cjs`);
  const { buildBackendWorker } = (await import(join(ROOT, 'scripts/build.mjs'))) as {
    buildBackendWorker(outfile: string): Promise<void>;
  };
  await buildBackendWorker(bundle);
}, 60_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(bundle, { force: true });
});

describe('createWorkerBackend', () => {
  it('answers the contract from the worker over a real project, pushes events, and keeps the edit after a restart', async () => {
    const dataDir = join(dir, 'data');
    const backend = await createWorkerBackend({ workerFile: bundle, dataDir });
    const events: string[] = [];
    backend.subscribe((event, payload) =>
      events.push(`${event} rev ${(payload as ProjectInfo).revision}`),
    );
    const info = await backend.dispatch('project:info', {});
    expect(info.ok && (info.value as ProjectInfo).modelName).toBe(
      'Sensor data stream after a role change',
    );
    const ask = await backend.dispatch('engine:ask', {
      request: {
        method: 'POST',
        path: '/Thingworx/Things/SensorDataStream/Services/GetDataStream',
        credentials: { type: 'basic', user: 'alice' },
      },
    });
    // §12.1: the Thing-level Deny for DataAnalysts decides (§2.8).
    expect(ask.ok && (ask.value as { status: number }).status).toBe(403);
    const edit = await backend.dispatch('model:edit', { edit: { type: 'add-user', name: 'erin' } });
    expect(edit.ok).toBe(true);
    expect(events).toEqual(['project:changed rev 1']);
    const bad = await backend.dispatch('engine:ask', { request: { method: 'GET' } });
    expect(!bad.ok && bad.error.code).toBe('invalid-argument');
    await backend.close();
    const again = await createWorkerBackend({ workerFile: bundle, dataDir });
    const users = await again.dispatch('model:outline', {});
    expect(JSON.stringify(users.ok && users.value)).toContain('erin');
    await again.close();
  }, 60_000);

  it('a worker that dies answers its pending call as data; the next call starts a new one', async () => {
    const stub = join(dir, 'stub-worker.cjs');
    writeFileSync(
      stub,
      `const { parentPort } = require('node:worker_threads');
       parentPort.postMessage({ type: 'ready' });
       parentPort.on('message', m => {
         if (m.type === 'close') return parentPort.postMessage({ type: 'closed', id: m.id });
         if (m.name === 'crash') process.exit(3);
         parentPort.postMessage({ type: 'result', id: m.id, result: { ok: true, value: m.name } });
       });`,
    );
    const backend = await createWorkerBackend({
      workerFile: stub,
      dataDir: join(dir, 'stub-data'),
    });
    expect(await backend.dispatch('first', {})).toEqual({ ok: true, value: 'first' });
    const crashed = await backend.dispatch('crash', {});
    expect(!crashed.ok && crashed.error.code).toBe('internal');
    expect(!crashed.ok && crashed.error.message).toContain('the engine stopped (exit code 3)');
    expect(await backend.dispatch('after', {})).toEqual({ ok: true, value: 'after' });
    await backend.close();
  });

  it('a worker file that cannot start fails at creation with the reason', async () => {
    const broken = join(dir, 'broken-worker.cjs');
    writeFileSync(broken, `throw new Error('no engine here');`);
    await expect(
      createWorkerBackend({ workerFile: broken, dataDir: join(dir, 'broken-data') }),
    ).rejects.toThrow('no engine here');
  });
});
