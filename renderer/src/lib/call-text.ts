/**
 * The Ask view's call text: "METHOD /Thingworx/..." as a person types it (or as the model file's
 * `requests[].call` holds it), split into the method and path of a RestRequest.
 *
 * @example
 * parseCallText('POST /Thingworx/Things/SensorDataStream/Services/GetDataStream');
 * // { ok: true, method: 'POST', path: '/Thingworx/Things/SensorDataStream/Services/GetDataStream' }
 */
import { HTTP_METHODS } from '../../../shared/rest/methods';

export const METHODS = HTTP_METHODS;

export type ParsedCall =
  { ok: true; method: string; path: string } | { ok: false; message: string };

export function parseCallText(text: string, fallbackMethod = 'GET'): ParsedCall {
  const trimmed = text.trim();
  if (trimmed === '')
    return {
      ok: false,
      message: 'Type a REST call, e.g. GET /Thingworx/Things/MyThing/Properties/temperature.',
    };
  const match = /^([A-Za-z]+)\s+(\S.*)$/.exec(trimmed);
  let method = fallbackMethod.toUpperCase();
  let path = trimmed;
  if (match && match[1] && match[2]) {
    method = match[1].toUpperCase();
    path = match[2].trim();
  }
  if (!(METHODS as readonly string[]).includes(method)) {
    return {
      ok: false,
      message: `Unknown HTTP method "${method}"; expected one of ${METHODS.join(', ')}.`,
    };
  }
  if (!path.startsWith('/')) {
    return {
      ok: false,
      message: `The path must start with "/" (got "${path}"), e.g. /Thingworx/Things/MyThing.`,
    };
  }
  return { ok: true, method, path };
}

export function formatCallText(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}
