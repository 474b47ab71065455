/**
 * Saved requests (`requests:` of a model) evaluated for a report: the call, who made it, the answer,
 * the expectation check and the explanation in words. Same credential and expectation rules as the
 * CLI's `permsim test` (main/api/saved-request.ts: status equal, body contains `expect.body`); kept
 * here too because shared/ may not import main/.
 *
 * @example
 * const rows = savedRequestReports(model, '2026-01-01T00:00:00Z');
 * rows[0]?.status; // 403
 */
import { evaluate } from '../engine/index';
import type { Decision, RestRequest } from '../engine/decision';
import type { Model, SavedRequest } from '../model/types';
import type { RequestReport } from './types';

type Parsed = { ok: true; request: RestRequest } | { ok: false; message: string };

function toRequest(s: SavedRequest): Parsed {
  const m = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(s.call);
  if (!m) return { ok: false, message: `"${s.call}" is not a call: expected METHOD PATH` };
  const credentials: RestRequest['credentials'] = s.noAuth
    ? { type: 'none' }
    : s.appKey
      ? { type: 'appKey', key: s.appKey, via: s.appKeyVia ?? 'header' }
      : s.as
        ? s.password === undefined ? { type: 'basic', user: s.as } : { type: 'basic', user: s.as, password: s.password }
        : { type: 'none' };
  const request: RestRequest = { method: (m[1] as string).toUpperCase(), path: m[2] as string, credentials };
  if (s.body !== undefined) request.body = s.body;
  if (s.ip) request.clientIp = s.ip;
  if (s.at) request.at = s.at;
  return { ok: true, request };
}

/** Who a saved request calls as, in words. */
export function callerLabel(s: SavedRequest): string {
  if (s.noAuth) return 'no credentials';
  if (s.appKey) return `app key ${s.appKey}${s.appKeyVia === 'query' ? ' (in URL)' : ''}`;
  return s.as ? `user ${s.as}` : 'no credentials';
}

function expectation(s: SavedRequest, d: Decision): RequestReport['expectation'] {
  if (!s.expect || (s.expect.status === undefined && s.expect.body === undefined)) return null;
  const parts: string[] = [];
  let pass = true;
  if (s.expect.status !== undefined) {
    parts.push(`status ${s.expect.status}`);
    if (s.expect.status !== d.status) pass = false;
  }
  if (s.expect.body !== undefined) {
    parts.push(`body containing ${JSON.stringify(s.expect.body)}`);
    if (!d.body.includes(s.expect.body)) pass = false;
  }
  return { expected: parts.join(' and '), pass };
}

/** Every saved request of the model, evaluated; each with its decision for inference collection. */
export function evaluateSavedRequests(model: Model, now: string | undefined): { report: RequestReport; decision: Decision | null }[] {
  return model.requests.map((s, i) => {
    const base = { index: i + 1, call: s.call, caller: callerLabel(s), note: s.note ?? null };
    const parsed = toRequest(s);
    if (!parsed.ok) {
      return {
        report: { ...base, status: 0, outcome: 'unknown', body: '', expectation: null, explanation: [], optionsUsed: [], unknowns: [], error: parsed.message },
        decision: null,
      };
    }
    const d = evaluate(model, parsed.request, now ? { now } : {});
    return {
      report: {
        ...base,
        status: d.status,
        outcome: d.outcome,
        body: d.body,
        expectation: expectation(s, d),
        explanation: d.explanation.map(st => ({ kind: st.kind, verdict: st.verdict, text: st.text, details: [...st.details], cites: [...st.cites] })),
        optionsUsed: [...d.optionsUsed],
        unknowns: [...d.unknowns],
        error: null,
      },
      decision: d,
    };
  });
}
