/**
 * The `script` export run for real: `sh` against a local HTTP server that records every request.
 * Names with quotes, `$` and spaces must reach the server verbatim (shell quoting), the app key only
 * in the appKey header, JSON content type and accept headers (§5.3, §3.10), and the script must stop
 * at the first failure.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportChanges, shQuote } from '../../../shared/export';
import { applyChanges } from '../../../shared/whatif';
import type { Scenario } from '../../../shared/whatif';
import type { Model } from '../../../shared/model/types';
import { loadDemoModel } from '../demo-model';

const ODD = `it's $HOME "x" \`id\` & <y>`;

type Seen = { method: string; url: string; headers: Record<string, unknown>; body: string };
const seen: Seen[] = [];
/** Status to answer per request number (1-based); 200 otherwise. */
let failAt = 0;
const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (d: string) => (body += d));
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    if (seen.length === failAt) {
      res.writeHead(403, { 'Content-Type': 'text/plain' });
      res.end('Not authorized for ServiceInvoke on AddMember in Operators');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{}');
  });
});
let url = '';
const dir = mkdtempSync(join(tmpdir(), 'permsim-export-'));

beforeAll(async () => {
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>(r => server.close(() => r())));

function baseline(): Model {
  const r = applyChanges(loadDemoModel(), [
    { type: 'add-group', name: ODD },
    { type: 'add-thing', name: ODD, template: 'SensorTemplate' },
  ]);
  if (!r.ok) throw new Error(r.error.message);
  return r.model;
}

const scenario: Scenario = {
  name: `Odd names: ${ODD}`,
  changes: [
    {
      type: 'add-entry',
      target: { level: 'entity', collection: 'Things', name: ODD },
      entry: {
        family: 'runtime',
        kind: 'ServiceInvoke',
        resource: 'GetDataStream',
        principal: { type: 'group', name: ODD },
        allow: true,
      },
    },
    { type: 'add-membership', member: { type: 'user', name: 'bob' }, group: ODD },
  ],
};

function script(inverse = false): string {
  const r = exportChanges(baseline(), scenario, {
    format: 'script',
    inverse,
    baselineLabel: 'demo',
  });
  if (!r.ok) throw new Error(r.error.message);
  const file = join(dir, `run${inverse ? '-undo' : ''}.sh`);
  writeFileSync(file, r.value.text);
  return file;
}

function run(
  file: string,
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise(resolve => {
    // Only PATH from the environment: HOME must not be expanded into a name by mistake.
    const child = spawn('sh', [file], {
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: '/should-not-appear', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', code => resolve({ code, out, err }));
  });
}

const KEY = `k-'$1"`;

describe('the script export run by sh against a local server', () => {
  it('sends the exact calls: names verbatim, app key header, JSON headers, in order', async () => {
    seen.length = 0;
    failAt = 0;
    const r = await run(script(), { TWX_URL: `${url}/Thingworx/`, TWX_APPKEY: KEY });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const enc = encodeURIComponent(ODD);
    expect(seen.map(s => [s.method, s.url, JSON.parse(s.body)])).toEqual([
      [
        'POST',
        `/Thingworx/Things/${enc}/Services/AddRunTimePermission`,
        {
          principal: ODD,
          principalType: 'Group',
          resource: 'GetDataStream',
          type: 'ServiceInvoke',
          allow: true,
        },
      ],
      ['POST', `/Thingworx/Groups/${enc}/Services/AddMember`, { member: 'bob', type: 'User' }],
    ]);
    for (const s of seen) {
      expect(s.headers['appkey']).toBe(KEY);
      expect(s.headers['content-type']).toBe('application/json');
      expect(s.headers['accept']).toBe('application/json');
    }
    expect(decodeURIComponent(seen[0]?.url.split('/')[3] ?? '')).toBe(ODD);
    expect(r.out).toContain(
      `[1/2] add allow ServiceInvoke on GetDataStream for group ${ODD} at Things/${ODD}`,
    );
    expect(r.out).toContain(`[2/2] add user bob to group ${ODD}`);
    expect(r.out).toContain('Done: 2 calls succeeded.');
    expect(r.out).not.toContain('/should-not-appear');
  });

  it('the inverse script undoes in reverse order', async () => {
    seen.length = 0;
    failAt = 0;
    const r = await run(script(true), { TWX_URL: url, TWX_APPKEY: KEY });
    expect(r.code).toBe(0);
    expect(seen.map(s => decodeURIComponent(s.url))).toEqual([
      `/Thingworx/Groups/${ODD}/Services/DeleteMember`,
      `/Thingworx/Things/${ODD}/Services/DeleteRunTimePermission`,
    ]);
    expect(JSON.parse(seen[1]?.body ?? '')).toEqual({
      principal: ODD,
      principalType: 'Group',
      resource: 'GetDataStream',
      type: 'ServiceInvoke',
    });
  });

  it('stops at the first failure with the status and the server message, exit 1', async () => {
    seen.length = 0;
    failAt = 1;
    const r = await run(script(), { TWX_URL: url, TWX_APPKEY: KEY });
    expect(r.code).toBe(1);
    expect(seen).toHaveLength(1);
    expect(r.err).toContain('FAILED at step 1: HTTP 403');
    expect(r.err).toContain('Not authorized for ServiceInvoke');
    expect(r.out).not.toContain('Done');
  });

  it('refuses to run without TWX_URL or TWX_APPKEY, sending nothing (exit 2)', async () => {
    seen.length = 0;
    failAt = 0;
    const envs: Record<string, string>[] = [{ TWX_URL: url }, { TWX_APPKEY: KEY }, {}];
    for (const env of envs) {
      const r = await run(script(), env);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/Set TWX_URL .* and TWX_APPKEY/);
    }
    expect(seen).toHaveLength(0);
  });

  it('TWX_DRY_RUN prints the calls and sends nothing', async () => {
    seen.length = 0;
    const r = await run(script(), { TWX_URL: url, TWX_APPKEY: KEY, TWX_DRY_RUN: '1' });
    expect(r.code).toBe(0);
    expect(seen).toHaveLength(0);
    expect(r.out).toContain(`"principal":"${ODD.replace(/"/g, '\\"')}"`);
  });
});

describe('shQuote', () => {
  it('gives one word that sh reads back verbatim', async () => {
    const file = join(dir, 'echo.sh');
    const values = [ODD, '', "'", "''", 'a\nb', '$(id)', '\\'];
    writeFileSync(file, values.map(v => `printf '%s|' ${shQuote(v)}`).join('\n'));
    const r = await run(file, {});
    expect(r.out).toBe(values.map(v => `${v}|`).join(''));
  });
});
