/**
 * Scenarios (architecture.md §4, model-format.md "Scenarios"): a name, a baseline, an ordered list
 * of changes and the cells to watch. Run one against its baseline (the diff of all changes),
 * replay it step by step (the diff each change makes), or compare two scenarios (the diff between
 * their end states).
 *
 * @example
 * const r = runScenario(baseline, { name: 'Analysts get the stream', changes, watch: { users: ['alice'], calls: ['POST /Thingworx/Things/SensorDataStream/Services/GetDataStream'] } });
 * if (r.ok) r.value.diff.counts.gained; // 1
 */
import type { Model } from '../model/types';
import type { WhatIfChange } from './change';
import { parseIPv4 } from '../rest/ip-allowlist';
import type { Caller } from './cells';
import { diffModels, scenarioModels, scenarioSteps } from './core';
import type { DiffOptions, DiffScope, WhatIfDiff } from './diff';

export type ScenarioWatch = {
  /**
   * User names; `appKey:<name>` watches an application key from every address its allowlist
   * distinguishes, `appKey:<name>@<address>` from that client address only.
   */
  users: string[];
  calls: string[];
};

export type Scenario = {
  name: string;
  /** Baseline model file, relative to the scenario file (CLI); the project's model in the app. */
  baseline?: string;
  changes: WhatIfChange[];
  watch?: ScenarioWatch;
};

export type ScenarioError = { code: string; message: string; index?: number };
export type ScenarioResult<T> = { ok: true; value: T } | { ok: false; error: ScenarioError };

export type ScenarioRun = {
  scenario: string;
  /** One line per change applied. */
  changes: string[];
  /** Steps applied (all of them unless `upTo` was given). */
  applied: number;
  diff: WhatIfDiff;
};

/**
 * Watch users as diff callers: a user name, `appKey:k1` (every address) or `appKey:k1@10.1.2.3`.
 *
 * @example
 * watchCallers(['alice', 'appKey:analyst-key@10.1.2.3']); // [{ type: 'user', name: 'alice' }, { type: 'appKey', name: 'analyst-key', ip: '10.1.2.3' }]
 */
export function watchCallers(users: readonly string[]): Caller[] {
  return users.map(u => {
    if (!u.startsWith('appKey:'))
      return { type: 'user' as const, name: u.startsWith('user:') ? u.slice(5) : u };
    const rest = u.slice(7);
    // The last `@` starts an address only when an address follows (a key name may hold an `@`).
    const at = rest.lastIndexOf('@');
    const ip = at >= 0 ? rest.slice(at + 1).trim() : '';
    return at > 0 && (parseIPv4(ip) !== undefined || ip.includes(':'))
      ? { type: 'appKey' as const, name: rest.slice(0, at), ip }
      : { type: 'appKey' as const, name: rest };
  });
}

/** The scope a scenario asks for: its watch list, else every caller on the affected entities. */
export function scenarioScope(s: Pick<Scenario, 'watch'>): DiffScope {
  return s.watch && s.watch.calls.length > 0
    ? {
        kind: 'watch',
        ...(s.watch.users.length > 0 ? { callers: watchCallers(s.watch.users) } : {}),
        calls: s.watch.calls,
      }
    : s.watch && s.watch.users.length > 0
      ? { kind: 'affected', callers: watchCallers(s.watch.users) }
      : { kind: 'affected' };
}

/**
 * Applies the scenario's changes (the first `upTo`, default all) to the baseline and diffs.
 *
 * @example
 * runScenario(model, scenario, { upTo: 1 }); // the effect of the first change only
 */
export function runScenario(
  baseline: Model,
  scenario: Scenario,
  opts: DiffOptions & { upTo?: number; scope?: DiffScope } = {},
): ScenarioResult<ScenarioRun> {
  const m = scenarioModels(baseline, scenario, opts.upTo === undefined ? {} : { upTo: opts.upTo });
  if (!m.ok) return m;
  const d = diffModels(m.value.before, m.value.after, opts.scope ?? scenarioScope(scenario), opts);
  if (!d.ok) return { ok: false, error: d.error };
  return {
    ok: true,
    value: {
      scenario: scenario.name,
      changes: m.value.changes,
      applied: m.value.applied,
      diff: d.value,
    },
  };
}

export type ScenarioStep = { index: number; change: string; diff: WhatIfDiff };

/**
 * Replays a scenario: the diff of each change against the state before it.
 *
 * @example
 * const r = replayScenario(baseline, scenario);
 * if (r.ok) r.value.map(s => s.diff.counts.total);
 */
export function replayScenario(
  baseline: Model,
  scenario: Scenario,
  opts: DiffOptions & { scope?: DiffScope } = {},
): ScenarioResult<ScenarioStep[]> {
  const steps = scenarioSteps(baseline, scenario);
  if (!steps.ok) return steps;
  const out: ScenarioStep[] = [];
  for (const step of steps.value) {
    const d = diffModels(step.before, step.after, opts.scope ?? scenarioScope(scenario), opts);
    if (!d.ok) return { ok: false, error: d.error };
    out.push({ index: step.index, change: step.change, diff: d.value });
  }
  return { ok: true, value: out };
}

/**
 * Compares two scenarios: the diff between their end states (a's as "before", b's as "after").
 *
 * @example
 * compareScenarios(baseline, a, b, { kind: 'affected' });
 */
export function compareScenarios(
  baseline: Model,
  a: Scenario,
  b: Scenario,
  scope: DiffScope,
  opts: DiffOptions = {},
): ScenarioResult<WhatIfDiff> {
  const m = scenarioModels(baseline, b, { against: a, named: true });
  if (!m.ok) return m;
  const d = diffModels(m.value.before, m.value.after, scope, opts);
  return d.ok ? d : { ok: false, error: d.error };
}
