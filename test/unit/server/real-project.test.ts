// The loopback server over the REAL handler map and a real SQLite project in a temp data dir
// (no mocks): the browser-mode front door as a user's browser meets it.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer } from '../../../main/server/server';
import type { RunningServer } from '../../../main/server/server';

type Reply = { status: number; body: string };

function post(
  port: number,
  name: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/${name}`,
        headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...headers },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

let dataDir: string;
let server: RunningServer | undefined;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'permsim-real-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

describe('startServer with the real handler map', () => {
  it('project:info needs the secret, our Host and our Origin (a real model file, served read-only)', async () => {
    const model = path.resolve('assets/demos/smart-factory.yaml');
    server = await startServer({ dataDir, rendererDir: dataDir, port: 0, projectPath: model });
    const { port, secret } = server;

    const good = await post(port, 'project:info', {}, { 'x-permsim-secret': secret });
    expect(good.status).toBe(200);
    const info = JSON.parse(good.body);
    expect(info).toMatchObject({
      ok: true,
      value: { path: model, modelName: 'Smart factory (ThingWorx Apps contexts)' },
    });

    const sameOrigin = await post(
      port,
      'project:info',
      {},
      { 'x-permsim-secret': secret, origin: `http://127.0.0.1:${port}` },
    );
    expect(JSON.parse(sameOrigin.body).ok).toBe(true);

    const noSecret = await post(port, 'project:info', {}, {});
    expect(noSecret.status).toBe(403);
    expect(noSecret.body).toContain('the per-start secret is missing');

    const wrongSecret = await post(
      port,
      'project:info',
      {},
      { 'x-permsim-secret': 'ab'.repeat(32) },
    );
    expect(wrongSecret.status).toBe(403);

    const wrongHost = await post(
      port,
      'project:info',
      {},
      { 'x-permsim-secret': secret, host: `attacker.example:${port}` },
    );
    expect(wrongHost.status).toBe(403);
    expect(wrongHost.body).toContain('Host "attacker.example');

    const wrongOrigin = await post(
      port,
      'project:info',
      {},
      { 'x-permsim-secret': secret, origin: 'http://attacker.example' },
    );
    expect(wrongOrigin.status).toBe(403);
    expect(wrongOrigin.body).toContain('Origin "http://attacker.example"');
  });

  it('first start creates and opens the demo project in the data dir', async () => {
    server = await startServer({ dataDir, rendererDir: dataDir });
    const info = JSON.parse(
      (await post(server.port, 'project:info', {}, { 'x-permsim-secret': server.secret })).body,
    );
    expect(info).toMatchObject({
      ok: true,
      value: { path: path.join(realpathSync(dataDir), 'demo.permsim') },
    });
    expect(info.value.counts.users).toBeGreaterThan(0);
  });

  it('asks the seed question through HTTP and gets the engine answer (403 for alice, a Thing-level deny)', async () => {
    server = await startServer({ dataDir, rendererDir: dataDir });
    const r = await post(
      server.port,
      'engine:ask',
      {
        request: {
          method: 'POST',
          path: '/Thingworx/Things/SensorDataStream/Services/GetDataStream',
          credentials: { type: 'basic', user: 'alice' },
        },
      },
      { 'x-permsim-secret': server.secret },
    );
    const result = JSON.parse(r.body);
    expect(result.ok).toBe(true);
    expect(result.value.status).toBe(403);
  });

  it('passes argument validation errors from dispatch through as data', async () => {
    server = await startServer({ dataDir, rendererDir: dataDir });
    const r = await post(
      server.port,
      'engine:ask',
      { request: { method: 'FETCH', path: '/Thingworx/Things', credentials: { type: 'none' } } },
      { 'x-permsim-secret': server.secret },
    );
    expect(r.status).toBe(200);
    const result = JSON.parse(r.body);
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid-argument');
    expect(result.error.message).toContain('request.method');
  });

  it('serve <garbage file>: starts, project:info says why, and the file stays byte-for-byte the same', async () => {
    const bad = path.join(dataDir, 'x.permsim');
    const bytes = Buffer.from(
      'this is not a sqlite database, just garbage bytes\u0000\u0001\u0002'.repeat(40),
    );
    await writeFile(bad, bytes);
    const before = createHash('sha256').update(bytes).digest('hex');
    server = await startServer({ dataDir, rendererDir: dataDir, projectPath: bad });
    const r = JSON.parse(
      (await post(server.port, 'project:info', {}, { 'x-permsim-secret': server.secret })).body,
    );
    expect(r.ok).toBe(false);
    expect(r.error.message).toContain('x.permsim');
    await server.close();
    server = undefined;
    expect(
      createHash('sha256')
        .update(await readFile(bad))
        .digest('hex'),
    ).toBe(before);
  });
});
