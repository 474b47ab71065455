/**
 * A what-if scenario as the ordered ThingWorx REST calls that apply it on a live server, and the
 * inverse calls that undo it (docs/export-changes.md). Every change maps to ThingWorx's own
 * services: the entity mutators of domain reference §8.1 (`AddRunTimePermission`, ... and the
 * `...Instance...` variants of templates and shapes, §2.3, §2.5), `SetOwner` (§1.10, §8.1), group
 * and unit membership (`AddMember` / `DeleteMember`, §4.2, §8.5), the collection services of
 * `CollectionFunctions` (§2.1, §8.4) and the context-manager Grant / Propagate services (§7.5,
 * §7.6, §7.12). A change no service expresses is listed as not exported, never dropped.
 *
 * The inverse is computed against the model just before each change (the baseline for the first):
 * the calls undo the changes last to first, so each one sees the state it must restore.
 *
 * @example
 * const plan = planExport(baseline, scenario.changes);
 * if (plan.ok) plan.value.forward[0]?.service; // 'DeleteRunTimePermission'
 */
import type { EditTarget, EntryValue } from '../model/edits';
import type { Model, PrincipalRef, RuntimeEntry, VisibilityPrincipal } from '../model/types';
import { shaped } from '../apps/infotable';
import { CONTEXT_MANAGER_THING, GRANT_SERVICES, PROPAGATE_SERVICES } from '../apps/names';
import { applyChanges, describeChange } from '../whatif/change';
import type { WhatIfChange } from '../whatif/change';
import { own } from '../model/own';

/** One REST call: `POST /Thingworx/{collection}/{entity}/Services/{service}` with `params` as the JSON body. */
export type TwxCall = {
  collection: string;
  entity: string;
  service: string;
  /** Service parameters, in a fixed order (the JSON body). */
  params: Record<string, unknown>;
  /** What the call does, for a person. */
  label: string;
  /** 0-based index of the scenario change it comes from. */
  change: number;
};

/** A change that no service call expresses, with the reason. */
export type NotExported = { change: number; text: string; why: string };

export type ExportPlan = {
  forward: TwxCall[];
  /** Undoes `forward`: the changes last to first, each computed against the model before it. */
  inverse: TwxCall[];
  notExported: NotExported[];
  /** Where the forward calls may not reproduce the simulated model exactly. */
  forwardCaveats: string[];
  /** Where the inverse calls cannot restore the baseline exactly. */
  inverseCaveats: string[];
  /** The model after all changes. */
  result: Model;
};

export type PlanResult =
  | { ok: true; value: ExportPlan }
  | { ok: false; error: { code: string; message: string; index?: number } };

/** REST path of a call, names percent-encoded (a name may hold spaces, quotes, `#`, `?`). */
export function callPath(c: Pick<TwxCall, 'collection' | 'entity' | 'service'>): string {
  return `/Thingworx/${encodeURIComponent(c.collection)}/${encodeURIComponent(c.entity)}/Services/${encodeURIComponent(c.service)}`;
}

const principalType = (p: PrincipalRef): 'User' | 'Group' => (p.type === 'user' ? 'User' : 'Group');

/** §4.6, §6.2: a unit is `Organization:Unit` with type OrganizationalUnit; an organization is its bare name. */
export function visibilityPrincipal(v: VisibilityPrincipal): {
  principal: string;
  principalType: 'Organization' | 'OrganizationalUnit';
} {
  return v.type === 'org'
    ? { principal: v.org, principalType: 'Organization' }
    : { principal: `${v.org}:${v.unit}`, principalType: 'OrganizationalUnit' };
}

const who = (p: PrincipalRef) => `${p.type} ${p.name}`;
const whoVis = (v: VisibilityPrincipal) =>
  v.type === 'org' ? `organization ${v.org}` : `unit ${v.org}:${v.unit}`;

function targetLabel(t: EditTarget): string {
  switch (t.level) {
    case 'entity':
      return `${t.collection}/${t.name}`;
    case 'instance':
      return `instances of template ${t.template}`;
    case 'shape':
      return `instances of shape ${t.shape}`;
    case 'collection':
      return `collection ${t.collection}`;
  }
}

function entryLabel(e: EntryValue): string {
  if (e.family === 'runtime')
    return `${e.allow ? 'allow' : 'deny'} ${e.kind} on ${e.resource} for ${who(e.principal)}`;
  if (e.family === 'designtime')
    return `${e.allow ? 'allow' : 'deny'} ${e.kind} (design time) for ${who(e.principal)}`;
  return `visibility for ${whoVis(e.principal)}`;
}

const FAMILY_WORD = { runtime: 'RunTime', designtime: 'DesignTime', visibility: 'Visibility' };

/**
 * The service call that adds (or deletes) one entry at one level.
 * - entity level: `{Add|Delete}{RunTime|DesignTime|Visibility}Permission` on the entity (§8.1);
 * - template instance sets: `{Add|Delete}Instance{...}Permission` on the template (§2.3, §2.5);
 * - shape instance run time: `{Add|Delete}InstanceRunTimePermission` on the shape (§2.5);
 * - collection level: `{Add|Delete}Collection{...}Permission` on the `CollectionFunctions` resource
 *   with `collectionName` (§2.1, §8.4).
 * Parameters are those of §8.1. The Delete services take no `allow` (the generated service declarations
 * cited in §1.3 list principal, resource, type and principalType only): ThingWorx keeps one entry per
 * principal, kind and resource [INF], and a Delete removes it whatever its allow flag.
 */
export function entryCall(
  op: 'Add' | 'Delete',
  target: EditTarget,
  e: EntryValue,
  change: number,
): TwxCall {
  const word = FAMILY_WORD[e.family];
  const params: Record<string, unknown> = {};
  if (target.level === 'collection') params['collectionName'] = target.collection;
  if (e.family === 'visibility') Object.assign(params, visibilityPrincipal(e.principal));
  else {
    params['principal'] = e.principal.name;
    params['principalType'] = principalType(e.principal);
    if (e.family === 'runtime') params['resource'] = e.resource;
    params['type'] = e.kind;
    if (op === 'Add') params['allow'] = e.allow;
  }
  const label = `${op === 'Add' ? 'add' : 'delete'} ${entryLabel(e)} at ${targetLabel(target)}`;
  switch (target.level) {
    case 'entity':
      return {
        collection: target.collection,
        entity: target.name,
        service: `${op}${word}Permission`,
        params,
        label,
        change,
      };
    case 'instance':
      return {
        collection: 'ThingTemplates',
        entity: target.template,
        service: `${op}Instance${word}Permission`,
        params,
        label,
        change,
      };
    case 'shape':
      return {
        collection: 'ThingShapes',
        entity: target.shape,
        service: `${op}InstanceRunTimePermission`,
        params,
        label,
        change,
      };
    case 'collection':
      return {
        collection: 'Resources',
        entity: 'CollectionFunctions',
        service: `${op}Collection${word}Permission`,
        params,
        label,
        change,
      };
  }
}

/** The set an edit target names, in a given model (undefined when it does not exist there). */
function setOf(
  m: Model,
  t: EditTarget,
): { runtime: RuntimeEntry[]; designtime?: unknown[]; visibility?: unknown[] } | undefined {
  switch (t.level) {
    case 'entity':
      if (t.collection === 'Things') return own(m.things, t.name)?.permissions;
      if (t.collection === 'ThingTemplates') return own(m.templates, t.name)?.permissions;
      if (t.collection === 'ThingShapes') return own(m.shapes, t.name)?.permissions;
      return own(m.others, `${t.collection}/${t.name}`)?.permissions;
    case 'instance':
      return own(m.templates, t.template)?.instance;
    case 'shape':
      return own(m.shapes, t.shape)?.instance;
    case 'collection':
      return Object.hasOwn(m.collections, t.collection)
        ? own(m.collections, t.collection)
        : undefined;
  }
}

/** The entry of the other allow flag for the same principal, kind (and resource), when the set holds one. */
function opposite(m: Model, t: EditTarget, e: EntryValue): EntryValue | undefined {
  if (e.family === 'visibility') return undefined;
  const set = setOf(m, t);
  if (!set) return undefined;
  if (e.family === 'runtime') {
    const hit = set.runtime.find(
      x =>
        x.kind === e.kind &&
        x.resource === e.resource &&
        x.allow !== e.allow &&
        x.principal.type === e.principal.type &&
        x.principal.name === e.principal.name,
    );
    return hit ? { family: 'runtime', ...hit } : undefined;
  }
  const hit = (set.designtime as { kind: string; allow: boolean; principal: PrincipalRef }[]).find(
    x =>
      x.kind === e.kind &&
      x.allow !== e.allow &&
      x.principal.type === e.principal.type &&
      x.principal.name === e.principal.name,
  );
  return hit
    ? { family: 'designtime', kind: e.kind, principal: hit.principal, allow: hit.allow }
    : undefined;
}

/** A context-manager parameter as the REST API wants it: infotables carry their data shape (§7.13). */
function appsParams(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const SHAPE_OF: Record<string, 'EquipmentOrContextList' | 'UserNameList' | 'UserGroupNameList'> =
    {
      entities: 'EquipmentOrContextList',
      userNames: 'UserNameList',
      userGroupNames: 'UserGroupNameList',
    };
  for (const [k, v] of Object.entries(params)) {
    const shape = Object.hasOwn(SHAPE_OF, k) ? SHAPE_OF[k] : undefined;
    const rows = Array.isArray(v)
      ? v
      : v !== null && typeof v === 'object' && Array.isArray((v as { rows?: unknown }).rows)
        ? (v as { rows: Record<string, unknown>[] }).rows
        : undefined;
    out[k] = shape && rows ? shaped(shape, rows as Record<string, unknown>[]) : v;
  }
  return out;
}

const entryKey = (e: RuntimeEntry) =>
  JSON.stringify([e.principal.type, e.principal.name, e.kind, e.resource]);

/**
 * Calls that turn the run-time entity-level entries of Thing `thing` from `after` back into
 * `before`: per (principal, kind, resource) that differs, a Delete (when `after` holds one) then an
 * Add of each `before` entry. Used to undo a context-manager call, which rewrites `*` blocks (§7.14).
 */
function restoreThingRuntime(
  thing: string,
  before: RuntimeEntry[],
  after: RuntimeEntry[],
  change: number,
  exists: (p: PrincipalRef) => boolean,
  caveats: string[],
): TwxCall[] {
  const group = (list: RuntimeEntry[]) => {
    const m = new Map<string, RuntimeEntry[]>();
    for (const e of list) {
      const k = entryKey(e);
      const cur = m.get(k);
      if (cur) cur.push(e);
      else m.set(k, [e]);
    }
    return m;
  };
  const b = group(before);
  const a = group(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const target: EditTarget = { level: 'entity', collection: 'Things', name: thing };
  const out: TwxCall[] = [];
  for (const k of keys) {
    const was = b.get(k) ?? [];
    const now = a.get(k) ?? [];
    const sig = (l: RuntimeEntry[]) =>
      l
        .map(x => String(x.allow))
        .sort()
        .join();
    if (sig(was) === sig(now)) continue;
    const first = (now[0] ?? was[0]) as RuntimeEntry;
    if (now.length > 0)
      out.push(entryCall('Delete', target, { family: 'runtime', ...first }, change));
    for (const e of was) {
      if (!exists(e.principal)) {
        caveats.push(
          `change ${change + 1}: the entry ${entryLabel({ family: 'runtime', ...e })} on Things/${thing} was dropped by the context manager because ${who(e.principal)} does not exist; it is not added back`,
        );
        continue;
      }
      out.push(entryCall('Add', target, { family: 'runtime', ...e }, change));
    }
  }
  return out;
}

const NOT_A_SERVICE: Record<string, string> = {
  'add-user': 'creating a user is not a permission service; create it in Composer first',
  'rename-user': 'ThingWorx has no service that renames a user',
  'remove-user': 'deleting a user is not a permission service; delete it in Composer',
  'add-group': 'creating a group is not a permission service; create it in Composer first',
  'rename-group': 'ThingWorx has no service that renames a group',
  'remove-group': 'deleting a group is not a permission service; delete it in Composer',
  'add-unit':
    'adding an organizational unit is Organization.AddOrganizationalUnit, which PermSim does not export',
  'remove-unit':
    'deleting an organizational unit is Organization.DeleteOrganizationalUnit, which PermSim does not export',
  'add-organization': 'creating an organization is not a permission service',
  'remove-organization': 'deleting an organization is not a permission service',
  'add-thing': 'creating a Thing is not a permission service; create it in Composer first',
  'rename-thing': 'renaming a Thing is not a permission service',
  'remove-thing': 'deleting a Thing is not a permission service',
  'add-template': 'creating a template is not a permission service',
  'rename-template': 'renaming a template is not a permission service',
  'remove-template': 'deleting a template is not a permission service',
  'add-shape': 'creating a shape is not a permission service',
  'rename-shape': 'renaming a shape is not a permission service',
  'remove-shape': 'deleting a shape is not a permission service',
  'add-characteristic': 'defining a property, service or event is not a permission service',
  'add-app-key': 'creating an application key needs its secret; create it in Composer',
  'remove-app-key': 'deleting an application key is not a permission service',
  'set-app-key':
    'the services of an application key that change its expiry or allowlist are not in the services PermSim exports',
  'set-user-flags':
    'enabling, disabling, locking or unlocking a user is not in the services PermSim exports; do it in Composer',
  'set-template-base':
    "a template's base template is its definition, not a permission service; use the xml format",
  'set-template-shapes':
    "a template's implemented shapes are its definition, not a permission service; use the xml format",
  'set-semantics': 'a simulator option, not a server setting',
  'set-factory': 'a simulator option, not a server setting',
};

/**
 * The forward and inverse calls of `changes` applied to `baseline`. Errors when a change does not
 * apply (the same message as the what-if, naming the change).
 *
 * @example
 * planExport(model, [{ type: 'add-membership', member: { type: 'user', name: 'bob' }, group: 'Ops' }]);
 * // forward: Groups/Ops AddMember { member: 'bob', type: 'User' }; inverse: DeleteMember
 */
export function planExport(baseline: Model, changes: readonly WhatIfChange[]): PlanResult {
  const applied = applyChanges(baseline, changes);
  if (!applied.ok)
    return {
      ok: false,
      error: {
        code: 'invalid-change',
        message: applied.error.message,
        index: applied.error.index,
      },
    };
  const forward: TwxCall[] = [];
  const undoPerChange: TwxCall[][] = [];
  const notExported: NotExported[] = [];
  const forwardCaveats: string[] = [];
  const inverseCaveats: string[] = [];

  changes.forEach((c, i) => {
    const before = i === 0 ? baseline : (applied.steps[i - 1] as Model);
    const after = applied.steps[i] as Model;
    const undo: TwxCall[] = [];
    const skip = (why: string) => notExported.push({ change: i, text: describeChange(c), why });
    switch (c.type) {
      case 'add-entry':
      case 'remove-entry': {
        const add = c.type === 'add-entry';
        const opp = opposite(before, c.target, c.entry);
        forward.push(entryCall(add ? 'Add' : 'Delete', c.target, c.entry, i));
        if (add) {
          undo.push(entryCall('Delete', c.target, c.entry, i));
          if (opp) {
            forwardCaveats.push(
              `change ${i + 1}: ${targetLabel(c.target)} already holds "${entryLabel(opp)}"; PermSim keeps both entries, ThingWorx keeps one per principal, kind and resource, so the server ends with "${entryLabel(c.entry)}" only`,
            );
            undo.push(entryCall('Add', c.target, opp, i));
          }
        } else {
          undo.push(entryCall('Add', c.target, c.entry, i));
          if (opp)
            forwardCaveats.push(
              `change ${i + 1}: ${targetLabel(c.target)} also holds "${entryLabel(opp)}"; the Delete service takes no allow flag, so on the server it removes the entry of ${who((opp as { principal: PrincipalRef }).principal)} whichever it is`,
            );
        }
        break;
      }
      case 'add-membership':
      case 'remove-membership': {
        const add = c.type === 'add-membership';
        // §8.5: Group.AddMember(member, type); DeleteMember mirrors it [INF: §8.5 names AddMember only].
        const call = (op: 'AddMember' | 'DeleteMember'): TwxCall => ({
          collection: 'Groups',
          entity: c.group,
          service: op,
          params: { member: c.member.name, type: principalType(c.member) },
          label: `${op === 'AddMember' ? 'add' : 'remove'} ${who(c.member)} ${op === 'AddMember' ? 'to' : 'from'} group ${c.group}`,
          change: i,
        });
        forward.push(call(add ? 'AddMember' : 'DeleteMember'));
        undo.push(call(add ? 'DeleteMember' : 'AddMember'));
        break;
      }
      case 'add-unit-member':
      case 'remove-unit-member': {
        const add = c.type === 'add-unit-member';
        // §4.2: Organization.AddMember(name=<unit>, member, type) and DeleteMember(name, member, type).
        const call = (op: 'AddMember' | 'DeleteMember'): TwxCall => ({
          collection: 'Organizations',
          entity: c.org,
          service: op,
          params: { name: c.unit, member: c.member.name, type: principalType(c.member) },
          label: `${op === 'AddMember' ? 'add' : 'remove'} ${who(c.member)} ${op === 'AddMember' ? 'to' : 'from'} unit ${c.org}:${c.unit}`,
          change: i,
        });
        forward.push(call(add ? 'AddMember' : 'DeleteMember'));
        undo.push(call(add ? 'DeleteMember' : 'AddMember'));
        break;
      }
      case 'set-owner': {
        const ownerOf = (m: Model): string | undefined => {
          const rec =
            c.collection === 'Things'
              ? m.things
              : c.collection === 'ThingTemplates'
                ? m.templates
                : c.collection === 'ThingShapes'
                  ? m.shapes
                  : undefined;
          if (rec) return Object.hasOwn(rec, c.name) ? rec[c.name]?.owner : undefined;
          return own(m.others, `${c.collection}/${c.name}`)?.owner;
        };
        const call = (owner: string): TwxCall => ({
          collection: c.collection,
          entity: c.name,
          service: 'SetOwner',
          params: { name: owner },
          label: `set the owner of ${c.collection}/${c.name} to user ${owner}`,
          change: i,
        });
        if (c.owner === null) {
          skip('ThingWorx has no service that removes an owner (§1.10: SetOwner names a user)');
          break;
        }
        forward.push(call(c.owner));
        const was = ownerOf(before);
        if (was !== undefined) undo.push(call(was));
        else
          inverseCaveats.push(
            `change ${i + 1}: ${c.collection}/${c.name} had no owner before; no service removes an owner, so the undo leaves ${c.owner} as its owner`,
          );
        break;
      }
      case 'apps-invoke': {
        const grant = (GRANT_SERVICES as readonly string[]).includes(c.service);
        const propagate = (PROPAGATE_SERVICES as readonly string[]).includes(c.service);
        if (!grant && !propagate) {
          skip('only the context-manager Grant and Propagate services change permissions');
          break;
        }
        forward.push({
          collection: 'Things',
          entity: CONTEXT_MANAGER_THING,
          service: c.service,
          params: appsParams(c.params),
          label: `${c.service} (context manager, ${propagate ? 'propagates' : 'grants'} ${String(c.params['permissionType'])})`,
          change: i,
        });
        // §7.14: the services write platform run-time entries on the Things; the context manager has no
        // "ungrant", so the undo restores those entries with the entity mutators of §8.1.
        const exists = (p: PrincipalRef) =>
          p.type === 'user'
            ? Object.hasOwn(before.users, p.name)
            : Object.hasOwn(before.groups, p.name);
        for (const name of Object.keys(after.things)) {
          const a = own(after.things, name);
          const b = own(before.things, name);
          if (!a || !b || a === b || a.permissions.runtime === b.permissions.runtime) continue;
          undo.push(
            ...restoreThingRuntime(
              name,
              b.permissions.runtime,
              a.permissions.runtime,
              i,
              exists,
              inverseCaveats,
            ),
          );
        }
        break;
      }
      default: {
        const why = Object.hasOwn(NOT_A_SERVICE, c.type) ? NOT_A_SERVICE[c.type] : undefined;
        skip(why ?? 'no ThingWorx permission service expresses this change');
      }
    }
    undoPerChange.push(undo);
  });

  const inverse = undoPerChange.reverse().flat();
  if (notExported.length > 0)
    inverseCaveats.push(
      'changes that are not exported are not undone either (the undo only reverses the exported calls)',
    );
  return {
    ok: true,
    value: { forward, inverse, notExported, forwardCaveats, inverseCaveats, result: applied.model },
  };
}
