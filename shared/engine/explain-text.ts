/**
 * Wording of explanation steps in ThingWorx terms (the notation of domain reference §10:
 * `level · kind · resource · Allow|Deny · principal`), and the canonical keys used in `DecidingKey`.
 *
 * @example
 * levelKey({ level: 'instance', template: 'SensorTemplate' }); // 'instance:SensorTemplate'
 * entryText({ kind: 'PropertyRead', resource: '*', allow: true, principal: { type: 'group', name: 'Operators' },
 *   at: { level: 'instance', template: 'SensorTemplate' } });
 * // 'instance(SensorTemplate) · PropertyRead · * · Allow · group Operators'
 */
import type { PrincipalRef, VisibilityPrincipal } from '../model/types';
import type {
  ElementRef,
  Level,
  LocatedDesignEntry,
  LocatedRuntimeEntry,
  LocatedVisibility,
} from '../model/decision';

/** Canonical level key for `DecidingKey.where`. */
export function levelKey(at: Level): string {
  switch (at.level) {
    case 'entity':
      return `entity:${at.entity}`;
    case 'instance':
      return `instance:${at.template}`;
    case 'template':
      return `template:${at.template}`;
    case 'shape':
      return `shape:${at.shape}`;
    case 'collection':
      return `collection:${at.collection}`;
  }
}

// The level notation lives with the Level type, so the renderer can show it without the engine.
export { levelNotation } from '../model/decision';
import { levelNotation } from '../model/decision';

/** Level in words, e.g. "the Run Time Instance permissions of template SensorTemplate". */
export function levelWords(at: Level): string {
  switch (at.level) {
    case 'entity':
      return `the entity-level permissions of ${at.entity}`;
    case 'instance':
      return `the instance permissions of template ${at.template}`;
    case 'template':
      return `the own permissions of template ${at.template}`;
    case 'shape':
      return `the Run Time Instance permissions of Thing Shape ${at.shape}`;
    case 'collection':
      return `the collection-level permissions of ${at.collection}`;
  }
}

export function levelRef(at: Level): ElementRef {
  switch (at.level) {
    case 'entity':
      return at.collection === 'Things'
        ? { type: 'thing', name: at.entity }
        : at.collection === 'ThingShapes'
          ? { type: 'shape', name: at.entity }
          : { type: 'other', collection: at.collection, name: at.entity };
    case 'instance':
    case 'template':
      return { type: 'template', name: at.template };
    case 'shape':
      return { type: 'shape', name: at.shape };
    case 'collection':
      return { type: 'collection', name: at.collection };
  }
}

export function principalText(p: PrincipalRef): string {
  return `${p.type} ${p.name}`;
}

export function principalRef(p: PrincipalRef): ElementRef {
  return { type: p.type, name: p.name };
}

export function visibilityPrincipalText(v: VisibilityPrincipal): string {
  return v.type === 'org' ? `organization ${v.org}` : `unit ${v.org}:${v.unit}`;
}

export function entryText(e: LocatedRuntimeEntry | LocatedDesignEntry): string {
  const resource = 'resource' in e ? ` · ${e.resource}` : '';
  return `${levelNotation(e.at)} · ${e.kind}${resource} · ${e.allow ? 'Allow' : 'Deny'} · ${principalText(e.principal)}`;
}

export function visibilityText(v: LocatedVisibility): string {
  return `${levelNotation(v.at)} · Visibility · ${visibilityPrincipalText(v)}`;
}
