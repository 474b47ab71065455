/**
 * Runs one permission test (./format.ts) against a model with the engine's own answers: `evaluate`
 * for a call, the queries of shared/engine/queries.ts (`whoCanAny`, `whatCalls`, `characteristicsOf`)
 * for who-can and what-can, `equipmentPermissionMap` for equipment (§7.18). Application keys are
 * asked from inside each allowlist entry and from outside (shared/whatif `keyCallers`, §3.9), so
 * "only these users and keys" misses no credential. Every result carries expected vs actual, the
 * explanation, and the expectation the current answers would give (`permsim test --update`).
 *
 * @example
 * const r = runPermTest(model, { name: 'bob reads', call: 'GET /Thingworx/Things/T1/Properties/p', as: 'bob', expect: { status: 200 } });
 * r.pass; // true or false, with r.expected / r.actual / r.explanation
 */
import { PERMISSION_CODE, equipmentPermissionMap } from '../apps/effective';
import type { Decision, RestRequest } from '../model/decision';
import { evaluate } from '../engine/index';
import { getDecider } from '../engine/index';
import { characteristicsOf, whatCalls, whoCanAny } from '../engine/queries';
import { savedToRequest } from '../model/saved-request';
import type { Model } from '../model/types';
import { keyCallers } from '../whatif/cells';
import type { CallTest, EquipmentTest, PermTest, WhatCanTest, WhoCanTest } from './format';
import { testKind } from './format';
import { own } from '../model/own';

export type PermTestResult = {
  name: string;
  kind: ReturnType<typeof testKind>;
  pass: boolean;
  expected: string;
  actual: string;
  /** The explanation of the answer (a call's steps; for who-can, why each unexpected or missing principal answers so). */
  explanation: string[];
  /** Who-can: principals that succeed but are not expected, and expected ones that do not. */
  unexpected?: string[];
  missing?: string[];
  /** The expectation today's answers give (undefined when the test cannot be evaluated). */
  current?: unknown;
  /** A problem with the test itself (unknown user, bad call line, bad regular expression). */
  error?: string;
};

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function decidingText(d: Decision): string {
  const steps = d.explanation.filter(s => s.kind === d.deciding.step);
  return (steps[steps.length - 1] ?? d.explanation[d.explanation.length - 1])?.text ?? '';
}

const stepsOf = (d: Decision) =>
  d.explanation.map(
    s => `${s.kind} (${s.verdict}): ${s.text}${s.cites.length ? ` ${s.cites.join(' ')}` : ''}`,
  );

function runCall(model: Model, t: CallTest): PermTestResult {
  const head = { name: t.name, kind: 'call' as const };
  const req = savedToRequest({
    call: t.call,
    ...(t.as !== undefined ? { as: t.as } : {}),
    ...(t.appKey !== undefined ? { appKey: t.appKey } : {}),
    ...(t.appKeyVia !== undefined ? { appKeyVia: t.appKeyVia } : {}),
    ...(t.password !== undefined ? { password: t.password } : {}),
    ...(t.noAuth ? { noAuth: true } : {}),
    ...(t.ip !== undefined ? { ip: t.ip } : {}),
    ...(t.at !== undefined ? { at: t.at } : {}),
    ...(t.body !== undefined ? { body: t.body } : {}),
  });
  if (!req.ok) return fail(head, req.error.message);
  let re: RegExp | undefined;
  if (t.expect.body !== undefined) {
    try {
      re = new RegExp(t.expect.body);
    } catch (e) {
      return fail(head, `expect.body is not a regular expression: ${(e as Error).message}`);
    }
  }
  const d = evaluate(model, req.value);
  const statusOk = t.expect.status === undefined || t.expect.status === d.status;
  const bodyOk = re === undefined || re.test(d.body);
  const expected = [
    t.expect.status !== undefined ? `status ${t.expect.status}` : '',
    t.expect.body !== undefined ? `body matching /${t.expect.body}/` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return {
    ...head,
    pass: statusOk && bodyOk,
    expected: expected || 'any answer',
    actual: `status ${d.status} (${d.outcome}), body ${JSON.stringify(d.body)}`,
    explanation: stepsOf(d),
    current: {
      status: d.status,
      ...(t.expect.body !== undefined ? { body: t.expect.body } : {}),
    },
  };
}

const fail = (
  head: { name: string; kind: PermTestResult['kind'] },
  error: string,
): PermTestResult => ({
  ...head,
  pass: false,
  expected: '(not evaluated)',
  actual: '(not evaluated)',
  explanation: [],
  error,
});

type Probe = Omit<RestRequest, 'credentials'>;

/** The Things a who-can target names: one Thing, or every Thing whose template chain holds the template. */
function thingsOf(model: Model, t: { thing: string } | { template: string }): string[] | string {
  if ('thing' in t)
    return Object.hasOwn(model.things, t.thing) ? [t.thing] : `no Thing named '${t.thing}'`;
  if (!Object.hasOwn(model.templates, t.template)) return `no template named '${t.template}'`;
  const out: string[] = [];
  for (const [name, thing] of Object.entries(model.things)) {
    const seen = new Set<string>();
    for (
      let x: string | null | undefined = thing.template;
      x && !seen.has(x);
      x = own(model.templates, x)?.base
    ) {
      seen.add(x);
      if (x === t.template) {
        out.push(name);
        break;
      }
    }
  }
  return out.sort(byName);
}

/** Who succeeds on any of the probes: users (Basic) and keys from each address, with one reason each. */
function succeeding(
  model: Model,
  probes: readonly Probe[],
): Map<string, { ok: boolean; why: string; user: string }> {
  const out = new Map<string, { ok: boolean; why: string; user: string }>();
  // Users: the engine's who-can query over all probes (per user the first that succeeds, else the last).
  for (const r of whoCanAny(model, probes)) {
    const p = probes[r.call] as Probe;
    out.set(r.user, {
      ok: r.outcome === 'allowed',
      why: `${p.method} ${p.path}: ${r.status} — ${r.deciding}`,
      user: r.user,
    });
  }
  // Keys: from inside each allowlist entry and from outside (§3.9).
  for (const k of Object.keys(model.appKeys).sort(byName)) {
    const key = own(model.appKeys, k);
    for (const c of keyCallers([model], k)) {
      const label = c.from === undefined ? `appKey:${k}` : `appKey:${k}@${c.from}`;
      for (const p of probes) {
        const prev = out.get(label);
        if (prev?.ok) break;
        const d = evaluate(model, {
          ...p,
          credentials: { type: 'appKey', key: k, via: 'header' },
          ...(c.ip !== undefined ? { clientIp: c.ip } : {}),
        });
        out.set(label, {
          ok: d.outcome === 'allowed',
          why: `${p.method} ${p.path}: ${d.status} — ${decidingText(d)}`,
          user: key?.user ?? '',
        });
      }
    }
  }
  return out;
}

function runWhoCan(model: Model, t: WhoCanTest): PermTestResult {
  const head = { name: t.name, kind: 'whoCan' as const };
  let probes: Probe[];
  let what: string;
  if (typeof t.whoCan === 'string') {
    const r = savedToRequest({
      call: t.whoCan,
      noAuth: true,
      ...(t.body !== undefined ? { body: t.body } : {}),
    });
    if (!r.ok) return fail(head, r.error.message);
    const { credentials: _c, ...probe } = r.value;
    probes = [probe];
    what = t.whoCan;
  } else {
    const write = 'write' in t.whoCan;
    const target = 'write' in t.whoCan ? t.whoCan.write : t.whoCan.read;
    const things = thingsOf(model, target);
    if (typeof things === 'string') return fail(head, things);
    probes = things.flatMap(thing =>
      characteristicsOf(model, { collection: 'Things', name: thing }).properties.map(p => ({
        method: write ? 'PUT' : 'GET',
        path: `/Thingworx/Things/${encodeURIComponent(thing)}/Properties/${encodeURIComponent(p)}`,
        ...(write ? { body: {} } : {}),
      })),
    );
    what = `${write ? 'write' : 'read'} any property of ${'thing' in target ? `Thing ${target.thing}` : `the Things of template ${target.template}`} (${probes.length} call${probes.length === 1 ? '' : 's'})`;
  }
  const who = succeeding(model, probes);
  const allowed = [...who].filter(([, v]) => v.ok).map(([k]) => k);
  const expect = t.expect;
  if ('only' in expect) {
    // `appKey:k` expects the key from some address; `appKey:k@entry` from inside that entry.
    const matches = (exp: string, got: string) =>
      exp === got || (exp.startsWith('appKey:') && !exp.includes('@') && got.startsWith(`${exp}@`));
    const unexpected = allowed.filter(a => !expect.only.some(e => matches(e, a)));
    const missing = expect.only.filter(e => !allowed.some(a => matches(e, a)));
    const why = (p: string) => `${p}: ${who.get(p)?.why ?? 'not a user or key of the model'}`;
    return {
      ...head,
      pass: unexpected.length === 0 && missing.length === 0,
      expected: `only ${expect.only.length ? expect.only.join(', ') : 'nobody'} may ${what}`,
      actual: allowed.length ? allowed.join(', ') : 'nobody',
      explanation: [...unexpected.map(why), ...missing.map(why)],
      unexpected,
      missing,
      current: { only: allowed },
    };
  }
  const group = expect.onlyMembersOf;
  if (!Object.hasOwn(model.groups, group)) return fail(head, `no group named '${group}'`);
  const decider = getDecider(model);
  const member = (user: string) =>
    Object.hasOwn(model.users, user) && decider.principals(user).groups.some(g => g.name === group);
  const unexpected = allowed.filter(a => !member((who.get(a) as { user: string }).user));
  return {
    ...head,
    pass: unexpected.length === 0,
    expected: `nobody outside group ${group} may ${what}`,
    actual: allowed.length ? allowed.join(', ') : 'nobody',
    explanation: unexpected.map(p => `${p} is not in ${group}: ${who.get(p)?.why ?? ''}`),
    unexpected,
    missing: [],
    current: unexpected.length === 0 ? { onlyMembersOf: group } : { only: allowed },
  };
}

function runWhatCan(model: Model, t: WhatCanTest): PermTestResult {
  const head = { name: t.name, kind: 'whatCan' as const };
  const { as, on } = t.whatCan;
  const calls = t.whatCan.calls ?? 'services';
  if (!Object.hasOwn(model.users, as)) return fail(head, `no user named '${as}'`);
  const slash = on.indexOf('/');
  const target =
    slash < 0
      ? { collection: 'Things', name: on }
      : { collection: on.slice(0, slash), name: on.slice(slash + 1) };
  const rows = whatCalls(model, as, target);
  if (rows.length === 0) return fail(head, `no entity ${target.collection}/${target.name}`);
  const pattern =
    calls === 'services'
      ? /^POST \/[^ ]*\/Services\/([^/]+)$/
      : calls === 'events'
        ? /^POST \/[^ ]*\/Events\/([^/]+)$/
        : calls === 'read'
          ? /^GET \/[^ ]*\/Properties\/([^/]+)$/
          : calls === 'write'
            ? /^PUT \/[^ ]*\/Properties\/([^/]+)$/
            : /^(.*)$/;
  const got = rows
    .filter(r => r.outcome === 'allowed')
    .flatMap(r => {
      const m = pattern.exec(r.call);
      return m ? [calls === 'calls' ? r.call : decodeURIComponent(m[1] as string)] : [];
    })
    .sort(byName);
  const want = [...t.expect.exactly].sort(byName);
  const unexpected = got.filter(g => !want.includes(g));
  const missing = want.filter(w => !got.includes(w));
  return {
    ...head,
    pass: unexpected.length === 0 && missing.length === 0,
    expected: `${as} may call exactly ${want.length ? want.join(', ') : 'nothing'} (${calls}) on ${target.collection}/${target.name}`,
    actual: got.length ? got.join(', ') : 'nothing',
    explanation: [
      ...unexpected.map(x => `${x}: allowed but not expected`),
      ...missing.map(x => `${x}: expected but refused`),
    ],
    unexpected,
    missing,
    current: { exactly: got },
  };
}

function runEquipment(model: Model, t: EquipmentTest): PermTestResult {
  const head = { name: t.name, kind: 'equipment' as const };
  const { user, context, on } = t.equipment;
  if (!Object.hasOwn(model.users, user)) return fail(head, `no user named '${user}'`);
  if (!Object.hasOwn(model.apps.contexts, context))
    return fail(head, `no equipment context named '${context}'`);
  const m = equipmentPermissionMap(model, { type: 'user', name: user }, context);
  const i = m.position.get(on);
  if (i === undefined) return fail(head, `no equipment '${on}' in context ${context}`);
  const names = Object.fromEntries(Object.entries(PERMISSION_CODE).map(([k, v]) => [v, k]));
  const got = (names[m.permission[i] ?? 0] ?? 'None') as 'None' | 'Read' | 'Write';
  return {
    ...head,
    pass: got === t.expect,
    expected: `${user} has ${t.expect} on ${on} in ${context}`,
    actual: `${got}${m.visible[i] === 1 ? '' : ' (not visible)'}`,
    explanation: [
      m.decidedBy === 'admin'
        ? `${user} is a member of Administrators: Write everywhere (§7.18)`
        : `decided by the run-time entries of the equipment Thing and the context's Network (§7.14, §7.18)`,
    ],
    current: got,
  };
}

/**
 * One test's result; never throws (a test that cannot be evaluated fails with `error`).
 *
 * @example
 * runPermTest(model, { name: 'x', equipment: { user: 'alice', context: 'DefaultContext', on: 'Press1' }, expect: 'Write' });
 */
export function runPermTest(model: Model, t: PermTest): PermTestResult {
  switch (testKind(t)) {
    case 'call':
      return runCall(model, t as CallTest);
    case 'whoCan':
      return runWhoCan(model, t as WhoCanTest);
    case 'whatCan':
      return runWhatCan(model, t as WhatCanTest);
    case 'equipment':
      return runEquipment(model, t as EquipmentTest);
  }
}
