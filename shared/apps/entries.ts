/**
 * Context-manager permissions ARE platform run-time entries (§7.14): this module writes a grant into the
 * `*` block of a Thing and reads a principal set's Read/Write/None back from it (§7.18, §7.19).
 *
 * @example
 * const w = writeGrant(model, 'Line1', { type: 'group', name: 'Maint' }, 'Read');
 * storedPermission(w.model.things['Line1'], principalKeysOfUser(w.model, 'u7')).permission; // 'Read'
 */
import type { Model, PrincipalRef, RuntimeEntry, RuntimeKind, Thing } from '../model/types';
import type { AppsPermission } from './names';
import { principalExists, principalKey } from './principals';
import { own } from '../model/own';

/** The §7.14 table: what each permission type stores. ServiceInvoke is always allowed. */
export const GRANT_TABLE: Record<
  AppsPermission,
  { PropertyRead: boolean; PropertyWrite: boolean; ServiceInvoke: boolean }
> = {
  Write: { PropertyRead: true, PropertyWrite: true, ServiceInvoke: true },
  Read: { PropertyRead: true, PropertyWrite: false, ServiceInvoke: true },
  None: { PropertyRead: false, PropertyWrite: false, ServiceInvoke: true },
};
const GRANT_KINDS: RuntimeKind[] = ['PropertyRead', 'PropertyWrite', 'ServiceInvoke'];

/** What one grant did to one Thing's `*` block. */
export type EntryWrite = {
  thing: string;
  principal: PrincipalRef;
  permissionType: AppsPermission;
  /** The three entries now stored for the principal. */
  written: RuntimeEntry[];
  /** Entries of the same principal and kind that the grant overwrote (the latest grant wins, §7.8). */
  replaced: RuntimeEntry[];
  /** Entries naming users or groups that no longer exist, dropped while rewriting the block (§7.14). */
  dropped: RuntimeEntry[];
};

/**
 * Rewrites the `*` run-time block of `thing` for `principal` (§7.14). Overwritten entries keep their
 * position in the block; new ones are appended. Never mutates `model`.
 */
export function writeGrant(
  model: Model,
  thing: string,
  principal: PrincipalRef,
  permissionType: AppsPermission,
): { model: Model; write: EntryWrite } {
  const current = own(model.things, thing);
  if (!current) throw new Error(`writeGrant: Thing ${thing} does not exist`);
  const { thing: thingOut, write } = rewriteThing(model, current, principal, permissionType);
  return { model: { ...model, things: { ...model.things, [thing]: thingOut } }, write };
}

/** The rewrite of one Thing's `*` block, without copying the model (callers batch many rewrites). */
export function rewriteThing(
  model: Model,
  current: Thing,
  principal: PrincipalRef,
  permissionType: AppsPermission,
): { thing: Thing; write: EntryWrite } {
  const thing = current.name;
  const row = GRANT_TABLE[permissionType];
  const key = principalKey(principal);
  const replaced: RuntimeEntry[] = [];
  const dropped: RuntimeEntry[] = [];
  const pending = new Map<RuntimeKind, RuntimeEntry>(
    GRANT_KINDS.map(kind => [
      kind,
      { kind, resource: '*', principal: { ...principal }, allow: row[kind as keyof typeof row] },
    ]),
  );
  const runtime: RuntimeEntry[] = [];
  for (const e of current.permissions.runtime) {
    if (e.resource !== '*') {
      runtime.push(e);
      continue;
    }
    if (!principalExists(model, e.principal)) {
      dropped.push(e);
      continue;
    }
    if (principalKey(e.principal) === key && pending.has(e.kind)) {
      replaced.push(e);
      runtime.push(pending.get(e.kind) as RuntimeEntry);
      pending.delete(e.kind);
      continue;
    }
    if (principalKey(e.principal) === key && GRANT_KINDS.includes(e.kind)) {
      // A second entry of the same principal and kind: the overwrite leaves one entry per kind.
      replaced.push(e);
      continue;
    }
    runtime.push(e);
  }
  runtime.push(...pending.values());
  const written = runtime.filter(
    e => e.resource === '*' && principalKey(e.principal) === key && GRANT_KINDS.includes(e.kind),
  );
  return {
    thing: { ...current, permissions: { ...current.permissions, runtime } },
    write: { thing, principal, permissionType, written, replaced, dropped },
  };
}

/** The §7.18 reading of one Thing for a principal set, with the entries that decided. */
export type StoredPermission = {
  permission: AppsPermission;
  read: boolean;
  write: boolean;
  /** `*` PropertyRead / PropertyWrite entries of the principal set on the Thing. */
  entries: RuntimeEntry[];
  /** Why, in the script's terms. */
  rule: string;
};

/**
 * §7.18: any deny for PropertyRead (PropertyWrite) makes read (write) false; Write needs a PropertyWrite
 * allow, no deny, and read allowed; otherwise Read needs a PropertyRead allow and no deny; otherwise None.
 */
export function storedPermission(thing: Thing | undefined, keys: Set<string>): StoredPermission {
  const entries: RuntimeEntry[] = [];
  let readAllow = false;
  let readDeny = false;
  let writeAllow = false;
  let writeDeny = false;
  for (const e of thing?.permissions.runtime ?? []) {
    if (e.resource !== '*' || (e.kind !== 'PropertyRead' && e.kind !== 'PropertyWrite')) continue;
    if (!keys.has(principalKey(e.principal))) continue;
    entries.push(e);
    if (e.kind === 'PropertyRead') {
      if (e.allow) readAllow = true;
      else readDeny = true;
    } else if (e.allow) writeAllow = true;
    else writeDeny = true;
  }
  if (readDeny)
    return {
      permission: 'None',
      read: false,
      write: false,
      entries,
      rule: 'a PropertyRead deny on * makes read false (and so write false); None is shown as no row (§7.18)',
    };
  if (writeAllow && !writeDeny && readAllow)
    return {
      permission: 'Write',
      read: true,
      write: true,
      entries,
      rule: 'PropertyRead and PropertyWrite allowed on *, no deny: Write (§7.18)',
    };
  if (readAllow) {
    const rule = writeDeny
      ? 'PropertyRead allowed, a PropertyWrite deny makes write false: Read (§7.18)'
      : 'PropertyRead allowed, no PropertyWrite allow: Read (§7.18)';
    return { permission: 'Read', read: true, write: false, entries, rule };
  }
  const rule =
    writeAllow && !writeDeny
      ? 'a PropertyWrite allow without a PropertyRead allow is "Write without Read": the script logs it as invalid and skips it, so None (§7.18)'
      : entries.length === 0
        ? 'no PropertyRead/PropertyWrite entry on * for the principal or its groups: None (§7.18, no row)'
        : 'no PropertyRead allow: None (§7.18, no row)';
  return { permission: 'None', read: false, write: false, entries, rule };
}

/** §7.19: the pair of one principal's `*` PropertyRead and PropertyWrite entries, or undefined when not listed. */
export function pairPermission(
  readAllow: boolean | undefined,
  writeAllow: boolean | undefined,
): AppsPermission | undefined {
  if (readAllow === undefined || writeAllow === undefined) return undefined;
  if (readAllow && writeAllow) return 'Write';
  if (readAllow && !writeAllow) return 'Read';
  if (!readAllow && !writeAllow) return 'None';
  return undefined;
}
