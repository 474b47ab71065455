/**
 * The stand-in ThingWorx (docs/stand-in-server.md) on the sensor demo, called by real HTTP clients:
 * Node's fetch and curl. Each case is a call a consultant's client would make, and what ThingWorx
 * (as the model says) answers.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMock } from '../../../main/cli/mock';
import { runTest } from '../../../main/cli/test-cmd';
import { startMockServer } from '../../../main/mock/server';
import type { MockServer } from '../../../main/mock/server';
import type { MockLogEntry } from '../../../main/mock/log';
import { applyChanges } from '../../../shared/whatif/change';
import type { Model } from '../../../shared/model/types';
import { DEMO_PATH, loadDemoModel } from '../demo-model';
import { REMOVE_ANALYSTS_DENY } from '../demo-project';

const run = promisify(execFile);
const SCENARIO = resolve(__dirname, '..', '..', 'fixtures', 'mock', 'key-in-bob-out.yaml');
const basic = (user: string, password = 'anything') =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const JSON_HEADERS = { 'Content-Type': 'application/json' };
const TEMP = '/Thingworx/Things/SensorDataStream/Properties/temperature';
const STREAM = '/Thingworx/Things/SensorDataStream/Services/GetDataStream';

async function curl(args: string[]): Promise<{ status: number; body: string }> {
  const { stdout } = await run('curl', ['-s', '-w', '\n%{http_code}', ...args]);
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

/** The demo with the analysts' key allowed from this machine. */
function keyOpen(model: Model): Model {
  const r = applyChanges(model, [
    { type: 'set-app-key', name: 'analyst-key', ipAllowlist: ['127.0.0.0/8'] },
  ]);
  if (!r.ok) throw new Error(r.error.message);
  return r.model;
}

describe('the stand-in ThingWorx on the sensor demo', () => {
  let server: MockServer;
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), 'permsim-mock-'));
  const logFile = join(dir, 'log.jsonl');
  const seen: MockLogEntry[] = [];

  beforeAll(async () => {
    const s = await startMockServer({
      model: loadDemoModel(),
      port: 0,
      logFile,
      onEntry: e => seen.push(e),
    });
    if (!s.ok) throw new Error(s.error.message);
    server = s.value;
    base = `${server.url}/Thingworx`;
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('200: alice reads a property, as an infotable with dataShape and rows', async () => {
    const r = await fetch(`${base}/Things/SensorDataStream/Properties/temperature`, {
      headers: { Authorization: basic('alice') },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(await r.json()).toEqual({
      dataShape: { fieldDefinitions: { temperature: { name: 'temperature', baseType: 'STRING' } } },
      rows: [{ temperature: '' }],
    });
  });

  it('401 without credentials, with the body PermSim gives', async () => {
    const r = await fetch(`${base}${TEMP.slice('/Thingworx'.length)}`);
    expect(r.status).toBe(401);
    expect(await r.text()).toBe('Unauthorized');
  });

  it('403: alice calls GetDataStream, which the Thing-level Deny refuses', async () => {
    const r = await fetch(`${server.url}${STREAM}`, {
      method: 'POST',
      headers: { Authorization: basic('alice'), ...JSON_HEADERS },
      body: '{}',
    });
    expect(r.status).toBe(403);
    expect(await r.text()).toBe(
      'Not authorized for ServiceInvoke on GetDataStream in SensorDataStream',
    );
  });

  it('404 for a missing Thing and for a Thing alice cannot see, with the same body', async () => {
    const missing = await fetch(`${base}/Things/NoSuchThing`, {
      headers: { Authorization: basic('alice') },
    });
    const hidden = await fetch(`${base}/Things/LegacyGateway/Properties/firmware`, {
      headers: { Authorization: basic('alice') },
    });
    expect([missing.status, hidden.status]).toEqual([404, 404]);
    expect(await missing.text()).toBe(await hidden.text());
  });

  it('405: DELETE on a property', async () => {
    const r = await fetch(`${server.url}${TEMP}`, {
      method: 'DELETE',
      headers: { Authorization: basic('alice'), ...JSON_HEADERS },
    });
    expect(r.status).toBe(405);
    expect(await r.text()).toBe('Method Not Allowed');
  });

  it('the CSRF filter refuses a POST without a JSON or XML Content-Type (403)', async () => {
    const r = await fetch(`${server.url}${STREAM}`, {
      method: 'POST',
      headers: { Authorization: basic('bob'), 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(r.status).toBe(403);
    const withToken = await fetch(`${server.url}${STREAM}`, {
      method: 'POST',
      headers: { Authorization: basic('bob'), 'X-XSRF-TOKEN': 'TWX-XSRF-TOKEN-VALUE' },
    });
    expect(withToken.status).toBe(200);
  });

  it('a permitted service whose result is not modelled answers an empty infotable, marked simulated', async () => {
    const r = await fetch(`${server.url}${STREAM}`, {
      method: 'POST',
      headers: { Authorization: basic('bob'), ...JSON_HEADERS },
      body: '{}',
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-permsim-simulated')).toMatch(/not modelled/);
    expect(await r.json()).toEqual({ dataShape: { fieldDefinitions: {} }, rows: [] });
    expect(seen.at(-1)).toMatchObject({ caller: 'bob', outcome: 'unknown', status: 200 });
  });

  it('diagnostic services answer as the engine does (CurrentSessionInfo.GetCurrentUser)', async () => {
    const r = await fetch(`${base}/Resources/CurrentSessionInfo/Services/GetCurrentUser`, {
      method: 'POST',
      headers: { Authorization: basic('alice'), ...JSON_HEADERS },
    });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { rows: unknown[] }).rows).toEqual([{ result: 'alice' }]);
  });

  it('a permitted property write is kept for the session; a refused one is not', async () => {
    const url = `${base}/Things/SensorDataStream/Properties/humidity`;
    const put = (user: string, value: number) =>
      fetch(url, {
        method: 'PUT',
        headers: { Authorization: basic(user), ...JSON_HEADERS },
        body: JSON.stringify({ humidity: value }),
      });
    expect((await put('alice', 1)).status).toBe(403);
    expect((await put('Administrator', 42)).status).toBe(200);
    const r = await fetch(url, { headers: { Authorization: basic('alice') } });
    expect(await r.json()).toEqual({
      dataShape: { fieldDefinitions: { humidity: { name: 'humidity', baseType: 'NUMBER' } } },
      rows: [{ humidity: 42 }],
    });
  });

  it("the analysts' key from 127.0.0.1 is refused: the socket's address is not on its allowlist", async () => {
    const header = await fetch(`${server.url}${TEMP}`, { headers: { appKey: 'analyst-key' } });
    const query = await fetch(`${server.url}${TEMP}?appKey=analyst-key`);
    expect([header.status, query.status]).toEqual([401, 401]);
    expect(seen.at(-1)?.explanation[0]?.text).toContain('127.0.0.1 is not on the allowlist');
  });

  it('curl: Basic auth, a service POST and the Host check', async () => {
    const read = await curl(['-u', 'alice:secret', `${server.url}${TEMP}`]);
    expect(read.status).toBe(200);
    expect(JSON.parse(read.body).rows).toEqual([{ temperature: '' }]);
    const denied = await curl([
      '-u',
      'alice:secret',
      '-X',
      'POST',
      '-H',
      'Content-Type: application/json',
      '-d',
      '{}',
      `${server.url}${STREAM}`,
    ]);
    expect(denied).toEqual({
      status: 403,
      body: 'Not authorized for ServiceInvoke on GetDataStream in SensorDataStream',
    });
    // A page whose DNS name was rebound to 127.0.0.1 sends its own Host: refused.
    const rebound = await curl([
      '-H',
      'Host: evil.example',
      '-u',
      'alice:x',
      `${server.url}${TEMP}`,
    ]);
    expect(rebound.status).toBe(421);
  });

  it('refuses a body above the size limit with 413', async () => {
    const big = await fetch(`${server.url}${STREAM}`, {
      method: 'POST',
      headers: { Authorization: basic('bob'), ...JSON_HEADERS },
      body: `{"x":"${'a'.repeat(1024 * 1024 + 10)}"}`,
    }).catch(() => undefined);
    expect(big?.status).toBe(413);
  });

  it('logs every request with the caller, the status and the explanation, also as JSON lines', async () => {
    const entry = seen.find(e => e.caller === 'alice' && e.status === 403);
    expect(entry?.explanation.some(s => s.verdict === 'fail')).toBe(true);
    expect(entry?.notes[0]).toMatch(/any password is accepted/);
    expect(entry?.entity).toBe('Things/SensorDataStream');
    await server.close();
    const lines = readFileSync(logFile, 'utf8').trim().split('\n');
    expect(lines.length).toBe(seen.length);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ seq: 1, method: 'GET', status: 200 });
    // Each line is the whole entry, explanation included (its JSON is made once per decision).
    expect(lines.map(l => JSON.parse(l) as unknown)).toEqual(
      seen.map(e => JSON.parse(JSON.stringify(e)) as unknown),
    );
  });
});

describe('repeated calls', () => {
  it('answer the same each time, with a Content-Length, and follow an edit of the model at once', async () => {
    let model = loadDemoModel();
    const s = await startMockServer({ model: () => model, port: 0 });
    if (!s.ok) throw new Error(s.error.message);
    const stream = `${s.value.url}${STREAM}`;
    const post = () =>
      fetch(stream, {
        method: 'POST',
        headers: { Authorization: basic('alice'), ...JSON_HEADERS },
        body: '{}',
      });
    const first = await post();
    const firstBody = await first.text();
    expect(first.status).toBe(403);
    expect(first.headers.get('content-length')).toBe(String(Buffer.byteLength(firstBody)));
    expect(first.headers.get('transfer-encoding')).toBeNull();
    const again = await post();
    expect([again.status, await again.text()]).toEqual([403, firstBody]);
    // The Thing-level Deny removed: the next identical call is decided on the edited model.
    const edited = applyChanges(model, [REMOVE_ANALYSTS_DENY]);
    if (!edited.ok) throw new Error(edited.error.message);
    model = edited.model;
    expect((await post()).status).not.toBe(403);
    const entries = s.value.entries();
    expect(entries[0]?.explanation).toEqual(entries[1]?.explanation);
    await s.value.close();
  });
});

describe('app keys in the header and in the query', () => {
  it('answer 200 when the key is allowed from this address; ?appKey= is refused under rejectAppKeyInUrl', async () => {
    const open = keyOpen(loadDemoModel());
    const s = await startMockServer({ model: open, port: 0 });
    const strict = await startMockServer({
      model: { ...open, semantics: { ...open.semantics, rejectAppKeyInUrl: true } },
      port: 0,
    });
    if (!s.ok || !strict.ok) throw new Error('cannot start');
    try {
      const header = await fetch(`${s.value.url}${TEMP}`, { headers: { appKey: 'analyst-key' } });
      const query = await fetch(`${s.value.url}${TEMP}?appKey=analyst-key`);
      expect([header.status, query.status]).toEqual([200, 200]);
      const refused = await fetch(`${strict.value.url}${TEMP}?appKey=analyst-key`);
      expect(refused.status).toBe(401);
      expect(await refused.text()).toBe('ApplicationKey Is Not Allowed As A URL Parameter');
      expect(s.value.entries()[0]?.caller).toBe('appKey:analyst-key');
    } finally {
      await s.value.close();
      await strict.value.close();
    }
  });
});

describe('permsim mock --scenario (compare mode)', () => {
  it('answers with the scenario, marks gained and revoked calls and prints the summary on exit', async () => {
    let out = '';
    const io = {
      out: (t: string) => void (out += t),
      err: (t: string) => void (out += t),
      errIsTTY: false,
    };
    let stop!: () => void;
    const stopped = new Promise<void>(r => (stop = r));
    const done = runMock(DEMO_PATH, { scenario: SCENARIO, port: '0' }, io, stopped);
    // The server prints its URL once it listens.
    while (!/Listening on (\S+)\/Thingworx/.test(out)) await new Promise(r => setTimeout(r, 20));
    const url = /Listening on (\S+)\/Thingworx/.exec(out)?.[1] ?? '';
    const bobStream = () =>
      fetch(`${url}${STREAM}`, {
        method: 'POST',
        headers: { Authorization: basic('bob'), ...JSON_HEADERS },
        body: '{}',
      });
    expect((await bobStream()).status).toBe(403);
    expect((await bobStream()).status).toBe(403);
    expect((await fetch(`${url}${TEMP}`, { headers: { appKey: 'analyst-key' } })).status).toBe(200);
    expect(
      (await fetch(`${url}${TEMP}`, { headers: { Authorization: basic('alice') } })).status,
    ).toBe(200);
    stop();
    expect(await done).toBe(0);
    expect(out).toContain('[REVOKED: baseline 200]');
    expect(out).toContain(
      '4 request(s), 3 answered differently than the baseline would (2 revoked, 1 gained, 0 changed)',
    );
    expect(out).toContain(`  revoked bob POST ${STREAM}: 200 -> 403 (2 times)`);
    expect(out).toContain(`  gained  appKey:analyst-key GET ${TEMP}: 401 -> 200`);
  });
});

describe('permsim mock --record', () => {
  it('turns the calls received into a permission-test file that permsim test passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'permsim-record-'));
    const file = join(dir, 'recorded.permsim-test.yaml');
    let out = '';
    const io = {
      out: (t: string) => void (out += t),
      err: (t: string) => void (out += t),
      errIsTTY: false,
    };
    let stop!: () => void;
    const stopped = new Promise<void>(r => (stop = r));
    const done = runMock(DEMO_PATH, { record: file, port: '0' }, io, stopped);
    while (!/Listening on (\S+)\/Thingworx/.test(out)) await new Promise(r => setTimeout(r, 20));
    const url = /Listening on (\S+)\/Thingworx/.exec(out)?.[1] ?? '';
    const post = (user: string) =>
      fetch(`${url}${STREAM}`, {
        method: 'POST',
        headers: { Authorization: basic(user), ...JSON_HEADERS },
        body: '{"rows": 10}',
      });
    await post('alice');
    await post('bob');
    await post('bob');
    await fetch(`${url}${TEMP}?appKey=analyst-key`);
    await fetch(`${url}${TEMP}`, { headers: { Authorization: basic('dana') } });
    await fetch(`${url}/Thingworx/Things/Missing`, { headers: { Authorization: basic('dana') } });
    stop();
    expect(await done).toBe(0);
    try {
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('model: ../');
      expect(text).toContain('appKeyVia: query');
      expect(text.match(/^ {2}- name:/gm)?.length).toBe(5);
      let report = '';
      const code = await runTest([file], {
        out: t => void (report += t),
        err: t => void (report += t),
        errIsTTY: false,
      });
      expect(report).toMatch(/5 passed/);
      expect(code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('permsim mock --host', () => {
  it('warns when it listens beyond this machine, and refuses a bad port before starting', async () => {
    let out = '';
    const io = {
      out: (t: string) => void (out += t),
      err: (t: string) => void (out += t),
      errIsTTY: false,
    };
    expect(await runMock(DEMO_PATH, { port: '99999' }, io)).toBe(2);
    expect(out).toContain('--port must be a whole number from 0 to 65535');
    out = '';
    const code = await runMock(DEMO_PATH, { host: '0.0.0.0', port: '0' }, io, Promise.resolve());
    expect(code).toBe(0);
    expect(out).toContain('WARNING: listening on 0.0.0.0, not only on this machine');
  });
});
