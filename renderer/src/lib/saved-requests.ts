/**
 * Saved requests of the model (`requests:` in the file) as RestRequests, and their expectations as
 * pass/fail, the same rule `permsim test` applies.
 *
 * @example
 * const r = savedToRestRequest({ as: 'alice', call: 'POST /Thingworx/Things/S/Services/GetDataStream' });
 * r.ok && r.request.credentials; // { type: 'basic', user: 'alice' }
 */
import type { Decision, RestRequest } from '../../../shared/engine/decision';
import type { SavedRequest } from '../../../shared/model/types';
import { parseCallText } from './call-text';

export function savedToRestRequest(s: SavedRequest): { ok: true; request: RestRequest } | { ok: false; message: string } {
  const call = parseCallText(s.call);
  if (!call.ok) return call;
  const credentials: RestRequest['credentials'] = s.noAuth
    ? { type: 'none' }
    : s.appKey
      ? { type: 'appKey', key: s.appKey, via: s.appKeyVia ?? 'header' }
      : s.as
        ? s.password === undefined
          ? { type: 'basic', user: s.as }
          : { type: 'basic', user: s.as, password: s.password }
        : { type: 'none' };
  const request: RestRequest = { method: call.method, path: call.path, credentials };
  if (s.body !== undefined) request.body = s.body;
  if (s.ip) request.clientIp = s.ip;
  if (s.at) request.at = s.at;
  return { ok: true, request };
}

export type Expectation = { verdict: 'pass' | 'fail' | 'none'; reason: string };

export function checkExpectation(s: SavedRequest, d: Decision): Expectation {
  if (!s.expect || (s.expect.status === undefined && s.expect.body === undefined)) {
    return { verdict: 'none', reason: `no expectation; answered ${d.status}` };
  }
  if (s.expect.status !== undefined && s.expect.status !== d.status) {
    return { verdict: 'fail', reason: `expected ${s.expect.status}, got ${d.status}` };
  }
  if (s.expect.body !== undefined && !d.body.includes(s.expect.body)) {
    return { verdict: 'fail', reason: `expected the body to contain "${s.expect.body}"` };
  }
  return { verdict: 'pass', reason: `expected ${s.expect.status ?? 'body'}, got ${d.status}` };
}

export function credentialsLabel(s: SavedRequest): string {
  if (s.noAuth) return 'no auth';
  if (s.appKey) return `app key ${s.appKey}`;
  return s.as ? `as ${s.as}` : 'no auth';
}
