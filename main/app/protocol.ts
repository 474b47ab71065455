/**
 * Serves the built renderer from `app://permsim/` (security checklist 18: never file://). GET and
 * HEAD only, no path traversal, the renderer CSP as a header. The handler is a plain
 * `(Request) => Promise<Response>` so it unit-tests without Electron.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { contentTypeFor, isInside, resolveStaticPath } from '../server/checks';
import { RENDERER_CSP } from '../server/csp';
import { APP_HOST, APP_SCHEME } from './channels';

/** Privileges for `protocol.registerSchemesAsPrivileged`, which must run before `app` is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
};

export type AppRequestVerdict =
  { ok: true; file: string } | { ok: false; status: number; message: string };

/**
 * Pure decision for one `app://` request: which file, or why not.
 *
 * @example
 * resolveAppRequest('/app/out/renderer', 'GET', 'app://permsim/index.html'); // { ok: true, file: '/app/out/renderer/index.html' }
 * resolveAppRequest('/app/out/renderer', 'POST', 'app://permsim/index.html'); // { ok: false, status: 405, ... }
 */
export function resolveAppRequest(
  rendererDir: string,
  method: string,
  rawUrl: string,
): AppRequestVerdict {
  if (method !== 'GET' && method !== 'HEAD') {
    return {
      ok: false,
      status: 405,
      message: `${method} is not allowed on ${APP_SCHEME}://; use GET.`,
    };
  }
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, status: 400, message: 'Malformed app URL.' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return { ok: false, status: 404, message: `Only ${APP_SCHEME}://${APP_HOST}/ is served.` };
  }
  const file = resolveStaticPath(rendererDir, url.pathname);
  if (file === null) return { ok: false, status: 404, message: `No file at ${url.pathname}.` };
  return { ok: true, file };
}

const securityHeaders = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

/**
 * The `protocol.handle` handler for `app://permsim/`.
 *
 * @example
 * protocol.handle('app', createAppProtocolHandler(path.join(__dirname, '../renderer')));
 */
export function createAppProtocolHandler(
  rendererDir: string,
): (request: Request) => Promise<Response> {
  const root = path.resolve(rendererDir);
  return async request => {
    const verdict = resolveAppRequest(root, request.method, request.url);
    if (!verdict.ok) return textResponse(verdict.status, verdict.message);
    try {
      const [real, realRoot] = await Promise.all([realpath(verdict.file), realpath(root)]);
      // A symlink inside the build must not lead outside it.
      if (!isInside(realRoot, real) || !(await stat(real)).isFile())
        return textResponse(404, 'Not found.');
      const body = request.method === 'HEAD' ? null : await readFile(real);
      return new Response(body, {
        status: 200,
        headers: { ...securityHeaders, 'Content-Type': contentTypeFor(real) },
      });
    } catch {
      return textResponse(404, 'Not found.');
    }
  };
}

/** Registers the handler; call after `app` is ready. */
export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}

function textResponse(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
