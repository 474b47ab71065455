/**
 * The Traffic view's "Save ticked as requests" (docs/stand-in-server.md "In the app"): log rows
 * become saved requests expecting the status they got; rows the engine did not decide are left out.
 */
import { describe, expect, it } from 'vitest';
import type { TrafficEntry } from '../../../shared/contract';
import { savedFromLog } from '../../../renderer/src/traffic/saved-from-log';

const row = (seq: number, over: Partial<TrafficEntry>): TrafficEntry => ({
  seq,
  time: '2026-12-07T10:00:00.000Z',
  method: 'GET',
  url: '/Thingworx/Things/T/Properties/p',
  clientIp: '127.0.0.1',
  caller: 'alice',
  status: 200,
  outcome: 'allowed',
  evaluated: true,
  notes: [],
  explanation: [],
  unknowns: [],
  ...over,
});

describe('log rows as saved requests', () => {
  it('keeps the caller, the call, the body, the address and the status; one request per distinct call', () => {
    const r = savedFromLog([
      row(1, { method: 'POST', url: '/Thingworx/Things/T/Services/S', body: {}, status: 403 }),
      row(2, { caller: 'appKey:k1', appKeyVia: 'query', clientIp: '10.0.0.5' }),
      row(3, { caller: 'anonymous', status: 401 }),
      row(4, { method: 'POST', url: '/Thingworx/Things/T/Services/S', body: {}, status: 403 }),
      row(5, { evaluated: false, status: 403 }),
    ]);
    expect(r.leftOut).toBe(1);
    expect(r.requests).toEqual([
      {
        as: 'alice',
        call: 'POST /Thingworx/Things/T/Services/S',
        body: {},
        expect: { status: 403 },
        note: 'recorded by the stand-in server (request 1)',
      },
      {
        appKey: 'k1',
        appKeyVia: 'query',
        call: 'GET /Thingworx/Things/T/Properties/p',
        ip: '10.0.0.5',
        expect: { status: 200 },
        note: 'recorded by the stand-in server (request 2)',
      },
      {
        noAuth: true,
        call: 'GET /Thingworx/Things/T/Properties/p',
        expect: { status: 401 },
        note: 'recorded by the stand-in server (request 3)',
      },
    ]);
  });
});
