/**
 * Which recorded context-manager call wrote a platform entry (§7.14): a Grant or Propagate service
 * rewrites the `*` PropertyRead / PropertyWrite / ServiceInvoke entries of a principal on an
 * equipment Thing (or a context's Network Thing). Explanations name that call, so a 403 on
 * equipment reads "this Deny was written by GrantUserGroupPermissionsOnEntities(Operators, Read) on
 * PackLine" instead of a bare entry.
 *
 * @example
 * const d = withGrantProvenance(model, evaluate(model, request));
 * d.explanation.find(s => s.writtenBy)?.writtenBy?.[0]?.call;
 * // 'PropagateUserGroupPermissionsOnEntities(Operators, Read) from PackLine in DefaultContext'
 */
import type { Model, RuntimeEntry } from '../model/types';
import type { Decision, LocatedRuntimeEntry, Step, WrittenBy } from '../model/decision';
import { entryText } from '../engine/explain-text';
import { GRANT_TABLE } from './entries';
import type { AppsPermission } from './names';
import { principalKey } from './principals';
import { contextIndex } from './structure';
import { grantScopes } from './tree-data';
import { own } from '../model/own';

const WRITTEN_KINDS = new Set(['PropertyRead', 'PropertyWrite', 'ServiceInvoke']);

/** A context holding `thing` (as equipment or as its Network), for the Equipment view. */
function contextOf(model: Model, thing: string): string | undefined {
  for (const ctx of Object.values(model.apps.contexts))
    if (ctx.network === thing || contextIndex(ctx).position.has(thing)) return ctx.name;
  return undefined;
}

function placeWords(model: Model, thing: string): string {
  const ctx = Object.values(model.apps.contexts).find(c => c.network === thing);
  return ctx ? `context ${ctx.name} (its Network ${thing})` : thing;
}

/**
 * The recorded call that wrote this entry on `thing`, when one did and the entry still is what it
 * wrote (an entry edited by hand since has no such origin). Only `*` entries of the three kinds a
 * grant writes qualify.
 */
export function entryProvenance(
  model: Model,
  thing: string,
  e: RuntimeEntry,
): Omit<WrittenBy, 'entry'> | undefined {
  if (e.resource !== '*' || !WRITTEN_KINDS.has(e.kind)) return undefined;
  if (model.apps.grants.length === 0 || !own(model.things, thing)) return undefined;
  const key = principalKey(e.principal);
  const scopes = grantScopes(model);
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = scopes[i];
    if (!s || !s.principals.has(key)) continue;
    if (!(s.things ? s.things.has(thing) : (s.covers?.(thing) ?? false))) continue;
    // The latest call that reached (thing, principal) wrote its entries (§7.8): if the entry does not
    // match what that call writes, it was changed afterwards and no call is its origin.
    const row = own(GRANT_TABLE, s.permissionType as AppsPermission);
    if (!row || row[e.kind as keyof typeof row] !== e.allow) return undefined;
    const args = `${e.principal.name}, ${s.permissionType}`;
    const call =
      s.kind === 'propagation'
        ? `${s.service}(${args}) ${s.from ? `from ${s.from}` : 'on all equipment'} in ${s.context ?? ''}`
        : `${s.service}(${args}) on ${placeWords(model, thing)}`;
    const context = s.kind === 'propagation' ? s.context : contextOf(model, thing);
    return {
      allow: e.allow,
      call,
      service: s.service,
      principal: e.principal,
      permissionType: s.permissionType,
      grant: s.index + 1,
      thing,
      ...(context ? { context } : {}),
    };
  }
  return undefined;
}

function isRuntimeEntry(e: NonNullable<Step['decided']>[number]): e is LocatedRuntimeEntry {
  return 'principal' in e && 'resource' in e;
}

/**
 * Adds to each step the context-manager calls that wrote its deciding entries (§7.14), with a
 * detail line in words. A model without recorded grants comes back unchanged.
 */
export function withGrantProvenance(model: Model, d: Decision): Decision {
  if (model.apps.grants.length === 0) return d;
  let changed = false;
  const explanation = d.explanation.map(step => {
    const written: WrittenBy[] = [];
    for (const e of step.decided ?? []) {
      if (!isRuntimeEntry(e) || e.at.level !== 'entity' || e.at.collection !== 'Things') continue;
      const p = entryProvenance(model, e.at.entity, e);
      if (p) written.push({ entry: entryText(e), ...p });
    }
    if (written.length === 0) return step;
    changed = true;
    return {
      ...step,
      writtenBy: written,
      details: [
        ...step.details,
        ...written.map(
          w =>
            `this ${w.allow ? 'Allow' : 'Deny'} was written by ${w.call} (recorded grant #${w.grant}, §7.14)`,
        ),
      ],
      cites: step.cites.includes('§7.14') ? step.cites : [...step.cites, '§7.14'],
    };
  });
  return changed ? { ...d, explanation } : d;
}
