/**
 * The app's stand-in ThingWorx through the handler map (`mock:*`, docs/stand-in-server.md "In the
 * app"): bad arguments are refused with a message, a started stand-in answers with the project's
 * current model (an edit changes its answers), its traffic is read back, turned into tests, and it
 * stops when another project is opened.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createHandlers, openModelSession } from '../../../main/api';
import type { HandlerMap } from '../../../main/api';
import { DEMO_PATH } from '../demo-model';

let dir: string;
let api: HandlerMap;
const basic = `Basic ${Buffer.from('alice:any').toString('base64')}`;
const STREAM = '/Thingworx/Things/SensorDataStream/Services/GetDataStream';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-mock-api-'));
  const s = openModelSession(DEMO_PATH);
  if (!s.ok) throw new Error(s.error.message);
  api = createHandlers({ session: s.value });
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

it('refuses a bad port with a message naming it, and starts nothing', async () => {
  const r = await api.dispatch('mock:start', { port: 70000 });
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error.message).toMatch(/port.*65535/);
  const t = await api.dispatch('mock:traffic', { after: -1 });
  expect(t.ok).toBe(false);
  expect(await api.call('mock:traffic', {})).toMatchObject({ ok: true, value: { running: false } });
});

it('starts, answers real requests, reports them as traffic and as tests, and stops', async () => {
  const started = await api.call('mock:start', { port: 0 });
  if (!started.ok) throw new Error(started.error.message);
  expect(started.value.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const post = () =>
    fetch(`${started.value.url}${STREAM}`, {
      method: 'POST',
      headers: { Authorization: basic, 'Content-Type': 'application/json' },
      body: '{}',
    });
  expect((await post()).status).toBe(403);
  const traffic = await api.call('mock:traffic', {});
  if (!traffic.ok) throw new Error(traffic.error.message);
  expect(traffic.value.total).toBe(1);
  expect(traffic.value.entries[0]).toMatchObject({ caller: 'alice', status: 403 });
  expect(traffic.value.entries[0]?.decision?.body).toBe(
    'Not authorized for ServiceInvoke on GetDataStream in SensorDataStream',
  );
  const later = await api.call('mock:traffic', { after: 1 });
  expect(later.ok && later.value.entries).toEqual([]);
  const tests = await api.call('mock:tests', {});
  expect(tests.ok && tests.value.tests).toBe(1);
  expect(tests.ok && tests.value.text).toContain(`call: POST ${STREAM}`);
  const stopped = await api.call('mock:stop', {});
  expect(stopped).toEqual({ ok: true, value: { running: false } });
  await expect(post()).rejects.toThrow();
});

it('stops the stand-in when another project is opened', async () => {
  const started = await api.call('mock:start', { port: 0 });
  if (!started.ok) throw new Error(started.error.message);
  const s = openModelSession(DEMO_PATH);
  if (!s.ok) throw new Error(s.error.message);
  api.setSession(s.value);
  expect(await api.call('mock:traffic', {})).toMatchObject({ ok: true, value: { running: false } });
});

it('compares with a stored scenario: answers with it applied and counts the revoked calls', async () => {
  const saved = await api.call('whatif:save', {
    scenario: {
      name: 'take GetDataStream from bob',
      changes: [
        {
          type: 'add-entry',
          target: { level: 'entity', collection: 'Things', name: 'SensorDataStream' },
          entry: {
            family: 'runtime',
            kind: 'ServiceInvoke',
            resource: 'GetDataStream',
            principal: { type: 'user', name: 'bob' },
            allow: false,
          },
        },
      ],
    },
  });
  if (!saved.ok) throw new Error(saved.error.message);
  expect((await api.dispatch('mock:start', { port: 0, scenario: 999 })).ok).toBe(false);
  const started = await api.call('mock:start', { port: 0, scenario: saved.value.id });
  if (!started.ok) throw new Error(started.error.message);
  const r = await fetch(`${started.value.url}${STREAM}`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from('bob:any').toString('base64')}`,
      'Content-Type': 'application/json',
    },
    body: '{}',
  });
  expect(r.status).toBe(403);
  const t = await api.call('mock:traffic', {});
  expect(t.ok && t.value.compare).toEqual({
    scenario: 'take GetDataStream from bob',
    requests: 1,
    gained: 0,
    revoked: 1,
    changed: 0,
  });
  expect(t.ok && t.value.entries[0]).toMatchObject({
    change: 'revoked',
    baseline: { status: 200 },
  });
});
