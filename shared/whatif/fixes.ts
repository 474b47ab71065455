/**
 * Fix suggestions (architecture.md §4, docs/whatif.md): for a call that fails for a user, single
 * changes that make it succeed, each with the other access it would also grant, least extra
 * access first. Candidates follow the places ThingWorx consults (§9.5 visibility, §9.6 levels):
 * - an Allow at Thing level, template-instance level (each template of the chain, §2.3), shape
 *   instance level (§2.5) or collection level (§2.1), for the user or one of its groups;
 * - removing a Deny that decided (§2.8, §1.8);
 * - visibility for one of the user's units or organizations at those levels, or the user as member
 *   of a unit that already has visibility (§4.4, §9.5);
 * - the user as member of a group that already holds an Allow (§2.11);
 * - unlocking or enabling the user (§3.11); making the user the owner (§1.10).
 * Every candidate is verified by evaluating the call after the change; the extra access is the
 * what-if diff of the change (every caller x every call on the affected entities) minus the cell
 * asked about. Each suggestion carries its change, ready to append to a scenario.
 *
 * @example
 * const r = suggestFixes(model, { type: 'user', name: 'alice' }, 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream');
 * if (r.ok) r.value.suggestions[0]?.description; // 'remove deny ServiceInvoke on GetDataStream for group:DataAnalysts at Things/SensorDataStream'
 */
import type { EditTarget } from '../model/edits';
import type { Level, LocatedDesignEntry, LocatedRuntimeEntry } from '../model/decision';
import { getDecider } from '../engine/index';
import { ADMINISTRATORS_GROUP } from '../model/builtins';
import { DESIGN_KINDS, RUNTIME_KINDS } from '../model/types';
import type {
  DesignKind,
  Model,
  PermissionSet,
  PrincipalRef,
  RuntimeKind,
  VisibilityPrincipal,
} from '../model/types';
import { parseCallLine } from '../rest/parse';
import { applyChange, describeChange } from './change';
import type { WhatIfChange } from './change';
import { callSpec, canonicalCaller, evaluateCell, sideOf } from './cells';
import type { CallSpec, Caller, CellSide } from './cells';
import { diffSummary } from './summary';
import type { BlastRectangle } from './blast-radius';
import { withoutCell } from './diff';
import type { CallerCounts, ChangeClass, DiffCounts } from './diff';
import { templateChain } from '../model/chains';
import { own as ownEntry } from '../model/own';

export type FixSuggestion = {
  change: WhatIfChange;
  description: string;
  /** What the call answers after the change. */
  after: CellSide;
  /** Other cells the change alters (the asked cell excluded): counts and the largest rectangles. */
  extra: DiffCounts;
  /** The same per caller: users, and app keys per address apart from their users (`describeCallerCounts`). */
  extraByCaller: CallerCounts[];
  extraRectangles: BlastRectangle[];
};

export type FixResult = {
  caller: Caller;
  call: string;
  before: CellSide;
  suggestions: FixSuggestion[];
  /** Candidates tried, and how many of them made the call succeed. */
  tried: number;
  /** Why there is nothing to suggest, when so. */
  note?: string;
};

export type FixOptions = { max?: number; maxCandidates?: number };
export type FixError = { code: 'invalid-argument'; message: string };

type Loc = { target: EditTarget; label: string };

/** The levels ThingWorx consults for an entity, most specific first (§9.6). */
function levelsOf(m: Model, spec: CallSpec): Loc[] {
  const e = spec.entity;
  if (!e) return [];
  const out: Loc[] = [
    {
      target: { level: 'entity', collection: e.collection, name: e.name },
      label: `${e.collection}/${e.name}`,
    },
  ];
  if (e.collection === 'Things') {
    const thing = ownEntry(m.things, e.name);
    if (thing) {
      const chain = templateChain(m, thing.template);
      for (const t of chain)
        out.push({ target: { level: 'instance', template: t }, label: `instance of ${t}` });
      const shapes = new Set([
        ...thing.shapes,
        ...chain.flatMap(t => ownEntry(m.templates, t)?.shapes ?? []),
      ]);
      for (const s of shapes)
        if (ownEntry(m.shapes, s))
          out.push({ target: { level: 'shape', shape: s }, label: `instance of shape ${s}` });
    }
  }
  out.push({
    target: { level: 'collection', collection: e.collection },
    label: `collection ${e.collection}`,
  });
  return out;
}

function setAt(m: Model, t: EditTarget): Partial<PermissionSet> | undefined {
  switch (t.level) {
    case 'entity':
      return t.collection === 'Things'
        ? ownEntry(m.things, t.name)?.permissions
        : t.collection === 'ThingTemplates'
          ? ownEntry(m.templates, t.name)?.permissions
          : t.collection === 'ThingShapes'
            ? ownEntry(m.shapes, t.name)?.permissions
            : ownEntry(m.others, `${t.collection}/${t.name}`)?.permissions;
    case 'instance':
      return ownEntry(m.templates, t.template)?.instance;
    case 'shape':
      return ownEntry(m.shapes, t.shape)?.instance;
    case 'collection':
      return ownEntry(m.collections, t.collection);
  }
}

function targetOfLevel(at: Level): EditTarget {
  switch (at.level) {
    case 'entity':
      return { level: 'entity', collection: at.collection, name: at.entity };
    case 'template':
      return { level: 'entity', collection: 'ThingTemplates', name: at.template };
    case 'instance':
      return { level: 'instance', template: at.template };
    case 'shape':
      return { level: 'shape', shape: at.shape };
    case 'collection':
      return { level: 'collection', collection: at.collection };
  }
}

/** What the call needs: a run-time kind on a resource, or a design-time kind. */
function need(
  spec: CallSpec,
):
  | { family: 'runtime'; kind: RuntimeKind; resource: string }
  | { family: 'designtime'; kind: DesignKind }
  | undefined {
  if ((RUNTIME_KINDS as readonly string[]).includes(spec.kind)) {
    const p = parseCallLine(spec.call);
    const op = p.ok ? p.call.operation : undefined;
    const resource = op && 'name' in op ? op.name : '*';
    return { family: 'runtime', kind: spec.kind as RuntimeKind, resource };
  }
  if ((DESIGN_KINDS as readonly string[]).includes(spec.kind))
    return { family: 'designtime', kind: spec.kind as DesignKind };
  return undefined;
}

function candidates(
  m: Model,
  user: string,
  spec: CallSpec,
  before: ReturnType<typeof evaluateCell>,
): WhatIfChange[] {
  const out: WhatIfChange[] = [];
  const u = ownEntry(m.users, user);
  if (!u) return out;
  if (u.locked || !u.enabled)
    out.push({
      type: 'set-user-flags',
      name: user,
      ...(u.locked ? { locked: false } : {}),
      ...(!u.enabled ? { enabled: true } : {}),
    });
  const ps = getDecider(m).principals(user);
  const principals: PrincipalRef[] = [
    { type: 'user', name: user },
    ...ps.groups.map(g => ({ type: 'group' as const, name: g.name })),
  ];
  const levels = levelsOf(m, spec);
  const n = need(spec);

  // Denies that decided: remove one (§2.8).
  for (const step of before.explanation) {
    if (step.kind !== 'runtime' && step.kind !== 'designtime') continue;
    for (const d of step.decided ?? []) {
      const e = d as LocatedRuntimeEntry | LocatedDesignEntry;
      if (!('allow' in e) || e.allow) continue;
      const target = targetOfLevel(e.at);
      if ('resource' in e)
        out.push({
          type: 'remove-entry',
          target,
          entry: {
            family: 'runtime',
            kind: e.kind,
            resource: e.resource,
            principal: e.principal,
            allow: false,
          },
        });
      else
        out.push({
          type: 'remove-entry',
          target,
          entry: { family: 'designtime', kind: e.kind, principal: e.principal, allow: false },
        });
    }
  }
  // Allows at each level for the user or one of its groups.
  if (n) {
    for (const l of levels) {
      if (l.target.level === 'shape' && n.family !== 'runtime') continue;
      for (const p of principals) {
        if (n.family === 'runtime')
          out.push({
            type: 'add-entry',
            target: l.target,
            entry: {
              family: 'runtime',
              kind: n.kind,
              resource: n.resource,
              principal: p,
              allow: true,
            },
          });
        else
          out.push({
            type: 'add-entry',
            target: l.target,
            entry: { family: 'designtime', kind: n.kind, principal: p, allow: true },
          });
      }
    }
  }
  // Visibility (§9.5): a grant to one of the user's units or orgs, or membership in a unit that has one.
  const unitGrants: VisibilityPrincipal[] = [];
  for (const x of ps.units) unitGrants.push({ type: 'unit', org: x.org, unit: x.unit });
  for (const org of new Set(ps.units.map(x => x.org))) unitGrants.push({ type: 'org', org });
  for (const l of levels) {
    if (l.target.level === 'shape') continue;
    for (const v of unitGrants)
      out.push({
        type: 'add-entry',
        target: l.target,
        entry: { family: 'visibility', principal: v },
      });
    for (const v of setAt(m, l.target)?.visibility ?? []) {
      const org = ownEntry(m.organizations, v.org);
      if (!org) continue;
      out.push({
        type: 'add-unit-member',
        org: v.org,
        unit: v.type === 'unit' ? v.unit : org.root,
        member: { type: 'user', name: user },
      });
    }
  }
  // Membership in a group that already holds an Allow of the needed kind at one of the levels (§2.11).
  if (n) {
    const mine = new Set(ps.groups.map(g => g.name));
    for (const l of levels) {
      const set = setAt(m, l.target);
      const allows =
        n.family === 'runtime'
          ? (set?.runtime ?? []).filter(
              e =>
                e.allow && e.kind === n.kind && (e.resource === '*' || e.resource === n.resource),
            )
          : (set?.designtime ?? []).filter(e => e.allow && e.kind === n.kind);
      for (const e of allows)
        if (e.principal.type === 'group' && !mine.has(e.principal.name))
          out.push({
            type: 'add-membership',
            member: { type: 'user', name: user },
            group: e.principal.name,
          });
    }
    if (!mine.has(ADMINISTRATORS_GROUP))
      out.push({
        type: 'add-membership',
        member: { type: 'user', name: user },
        group: ADMINISTRATORS_GROUP,
      });
  }
  if (spec.entity && ['Things', 'ThingTemplates', 'ThingShapes'].includes(spec.entity.collection)) {
    out.push({
      type: 'set-owner',
      collection: spec.entity.collection,
      name: spec.entity.name,
      owner: user,
    });
  }
  // Each change once.
  const seen = new Set<string>();
  return out.filter(c => {
    const k = JSON.stringify(c);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The class of the asked cell's change when it comes to succeed (as diff.ts classifies it). */
const ownChange = (before: string): ChangeClass => (before === 'unknown' ? 'unknown' : 'gained');

/**
 * Ranked single changes that make `call` succeed for `caller` (an application key is fixed through
 * its user, §3.9). Never throws.
 *
 * @example
 * suggestFixes(model, { type: 'user', name: 'dana' }, 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream', { max: 5 });
 */
export function suggestFixes(
  model: Model,
  asked: Caller,
  call: string,
  opts: FixOptions = {},
): { ok: true; value: FixResult } | { ok: false; error: FixError } {
  const bad = (message: string) => ({
    ok: false as const,
    error: { code: 'invalid-argument' as const, message },
  });
  const s = callSpec(call);
  if (!s.ok) return bad(`"${call}": ${s.message}`);
  const spec = s.spec;
  if (asked?.ip !== undefined && (typeof asked.ip !== 'string' || asked.ip.trim() === ''))
    return bad('the client address must be an address such as 10.1.2.3');
  // The caller as the diff enumerates it (a key from its allowlist entry), so the asked cell is found among the changed ones.
  const caller = canonicalCaller([model], asked);
  let user: string;
  if (caller.type === 'user') {
    if (!ownEntry(model.users, caller.name)) return bad(`user '${caller.name}' does not exist`);
    user = caller.name;
  } else {
    const key = ownEntry(model.appKeys, caller.name);
    if (!key) return bad(`application key '${caller.name}' does not exist`);
    user = key.user;
  }
  // The answer from the asked address (the enumerated caller's address admits it the same way).
  const d = evaluateCell(model, caller, spec);
  const before = sideOf(d);
  const base = { caller, call: spec.call, before };
  if (d.outcome === 'allowed')
    return {
      ok: true,
      value: { ...base, suggestions: [], tried: 0, note: 'the call already succeeds' },
    };
  if (!spec.entity)
    return {
      ok: true,
      value: {
        ...base,
        suggestions: [],
        tried: 0,
        note: 'suggestions are made for calls on one entity',
      },
    };
  if (d.status === 405 || d.status === 400)
    return {
      ok: true,
      value: {
        ...base,
        suggestions: [],
        tried: 0,
        note: `a ${d.status} does not depend on permissions`,
      },
    };

  const all = candidates(model, user, spec, d).slice(0, opts.maxCandidates ?? 200);
  const found: FixSuggestion[] = [];
  for (const change of all) {
    const r = applyChange(model, change);
    if (!r.ok) continue;
    const after = evaluateCell(r.model, caller, spec);
    if (after.outcome !== 'allowed') continue;
    // The summary (counts and rectangles; the class route for entry changes) is all a suggestion shows.
    const diff = diffSummary(model, r.model, { kind: 'affected' });
    if (!diff.ok) continue;
    // The other access it grants: every changed cell but the one asked about, which changed (it now succeeds).
    const extra: DiffCounts = { ...diff.value.counts };
    const own = ownChange(d.outcome);
    if (extra[own] > 0) {
      extra[own]--;
      extra.total--;
    }
    const self = diff.value.blastRadius;
    found.push({
      change,
      description: describeChange(change),
      after: sideOf(after),
      extra,
      extraByCaller: withoutCell(diff.value.byCaller, caller, own),
      extraRectangles: self.slice(0, 5),
    });
  }
  found.sort(
    (a, b) =>
      a.extra.gained - b.extra.gained ||
      a.extra.total - b.extra.total ||
      (a.description < b.description ? -1 : a.description > b.description ? 1 : 0),
  );
  const suggestions = found.slice(0, opts.max ?? 10);
  return {
    ok: true,
    value: {
      ...base,
      suggestions,
      tried: all.length,
      ...(suggestions.length === 0
        ? { note: 'no single change among those tried makes this call succeed' }
        : {}),
    },
  };
}
