/**
 * The stand-in ThingWorx's answer to one HTTP request (docs/stand-in-server.md): the request's
 * credentials and address become a `RestRequest`, the engine decides (shared/engine, the same
 * decision `permsim check` and the Ask view give), and the decision becomes an HTTP answer shaped
 * like ThingWorx's (JSON infotables with `dataShape` and `rows`; the error bodies PermSim already
 * produces, shared/rest/bodies.ts). No I/O here: the server (server.ts) reads the socket and
 * writes the answer and the log.
 *
 * What the stand-in adds to the engine's decision, each documented where it is made:
 * - the CSRF filter of the domain reference §5.3 (POST/PUT/DELETE need a JSON or XML Content-Type,
 *   or the `X-XSRF-TOKEN` header);
 * - property values: a read answers the value last written in this session, else the model's
 *   default value (`defaultValue`), else a placeholder of its base type;
 *   a permitted write is kept in memory (`PropertyValues`), never in the model;
 * - a permitted service whose result the engine cannot know answers an empty infotable with the
 *   header `X-PermSim-Simulated`, and its log entry is marked UNKNOWN.
 *
 * @example
 * const a = respond(model, values, { method: 'GET', url: '/Thingworx/Things/T/Properties/p',
 *   headers: { authorization: 'Basic ' + btoa('alice:x') }, clientIp: '127.0.0.1' });
 * a.status; // 200
 * a.body;   // '{"dataShape":{"fieldDefinitions":{"p":{"name":"p","baseType":"STRING"}}},"rows":[{"p":""}]}'
 */
import type { Credentials, Decision, RestRequest, Step } from '../../shared/model/decision';
import type { Characteristics, Model } from '../../shared/model/types';
import { chainShapes, templateChain } from '../../shared/model/chains';
import { propertyDataOf } from '../../shared/model/property-data';
import { defaultServices, evaluate } from '../../shared/engine';
import type { ServiceHandler } from '../../shared/engine/service-handler';
import { currentTime } from '../../shared/engine/evaluate';
import { NOT_FOUND_BODY } from '../../shared/rest/bodies';
import { parseCall } from '../../shared/rest/parse';
import { hasOwn, own } from '../../shared/model/own';

/** One HTTP request as the server read it. Header names are lower-case (node:http). */
export type MockHttpRequest = {
  method: string;
  /** Path and query string as sent, e.g. `/Thingworx/Things/T/Properties/p?appKey=k`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The socket's address (IPv4-mapped IPv6 addresses already unwrapped). */
  clientIp: string;
  /** The raw body text ('' when none). */
  body: string;
};

/** Who called, in the log's words. */
export type MockCaller =
  | { type: 'none' }
  | { type: 'user'; name: string; passwordChecked: boolean }
  | { type: 'appKey'; name: string; via: 'header' | 'query' };

export type MockAnswer = {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The engine's decision (absent when the stand-in refused the request before the engine). */
  decision?: Decision;
  /** The request handed to the engine (absent when refused before it). */
  request?: RestRequest;
  caller: MockCaller;
  /** `Collection/Name` the call is about, when the path names one. */
  entity?: string;
  /** allowed | denied | unknown, as the log shows it. */
  outcome: Decision['outcome'];
  /** Why the answer is simulated (the `X-PermSim-Simulated` header), when it is. */
  simulated?: string;
  /** Steps the stand-in itself added (CSRF), followed by the engine's. */
  explanation: Step[];
  /** Notes for the log (e.g. "the model declares no password for alice: any password accepted"). */
  notes: string[];
  /**
   * The model as a context-manager service (Grant, Propagate, domain §7.12-7.15) leaves it: the
   * server answers later calls of the session with it; the project file never changes.
   */
  effect?: Model;
};

/**
 * Property values written in this session, per model object (a compare-mode server keeps one
 * store; both models read it). Keys are `entity\u0000property`: names may contain any character.
 */
export class PropertyValues {
  private readonly values = new Map<string, unknown>();
  get(entity: string, property: string): { value: unknown } | undefined {
    const key = `${entity}\u0000${property}`;
    return this.values.has(key) ? { value: this.values.get(key) } : undefined;
  }
  set(entity: string, property: string, value: unknown): void {
    this.values.set(`${entity}\u0000${property}`, value);
  }
}

/**
 * Decisions already made, per model object: clients repeat the same calls (a Postman collection, a
 * polling integration), and the engine's decision for a model, a request and a time is always the
 * same, so a repeated call is answered without evaluating it again. A model edit gives a new model
 * object (the cache of the old one is dropped with it); the key holds the evaluation time to the
 * second when the model sets no `now:` (app-key expiry reads it). Bounded: cleared when full.
 */
const DECISIONS = new WeakMap<Model, Map<string, Decided>>();
const DECISIONS_KEPT = 4096;

/** A decision, and the model a permission-changing service leaves behind (domain §7.14-7.15). */
type Decided = { decision: Decision; effect?: Model };

function decide(model: Model, request: RestRequest, bodyText: string): Decided {
  const now = model.now === undefined ? currentTime() : undefined;
  const c = request.credentials;
  const key = JSON.stringify([
    request.method,
    request.path,
    request.clientIp,
    c.type,
    c.type === 'basic' ? c.user : c.type === 'appKey' ? c.key : '',
    c.type === 'basic' ? (c.password ?? null) : c.type === 'appKey' ? c.via : '',
    bodyText,
    now ?? '',
  ]);
  let kept = DECISIONS.get(model);
  if (!kept) {
    kept = new Map();
    DECISIONS.set(model, kept);
  }
  const known = kept.get(key);
  if (known) return known;
  // The engine's decision drops a service's effect; the handlers are wrapped to keep it.
  let effect: Model | undefined;
  const services = defaultServices.map((h): ServiceHandler => ctx => {
    const out = h(ctx);
    if (out?.effect) effect = out.effect;
    return out;
  });
  const decision = evaluate(model, request, { services, ...(now === undefined ? {} : { now }) });
  const d: Decided = effect && decision.status < 400 ? { decision, effect } : { decision };
  if (kept.size >= DECISIONS_KEPT) kept.clear();
  kept.set(key, d);
  return d;
}

const JSON_TYPE = 'application/json';
const TEXT_TYPE = 'text/plain; charset=utf-8';
/** Content types the CSRF filter lets through (domain reference §5.3). */
const CSRF_TYPES = ['application/json', 'application/xml', 'text/xml'];
const XSRF_VALUE = 'TWX-XSRF-TOKEN-VALUE';
export const SIMULATED_HEADER = 'X-PermSim-Simulated';

const header = (h: MockHttpRequest['headers'], name: string): string | undefined => {
  const v = own(h, name);
  return Array.isArray(v) ? v[0] : v;
};

/**
 * The caller from the request's headers and query: an `appKey` header, else an `appKey` query
 * parameter, else Basic authentication, else none. Which one ThingWorx prefers when a request
 * carries several is undocumented; the stand-in takes the key, as a key-carrying client means it.
 */
export function credentialsOf(
  req: Pick<MockHttpRequest, 'headers'>,
  appKeyInQuery: string | undefined,
): Credentials {
  const key = header(req.headers, 'appkey');
  if (key !== undefined && key !== '') return { type: 'appKey', key, via: 'header' };
  if (appKeyInQuery !== undefined) return { type: 'appKey', key: appKeyInQuery, via: 'query' };
  const auth = header(req.headers, 'authorization');
  const m = auth === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(auth);
  if (m) {
    const text = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
    // Basic splits at the first colon (domain reference §5.8).
    const colon = text.indexOf(':');
    if (colon >= 0)
      return { type: 'basic', user: text.slice(0, colon), password: text.slice(colon + 1) };
    return { type: 'basic', user: text, password: '' };
  }
  return { type: 'none' };
}

function callerOf(model: Model, c: Credentials): MockCaller {
  if (c.type === 'none') return { type: 'none' };
  if (c.type === 'appKey') return { type: 'appKey', name: c.key, via: c.via };
  return {
    type: 'user',
    name: c.user,
    passwordChecked: own(model.users, c.user)?.password !== undefined,
  };
}

/** The empty infotable ThingWorx answers for a service without rows. */
const EMPTY_INFOTABLE = { dataShape: { fieldDefinitions: {} }, rows: [] };

/** A property's value as an infotable of one row (the shape of GET …/Properties/{name}). */
function propertyInfotable(name: string, baseType: string, value: unknown): object {
  return {
    dataShape: { fieldDefinitions: { [name]: { name, baseType } } },
    rows: [{ [name]: value }],
  };
}

/** The base type a value written to a property without a declared one is shown with. */
const baseTypeOfValue = (value: unknown): string =>
  typeof value === 'number'
    ? 'NUMBER'
    : typeof value === 'boolean'
      ? 'BOOLEAN'
      : typeof value === 'object' && value !== null
        ? 'JSON'
        : 'STRING';

/**
 * Where a property's data is declared, nearest first: a Thing, its own shapes, its templates
 * (nearest first) and their shapes; a template's chain and shapes; a shape; another entity.
 */
function propertySources(model: Model, collection: string, entity: string): Characteristics[] {
  const shapes = (names: readonly string[]) => names.flatMap(n => own(model.shapes, n) ?? []);
  const templates = (start: string) => [
    ...templateChain(model, start).flatMap(t => own(model.templates, t) ?? []),
    ...shapes(chainShapes(model, start)),
  ];
  if (collection === 'Things') {
    const t = own(model.things, entity);
    return t ? [t, ...shapes(t.shapes), ...templates(t.template)] : [];
  }
  if (collection === 'ThingTemplates') return templates(entity);
  if (collection === 'ThingShapes') return shapes([entity]);
  const o = own(model.others, `${collection}/${entity}`);
  return o ? [o] : [];
}

/**
 * What a property reads as: the value written in this session, else the model's default value,
 * else a placeholder of its base type (docs/stand-in-server.md "Property values").
 */
function propertyRead(
  model: Model,
  values: PropertyValues,
  collection: string,
  entity: string,
  name: string,
): { baseType: string; value: unknown } {
  const data = propertyDataOf(propertySources(model, collection, entity), name);
  const written = values.get(`${collection}/${entity}`, name);
  if (!written) return data;
  return {
    baseType: data.declared ? data.baseType : baseTypeOfValue(written.value),
    value: written.value,
  };
}

/** The value a PUT carries for a property: `{ "name": value }` as ThingWorx expects, else the body. */
function writtenValue(body: unknown, name: string): unknown {
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && hasOwn(body, name))
    return own(body as Record<string, unknown>, name);
  return body;
}

function csrfStep(method: string, contentType: string | undefined): Step {
  return {
    kind: 'lookup',
    verdict: 'fail',
    text: `ThingWorx's CSRF filter refuses a ${method} whose Content-Type is ${contentType ? `"${contentType}"` : 'missing'}: it must be application/json, application/xml or text/xml (or carry X-XSRF-TOKEN: ${XSRF_VALUE}).`,
    details: [
      'The status of this refusal is the one PTC\'s troubleshooting table gives ("403: Content-Type not JSON", §5.4).',
    ],
    refs: [],
    cites: ['§5.3', '§5.4'],
    inferences: ['[INF] the filter runs before authentication (it is a servlet filter).'],
  };
}

function entityOf(p: ReturnType<typeof parseCall>): string | undefined {
  if (p.ok) {
    const o = p.call.operation;
    return 'entity' in o ? `${o.collection}/${o.entity}` : o.collection;
  }
  if (p.code === 'method-not-allowed')
    return p.entity !== undefined ? `${p.collection}/${p.entity}` : p.collection;
  return undefined;
}

/**
 * Answers one request. `values` holds the session's property writes; a permitted write is stored
 * there only when `write` is true (compare mode evaluates the baseline without writing).
 */
export function respond(
  model: Model,
  values: PropertyValues,
  req: MockHttpRequest,
  write = true,
): MockAnswer {
  const method = req.method.toUpperCase();
  const parsed = parseCall(method, req.url);
  const appKeyInQuery = parsed.ok
    ? parsed.call.appKeyInUrl
    : parsed.code === 'method-not-allowed'
      ? parsed.appKeyInUrl
      : undefined;
  const credentials = credentialsOf(req, appKeyInQuery);
  const caller = callerOf(model, credentials);
  const entity = entityOf(parsed);
  const notes: string[] = [];
  if (caller.type === 'user' && !caller.passwordChecked && hasOwn(model.users, caller.name))
    notes.push(
      `the model declares no password for ${caller.name}: any password is accepted (no real credentials are needed).`,
    );
  const base = { caller, notes, ...(entity !== undefined ? { entity } : {}) };

  // Not a ThingWorx REST path the engine knows: a real server answers 404.
  if (!parsed.ok && parsed.code === 'bad-call') {
    return {
      ...base,
      status: 404,
      headers: { 'Content-Type': TEXT_TYPE },
      body: NOT_FOUND_BODY,
      outcome: 'unknown',
      explanation: [
        {
          kind: 'lookup',
          verdict: 'fail',
          text: `Not a ThingWorx REST call PermSim can simulate: ${parsed.message}`,
          details: [],
          refs: [],
          cites: ['§5.1'],
        },
      ],
    };
  }

  if (method === 'POST' || method === 'PUT' || method === 'DELETE') {
    const type = header(req.headers, 'content-type');
    const mediaType = type?.split(';')[0]?.trim().toLowerCase();
    const xsrf = header(req.headers, 'x-xsrf-token');
    if (!(mediaType !== undefined && CSRF_TYPES.includes(mediaType)) && xsrf !== XSRF_VALUE) {
      return {
        ...base,
        status: 403,
        headers: { 'Content-Type': TEXT_TYPE },
        body: 'Forbidden',
        outcome: 'denied',
        explanation: [csrfStep(method, type)],
      };
    }
  }

  let body: unknown;
  if (req.body.trim() !== '') {
    try {
      body = JSON.parse(req.body);
    } catch {
      // An XML or malformed body: the engine sees no parameters (what ThingWorx makes of it is not simulated).
      notes.push('the request body is not JSON; the call is evaluated without parameters.');
    }
  }
  const request: RestRequest = {
    method,
    path: req.url,
    credentials,
    clientIp: req.clientIp,
  };
  if (body !== undefined) request.body = body;
  // Shared by every answer to the same call: never modified after this point.
  const { decision, effect } = decide(model, request, body === undefined ? '' : req.body);
  const answer = (
    status: number,
    text: string,
    type: string,
    extra: Partial<MockAnswer> = {},
  ): MockAnswer => ({
    ...base,
    status,
    headers: { 'Content-Type': type, ...(extra.headers ?? {}) },
    body: text,
    decision,
    request,
    outcome: extra.outcome ?? decision.outcome,
    explanation: decision.explanation,
    ...(extra.simulated !== undefined ? { simulated: extra.simulated } : {}),
    ...(effect ? { effect } : {}),
  });
  if (decision.status >= 400) return answer(decision.status, decision.body, TEXT_TYPE);

  const op = parsed.ok ? parsed.call.operation : undefined;
  if (op?.op === 'property-read') {
    const r = propertyRead(model, values, op.collection, op.entity, op.name);
    return answer(200, JSON.stringify(propertyInfotable(op.name, r.baseType, r.value)), JSON_TYPE);
  }
  if (op?.op === 'property-write') {
    if (write) values.set(`${op.collection}/${op.entity}`, op.name, writtenValue(body, op.name));
    return answer(200, '', JSON_TYPE);
  }
  if (op?.op === 'properties-read-all' && decision.result !== undefined) {
    const rows = (decision.result as { rows?: Record<string, unknown>[] }).rows ?? [];
    const row = Object.create(null) as Record<string, unknown>;
    const fields = Object.create(null) as Record<string, { name: string; baseType: string }>;
    for (const name of Object.keys(rows[0] ?? {})) {
      const r = propertyRead(model, values, op.collection, op.entity, name);
      row[name] = r.value;
      fields[name] = { name, baseType: r.baseType };
    }
    return answer(
      200,
      JSON.stringify({ dataShape: { fieldDefinitions: fields }, rows: [row] }),
      JSON_TYPE,
    );
  }
  if (decision.result !== undefined) return answer(200, JSON.stringify(decision.result), JSON_TYPE);
  if (op?.op === 'service-invoke') {
    // The engine let the call through but cannot know its result (a service script, a built-in
    // it does not compute): an empty infotable, said to be simulated in a header and the log.
    const why = 'the service result is not modelled; an empty infotable is answered';
    return answer(200, JSON.stringify(EMPTY_INFOTABLE), JSON_TYPE, {
      headers: { [SIMULATED_HEADER]: why },
      simulated: why,
      outcome: 'unknown',
    });
  }
  return answer(200, decision.body, decision.body === '' ? JSON_TYPE : TEXT_TYPE);
}
