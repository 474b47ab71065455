/**
 * `applyEdit`: applies one ModelEdit (edits.ts) to a Model. Pure (the input is never mutated),
 * validating (unknown names, duplicates, cycles, built-ins), and reference-complete: a rename updates
 * every reference (memberships, entries, owners, unit members, app keys, apps grants, saved
 * requests); a removal removes the references too. Errors are data: `{ code, message }`.
 *
 * Error codes: `unknown` (a named element does not exist), `duplicate`, `cycle`, `builtin` (a built-in
 * cannot be renamed or removed, nor a built-in membership or entry, see docs/model-format.md),
 * `invalid` (a malformed value or a combination ThingWorx does not allow), `not-found` (the entry or
 * membership to remove is not there).
 *
 * @example
 * const r = applyEdit(model, { type: 'rename-group', name: 'Ops', to: 'Operators' });
 * if (r.ok) r.model.users['alice']?.groups; // ['Operators', 'Users']
 */
import type { EditTarget, EntryValue, ModelEdit } from '../model/edits';
import type {
  AppsGrant,
  Characteristics,
  Model,
  PermissionSet,
  PrincipalRef,
  RuntimeEntry,
  SavedRequest,
  VisibilityPrincipal,
} from '../model/types';
import { COLLECTION_NAMES, DESIGN_KINDS, RUNTIME_KINDS, emptyPermissionSet } from '../model/types';
import type { CollectionName, OtherEntityCollection } from '../model/types';
import {
  BUILTIN_MEMBER_OF,
  BUILTIN_USER_GROUPS,
  GENERIC_THING,
  USERS_GROUP,
  builtinModel,
} from '../model/builtins';
import {
  canonicalUserGroups,
  compileModel,
  principalToString,
  visibilityToString,
} from '../model/compile';
import { toModelFile } from '../model/decompile';
import { suggestionSuffix } from '../model/suggest';
import { materializeApps } from './materialize';
import { applyAppsInvocation } from './tree-data';
import { own as ownEntry, setOwn } from '../model/own';
import { cloneModel, withReplaced } from '../model/overlay';
import { shown } from '../model/shown';

export type EditError = { code: string; message: string };
export type EditResult = { ok: true; model: Model } | { ok: false; error: EditError };

class EditFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
const fail = (code: string, message: string): never => {
  throw new EditFailure(code, message);
};

const ENTITY_COLLECTIONS = [
  'Things',
  'ThingTemplates',
  'ThingShapes',
  'Resources',
  'Subsystems',
  'Mashups',
  'DataShapes',
] as const;
const OTHER: readonly string[] = ['Resources', 'Subsystems', 'Mashups', 'DataShapes'];

/**
 * Applies one edit. Never throws and never mutates `model`.
 *
 * @example
 * applyEdit(model, { type: 'add-membership', member: { type: 'user', name: 'bob' }, group: 'Ops' });
 */
export function applyEdit(model: Model, edit: ModelEdit): EditResult {
  try {
    if (
      edit === null ||
      typeof edit !== 'object' ||
      typeof (edit as { type?: unknown }).type !== 'string'
    ) {
      return {
        ok: false,
        error: { code: 'invalid', message: 'an edit is an object with a string `type`' },
      };
    }
    return { ok: true, model: settleRecords(apply(model, edit)) };
  } catch (e) {
    if (e instanceof EditFailure) return { ok: false, error: { code: e.code, message: e.message } };
    return {
      ok: false,
      error: {
        code: 'internal',
        message: `internal error while applying ${edit.type}: ${e instanceof Error ? e.message : String(e)}`,
      },
    };
  }
}

function checkName(name: unknown, what: string): string {
  if (typeof name !== 'string' || name.trim() === '' || name !== name.trim())
    fail(
      'invalid',
      `${what} name must be a non-empty text without surrounding spaces, got ${shown(name)}`,
    );
  return name as string;
}

function need<T>(value: T | undefined, code: string, message: string): T {
  if (value === undefined) fail(code, message);
  return value as T;
}

const samePrincipal = (a: PrincipalRef, b: PrincipalRef) => a.type === b.type && a.name === b.name;

/** Every permission set of the model, with a label for messages. */
function allSets(m: Model): PermissionSet[] {
  const sets: PermissionSet[] = [];
  for (const t of Object.values(m.things)) sets.push(t.permissions);
  for (const t of Object.values(m.templates)) sets.push(t.permissions, t.instance);
  for (const s of Object.values(m.shapes)) sets.push(s.permissions);
  for (const o of Object.values(m.others)) sets.push(o.permissions);
  for (const c of Object.values(m.collections)) if (c) sets.push(c);
  return sets;
}
const allRuntimeLists = (m: Model): RuntimeEntry[][] => [
  ...allSets(m).map(s => s.runtime),
  ...Object.values(m.shapes).map(s => s.instance.runtime),
];

function mapPrincipals(m: Model, fn: (p: PrincipalRef) => PrincipalRef | null) {
  for (const list of allRuntimeLists(m)) {
    const kept = list.flatMap(e => {
      const p = fn(e.principal);
      return p ? [{ ...e, principal: p }] : [];
    });
    list.splice(0, list.length, ...kept);
  }
  for (const s of allSets(m)) {
    s.designtime = s.designtime.flatMap(e => {
      const p = fn(e.principal);
      return p ? [{ ...e, principal: p }] : [];
    });
  }
  for (const o of Object.values(m.organizations)) {
    for (const u of Object.values(o.units)) {
      u.members = u.members.flatMap(x => {
        const p = fn(x);
        return p ? [p] : [];
      });
    }
  }
  m.apps.grants = m.apps.grants.flatMap(g => {
    const r = mapGrantPrincipals(g, fn);
    return r ? [r] : [];
  });
}

/** Renames or drops the user/group names of a context-manager invocation; null when none is left. */
function mapGrantPrincipals(
  g: AppsGrant,
  fn: (p: PrincipalRef) => PrincipalRef | null,
): AppsGrant | null {
  const params = { ...g.params };
  const mapRows = (key: string, column: string, type: 'user' | 'group'): boolean => {
    const v = ownEntry(params, key);
    const rows = Array.isArray(v)
      ? v
      : v && typeof v === 'object' && Array.isArray((v as { rows?: unknown }).rows)
        ? (v as { rows: unknown[] }).rows
        : undefined;
    if (!rows) return true;
    const next = rows.flatMap(r => {
      const row = r as Record<string, unknown>;
      const name = ownEntry(row, column);
      if (typeof name !== 'string') return [r];
      const p = fn({ type, name });
      return p ? [{ ...row, [column]: p.name }] : [];
    });
    setOwn(params, key, Array.isArray(v) ? next : { ...(v as object), rows: next });
    return next.length > 0;
  };
  if (!mapRows('userNames', 'UserName', 'user')) return null;
  if (!mapRows('userGroupNames', 'UserGroupName', 'group')) return null;
  if (
    typeof params['principal'] === 'string' &&
    (params['principalType'] === 'User' || params['principalType'] === 'Group')
  ) {
    const p = fn({
      type: params['principalType'] === 'User' ? 'user' : 'group',
      name: params['principal'],
    });
    if (!p) return null;
    params['principal'] = p.name;
  }
  return { service: g.service, params };
}

/** Rewrites `/Thingworx/<collection>/<old>` path segments of saved requests. */
function renameInCalls(
  requests: SavedRequest[],
  collection: string,
  from: string,
  to: string,
): SavedRequest[] {
  const variants = [...new Set([from, encodeURIComponent(from)])];
  return requests.map(r => {
    const space = r.call.indexOf(' ');
    const method = r.call.slice(0, space);
    let path = r.call.slice(space + 1);
    for (const v of variants) {
      const prefix = `/Thingworx/${collection}/${v}`;
      if (path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`)) {
        path = `/Thingworx/${collection}/${encodeURIComponent(to) === to ? to : encodeURIComponent(to)}${path.slice(prefix.length)}`;
        break;
      }
    }
    return `${method} ${path}` === r.call ? r : { ...r, call: `${method} ${path}` };
  });
}

function equipmentNames(m: Model): Set<string> {
  const out = new Set<string>();
  for (const c of Object.values(m.apps.contexts)) {
    out.add(c.network);
    for (const n of Object.keys(c.equipment)) out.add(n);
  }
  return out;
}

function groupReaches(m: Model, from: string, target: string): string[] | null {
  // Path of memberOf edges from `from` to `target`, if any (for cycle messages).
  const prev = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length) {
    const g = queue.shift() as string;
    if (g === target) {
      const path = [g];
      let cur = g;
      while (prev.has(cur)) {
        cur = prev.get(cur) as string;
        path.unshift(cur);
      }
      return path;
    }
    for (const p of ownEntry(m.groups, g)?.memberOf ?? []) {
      if (!seen.has(p)) {
        seen.add(p);
        prev.set(p, g);
        queue.push(p);
      }
    }
  }
  return null;
}

function principalExists(m: Model, p: PrincipalRef): void {
  if (!p || (p.type !== 'user' && p.type !== 'group') || typeof p.name !== 'string')
    fail('invalid', `expected a principal { type: 'user' | 'group', name }, got ${shown(p)}`);
  const names = p.type === 'user' ? Object.keys(m.users) : Object.keys(m.groups);
  if (!names.includes(p.name))
    fail(
      'unknown',
      `\`${principalToString(p)}\` is not declared${suggestionSuffix(p.name, names, x => `\`${p.type}:${x}\``)}`,
    );
}

function visibilityExists(m: Model, v: VisibilityPrincipal): void {
  const org = ownEntry(m.organizations, v?.org);
  if (!org)
    fail(
      'unknown',
      `organization '${v?.org}' is not declared${suggestionSuffix(String(v?.org), Object.keys(m.organizations))}`,
    );
  if (v.type === 'unit' && !ownEntry(org?.units, v.unit))
    fail(
      'unknown',
      `organization '${v.org}' has no unit '${v.unit}'${suggestionSuffix(v.unit, Object.keys(org?.units ?? {}))}`,
    );
}

type ResolvedTarget = {
  set: PermissionSet | { runtime: RuntimeEntry[] };
  families: ('runtime' | 'designtime' | 'visibility')[];
  label: string;
  builtinBase?: PermissionSet;
};

function resolveTarget(m: Model, t: EditTarget): ResolvedTarget {
  const base = builtinModel(m.factory);
  switch (t?.level) {
    case 'entity': {
      const c = t.collection;
      if (c === 'Things') {
        const th = need(
          ownEntry(m.things, t.name),
          'unknown',
          `Thing '${t.name}' does not exist${suggestionSuffix(t.name, Object.keys(m.things))}`,
        );
        return {
          set: th.permissions,
          families: ['runtime', 'designtime', 'visibility'],
          label: `Thing '${t.name}'`,
        };
      }
      if (c === 'ThingTemplates') {
        const tp = need(
          ownEntry(m.templates, t.name),
          'unknown',
          `template '${t.name}' does not exist${suggestionSuffix(t.name, Object.keys(m.templates))}`,
        );
        return {
          set: tp.permissions,
          families: ['runtime', 'designtime', 'visibility'],
          label: `template '${t.name}'`,
          builtinBase: ownEntry(base.templates, t.name)?.permissions,
        };
      }
      if (c === 'ThingShapes') {
        const sh = need(
          ownEntry(m.shapes, t.name),
          'unknown',
          `shape '${t.name}' does not exist${suggestionSuffix(t.name, Object.keys(m.shapes))}`,
        );
        // §1.9: shapes have no own run-time permissions (only instance run time, §2.5).
        return {
          set: sh.permissions,
          families: ['designtime', 'visibility'],
          label: `shape '${t.name}'`,
        };
      }
      if (OTHER.includes(c)) {
        const id = `${c}/${t.name}`;
        const o = need(ownEntry(m.others, id), 'unknown', `${c} entity '${t.name}' does not exist`);
        return {
          set: o.permissions,
          families: ['runtime', 'designtime', 'visibility'],
          label: `${c} entity '${t.name}'`,
          builtinBase: ownEntry(base.others, id)?.permissions,
        };
      }
      return fail(
        'invalid',
        `unknown entity collection '${c}'${suggestionSuffix(String(c), ENTITY_COLLECTIONS)}; expected one of ${ENTITY_COLLECTIONS.join(', ')}`,
      );
    }
    case 'instance': {
      const tp = need(
        ownEntry(m.templates, t.template),
        'unknown',
        `template '${t.template}' does not exist${suggestionSuffix(t.template, Object.keys(m.templates))}`,
      );
      return {
        set: tp.instance,
        families: ['runtime', 'designtime', 'visibility'],
        label: `instance permissions of template '${t.template}'`,
      };
    }
    case 'shape': {
      const sh = need(
        ownEntry(m.shapes, t.shape),
        'unknown',
        `shape '${t.shape}' does not exist${suggestionSuffix(t.shape, Object.keys(m.shapes))}`,
      );
      return {
        set: sh.instance,
        families: ['runtime'],
        label: `instance run time of shape '${t.shape}'`,
      };
    }
    case 'collection': {
      const c = t.collection as CollectionName;
      if (!(COLLECTION_NAMES as readonly string[]).includes(c))
        fail('invalid', `unknown collection '${c}'${suggestionSuffix(c, COLLECTION_NAMES)}`);
      const set = ownEntry(m.collections, c) ?? setOwn(m.collections, c, emptyPermissionSet());
      return {
        set,
        families: ['runtime', 'designtime', 'visibility'],
        label: `collection ${c}`,
        builtinBase: ownEntry(base.collections, c),
      };
    }
    default:
      return fail(
        'invalid',
        `unknown target level ${JSON.stringify((t as { level?: unknown })?.level)}; expected entity, instance, shape or collection`,
      );
  }
}

function entryIndex(set: ResolvedTarget['set'], e: EntryValue): number {
  if (e.family === 'runtime')
    return set.runtime.findIndex(
      x =>
        x.kind === e.kind &&
        x.resource === e.resource &&
        x.allow === e.allow &&
        samePrincipal(x.principal, e.principal),
    );
  const full = set as PermissionSet;
  if (e.family === 'designtime')
    return full.designtime.findIndex(
      x => x.kind === e.kind && x.allow === e.allow && samePrincipal(x.principal, e.principal),
    );
  return full.visibility.findIndex(x => visibilityToString(x) === visibilityToString(e.principal));
}

function checkEntry(m: Model, e: EntryValue): void {
  if (!e || typeof e !== 'object') fail('invalid', 'expected an entry value');
  if (e.family === 'runtime') {
    if (!(RUNTIME_KINDS as readonly string[]).includes(e.kind))
      fail(
        'invalid',
        `'${e.kind}' is not a run-time permission kind${suggestionSuffix(String(e.kind), RUNTIME_KINDS)}`,
      );
    if (typeof e.resource !== 'string' || e.resource === '')
      fail('invalid', "a run-time entry needs a resource: '*' or a characteristic name");
    principalExists(m, e.principal);
  } else if (e.family === 'designtime') {
    if (!(DESIGN_KINDS as readonly string[]).includes(e.kind))
      fail(
        'invalid',
        `'${e.kind}' is not a design-time permission kind${suggestionSuffix(String(e.kind), DESIGN_KINDS)}`,
      );
    principalExists(m, e.principal);
  } else if (e.family === 'visibility') {
    visibilityExists(m, e.principal);
  } else
    fail(
      'invalid',
      `unknown entry family ${JSON.stringify((e as { family?: unknown }).family)}; expected runtime, designtime or visibility`,
    );
}

function dropEmptyCollections(m: Model) {
  for (const c of Object.keys(m.collections) as CollectionName[]) {
    const s = ownEntry(m.collections, c);
    if (s && s.runtime.length + s.designtime.length + s.visibility.length === 0)
      delete m.collections[c];
  }
}

function characteristicsOf(m: Model, collection: string, entity: string): Characteristics {
  if (collection === 'Things')
    return need(
      ownEntry(m.things, entity),
      'unknown',
      `Thing '${entity}' does not exist${suggestionSuffix(entity, Object.keys(m.things))}`,
    );
  if (collection === 'ThingTemplates')
    return need(
      ownEntry(m.templates, entity),
      'unknown',
      `template '${entity}' does not exist${suggestionSuffix(entity, Object.keys(m.templates))}`,
    );
  if (collection === 'ThingShapes')
    return need(
      ownEntry(m.shapes, entity),
      'unknown',
      `shape '${entity}' does not exist${suggestionSuffix(entity, Object.keys(m.shapes))}`,
    );
  return fail(
    'invalid',
    `characteristics are edited on Things, ThingTemplates or ThingShapes, not '${collection}'`,
  );
}

/** Re-derives a model through the file form: for edits that change what the built-ins are. */
function recompile(m: Model, change: (file: ReturnType<typeof toModelFile>) => void): Model {
  const file = toModelFile(m);
  change(file);
  const compiled = compileModel(file, m.name);
  if (compiled.errors.length) fail('invalid', compiled.errors.map(e => e.message).join('; '));
  const mat = materializeApps(compiled.model);
  if (!mat.ok) fail('invalid', mat.errors.map(e => `${e.path}: ${e.message}`).join('; '));
  const out = mat.ok ? mat.model : compiled.model;
  // Keep the saved requests' source lines.
  out.requests = out.requests.map((r, i) =>
    m.requests[i]?.line !== undefined ? { ...r, line: m.requests[i]?.line } : r,
  );
  return out;
}

/** Edits that rewrite references across the model work on a deep copy. */
const DEEP_EDITS = new Set<string>([
  'rename-user',
  'remove-user',
  'rename-group',
  'remove-group',
  'remove-organization',
  'remove-unit',
  'rename-thing',
  'remove-thing',
  'rename-template',
  'remove-template',
  'rename-shape',
  'remove-shape',
]);

/**
 * New records over the same elements: the other edits copy exactly the elements they change
 * (`own`), so an edit of one entry does not copy a 50,000-Thing model (performance.md).
 */
function shallowModel(input: Model): Model {
  return {
    ...input,
    semantics: { ...input.semantics },
    factory: { ...input.factory },
    users: copyOnWrite(input.users),
    groups: copyOnWrite(input.groups),
    organizations: copyOnWrite(input.organizations),
    shapes: copyOnWrite(input.shapes),
    templates: copyOnWrite(input.templates),
    things: copyOnWrite(input.things, true),
    others: copyOnWrite(input.others),
    collections: copyOnWrite(input.collections),
    appKeys: copyOnWrite(input.appKeys),
    apps: input.apps,
    requests: input.requests,
  };
}

type CowState = {
  original: object;
  copy: object | undefined;
  /** Replaced values of existing keys, before any other write (then settled as an overlay). */
  replaced: Map<string, unknown> | undefined;
};
const cowStates = new WeakMap<object, CowState>();

/**
 * A record that reads through to `original` and copies it on the first write (set, delete,
 * define). Why: an edit of one template's entries must not copy the 50,000-Thing record
 * (performance.md §2.3); and a record the edit did not touch stays the same object, so the what-if
 * caches keyed on records (changedKeys, group closures, structure index) see it unchanged at once.
 * With `overlay`, values set under existing keys are only noted while nothing else is written, and
 * the record settles as an overlay of `original` (shared/model/overlay.ts): an edit of one Thing's
 * entries then costs that Thing, not a copy of 150,000 keys.
 * `settleRecords` swaps every proxy for a plain object or overlay before the model leaves this module.
 */
function copyOnWrite<T extends object>(original: T, overlay = false): T {
  const state: CowState = { original, copy: undefined, replaced: undefined };
  const cur = () => state.copy ?? state.original;
  const write = () => {
    if (!state.copy) {
      const copy: object = { ...state.original };
      // '__proto__' is never noted as a replacement, so Reflect.set stores ordinary keys here.
      for (const [k, v] of state.replaced ?? []) Reflect.set(copy, k, v);
      state.copy = copy;
      state.replaced = undefined;
    }
    return state.copy;
  };
  const noted = (k: string | symbol): boolean =>
    typeof k === 'string' && state.replaced !== undefined && state.replaced.has(k);
  // An empty extensible target: the traps may then report any configurable property (Proxy invariants).
  const proxy = new Proxy(
    {},
    {
      get: (_t, k) => (noted(k) ? state.replaced?.get(k as string) : Reflect.get(cur(), k)),
      has: (_t, k) => Reflect.has(cur(), k),
      ownKeys: () => Reflect.ownKeys(cur()),
      getOwnPropertyDescriptor: (_t, k) => {
        const d = Reflect.getOwnPropertyDescriptor(cur(), k);
        if (!d) return undefined;
        if (noted(k)) d.value = state.replaced?.get(k as string);
        return { ...d, configurable: true };
      },
      set: (_t, k, v) => {
        if (
          overlay &&
          !state.copy &&
          typeof k === 'string' &&
          k !== '__proto__' &&
          Object.hasOwn(state.original, k)
        ) {
          (state.replaced ??= new Map()).set(k, v);
          return true;
        }
        return Reflect.set(write(), k, v);
      },
      deleteProperty: (_t, k) => Reflect.deleteProperty(write(), k),
      defineProperty: (_t, k, d) => Reflect.defineProperty(write(), k, d),
    },
  );
  cowStates.set(proxy, state);
  return proxy as T;
}

/** The plain record behind a copy-on-write proxy: the original when unwritten, else its copy. */
function settled<T extends object>(record: T): T {
  const st = cowStates.get(record);
  if (!st) return record;
  // The state of `copyOnWrite(original)` holds `original`, its spread copy, or replacements of
  // `original`'s values: each settles to a T.
  if (st.copy) return st.copy as T;
  if (st.replaced) return withReplaced(st.original as Record<string, unknown>, st.replaced) as T;
  return st.original as T;
}

/** Replaces the copy-on-write proxies of `m` by plain records. */
function settleRecords(m: Model): Model {
  return {
    ...m,
    users: settled(m.users),
    groups: settled(m.groups),
    organizations: settled(m.organizations),
    shapes: settled(m.shapes),
    templates: settled(m.templates),
    things: settled(m.things),
    others: settled(m.others),
    collections: settled(m.collections),
    appKeys: settled(m.appKeys),
  };
}

/** Replaces `record[key]` by a deep copy (when present) and returns it. */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  const v = ownEntry(record, key);
  if (v === undefined) return undefined;
  const copy = structuredClone(v);
  setOwn(record, key, copy);
  return copy;
}

function ownTarget(m: Model, t: EditTarget): void {
  if (!t || typeof t !== 'object') return;
  if (t.level === 'entity') {
    if (t.collection === 'Things') own(m.things, t.name);
    else if (t.collection === 'ThingTemplates') own(m.templates, t.name);
    else if (t.collection === 'ThingShapes') own(m.shapes, t.name);
    else own(m.others, `${t.collection}/${t.name}`);
  } else if (t.level === 'instance') own(m.templates, t.template);
  else if (t.level === 'shape') own(m.shapes, t.shape);
  else if (t.level === 'collection')
    own(m.collections as Record<string, PermissionSet>, t.collection);
}

/**
 * The part every rename shares: the element exists, is not built in, and `to` is a valid free name;
 * the element moves to `to` (the caller then rewrites the references). Returns `to`.
 */
function renameElement<T extends { name: string; builtin?: boolean }>(
  record: Record<string, T>,
  kind: string,
  name: string,
  toValue: unknown,
  builtinNote = '',
): string {
  const element = need(
    ownEntry(record, name),
    'unknown',
    `${kind} '${name}' does not exist${suggestionSuffix(name, Object.keys(record))}`,
  );
  const to = checkName(toValue, kind);
  if (element.builtin)
    fail('builtin', `the built-in ${kind} '${name}' cannot be renamed${builtinNote}`);
  if (ownEntry(record, to)) fail('duplicate', `${kind} '${to}' already exists`);
  delete record[name];
  setOwn(record, to, { ...element, name: to });
  return to;
}

function apply(input: Model, edit: ModelEdit): Model {
  const m: Model = DEEP_EDITS.has(edit.type) ? cloneModel(input) : shallowModel(input);
  switch (edit.type) {
    case 'add-user': {
      const name = checkName(edit.name, 'user');
      if (ownEntry(m.users, name)) fail('duplicate', `user '${name}' already exists`);
      for (const g of edit.groups ?? [])
        if (!ownEntry(m.groups, g))
          fail(
            'unknown',
            `group '${g}' is not declared${suggestionSuffix(g, Object.keys(m.groups))}`,
          );
      setOwn(m.users, name, {
        name,
        enabled: true,
        locked: false,
        groups: canonicalUserGroups(name, edit.groups ?? []),
      });
      return m;
    }
    case 'rename-user': {
      const to = renameElement(m.users, 'user', edit.name, edit.to);
      mapPrincipals(m, p =>
        p.type === 'user' && p.name === edit.name ? { type: 'user', name: to } : p,
      );
      for (const e of [
        ...Object.values(m.things),
        ...Object.values(m.templates),
        ...Object.values(m.shapes),
        ...Object.values(m.others),
      ]) {
        if (e.owner === edit.name) e.owner = to;
      }
      for (const k of Object.values(m.appKeys)) if (k.user === edit.name) k.user = to;
      m.requests = renameInCalls(m.requests, 'Users', edit.name, to).map(r =>
        r.as === edit.name ? { ...r, as: to } : r,
      );
      return m;
    }
    case 'remove-user': {
      const u = need(
        ownEntry(m.users, edit.name),
        'unknown',
        `user '${edit.name}' does not exist${suggestionSuffix(edit.name, Object.keys(m.users))}`,
      );
      if (u.builtin) fail('builtin', `the built-in user '${edit.name}' cannot be removed (§3.2)`);
      delete m.users[edit.name];
      mapPrincipals(m, p => (p.type === 'user' && p.name === edit.name ? null : p));
      for (const e of [
        ...Object.values(m.things),
        ...Object.values(m.templates),
        ...Object.values(m.shapes),
        ...Object.values(m.others),
      ]) {
        if (e.owner === edit.name) delete e.owner;
      }
      for (const k of Object.values(m.appKeys)) if (k.user === edit.name) delete m.appKeys[k.name];
      return m;
    }
    case 'set-user-flags': {
      const u = need(
        own(m.users, edit.name),
        'unknown',
        `user '${edit.name}' does not exist${suggestionSuffix(edit.name, Object.keys(m.users))}`,
      );
      if (edit.enabled !== undefined) u.enabled = Boolean(edit.enabled);
      if (edit.locked !== undefined) u.locked = Boolean(edit.locked);
      return m;
    }
    case 'add-group': {
      const name = checkName(edit.name, 'group');
      if (ownEntry(m.groups, name)) fail('duplicate', `group '${name}' already exists`);
      for (const g of edit.memberOf ?? [])
        if (!ownEntry(m.groups, g))
          fail(
            'unknown',
            `group '${g}' is not declared${suggestionSuffix(g, Object.keys(m.groups))}`,
          );
      setOwn(m.groups, name, { name, memberOf: [...new Set(edit.memberOf ?? [])] });
      return m;
    }
    case 'rename-group': {
      const to = renameElement(m.groups, 'group', edit.name, edit.to, ' (§3.4)');
      const rn = (x: string) => (x === edit.name ? to : x);
      for (const u of Object.values(m.users)) u.groups = u.groups.map(rn);
      for (const gr of Object.values(m.groups)) gr.memberOf = gr.memberOf.map(rn);
      mapPrincipals(m, p =>
        p.type === 'group' && p.name === edit.name ? { type: 'group', name: to } : p,
      );
      m.requests = renameInCalls(m.requests, 'Groups', edit.name, to);
      return m;
    }
    case 'remove-group': {
      const g = need(
        ownEntry(m.groups, edit.name),
        'unknown',
        `group '${edit.name}' does not exist${suggestionSuffix(edit.name, Object.keys(m.groups))}`,
      );
      if (g.builtin) fail('builtin', `the built-in group '${edit.name}' cannot be removed (§3.4)`);
      delete m.groups[edit.name];
      for (const u of Object.values(m.users)) u.groups = u.groups.filter(x => x !== edit.name);
      for (const gr of Object.values(m.groups))
        gr.memberOf = gr.memberOf.filter(x => x !== edit.name);
      mapPrincipals(m, p => (p.type === 'group' && p.name === edit.name ? null : p));
      return m;
    }
    case 'add-membership': {
      const group = need(
        ownEntry(m.groups, edit.group),
        'unknown',
        `group '${edit.group}' does not exist${suggestionSuffix(edit.group, Object.keys(m.groups))}`,
      );
      principalExists(m, edit.member);
      if (edit.member.type === 'user') {
        const u = own(m.users, edit.member.name);
        if (!u) return fail('unknown', `user '${edit.member.name}' does not exist`);
        if (u.groups.includes(group.name))
          fail('duplicate', `user '${u.name}' is already a member of '${group.name}'`);
        u.groups = canonicalUserGroups(u.name, [
          ...u.groups.filter(
            x => !(ownEntry(BUILTIN_USER_GROUPS, u.name) ?? []).includes(x) && x !== USERS_GROUP,
          ),
          group.name,
        ]);
        return m;
      }
      const child = own(m.groups, edit.member.name);
      if (!child) return fail('unknown', `group '${edit.member.name}' does not exist`);
      if (child.name === group.name)
        fail('cycle', `group '${group.name}' cannot be a member of itself`);
      if (child.memberOf.includes(group.name))
        fail('duplicate', `group '${child.name}' is already a member of '${group.name}'`);
      const back = groupReaches(m, group.name, child.name);
      if (back) fail('cycle', `group cycle: ${[child.name, ...back].join(' -> ')}`);
      child.memberOf = [...child.memberOf, group.name];
      return m;
    }
    case 'remove-membership': {
      need(
        ownEntry(m.groups, edit.group),
        'unknown',
        `group '${edit.group}' does not exist${suggestionSuffix(edit.group, Object.keys(m.groups))}`,
      );
      principalExists(m, edit.member);
      if (edit.member.type === 'user') {
        const u = own(m.users, edit.member.name);
        if (!u) return fail('unknown', `user '${edit.member.name}' does not exist`);
        if (!u.groups.includes(edit.group))
          fail('not-found', `user '${u.name}' is not a member of '${edit.group}'`);
        if (
          edit.group === USERS_GROUP ||
          (ownEntry(BUILTIN_USER_GROUPS, u.name) ?? []).includes(edit.group)
        ) {
          fail(
            'builtin',
            `'${u.name}' in '${edit.group}' is a built-in membership and cannot be removed${edit.group === USERS_GROUP ? ' (every user is in Users, §3.5)' : ''}`,
          );
        }
        u.groups = u.groups.filter(x => x !== edit.group);
        return m;
      }
      const child = own(m.groups, edit.member.name);
      if (!child) return fail('unknown', `group '${edit.member.name}' does not exist`);
      if (!child.memberOf.includes(edit.group))
        fail('not-found', `group '${child.name}' is not a member of '${edit.group}'`);
      if ((ownEntry(BUILTIN_MEMBER_OF, child.name) ?? []).includes(edit.group)) {
        fail(
          'builtin',
          `'${child.name}' in '${edit.group}' is a built-in membership (§3.6) and cannot be removed`,
        );
      }
      child.memberOf = child.memberOf.filter(x => x !== edit.group);
      return m;
    }
    case 'add-organization': {
      const name = checkName(edit.name, 'organization');
      if (ownEntry(m.organizations, name))
        fail('duplicate', `organization '${name}' already exists`);
      setOwn(m.organizations, name, {
        name,
        root: name,
        units: { [name]: { name, parent: null, children: [], members: [] } },
      });
      return m;
    }
    case 'remove-organization': {
      const o = need(
        ownEntry(m.organizations, edit.name),
        'unknown',
        `organization '${edit.name}' does not exist${suggestionSuffix(edit.name, Object.keys(m.organizations))}`,
      );
      if (o.builtin)
        fail(
          'builtin',
          `the built-in organization '${edit.name}' cannot be removed; use the factory settings for Everyone`,
        );
      delete m.organizations[edit.name];
      for (const s of allSets(m)) s.visibility = s.visibility.filter(v => v.org !== edit.name);
      dropEmptyCollections(m);
      return m;
    }
    case 'add-unit': {
      const o = need(
        own(m.organizations, edit.org),
        'unknown',
        `organization '${edit.org}' does not exist${suggestionSuffix(edit.org, Object.keys(m.organizations))}`,
      );
      const name = checkName(edit.name, 'unit');
      const parent = need(
        ownEntry(o.units, edit.parent),
        'unknown',
        `organization '${edit.org}' has no unit '${edit.parent}'${suggestionSuffix(edit.parent, Object.keys(o.units))}`,
      );
      if (ownEntry(o.units, name))
        fail(
          'duplicate',
          `organization '${edit.org}' already has a unit '${name}' (unit names are unique within an organization)`,
        );
      setOwn(o.units, name, { name, parent: parent.name, children: [], members: [] });
      parent.children.push(name);
      return m;
    }
    case 'remove-unit': {
      const o = need(
        ownEntry(m.organizations, edit.org),
        'unknown',
        `organization '${edit.org}' does not exist${suggestionSuffix(edit.org, Object.keys(m.organizations))}`,
      );
      const unit = need(
        ownEntry(o.units, edit.name),
        'unknown',
        `organization '${edit.org}' has no unit '${edit.name}'${suggestionSuffix(edit.name, Object.keys(o.units))}`,
      );
      if (unit.parent === null)
        fail('invalid', `'${edit.name}' is the root unit of '${edit.org}' and cannot be removed`);
      // Like DeleteOrganizationalUnit(deleteChildren=true): the whole subtree goes (§4.2).
      const gone = new Set<string>();
      const stack = [unit.name];
      while (stack.length) {
        const u = stack.pop() as string;
        gone.add(u);
        stack.push(...(ownEntry(o.units, u)?.children ?? []));
      }
      for (const u of gone) delete o.units[u];
      const parent = ownEntry(o.units, unit.parent as string);
      if (parent) parent.children = parent.children.filter(c => c !== unit.name);
      for (const s of allSets(m))
        s.visibility = s.visibility.filter(
          v => !(v.type === 'unit' && v.org === edit.org && gone.has(v.unit)),
        );
      dropEmptyCollections(m);
      return m;
    }
    case 'add-unit-member':
    case 'remove-unit-member': {
      const o = need(
        own(m.organizations, edit.org),
        'unknown',
        `organization '${edit.org}' does not exist${suggestionSuffix(edit.org, Object.keys(m.organizations))}`,
      );
      const unit = need(
        ownEntry(o.units, edit.unit),
        'unknown',
        `organization '${edit.org}' has no unit '${edit.unit}'${suggestionSuffix(edit.unit, Object.keys(o.units))}`,
      );
      principalExists(m, edit.member);
      const i = unit.members.findIndex(x => samePrincipal(x, edit.member));
      if (edit.type === 'add-unit-member') {
        if (i >= 0)
          fail(
            'duplicate',
            `\`${principalToString(edit.member)}\` is already a member of unit '${edit.unit}'`,
          );
        unit.members.push({ type: edit.member.type, name: edit.member.name });
      } else {
        if (i < 0)
          fail(
            'not-found',
            `\`${principalToString(edit.member)}\` is not a member of unit '${edit.unit}'`,
          );
        const builtinMembers =
          ownEntry(ownEntry(builtinModel(m.factory).organizations, edit.org)?.units, edit.unit)
            ?.members ?? [];
        if (o.builtin && builtinMembers.some(x => samePrincipal(x, edit.member))) {
          fail(
            'builtin',
            `\`${principalToString(edit.member)}\` in '${edit.org}' is built in${edit.org === 'Everyone' ? '; use set-factory { usersInEveryone: false } (§3.5)' : ''}`,
          );
        }
        unit.members.splice(i, 1);
      }
      return m;
    }
    case 'add-thing': {
      const name = checkName(edit.name, 'Thing');
      if (ownEntry(m.things, name)) fail('duplicate', `Thing '${name}' already exists`);
      if (!ownEntry(m.templates, edit.template))
        fail(
          'unknown',
          `template '${edit.template}' does not exist${suggestionSuffix(edit.template, Object.keys(m.templates))}`,
        );
      if (edit.owner !== undefined && !ownEntry(m.users, edit.owner))
        fail(
          'unknown',
          `owner '${edit.owner}' is not a user${suggestionSuffix(edit.owner, Object.keys(m.users))}`,
        );
      setOwn(m.things, name, {
        name,
        template: edit.template,
        shapes: [],
        properties: [],
        services: [],
        events: [],
        enabled: true,
        permissions: emptyPermissionSet(),
        ...(edit.owner !== undefined ? { owner: edit.owner } : {}),
      });
      return m;
    }
    case 'rename-thing':
    case 'remove-thing': {
      const t = need(
        ownEntry(m.things, edit.name),
        'unknown',
        `Thing '${edit.name}' does not exist${suggestionSuffix(edit.name, Object.keys(m.things))}`,
      );
      if (t.builtin) fail('builtin', `'${edit.name}' is a built-in Thing`);
      if (equipmentNames(m).has(edit.name))
        fail(
          'invalid',
          `'${edit.name}' is equipment or a Network of an apps context; edit the apps contexts instead`,
        );
      if (edit.type === 'rename-thing') {
        const to = renameElement(m.things, 'Thing', edit.name, edit.to);
        m.requests = renameInCalls(m.requests, 'Things', edit.name, to);
      } else delete m.things[edit.name];
      return m;
    }
    case 'add-template': {
      const name = checkName(edit.name, 'template');
      if (ownEntry(m.templates, name)) fail('duplicate', `template '${name}' already exists`);
      if (!ownEntry(m.templates, edit.base))
        fail(
          'unknown',
          `base template '${edit.base}' does not exist${suggestionSuffix(edit.base, Object.keys(m.templates))}`,
        );
      setOwn(m.templates, name, {
        name,
        base: edit.base,
        shapes: [],
        properties: [],
        services: [],
        events: [],
        permissions: emptyPermissionSet(),
        instance: emptyPermissionSet(),
      });
      return m;
    }
    case 'rename-template': {
      const to = renameElement(m.templates, 'template', edit.name, edit.to);
      for (const x of Object.values(m.templates)) if (x.base === edit.name) x.base = to;
      for (const x of Object.values(m.things)) if (x.template === edit.name) x.template = to;
      m.requests = renameInCalls(m.requests, 'ThingTemplates', edit.name, to);
      return m;
    }
    case 'remove-template': {
      const t = need(
        ownEntry(m.templates, edit.name),
        'unknown',
        `template '${edit.name}' does not exist${suggestionSuffix(edit.name, Object.keys(m.templates))}`,
      );
      if (t.builtin) fail('builtin', `the built-in template '${edit.name}' cannot be removed`);
      // References move up the chain: Things and derived templates take the removed template's base.
      const up = t.base ?? GENERIC_THING;
      delete m.templates[edit.name];
      for (const x of Object.values(m.templates)) if (x.base === edit.name) x.base = up;
      for (const x of Object.values(m.things)) if (x.template === edit.name) x.template = up;
      return m;
    }
    case 'add-shape': {
      const name = checkName(edit.name, 'shape');
      if (ownEntry(m.shapes, name)) fail('duplicate', `shape '${name}' already exists`);
      setOwn(m.shapes, name, {
        name,
        properties: [],
        services: [],
        events: [],
        permissions: emptyPermissionSet(),
        instance: { runtime: [] },
      });
      return m;
    }
    case 'rename-shape':
    case 'remove-shape': {
      const s = need(
        ownEntry(m.shapes, edit.name),
        'unknown',
        `shape '${edit.name}' does not exist${suggestionSuffix(edit.name, Object.keys(m.shapes))}`,
      );
      if (s.builtin) fail('builtin', `'${edit.name}' is a built-in shape`);
      let to: string | null = null;
      if (edit.type === 'rename-shape') {
        to = renameElement(m.shapes, 'shape', edit.name, edit.to);
        m.requests = renameInCalls(m.requests, 'ThingShapes', edit.name, to);
      } else delete m.shapes[edit.name];
      const fix = (list: string[]) =>
        to === null ? list.filter(x => x !== edit.name) : list.map(x => (x === edit.name ? to : x));
      for (const x of Object.values(m.templates)) x.shapes = fix(x.shapes);
      for (const x of Object.values(m.things)) x.shapes = fix(x.shapes);
      return m;
    }
    case 'add-characteristic': {
      if (edit.collection === 'Things') own(m.things, edit.entity);
      else if (edit.collection === 'ThingTemplates') own(m.templates, edit.entity);
      else if (edit.collection === 'ThingShapes') own(m.shapes, edit.entity);
      const c = characteristicsOf(m, edit.collection, edit.entity);
      const key = ({ property: 'properties', service: 'services', event: 'events' } as const)[
        edit.kind
      ];
      if (!key) fail('invalid', `kind must be property, service or event, got ${shown(edit.kind)}`);
      const name = checkName(edit.name, edit.kind);
      if (c[key].includes(name))
        fail('duplicate', `'${edit.entity}' already has the ${edit.kind} '${name}'`);
      c[key].push(name);
      return m;
    }
    case 'add-entry':
    case 'remove-entry': {
      ownTarget(m, edit.target);
      const target = resolveTarget(m, edit.target);
      const e = edit.entry;
      checkEntry(m, e);
      if (!target.families.includes(e.family)) {
        fail(
          'invalid',
          `${target.label} holds no ${e.family} entries${edit.target.level === 'entity' && edit.target.collection === 'ThingShapes' ? ' (shapes have no own run-time permissions, §1.9; use the shape instance set)' : ''}`,
        );
      }
      const i = entryIndex(target.set, e);
      if (edit.type === 'add-entry') {
        if (i >= 0) fail('duplicate', `${target.label} already has this entry`);
        if (e.family === 'runtime')
          target.set.runtime.push({
            kind: e.kind,
            resource: e.resource,
            principal: { ...e.principal },
            allow: e.allow,
          });
        else if (e.family === 'designtime')
          (target.set as PermissionSet).designtime.push({
            kind: e.kind,
            principal: { ...e.principal },
            allow: e.allow,
          });
        else (target.set as PermissionSet).visibility.push({ ...e.principal });
      } else {
        if (i < 0) fail('not-found', `${target.label} has no such ${e.family} entry`);
        if (target.builtinBase && entryIndex(target.builtinBase, e) >= 0) {
          fail(
            'builtin',
            `this entry of ${target.label} is built in${e.family === 'visibility' && edit.target.level === 'collection' ? '; use set-factory { everyoneSeesCollections: false }' : ''}`,
          );
        }
        if (e.family === 'runtime') target.set.runtime.splice(i, 1);
        else if (e.family === 'designtime') (target.set as PermissionSet).designtime.splice(i, 1);
        else (target.set as PermissionSet).visibility.splice(i, 1);
      }
      dropEmptyCollections(m);
      return m;
    }
    case 'add-app-key': {
      const name = checkName(edit.name, 'application key');
      if (ownEntry(m.appKeys, name)) fail('duplicate', `application key '${name}' already exists`);
      if (!ownEntry(m.users, edit.user))
        fail(
          'unknown',
          `user '${edit.user}' does not exist${suggestionSuffix(edit.user, Object.keys(m.users))}`,
        );
      if (edit.expires !== undefined && Number.isNaN(Date.parse(edit.expires)))
        fail('invalid', `expires must be an ISO-8601 date-time, got '${edit.expires}'`);
      for (const ip of edit.ipAllowlist ?? []) {
        if (!/^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$|^[0-9a-fA-F:]+$/.test(ip))
          fail('invalid', `'${ip}' is not an IP address or IPv4 CIDR block`);
      }
      setOwn(m.appKeys, name, {
        name,
        user: edit.user,
        ...(edit.expires !== undefined ? { expires: edit.expires } : {}),
        ipAllowlist: [...(edit.ipAllowlist ?? [])],
      });
      return m;
    }
    case 'remove-app-key': {
      need(
        ownEntry(m.appKeys, edit.name),
        'unknown',
        `application key '${edit.name}' does not exist${suggestionSuffix(edit.name, Object.keys(m.appKeys))}`,
      );
      delete m.appKeys[edit.name];
      return m;
    }
    case 'set-owner': {
      const c = edit.collection;
      const entity =
        c === 'Things'
          ? own(m.things, edit.name)
          : c === 'ThingTemplates'
            ? own(m.templates, edit.name)
            : c === 'ThingShapes'
              ? own(m.shapes, edit.name)
              : OTHER.includes(c)
                ? own(m.others, `${c as OtherEntityCollection}/${edit.name}`)
                : undefined;
      if (!entity) return fail('unknown', `${c} entity '${edit.name}' does not exist`);
      if (edit.owner === null) delete entity.owner;
      else {
        if (!ownEntry(m.users, edit.owner))
          fail(
            'unknown',
            `owner '${edit.owner}' is not a user${suggestionSuffix(edit.owner, Object.keys(m.users))}`,
          );
        entity.owner = edit.owner;
      }
      return m;
    }
    case 'set-semantics': {
      const next = { ...m.semantics, ...edit.semantics };
      const allowed: Record<string, readonly unknown[]> = {
        precedence: ['level', 'global-deny'],
        adminBypass: [true, false],
        ownerBypass: [true, false],
        baseTemplateInstance: [true, false],
        shapeInstance: ['after-templates', 'ignore'],
        visibilityDirection: ['upward', 'downward', 'exact'],
        denialStatus: [403, 401],
        rejectAppKeyInUrl: [true, false],
      };
      for (const [k, v] of Object.entries(edit.semantics ?? {})) {
        const ok = ownEntry(allowed, k);
        if (!ok)
          fail(
            'invalid',
            `unknown semantics option '${k}'${suggestionSuffix(k, Object.keys(allowed))}`,
          );
        if (!ok?.includes(v))
          fail(
            'invalid',
            `semantics.${k} must be one of ${ok?.map(x => JSON.stringify(x)).join(', ')}`,
          );
      }
      m.semantics = next;
      return m;
    }
    case 'set-factory': {
      for (const k of Object.keys(edit.factory ?? {})) {
        if (k !== 'usersInEveryone' && k !== 'everyoneSeesCollections')
          fail(
            'invalid',
            `unknown factory option '${k}'; expected usersInEveryone or everyoneSeesCollections`,
          );
      }
      return recompile(m, file => {
        const f = { ...m.factory, ...edit.factory };
        file.factory = f;
      });
    }
    case 'add-request': {
      const { line: _line, ...request } = edit.request;
      if (typeof request.call !== 'string' || request.call.trim() === '')
        fail('invalid', 'a saved request needs a call such as GET /Thingworx/Things/T1');
      m.requests = [...m.requests, request];
      return m;
    }
    case 'add-requests': {
      const added = edit.requests.map((r, i) => {
        const { line: _line, ...request } = r;
        if (typeof request.call !== 'string' || request.call.trim() === '')
          fail('invalid', `request ${i + 1} needs a call such as GET /Thingworx/Things/T1`);
        return request;
      });
      m.requests = [...m.requests, ...added];
      return m;
    }
    case 'set-request-expects': {
      const requests = [...m.requests];
      for (const c of edit.changes) {
        const r = requests[c.index];
        if (!Number.isInteger(c.index) || !r)
          fail(
            'unknown',
            `there is no saved request ${c.index + 1} (the model has ${requests.length})`,
          );
        requests[c.index] = { ...(r as SavedRequest), expect: { ...c.expect } };
      }
      m.requests = requests;
      return m;
    }
    case 'apps-invoke': {
      const r = applyAppsInvocation(input, edit.service, edit.params);
      if (!r.ok) fail('invalid', r.error.message);
      return (r as { ok: true; value: Model }).value;
    }
    default:
      return fail(
        'invalid',
        `unknown edit type ${JSON.stringify((edit as { type: unknown }).type)}`,
      );
  }
}
