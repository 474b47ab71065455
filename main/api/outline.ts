/**
 * The navigator's outline of a model (`model:outline`) and the lookup of one element
 * (`model:element`), with "did you mean" on unknown names.
 *
 * @example
 * modelOutline(model, 'sensor'); // [{ kind: 'thing', name: 'SensorDataStream', detail: 'SensorTemplate' }, ...]
 */
import type { ElementKind, OutlineItem, Result } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import type { Model } from '../../shared/model/types';
import { suggestionSuffix } from '../../shared/model/suggest';
import { own } from '../../shared/model/own';

const ELEMENT_WORDS: Record<ElementKind, string> = {
  user: 'user',
  group: 'group',
  organization: 'organization',
  thing: 'Thing',
  template: 'ThingTemplate',
  shape: 'ThingShape',
  collection: 'collection',
  appKey: 'application key',
  context: 'equipment context',
  other: 'entity',
};

/** Every element of the model, navigator order, filtered by a case-insensitive substring of name or detail. */
export function modelOutline(model: Model, search?: string): OutlineItem[] {
  const items: OutlineItem[] = [];
  const push = (
    kind: ElementKind,
    name: string,
    detail: string | undefined,
    builtin: boolean | undefined,
  ): void => {
    const item: OutlineItem = { kind, name };
    if (detail) item.detail = detail;
    if (builtin) item.builtin = true;
    items.push(item);
  };
  for (const u of Object.values(model.users)) {
    const flags = [!u.enabled ? 'disabled' : '', u.locked ? 'locked' : ''].filter(Boolean);
    if (u.unresolved) flags.push('unresolved');
    push('user', u.name, [u.groups.join(', '), ...flags].filter(Boolean).join(' · '), u.builtin);
  }
  for (const g of Object.values(model.groups))
    push(
      'group',
      g.name,
      [
        g.memberOf.length ? `member of ${g.memberOf.join(', ')}` : '',
        g.unresolved ? 'unresolved' : '',
      ]
        .filter(Boolean)
        .join(' · ') || undefined,
      g.builtin,
    );
  for (const o of Object.values(model.organizations)) {
    const n = Object.keys(o.units).length;
    push(
      'organization',
      o.name,
      `${n} unit${n === 1 ? '' : 's'}${o.unresolved ? ' · unresolved' : ''}`,
      o.builtin,
    );
  }
  for (const t of Object.values(model.things)) push('thing', t.name, t.template, t.builtin);
  for (const t of Object.values(model.templates))
    push(
      'template',
      t.name,
      [t.base ? `base ${t.base}` : '', t.unresolved ? 'unresolved' : '']
        .filter(Boolean)
        .join(' · ') || undefined,
      t.builtin,
    );
  for (const s of Object.values(model.shapes))
    push('shape', s.name, s.unresolved ? 'unresolved' : undefined, s.builtin);
  for (const [key, o] of Object.entries(model.others)) push('other', key, o.collection, o.builtin);
  for (const c of Object.keys(model.collections)) push('collection', c, undefined, undefined);
  for (const k of Object.values(model.appKeys))
    push('appKey', k.name, `runs as ${k.user}`, undefined);
  for (const c of Object.values(model.apps.contexts))
    push('context', c.name, c.displayName !== c.name ? c.displayName : undefined, undefined);
  const q = search?.trim().toLowerCase();
  if (!q) return items;
  return items.filter(
    i => i.name.toLowerCase().includes(q) || (i.detail ?? '').toLowerCase().includes(q),
  );
}

/** The record that holds elements of `kind`. */
function recordOf(model: Model, kind: ElementKind): Record<string, unknown> {
  switch (kind) {
    case 'user':
      return model.users;
    case 'group':
      return model.groups;
    case 'organization':
      return model.organizations;
    case 'thing':
      return model.things;
    case 'template':
      return model.templates;
    case 'shape':
      return model.shapes;
    case 'collection':
      return model.collections;
    case 'appKey':
      return model.appKeys;
    case 'context':
      return model.apps.contexts;
    case 'other':
      return model.others;
  }
}

/** The stored element of `kind` named `name`, or a not-found error with a suggestion. */
export function findElement(model: Model, kind: ElementKind, name: string): Result<unknown> {
  const record = recordOf(model, kind);
  if (Object.hasOwn(record, name)) return ok(own(record, name));
  const hint = suggestionSuffix(name, Object.keys(record));
  return err('not-found', `No ${ELEMENT_WORDS[kind]} named '${name}' in the model${hint || '.'}`);
}
