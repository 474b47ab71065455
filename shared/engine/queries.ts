/**
 * Questions asked across many decisions (architecture.md §3 "Queries"), all answered by the
 * cached indexed evaluator: who can make this call, the effective permission table of a user on
 * an entity, and which calls a user can make on it. Every answer names what decided it. Who can
 * make any of many property calls (users x Things x a run-time kind) reads which call succeeds
 * from the access matrix engine (shared/engine/matrix) and explains only the row it keeps.
 *
 * @example
 * whoCan(model, { method: 'GET', path: '/Thingworx/Things/SensorDataStream/Properties/temperature' })
 *   .filter(r => r.status === 200).map(r => r.user);
 */
import { DESIGN_KINDS, RUNTIME_KINDS } from '../model/types';
import type { Model, RuntimeKind } from '../model/types';
import type { EntityTarget } from './decider';
import { decideGate } from './gate';
import type { Decision, RestRequest } from '../model/decision';
import type { LocatedDesignEntry, LocatedRuntimeEntry } from '../model/decision';
import { designStep, runtimeStep, visibilityStep } from './explain-steps';
import { entryText, visibilityText } from './explain-text';
import { evaluate, getDecider } from './index';
import { matrixEngineOf } from './matrix';
import type { MatrixEngine } from './matrix';
import { characteristicsOf, entityOf } from './characteristics';
import type { Owned } from './characteristics';
import { own as ownEntry } from '../model/own';

// Re-exported: callers have always found it here.
export { characteristicsOf };

/**
 * How a cell of the effective table came about, as a trainer explains it: an entry allowed it, an
 * explicit Deny denied it, nothing granted it (default deny, no visibility grant, failed login), or a
 * bypass (Administrators, owner) answered before any entry was read.
 */
export type EffectiveState = 'allowed' | 'denied' | 'not-granted' | 'bypass';

/** One row of the effective permission table (characteristic x kind), §9.6 with the deciding entry. */
export type EffectiveRow = {
  characteristic: string;
  characteristicKind: 'property' | 'service' | 'event' | '*';
  /** A run-time kind, a design-time kind, or `Visibility` (the one row of the visibility section). */
  kind: string;
  /** Composer's three tabs: Visibility, Design Time, Run Time (§8.6). */
  section: 'visibility' | 'designtime' | 'runtime';
  allowed: boolean;
  state: EffectiveState;
  status: number;
  /** The sentence of the step that decided. */
  decidedBy: string;
  /**
   * What decided, short enough to show in the row: the deciding entry in the §10 notation
   * (`entity(PackLine) · PropertyWrite · * · Deny · group Operators`), or the bypass or gate in words.
   */
  deciding: string;
};

export type WhoCanRow = {
  user: string;
  status: number;
  outcome: Decision['outcome'];
  deciding: string;
};
export type WhatCallsRow = { call: string; status: number; outcome: Decision['outcome'] };
export type CallWithoutCredentials = Omit<RestRequest, 'credentials'>;

/** The text of the step that decided (the last explanation step of the deciding kind). */
function decidingText(d: Decision): string {
  const steps = d.explanation.filter(s => s.kind === d.deciding.step);
  const step = steps[steps.length - 1];
  if (step) return step.text;
  const k = d.deciding;
  return `${k.step}: ${k.where}${k.resource ? ` (${k.resource})` : ''} -> ${k.effect}`;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every user of the model making this call with Basic auth (correct password), in name order,
 * with the status, the outcome and the sentence of the step that decided (§9).
 *
 * @example
 * whoCan(model, { method: 'POST', path: '/Thingworx/Things/SensorDataStream/Services/GetDataStream', body: {} });
 * // [{ user: 'alice', status: 403, outcome: 'denied', deciding: 'ServiceInvoke on GetDataStream in ... is denied by ...' }, ...]
 */
export function whoCan(model: Model, call: CallWithoutCredentials): WhoCanRow[] {
  return Object.keys(model.users)
    .sort(byName)
    .map(user => {
      const d = evaluate(model, { ...call, credentials: { type: 'basic', user } });
      return { user, status: d.status, outcome: d.outcome, deciding: decidingText(d) };
    });
}

/** A user's answer to several calls: the row of the call (its index) that decides it. */
export type WhoCanAnyRow = WhoCanRow & { call: number };

const PROPERTY_CALL = /^\/Thingworx\/Things\/([^/?#]+)\/Properties\/([^/?#]+)$/;

/**
 * The matrix cell a call reads, when the pipeline's answer to it is the access matrix's (§9.1-9.6):
 * a plain property read (GET, PropertyRead) or write (PUT, PropertyWrite) of a property the Thing
 * has, with no client address or request time of its own. Anything else (services, whose handlers
 * may answer, §8; other collections; odd encodings) is answered call by call.
 */
function matrixCellOf(
  model: Model,
  engine: MatrixEngine,
  call: CallWithoutCredentials,
): { thing: number; kind: number } | undefined {
  if (call.method !== 'GET' && call.method !== 'PUT') return undefined;
  if (call.clientIp !== undefined || call.at !== undefined) return undefined;
  const m = PROPERTY_CALL.exec(call.path);
  if (!m) return undefined;
  const [rawThing, rawProperty] = [m[1] as string, m[2] as string];
  let thing: string;
  let property: string;
  try {
    thing = decodeURIComponent(rawThing);
    property = decodeURIComponent(rawProperty);
  } catch {
    return undefined; // a malformed escape: the pipeline answers it (400)
  }
  // Only the canonical spelling: another one may parse differently in the pipeline.
  if (encodeURIComponent(thing) !== rawThing || encodeURIComponent(property) !== rawProperty)
    return undefined;
  const index = engine.thingIndex(thing);
  if (index === undefined) return undefined;
  if (
    !characteristicsOf(model, { collection: 'Things', name: thing }).properties.includes(property)
  )
    return undefined;
  return {
    thing: index,
    kind: RUNTIME_KINDS.indexOf(call.method === 'GET' ? 'PropertyRead' : 'PropertyWrite'),
  };
}

/**
 * Who succeeds on any of `calls` (Basic auth, correct password): per user of the model, in name
 * order, the first call that answers allowed, else the last call, as that call's `whoCan` row.
 * Equal to running `whoCan` on each call and keeping per user the first allowed row (else the
 * last); test/property/queries-engine.test.ts holds it. Why faster: which call succeeds is read
 * from the access matrix engine for property calls (users x Things x kind; an override cell, where
 * a named property answers otherwise than `*`, §2.7, §2.9, is asked cell by cell), so only the
 * kept row of each user runs through the pipeline with its explanation.
 *
 * @example
 * whoCanAny(model, [{ method: 'GET', path: '/Thingworx/Things/Press1/Properties/temperature' }])
 *   .filter(r => r.outcome === 'allowed').map(r => r.user);
 */
export function whoCanAny(model: Model, calls: readonly CallWithoutCredentials[]): WhoCanAnyRow[] {
  const users = Object.keys(model.users).sort(byName);
  if (calls.length === 0) return [];
  const ask = (user: string, i: number): WhoCanAnyRow => {
    const d = evaluate(model, {
      ...(calls[i] as CallWithoutCredentials),
      credentials: { type: 'basic', user },
    });
    return { user, status: d.status, outcome: d.outcome, deciding: decidingText(d), call: i };
  };
  const cellByCell = (user: string): WhoCanAnyRow => {
    let row = ask(user, 0);
    for (let i = 1; i < calls.length && row.outcome !== 'allowed'; i++) row = ask(user, i);
    return row;
  };
  // One call: every user's row is that call's anyway; the engine would only add its build.
  if (calls.length === 1) return users.map(cellByCell);
  const engine = matrixEngineOf(model);
  const cells = calls.map(c => matrixCellOf(model, engine, c));
  return users.map(user => {
    const u = engine.userIndex(user);
    if (u === undefined) return cellByCell(user);
    // The engine's answer per call: true = allowed, false = not, undefined = ask the pipeline.
    let kept = calls.length - 1;
    let predicted = false;
    for (let i = 0; i < calls.length; i++) {
      const cell = cells[i];
      const allowed =
        cell === undefined || engine.override(u, cell.thing, cell.kind)
          ? ask(user, i).outcome === 'allowed'
          : engine.code(u, cell.thing, cell.kind) === '2';
      if (allowed) {
        kept = i;
        predicted = true;
        break;
      }
    }
    const row = ask(user, kept);
    // A safety net, not a second opinion: should the pipeline ever answer the kept call otherwise
    // than the engine, the user is answered call by call.
    return (row.outcome === 'allowed') === predicted ? row : cellByCell(user);
  });
}

type Gate = { status: number; allowed: boolean; decidedBy: string };

/**
 * §9.1-9.5 for a Basic-auth user on an existing entity: what answers before the permission check
 * (the 401 of a user who cannot log in, then the decision gate of gate.ts, worded for the table).
 */
function gate(model: Model, user: string, target: EntityTarget, entity: Owned): Gate | 'check' {
  const u = ownEntry(model.users, user);
  if (!u)
    return {
      status: 401,
      allowed: false,
      decidedBy: `LoginFailed: User name is invalid — ${user} is not a user of this model (§3.11, §9.1).`,
    };
  if (!u.enabled || u.locked) {
    return {
      status: 401,
      allowed: false,
      decidedBy: `LoginFailed: User is in invalid state — ${user} is ${u.locked ? 'locked' : 'disabled'} (§3.11, §9.1) [INF].`,
    };
  }
  const decider = getDecider(model);
  const isAdmin = decider.principals(user).isAdmin;
  const g = decideGate(model.semantics, decider, user, isAdmin, entity.owner, target);
  if (g === 'admin') {
    return {
      status: 200,
      allowed: true,
      decidedBy: `${user} is a member of Administrators: full visibility, run-time and design-time permissions (§3.3, §9.3; option adminBypass).`,
    };
  }
  if (g === 'owner') {
    return {
      status: 200,
      allowed: true,
      decidedBy: `${user} owns ${target.name}: the owner has all permissions and they cannot be limited (§1.10, §9.3).`,
    };
  }
  if (g === 'invisible') {
    return {
      status: 404,
      allowed: false,
      decidedBy: `${target.name} is not visible to ${user}: no visibility grant covers one of its organizations or units, so ThingWorx answers 404 (§9.5, §2.14).`,
    };
  }
  return 'check';
}

const KINDS_OF: Record<EffectiveRow['characteristicKind'], readonly RuntimeKind[]> = {
  '*': RUNTIME_KINDS,
  property: ['PropertyRead', 'PropertyWrite'],
  service: ['ServiceInvoke'],
  event: ['EventInvoke', 'EventSubscribe'],
};

/**
 * A row answered before any entry was read (§9.1-9.5): a bypass lets it through, a failed login or a
 * missing visibility grant means nothing granted it. Read from the gate's answer, so the gate stays as it is.
 */
function gateState(g: Gate, user: string): { state: EffectiveState; deciding: string } {
  if (g.allowed)
    return {
      state: 'bypass',
      deciding: g.decidedBy.startsWith(`${user} owns `)
        ? `bypass: ${user} owns it`
        : 'bypass: member of Administrators',
    };
  if (g.status === 401) return { state: 'not-granted', deciding: 'login fails (401)' };
  return {
    state: 'not-granted',
    deciding: 'not visible (404): no visibility grant reaches the user',
  };
}

/** The state and short "what decided" of a check that reached the entries (§9.6, §1.7, §1.8). */
function entryState(
  v: { allowed: boolean; reason: 'entries' | 'default-deny' | 'global-deny' },
  decided: readonly (LocatedRuntimeEntry | LocatedDesignEntry)[],
): { state: EffectiveState; deciding: string } {
  const first = decided[0];
  if (v.allowed) return { state: 'allowed', deciding: first ? entryText(first) : '' };
  if (v.reason === 'default-deny' || !first)
    return { state: 'not-granted', deciding: 'no entry grants it: denied by default' };
  return { state: 'denied', deciding: entryText(first) };
}

/**
 * The effective permission table of a user on an entity (§9.6), in Composer's three sections: one
 * Visibility row, then the run-time rows (`*` and every property, service and event incl. template
 * chain and shapes, x each applicable kind), then the design-time kinds (characteristic `*`). Each
 * row says what decided it, in words and in the entry notation. Unknown entity: no rows.
 *
 * @example
 * effectiveTable(model, 'bob', { collection: 'Things', name: 'SensorDataStream' })
 *   .find(r => r.characteristic === 'temperature' && r.kind === 'PropertyRead')?.state; // 'allowed' | 'denied' | ...
 */
export function effectiveTable(model: Model, user: string, target: EntityTarget): EffectiveRow[] {
  const entity = entityOf(model, target);
  if (!entity) return [];
  const decider = getDecider(model);
  const g = gate(model, user, target, entity);
  const chars = characteristicsOf(model, target);
  const rows: EffectiveRow[] = [];
  const gated = (
    characteristic: string,
    characteristicKind: EffectiveRow['characteristicKind'],
    kind: string,
    section: EffectiveRow['section'],
    gate: Gate,
  ): EffectiveRow => ({
    characteristic,
    characteristicKind,
    kind,
    section,
    ...gate,
    ...gateState(gate, user),
  });
  if (g !== 'check') rows.push(gated('*', '*', 'Visibility', 'visibility', g));
  else {
    const v = decider.visibility(user, target);
    const first = v.decided[0];
    rows.push({
      characteristic: '*',
      characteristicKind: '*',
      kind: 'Visibility',
      section: 'visibility',
      allowed: true,
      state: 'allowed',
      status: 200,
      decidedBy: visibilityStep(model, decider.principals(user), target, v).text,
      deciding: first ? visibilityText(first) : '',
    });
  }
  const runtimeRow = (
    characteristic: string,
    characteristicKind: EffectiveRow['characteristicKind'],
    kind: RuntimeKind,
  ): EffectiveRow => {
    if (g !== 'check') return gated(characteristic, characteristicKind, kind, 'runtime', g);
    const check = { kind, resource: characteristic };
    const v = decider.runtime(user, target, check);
    const status = v.allowed ? 200 : model.semantics.denialStatus;
    return {
      characteristic,
      characteristicKind,
      kind,
      section: 'runtime',
      allowed: v.allowed,
      ...entryState(v, v.decided),
      status,
      decidedBy: runtimeStep(model, user, target, check, v).step.text,
    };
  };
  for (const kind of KINDS_OF['*']) rows.push(runtimeRow('*', '*', kind));
  for (const p of chars.properties)
    for (const kind of KINDS_OF.property) rows.push(runtimeRow(p, 'property', kind));
  for (const s of chars.services)
    for (const kind of KINDS_OF.service) rows.push(runtimeRow(s, 'service', kind));
  for (const e of chars.events)
    for (const kind of KINDS_OF.event) rows.push(runtimeRow(e, 'event', kind));
  for (const kind of DESIGN_KINDS) {
    if (g !== 'check') {
      rows.push(gated('*', '*', kind, 'designtime', g));
      continue;
    }
    const v = decider.designtime(user, target, { kind });
    rows.push({
      characteristic: '*',
      characteristicKind: '*',
      kind,
      section: 'designtime',
      allowed: v.allowed,
      ...entryState(v, v.decided),
      // A design-time denial is always 403 (evaluate.ts); `denialStatus` is for run time only (§11.1).
      status: v.allowed ? 200 : 403,
      decidedBy: designStep(model, user, target, { kind }, v).step.text,
    });
  }
  return rows;
}

/**
 * The REST calls a user could make on an entity, each run through the full pipeline (§9, §5.10):
 * GET of the entity, GET and PUT of every property, POST of every service and event.
 *
 * @example
 * whatCalls(model, 'bob', { collection: 'Things', name: 'SensorDataStream' })
 *   .filter(c => c.status === 200).map(c => c.call);
 */
export function whatCalls(model: Model, user: string, target: EntityTarget): WhatCallsRow[] {
  if (!entityOf(model, target)) return [];
  const chars = characteristicsOf(model, target);
  const base = `/Thingworx/${encodeURIComponent(target.collection)}/${encodeURIComponent(target.name)}`;
  const calls: { method: string; path: string }[] = [
    { method: 'GET', path: base },
    ...chars.properties.flatMap(p => [
      { method: 'GET', path: `${base}/Properties/${encodeURIComponent(p)}` },
      { method: 'PUT', path: `${base}/Properties/${encodeURIComponent(p)}` },
    ]),
    ...chars.services.map(s => ({
      method: 'POST',
      path: `${base}/Services/${encodeURIComponent(s)}`,
    })),
    ...chars.events.map(e => ({ method: 'POST', path: `${base}/Events/${encodeURIComponent(e)}` })),
  ];
  return calls.map(c => {
    const d = evaluate(model, {
      method: c.method,
      path: c.path,
      credentials: { type: 'basic', user },
      ...(c.method === 'GET' ? {} : { body: {} }),
    });
    return { call: `${c.method} ${c.path}`, status: d.status, outcome: d.outcome };
  });
}
