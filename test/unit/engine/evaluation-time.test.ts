/**
 * The evaluation time is chosen, not hidden (docs/model-format.md "Evaluation time"): a request's
 * own time, else the model's `now:`, else the current time; every answer says which. The bundled
 * demos pin `now:`, so their saved requests and every call give the same answers whatever the
 * system clock says: they are run with the clock faked years ahead and behind (§3.9 key expiry).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluate } from '../../../shared/engine/index';
import { loadModel } from '../../../shared/apps/load';
import { savedToRequest } from '../../../shared/model/saved-request';
import type { Model } from '../../../shared/model/types';
import type { RestRequest } from '../../../shared/model/decision';
import { runTest } from '../../../main/cli/test-cmd';

const DEMOS = resolve(__dirname, '..', '..', '..', 'assets', 'demos');
const demoFiles = readdirSync(DEMOS)
  .filter(f => /\.ya?ml$/.test(f))
  .map(f => join(DEMOS, f));

function load(text: string, name = 'm.yaml'): Model {
  const r = loadModel(text, name);
  if (!r.ok) throw new Error(r.errors.map(e => e.message).join('\n'));
  return r.model;
}

const KEY_MODEL = `permsim: 1
users: { alice: {} }
appKeys:
  k: { user: alice, expires: 2026-06-30T00:00:00Z }
`;
const keyCall: RestRequest = {
  method: 'GET',
  path: '/Thingworx/Things',
  credentials: { type: 'appKey', key: 'k', via: 'header' },
};

afterEach(() => {
  vi.useRealTimers();
});

/** Every answer a demo gives: its saved requests and the same calls as each of its users and keys. */
function demoAnswers(file: string) {
  const model = load(readFileSync(file, 'utf8'), file);
  const requests: RestRequest[] = [];
  for (const saved of model.requests) {
    const r = savedToRequest(saved);
    if (!r.ok) continue;
    requests.push(r.value);
    for (const user of Object.keys(model.users))
      requests.push({ ...r.value, credentials: { type: 'basic', user } });
    for (const key of Object.keys(model.appKeys))
      requests.push({
        ...r.value,
        clientIp: '10.1.2.3',
        credentials: { type: 'appKey', key, via: 'header' },
      });
  }
  return requests.map(r => {
    const d = evaluate(model, r);
    return { status: d.status, body: d.body, deciding: d.deciding, evaluatedAt: d.evaluatedAt };
  });
}

describe('evaluation time', () => {
  it('without now: a key that expired in June is refused in December (the current time decides)', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-07T08:00:00Z') });
    const d = evaluate(load(KEY_MODEL), keyCall);
    expect(d.status).toBe(401);
    expect(d.evaluatedAt).toEqual({ at: '2026-12-07T08:00:00Z', source: 'clock' });
    expect(d.explanation[0]?.text).toContain(
      'expired at 2026-06-30T00:00:00Z (evaluated at 2026-12-07T08:00:00Z (the current time))',
    );
  });

  it("the model's now: pins the time; the request's own time (--at) overrides it", () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-07T08:00:00Z') });
    const pinned = load(`${KEY_MODEL}now: 2026-03-01T00:00:00Z\n`);
    const d = evaluate(pinned, keyCall);
    expect(d.status).toBe(200);
    expect(d.evaluatedAt).toEqual({ at: '2026-03-01T00:00:00Z', source: 'model' });
    expect(d.explanation[0]?.details).toContain(
      "Valid until 2026-06-30T00:00:00Z; evaluated at 2026-03-01T00:00:00Z (the model's now:).",
    );
    const at = evaluate(pinned, { ...keyCall, at: '2026-07-01T00:00:00Z' });
    expect(at.status).toBe(401);
    expect(at.evaluatedAt?.source).toBe('request');
  });

  it('the demos pin now: and answer the same with the clock years ahead and behind', async () => {
    const today = demoFiles.map(demoAnswers);
    expect(today.flat().length).toBeGreaterThan(50);
    for (const fake of ['2041-05-05T12:00:00Z', '2003-02-02T02:00:00Z']) {
      vi.useFakeTimers({ toFake: ['Date'], now: new Date(fake) });
      expect(demoFiles.map(demoAnswers)).toEqual(today);
      let out = '';
      const code = await runTest(demoFiles, {
        out: t => void (out += t),
        err: () => undefined,
        errIsTTY: false,
      });
      expect({ fake, code, last: out.trim().split('\n').pop() }).toEqual({
        fake,
        code: 0,
        last: expect.stringMatching(/^\d+ passed, 0 failed$/),
      });
      vi.useRealTimers();
    }
  });
});
