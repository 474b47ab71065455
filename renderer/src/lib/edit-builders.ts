/**
 * Form values to ModelEdits (shared/model/edits.ts). Pure, so the rules (which kinds can be renamed,
 * how a comma list of groups is read) are tested without a browser.
 *
 * @example
 * renameEdit('thing', 'Pump1', 'Pump2'); // { type: 'rename-thing', name: 'Pump1', to: 'Pump2' }
 */
import type { ModelEdit } from '../../../shared/model/edits';
import type { ElementKind } from '../../../shared/contract';

export type RenameKind = 'user' | 'group' | 'thing' | 'template' | 'shape';

export function isRenamable(kind: ElementKind): kind is RenameKind {
  return (
    kind === 'user' ||
    kind === 'group' ||
    kind === 'thing' ||
    kind === 'template' ||
    kind === 'shape'
  );
}

export function renameEdit(kind: RenameKind, name: string, to: string): ModelEdit {
  switch (kind) {
    case 'user':
      return { type: 'rename-user', name, to };
    case 'group':
      return { type: 'rename-group', name, to };
    case 'thing':
      return { type: 'rename-thing', name, to };
    case 'template':
      return { type: 'rename-template', name, to };
    case 'shape':
      return { type: 'rename-shape', name, to };
  }
}

export function removeEdit(kind: RenameKind, name: string): ModelEdit {
  switch (kind) {
    case 'user':
      return { type: 'remove-user', name };
    case 'group':
      return { type: 'remove-group', name };
    case 'thing':
      return { type: 'remove-thing', name };
    case 'template':
      return { type: 'remove-template', name };
    case 'shape':
      return { type: 'remove-shape', name };
  }
}

/** "Operators, DataAnalysts" -> ['Operators', 'DataAnalysts']; blanks and duplicates dropped. */
export function splitNames(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,\s]+/)) {
    const t = part.trim();
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

/** A ThingWorx entity name as the UI accepts it: not empty, no path separators or whitespace at the ends. */
export function checkName(what: string, name: string): string | null {
  if (name.trim() === '') return `Give the ${what} a name.`;
  if (name !== name.trim()) return `The ${what} name "${name}" starts or ends with a space.`;
  if (/[/?#]/.test(name))
    return `The ${what} name "${name}" contains "/", "?" or "#", which cannot appear in a ThingWorx REST path.`;
  return null;
}
