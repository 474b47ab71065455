/**
 * Words for permission entries, levels and principals, in the notation of the model file
 * (`group:DataAnalysts`, `unit:Plant:LineA`) and of the domain reference's worked examples (§10:
 * `entity(X) · ServiceInvoke · GetDataStream · Deny · group DataAnalysts`).
 *
 * @example
 * formatPrincipal({ type: 'group', name: 'DataAnalysts' }); // 'group:DataAnalysts'
 */
import type { PrincipalRef, VisibilityPrincipal } from '../../../shared/model/types';
import type { Level } from '../../../shared/model/decision';
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

function principalOf(e: Record<string, unknown>): PrincipalRef | null {
  const p = e.principal;
  if (typeof p !== 'object' || p === null || !('type' in p) || !('name' in p)) return null;
  const { type, name } = p;
  return (type === 'user' || type === 'group') && typeof name === 'string' ? { type, name } : null;
}

function visibilityOf(e: Record<string, unknown>): VisibilityPrincipal | null {
  const { type, org, unit } = e;
  if (typeof org !== 'string') return null;
  if (type === 'org') return { type, org };
  return type === 'unit' && typeof unit === 'string' ? { type, org, unit } : null;
}

/**
 * One located entry (run time, design time or visibility) as one line. Takes the located entries
 * of shared/model/decision.ts as they are (`LocatedRuntimeEntry`, `LocatedVisibility`, …).
 */
export function formatLocatedEntry(e: Record<string, unknown> & { at?: Level }): string {
  const where = e.at ? formatLevel(e.at) : '';
  const principal = 'kind' in e ? principalOf(e) : null;
  if (principal) {
    const effect = e.allow ? 'Allow' : 'Deny';
    const resource = typeof e.resource === 'string' ? ` · ${e.resource}` : '';
    return `${where} · ${String(e.kind)}${resource} · ${effect} · ${formatPrincipal(principal)}`;
  }
  const visibility = visibilityOf(e);
  if (visibility) return `${where} · Visibility · ${formatVisibilityPrincipal(visibility)}`;
  return where;
}

export function isDenyEntry(e: unknown): boolean {
  return (
    typeof e === 'object' && e !== null && 'allow' in e && (e as { allow: unknown }).allow === false
  );
}
