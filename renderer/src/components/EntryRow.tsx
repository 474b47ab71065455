/** One entry of a permission set in the inspector, with its remove button; and its label in words. */
import type { ReactNode } from 'react';
import type { EntryValue } from '../../../shared/model/edits';
import { formatPrincipal, formatVisibilityPrincipal } from '../lib/entries';

export function entryLabel(e: EntryValue): string {
  if (e.family === 'runtime')
    return `${e.allow ? 'Allow' : 'Deny'} ${e.kind} on ${e.resource} for ${formatPrincipal(e.principal)}`;
  if (e.family === 'designtime')
    return `${e.allow ? 'Allow' : 'Deny'} ${e.kind} for ${formatPrincipal(e.principal)}`;
  return `visibility for ${formatVisibilityPrincipal(e.principal)}`;
}

export function EntryRow({
  value,
  onRemove,
  children,
}: {
  value: EntryValue;
  onRemove: (v: EntryValue) => void;
  children: ReactNode;
}) {
  const deny = value.family !== 'visibility' && !value.allow;
  return (
    <li className={deny ? 'entry-row deny' : 'entry-row'}>
      <span className="entry-text">{children}</span>
      <button
        type="button"
        className="icon"
        aria-label={`Remove ${entryLabel(value)}`}
        title="Remove this entry"
        onClick={() => onRemove(value)}
      >
        ×
      </button>
    </li>
  );
}
