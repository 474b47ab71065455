/**
 * The loopback server of browser mode (architecture.md §2): serves the built renderer and mounts
 * the handler map as `POST /api/<name>` (JSON in, `Result` JSON out) with push events as
 * Server-Sent Events at `GET /api/events`.
 *
 * Every request must pass, in order: Host is `127.0.0.1:<port>` or `localhost:<port>`; Origin,
 * when present, is this server's own origin; and the per-start secret is presented — as
 * `?secret=` on a page load (which then sets an HttpOnly SameSite=Strict cookie), or as the cookie
 * or an `x-permsim-secret` header afterwards. Refusals are 403 with a plain-text reason.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { err } from '../../shared/contract';
import { IMPORT_BODY_LIMIT_BYTES } from '../../shared/contract/limits';
import type { Result } from '../../shared/contract';
import type { Backend } from '../host/backend';
import {
  checkHost,
  checkOrigin,
  repeatedHeader,
  checkSecret,
  contentTypeFor,
  isInside,
  parseApiName,
  readCookie,
  resolveStaticPath,
  secretCookieName,
} from './checks';
import { RENDERER_CSP } from './csp';
import { own as ownEntry } from '../../shared/model/own';

export type StartServerOptions = {
  /** A project file to open; without it the data dir's default (demo) project is opened. */
  projectPath?: string;
  dataDir: string;
  /** 0 or absent: any free port. */
  port?: number;
  /** Only loopback is allowed; the option exists so callers state it. */
  host?: '127.0.0.1';
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Largest accepted API request body in bytes (default 32 MiB). */
  maxBodyBytes?: number;
  /**
   * Largest accepted body of `project:import`, which carries the uploaded files as base64
   * (default IMPORT_BODY_LIMIT_BYTES, shared/contract/import.ts).
   */
  maxImportBodyBytes?: number;
  /** Injected handler map; default: the real one over a SQLite project (project-backend.ts). */
  backend?: Backend;
  /**
   * Run the real backend in a worker thread from this bundled entry (out/main/backend-worker.cjs,
   * worker-backend.ts) instead of on the server's own thread.
   */
  workerFile?: string;
};

export type RunningServer = {
  /** `http://127.0.0.1:PORT/?secret=...` — the only way in. */
  url: string;
  secret: string;
  port: number;
  close(): Promise<void>;
};

export const SECRET_HEADER = 'x-permsim-secret';
const DEFAULT_MAX_BODY = 32 * 1024 * 1024;
const SSE_KEEPALIVE_MS = 20_000;

/**
 * Starts the loopback server on 127.0.0.1.
 *
 * @example
 * const server = await startServer({ dataDir: '/tmp/permsim-data', rendererDir: 'out/renderer' });
 * console.log(`Open ${server.url}`);
 * await server.close();
 */
export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  if (opts.host !== undefined && opts.host !== '127.0.0.1') {
    throw new Error(
      `startServer: host must be 127.0.0.1 (got "${String(opts.host)}"); PermSim never listens on other interfaces`,
    );
  }
  if (
    opts.port !== undefined &&
    (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)
  ) {
    throw new Error(`startServer: port must be an integer 0-65535 (got ${String(opts.port)})`);
  }
  const backend = opts.backend ?? (await createDefaultBackend(opts));
  const secret = randomBytes(32).toString('hex');
  const rendererDir = path.resolve(opts.rendererDir);
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const maxImportBody = opts.maxImportBodyBytes ?? IMPORT_BODY_LIMIT_BYTES;
  const sseClients = new Set<http.ServerResponse>();
  let port = 0;

  const unsubscribe = backend.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent)
        sendText(res, 500, 'PermSim: internal error while answering this request.');
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const repeated = repeatedHeader(req.rawHeaders, [
      'host',
      'origin',
      SECRET_HEADER.toLowerCase(),
    ]);
    if (repeated !== undefined)
      return sendText(res, 400, `PermSim: the request has more than one ${repeated} header.`);
    const host = req.headers.host;
    const hostCheck = checkHost(host, port);
    if (!hostCheck.ok) return refuse(res, hostCheck.reason);
    const originCheck = checkOrigin(header(req, 'origin'), host ?? '');
    if (!originCheck.ok) return refuse(res, originCheck.reason);

    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${host}`);
    } catch {
      return sendText(res, 400, 'PermSim: the request URL is malformed.');
    }
    const cookieSecret = readCookie(req.headers.cookie, secretCookieName(port));
    const presented = header(req, SECRET_HEADER) ?? cookieSecret;

    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      const secretCheck = checkSecret(presented, secret);
      if (!secretCheck.ok)
        return refuse(
          res,
          `${secretCheck.reason} (send the cookie set by the page or the ${SECRET_HEADER} header)`,
        );
      if (url.pathname === '/api/events') return openEventStream(req, res);
      return handleApi(req, res, url.pathname);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(
        res,
        405,
        `PermSim: ${req.method ?? 'this method'} is not allowed for files; use GET or HEAD.`,
      );
    }
    const querySecret = url.searchParams.get('secret') ?? undefined;
    const secretCheck = checkSecret(querySecret ?? presented, secret);
    if (!secretCheck.ok) {
      return refuse(
        res,
        `${secretCheck.reason}; open the URL printed when the server started (it carries ?secret=...)`,
      );
    }
    if (querySecret !== undefined && cookieSecret !== secret) {
      res.setHeader(
        'Set-Cookie',
        `${secretCookieName(port)}=${secret}; HttpOnly; SameSite=Strict; Path=/`,
      );
    }
    return serveFile(req, res, url.pathname);
  }

  async function handleApi(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    pathname: string,
  ): Promise<void> {
    const name = parseApiName(pathname);
    if (name === null) {
      return sendJson(
        res,
        404,
        err(
          'not-found',
          `No API call at ${pathname}; calls are POST /api/<domain>:<action>, e.g. /api/project:info.`,
        ),
      );
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendJson(
        res,
        405,
        err('method-not-allowed', `${name}: use POST (got ${req.method ?? 'no method'}).`),
      );
    }
    const type = header(req, 'content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      return sendJson(
        res,
        415,
        err(
          'invalid-argument',
          `${name}: the request body must be JSON (Content-Type: application/json; got "${type}").`,
        ),
      );
    }
    // Only the import carries files; every other call keeps the small limit.
    const isImport = name === 'project:import';
    const limit = isImport ? maxImportBody : maxBody;
    const body = await readBody(req, limit);
    if (body === 'too-large') {
      return sendJson(
        res,
        413,
        err(
          'too-large',
          isImport
            ? `${name}: these files are more than one import from the app takes (${mb(limit)} MB as sent, about ${mb((limit * 3) / 4)} MB of files). Import them with the command line, which reads them where they are: permsim import FOLDER --into PROJECT.permsim`
            : `${name}: the request body is larger than ${limit} bytes.`,
        ),
      );
    }
    let args: unknown = {};
    if (body.trim() !== '') {
      try {
        args = JSON.parse(body);
      } catch {
        return sendJson(
          res,
          400,
          err('invalid-argument', `${name}: the request body is not valid JSON.`),
        );
      }
    }
    let result: Result<unknown>;
    try {
      result = await backend.dispatch(name, args);
    } catch (e) {
      // dispatch promises never to throw; if it does, the caller still gets data, not a stack.
      result = err('internal', `${name}: ${e instanceof Error ? e.message : 'internal error'}`);
    }
    return sendJson(res, 200, result);
  }

  function openEventStream(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      return sendText(res, 405, 'PermSim: /api/events is an event stream; use GET.');
    }
    res.writeHead(200, {
      ...commonHeaders(),
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    sseClients.add(res);
    const ping = setInterval(() => res.write(': ping\n\n'), SSE_KEEPALIVE_MS);
    ping.unref();
    req.on('close', () => {
      clearInterval(ping);
      sseClients.delete(res);
    });
  }

  async function serveFile(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    pathname: string,
  ): Promise<void> {
    const file = resolveStaticPath(rendererDir, pathname);
    if (file === null) return sendText(res, 404, `PermSim: no file at ${pathname}.`);
    let real: string;
    let realRoot: string;
    try {
      [real, realRoot] = await Promise.all([realpath(file), realpath(rendererDir)]);
      // A symlink inside the build must not lead outside it.
      if (!isInside(realRoot, real) || !(await stat(real)).isFile()) throw new Error('not a file');
    } catch {
      const hint =
        pathname === '/' || pathname.endsWith('/index.html')
          ? ` The renderer is not built in ${rendererDir}; run npm run build.`
          : '';
      return sendText(res, 404, `PermSim: no file at ${pathname}.${hint}`);
    }
    const info = await stat(real);
    res.writeHead(200, {
      ...commonHeaders(),
      'Content-Type': contentTypeFor(real),
      'Content-Length': String(info.size),
      'Cache-Control': 'no-store',
      'Content-Security-Policy': RENDERER_CSP,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(real)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (e: unknown) => {
    unsubscribe();
    await backend.close();
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'EADDRINUSE'
        ? `Port ${opts.port} on 127.0.0.1 is already in use; choose another with --port.`
        : `Could not listen on 127.0.0.1: ${String(e)}`,
    );
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/?secret=${secret}`,
    secret,
    port,
    close() {
      closing ??= (async () => {
        unsubscribe();
        for (const client of sseClients) client.end();
        sseClients.clear();
        await new Promise<void>(resolve => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await backend.close();
      })();
      return closing;
    },
  };
}

async function createDefaultBackend(opts: StartServerOptions): Promise<Backend> {
  // Loaded lazily so the server (and its tests) can run with an injected backend alone.
  if (opts.workerFile !== undefined) {
    const { createWorkerBackend } = await import('../host/worker-backend');
    return createWorkerBackend({
      workerFile: opts.workerFile,
      dataDir: opts.dataDir,
      ...(opts.projectPath !== undefined ? { projectPath: opts.projectPath } : {}),
    });
  }
  const { createProjectBackend } = await import('../host/project-backend');
  return createProjectBackend({ projectPath: opts.projectPath, dataDir: opts.dataDir });
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = ownEntry(req.headers, name);
  return Array.isArray(value) ? value[0] : value;
}

function commonHeaders(): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}

function refuse(res: http.ServerResponse, reason: string): void {
  sendText(res, 403, `PermSim refused this request: ${reason}.`);
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    ...commonHeaders(),
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(`${text}\n`);
}

function sendJson(res: http.ServerResponse, status: number, value: Result<unknown>): void {
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    text = JSON.stringify(err('internal', 'The result could not be encoded as JSON.'));
  }
  res.writeHead(status, {
    ...commonHeaders(),
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

const mb = (bytes: number): string => (bytes / 1e6).toFixed(0);

function readBody(req: http.IncomingMessage, limit: number): Promise<string | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) {
    req.resume();
    return Promise.resolve('too-large');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
