/**
 * The correctness gate that runs before any timing (performance.md §7, architecture.md §3 "Two
 * evaluators"): the indexed and the reference evaluator must return identical verdicts (including
 * the order of `decided`/`lost`), and node-casbin must agree with both on its fair subset. The first
 * disagreement is returned with the cell, so the run can print it and stop.
 *
 * @example
 * const d = compareDeciders(indexed, reference, cells);
 * if (d) { console.error(formatDisagreement(d)); process.exit(1); }
 */
import type { Decider } from '../shared/engine/decider';
import type { Decision, RestRequest } from '../shared/model/decision';
import type { CasbinPeer } from './casbin';
import type { RuntimeCell } from './cells';
import { deepEqual, firstDifference } from './deep-equal';

export type Disagreement = {
  /** Which comparison failed, e.g. 'runtime indexed vs reference'. */
  what: string;
  cell: unknown;
  left: unknown;
  right: unknown;
  /** First differing path inside the two values. */
  where: string;
};

type Progress = (done: number) => void;

/** Visibility and run-time verdicts of every cell, and `principals` of every distinct user. */
export function compareDeciders(
  indexed: Decider,
  reference: Decider,
  cells: readonly RuntimeCell[],
  onProgress?: Progress,
): Disagreement | undefined {
  const users = new Set<string>();
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as RuntimeCell;
    if (!users.has(cell.user)) {
      users.add(cell.user);
      const a = indexed.principals(cell.user);
      const b = reference.principals(cell.user);
      if (!deepEqual(a, b))
        return {
          what: 'principals: indexed vs reference',
          cell: { user: cell.user },
          left: a,
          right: b,
          where: firstDifference(a, b) ?? '',
        };
    }
    const va = indexed.visibility(cell.user, cell.target);
    const vb = reference.visibility(cell.user, cell.target);
    if (!deepEqual(va, vb))
      return {
        what: 'visibility: indexed vs reference',
        cell,
        left: va,
        right: vb,
        where: firstDifference(va, vb) ?? '',
      };
    const ra = indexed.runtime(cell.user, cell.target, cell.check);
    const rb = reference.runtime(cell.user, cell.target, cell.check);
    if (!deepEqual(ra, rb))
      return {
        what: 'runtime: indexed vs reference',
        cell,
        left: ra,
        right: rb,
        where: firstDifference(ra, rb) ?? '',
      };
    if (onProgress && (i & 255) === 255) onProgress(i + 1);
  }
  onProgress?.(cells.length);
  return undefined;
}

/**
 * casbin's answer against both evaluators' run-time `allowed`, on cells inside casbin's subset
 * and with the evaluators built on `casbinPeerSemantics(model)`.
 */
export function compareCasbin(
  peer: CasbinPeer,
  indexed: Decider,
  reference: Decider,
  cells: readonly RuntimeCell[],
  onProgress?: Progress,
): Disagreement | undefined {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as RuntimeCell;
    const c = peer.check(cell.user, cell.thing, cell.check.kind);
    const ra = indexed.runtime(cell.user, cell.target, cell.check);
    const rb = reference.runtime(cell.user, cell.target, cell.check);
    if (ra.allowed !== c || rb.allowed !== c) {
      return {
        what: 'runtime allowed: casbin vs indexed/reference (global-deny subset)',
        cell,
        left: { casbin: c, indexed: ra.allowed, reference: rb.allowed },
        right: { indexedVerdict: ra, referenceVerdict: rb },
        where: 'allowed',
      };
    }
    if (onProgress && (i & 63) === 63) onProgress(i + 1);
  }
  onProgress?.(cells.length);
  return undefined;
}

/** The essence two pipelines must share (architecture.md §3): status, outcome, body and deciding key. */
export const decisionEssence = (d: Decision) => ({
  status: d.status,
  outcome: d.outcome,
  body: d.body,
  deciding: d.deciding,
});

/** The full REST pipeline driven by each evaluator, compared on its essence. */
export function compareEvaluate(
  run: (request: RestRequest, decider: Decider) => Decision,
  indexed: Decider,
  reference: Decider,
  requests: readonly RestRequest[],
  onProgress?: Progress,
): Disagreement | undefined {
  for (let i = 0; i < requests.length; i++) {
    const request = requests[i] as RestRequest;
    const a = decisionEssence(run(request, indexed));
    const b = decisionEssence(run(request, reference));
    if (!deepEqual(a, b))
      return {
        what: 'REST evaluate: indexed vs reference',
        cell: request,
        left: a,
        right: b,
        where: firstDifference(a, b) ?? '',
      };
    if (onProgress && (i & 255) === 255) onProgress(i + 1);
  }
  onProgress?.(requests.length);
  return undefined;
}

/** Human-readable report of a disagreement (printed before the non-zero exit). */
export function formatDisagreement(d: Disagreement): string {
  return [
    `DISAGREEMENT (${d.what}) at ${d.where}`,
    `  cell:  ${JSON.stringify(d.cell)}`,
    `  left:  ${JSON.stringify(d.left)}`,
    `  right: ${JSON.stringify(d.right)}`,
  ].join('\n');
}
