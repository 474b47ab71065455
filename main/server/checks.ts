/**
 * Pure request checks of the loopback server (browser mode, architecture.md §2). Each returns a
 * verdict as data so the server can refuse with a plain message and the rules unit-test without a
 * socket.
 *
 * Why each exists:
 * - Host: a DNS-rebinding page (evil.example resolving to 127.0.0.1) sends its own Host; only the
 *   literal loopback names with our port are accepted.
 * - Origin: another local web page may POST to us; browsers always send Origin on cross-origin
 *   requests, so any Origin other than ours is refused.
 * - Secret: another local process can reach the port; only whoever saw the printed URL (or the
 *   cookie it set) may drive the handler map.
 */
import { timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { own as ownEntry } from '../../shared/model/own';

export type Check = { ok: true } | { ok: false; reason: string };

const pass: Check = { ok: true };
const fail = (reason: string): Check => ({ ok: false, reason });

/** The Host header values we answer to: the two loopback names with our port. */
export const allowedHosts = (port: number): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

/**
 * Accepts only `127.0.0.1:<port>` or `localhost:<port>` (case-insensitive name).
 *
 * @example
 * checkHost('127.0.0.1:5173', 5173); // { ok: true }
 * checkHost('evil.example:5173', 5173); // { ok: false, reason: 'Host "evil.example:5173" is not ...' }
 */
export function checkHost(host: string | undefined, port: number): Check {
  if (host === undefined || host === '') return fail('the request has no Host header');
  const allowed = allowedHosts(port);
  if (allowed.includes(host.toLowerCase())) return pass;
  return fail(`Host "${host}" is not ${allowed.join(' or ')}`);
}

/**
 * Accepts a missing Origin (same-origin GETs and navigations omit it) or exactly the origin the
 * page was served from: `http://` + the (already checked) Host. `null` (sandboxed frames, file://
 * pages) is refused.
 *
 * @example
 * checkOrigin('http://127.0.0.1:5173', '127.0.0.1:5173'); // { ok: true }
 * checkOrigin('http://localhost:5173', '127.0.0.1:5173'); // refused: a different origin
 */
export function checkOrigin(origin: string | undefined, host: string): Check {
  if (origin === undefined) return pass;
  if (origin.toLowerCase() === `http://${host.toLowerCase()}`) return pass;
  return fail(`Origin "${origin}" is not this server's origin (http://${host})`);
}

/**
 * Compares a presented secret with the per-start secret in constant time.
 *
 * @example
 * checkSecret(req.headers['x-permsim-secret'], secret);
 */
export function checkSecret(presented: string | undefined, secret: string): Check {
  if (presented === undefined || presented === '') return fail('the per-start secret is missing');
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(secret, 'utf8');
  // timingSafeEqual throws on different lengths; the length itself is not secret (fixed 64 hex).
  if (a.length !== b.length || !timingSafeEqual(a, b)) return fail('the per-start secret is wrong');
  return pass;
}

/**
 * The cookie that carries the secret after the first page load. Cookies are shared across ports
 * on the same host, so the name includes the port: two servers must not overwrite each other.
 */
export const secretCookieName = (port: number): string => `permsim_secret_${port}`;

/** Reads one cookie value from a Cookie header; undefined when absent or malformed. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Maps a URL pathname to a file inside `rootDir`, or null when it would escape it (`..`,
 * encoded `%2e%2e`, backslashes, NUL, malformed escapes). `/` maps to `index.html`. It does not
 * touch the disk; callers also compare the realpath to catch symlinks.
 *
 * @example
 * resolveStaticPath('/srv/out/renderer', '/assets/index-abc.js'); // '/srv/out/renderer/assets/index-abc.js'
 * resolveStaticPath('/srv/out/renderer', '/../secret.txt'); // null
 */
export function resolveStaticPath(rootDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  // Refuse any `..` segment outright instead of normalising it away: a legitimate build never asks for one.
  const segments = decoded.split('/');
  if (segments.some(s => s === '..' || s === '.')) return null;
  const relative = decoded === '/' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const root = path.resolve(rootDir);
  const full = path.resolve(root, `.${relative}`);
  return isInside(root, full) ? full : null;
}

/** True when `candidate` is `root` itself or lies below it (both absolute, resolved). */
export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * The Content-Type for a served file by extension; unknown types are sent as opaque bytes
 * (with `nosniff` the browser will not execute them).
 *
 * @example
 * contentTypeFor('index.html'); // 'text/html; charset=utf-8'
 */
export function contentTypeFor(filePath: string): string {
  return (
    ownEntry(CONTENT_TYPES, path.extname(filePath).toLowerCase()) ?? 'application/octet-stream'
  );
}

/** Contract names are `domain:action` in lower-case kebab; anything else is not worth dispatching. */
export function parseApiName(pathname: string): string | null {
  const m = /^\/api\/([a-z][a-z0-9-]*:[a-z][a-z0-9-]*)$/.exec(pathname);
  return m?.[1] ?? null;
}

/**
 * The first of `names` (lower case) that the request sends more than once. HTTP allows one Host
 * (RFC 9112 §3.2: otherwise 400), and Node keeps only the first Host and joins repeated Origins,
 * so a second header would be judged by what Node kept rather than by what was sent.
 *
 * @example
 * repeatedHeader(['Host', '127.0.0.1:80', 'host', 'evil.test'], ['host', 'origin']); // 'host'
 */
export function repeatedHeader(
  rawHeaders: readonly string[],
  names: readonly string[],
): string | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] ?? '').toLowerCase();
    if (!names.includes(name)) continue;
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}
