/**
 * The Ask form's values and how they become a RestRequest (pure: no store, no DOM).
 *
 * @example
 * buildRequest({ ...form, authMode: 'user', user: 'alice', callText: 'GET /Thingworx/Things/T1' });
 * // { ok: true, request: { method: 'GET', path: '/Thingworx/Things/T1', credentials: { type: 'basic', user: 'alice' } } }
 */
import type { RestRequest } from '../../../shared/model/decision';
import { parseCallText } from '../lib/call-text';

export type AuthMode = 'user' | 'appKey' | 'none';

export type AskForm = {
  authMode: AuthMode;
  user: string;
  password: string;
  appKey: string;
  appKeyVia: 'header' | 'query';
  callText: string;
  body: string;
  clientIp: string;
  at: string;
};

export function buildRequest(
  f: AskForm,
): { ok: true; request: RestRequest } | { ok: false; message: string } {
  const call = parseCallText(f.callText);
  if (!call.ok) return call;
  let credentials: RestRequest['credentials'];
  if (f.authMode === 'user') {
    if (f.user === '')
      return {
        ok: false,
        message: 'Pick the user the call is made as (or choose an app key or no authentication).',
      };
    credentials =
      f.password === ''
        ? { type: 'basic', user: f.user }
        : { type: 'basic', user: f.user, password: f.password };
  } else if (f.authMode === 'appKey') {
    if (f.appKey === '')
      return { ok: false, message: 'Pick the application key the call carries.' };
    credentials = { type: 'appKey', key: f.appKey, via: f.appKeyVia };
  } else {
    credentials = { type: 'none' };
  }
  const request: RestRequest = { method: call.method, path: call.path, credentials };
  if (f.body.trim() !== '') {
    try {
      request.body = JSON.parse(f.body) as unknown;
    } catch (e) {
      return {
        ok: false,
        message: `The body is not valid JSON: ${e instanceof Error ? e.message : String(e)}.`,
      };
    }
  }
  if (f.clientIp.trim() !== '') request.clientIp = f.clientIp.trim();
  if (f.at.trim() !== '') {
    const at = f.at.trim();
    if (Number.isNaN(Date.parse(at)))
      return {
        ok: false,
        message: `The time "${at}" is not an ISO-8601 date, e.g. 2026-03-01T09:00:00Z.`,
      };
    request.at = at;
  }
  return { ok: true, request };
}
