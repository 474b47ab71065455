import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventHub } from '../../../main/host/backend';
import type { Backend } from '../../../main/host/backend';
import { startServer } from '../../../main/server/server';
import type { RunningServer } from '../../../main/server/server';
import { err, ok } from '../../../shared/contract';
import type { ProjectInfo } from '../../../shared/contract';

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

function request(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { host: `127.0.0.1:${port}`, ...opts.headers },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const info: ProjectInfo = {
  path: '/tmp/p.permsim',
  modelName: 'demo',
  counts: {},
  canUndo: false,
  canRedo: false,
  revision: 3,
};

function fakeBackend(): Backend & {
  emit: ReturnType<typeof createEventHub>['emit'];
  calls: [string, unknown][];
  closed: boolean;
} {
  const hub = createEventHub();
  const calls: [string, unknown][] = [];
  const backend = {
    calls,
    closed: false,
    emit: hub.emit,
    subscribe: hub.subscribe,
    async dispatch(name: string, args: unknown) {
      calls.push([name, args]);
      if (name === 'project:info') return ok(info);
      if (name === 'engine:explode') throw new Error('boom');
      return err('unknown-call', `Unknown API call "${name}".`);
    },
    async close() {
      backend.closed = true;
    },
  };
  return backend;
}

let dir: string;
let rendererDir: string;
let server: RunningServer;
let backend: ReturnType<typeof fakeBackend>;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'permsim-server-'));
  rendererDir = path.join(dir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>PermSim</title>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'outside.txt'), 'do not serve me');
  await symlink(path.join(dir, 'outside.txt'), path.join(rendererDir, 'link.txt'));
  backend = fakeBackend();
  server = await startServer({ dataDir: dir, rendererDir, backend, port: 0 });
});

afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const withSecret = (s: RunningServer) => ({ 'x-permsim-secret': s.secret });
const json = { 'content-type': 'application/json' };

describe('startServer: the URL and the page load', () => {
  it('prints a loopback URL carrying a 32-byte secret', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?secret=[0-9a-f]{64}$/);
    expect(server.url).toContain(server.secret);
  });

  it('serves the page for the printed URL with a CSP and sets an HttpOnly SameSite=Strict cookie', async () => {
    const r = await request(server.port, { path: `/?secret=${server.secret}` });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    const cookie = r.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toBe(
      `permsim_secret_${server.port}=${server.secret}; HttpOnly; SameSite=Strict; Path=/`,
    );
    const asset = await request(server.port, {
      path: '/assets/app.js',
      headers: { cookie: cookie.split(';')[0] ?? '' },
    });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.body).toBe('console.log(1)');
  });

  it('refuses the page without the secret or with a wrong one, in plain words', async () => {
    const none = await request(server.port, { path: '/' });
    expect(none.status).toBe(403);
    expect(none.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(none.body).toContain('the per-start secret is missing');
    const wrong = await request(server.port, { path: `/?secret=${'0'.repeat(64)}` });
    expect(wrong.status).toBe(403);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('refuses traversal, symlinks out of the build, and non-GET methods on files', async () => {
    expect(
      (await request(server.port, { path: '/../outside.txt', headers: withSecret(server) })).status,
    ).toBe(404);
    expect(
      (await request(server.port, { path: '/%2e%2e/outside.txt', headers: withSecret(server) }))
        .status,
    ).toBe(404);
    const link = await request(server.port, { path: '/link.txt', headers: withSecret(server) });
    expect(link.status).toBe(404);
    expect(link.body).not.toContain('do not serve me');
    const post = await request(server.port, {
      method: 'POST',
      path: '/index.html',
      headers: withSecret(server),
    });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    const head = await request(server.port, {
      method: 'HEAD',
      path: '/index.html',
      headers: withSecret(server),
    });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('startServer: Host and Origin', () => {
  it('refuses a foreign Host (DNS rebinding) even with the secret', async () => {
    const r = await request(server.port, {
      path: '/',
      headers: { ...withSecret(server), host: `evil.example:${server.port}` },
    });
    expect(r.status).toBe(403);
    expect(r.body).toContain(
      `Host "evil.example:${server.port}" is not 127.0.0.1:${server.port} or localhost:${server.port}`,
    );
  });

  it('accepts localhost:<port> as Host', async () => {
    const r = await request(server.port, {
      path: '/',
      headers: { ...withSecret(server), host: `localhost:${server.port}` },
    });
    expect(r.status).toBe(200);
  });

  it('refuses a cross-origin API call even with the secret', async () => {
    const r = await request(server.port, {
      method: 'POST',
      path: '/api/project:info',
      headers: { ...withSecret(server), ...json, origin: 'http://evil.example' },
      body: '{}',
    });
    expect(r.status).toBe(403);
    expect(r.body).toContain('Origin "http://evil.example" is not this server\'s origin');
    expect(backend.calls).toEqual([]);
  });
});

describe('startServer: POST /api/<name>', () => {
  it('dispatches with the header secret or the cookie and returns the Result as JSON', async () => {
    const r = await request(server.port, {
      method: 'POST',
      path: '/api/project:info',
      headers: { ...withSecret(server), ...json, origin: `http://127.0.0.1:${server.port}` },
      body: '{}',
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: info });
    const viaCookie = await request(server.port, {
      method: 'POST',
      path: '/api/model:thing',
      headers: { cookie: `permsim_secret_${server.port}=${server.secret}`, ...json },
      body: '{"a":1}',
    });
    expect(JSON.parse(viaCookie.body)).toEqual({
      ok: false,
      error: { code: 'unknown-call', message: 'Unknown API call "model:thing".' },
    });
    expect(backend.calls).toEqual([
      ['project:info', {}],
      ['model:thing', { a: 1 }],
    ]);
  });

  it('refuses API calls without the secret, and never takes it from the query string', async () => {
    const none = await request(server.port, {
      method: 'POST',
      path: '/api/project:info',
      headers: json,
      body: '{}',
    });
    expect(none.status).toBe(403);
    const query = await request(server.port, {
      method: 'POST',
      path: `/api/project:info?secret=${server.secret}`,
      headers: json,
      body: '{}',
    });
    expect(query.status).toBe(403);
    const otherPortCookie = await request(server.port, {
      method: 'POST',
      path: '/api/project:info',
      headers: { cookie: `permsim_secret_1=${server.secret}`, ...json },
      body: '{}',
    });
    expect(otherPortCookie.status).toBe(403);
    expect(backend.calls).toEqual([]);
  });

  it('answers bad requests with a Result error as data', async () => {
    const h = { ...withSecret(server), ...json };
    const get = await request(server.port, {
      path: '/api/project:info',
      headers: withSecret(server),
    });
    expect(get.status).toBe(405);
    expect(JSON.parse(get.body).error.message).toBe('project:info: use POST (got GET).');
    const form = await request(server.port, {
      method: 'POST',
      path: '/api/project:info',
      headers: { ...withSecret(server), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
    const broken = await request(server.port, {
      method: 'POST',
      path: '/api/project:info',
      headers: h,
      body: '{"a":',
    });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toEqual({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: 'project:info: the request body is not valid JSON.',
      },
    });
    const badName = await request(server.port, {
      method: 'POST',
      path: '/api/nonsense',
      headers: h,
      body: '{}',
    });
    expect(badName.status).toBe(404);
    expect(JSON.parse(badName.body).ok).toBe(false);
    const thrown = await request(server.port, {
      method: 'POST',
      path: '/api/engine:explode',
      headers: h,
      body: '{}',
    });
    expect(JSON.parse(thrown.body)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'engine:explode: boom' },
    });
  });

  it('refuses bodies over the limit with 413', async () => {
    await server.close();
    server = await startServer({ dataDir: dir, rendererDir, backend, maxBodyBytes: 100 });
    const r = await request(server.port, {
      method: 'POST',
      path: '/api/project:info',
      headers: { ...withSecret(server), ...json },
      body: JSON.stringify({ text: 'x'.repeat(200) }),
    });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe('too-large');
  });

  it('takes an import larger than other calls, and names the CLI past its own limit', async () => {
    await server.close();
    server = await startServer({
      dataDir: dir,
      rendererDir,
      backend,
      maxBodyBytes: 100,
      maxImportBodyBytes: 10_000,
    });
    const files = (n: number) => ({
      files: [{ path: 'Things/T1.xml', base64: 'A'.repeat(n) }],
      onConflict: 'fail',
    });
    const post = (body: unknown) =>
      request(server.port, {
        method: 'POST',
        path: '/api/project:import',
        headers: { ...withSecret(server), ...json },
        body: JSON.stringify(body),
      });
    const taken = await post(files(5_000));
    expect(taken.status).toBe(200);
    expect(backend.calls.at(-1)).toEqual(['project:import', files(5_000)]);
    const refused = await post(files(20_000));
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body).error).toEqual({
      code: 'too-large',
      message: expect.stringMatching(
        /^project:import: these files are more than one import from the app takes .*permsim import FOLDER --into PROJECT\.permsim$/,
      ),
    });
  });

  it('takes a 34 MB import body with the default limits (other calls stop at 32 MiB)', async () => {
    const base64 = Buffer.alloc(25_500_000, 7).toString('base64');
    const r = await request(server.port, {
      method: 'POST',
      path: '/api/project:import',
      headers: { ...withSecret(server), ...json },
      body: JSON.stringify({ files: [{ path: 'big.xml', base64 }], onConflict: 'fail' }),
    });
    expect(r.status).toBe(200);
    const [name, args] = backend.calls.at(-1) ?? [];
    expect(name).toBe('project:import');
    expect((args as { files: { base64: string }[] }).files[0]?.base64.length).toBe(base64.length);
  });
});

describe('startServer: push events', () => {
  it('streams project:changed to /api/events subscribers as Server-Sent Events', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/events',
          headers: { host: `127.0.0.1:${server.port}`, ...withSecret(server) },
        },
        res => {
          expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString('utf8');
            if (text.includes('retry:') && !text.includes('project:changed'))
              backend.emit('project:changed', info);
            if (text.includes('\n\nevent: project:changed')) {
              const end = text.indexOf('\n\n', text.indexOf('event: project:changed'));
              if (end > 0) {
                resolve(text);
                req.destroy();
              }
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain(`event: project:changed\ndata: ${JSON.stringify(info)}\n\n`);
  });

  it('refuses the event stream without the secret', async () => {
    expect((await request(server.port, { path: '/api/events' })).status).toBe(403);
  });
});

describe('startServer: options and shutdown', () => {
  it('refuses non-loopback hosts and invalid ports before listening', async () => {
    await expect(
      startServer({ dataDir: dir, rendererDir, backend, host: '0.0.0.0' as '127.0.0.1' }),
    ).rejects.toThrow('host must be 127.0.0.1');
    await expect(startServer({ dataDir: dir, rendererDir, backend, port: 70000 })).rejects.toThrow(
      'port must be an integer 0-65535',
    );
  });

  it('reports a busy port plainly', async () => {
    await expect(
      startServer({ dataDir: dir, rendererDir, backend: fakeBackend(), port: server.port }),
    ).rejects.toThrow(`Port ${server.port} on 127.0.0.1 is already in use`);
  });

  it('closes the backend on close and stops listening', async () => {
    await server.close();
    expect(backend.closed).toBe(true);
    await expect(request(server.port, { path: '/' })).rejects.toThrow();
  });
});

/** Sends raw header lines (Node's client cannot repeat Host) and returns the status code. */
function rawStatus(port: number, headerLines: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host: '127.0.0.1', port }, () => {
      socket.write(`GET /api/project:info HTTP/1.1\r\n${headerLines.join('\r\n')}\r\n\r\n`);
    });
    let data = '';
    socket.on('data', c => {
      data += String(c);
      const m = /^HTTP\/1\.1 (\d{3})/.exec(data);
      if (m) {
        resolve(Number(m[1]));
        socket.destroy();
      }
    });
    socket.on('error', reject);
  });
}

describe('startServer: repeated headers', () => {
  it('answers 400 to two Host headers, even when the first is valid (RFC 9112 §3.2)', async () => {
    const host = `Host: 127.0.0.1:${server.port}`;
    const secret = `x-permsim-secret: ${server.secret}`;
    expect(await rawStatus(server.port, [host, secret, 'Connection: close'])).not.toBe(400);
    expect(await rawStatus(server.port, [host, 'Host: evil.test', secret])).toBe(400);
    expect(await rawStatus(server.port, [host, host, secret])).toBe(400);
    const origin = `Origin: http://127.0.0.1:${server.port}`;
    expect(await rawStatus(server.port, [host, origin, 'Origin: http://evil.test', secret])).toBe(
      400,
    );
    expect(await rawStatus(server.port, [host, secret, secret])).toBe(400);
  });
});
