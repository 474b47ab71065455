import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  registerAppProtocol,
  resolveAppRequest,
} from '../../../main/app/protocol';

const root = path.resolve('/srv/out/renderer');

describe('resolveAppRequest: app://permsim/ only, GET/HEAD only, no traversal (checklist 18)', () => {
  it('maps app URLs to files in the build', () => {
    expect(resolveAppRequest(root, 'GET', 'app://permsim/index.html')).toEqual({
      ok: true,
      file: path.join(root, 'index.html'),
    });
    expect(resolveAppRequest(root, 'GET', 'app://permsim/')).toEqual({
      ok: true,
      file: path.join(root, 'index.html'),
    });
    expect(resolveAppRequest(root, 'HEAD', 'app://permsim/assets/a.js')).toEqual({
      ok: true,
      file: path.join(root, 'assets/a.js'),
    });
  });
  it('refuses other methods with 405', () => {
    expect(resolveAppRequest(root, 'POST', 'app://permsim/index.html')).toMatchObject({
      ok: false,
      status: 405,
    });
    expect(resolveAppRequest(root, 'PUT', 'app://permsim/index.html')).toMatchObject({
      ok: false,
      status: 405,
    });
  });
  it('refuses other hosts and traversal', () => {
    expect(resolveAppRequest(root, 'GET', 'app://other/index.html')).toMatchObject({
      ok: false,
      status: 404,
    });
    // The URL parser already folds %2e%2e segments at the root, so this stays inside the build.
    expect(resolveAppRequest(root, 'GET', 'app://permsim/%2e%2e/%2e%2e/etc/passwd')).toEqual({
      ok: true,
      file: path.join(root, 'etc/passwd'),
    });
    expect(resolveAppRequest(root, 'GET', 'app://permsim/..%2f..%2fetc/passwd')).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(resolveAppRequest(root, 'GET', 'app://permsim/a%5c..%5c..%5csecret')).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(resolveAppRequest(root, 'GET', 'not a url')).toMatchObject({ ok: false, status: 400 });
  });
  it('registers app:// as a standard secure scheme', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
    });
  });
});

describe('createAppProtocolHandler on a real build directory', () => {
  let dir: string;
  let handler: (r: Request) => Promise<Response>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'permsim-protocol-'));
    await mkdir(path.join(dir, 'renderer', 'assets'), { recursive: true });
    await writeFile(
      path.join(dir, 'renderer', 'index.html'),
      '<!doctype html><title>PermSim</title>',
    );
    await writeFile(path.join(dir, 'renderer', 'assets', 'app.js'), 'export {}');
    await writeFile(path.join(dir, 'secret.txt'), 'outside');
    await symlink(path.join(dir, 'secret.txt'), path.join(dir, 'renderer', 'escape.txt'));
    handler = createAppProtocolHandler(path.join(dir, 'renderer'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('serves files with their content type, the CSP and nosniff', async () => {
    const html = await handler(new Request('app://permsim/index.html'));
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await html.text()).toContain('<title>PermSim</title>');
    const js = await handler(new Request('app://permsim/assets/app.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('refuses writes, missing files and symlinks leading out of the build', async () => {
    expect(
      (await handler(new Request('app://permsim/index.html', { method: 'POST', body: 'x' })))
        .status,
    ).toBe(405);
    expect((await handler(new Request('app://permsim/nope.js'))).status).toBe(404);
    const escaped = await handler(new Request('app://permsim/escape.txt'));
    expect(escaped.status).toBe(404);
    expect(await escaped.text()).not.toContain('outside');
  });

  it('registers itself for the app scheme', () => {
    const registered: string[] = [];
    registerAppProtocol({ handle: (scheme: string) => void registered.push(scheme) }, dir);
    expect(registered).toEqual(['app']);
  });
});
