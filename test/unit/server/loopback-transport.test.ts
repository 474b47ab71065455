import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoopbackTransport } from '../../../renderer/src/api/transport.loopback';
import { takeSecretFromUrl } from '../../../renderer/src/api/secret-from-url';
import { createEventHub } from '../../../main/host/backend';
import { startServer } from '../../../main/server/server';
import type { RunningServer } from '../../../main/server/server';
import { err, ok } from '../../../shared/contract';
import type { ProjectInfo } from '../../../shared/contract';

const info: ProjectInfo = {
  path: '/p.permsim',
  modelName: 'demo',
  counts: { users: 2 },
  canUndo: true,
  canRedo: false,
  revision: 1,
};
let server: RunningServer;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'permsim-transport-'));
  const hub = createEventHub();
  server = await startServer({
    dataDir: dir,
    rendererDir: dir,
    backend: {
      subscribe: hub.subscribe,
      close: async () => {},
      dispatch: async (name, args) =>
        name === 'project:info'
          ? ok(info)
          : err('invalid-argument', `${name}: got ${JSON.stringify(args)}`),
    },
  });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('loopback transport against the real server', () => {
  it('returns the handler Result unchanged', async () => {
    const api = createLoopbackTransport({
      baseUrl: `http://127.0.0.1:${server.port}`,
      secret: server.secret,
    });
    expect(await api.call('project:info', {})).toEqual({ ok: true, value: info });
    expect(await api.call('project:open', { path: '/x' })).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'project:open: got {"path":"/x"}' },
    });
  });

  it('turns a 403 refusal into a transport error with the server words, never a throw', async () => {
    const api = createLoopbackTransport({
      baseUrl: `http://127.0.0.1:${server.port}`,
      secret: 'f'.repeat(64),
    });
    const r = await api.call('project:info', {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('transport');
      expect(r.error.message).toBe(
        'project:info: the server answered 403: PermSim refused this request: the per-start secret is wrong (send the cookie set by the page or the x-permsim-secret header).',
      );
    }
  });

  it('reports an unreachable server as data', async () => {
    const api = createLoopbackTransport({ baseUrl: 'http://127.0.0.1:1', secret: server.secret });
    const r = await api.call('project:info', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('the PermSim server is not reachable');
  });
});

describe('takeSecretFromUrl', () => {
  it('reads the secret once and strips it from the address bar, keeping other parameters', () => {
    const replaced: string[] = [];
    const secret = takeSecretFromUrl(
      { href: 'http://127.0.0.1:5000/?secret=abc&view=ask#x' },
      {
        state: null,
        replaceState: (_s: unknown, _t: string, url?: string | URL | null) =>
          void replaced.push(String(url)),
      },
    );
    expect(secret).toBe('abc');
    expect(replaced).toEqual(['/?view=ask#x']);
  });
  it('leaves a URL without a secret alone', () => {
    const replaced: string[] = [];
    expect(
      takeSecretFromUrl(
        { href: 'http://127.0.0.1:5000/' },
        { state: null, replaceState: () => void replaced.push('x') },
      ),
    ).toBeUndefined();
    expect(replaced).toEqual([]);
  });
});
