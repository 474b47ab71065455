/**
 * The stand-in's request log (docs/stand-in-server.md "The log"): one entry per request with the
 * caller, the call, the status and the decision's explanation; in compare mode also the baseline's
 * status and whether the answer would change. The CLI prints one line per entry, `--log FILE`
 * writes them as JSON lines, and the compare summary counts the changed calls.
 *
 * @example
 * formatLogLine(entry); // '11:02:03 403 alice POST /Thingworx/Things/T/Services/S  Not authorized for ...'
 */
import type { TrafficEntry } from '../../shared/contract';
import type { MockAnswer, MockCaller } from './respond';

/** How an answer differs from the baseline's (compare mode). */
export type MockChange = NonNullable<TrafficEntry['change']>;

/** One log entry (its fields are documented with the contract type, shared/contract.ts). */
export type MockLogEntry = TrafficEntry;

export const callerLabel = (c: MockCaller): string =>
  c.type === 'none' ? 'anonymous' : c.type === 'appKey' ? `appKey:${c.name}` : c.name;

/**
 * How the scenario's answer differs from the baseline's: a success that becomes a refusal is
 * revoked, the reverse gained, any other difference in status or body changed.
 *
 * @example
 * changeOf({ status: 200, body: '' }, { status: 403, body: 'Not authorized…' }); // 'revoked'
 */
export function changeOf(
  baseline: Pick<MockAnswer, 'status' | 'body'>,
  scenario: Pick<MockAnswer, 'status' | 'body'>,
): MockChange | undefined {
  const okBefore = baseline.status < 400;
  const okAfter = scenario.status < 400;
  if (okBefore && !okAfter) return 'revoked';
  if (!okBefore && okAfter) return 'gained';
  if (baseline.status !== scenario.status || baseline.body !== scenario.body) return 'changed';
  return undefined;
}

export function logEntry(
  seq: number,
  time: Date,
  req: { method: string; url: string; clientIp: string },
  a: MockAnswer,
  baseline?: MockAnswer,
): MockLogEntry {
  const e: MockLogEntry = {
    seq,
    time: time.toISOString(),
    method: req.method.toUpperCase(),
    url: req.url,
    clientIp: req.clientIp,
    caller: callerLabel(a.caller),
    status: a.status,
    outcome: a.outcome,
    evaluated: a.decision !== undefined,
    notes: a.notes,
    explanation: a.explanation,
    unknowns: a.decision?.unknowns ?? [],
  };
  if (a.status >= 400) e.error = a.body;
  if (a.request?.body !== undefined) e.body = a.request.body;
  if (a.caller.type === 'appKey') e.appKeyVia = a.caller.via;
  if (a.entity !== undefined) e.entity = a.entity;
  if (a.simulated !== undefined) e.simulated = a.simulated;
  if (a.effect)
    e.sessionChange =
      "the call changed the stand-in's permissions for this session: later calls see the change; the model file is unchanged";
  if (baseline) {
    e.baseline = { status: baseline.status, outcome: baseline.outcome };
    const change = changeOf(baseline, a);
    if (change) e.change = change;
  }
  return e;
}

/** Explanations already written as JSON: answers to a repeated call share one (respond.ts). */
const EXPLANATION_JSON = new WeakMap<MockLogEntry['explanation'], string>();

/**
 * The entry as one JSON line of the log file. The explanation is most of a line (about 2.5 KB) and
 * the same array for every answer to a repeated call, so its JSON text is made once and spliced in;
 * the line parses to the same entry as `JSON.stringify(e)` would give.
 */
export function logLine(e: MockLogEntry): string {
  const { explanation, ...rest } = e;
  let text = EXPLANATION_JSON.get(explanation);
  if (text === undefined) {
    text = JSON.stringify(explanation);
    EXPLANATION_JSON.set(explanation, text);
  }
  // `rest` always has `seq`, so its JSON ends with '}' after at least one member.
  return `${JSON.stringify(rest).slice(0, -1)},"explanation":${text}}\n`;
}

/** The step that ended the call (or the last one), for the one-line summary. */
function reason(e: MockLogEntry): string {
  const s =
    e.explanation.find(x => x.verdict === 'fail') ??
    (e.outcome === 'unknown' ? e.explanation.find(x => x.verdict === 'unknown') : undefined);
  if (e.simulated) return `simulated: ${e.simulated}`;
  if (!s) return '';
  return s.text.length > 140 ? `${s.text.slice(0, 139)}…` : s.text;
}

/**
 * One line for the terminal: time, status, UNKNOWN when the answer is not known, caller, call,
 * the compare verdict, and why.
 */
export function formatLogLine(e: MockLogEntry): string {
  const time = e.time.slice(11, 19);
  const unknown = e.outcome === 'unknown' ? ' UNKNOWN' : '';
  const change = e.change ? ` [${e.change.toUpperCase()}: baseline ${e.baseline?.status}]` : '';
  const changed = e.sessionChange ? ' [MODEL CHANGED FOR THIS SESSION]' : '';
  const why = reason(e);
  return `${time} ${e.status}${unknown} ${e.caller} ${e.method} ${e.url}${change}${changed}${why ? `  ${why}` : ''}`;
}

/** Compare mode: every distinct call whose answer would change, with how often it was made. */
export type CompareSummary = {
  requests: number;
  changed: number;
  counts: Record<MockChange, number>;
  calls: {
    change: MockChange;
    caller: string;
    method: string;
    url: string;
    baseline: number;
    status: number;
    times: number;
  }[];
};

export class CompareTally {
  private requests = 0;
  private readonly calls = new Map<string, CompareSummary['calls'][number]>();
  add(e: MockLogEntry): void {
    this.requests++;
    if (!e.change || !e.baseline) return;
    const key = JSON.stringify([e.change, e.caller, e.method, e.url, e.baseline.status, e.status]);
    const c = this.calls.get(key);
    if (c) c.times++;
    else
      this.calls.set(key, {
        change: e.change,
        caller: e.caller,
        method: e.method,
        url: e.url,
        baseline: e.baseline.status,
        status: e.status,
        times: 1,
      });
  }
  summary(): CompareSummary {
    const calls = [...this.calls.values()];
    const counts: Record<MockChange, number> = { gained: 0, revoked: 0, changed: 0 };
    for (const c of calls) counts[c.change] += c.times;
    return {
      requests: this.requests,
      changed: counts.gained + counts.revoked + counts.changed,
      counts,
      calls,
    };
  }
}

/**
 * The summary the CLI prints on exit in compare mode.
 *
 * @example
 * formatCompareSummary(s, 'grant-analysts.yaml');
 */
export function formatCompareSummary(s: CompareSummary, scenario: string): string {
  const lines = [
    `Compare summary (scenario ${scenario}): ${s.requests} request(s), ${s.changed} answered differently than the baseline would (${s.counts.revoked} revoked, ${s.counts.gained} gained, ${s.counts.changed} changed).`,
  ];
  const order: MockChange[] = ['revoked', 'gained', 'changed'];
  for (const change of order)
    for (const c of s.calls.filter(x => x.change === change))
      lines.push(
        `  ${change.padEnd(7)} ${c.caller} ${c.method} ${c.url}: ${c.baseline} -> ${c.status}${c.times > 1 ? ` (${c.times} times)` : ''}`,
      );
  return `${lines.join('\n')}\n`;
}
