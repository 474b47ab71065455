/**
 * Every run-time and design-time entry of a model together with the node that holds it and its level
 * (§2.1-2.6, §9.6), plus every visibility grant with its holder (§1.5). One pass over the model.
 *
 * @example
 * heldEntries(model).filter(e => e.principal.type === 'group' && e.principal.name === 'Operators');
 */
import type { Model, PermissionSet, PrincipalRef, VisibilityPrincipal } from '../model/types';
import type { EntryLevel } from './types';
import { own as ownEntry } from '../model/own';

export type Holder = {
  id: string;
  kind: 'thing' | 'template' | 'shape' | 'collection' | 'other';
  name: string;
};

export type HeldEntry = {
  holder: Holder;
  level: EntryLevel;
  family: 'runtime' | 'designtime';
  kind: string;
  /** `*` for design-time entries. */
  resource: string;
  principal: PrincipalRef;
  allow: boolean;
};

export type HeldVisibility = { holder: Holder; level: EntryLevel; grant: VisibilityPrincipal };

export const thingId = (name: string) => `thing:${name}`;
export const templateId = (name: string) => `template:${name}`;
export const shapeId = (name: string) => `shape:${name}`;
export const collectionId = (name: string) => `collection:${name}`;
export const userId = (name: string) => `user:${name}`;
export const groupId = (name: string) => `group:${name}`;
export const orgId = (name: string) => `org:${name}`;
export const unitId = (org: string, unit: string) => `unit:${org}/${unit}`;
export const principalId = (p: PrincipalRef) =>
  p.type === 'user' ? userId(p.name) : groupId(p.name);
export const visibilityId = (v: VisibilityPrincipal) =>
  v.type === 'org' ? orgId(v.org) : unitId(v.org, v.unit);

export type HeldCatalogue = { entries: HeldEntry[]; visibility: HeldVisibility[] };

const cache = new WeakMap<Model, HeldCatalogue>();

/** All held entries of the model, cached per (immutable) model object. */
export function heldEntries(model: Model): HeldCatalogue {
  const hit = cache.get(model);
  if (hit) return hit;
  const entries: HeldEntry[] = [];
  const visibility: HeldVisibility[] = [];
  const addSet = (
    holder: Holder,
    level: EntryLevel,
    set: Partial<PermissionSet>,
    withVisibility: boolean,
  ) => {
    for (const e of set.runtime ?? [])
      entries.push({
        holder,
        level,
        family: 'runtime',
        kind: e.kind,
        resource: e.resource,
        principal: e.principal,
        allow: e.allow,
      });
    for (const e of set.designtime ?? [])
      entries.push({
        holder,
        level,
        family: 'designtime',
        kind: e.kind,
        resource: '*',
        principal: e.principal,
        allow: e.allow,
      });
    if (withVisibility)
      for (const v of set.visibility ?? []) visibility.push({ holder, level, grant: v });
  };
  for (const t of Object.values(model.things))
    addSet({ id: thingId(t.name), kind: 'thing', name: t.name }, 'entity', t.permissions, true);
  for (const t of Object.values(model.templates)) {
    const holder: Holder = { id: templateId(t.name), kind: 'template', name: t.name };
    addSet(holder, 'own', t.permissions, true);
    addSet(holder, 'instance', t.instance, true);
  }
  for (const s of Object.values(model.shapes)) {
    const holder: Holder = { id: shapeId(s.name), kind: 'shape', name: s.name };
    addSet(holder, 'own', s.permissions, true);
    addSet(holder, 'shape', s.instance, false);
  }
  for (const [name, set] of Object.entries(model.collections)) {
    if (set) addSet({ id: collectionId(name), kind: 'collection', name }, 'collection', set, true);
  }
  for (const [key, o] of Object.entries(model.others))
    addSet({ id: `other:${key}`, kind: 'other', name: key }, 'entity', o.permissions, true);
  const out = { entries, visibility };
  cache.set(model, out);
  return out;
}

/** The template chain of a Thing or template, nearest first, cycle-safe. */
export function templateChain(model: Model, start: string | null | undefined): string[] {
  const out: string[] = [];
  for (
    let t = start;
    t && !out.includes(t) && ownEntry(model.templates, t);
    t = ownEntry(model.templates, t)?.base
  )
    out.push(t);
  return out;
}
