import { describe, expect, it } from 'vitest';
import { parseCallText } from '../../../renderer/src/lib/call-text';
import { buildRequest, type AskForm } from '../../../renderer/src/stores/ask-form';

describe('the Ask call box', () => {
  it('splits "METHOD PATH" as a person types it, case-insensitively', () => {
    expect(
      parseCallText(' post /Thingworx/Things/SensorDataStream/Services/GetDataStream '),
    ).toEqual({
      ok: true,
      method: 'POST',
      path: '/Thingworx/Things/SensorDataStream/Services/GetDataStream',
    });
  });
  it('takes a bare path as GET', () => {
    expect(parseCallText('/Thingworx/Things/T1')).toEqual({
      ok: true,
      method: 'GET',
      path: '/Thingworx/Things/T1',
    });
  });
  it('names an unknown method and the methods it accepts', () => {
    const r = parseCallText('FETCH /Thingworx/Things/T1');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('Unknown HTTP method "FETCH"');
  });
  it('asks for a leading slash', () => {
    const r = parseCallText('GET Thingworx/Things/T1');
    expect(!r.ok && r.message).toContain('must start with "/"');
  });
});

const form = (over: Partial<AskForm>): AskForm => ({
  authMode: 'user',
  user: 'alice',
  password: '',
  appKey: '',
  appKeyVia: 'header',
  callText: 'GET /Thingworx/Things/T1/Properties/p',
  body: '',
  clientIp: '',
  at: '',
  ...over,
});

describe('the Ask form becomes a RestRequest', () => {
  it('Basic auth as the picked user, password omitted = the correct one (§3.11)', () => {
    expect(buildRequest(form({}))).toEqual({
      ok: true,
      request: {
        method: 'GET',
        path: '/Thingworx/Things/T1/Properties/p',
        credentials: { type: 'basic', user: 'alice' },
      },
    });
  });
  it('an app key in the header or the query (§3.10)', () => {
    const r = buildRequest(form({ authMode: 'appKey', appKey: 'analyst-key', appKeyVia: 'query' }));
    expect(r.ok && r.request.credentials).toEqual({
      type: 'appKey',
      key: 'analyst-key',
      via: 'query',
    });
  });
  it('no authentication', () => {
    const r = buildRequest(form({ authMode: 'none' }));
    expect(r.ok && r.request.credentials).toEqual({ type: 'none' });
  });
  it('a JSON body, client IP and time are passed on', () => {
    const r = buildRequest(
      form({ body: '{"maxItems": 3}', clientIp: '10.1.2.3', at: '2026-03-01T09:00:00Z' }),
    );
    expect(r.ok && r.request).toMatchObject({
      body: { maxItems: 3 },
      clientIp: '10.1.2.3',
      at: '2026-03-01T09:00:00Z',
    });
  });
  it('bad JSON and a bad time are explained', () => {
    const a = buildRequest(form({ body: '{maxItems: 3}' }));
    expect(!a.ok && a.message).toContain('The body is not valid JSON');
    const b = buildRequest(form({ at: 'next tuesday' }));
    expect(!b.ok && b.message).toContain('"next tuesday" is not an ISO-8601 date');
  });
});
