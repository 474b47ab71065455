/**
 * Saved requests (`requests:` of a model) evaluated for a report: the call, who made it, the answer,
 * the expectation check and the explanation in words. Credentials and expectations follow the one
 * rule of shared/model/saved-request.ts (status equal, body contains `expect.body`), as `permsim test`.
 *
 * @example
 * const rows = savedRequestReports(model, '2026-01-01T00:00:00Z');
 * rows[0]?.status; // 403
 */
import { evaluate } from '../engine/index';
import { stepText } from './step-text';
import { withGrantProvenance } from '../apps/provenance';
import type { Decision } from '../model/decision';
import { checkExpectation, savedToRequest } from '../model/saved-request';
import type { Model, SavedRequest } from '../model/types';
import type { RequestReport } from './types';

/** Who a saved request calls as, in words. */
export function callerLabel(s: SavedRequest): string {
  if (s.noAuth) return 'no credentials';
  if (s.appKey) return `app key ${s.appKey}${s.appKeyVia === 'query' ? ' (in URL)' : ''}`;
  return s.as ? `user ${s.as}` : 'no credentials';
}

function expectation(s: SavedRequest, d: Decision): RequestReport['expectation'] {
  if (!s.expect || (s.expect.status === undefined && s.expect.body === undefined)) return null;
  const r = checkExpectation(s.expect, d);
  return { expected: r.expected, pass: r.pass };
}

/** Every saved request of the model, evaluated; each with its decision for inference collection. */
export function evaluateSavedRequests(
  model: Model,
  now: string | undefined,
): { report: RequestReport; decision: Decision | null }[] {
  return model.requests.map((s, i) => {
    const base = { index: i + 1, call: s.call, caller: callerLabel(s), note: s.note ?? null };
    const parsed = savedToRequest(s);
    if (!parsed.ok) {
      return {
        report: {
          ...base,
          status: 0,
          outcome: 'unknown',
          body: '',
          expectation: null,
          explanation: [],
          optionsUsed: [],
          unknowns: [],
          error: parsed.error.message,
        },
        decision: null,
      };
    }
    // As engine:ask answers: an entry written by a context-manager call is named by it (§7.14).
    const d = withGrantProvenance(model, evaluate(model, parsed.value, now ? { now } : {}));
    return {
      report: {
        ...base,
        status: d.status,
        outcome: d.outcome,
        body: d.body,
        expectation: expectation(s, d),
        explanation: d.explanation.map(stepText),
        optionsUsed: [...d.optionsUsed],
        unknowns: [...d.unknowns],
        error: null,
      },
      decision: d,
    };
  });
}
