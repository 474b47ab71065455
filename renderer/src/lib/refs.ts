/**
 * Turns an explanation step's ElementRef into what the navigator can select, so every step links to
 * the model elements it names.
 *
 * @example
 * refToSelection({ type: 'unit', org: 'Plant', name: 'LineA' }); // { kind: 'organization', name: 'Plant' }
 */
import type { ElementKind } from '../../../shared/contract';
import type { ElementRef } from '../../../shared/model/decision';

export type Selection = { kind: ElementKind; name: string };

export function refToSelection(ref: ElementRef): Selection | null {
  switch (ref.type) {
    case 'user':
    case 'group':
    case 'organization':
    case 'thing':
    case 'template':
    case 'shape':
    case 'appKey':
    case 'context':
      return { kind: ref.type, name: ref.name };
    case 'unit':
      return { kind: 'organization', name: ref.org };
    case 'collection':
      return { kind: 'collection', name: ref.name };
    case 'other':
      return { kind: 'other', name: `${ref.collection}/${ref.name}` };
    case 'characteristic':
      // The entity may be a Thing, template or shape; the store resolves it against the outline.
      return { kind: 'thing', name: ref.entity };
    case 'option':
      return null;
  }
}

export function refLabel(ref: ElementRef): string {
  switch (ref.type) {
    case 'unit':
      return `unit ${ref.org}:${ref.name}`;
    case 'other':
      return `${ref.collection}/${ref.name}`;
    case 'option':
      return `option ${ref.name}`;
    case 'characteristic':
      return `${ref.kind} ${ref.entity}.${ref.name}`;
    case 'appKey':
      return `app key ${ref.name}`;
    default:
      return `${ref.type} ${ref.name}`;
  }
}
