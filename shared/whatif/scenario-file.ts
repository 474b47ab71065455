/**
 * The scenario file (model-format.md "Scenarios", docs/whatif.md): YAML or JSON text with
 * `scenario` (name), `baseline` (model file relative to the scenario), `changes` and `watch`.
 * Each item of `changes` has exactly one key:
 * - `add` / `remove`: an entry at a level (`thing`, `template`, `shape`, `collection`, `entity:
 *   Resources/Name`; `instance:` for a template's or shape's instance set) with `runtime`,
 *   `designtime` or `visibility` in the model file's notation; or a membership
 *   `{ member: user:bob, group: Ops }`; or a unit membership `{ member: user:bob, org: Plant, unit: LineA }`;
 * - `invoke: { service, params }`: a context-manager Grant or Propagate service (§7.5, §7.6);
 * - `set`: `{ user, locked?, enabled? }`, `{ template, base?, shapes? }`, `{ thing|template|shape|entity, owner }`,
 *   `{ appKey, expires?, ipAllowlist? }`;
 * - `edit`: any typed change value (a ModelEdit), as the app stores it.
 * Shape errors are reported with their place (`changes[2].add.runtime.allow`); whether the names
 * exist is checked when the changes are applied to the baseline.
 *
 * @example
 * const r = parseScenarioText(text, 'grant.yaml');
 * if (r.ok) r.scenario.changes.length; else r.errors[0]; // 'grant.yaml: changes[0].add: ...'
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { nameSchema, whatIfChangeSchema } from '../model/edits';
import type { EditTarget, EntryValue } from '../model/edits';
import type { PrincipalRef } from '../model/types';
import { parsePrincipal, parseVisibility } from '../model/compile';
import {
  DesignEntrySchema,
  PrincipalString,
  RuntimeEntrySchema,
  VisibilityString,
} from '../model/file-format';
import { suggestionSuffix } from '../model/suggest';
import type { WhatIfChange } from './change';
import type { Scenario } from './scenario';
import { own } from '../model/own';
import { shown } from '../model/shown';

/** What a scenario watches: users (or `appKey:<name>[@<address>]`) x calls (shared/whatif/scenario.ts). */
export const scenarioWatchSchema = z.strictObject({
  users: z.array(nameSchema),
  calls: z.array(z.string()),
});

/**
 * A scenario as the app stores it and the contract carries it: its changes are typed values
 * (`WhatIfChange`, checked in full here; whether the names exist is checked when applied).
 */
export const scenarioSchema = z.strictObject({
  name: nameSchema,
  baseline: z.string().optional(),
  changes: z.array(whatIfChangeSchema, { error: 'a list of changes' }),
  watch: scenarioWatchSchema.optional(),
});

export type ParsedScenario = {
  scenario: Scenario;
  /** For each change, the 0-based index of the `changes` item it came from (one item may give several). */
  origins: number[];
};
export type ScenarioParseResult = ({ ok: true } & ParsedScenario) | { ok: false; errors: string[] };

class Bad extends Error {}
const bad = (where: string, message: string): never => {
  throw new Bad(`${where}: ${message}`);
};

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x);

function str(x: unknown, where: string, what: string): string {
  if (typeof x !== 'string' || x.trim() === '') bad(where, `expected ${what}, got ${shown(x)}`);
  return (x as string).trim();
}

/** `where` plus a zod issue path, in the notation of these messages: `changes[0].add.runtime[1].allow`. */
const at = (where: string, path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : `${acc}.${String(seg)}`),
    where,
  );

/**
 * Reads `x` with a schema of the model file's notation (shared/model/file-format.ts: the same
 * entries, principals and visibility strings a model file has); the first problem becomes this
 * file's message, with a "did you mean" for a misspelt key or kind.
 */
function read<T>(schema: z.ZodType<T>, x: unknown, where: string, keys: readonly string[]): T {
  const r = schema.safeParse(x, { reportInput: true });
  if (r.success) return r.data;
  // A misspelt key explains a missing one: report it first.
  let issue = (r.error.issues.find(i => i.code === 'unrecognized_keys') ??
    r.error.issues[0]) as z.core.$ZodIssue & { input?: unknown };
  // A kind may be one name or a list: report the branch that matches what was written.
  while (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branch = Array.isArray(issue.input) ? issue.errors[1] : issue.errors[0];
    const inner = branch?.[0];
    if (!inner) break;
    issue = { ...inner, path: [...issue.path, ...inner.path] };
  }
  const place = at(where, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const k = issue.keys[0] ?? '';
      return bad(
        `${place}.${k}`,
        keys.length
          ? `unknown key${suggestionSuffix(k, keys)}; expected one of ${keys.join(', ')}`
          : 'unknown key',
      );
    }
    case 'invalid_union': {
      // A discriminated union (a typed change) names its discriminator and the values it knows.
      const d = issue as { discriminator?: string; options?: unknown[] };
      if (d.discriminator) {
        const options = (d.options ?? []).map(String);
        const got = isObj(issue.input) ? String(own(issue.input, d.discriminator)) : '';
        return bad(
          issue.path[issue.path.length - 1] === d.discriminator
            ? place
            : `${place}.${d.discriminator}`,
          `'${got}' is not one of ${options.join(', ')}${suggestionSuffix(got, options)}`,
        );
      }
      return bad(place, issue.message);
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      const got = String(issue.input);
      return bad(
        place,
        `'${got}' is not one of ${values.join(', ')}${suggestionSuffix(got, values)}`,
      );
    }
    case 'too_small':
      return bad(place, 'expected at least one permission kind');
    case 'invalid_type':
      if (issue.input === undefined) return bad(place, `is required (${issue.expected})`);
      return bad(place, `expected ${issue.expected}, got ${shown(issue.input)}`);
    default:
      return bad(place, issue.message);
  }
}

const RUNTIME_KEYS = Object.keys(RuntimeEntrySchema.shape);
const DESIGN_KEYS = Object.keys(DesignEntrySchema.shape);

/** `allow` or `deny`, exactly one (the model file's rule, compile.ts). */
function allowDeny<K extends string>(
  e: { allow?: K | K[] | undefined; deny?: K | K[] | undefined },
  where: string,
): { allow: boolean; kinds: K[] } {
  const v = e.allow ?? e.deny;
  if (v === undefined || (e.allow !== undefined && e.deny !== undefined))
    return bad(where, 'give exactly one of allow or deny');
  return { allow: e.allow !== undefined, kinds: Array.isArray(v) ? v : [v] };
}

function onlyKeys(o: Obj, keys: readonly string[], where: string): void {
  for (const k of Object.keys(o))
    if (!keys.includes(k))
      bad(
        `${where}.${k}`,
        `unknown key${suggestionSuffix(k, keys)}; expected one of ${keys.join(', ')}`,
      );
}

const principal = (x: unknown, where: string): PrincipalRef =>
  parsePrincipal(read(PrincipalString, typeof x === 'string' ? x.trim() : x, where, []));

/**
 * The entries of one set, in the model file's notation; unlike a model file, a scenario may give
 * one entry without a list.
 */
function entries(set: Obj, where: string): EntryValue[] {
  onlyKeys(set, ['runtime', 'designtime', 'visibility'], where);
  const out: EntryValue[] = [];
  const items = (k: string): [unknown, string][] => {
    const v = own(set, k);
    if (v === undefined) return [];
    return Array.isArray(v) ? v.map((e, i) => [e, `${where}.${k}[${i}]`]) : [[v, `${where}.${k}`]];
  };
  for (const [e, w] of items('runtime')) {
    const entry = read(RuntimeEntrySchema, e, w, RUNTIME_KEYS);
    const { allow, kinds } = allowDeny(entry, w);
    const p = parsePrincipal(entry.principal);
    for (const kind of kinds)
      out.push({ family: 'runtime', kind, resource: entry.resource ?? '*', principal: p, allow });
  }
  for (const [e, w] of items('designtime')) {
    const entry = read(DesignEntrySchema, e, w, DESIGN_KEYS);
    const { allow, kinds } = allowDeny(entry, w);
    const p = parsePrincipal(entry.principal);
    for (const kind of kinds) out.push({ family: 'designtime', kind, principal: p, allow });
  }
  for (const [v, w] of items('visibility'))
    out.push({
      family: 'visibility',
      principal: parseVisibility(read(VisibilityString, v, w, [])),
    });
  if (out.length === 0) bad(where, 'expected runtime, designtime or visibility');
  return out;
}

function addOrRemove(verb: 'add' | 'remove', o: Obj, where: string): WhatIfChange[] {
  if (o['member'] !== undefined) {
    const member = principal(o['member'], `${where}.member`);
    if (o['group'] !== undefined) {
      onlyKeys(o, ['member', 'group'], where);
      return [
        {
          type: verb === 'add' ? 'add-membership' : 'remove-membership',
          member,
          group: str(o['group'], `${where}.group`, 'a group name'),
        },
      ];
    }
    onlyKeys(o, ['member', 'org', 'unit'], where);
    const org = str(o['org'], `${where}.org`, 'an organization name');
    const unit =
      o['unit'] === undefined ? undefined : str(o['unit'], `${where}.unit`, 'a unit name');
    // §4.2: an organization's members are those of its root unit; `unit` defaults to the organization's name.
    return [
      {
        type: verb === 'add' ? 'add-unit-member' : 'remove-unit-member',
        org,
        unit: unit ?? org,
        member,
      },
    ];
  }
  const located = ['thing', 'template', 'shape', 'collection', 'entity'].filter(
    k => own(o, k) !== undefined,
  );
  if (located.length !== 1)
    bad(
      where,
      'expected exactly one of thing, template, shape, collection, entity (an entry) or member (a membership)',
    );
  const at = located[0] as string;
  const name = str(own(o, at), `${where}.${at}`, `a ${at} name`);
  let target: EditTarget;
  let set: Obj;
  const rest: Obj = { ...o };
  delete rest[at];
  if (rest['instance'] !== undefined) {
    if (at !== 'template' && at !== 'shape')
      bad(`${where}.instance`, 'only templates and shapes have instance permissions');
    if (!isObj(rest['instance']))
      bad(`${where}.instance`, 'expected { runtime | designtime | visibility }');
    onlyKeys(rest, ['instance'], where);
    target =
      at === 'template' ? { level: 'instance', template: name } : { level: 'shape', shape: name };
    set = rest['instance'] as Obj;
  } else {
    set = rest;
    if (at === 'thing') target = { level: 'entity', collection: 'Things', name };
    else if (at === 'template') target = { level: 'entity', collection: 'ThingTemplates', name };
    else if (at === 'shape') target = { level: 'entity', collection: 'ThingShapes', name };
    else if (at === 'collection') target = { level: 'collection', collection: name };
    else {
      const slash = name.indexOf('/');
      if (slash <= 0)
        bad(
          `${where}.entity`,
          `expected 'Collection/Name', e.g. 'Resources/EntityServices', got '${name}'`,
        );
      target = { level: 'entity', collection: name.slice(0, slash), name: name.slice(slash + 1) };
    }
  }
  return entries(set, where).map(entry => ({
    type: verb === 'add' ? 'add-entry' : 'remove-entry',
    target,
    entry,
  }));
}

function setChange(o: Obj, where: string): WhatIfChange[] {
  const bool = (k: string) => {
    if (own(o, k) !== undefined && typeof own(o, k) !== 'boolean')
      bad(`${where}.${k}`, `expected true or false, got ${shown(own(o, k))}`);
    return own(o, k) as boolean | undefined;
  };
  if (o['user'] !== undefined) {
    onlyKeys(o, ['user', 'locked', 'enabled'], where);
    const name = str(o['user'], `${where}.user`, 'a user name');
    const locked = bool('locked');
    const enabled = bool('enabled');
    if (locked === undefined && enabled === undefined) bad(where, 'give locked and/or enabled');
    return [
      {
        type: 'set-user-flags',
        name,
        ...(locked !== undefined ? { locked } : {}),
        ...(enabled !== undefined ? { enabled } : {}),
      },
    ];
  }
  if (o['appKey'] !== undefined) {
    onlyKeys(o, ['appKey', 'expires', 'ipAllowlist'], where);
    const name = str(o['appKey'], `${where}.appKey`, 'an application key name');
    const expires = o['expires'];
    if (expires !== undefined && expires !== null && typeof expires !== 'string')
      bad(`${where}.expires`, 'expected an ISO-8601 date-time or null (never expires)');
    const ip = o['ipAllowlist'];
    if (ip !== undefined && !(Array.isArray(ip) && ip.every(x => typeof x === 'string')))
      bad(`${where}.ipAllowlist`, 'expected a list of IP addresses or IPv4 CIDR blocks');
    return [
      {
        type: 'set-app-key',
        name,
        ...(expires !== undefined ? { expires: expires as string | null } : {}),
        ...(ip !== undefined ? { ipAllowlist: ip as string[] } : {}),
      },
    ];
  }
  const out: WhatIfChange[] = [];
  const located = ['thing', 'template', 'shape', 'entity'].filter(k => own(o, k) !== undefined);
  if (located.length !== 1)
    bad(where, 'expected exactly one of user, appKey, thing, template, shape, entity');
  const at = located[0] as string;
  onlyKeys(o, at === 'template' ? ['template', 'base', 'shapes', 'owner'] : [at, 'owner'], where);
  const name = str(own(o, at), `${where}.${at}`, `a ${at} name`);
  if (at === 'template' && o['base'] !== undefined)
    out.push({
      type: 'set-template-base',
      template: name,
      base: str(o['base'], `${where}.base`, 'a template name'),
    });
  if (at === 'template' && o['shapes'] !== undefined) {
    const s = o['shapes'];
    if (!Array.isArray(s) || !s.every(x => typeof x === 'string'))
      bad(`${where}.shapes`, 'expected a list of ThingShape names');
    out.push({ type: 'set-template-shapes', template: name, shapes: s as string[] });
  }
  if (o['owner'] !== undefined) {
    const owner =
      o['owner'] === null ? null : str(o['owner'], `${where}.owner`, 'a user name or null');
    let collection =
      at === 'thing'
        ? 'Things'
        : at === 'template'
          ? 'ThingTemplates'
          : at === 'shape'
            ? 'ThingShapes'
            : '';
    let entity = name;
    if (at === 'entity') {
      const slash = name.indexOf('/');
      if (slash <= 0) bad(`${where}.entity`, `expected 'Collection/Name', got '${name}'`);
      collection = name.slice(0, slash);
      entity = name.slice(slash + 1);
    }
    out.push({ type: 'set-owner', collection, name: entity, owner });
  }
  if (out.length === 0)
    bad(where, at === 'template' ? 'give base, shapes and/or owner' : 'give owner');
  return out;
}

function change(item: unknown, where: string): WhatIfChange[] {
  if (!isObj(item))
    return bad(
      where,
      'expected one of { add: ... }, { remove: ... }, { invoke: ... }, { set: ... }, { edit: ... }',
    );
  const keys = Object.keys(item);
  if (keys.length !== 1)
    bad(
      where,
      `expected exactly one key (add, remove, invoke, set or edit), got ${keys.length ? keys.join(', ') : 'none'}`,
    );
  const verb = keys[0] as string;
  const body = own(item, verb);
  const w = `${where}.${verb}`;
  switch (verb) {
    case 'add':
    case 'remove':
      if (!isObj(body)) bad(w, 'expected an object');
      return addOrRemove(verb, body as Obj, w);
    case 'invoke': {
      if (!isObj(body)) bad(w, 'expected { service, params }');
      const o = body as Obj;
      onlyKeys(o, ['service', 'params'], w);
      const service = str(o['service'], `${w}.service`, 'a context-manager service name');
      const params = o['params'] ?? {};
      if (!isObj(params)) bad(`${w}.params`, 'expected an object of service parameters');
      return [{ type: 'apps-invoke', service, params: params as Obj }];
    }
    case 'set':
      if (!isObj(body)) bad(w, 'expected an object');
      return setChange(body as Obj, w);
    case 'edit':
      // A typed change as the app stores it: the same schema as the contract's (model/edits.ts).
      return [read(whatIfChangeSchema, body, w, [])];
    default:
      return bad(
        `${where}.${verb}`,
        `unknown change${suggestionSuffix(verb, ['add', 'remove', 'invoke', 'set', 'edit'])}; expected add, remove, invoke, set or edit`,
      );
  }
}

/**
 * Parses scenario text (YAML or JSON). Errors are `file: place: message`, never thrown.
 *
 * @example
 * parseScenarioText('scenario: x\nchanges: []\n', 'x.yaml').ok; // true
 */
export function parseScenarioText(text: string, fileName: string): ScenarioParseResult {
  let doc: unknown;
  try {
    doc = parseYaml(text, { prettyErrors: true });
  } catch (e) {
    return {
      ok: false,
      errors: [
        `${fileName}: not valid YAML or JSON: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      ],
    };
  }
  return scenarioFromValue(doc, fileName);
}

/**
 * Validates an already parsed scenario value (the app stores scenarios as JSON).
 *
 * @example
 * scenarioFromValue({ scenario: 'x', changes: [{ set: { user: 'carol', locked: false } }] }, 'stored scenario');
 */
export function scenarioFromValue(doc: unknown, fileName: string): ScenarioParseResult {
  const errors: string[] = [];
  if (!isObj(doc))
    return {
      ok: false,
      errors: [`${fileName}: expected a mapping with scenario, baseline, changes and watch`],
    };
  const allowed = ['scenario', 'baseline', 'changes', 'watch', 'description'];
  for (const k of Object.keys(doc))
    if (!allowed.includes(k))
      errors.push(
        `${fileName}: ${k}: unknown key${suggestionSuffix(k, allowed)}; expected one of ${allowed.join(', ')}`,
      );
  const name =
    typeof doc['scenario'] === 'string' && doc['scenario'].trim() !== ''
      ? doc['scenario'].trim()
      : undefined;
  if (!name) errors.push(`${fileName}: scenario: expected the scenario's name (a non-empty text)`);
  const baseline = doc['baseline'];
  if (baseline !== undefined && (typeof baseline !== 'string' || baseline.trim() === ''))
    errors.push(`${fileName}: baseline: expected a model file path relative to the scenario`);
  const changes: WhatIfChange[] = [];
  const origins: number[] = [];
  const list = doc['changes'] ?? [];
  if (!Array.isArray(list)) errors.push(`${fileName}: changes: expected a list of changes`);
  else {
    list.forEach((item, i) => {
      try {
        for (const c of change(item, `changes[${i}]`)) {
          changes.push(c);
          origins.push(i);
        }
      } catch (e) {
        errors.push(`${fileName}: ${e instanceof Bad ? e.message : `changes[${i}]: ${String(e)}`}`);
      }
    });
  }
  let watch: Scenario['watch'];
  if (doc['watch'] !== undefined) {
    const w = doc['watch'];
    const strings = (x: unknown) =>
      Array.isArray(x) && x.every(s => typeof s === 'string' && s.trim() !== '');
    if (!isObj(w)) errors.push(`${fileName}: watch: expected { users: [...], calls: [...] }`);
    else {
      for (const k of Object.keys(w))
        if (k !== 'users' && k !== 'calls')
          errors.push(`${fileName}: watch.${k}: unknown key; expected users or calls`);
      if (w['users'] !== undefined && !strings(w['users']))
        errors.push(`${fileName}: watch.users: expected a list of user names (or appKey:<name>)`);
      if (w['calls'] !== undefined && !strings(w['calls']))
        errors.push(
          `${fileName}: watch.calls: expected a list of calls such as "GET /Thingworx/Things/T1/Properties/p"`,
        );
      watch = {
        users: (w['users'] as string[] | undefined) ?? [],
        calls: (w['calls'] as string[] | undefined) ?? [],
      };
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    scenario: {
      name: name as string,
      ...(typeof baseline === 'string' ? { baseline } : {}),
      changes,
      ...(watch ? { watch } : {}),
    },
    origins,
  };
}
