/**
 * Words for permission entries, levels and principals, in the notation of the model file
 * (`group:DataAnalysts`, `unit:Plant:LineA`) and of the domain reference's worked examples (§10:
 * `entity(X) · ServiceInvoke · GetDataStream · Deny · group DataAnalysts`).
 *
 * @example
 * formatPrincipal({ type: 'group', name: 'DataAnalysts' }); // 'group:DataAnalysts'
 */
import type { PrincipalRef, VisibilityPrincipal } from '../../../shared/model/types';
import type {
  Level,
  LocatedDesignEntry,
  LocatedRuntimeEntry,
  LocatedVisibility,
} from '../../../shared/model/decision';
import { levelNotation } from '../../../shared/model/decision';

export function formatPrincipal(p: PrincipalRef): string {
  return `${p.type}:${p.name}`;
}

export function formatVisibilityPrincipal(p: VisibilityPrincipal): string {
  return p.type === 'org' ? `org:${p.org}` : `unit:${p.org}:${p.unit}`;
}

/** Parses `user:alice` / `group:Ops`; a bare name is taken as a user. */
export function parsePrincipal(
  text: string,
): { ok: true; value: PrincipalRef } | { ok: false; message: string } {
  const t = text.trim();
  const m = /^(user|group):(.+)$/.exec(t);
  if (m && m[1] && m[2])
    return { ok: true, value: { type: m[1] as 'user' | 'group', name: m[2].trim() } };
  if (t === '')
    return { ok: false, message: 'Name a principal, e.g. user:alice or group:Operators.' };
  if (t.includes(':'))
    return {
      ok: false,
      message: `"${t}" is not a user or group principal; write user:NAME or group:NAME.`,
    };
  return { ok: true, value: { type: 'user', name: t } };
}

/** Parses `org:Plant` / `unit:Plant:LineA` (model-format.md conventions). */
export function parseVisibilityPrincipal(
  text: string,
): { ok: true; value: VisibilityPrincipal } | { ok: false; message: string } {
  const t = text.trim();
  const org = /^org:([^:]+)$/.exec(t);
  if (org && org[1]) return { ok: true, value: { type: 'org', org: org[1] } };
  const unit = /^unit:([^:]+):([^:]+)$/.exec(t);
  if (unit && unit[1] && unit[2])
    return { ok: true, value: { type: 'unit', org: unit[1], unit: unit[2] } };
  return {
    ok: false,
    message: `"${t}" is not a visibility principal; write org:ORGANIZATION or unit:ORGANIZATION:UNIT.`,
  };
}

/** A level in the §10 notation (one source: shared/engine/explain-text.ts). */
export const formatLevel = (at: Level): string => levelNotation(at);

/** One located entry (run time, design time or visibility) as one line. */
export function formatLocatedEntry(
  e: LocatedRuntimeEntry | LocatedDesignEntry | LocatedVisibility,
): string {
  const where = formatLevel(e.at);
  if ('kind' in e) {
    const effect = e.allow ? 'Allow' : 'Deny';
    const resource = 'resource' in e ? ` · ${e.resource}` : '';
    return `${where} · ${e.kind}${resource} · ${effect} · ${formatPrincipal(e.principal)}`;
  }
  return `${where} · Visibility · ${formatVisibilityPrincipal(e)}`;
}

export function isDenyEntry(e: unknown): boolean {
  return (
    typeof e === 'object' && e !== null && 'allow' in e && (e as { allow: unknown }).allow === false
  );
}
