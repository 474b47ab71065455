/**
 * Saved requests of the model (`requests:` in the file) as RestRequests, and their expectations as
 * pass/fail: the one rule of shared/model/saved-request.ts that `permsim test` applies too.
 *
 * @example
 * const r = savedToRestRequest({ as: 'alice', call: 'POST /Thingworx/Things/S/Services/GetDataStream' });
 * r.ok && r.request.credentials; // { type: 'basic', user: 'alice' }
 */
import type { Decision, RestRequest } from '../../../shared/model/decision';
import type { SavedRequest } from '../../../shared/model/types';
import {
  checkExpectation as checkSaved,
  savedToRequest,
} from '../../../shared/model/saved-request';
import { parseCallText } from './call-text';

export { credentialsLabel } from '../../../shared/model/saved-request';

export function savedToRestRequest(
  s: SavedRequest,
): { ok: true; request: RestRequest } | { ok: false; message: string } {
  // The Ask form's own parser gives the UI's wording for a malformed call line.
  const call = parseCallText(s.call);
  if (!call.ok) return call;
  const r = savedToRequest(s);
  return r.ok ? { ok: true, request: r.value } : { ok: false, message: r.error.message };
}

export type Expectation = { verdict: 'pass' | 'fail' | 'none'; reason: string };

export function checkExpectation(s: SavedRequest, d: Decision): Expectation {
  if (!s.expect || (s.expect.status === undefined && s.expect.body === undefined)) {
    return { verdict: 'none', reason: `no expectation; answered ${d.status}` };
  }
  const r = checkSaved(s.expect, d);
  return r.pass
    ? { verdict: 'pass', reason: `expected ${r.expected}; got ${d.status}` }
    : { verdict: 'fail', reason: `expected ${r.expected}; got ${r.actual}` };
}
