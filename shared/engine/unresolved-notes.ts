/**
 * Names unresolved elements in explanations: an imported model keeps users, groups,
 * organizations, templates and shapes that the imported files reference but do not define
 * (docs/import.md), flagged `unresolved`. Every step that refers to one gets a detail line saying
 * so, because such an element's own settings (members, flags, entries) are unknown to PermSim.
 *
 * @example
 * const d = withUnresolvedNotes(model, evaluate(model, request));
 * d.explanation[2]?.details; // [..., "group Ops is referenced here but not defined in the imported files"]
 */
import type { Model } from '../model/types';
import type { Decision, ElementRef } from './decision';

type Flagged = Map<string, string>;

// Models are immutable values; the flagged set is computed once per model object.
const cache = new WeakMap<Model, Flagged>();

function flaggedOf(model: Model): Flagged {
  let f = cache.get(model);
  if (f) return f;
  f = new Map();
  for (const u of Object.values(model.users))
    if (u.unresolved) f.set(`user\u0000${u.name}`, `user ${u.name}`);
  for (const g of Object.values(model.groups))
    if (g.unresolved) f.set(`group\u0000${g.name}`, `group ${g.name}`);
  for (const o of Object.values(model.organizations))
    if (o.unresolved) f.set(`organization\u0000${o.name}`, `organization ${o.name}`);
  for (const t of Object.values(model.templates))
    if (t.unresolved) f.set(`template\u0000${t.name}`, `template ${t.name}`);
  for (const s of Object.values(model.shapes))
    if (s.unresolved) f.set(`shape\u0000${s.name}`, `shape ${s.name}`);
  cache.set(model, f);
  return f;
}

const keyOf = (r: ElementRef): string | undefined => {
  switch (r.type) {
    case 'user':
    case 'group':
    case 'organization':
    case 'template':
    case 'shape':
      return `${r.type}\u0000${r.name}`;
    case 'unit':
      return `organization\u0000${r.org}`;
    default:
      return undefined;
  }
};

export function withUnresolvedNotes(model: Model, d: Decision): Decision {
  const flagged = flaggedOf(model);
  if (flagged.size === 0) return d;
  let changed = false;
  const explanation = d.explanation.map(step => {
    const notes: string[] = [];
    const keys = [
      ...step.refs.map(keyOf),
      ...(step.lost ?? []).map(e => `${e.principal.type}\u0000${e.principal.name}`),
      ...(step.decided ?? []).map(e =>
        'principal' in e
          ? `${e.principal.type}\u0000${e.principal.name}`
          : `organization\u0000${e.org}`,
      ),
    ];
    for (const k of keys) {
      const what = k === undefined ? undefined : flagged.get(k);
      const line = what && `${what} is referenced here but not defined in the imported files`;
      if (line && !notes.includes(line)) notes.push(line);
    }
    if (!notes.length) return step;
    changed = true;
    return { ...step, details: [...step.details, ...notes] };
  });
  return changed ? { ...d, explanation } : d;
}
