/**
 * Autocompletion of REST calls from the model: methods, collections, entities, the sub-resources a
 * method reaches (§5.10), and the entity's characteristics. Matching is case-insensitive on the
 * segment being typed; at most SUGGESTION_LIMIT answers.
 *
 * @example
 * suggestCalls(model, 'POST /Thingworx/Things/Sensor'); // ['POST /Thingworx/Things/SensorDataStream', ...]
 * suggestCalls(model, 'GET /Thingworx/Things/SensorDataStream/Properties/t'); // ['GET /Thingworx/Things/SensorDataStream/Properties/temperature']
 */
import type { Model } from '../../shared/model/types';
import { REST_COLLECTIONS } from '../../shared/rest/collections';
import { entityCharacteristics, entityNames } from './characteristics';
import { own } from '../../shared/model/own';

export const SUGGESTION_LIMIT = 50;
const METHODS = ['GET', 'PUT', 'POST', 'DELETE'];

/** Sub-resources of an entity that `method` reaches, with the characteristic list they name. */
const SUBS: Record<string, { sub: string; list?: 'properties' | 'services' | 'events' }[]> = {
  GET: [
    { sub: 'Properties', list: 'properties' },
    { sub: 'PropertyDefinitions' },
    { sub: 'ServiceDefinitions' },
    { sub: 'EventDefinitions' },
  ],
  PUT: [{ sub: 'Properties', list: 'properties' }],
  POST: [
    { sub: 'Services', list: 'services' },
    { sub: 'Events', list: 'events' },
  ],
  DELETE: [],
};

const startsWithCI = (s: string, prefix: string): boolean =>
  s.toLowerCase().startsWith(prefix.toLowerCase());

export function suggestCalls(model: Model, text: string): string[] {
  const trimmed = text.replace(/^\s+/, '');
  const space = trimmed.indexOf(' ');
  if (space < 0) {
    return METHODS.filter(m => startsWithCI(m, trimmed)).map(m => `${m} /Thingworx/`);
  }
  const method = trimmed.slice(0, space).toUpperCase();
  if (!METHODS.includes(method)) return [];
  const rawPath =
    trimmed
      .slice(space + 1)
      .trimStart()
      .split('?')[0] ?? '';
  const segs = rawPath.split('/');
  // segs: ['', 'Thingworx', collection, entity, sub, characteristic]
  const out: string[] = [];
  const add = (path: string): boolean => {
    out.push(`${method} ${path}`);
    return out.length >= SUGGESTION_LIMIT;
  };
  const typed = segs[segs.length - 1] ?? '';
  const level = segs.length - 1;
  if (level <= 1) {
    if (!startsWithCI('/Thingworx/', rawPath) && !startsWithCI(rawPath, '/Thingworx')) return [];
    for (const c of REST_COLLECTIONS) if (add(`/Thingworx/${c}`)) break;
    return out;
  }
  const collection = REST_COLLECTIONS.find(c => c.toLowerCase() === (segs[2] ?? '').toLowerCase());
  if (level === 2) {
    for (const c of REST_COLLECTIONS) if (startsWithCI(c, typed) && add(`/Thingworx/${c}`)) break;
    return out;
  }
  if (!collection) return [];
  const base = `/Thingworx/${collection}`;
  if (level === 3) {
    const all = entityNames(model, collection);
    const starts = all.filter(n => startsWithCI(n, typed));
    const contains = all.filter(
      n => !startsWithCI(n, typed) && n.toLowerCase().includes(typed.toLowerCase()),
    );
    for (const n of [...starts, ...contains]) if (add(`${base}/${encodeURIComponent(n)}`)) break;
    return out;
  }
  const entity = decodeSafe(segs[3] ?? '');
  const chars = entityCharacteristics(model, collection, entity);
  if (!chars) return [];
  const entityPath = `${base}/${segs[3]}`;
  const subs = own(SUBS, method) ?? [];
  if (level === 4) {
    for (const s of subs) if (startsWithCI(s.sub, typed) && add(`${entityPath}/${s.sub}`)) break;
    return out;
  }
  if (level === 5) {
    const sub = subs.find(s => s.sub.toLowerCase() === (segs[4] ?? '').toLowerCase());
    if (!sub?.list) return [];
    for (const n of chars[sub.list])
      if (startsWithCI(n, typed) && add(`${entityPath}/${sub.sub}/${encodeURIComponent(n)}`)) break;
    return out;
  }
  return [];
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
