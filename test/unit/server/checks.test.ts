import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkHost,
  checkOrigin,
  checkSecret,
  contentTypeFor,
  parseApiName,
  readCookie,
  resolveStaticPath,
  secretCookieName,
} from '../../../main/server/checks';

describe('checkHost: only the loopback names with our port (DNS rebinding defence)', () => {
  it('accepts 127.0.0.1:<port> and localhost:<port>', () => {
    expect(checkHost('127.0.0.1:4100', 4100)).toEqual({ ok: true });
    expect(checkHost('localhost:4100', 4100)).toEqual({ ok: true });
    expect(checkHost('LOCALHOST:4100', 4100)).toEqual({ ok: true });
  });
  it('refuses other names, other ports, missing port and a missing header, saying what was expected', () => {
    const bad = checkHost('evil.example:4100', 4100);
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.reason).toBe('Host "evil.example:4100" is not 127.0.0.1:4100 or localhost:4100');
    expect(checkHost('127.0.0.1:4101', 4100).ok).toBe(false);
    expect(checkHost('127.0.0.1', 4100).ok).toBe(false);
    expect(checkHost('[::1]:4100', 4100).ok).toBe(false);
    expect(checkHost('0.0.0.0:4100', 4100).ok).toBe(false);
    expect(checkHost(undefined, 4100)).toEqual({
      ok: false,
      reason: 'the request has no Host header',
    });
  });
});

describe('checkOrigin: absent or exactly our origin', () => {
  it('accepts no Origin and the same origin', () => {
    expect(checkOrigin(undefined, '127.0.0.1:4100').ok).toBe(true);
    expect(checkOrigin('http://127.0.0.1:4100', '127.0.0.1:4100').ok).toBe(true);
  });
  it('refuses other pages, null origins, https and the other loopback name', () => {
    expect(checkOrigin('http://evil.example', '127.0.0.1:4100').ok).toBe(false);
    expect(checkOrigin('null', '127.0.0.1:4100').ok).toBe(false);
    expect(checkOrigin('https://127.0.0.1:4100', '127.0.0.1:4100').ok).toBe(false);
    expect(checkOrigin('http://localhost:4100', '127.0.0.1:4100').ok).toBe(false);
    expect(checkOrigin('http://127.0.0.1:3000', '127.0.0.1:4100').ok).toBe(false);
  });
});

describe('checkSecret', () => {
  const secret = 'a'.repeat(64);
  it('accepts the exact secret only', () => {
    expect(checkSecret(secret, secret).ok).toBe(true);
    expect(checkSecret('b'.repeat(64), secret)).toEqual({
      ok: false,
      reason: 'the per-start secret is wrong',
    });
    expect(checkSecret('a', secret).ok).toBe(false);
    expect(checkSecret(`${secret}a`, secret).ok).toBe(false);
    expect(checkSecret(undefined, secret)).toEqual({
      ok: false,
      reason: 'the per-start secret is missing',
    });
    expect(checkSecret('', secret).ok).toBe(false);
  });
});

describe('cookies', () => {
  it('names the cookie per port (cookies are shared across ports) and reads it back', () => {
    expect(secretCookieName(4100)).toBe('permsim_secret_4100');
    expect(readCookie('x=1; permsim_secret_4100=abc; y=2', 'permsim_secret_4100')).toBe('abc');
    expect(readCookie('permsim_secret_4101=abc', 'permsim_secret_4100')).toBeUndefined();
    expect(readCookie(undefined, 'permsim_secret_4100')).toBeUndefined();
  });
});

describe('resolveStaticPath: files inside the renderer build only', () => {
  const root = path.resolve('/srv/out/renderer');
  it('maps / to index.html and nested paths inside the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/index-abc.js')).toBe(
      path.join(root, 'assets/index-abc.js'),
    );
    expect(resolveStaticPath(root, '/assets/')).toBe(path.join(root, 'assets/index.html'));
    expect(resolveStaticPath(root, '/a%20b.css')).toBe(path.join(root, 'a b.css'));
  });
  it('refuses traversal in every spelling', () => {
    for (const p of [
      '/../secret.txt',
      '/assets/../../etc/passwd',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%2fsecret',
      '/..\\secret',
      '/assets%5c..%5c..%5csecret',
      '/index.html%00.js',
      '/%E0%A4%A',
      'relative.js',
      '/./index.html',
    ]) {
      expect(resolveStaticPath(root, p), p).toBeNull();
    }
  });
});

describe('contentTypeFor', () => {
  it('gives the browser the right types for the renderer build', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});

describe('parseApiName', () => {
  it('accepts domain:action names only', () => {
    expect(parseApiName('/api/project:info')).toBe('project:info');
    expect(parseApiName('/api/engine:effective-table')).toBe('engine:effective-table');
    expect(parseApiName('/api/project')).toBeNull();
    expect(parseApiName('/api/__proto__:x')).toBeNull();
    expect(parseApiName('/api/project:info/extra')).toBeNull();
  });
});
