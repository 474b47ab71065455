/**
 * REST call -> Operation mapping (domain reference §5.1, §5.2, §5.10).
 *
 * Accepted paths: `/Thingworx/{Collection}[/{Name}[/Properties[/{p}] | /Services/{s} | /Events/{e} |
 * /PropertyDefinitions | /ServiceDefinitions | /EventDefinitions]]`, optionally with a query string
 * (`?appKey=` is extracted, §3.10) and optionally prefixed by `http(s)://host[:port]`.
 * Names are URL-decoded. Methods are case-insensitive on input and reported upper-case.
 *
 * Decisions documented here (the domain reference is silent on them):
 * - A valid path with a method ThingWorx does not route there is `method-not-allowed` (HTTP 405,
 *   "Method Not Allowed"), with the methods that are allowed.
 * - Anything else (no `/Thingworx/` prefix, unknown collection, `/Services` without a service name,
 *   malformed %-escapes, a method that is not an HTTP method) is `bad-call`: it is not a ThingWorx
 *   REST call PermSim can simulate, and front ends report it as bad input, not as an HTTP answer.
 * - `PUT /{Collection}/{Name}` is `entity-update`; the pipeline turns it into `entity-create` when
 *   the entity does not exist (§5.10 "creating -> Create on the collection"). `POST /{Collection}/{Name}`
 *   is `entity-create`.
 *
 * @example
 * const r = parseCall('GET', '/Thingworx/Things/SensorDataStream/Properties/temperature');
 * if (r.ok) r.call.operation; // { op: 'property-read', collection: 'Things', entity: 'SensorDataStream', name: 'temperature' }
 * parseCallLine('POST /Thingworx/Things/T1/Services/GetDataStream?appKey=k1'); // call.appKeyInUrl === 'k1'
 */
import type { Operation } from '../model/decision';
import { REST_COLLECTIONS, isRestCollection } from './collections';
import { HTTP_METHODS } from './methods';
import { setOwn } from '../model/own';

export type ParsedCall = {
  /** Upper-case HTTP method. */
  method: string;
  /** The path without query string, as given (still encoded). */
  path: string;
  /** Decoded query parameters (last one wins). */
  query: Record<string, string>;
  /** The `appKey` query parameter, when present (§3.10). */
  appKeyInUrl?: string;
  operation: Operation;
};

export type ParseError =
  | {
      ok: false;
      code: 'method-not-allowed';
      status: 405;
      message: string;
      method: string;
      /** Methods ThingWorx routes on this path. */
      allowed: string[];
      /** The operation the path would have with an allowed method (for the explanation). */
      collection: string;
      entity?: string;
      appKeyInUrl?: string;
    }
  | { ok: false; code: 'bad-call'; message: string };

export type ParseResult = { ok: true; call: ParsedCall } | ParseError;

const DEFINITIONS = ['PropertyDefinitions', 'ServiceDefinitions', 'EventDefinitions'] as const;

const badCall = (message: string): ParseError => ({ ok: false, code: 'bad-call', message });

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function parseQuery(qs: string): { query: Record<string, string> } | { error: string } {
  const query: Record<string, string> = {};
  for (const part of qs.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    // Query strings use '+' for spaces (form encoding); path segments do not.
    const key = decode(rawKey.replace(/\+/g, ' '));
    const value = decode(rawValue.replace(/\+/g, ' '));
    if (key === undefined || value === undefined)
      return { error: `malformed %-escape in query parameter "${part}"` };
    setOwn(query, key, value);
  }
  return { query };
}

/**
 * Parses one REST call. Never throws.
 *
 * @example
 * parseCall('DELETE', '/Thingworx/Things/T1/Properties/p'); // { ok: false, code: 'method-not-allowed', status: 405, allowed: ['GET', 'PUT'], ... }
 */
export function parseCall(method: string, path: string): ParseResult {
  if (typeof method !== 'string' || typeof path !== 'string')
    return badCall('A call needs a method and a path, both strings.');
  const m = method.trim().toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(m)) {
    return badCall(
      `"${method}" is not an HTTP method; expected one of ${HTTP_METHODS.join(', ')}.`,
    );
  }
  let p = path.trim();
  const origin = /^https?:\/\/[^/]+/i.exec(p);
  if (origin) p = p.slice(origin[0].length);
  const hash = p.indexOf('#');
  if (hash >= 0) p = p.slice(0, hash);
  const qIndex = p.indexOf('?');
  const pathOnly = qIndex < 0 ? p : p.slice(0, qIndex);
  const q = parseQuery(qIndex < 0 ? '' : p.slice(qIndex + 1));
  if ('error' in q) return badCall(`Bad query string in "${path}": ${q.error}.`);

  if (!pathOnly.startsWith('/Thingworx/')) {
    return badCall(
      `"${path}" is not a ThingWorx REST path; expected /Thingworx/{Collection}[/{Name}[/Properties/{name}|/Services/{name}|/Events/{name}]].`,
    );
  }
  const raw = pathOnly.slice('/Thingworx/'.length).split('/');
  if (raw.length === 1 && raw[0] === '')
    return badCall(
      `"${path}" names no collection; expected /Thingworx/{Collection}, e.g. /Thingworx/Things.`,
    );
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop(); // tolerate one trailing slash
  const segs: string[] = [];
  for (const s of raw) {
    if (s === '') return badCall(`"${path}" has an empty path segment (double slash).`);
    const d = decode(s);
    if (d === undefined) return badCall(`"${path}" has a malformed %-escape in segment "${s}".`);
    segs.push(d);
  }
  const [collection, entity, section, name, ...rest] = segs;
  if (collection === undefined || collection === '')
    return badCall(
      `"${path}" names no collection; expected /Thingworx/{Collection}, e.g. /Thingworx/Things.`,
    );
  if (!isRestCollection(collection)) {
    return badCall(
      `"${collection}" is not a ThingWorx collection PermSim knows; expected one of ${REST_COLLECTIONS.join(', ')} (names are case-sensitive).`,
    );
  }
  const appKeyInUrl = q.query['appKey'];
  const ok = (operation: Operation): ParseResult => ({
    ok: true,
    call: {
      method: m,
      path: pathOnly,
      query: q.query,
      ...(appKeyInUrl !== undefined ? { appKeyInUrl } : {}),
      operation,
    },
  });
  const notAllowed = (allowed: string[], what: string): ParseResult => ({
    ok: false,
    code: 'method-not-allowed',
    status: 405,
    message: `Method Not Allowed: ${m} on ${what}; ThingWorx accepts ${allowed.join(' or ')} there.`,
    method: m,
    allowed,
    collection,
    ...(entity !== undefined ? { entity } : {}),
    ...(appKeyInUrl !== undefined ? { appKeyInUrl } : {}),
  });

  if (rest.length > 0) return badCall(`"${path}" has extra path segments after "${name}".`);

  if (entity === undefined) {
    if (m === 'GET') return ok({ op: 'collection-list', collection });
    return notAllowed(['GET'], `the collection ${collection}`);
  }
  if (section === undefined) {
    switch (m) {
      case 'GET':
        return ok({ op: 'entity-read', collection, entity });
      case 'PUT':
        return ok({ op: 'entity-update', collection, entity });
      case 'POST':
        return ok({ op: 'entity-create', collection, entity });
      case 'DELETE':
        return ok({ op: 'entity-delete', collection, entity });
      default:
        return notAllowed(['GET', 'PUT', 'POST', 'DELETE'], `the entity ${collection}/${entity}`);
    }
  }
  if (section === 'Properties') {
    if (name === undefined) {
      if (m === 'GET') return ok({ op: 'properties-read-all', collection, entity });
      return notAllowed(['GET'], `the properties of ${entity}`);
    }
    if (m === 'GET') return ok({ op: 'property-read', collection, entity, name });
    if (m === 'PUT') return ok({ op: 'property-write', collection, entity, name });
    return notAllowed(['GET', 'PUT'], `the property ${name} of ${entity}`);
  }
  if (section === 'Services' || section === 'Events') {
    const singular = section === 'Services' ? 'service' : 'event';
    if (name === undefined)
      return badCall(
        `"${path}" names no ${singular}; expected /Thingworx/${collection}/${entity}/${section}/{${singular}Name}.`,
      );
    if (m !== 'POST') return notAllowed(['POST'], `the ${singular} ${name} of ${entity}`);
    return ok(
      section === 'Services'
        ? { op: 'service-invoke', collection, entity, name }
        : { op: 'event-invoke', collection, entity, name },
    );
  }
  if ((DEFINITIONS as readonly string[]).includes(section)) {
    if (name !== undefined) return badCall(`"${path}": ${section} takes no further segment.`);
    if (m !== 'GET') return notAllowed(['GET'], `the ${section} of ${entity}`);
    return ok({
      op: 'definitions-read',
      collection,
      entity,
      what: section as (typeof DEFINITIONS)[number],
    });
  }
  return badCall(
    `"${section}" is not a part of a ThingWorx entity path; expected Properties, Services, Events, PropertyDefinitions, ServiceDefinitions or EventDefinitions.`,
  );
}

/**
 * Parses `'METHOD /Thingworx/...'` (the notation of saved requests and the CLI).
 *
 * @example
 * parseCallLine('GET /Thingworx/Things/SensorDataStream/Properties/temperature');
 */
export function parseCallLine(line: string): ParseResult {
  if (typeof line !== 'string')
    return badCall('A call line must be a string such as "GET /Thingworx/Things/T1/Properties/p".');
  const parts = line.trim().split(/\s+/);
  if (parts.length !== 2 || parts[0] === '' || parts[1] === undefined) {
    return badCall(
      `"${line}" is not a call line; expected "METHOD PATH", e.g. "GET /Thingworx/Things/T1/Properties/p".`,
    );
  }
  return parseCall(parts[0] as string, parts[1]);
}
