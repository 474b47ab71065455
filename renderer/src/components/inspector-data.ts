/**
 * Reading `model:element` data in the inspector: the element arrives as plain data (unknown), so
 * every field is checked before use.
 */
import type { ElementKind } from '../../../shared/contract';

export const KIND_LABEL: Record<ElementKind, string> = {
  user: 'User',
  group: 'Group',
  organization: 'Organization',
  thing: 'Thing',
  template: 'Thing template',
  shape: 'Thing shape',
  collection: 'Collection',
  appKey: 'Application key',
  context: 'Context',
  other: 'Entity',
};

export type Rec = Record<string, unknown>;

export function asRecord(v: unknown): Rec {
  return typeof v === 'object' && v !== null ? (v as Rec) : {};
}

/** `model:element` may wrap the element (`{ element, effective }`); the inspector wants the element. */
export function unwrap(data: unknown): Rec {
  const d = asRecord(data);
  if ('element' in d && typeof d.element === 'object' && d.element !== null)
    return d.element as Rec;
  return d;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function chars(d: Rec): string[] {
  return [...strings(d.properties), ...strings(d.services), ...strings(d.events)];
}
