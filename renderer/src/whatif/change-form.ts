/**
 * The workbench's small "add a change" form, as values, turned into what-if changes
 * (shared/whatif/change.ts). Pure, so the reading rules (how a principal or a target is written,
 * what is missing) are unit-tested without a browser. Names are checked by the engine when the
 * scenario runs (it answers with "did you mean"); here only the shape of the input is checked.
 *
 * @example
 * changeFromForm({ ...EMPTY_CHANGE_FORM, what: 'entry', level: 'entity', target: 'SensorDataStream',
 *   kind: 'ServiceInvoke', resource: 'GetDataStream', principal: 'group:DataAnalysts', effect: 'allow' });
 * // { ok: true, change: { type: 'add-entry', target: { level: 'entity', collection: 'Things', name: 'SensorDataStream' }, entry: {...} } }
 */
import { DESIGN_KINDS, RUNTIME_KINDS } from '../../../shared/model/types';
import type {
  DesignKind,
  PrincipalRef,
  RuntimeKind,
  VisibilityPrincipal,
} from '../../../shared/model/types';
import type { EditTarget } from '../../../shared/model/edits';
import type { WhatIfChange } from '../../../shared/whatif';

export type ChangeFormValues = {
  what: 'entry' | 'membership' | 'unit-member';
  op: 'add' | 'remove';
  /** Entries: which permission set (the levels of domain reference §2, §9.6). */
  level: 'entity' | 'instance' | 'shape' | 'collection';
  /** Thing name (or `Collection/Name` for another entity), template, shape or collection. */
  target: string;
  family: 'runtime' | 'designtime' | 'visibility';
  effect: 'allow' | 'deny';
  kind: string;
  resource: string;
  /** `user:x` / `group:y`; for visibility `org:X` / `unit:X:Y`. */
  principal: string;
  /** Memberships: the member (`user:x` / `group:y`) and the group, or the organization and unit. */
  member: string;
  group: string;
  org: string;
  unit: string;
};

export const EMPTY_CHANGE_FORM: ChangeFormValues = {
  what: 'entry',
  op: 'add',
  level: 'entity',
  target: '',
  family: 'runtime',
  effect: 'allow',
  kind: 'ServiceInvoke',
  resource: '*',
  principal: '',
  member: '',
  group: '',
  org: '',
  unit: '',
};

export type ChangeFormResult = { ok: true; change: WhatIfChange } | { ok: false; message: string };

/** `user:alice` / `group:Ops` (a bare name is refused: users and groups may share names). */
export function readPrincipal(
  text: string,
  field: string,
): { ok: true; value: PrincipalRef } | { ok: false; message: string } {
  const t = text.trim();
  const m = /^(user|group):(.+)$/.exec(t);
  if (!m || (m[2] ?? '').trim() === '') {
    return {
      ok: false,
      message: `${field}: write user:<name> or group:<name>${t ? `, got "${t}"` : ''}.`,
    };
  }
  return { ok: true, value: { type: m[1] as 'user' | 'group', name: (m[2] as string).trim() } };
}

/** `org:Plant` / `unit:Plant:LineA` (domain reference §1.5). */
export function readVisibility(
  text: string,
): { ok: true; value: VisibilityPrincipal } | { ok: false; message: string } {
  const t = text.trim();
  const org = /^org:(.+)$/.exec(t);
  if (org) return { ok: true, value: { type: 'org', org: (org[1] as string).trim() } };
  const unit = /^unit:([^:]+):(.+)$/.exec(t);
  if (unit)
    return {
      ok: true,
      value: { type: 'unit', org: (unit[1] as string).trim(), unit: (unit[2] as string).trim() },
    };
  return {
    ok: false,
    message: `Visibility principal: write org:<organization> or unit:<organization>:<unit>${t ? `, got "${t}"` : ''}.`,
  };
}

function readTarget(
  v: ChangeFormValues,
): { ok: true; value: EditTarget } | { ok: false; message: string } {
  const t = v.target.trim();
  const what = {
    entity: 'a Thing (or Collection/Name)',
    instance: 'a template',
    shape: 'a shape',
    collection: 'a collection such as Things',
  }[v.level];
  if (t === '') return { ok: false, message: `Target: name ${what}.` };
  switch (v.level) {
    case 'entity': {
      const slash = t.indexOf('/');
      return slash > 0
        ? {
            ok: true,
            value: { level: 'entity', collection: t.slice(0, slash), name: t.slice(slash + 1) },
          }
        : { ok: true, value: { level: 'entity', collection: 'Things', name: t } };
    }
    case 'instance':
      return { ok: true, value: { level: 'instance', template: t } };
    case 'shape':
      return { ok: true, value: { level: 'shape', shape: t } };
    case 'collection':
      return { ok: true, value: { level: 'collection', collection: t } };
  }
}

/**
 * The change the form describes, or what is wrong with it (one sentence naming the field).
 *
 * @example
 * changeFromForm({ ...EMPTY_CHANGE_FORM, what: 'membership', member: 'user:bob', group: 'DataAnalysts' });
 * // { ok: true, change: { type: 'add-membership', member: { type: 'user', name: 'bob' }, group: 'DataAnalysts' } }
 */
export function changeFromForm(v: ChangeFormValues): ChangeFormResult {
  if (v.what === 'membership') {
    const member = readPrincipal(v.member, 'Member');
    if (!member.ok) return member;
    if (v.group.trim() === '')
      return { ok: false, message: 'Group: name the group the member joins or leaves.' };
    return {
      ok: true,
      change: {
        type: v.op === 'add' ? 'add-membership' : 'remove-membership',
        member: member.value,
        group: v.group.trim(),
      },
    };
  }
  if (v.what === 'unit-member') {
    const member = readPrincipal(v.member, 'Member');
    if (!member.ok) return member;
    if (v.org.trim() === '')
      return { ok: false, message: 'Organization: name the organization of the unit.' };
    // The root unit has the organization's name (§4.2), so an empty unit means the root.
    const unit = v.unit.trim() === '' ? v.org.trim() : v.unit.trim();
    return {
      ok: true,
      change: {
        type: v.op === 'add' ? 'add-unit-member' : 'remove-unit-member',
        org: v.org.trim(),
        unit,
        member: member.value,
      },
    };
  }
  const target = readTarget(v);
  if (!target.ok) return target;
  const type = v.op === 'add' ? 'add-entry' : 'remove-entry';
  if (v.family === 'visibility') {
    const p = readVisibility(v.principal);
    if (!p.ok) return p;
    return {
      ok: true,
      change: { type, target: target.value, entry: { family: 'visibility', principal: p.value } },
    };
  }
  const principal = readPrincipal(v.principal, 'Principal');
  if (!principal.ok) return principal;
  const allow = v.effect === 'allow';
  if (v.family === 'designtime') {
    if (!(DESIGN_KINDS as readonly string[]).includes(v.kind))
      return {
        ok: false,
        message: `Kind: a design-time kind is one of ${DESIGN_KINDS.join(', ')}, got "${v.kind}".`,
      };
    return {
      ok: true,
      change: {
        type,
        target: target.value,
        entry: {
          family: 'designtime',
          kind: v.kind as DesignKind,
          principal: principal.value,
          allow,
        },
      },
    };
  }
  if (!(RUNTIME_KINDS as readonly string[]).includes(v.kind))
    return {
      ok: false,
      message: `Kind: a run-time kind is one of ${RUNTIME_KINDS.join(', ')}, got "${v.kind}".`,
    };
  const resource = v.resource.trim() === '' ? '*' : v.resource.trim();
  return {
    ok: true,
    change: {
      type,
      target: target.value,
      entry: {
        family: 'runtime',
        kind: v.kind as RuntimeKind,
        resource,
        principal: principal.value,
        allow,
      },
    },
  };
}
