/**
 * Data for the equipment tree view (domain reference §7): per context and principal (user or group), the
 * visible rows of the equipment structure with the effective Read/Write/None read back from the stored
 * run-time entries exactly as the view services read them (§7.18), where it came from (the principal's
 * own entry, a group's entry, the administrator rule, or nothing), and which recorded grant or
 * propagation wrote it; plus a preview of a Grant/Propagate invocation (§7.5, §7.6, §7.17): which
 * nodes change for whom, computed by running the real service on a copy and diffing.
 *
 * Scale (performance.md §2.2, §4): the structure is the pre-order index of `contextIndex` (typed
 * arrays, node i's subtree is [i, i + size[i])). Collapsed subtrees are skipped by jumping over their
 * interval, so counting the visible rows is O(visible) integer work, and row objects are built only
 * for the requested window.
 *
 * @example
 * const v = equipmentTree(model, { context: 'DefaultContext', principal: { type: 'user', name: 'op1' }, expanded: 'all' });
 * v.rows.find(r => r.name === 'Filler1')?.permission;      // 'Read'
 * v.rows.find(r => r.name === 'Filler1')?.provenance.text; // 'via group Operators (op1 → Operators → …); written by grant #2 …'
 */
import type { Model, PrincipalRef, RuntimeEntry, Thing } from '../model/types';
import { GRANT_TABLE, storedPermission } from './entries';
import { rowsOf } from './infotable';
import type { AppsPermission } from './names';
import { CONTROLS_ENGINEER_GROUP, GRANT_SERVICES, PROPAGATE_SERVICES } from './names';
import {
  groupsOfUser,
  isAppsAdmin,
  principalExists,
  principalKey,
  principalKeysOf,
} from './principals';
import { invokeAppsService } from './services';
import { contextIndex } from './structure';
import { own as ownEntry } from '../model/own';
import { shown } from '../model/shown';

/** Largest window one call returns (the view asks for pages). */
export const TREE_WINDOW_MAX = 2000;

/** What one recorded grant (model.apps.grants[index]) was, for provenance. */
export type GrantOrigin = {
  /** Position in `apps.grants` (0-based), the order they were replayed in. */
  index: number;
  service: string;
  kind: 'grant' | 'propagation';
  permissionType: string;
  /** Propagations: the context and the start entity ('' = the whole context, §7.6). */
  context?: string;
  from?: string;
};

/** A principal whose stored entries decided the value on one node (§7.18). */
export type DecidingPrincipal = {
  principal: PrincipalRef;
  /** Membership path from the viewed principal to this one, e.g. ['op1', 'Operators']; [] for itself. */
  via: string[];
  /** What this principal alone has stored on the node (§7.19 pair), or 'partial' when not a full pair. */
  stored: AppsPermission | 'partial';
  /** The recorded grant that last wrote this principal's entries on the node, if one did and they still match. */
  origin?: GrantOrigin;
  /** The principal's `*` PropertyRead / PropertyWrite / ServiceInvoke entries on the node: what a grant writes (§7.14). */
  entries: RuntimeEntry[];
};

export type RowProvenance = {
  /**
   * admin: Administrator / Administrators (always Write, §7.3, §7.20); direct: the viewed principal's own
   * entry decided; group: an entry of one of its groups decided; none: no entry of the principal set.
   */
  source: 'admin' | 'direct' | 'group' | 'none';
  /** Principals whose entries made the value (e.g. the group whose PropertyRead deny gave None). */
  deciding: DecidingPrincipal[];
  /** Principals whose entries were overruled (e.g. a user's Write under a group's Read, §10.21). */
  overruled: DecidingPrincipal[];
  /** The §7.18 rule that applied, in the script's terms. */
  rule: string;
  /** One line for the view. */
  text: string;
};

export type TreeRow = {
  name: string;
  /** Site, Line, Asset or a further type (§7.2). */
  type: string;
  depth: number;
  parent: string | null;
  /** Pre-order position in the context (stable while the structure does not change). */
  index: number;
  hasChildren: boolean;
  childCount: number;
  /** Nodes in the subtree below this one. */
  descendants: number;
  expanded: boolean;
  permission: AppsPermission;
  read: boolean;
  write: boolean;
  /** Read on the context AND on the equipment (§7.3). */
  sees: boolean;
  provenance: RowProvenance;
};

export type TreeQuery = {
  context: string;
  principal: PrincipalRef;
  /** Names of expanded nodes, or 'all' (then `collapsed` may name exceptions). Roots are always shown. */
  expanded: string[] | 'all';
  collapsed?: string[];
  offset?: number;
  limit?: number;
};

export type TreeView = {
  context: string;
  displayName: string;
  network: string;
  principal: PrincipalRef;
  /** The principal's value on the context (its Network Thing, §7.14). */
  onContext: AppsPermission;
  onContextProvenance: RowProvenance;
  /** Equipment in the context. */
  total: number;
  /** Rows shown with the current expansion (the window is a slice of these). */
  visibleCount: number;
  offset: number;
  rows: TreeRow[];
  /** Things a person should know about this principal (e.g. the Controls Engineer difference). */
  notes: string[];
};

export type TreeError = { code: 'not-found' | 'invalid-argument'; message: string };
export type TreeResult<T> = { ok: true; value: T } | { ok: false; error: TreeError };

const fail = (code: TreeError['code'], message: string): { ok: false; error: TreeError } => ({
  ok: false,
  error: { code, message },
});

function principalLabel(p: PrincipalRef): string {
  return `${p.type} ${p.name}`;
}

/** Membership paths of the viewed principal's set: key -> path of names from the principal. */
function principalPaths(model: Model, p: PrincipalRef): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (p.type === 'user') {
    out.set(principalKey(p), []);
    for (const [g, path] of groupsOfUser(model, p.name))
      out.set(principalKey({ type: 'group', name: g }), path);
    return out;
  }
  // BFS up memberOf, keeping one shortest path per group (as principals.ts does for users).
  const queue: { name: string; path: string[] }[] = [{ name: p.name, path: [p.name] }];
  while (queue.length > 0) {
    const { name, path } = queue.shift() as { name: string; path: string[] };
    const key = principalKey({ type: 'group', name });
    if (out.has(key)) continue;
    out.set(key, name === p.name ? [] : path);
    for (const parent of ownEntry(model.groups, name)?.memberOf ?? [])
      queue.push({ name: parent, path: [...path, parent] });
  }
  return out;
}

function isAdminPrincipal(model: Model, p: PrincipalRef): boolean {
  return p.type === 'user' ? isAppsAdmin(model, p.name) : p.name === 'Administrators';
}

// ---------------------------------------------------------------------------------------------
// Provenance: which recorded grant wrote a (thing, principal) pair.

export type GrantScope = GrantOrigin & {
  principals: Set<string>;
  /** Things a Grant row names (Context rows resolved to the Network, §7.14). */
  things?: Set<string>;
  /** Propagations: pre-order interval(s) of the start in its context; undefined start = whole context. */
  covers?: (thing: string) => boolean;
};

const scopeCache = new WeakMap<Model, GrantScope[]>();

function principalsOfGrant(params: Record<string, unknown>, service: string): Set<string> {
  const keys = new Set<string>();
  const userRows = rowsOf(params.userNames);
  const groupRows = rowsOf(params.userGroupNames);
  if (service.startsWith('GrantUserGroup') || service.startsWith('PropagateUserGroup')) {
    for (const r of groupRows ?? [])
      if (typeof r.UserGroupName === 'string')
        keys.add(principalKey({ type: 'group', name: r.UserGroupName }));
  } else if (service.startsWith('GrantUser') || service.startsWith('PropagateUser')) {
    for (const r of userRows ?? [])
      if (typeof r.UserName === 'string')
        keys.add(principalKey({ type: 'user', name: r.UserName }));
  } else if (
    typeof params.principal === 'string' &&
    (params.principalType === 'User' || params.principalType === 'Group')
  ) {
    keys.add(
      principalKey({
        type: params.principalType === 'User' ? 'user' : 'group',
        name: params.principal,
      }),
    );
  }
  return keys;
}

/** The recorded grants, interpreted once per model (models are immutable). */
export function grantScopes(model: Model): GrantScope[] {
  const hit = scopeCache.get(model);
  if (hit) return hit;
  const scopes: GrantScope[] = [];
  model.apps.grants.forEach((g, index) => {
    const params = g.params ?? {};
    const permissionType = typeof params.permissionType === 'string' ? params.permissionType : '';
    const principals = principalsOfGrant(params, g.service);
    if ((GRANT_SERVICES as readonly string[]).includes(g.service)) {
      const things = new Set<string>();
      for (const row of rowsOf(params.entities) ?? []) {
        if (row.Type === 'Equipment' && typeof row.Name === 'string') things.add(row.Name);
        if (row.Type === 'Context' && typeof row.Name === 'string') {
          const ctx = ownEntry(model.apps.contexts, row.Name);
          if (ctx) things.add(ctx.network);
        }
      }
      scopes.push({ index, service: g.service, kind: 'grant', permissionType, principals, things });
    } else if ((PROPAGATE_SERVICES as readonly string[]).includes(g.service)) {
      const context = typeof params.contextName === 'string' ? params.contextName : '';
      const from = typeof params.entityName === 'string' ? params.entityName : '';
      const ctx = ownEntry(model.apps.contexts, context);
      let covers: (thing: string) => boolean = () => false;
      if (ctx) {
        const ix = contextIndex(ctx);
        const start = from === '' || from === ctx.network ? undefined : ix.position.get(from);
        if (from === '' || from === ctx.network) covers = thing => ix.position.has(thing);
        else if (start !== undefined) {
          const end = start + (ix.size[start] as number);
          covers = thing => {
            const at = ix.position.get(thing);
            return at !== undefined && at >= start && at < end;
          };
        }
      }
      scopes.push({
        index,
        service: g.service,
        kind: 'propagation',
        permissionType,
        principals,
        context,
        from,
        covers,
      });
    }
  });
  scopeCache.set(model, scopes);
  return scopes;
}

/** The last recorded grant that wrote `key`'s entries on `thing`, when it agrees with what is stored. */
function originOf(
  model: Model,
  thing: string,
  key: string,
  stored: AppsPermission | 'partial',
): GrantOrigin | undefined {
  const scopes = grantScopes(model);
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = scopes[i] as GrantScope;
    if (!s.principals.has(key)) continue;
    if (!(s.things ? s.things.has(thing) : (s.covers?.(thing) ?? false))) continue;
    // An entry edited by hand after the grant no longer matches it: then the grant is not the origin.
    if (s.permissionType !== stored) return undefined;
    const { index, service, kind, permissionType, context, from } = s;
    return context === undefined
      ? { index, service, kind, permissionType }
      : { index, service, kind, permissionType, context, from: from ?? '' };
  }
  return undefined;
}

function originText(o: GrantOrigin | undefined, on: 'node' | 'context'): string {
  if (!o) return 'entries not written by a recorded grant (edited directly)';
  if (o.kind === 'propagation') {
    return o.from
      ? `propagated from ${o.from} in ${o.context} (grant #${o.index + 1})`
      : `propagated to all equipment of ${o.context} (grant #${o.index + 1})`;
  }
  return `granted on this ${on} (grant #${o.index + 1})`;
}

// ---------------------------------------------------------------------------------------------
// One node's value with its provenance.

type PairState = { readAllow?: boolean; writeAllow?: boolean };

function pairOf(entries: RuntimeEntry[]): Map<string, PairState & { ref: PrincipalRef }> {
  const pairs = new Map<string, PairState & { ref: PrincipalRef }>();
  for (const e of entries) {
    const key = principalKey(e.principal);
    const pair = pairs.get(key) ?? { ref: e.principal };
    // Several entries of one kind: a deny wins, as when the platform reads the block.
    if (e.kind === 'PropertyRead') pair.readAllow = pair.readAllow === false ? false : e.allow;
    else pair.writeAllow = pair.writeAllow === false ? false : e.allow;
    pairs.set(key, pair);
  }
  return pairs;
}

function storedOf(p: PairState): AppsPermission | 'partial' {
  if (p.readAllow === undefined || p.writeAllow === undefined) return 'partial';
  if (p.readAllow && p.writeAllow) return 'Write';
  if (p.readAllow) return 'Read';
  if (!p.writeAllow) return 'None';
  return 'partial';
}

/** The §7.18 reading of one Thing for the viewed principal set, with who decided and who was overruled. */
export function nodeProvenance(
  model: Model,
  thing: Thing | undefined,
  paths: Map<string, string[]>,
  viewed: PrincipalRef,
  on: 'node' | 'context' = 'node',
): { permission: AppsPermission; read: boolean; write: boolean; provenance: RowProvenance } {
  const keys = new Set(paths.keys());
  const s = storedPermission(thing, keys);
  const pairs = pairOf(s.entries);
  const decide = (pred: (p: PairState) => boolean): string[] =>
    [...pairs].filter(([, p]) => pred(p)).map(([k]) => k);
  let deciding: string[];
  let overruled: string[];
  if (s.permission === 'None') {
    deciding = decide(p => p.readAllow === false);
    overruled = decide(p => p.readAllow === true);
  } else if (s.permission === 'Write') {
    deciding = decide(p => p.writeAllow === true);
    overruled = [];
  } else {
    deciding = decide(p => p.readAllow === true);
    // A PropertyWrite deny that cut someone's Write down to Read (§7.8 "Read on a group forces write = false").
    const cut = decide(p => p.writeAllow === false);
    const wanted = decide(p => p.writeAllow === true);
    overruled = cut.length > 0 ? wanted : [];
    if (overruled.length > 0)
      deciding = [...new Set([...cut, ...deciding.filter(k => !overruled.includes(k))])];
  }
  const describe = (key: string): DecidingPrincipal => {
    const pair = pairs.get(key) as PairState & { ref: PrincipalRef };
    const stored = storedOf(pair);
    // Exactly the pair a grant writes (§7.14), or the entries were edited since: then no grant is the origin.
    const own = s.entries.filter(e => principalKey(e.principal) === key);
    const canonical =
      stored !== 'partial' &&
      own.length === 2 &&
      own.every(e => e.allow === GRANT_TABLE[stored][e.kind as 'PropertyRead' | 'PropertyWrite']);
    const origin = thing && canonical ? originOf(model, thing.name, key, stored) : undefined;
    const entries = (thing?.permissions.runtime ?? []).filter(
      e =>
        e.resource === '*' &&
        principalKey(e.principal) === key &&
        (e.kind === 'PropertyRead' || e.kind === 'PropertyWrite' || e.kind === 'ServiceInvoke'),
    );
    return origin
      ? { principal: pair.ref, via: paths.get(key) ?? [], stored, origin, entries }
      : { principal: pair.ref, via: paths.get(key) ?? [], stored, entries };
  };
  const d = deciding.map(describe);
  const o = overruled.map(describe);
  const selfKey = principalKey(viewed);
  const source: RowProvenance['source'] =
    d.length === 0 ? 'none' : deciding.includes(selfKey) ? 'direct' : 'group';
  // Entries that decide nothing (a PropertyWrite allow without Read, §7.18): the rule says why.
  const text =
    d.length === 0 && s.entries.length > 0 ? s.rule : provenanceText(source, d, o, viewed, on);
  return {
    permission: s.permission,
    read: s.read,
    write: s.write,
    provenance: { source, deciding: d, overruled: o, rule: s.rule, text },
  };
}

function provenanceText(
  source: RowProvenance['source'],
  d: DecidingPrincipal[],
  o: DecidingPrincipal[],
  viewed: PrincipalRef,
  on: 'node' | 'context',
): string {
  if (source === 'none') return 'no entry for it or its groups (§7.18: None = no row)';
  const who = (x: DecidingPrincipal) =>
    principalKey(x.principal) === principalKey(viewed)
      ? `own ${x.stored === 'partial' ? '' : `${x.stored} `}entry`
      : `via group ${x.principal.name}${x.via.length > 1 ? ` (${x.via.join(' → ')})` : ''}`;
  const parts = d.map(x => `${who(x)}, ${originText(x.origin, on)}`);
  const beaten =
    o.length > 0
      ? `; overrules ${o.map(x => `${principalLabel(x.principal)}'s ${x.stored}`).join(', ')} (§7.8)`
      : '';
  return `${parts.join('; ')}${beaten}`;
}

function adminProvenance(p: PrincipalRef): RowProvenance {
  const text =
    p.type === 'user' && p.name !== 'Administrator'
      ? `${p.name} is a member of Administrators: always Write (§7.3, §7.20)`
      : `${principalLabel(p)}: administrators can always view and edit all contexts and equipment (§7.3, §7.20)`;
  return {
    source: 'admin',
    deciding: [],
    overruled: [],
    rule: 'administrator rule (§7.3, §7.20)',
    text,
  };
}

// ---------------------------------------------------------------------------------------------
// The tree.

/** Validates a principal against the model; a clear message names what is missing. */
export function checkTreePrincipal(model: Model, p: PrincipalRef): TreeError | undefined {
  if (p.type !== 'user' && p.type !== 'group')
    return {
      code: 'invalid-argument',
      message: `principal.type must be user or group (got ${shown(p.type)})`,
    };
  if (!principalExists(model, p))
    return { code: 'not-found', message: `No ${p.type} named '${p.name}' in the model.` };
  return undefined;
}

/**
 * The visible rows of one context for one principal, windowed. Roots are always visible; a node's
 * children are visible when it and all its ancestors are expanded.
 *
 * @example
 * equipmentTree(model, { context: 'DefaultContext', principal: { type: 'group', name: 'Operators' }, expanded: ['BerlinSite'] });
 * // rows: BerlinSite (expanded), PackLine, MixLine, Chiller
 */
export function equipmentTree(model: Model, q: TreeQuery): TreeResult<TreeView> {
  const ctx = ownEntry(model.apps.contexts, q.context);
  if (!ctx) {
    const known = Object.keys(model.apps.contexts);
    return fail(
      'not-found',
      `No context named '${q.context}' in the model (contexts: ${known.length ? known.join(', ') : 'none'}).`,
    );
  }
  const bad = checkTreePrincipal(model, q.principal);
  if (bad) return { ok: false, error: bad };
  const offset = Math.max(0, Math.floor(q.offset ?? 0));
  const limit = Math.min(TREE_WINDOW_MAX, Math.max(0, Math.floor(q.limit ?? 500)));
  const ix = contextIndex(ctx);
  const n = ix.order.length;
  const all = q.expanded === 'all';
  const named = new Set(all ? (q.collapsed ?? []) : q.expanded);
  const isOpen = (i: number) =>
    all ? !named.has(ix.order[i] as string) : named.has(ix.order[i] as string);

  // Visible positions: walk pre-order and jump over the interval of every collapsed node (§2.2).
  let visibleCount = 0;
  const window: number[] = [];
  const noneCollapsed = all && named.size === 0;
  if (noneCollapsed) {
    visibleCount = n;
    for (let i = offset; i < Math.min(n, offset + limit); i++) window.push(i);
  } else {
    for (let i = 0; i < n;) {
      if (visibleCount >= offset && window.length < limit) window.push(i);
      visibleCount++;
      i += isOpen(i) ? 1 : (ix.size[i] as number);
    }
  }

  const admin = isAdminPrincipal(model, q.principal);
  const paths = principalPaths(model, q.principal);
  const notes: string[] = [];
  let onContext: AppsPermission;
  let onContextProvenance: RowProvenance;
  if (admin) {
    onContext = 'Write';
    onContextProvenance = adminProvenance(q.principal);
  } else {
    const c = nodeProvenance(
      model,
      ownEntry(model.things, ctx.network),
      paths,
      q.principal,
      'context',
    );
    onContext = c.permission;
    onContextProvenance = c.provenance;
    if (paths.has(principalKey({ type: 'group', name: CONTROLS_ENGINEER_GROUP }))) {
      notes.push(
        `PTC's help says Controls Engineers can always view and edit all contexts and equipment (§7.3); the shipped scripts (§7.18, §7.20) and the platform REST answers follow the stored entries, and so does this view.`,
      );
    }
  }
  if (!admin && onContext === 'None') {
    notes.push(
      `${principalLabel(q.principal)} has no Read on context ${q.context} (Network ${ctx.network}): it sees none of this equipment in the Apps, whatever the equipment grants say (§7.3, §10.17).`,
    );
  }

  const rows: TreeRow[] = window.map(i => {
    const name = ix.order[i] as string;
    const node = ownEntry(ctx.equipment, name);
    const size = ix.size[i] as number;
    const childCount = node?.children.length ?? 0;
    const base = {
      name,
      type: node?.type ?? '',
      depth: ix.depth[i] as number,
      parent: node?.parent ?? null,
      index: i,
      hasChildren: size > 1,
      childCount,
      descendants: size - 1,
      expanded: size > 1 && isOpen(i),
    };
    if (admin)
      return {
        ...base,
        permission: 'Write',
        read: true,
        write: true,
        sees: true,
        provenance: adminProvenance(q.principal),
      };
    const v = nodeProvenance(model, ownEntry(model.things, name), paths, q.principal);
    return {
      ...base,
      permission: v.permission,
      read: v.read,
      write: v.write,
      sees: onContext !== 'None' && v.read,
      provenance: v.provenance,
    };
  });
  return {
    ok: true,
    value: {
      context: ctx.name,
      displayName: ctx.displayName,
      network: ctx.network,
      principal: q.principal,
      onContext,
      onContextProvenance,
      total: n,
      visibleCount,
      offset,
      rows,
      notes,
    },
  };
}

/** The contexts for the picker. */
export type ContextSummary = {
  name: string;
  displayName: string;
  description: string;
  enabled: boolean;
  network: string;
  equipmentCount: number;
  roots: string[];
};

/**
 * @example
 * equipmentContexts(model).map(c => c.name); // ['DefaultContext', 'QualityContext']
 */
export function equipmentContexts(model: Model): ContextSummary[] {
  return Object.values(model.apps.contexts).map(c => ({
    name: c.name,
    displayName: c.displayName,
    description: c.description,
    enabled: c.enabled,
    network: c.network,
    equipmentCount: Object.keys(c.equipment).length,
    roots: [...c.roots],
  }));
}

// ---------------------------------------------------------------------------------------------
// Preview and apply.

/** Services the view may preview and apply: the Grant and Propagate services (§7.5, §7.6). */
export const WRITING_SERVICES: readonly string[] = [...GRANT_SERVICES, ...PROPAGATE_SERVICES];

export type PermissionChange = {
  /** The Thing whose entries changed: equipment, or a context's Network (then `context` names it). */
  thing: string;
  /** Set when the Thing is a context's Network (a Grant with a Context row). */
  context?: string;
  principal: PrincipalRef;
  before: AppsPermission;
  after: AppsPermission;
};

export type PrincipalSummary = {
  principal: PrincipalRef;
  gains: string[];
  loses: string[];
};

export type PropagationPreview = {
  service: string;
  /** Things whose entries the service rewrote, in the order it wrote them. */
  written: string[];
  /** Equipment (and Networks) whose effective value changes for at least one principal. */
  changedNodes: string[];
  /** Per node and principal: before and after (§7.18); administrators are left out (always Write). */
  changes: PermissionChange[];
  /** Per principal who gains or loses something, the nodes. */
  byPrincipal: PrincipalSummary[];
  /** True when `changes` was cut at `maxChanges` (the summaries count what was listed). */
  truncated: boolean;
  /** Per-row messages of the service's JSON result and log lines (e.g. a propagation that stopped, §7.16, §7.17). */
  messages: string[];
};

export type PreviewOptions = { maxChanges?: number };

const RANK: Record<AppsPermission, number> = { None: 0, Read: 1, Write: 2 };

type ServiceOutcome =
  | {
      ok: true;
      model: Model;
      written: string[];
      writtenPrincipals: Map<string, PrincipalRef>;
      messages: string[];
    }
  | { ok: false; error: TreeError };

/** Runs a writing service as Administrator on (a copy-on-write of) the model. */
function runWritingService(model: Model, service: string, params: unknown): ServiceOutcome {
  if (!WRITING_SERVICES.includes(service)) {
    return fail(
      'invalid-argument',
      `service must be one of ${WRITING_SERVICES.join(', ')} (got ${shown(service)}); view services change nothing to preview.`,
    );
  }
  const r = invokeAppsService(model, 'Administrator', service, params);
  if (!r.ok) return fail('invalid-argument', `${service}: ${r.message}`);
  const messages = [...r.log];
  const result = r.result;
  if (
    result &&
    typeof result === 'object' &&
    Array.isArray((result as { message?: unknown }).message)
  ) {
    for (const m of (result as { message: { errorMessage?: unknown }[] }).message)
      if (typeof m.errorMessage === 'string') messages.push(m.errorMessage);
  }
  const written: string[] = [];
  const seen = new Set<string>();
  const writtenPrincipals = new Map<string, PrincipalRef>();
  for (const w of r.writes) {
    if (!seen.has(w.thing)) {
      seen.add(w.thing);
      written.push(w.thing);
    }
    writtenPrincipals.set(principalKey(w.principal), w.principal);
  }
  return { ok: true, model: r.model, written, writtenPrincipals, messages };
}

/**
 * What a Grant or Propagate invocation would change, for whom: the service runs on a copy of the model
 * (the real script logic, `invokeAppsService`), then every rewritten Thing is read back (§7.18) before
 * and after for the written principals and every user whose principal set contains one of them.
 *
 * @example
 * const p = previewPropagation(model, 'PropagateUserGroupPermissionsOnEntities', {
 *   contextName: 'DefaultContext', entityName: 'MixLine', permissionType: 'Read', userGroupNames: { rows: [{ UserGroupName: 'Operators' }] } });
 * if (p.ok) p.value.changedNodes; // ['MixLine', 'Mixer1']
 */
export function previewPropagation(
  model: Model,
  service: string,
  params: unknown,
  opts: PreviewOptions = {},
): TreeResult<PropagationPreview> {
  const run = runWritingService(model, service, params);
  if (!run.ok) return run;
  const max = opts.maxChanges ?? 10_000;
  const networkOf = new Map(Object.values(model.apps.contexts).map(c => [c.network, c.name]));

  // Who can be affected: the written principals themselves, plus every user (and group) whose principal
  // set contains one of them. Administrators are left out: their effective value is always Write.
  const affected: { ref: PrincipalRef; keys: Set<string> }[] = [];
  const writtenKeys = new Set(run.writtenPrincipals.keys());
  const touches = (keys: Set<string>) => [...writtenKeys].some(k => keys.has(k));
  for (const ref of run.writtenPrincipals.values()) {
    if (ref.type === 'group' && !isAdminPrincipal(model, ref))
      affected.push({ ref, keys: principalKeysOf(model, ref) });
  }
  for (const g of Object.keys(model.groups)) {
    const ref: PrincipalRef = { type: 'group', name: g };
    if (run.writtenPrincipals.has(principalKey(ref)) || isAdminPrincipal(model, ref)) continue;
    const keys = principalKeysOf(model, ref);
    if (touches(keys)) affected.push({ ref, keys });
  }
  for (const u of Object.keys(model.users)) {
    const ref: PrincipalRef = { type: 'user', name: u };
    if (isAppsAdmin(model, u)) continue;
    const keys = principalKeysOf(model, ref);
    if (touches(keys)) affected.push({ ref, keys });
  }

  const changes: PermissionChange[] = [];
  const changed = new Set<string>();
  const summaries = new Map<string, PrincipalSummary>();
  let truncated = false;
  outer: for (const thing of run.written) {
    const before = ownEntry(model.things, thing);
    const after = ownEntry(run.model.things, thing);
    for (const a of affected) {
      const b = storedPermission(before, a.keys).permission;
      const f = storedPermission(after, a.keys).permission;
      if (b === f) continue;
      if (changes.length >= max) {
        truncated = true;
        break outer;
      }
      const context = networkOf.get(thing);
      changes.push(
        context === undefined
          ? { thing, principal: a.ref, before: b, after: f }
          : { thing, context, principal: a.ref, before: b, after: f },
      );
      changed.add(thing);
      const key = principalKey(a.ref);
      const s = summaries.get(key) ?? { principal: a.ref, gains: [], loses: [] };
      (RANK[f] > RANK[b] ? s.gains : s.loses).push(thing);
      summaries.set(key, s);
    }
  }
  const byPrincipal = [...summaries.values()].sort((x, y) =>
    x.principal.type === y.principal.type
      ? x.principal.name.localeCompare(y.principal.name)
      : x.principal.type === 'group'
        ? -1
        : 1,
  );
  return {
    ok: true,
    value: {
      service,
      written: run.written,
      changedNodes: [...changed],
      changes,
      byPrincipal,
      truncated,
      messages: run.messages,
    },
  };
}

/**
 * Applies a Grant or Propagate invocation as a model edit: the entries are rewritten by the real service,
 * and the invocation is appended to `apps.grants`, so exporting and reloading the model replays it.
 * A call that leaves messages (a missing entity, an unknown type, a propagation that stopped) is refused:
 * the file loader would reject the same grant (shared/apps/materialize.ts), and half-done calls are
 * hard to undo by hand.
 *
 * @example
 * const r = applyAppsInvocation(model, 'GrantUserPermissionsOnEntities', { entities: { rows: [{ Name: 'Line1', Type: 'Equipment' }] }, permissionType: 'Read', userNames: { rows: [{ UserName: 'u1' }] } });
 * if (r.ok) r.value.apps.grants.at(-1)?.service; // 'GrantUserPermissionsOnEntities'
 */
export function applyAppsInvocation(
  model: Model,
  service: string,
  params: unknown,
): TreeResult<Model> {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    return fail(
      'invalid-argument',
      `params must be an object of service parameters (got ${shown(params)})`,
    );
  }
  const run = runWritingService(model, service, params);
  if (!run.ok) return run;
  if (run.messages.length > 0) {
    return fail('invalid-argument', `${service} was not applied: ${run.messages.join('; ')}`);
  }
  const next: Model = {
    ...run.model,
    apps: {
      ...run.model.apps,
      grants: [
        ...run.model.apps.grants,
        { service, params: structuredClone(params as Record<string, unknown>) },
      ],
    },
  };
  return { ok: true, value: next };
}
