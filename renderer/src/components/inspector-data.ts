/** Labels and small helpers the inspector's parts share. */
import type { ElementKind } from '../../../shared/contract';
import type { Characteristics } from '../../../shared/model/types';

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

/** Every characteristic an entity declares, for the editors' name pickers. */
export function chars(d: Characteristics): string[] {
  return [...d.properties, ...d.services, ...d.events];
}
