/**
 * The cells a what-if diff compares: one caller (a user with Basic auth, or an application key in
 * the `appKey` header) making one REST call. The calls on an entity are those a consultant would
 * try: GET of the entity, GET and PUT of every property, POST of every service and event
 * (domain reference §5.10), the same list as the Ask view's "what calls" query.
 *
 * @example
 * const calls = callsOnEntity([before, after], { collection: 'Things', name: 'SensorDataStream' });
 * const side = evaluateCell(model, { type: 'user', name: 'alice' }, calls[0]);
 */
import type { EntityTarget } from '../engine/decider';
import type { Decision, Operation, RestRequest } from '../model/decision';
import { DEFAULT_CLIENT_IP } from '../engine/evaluate';
import { evaluate } from '../engine/index';
import { characteristicsOf } from '../engine/queries';
import type { Model } from '../model/types';
import { matchesEntry, parseIPv4 } from '../rest/ip-allowlist';
import { entityNames } from '../rest/lookup';
import { parseCallLine } from '../rest/parse';
import { own } from '../model/own';

/**
 * Who makes the call: a user (Basic auth, right password) or an application key (header, §3.10),
 * from a client address. An application key answers by address (its IP allowlist, §3.9), so the
 * what-if evaluates each key once per allowlist entry (from an address inside it) and once from an
 * address outside every entry (`allCallers`); `ip` absent = the default client address 127.0.0.1.
 */
export type Caller = {
  type: 'user' | 'appKey';
  name: string;
  /** Client address of the request (default 127.0.0.1). */
  ip?: string;
  /** The allowlist entry `ip` stands for, or `outside` (an address no entry admits). */
  from?: string;
};

/** One REST call as a diff cell names it: `METHOD /Thingworx/...`, with the entity it addresses. */
export type CallSpec = {
  /** `METHOD PATH`, e.g. `GET /Thingworx/Things/T1/Properties/p`. */
  call: string;
  method: string;
  path: string;
  /** The addressed entity (absent for collection lists and calls that do not parse). */
  entity?: EntityTarget;
  /** The permission kind the call needs (run time or design time), or the operation when none. */
  kind: string;
  /**
   * The operation `parseCall(method, path)` gives, for calls built here from the model
   * (callsOnEntity): the fast comparer then skips parsing ~400,000 paths at size M. Absent for
   * calls typed by a person, which are parsed. test/unit/whatif/whatif.test.ts checks both agree.
   */
  op?: Operation;
};

/** What one side (before or after) of a cell answered. */
export type CellSide = {
  status: number;
  outcome: Decision['outcome'];
  body: string;
  /** The sentence of the deciding step. */
  deciding: string;
  /** Every explanation step, one sentence each, in order (§9). */
  why: string[];
  /** Domain-reference sections the explanation relies on. */
  cites: string[];
};

/**
 * A caller's identity in a diff: `user:alice`, `appKey:k1` (any address), `appKey:k1@10.1.0.0/16`
 * (from inside that allowlist entry), `appKey:k1@outside`, or `appKey:k1@10.1.2.3` (an address
 * given without its entry). Users answer alike from every address (Basic auth ignores it, §3.9).
 */
export const callerKey = (c: Caller): string => {
  const base = `${c.type}:${c.name}`;
  if (c.type !== 'appKey') return base;
  const at = c.from ?? c.ip;
  return at === undefined ? base : `${base}@${at}`;
};
/** The principal a caller is in the affected region (./affected.ts): `user:alice` or `appKey:k1`, whatever the address. */
export const regionKey = (c: Caller): string => `${c.type}:${c.name}`;

/**
 * A caller for a person: `alice`, `via key k1 from any address`, `via key k1 from 10.1.0.0/16`,
 * `via key k1 from outside its allowlist (127.0.0.1)`.
 *
 * @example
 * callerLabel({ type: 'appKey', name: 'analyst-key', ip: '10.1.0.1', from: '10.1.0.0/16' }); // 'via key analyst-key from 10.1.0.0/16'
 */
export function callerLabel(c: Caller): string {
  if (c.type === 'user') return c.name;
  const where =
    c.from === 'outside'
      ? `outside its allowlist (${c.ip ?? DEFAULT_CLIENT_IP})`
      : (c.from ?? c.ip ?? 'any address');
  return `via key ${c.name} from ${where}`;
}

/** The label of a caller key (`callerKey`), for lists that hold keys only (blast-radius rectangles). */
export function callerKeyLabel(key: string): string {
  if (key.startsWith('user:')) return key.slice(5);
  const rest = key.startsWith('appKey:') ? key.slice(7) : key;
  const at = rest.lastIndexOf('@');
  if (at < 0) return `via key ${rest} from any address`;
  const where = rest.slice(at + 1);
  return `via key ${rest.slice(0, at)} from ${where === 'outside' ? 'outside its allowlist' : where}`;
}

// Addresses tried, in order, for "outside the allowlist": the default client address first (what
// Ask sends), then documentation addresses (RFC 5737) and private ones.
const OUTSIDE_CANDIDATES = [
  DEFAULT_CLIENT_IP,
  '192.0.2.1',
  '198.51.100.1',
  '203.0.113.1',
  '10.255.255.254',
  '172.31.255.254',
  '192.168.255.254',
  '255.255.255.254',
  '0.0.0.1',
];

/**
 * An address inside one allowlist entry: the address itself, the first host of a CIDR block (the
 * block's base for /31 and /32), or the literal for other forms (they match only literally);
 * undefined for an entry nothing matches (a malformed block).
 */
export function addressInside(entry: string): string | undefined {
  const e = entry.trim();
  const slash = e.indexOf('/');
  if (slash < 0) return e === '' ? undefined : e;
  const base = parseIPv4(e.slice(0, slash));
  const bitsText = e.slice(slash + 1);
  const bits = /^\d{1,2}$/.test(bitsText) ? Number(bitsText) : NaN;
  if (base === undefined || !(bits >= 0 && bits <= 32)) return undefined;
  const size = 2 ** (32 - bits);
  const n = Math.floor(base / size) * size + (size > 2 ? 1 : 0);
  const ip = [24, 16, 8, 0].map(s => Math.floor(n / 2 ** s) % 256).join('.');
  return matchesEntry(ip, e) ? ip : undefined;
}

/**
 * The callers one application key stands for across the models: from any address when no model
 * gives it an allowlist; else one per allowlist entry (an address inside it) and one from an
 * address outside every entry (none when the entries cover every address).
 *
 * @example
 * keyCallers([model], 'analyst-key'); // [{ ..., ip: '10.1.0.1', from: '10.1.0.0/16' }, { ..., ip: '127.0.0.1', from: 'outside' }]
 */
export function keyCallers(models: readonly Model[], name: string): Caller[] {
  const entries: string[] = [];
  for (const m of models) {
    const k = own(m.appKeys, name);
    for (const e of k?.ipAllowlist ?? []) if (!entries.includes(e)) entries.push(e);
  }
  if (entries.length === 0) return [{ type: 'appKey', name }];
  const out: Caller[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    const ip = addressInside(e);
    if (ip === undefined || seen.has(ip)) continue;
    seen.add(ip);
    out.push({ type: 'appKey', name, ip, from: e });
  }
  const outside = OUTSIDE_CANDIDATES.find(ip => !entries.some(e => matchesEntry(ip, e)));
  if (outside !== undefined) out.push({ type: 'appKey', name, ip: outside, from: 'outside' });
  return out;
}

export const entityKey = (e: EntityTarget): string => `${e.collection}/${e.name}`;

const OP_KIND: Record<string, string> = {
  'property-read': 'PropertyRead',
  'properties-read-all': 'PropertyRead',
  'property-write': 'PropertyWrite',
  'service-invoke': 'ServiceInvoke',
  'event-invoke': 'EventInvoke',
  'entity-read': 'Read',
  'definitions-read': 'Read',
  'collection-list': 'Read',
  'entity-update': 'Update',
  'entity-delete': 'Delete',
  'entity-create': 'Create',
};

/**
 * A call line parsed into a CallSpec, or an error message for a person.
 *
 * @example
 * callSpec('GET /Thingworx/Things/T1/Properties/p'); // { ok: true, spec: { kind: 'PropertyRead', entity: { collection: 'Things', name: 'T1' }, ... } }
 */
export function callSpec(
  line: string,
): { ok: true; spec: CallSpec } | { ok: false; message: string } {
  const p = parseCallLine(line);
  const parts = typeof line === 'string' ? line.trim().split(/\s+/) : [];
  if (!p.ok) {
    // A 405 is still a cell worth watching (the diff shows it never changes); a non-call is not.
    if (p.code === 'method-not-allowed') {
      const entity =
        p.entity !== undefined ? { collection: p.collection, name: p.entity } : undefined;
      return {
        ok: true,
        spec: {
          call: `${p.method} ${parts[1]}`,
          method: p.method,
          path: parts[1] as string,
          ...(entity ? { entity } : {}),
          kind: 'none',
        },
      };
    }
    return { ok: false, message: p.message };
  }
  const op = p.call.operation;
  const entity = 'entity' in op ? { collection: op.collection, name: op.entity } : undefined;
  const path = parts[1] as string;
  return {
    ok: true,
    spec: {
      call: `${p.call.method} ${path}`,
      method: p.call.method,
      path,
      ...(entity ? { entity } : {}),
      kind: own(OP_KIND, op.op) ?? op.op,
    },
  };
}

const enc = encodeURIComponent;

/** Whether the entity exists: a keyed look-up, not a scan of the collection's names. */
function exists(m: Model, t: EntityTarget): boolean {
  switch (t.collection) {
    case 'Things':
      return Object.hasOwn(m.things, t.name);
    case 'ThingTemplates':
      return Object.hasOwn(m.templates, t.name);
    case 'ThingShapes':
      return Object.hasOwn(m.shapes, t.name);
    case 'Users':
    case 'Groups':
    case 'Organizations':
    case 'ApplicationKeys':
      return entityNames(m, t.collection).includes(t.name);
    default:
      return (
        own(m.others, `${t.collection}/${t.name}`)?.collection === t.collection ||
        entityNames(m, t.collection).includes(t.name)
      );
  }
}

/**
 * The calls on an entity in any of the given models (a what-if may add characteristics, so the
 * list is the union, in first-seen order). No calls when the entity exists in none of them.
 *
 * @example
 * callsOnEntity([model], { collection: 'Things', name: 'T1' }).map(c => c.call); // ['GET /Thingworx/Things/T1', 'GET /Thingworx/Things/T1/Properties/p', ...]
 */
export function callsOnEntity(models: readonly Model[], target: EntityTarget): CallSpec[] {
  const out = new Map<string, CallSpec>();
  const base = `/Thingworx/${enc(target.collection)}/${enc(target.name)}`;
  const { collection, name: entity } = target;
  const add = (method: string, path: string, kind: string, op: Operation) => {
    const call = `${method} ${path}`;
    if (!out.has(call)) out.set(call, { call, method, path, entity: target, kind, op });
  };
  for (const m of models) {
    if (!exists(m, target)) continue;
    add('GET', base, 'Read', { op: 'entity-read', collection, entity });
    const ch = characteristicsOf(m, target);
    for (const p of ch.properties) {
      add('GET', `${base}/Properties/${enc(p)}`, 'PropertyRead', {
        op: 'property-read',
        collection,
        entity,
        name: p,
      });
      add('PUT', `${base}/Properties/${enc(p)}`, 'PropertyWrite', {
        op: 'property-write',
        collection,
        entity,
        name: p,
      });
    }
    for (const s of ch.services)
      add('POST', `${base}/Services/${enc(s)}`, 'ServiceInvoke', {
        op: 'service-invoke',
        collection,
        entity,
        name: s,
      });
    for (const e of ch.events)
      add('POST', `${base}/Events/${enc(e)}`, 'EventInvoke', {
        op: 'event-invoke',
        collection,
        entity,
        name: e,
      });
  }
  return [...out.values()];
}

/** Collections whose entities carry calls in a whole-model diff. */
export const GRID_COLLECTIONS = [
  'Things',
  'ThingTemplates',
  'ThingShapes',
  'Resources',
  'Subsystems',
  'Mashups',
  'DataShapes',
] as const;

/**
 * Every addressable entity of the grid collections in any of the models, each once, in model order.
 *
 * @example
 * allEntities([before, after]).length;
 */
export function allEntities(models: readonly Model[]): EntityTarget[] {
  const seen = new Set<string>();
  const out: EntityTarget[] = [];
  for (const m of models) {
    for (const collection of GRID_COLLECTIONS) {
      for (const name of entityNames(m, collection)) {
        const t = { collection, name };
        const k = entityKey(t);
        if (!seen.has(k)) {
          seen.add(k);
          out.push(t);
        }
      }
    }
  }
  return out;
}

/**
 * Every user and every application key of any of the models, users first, each in name order;
 * locked, disabled and expired ones included (their 401 is an answer that can change). A key with
 * an allowlist comes once per entry and once from outside it (`keyCallers`).
 *
 * @example
 * allCallers([model]); // [{ type: 'user', name: 'Administrator' }, ..., { type: 'appKey', name: 'k1' }]
 */
export function allCallers(models: readonly Model[]): Caller[] {
  const users = new Set<string>();
  const keys = new Set<string>();
  for (const m of models) {
    for (const u of Object.keys(m.users)) users.add(u);
    for (const k of Object.keys(m.appKeys)) keys.add(k);
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [
    ...[...users].sort(byName).map(name => ({ type: 'user' as const, name })),
    ...[...keys].sort(byName).flatMap(name => keyCallers(models, name)),
  ];
}

/**
 * The enumerated caller (`keyCallers`) that stands for a key called from `caller.ip` (default
 * 127.0.0.1): the first allowlist entry that admits the address, else the one from outside. A user,
 * and a key without an allowlist, stand for themselves (the address is dropped: it decides nothing).
 *
 * @example
 * canonicalCaller([model], { type: 'appKey', name: 'analyst-key', ip: '10.1.20.30' }); // { ..., ip: '10.1.0.1', from: '10.1.0.0/16' }
 */
export function canonicalCaller(models: readonly Model[], caller: Caller): Caller {
  if (caller.type !== 'appKey') return { type: caller.type, name: caller.name };
  const all = keyCallers(models, caller.name);
  const ip = caller.ip ?? DEFAULT_CLIENT_IP;
  return (
    all.find(c => c.from === undefined) ??
    all.find(c => c.from !== undefined && c.from !== 'outside' && matchesEntry(ip, c.from)) ??
    all.find(c => c.from === 'outside') ??
    caller
  );
}

/**
 * The callers a scope names, with every address a named key can call from: a key named without an
 * address stands for all of its `keyCallers`; a key with an address, and a user, stand for themselves.
 */
export function expandCallers(models: readonly Model[], callers: readonly Caller[]): Caller[] {
  return callers.flatMap(c =>
    c.type === 'appKey' && c.ip === undefined ? keyCallers(models, c.name) : [c],
  );
}

/** The request a cell sends: no body for GET, an empty JSON object otherwise. */
export function requestOf(caller: Caller, call: CallSpec): RestRequest {
  return {
    method: call.method,
    path: call.path,
    credentials:
      caller.type === 'user'
        ? { type: 'basic', user: caller.name }
        : { type: 'appKey', key: caller.name, via: 'header' },
    ...(caller.ip !== undefined ? { clientIp: caller.ip } : {}),
    ...(call.method === 'GET' ? {} : { body: {} }),
  };
}

function decidingText(d: Decision): string {
  const steps = d.explanation.filter(s => s.kind === d.deciding.step);
  const step = steps[steps.length - 1] ?? d.explanation[d.explanation.length - 1];
  return step ? step.text : `${d.deciding.step}: ${d.deciding.where} -> ${d.deciding.effect}`;
}

/** Evaluates one cell on one model (the app's engine: indexed evaluator, default services). */
export function evaluateCell(model: Model, caller: Caller, call: CallSpec): Decision {
  return evaluate(model, requestOf(caller, call));
}

/** The comparable, displayable essence of a decision. */
export function sideOf(d: Decision): CellSide {
  return {
    status: d.status,
    outcome: d.outcome,
    body: d.body,
    deciding: decidingText(d),
    why: d.explanation.map(s => s.text),
    cites: [...new Set(d.explanation.flatMap(s => s.cites))],
  };
}

/** Two answers are the same outcome when status, outcome and response body agree. */
export const sameOutcome = (a: Decision, b: Decision): boolean =>
  a.status === b.status && a.outcome === b.outcome && a.body === b.body;
