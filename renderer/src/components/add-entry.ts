/**
 * The entry the inspector's "+ Add entry" form stands for (AddEntryForm.tsx), or why it stands for
 * none, in words for the field that is wrong.
 */
import type { EntryValue } from '../../../shared/model/edits';
import { DESIGN_KINDS, RUNTIME_KINDS } from '../../../shared/model/types';
import type { DesignKind, RuntimeKind } from '../../../shared/model/types';
import { parsePrincipal, parseVisibilityPrincipal } from '../lib/entries';

export type Family = 'runtime' | 'designtime' | 'visibility';

export type EntryFormValues = {
  family: Family;
  kind: string;
  resource: string;
  allow: boolean;
  principal: string;
};

const isRuntimeKind = (k: string): k is RuntimeKind => RUNTIME_KINDS.some(r => r === k);
const isDesignKind = (k: string): k is DesignKind => DESIGN_KINDS.some(d => d === k);

export function entryFromForm(
  v: EntryFormValues,
): { ok: true; entry: EntryValue } | { ok: false; message: string } {
  if (v.family === 'visibility') {
    const p = parseVisibilityPrincipal(v.principal);
    return p.ok ? { ok: true, entry: { family: v.family, principal: p.value } } : p;
  }
  const p = parsePrincipal(v.principal);
  if (!p.ok) return p;
  if (v.family === 'runtime') {
    if (!isRuntimeKind(v.kind)) return { ok: false, message: 'Pick a run-time kind.' };
    if (v.resource.trim() === '')
      return {
        ok: false,
        message: 'The resource is * (all characteristics) or one property, service or event name.',
      };
    const entry = {
      family: v.family,
      kind: v.kind,
      resource: v.resource.trim(),
      principal: p.value,
      allow: v.allow,
    };
    return { ok: true, entry };
  }
  if (!isDesignKind(v.kind)) return { ok: false, message: 'Pick a design-time kind.' };
  return {
    ok: true,
    entry: { family: v.family, kind: v.kind, principal: p.value, allow: v.allow },
  };
}
