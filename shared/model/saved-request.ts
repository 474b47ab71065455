/**
 * Saved requests (`requests:` of a model file) as engine requests, and their expectations checked
 * against a Decision: status must be equal, and the body must contain `expect.body` (the rule the
 * Ask view's pass/fail badge uses too). One rule for the CLI (`permsim test`), the Ask view and reports.
 *
 * @example
 * const r = savedToRequest({ as: 'alice', call: 'GET /Thingworx/Things/S/Properties/temperature' });
 * r.ok && r.value.credentials; // { type: 'basic', user: 'alice' }
 */
import type { Result } from './result';
import { err, ok } from './result';
import type { Decision, RestRequest } from './decision';
import type { SavedRequest } from './types';

/** Splits `METHOD /path` into its two parts. */
export function splitCallLine(line: string): Result<{ method: string; path: string }> {
  const m = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(line);
  if (!m)
    return err(
      'invalid-argument',
      `"${line}" is not a call: expected METHOD PATH, e.g. "GET /Thingworx/Things/T1/Properties/p"`,
    );
  return ok({ method: m[1]!.toUpperCase(), path: m[2]! });
}

export function savedToRequest(s: SavedRequest): Result<RestRequest> {
  const call = splitCallLine(s.call);
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
  const request: RestRequest = { ...call.value, credentials };
  if (s.body !== undefined) request.body = s.body;
  if (s.ip) request.clientIp = s.ip;
  if (s.at) request.at = s.at;
  return ok(request);
}

export type ExpectationResult = { pass: boolean; expected: string; actual: string };

export function checkExpectation(
  expect: NonNullable<SavedRequest['expect']>,
  d: Decision,
): ExpectationResult {
  const expectedParts: string[] = [];
  let pass = true;
  if (expect.status !== undefined) {
    expectedParts.push(`status ${expect.status}`);
    if (expect.status !== d.status) pass = false;
  }
  if (expect.body !== undefined) {
    expectedParts.push(`body containing ${JSON.stringify(expect.body)}`);
    if (!d.body.includes(expect.body)) pass = false;
  }
  return {
    pass,
    expected: expectedParts.join(' and '),
    actual: `status ${d.status}, body ${JSON.stringify(d.body)}`,
  };
}

/** Who a saved request calls as, in words. */
export function credentialsLabel(s: SavedRequest): string {
  if (s.noAuth) return 'no auth';
  if (s.appKey) return `app key ${s.appKey}${s.appKeyVia === 'query' ? ' (in URL)' : ''}`;
  return s.as ? `as ${s.as}` : 'no auth';
}
