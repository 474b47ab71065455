/**
 * What-if changes: typed values applied in order to a baseline model (architecture.md §4,
 * model-format.md "Scenarios"). A change is any `ModelEdit` (shared/model/edits.ts: entries at
 * every level, memberships, unit members, owners, user flags, app keys, `apps-invoke` of the
 * context-manager Grant and Propagate services, §7.5-7.6) or one of the few edits only what-if
 * needs: a template's base or shapes, and an application key's expiry or IP allowlist (§3.9).
 *
 * Applying never mutates its input and never throws: a bad change gives a precise error naming
 * the change by its position.
 *
 * @example
 * const r = applyChanges(model, [
 *   { type: 'add-entry', target: { level: 'instance', template: 'SensorTemplate' },
 *     entry: { family: 'runtime', kind: 'ServiceInvoke', resource: 'GetDataStream', principal: { type: 'group', name: 'DataAnalysts' }, allow: true } },
 * ]);
 * if (r.ok) r.model; else r.error.message; // 'change 1 (add-entry): ...'
 */
import { applyEdit } from '../apps/apply-edit';
import type { EntryValue, ExtraChange, ModelEdit, WhatIfChange } from '../model/edits';
import { GENERIC_THING } from '../model/builtins';
import { principalToString, visibilityToString } from '../model/compile';
import { suggestionSuffix } from '../model/suggest';
import type { Model } from '../model/types';
import { ipAllowed } from '../rest/ip-allowlist';
import { own as ownEntry } from '../model/own';
import { shown } from '../model/shown';

// The change values themselves are defined once, as zod schemas, in shared/model/edits.ts.
export type { ExtraChange, WhatIfChange } from '../model/edits';

export type ChangeError = {
  /** 0-based position of the failing change in the list. */
  index: number;
  code: string;
  message: string;
};

export type ApplyChangesResult =
  | {
      ok: true;
      model: Model;
      /** The model after each change: steps[i] = after change i. */ steps: Model[];
    }
  | { ok: false; error: ChangeError };

const EXTRA_TYPES = new Set(['set-template-base', 'set-template-shapes', 'set-app-key']);

function applyExtra(
  model: Model,
  c: ExtraChange,
): { ok: true; model: Model } | { ok: false; code: string; message: string } {
  const bad = (code: string, message: string) => ({ ok: false as const, code, message });
  switch (c.type) {
    case 'set-template-base': {
      const t = ownEntry(model.templates, c.template);
      if (!t)
        return bad(
          'unknown',
          `template '${c.template}' does not exist${suggestionSuffix(String(c.template), Object.keys(model.templates))}`,
        );
      if (t.builtin)
        return bad('builtin', `the built-in template '${c.template}' cannot be re-parented`);
      if (!ownEntry(model.templates, c.base))
        return bad(
          'unknown',
          `base template '${c.base}' does not exist${suggestionSuffix(String(c.base), Object.keys(model.templates))}`,
        );
      // A template may not derive from itself or from one of its own descendants (§2.3).
      for (
        let cur: string | null | undefined = c.base;
        cur;
        cur = ownEntry(model.templates, cur)?.base
      ) {
        if (cur === c.template)
          return bad(
            'cycle',
            `template '${c.template}' cannot be based on '${c.base}': '${c.base}' already derives from '${c.template}'`,
          );
      }
      return {
        ok: true,
        model: {
          ...model,
          templates: { ...model.templates, [c.template]: { ...t, base: c.base } },
        },
      };
    }
    case 'set-template-shapes': {
      const t = ownEntry(model.templates, c.template);
      if (!t)
        return bad(
          'unknown',
          `template '${c.template}' does not exist${suggestionSuffix(String(c.template), Object.keys(model.templates))}`,
        );
      if (t.builtin && c.template === GENERIC_THING)
        return bad('builtin', `the built-in template '${c.template}' cannot change its shapes`);
      if (!Array.isArray(c.shapes))
        return bad('invalid', 'shapes must be a list of ThingShape names');
      for (const s of c.shapes) {
        if (!ownEntry(model.shapes, s))
          return bad(
            'unknown',
            `shape '${s}' does not exist${suggestionSuffix(String(s), Object.keys(model.shapes))}`,
          );
      }
      return {
        ok: true,
        model: {
          ...model,
          templates: { ...model.templates, [c.template]: { ...t, shapes: [...new Set(c.shapes)] } },
        },
      };
    }
    case 'set-app-key': {
      const k = ownEntry(model.appKeys, c.name);
      if (!k)
        return bad(
          'unknown',
          `application key '${c.name}' does not exist${suggestionSuffix(String(c.name), Object.keys(model.appKeys))}`,
        );
      if (c.expires === undefined && c.ipAllowlist === undefined)
        return bad(
          'invalid',
          `set-app-key '${c.name}' changes nothing: give expires and/or ipAllowlist`,
        );
      if (
        c.expires !== undefined &&
        c.expires !== null &&
        (typeof c.expires !== 'string' || Number.isNaN(Date.parse(c.expires)))
      ) {
        return bad(
          'invalid',
          `expires must be an ISO-8601 date-time such as 2026-06-30T00:00:00Z (or null for never), got ${shown(c.expires)}`,
        );
      }
      if (c.ipAllowlist !== undefined) {
        if (!Array.isArray(c.ipAllowlist))
          return bad('invalid', 'ipAllowlist must be a list of IP addresses or IPv4 CIDR blocks');
        for (const ip of c.ipAllowlist) {
          // An entry that matches nothing, not even itself, is malformed (ip-allowlist.ts decides what matches).
          const probe = typeof ip === 'string' ? (ip.split('/')[0] ?? '') : '';
          if (typeof ip !== 'string' || !ipAllowed(probe, [ip]).allowed)
            return bad('invalid', `'${String(ip)}' is not an IP address or IPv4 CIDR block`);
        }
      }
      const next = {
        ...k,
        ipAllowlist: c.ipAllowlist !== undefined ? [...c.ipAllowlist] : k.ipAllowlist,
      };
      if (c.expires === null) delete next.expires;
      else if (c.expires !== undefined) next.expires = c.expires;
      return { ok: true, model: { ...model, appKeys: { ...model.appKeys, [c.name]: next } } };
    }
  }
}

/**
 * Applies one change. Never throws, never mutates `model`.
 *
 * @example
 * applyChange(model, { type: 'set-user-flags', name: 'carol', locked: false });
 */
export function applyChange(
  model: Model,
  change: WhatIfChange,
): { ok: true; model: Model } | { ok: false; code: string; message: string } {
  if (
    change === null ||
    typeof change !== 'object' ||
    typeof (change as { type?: unknown }).type !== 'string'
  ) {
    return { ok: false, code: 'invalid', message: 'a change is an object with a string `type`' };
  }
  if (EXTRA_TYPES.has(change.type)) return applyExtra(model, change as ExtraChange);
  const r = applyEdit(model, change as ModelEdit);
  return r.ok ? r : { ok: false, code: r.error.code, message: r.error.message };
}

/**
 * Applies changes in order; the error names the first failing change (1-based in the message).
 *
 * @example
 * const r = applyChanges(model, scenario.changes);
 * if (r.ok) r.steps.length === scenario.changes.length;
 */
export function applyChanges(model: Model, changes: readonly WhatIfChange[]): ApplyChangesResult {
  const steps: Model[] = [];
  let cur = model;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i] as WhatIfChange;
    const r = applyChange(cur, c);
    if (!r.ok)
      return {
        ok: false,
        error: {
          index: i,
          code: r.code,
          message: `change ${i + 1} (${describeChange(c)}): ${r.message}`,
        },
      };
    cur = r.model;
    steps.push(cur);
  }
  return { ok: true, model: cur, steps };
}

function targetText(t: unknown): string {
  const x = t as
    | { level?: string; collection?: string; name?: string; template?: string; shape?: string }
    | undefined;
  switch (x?.level) {
    case 'entity':
      return `${x.collection}/${x.name}`;
    case 'instance':
      return `instance of template ${x.template}`;
    case 'shape':
      return `instance of shape ${x.shape}`;
    case 'collection':
      return `collection ${x.collection}`;
    default:
      return '?';
  }
}

function entryText(e: EntryValue | undefined): string {
  if (!e || typeof e !== 'object') return '?';
  if (e.family === 'runtime')
    return `${e.allow ? 'allow' : 'deny'} ${e.kind} on ${e.resource} for ${principalToString(e.principal)}`;
  if (e.family === 'designtime')
    return `${e.allow ? 'allow' : 'deny'} ${e.kind} (design time) for ${principalToString(e.principal)}`;
  if (e.family === 'visibility') return `visibility for ${visibilityToString(e.principal)}`;
  return '?';
}

/**
 * One line for a person, e.g. "add allow ServiceInvoke on GetDataStream for group:DataAnalysts at instance of template SensorTemplate".
 *
 * @example
 * describeChange({ type: 'add-membership', member: { type: 'user', name: 'bob' }, group: 'Ops' }); // 'add user:bob to group Ops'
 */
export function describeChange(c: WhatIfChange): string {
  try {
    switch (c.type) {
      case 'add-entry':
      case 'remove-entry':
        return `${c.type === 'add-entry' ? 'add' : 'remove'} ${entryText(c.entry)} at ${targetText(c.target)}`;
      case 'add-membership':
        return `add ${principalToString(c.member)} to group ${c.group}`;
      case 'remove-membership':
        return `remove ${principalToString(c.member)} from group ${c.group}`;
      case 'add-unit-member':
        return `add ${principalToString(c.member)} to unit ${c.org}:${c.unit}`;
      case 'remove-unit-member':
        return `remove ${principalToString(c.member)} from unit ${c.org}:${c.unit}`;
      case 'set-user-flags':
        return `set user ${c.name}${c.enabled !== undefined ? ` enabled=${c.enabled}` : ''}${c.locked !== undefined ? ` locked=${c.locked}` : ''}`;
      case 'set-owner':
        return `set owner of ${c.collection}/${c.name} to ${c.owner ?? 'nobody'}`;
      case 'apps-invoke':
        return `invoke ${c.service}`;
      case 'set-semantics':
        return `set semantics ${Object.entries(c.semantics ?? {})
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(', ')}`;
      case 'set-factory':
        return `set factory ${Object.entries(c.factory ?? {})
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(', ')}`;
      case 'set-template-base':
        return `set base of template ${c.template} to ${c.base}`;
      case 'set-template-shapes':
        return `set shapes of template ${c.template} to [${c.shapes?.join(', ')}]`;
      case 'set-app-key':
        return `set application key ${c.name}${c.expires !== undefined ? ` expires=${c.expires ?? 'never'}` : ''}${c.ipAllowlist ? ` ipAllowlist=[${c.ipAllowlist.join(', ')}]` : ''}`;
      default:
        return c.type;
    }
  } catch {
    return String((c as { type?: unknown }).type);
  }
}
