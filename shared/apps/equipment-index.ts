/**
 * Effective Read/Write/None on every equipment of a context for many users at once (performance.md §2.2,
 * O10; domain reference §7.18). The per-user walk read every node's entries with string keys; here:
 *
 * - per context, once per `things` record: every `*` PropertyRead/PropertyWrite entry on the equipment and
 *   on the Network becomes an integer principal id with a 4-bit flag set (read allow/deny, write
 *   allow/deny), kept as one posting list per principal (nodes in pre-order);
 * - per user: the principals of its set (itself, its groups transitively, `Users`) that occur in those
 *   postings, as a sorted id list: its *class*. Users with the same list share one answer;
 * - per class: the postings of its principals merged into the sparse list of nodes that are not None
 *   (a node without an entry of the set is None, §7.18: there is no inheritance down the structure,
 *   a propagation writes entries on every node).
 *
 * Models are immutable values: the index is cached per (context, things record), the group closures per
 * groups record, the class answers per index.
 *
 * @example
 * const ix = equipmentIndex(model, 'DefaultContext');
 * const c = ix && classOfUser(model, ix, 'u8');
 * c && c.codes[0]; // 1 = Read on node c.nodes[0]
 */
import type { EquipmentContext, Model, PrincipalRef, Thing } from '../model/types';
import type { ContextIndex } from './structure';
import { contextIndex } from './structure';
import { principalKey } from './principals';
import { own } from '../model/own';

const READ_ALLOW = 1;
const READ_DENY = 2;
const WRITE_ALLOW = 4;
const WRITE_DENY = 8;

/** §7.18 on a flag set: a read deny is None; Write needs write allowed, not denied, and read allowed. */
const CODE_OF_FLAGS = Uint8Array.from({ length: 16 }, (_, f) =>
  f & READ_DENY ? 0 : f & READ_ALLOW ? (f & WRITE_ALLOW && !(f & WRITE_DENY) ? 2 : 1) : 0,
);

/** The answer for one class: nodes (pre-order positions, ascending) that are Read (1) or Write (2). */
export type EquipmentClass = {
  /** Sorted principal ids of the class (the context's principal table). */
  principals: Int32Array;
  admin: boolean;
  /** 0 None, 1 Read, 2 Write on the context (its Network Thing). */
  onContext: number;
  nodes: Int32Array;
  codes: Uint8Array;
};

export type EquipmentIndex = {
  context: EquipmentContext;
  structure: ContextIndex;
  /** Principal keys (`user:u1`, `group:Maint`) that have a `*` read/write entry in the context. */
  principalIds: Map<string, number>;
  /** Posting list of principal p: postNodes/postFlags[postStart[p] .. postStart[p + 1]). */
  postStart: Int32Array;
  postNodes: Int32Array;
  postFlags: Uint8Array;
  /** Flags of each principal on the Network Thing. */
  networkFlags: Uint8Array;
  /** Answers per class signature (principal ids joined by ','). */
  classes: Map<string, EquipmentClass>;
  /** Group closures restricted to the principal table, per `groups` record. */
  closures: WeakMap<object, GroupClosures>;
};

type GroupClosures = Map<string, { ids: number[]; admin: boolean }>;

const ADMIN: EquipmentClass = {
  principals: new Int32Array(0),
  admin: true,
  onContext: 2,
  nodes: new Int32Array(0),
  codes: new Uint8Array(0),
};

const indexes = new WeakMap<EquipmentContext, WeakMap<object, EquipmentIndex>>();

/** Flags of the `*` PropertyRead/PropertyWrite entries of one Thing, per principal id (added to `ids`). */
function flagsOf(
  thing: Thing | undefined,
  ids: Map<string, number>,
  out: { id: number; flags: number }[],
): void {
  out.length = 0;
  for (const e of thing?.permissions.runtime ?? []) {
    if (e.resource !== '*' || (e.kind !== 'PropertyRead' && e.kind !== 'PropertyWrite')) continue;
    const key = principalKey(e.principal);
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    const flag =
      e.kind === 'PropertyRead'
        ? e.allow
          ? READ_ALLOW
          : READ_DENY
        : e.allow
          ? WRITE_ALLOW
          : WRITE_DENY;
    const at = out.findIndex(x => x.id === id);
    if (at >= 0) (out[at] as { flags: number }).flags |= flag;
    else out.push({ id, flags: flag });
  }
}

/** The index of one context of `model`, or undefined when the context does not exist. */
export function equipmentIndex(model: Model, context: string): EquipmentIndex | undefined {
  const ctx = own(model.apps.contexts, context);
  if (!ctx) return undefined;
  let byThings = indexes.get(ctx);
  if (!byThings) indexes.set(ctx, (byThings = new WeakMap()));
  const hit = byThings.get(model.things);
  if (hit) return hit;
  const structure = contextIndex(ctx);
  const n = structure.order.length;
  const ids = new Map<string, number>();
  const scratch: { id: number; flags: number }[] = [];
  // First pass: (node, principal, flags) triples in node order.
  const tNode: number[] = [];
  const tId: number[] = [];
  const tFlags: number[] = [];
  for (let i = 0; i < n; i++) {
    const thing = own(model.things, structure.order[i] as string);
    if (!thing || thing.permissions.runtime.length === 0) continue;
    flagsOf(thing, ids, scratch);
    for (const x of scratch) {
      tNode.push(i);
      tId.push(x.id);
      tFlags.push(x.flags);
    }
  }
  flagsOf(own(model.things, ctx.network), ids, scratch);
  const networkFlags = new Uint8Array(ids.size);
  for (const x of scratch) networkFlags[x.id] = x.flags;
  // Counting sort by principal keeps each posting list in node order.
  const postStart = new Int32Array(ids.size + 1);
  for (const id of tId) postStart[id + 1] = (postStart[id + 1] as number) + 1;
  for (let p = 0; p < ids.size; p++)
    postStart[p + 1] = (postStart[p + 1] as number) + (postStart[p] as number);
  const fill = postStart.slice(0, ids.size);
  const postNodes = new Int32Array(tId.length);
  const postFlags = new Uint8Array(tId.length);
  for (let k = 0; k < tId.length; k++) {
    const p = tId[k] as number;
    const at = fill[p] as number;
    fill[p] = at + 1;
    postNodes[at] = tNode[k] as number;
    postFlags[at] = tFlags[k] as number;
  }
  const index: EquipmentIndex = {
    context: ctx,
    structure,
    principalIds: ids,
    postStart,
    postNodes,
    postFlags,
    networkFlags,
    classes: new Map(),
    closures: new WeakMap(),
  };
  byThings.set(model.things, index);
  return index;
}

/**
 * Each group's closure over memberOf (itself included, as `groupsOfUser` walks it), restricted to the
 * principal table, and whether it reaches Administrators. Breadth-first per group with a seen set, so a
 * cyclic or undeclared group cannot loop.
 */
function closureOf(
  model: Model,
  ix: EquipmentIndex,
  group: string,
): { ids: number[]; admin: boolean } {
  let memo = ix.closures.get(model.groups);
  if (!memo) ix.closures.set(model.groups, (memo = new Map()));
  const hit = memo.get(group);
  if (hit) return hit;
  const seen = new Set<string>([group]);
  const queue = [group];
  const out: number[] = [];
  let admin = false;
  for (let i = 0; i < queue.length; i++) {
    const g = queue[i] as string;
    if (g === 'Administrators') admin = true;
    const id = ix.principalIds.get(principalKey({ type: 'group', name: g }));
    if (id !== undefined) out.push(id);
    for (const parent of own(model.groups, g)?.memberOf ?? [])
      if (!seen.has(parent)) {
        seen.add(parent);
        queue.push(parent);
      }
  }
  const value = { ids: out, admin };
  memo.set(group, value);
  return value;
}

/** The class of a principal set given as sorted-or-not ids; computed once per index and signature. */
function classOfIds(ix: EquipmentIndex, ids: Set<number>): EquipmentClass {
  const principals = Int32Array.from(ids).sort();
  const signature = principals.join(',');
  const hit = ix.classes.get(signature);
  if (hit) return hit;
  let ctxFlags = 0;
  for (const p of principals) ctxFlags |= ix.networkFlags[p] as number;
  let nodes: Int32Array;
  let codes: Uint8Array;
  if (principals.length === 1) {
    const p = principals[0] as number;
    const from = ix.postStart[p] as number;
    const to = ix.postStart[p + 1] as number;
    let count = 0;
    for (let k = from; k < to; k++) if (CODE_OF_FLAGS[ix.postFlags[k] as number]) count++;
    nodes = new Int32Array(count);
    codes = new Uint8Array(count);
    let j = 0;
    for (let k = from; k < to; k++) {
      const c = CODE_OF_FLAGS[ix.postFlags[k] as number] as number;
      if (c === 0) continue;
      nodes[j] = ix.postNodes[k] as number;
      codes[j++] = c;
    }
  } else {
    // Merge the postings: OR the flags per node, then read the code of each touched node.
    const acc = scratchFlags(ix.structure.order.length);
    const touched: number[] = [];
    for (const p of principals) {
      const to = ix.postStart[p + 1] as number;
      for (let k = ix.postStart[p] as number; k < to; k++) {
        const node = ix.postNodes[k] as number;
        if (acc[node] === 0) touched.push(node);
        acc[node] = (acc[node] as number) | (ix.postFlags[k] as number);
      }
    }
    const sorted = Int32Array.from(touched).sort();
    let count = 0;
    for (const node of sorted) if (CODE_OF_FLAGS[acc[node] as number]) count++;
    nodes = new Int32Array(count);
    codes = new Uint8Array(count);
    let j = 0;
    for (const node of sorted) {
      const c = CODE_OF_FLAGS[acc[node] as number] as number;
      acc[node] = 0;
      if (c === 0) continue;
      nodes[j] = node;
      codes[j++] = c;
    }
  }
  const cls: EquipmentClass = {
    principals,
    admin: false,
    onContext: CODE_OF_FLAGS[ctxFlags] as number,
    nodes,
    codes,
  };
  ix.classes.set(signature, cls);
  return cls;
}

let scratch = new Uint8Array(0);
/** A zeroed flag array of at least `n` entries, shared; every user leaves it zeroed. */
function scratchFlags(n: number): Uint8Array {
  if (scratch.length < n) scratch = new Uint8Array(n);
  return scratch;
}

/**
 * The class of a user: Administrators (and the Administrator user) are the admin class (Write
 * everywhere, as the scripts answer, §7.20); otherwise the principal ids of the user, its groups
 * (transitively) and `Users`, as `principalKeysOfUser` lists them.
 */
export function classOfUser(model: Model, ix: EquipmentIndex, user: string): EquipmentClass {
  const direct = own(model.users, user)?.groups ?? [];
  if (user === 'Administrator') return ADMIN;
  const ids = new Set<number>();
  const self = ix.principalIds.get(principalKey({ type: 'user', name: user }));
  if (self !== undefined) ids.add(self);
  for (const g of direct) {
    const c = closureOf(model, ix, g);
    if (c.admin) return ADMIN;
    for (const id of c.ids) ids.add(id);
  }
  const everyone = ix.principalIds.get('group:Users');
  if (everyone !== undefined) ids.add(everyone);
  return classOfIds(ix, ids);
}

/** The class of a principal: a user as above; a group with the groups it is a member of (no implicit Users). */
export function classOfPrincipal(
  model: Model,
  ix: EquipmentIndex,
  principal: PrincipalRef,
): EquipmentClass {
  if (principal.type === 'user') return classOfUser(model, ix, principal.name);
  if (principal.name === 'Administrators') return ADMIN;
  return classOfIds(ix, new Set(closureOf(model, ix, principal.name).ids));
}

/** Effective values of every user on every equipment of one context: users share class answers. */
export type EquipmentMatrix = {
  context: string;
  users: string[];
  /** Index into `classes` per user (same order as `users`). */
  classOf: Int32Array;
  classes: EquipmentClass[];
  /** Number of equipment nodes (columns). */
  nodes: number;
};

/**
 * Effective Read/Write/None of `users` (default: every user of the model) on every equipment of
 * `context`, or undefined when the context does not exist.
 *
 * @example
 * const m = equipmentMatrix(model, 'DefaultContext');
 * m && m.classes[m.classOf[0]!]!.codes; // Read/Write codes of the first user's non-None nodes
 */
export function equipmentMatrix(
  model: Model,
  context: string,
  users: string[] = Object.keys(model.users),
): EquipmentMatrix | undefined {
  const ix = equipmentIndex(model, context);
  if (!ix) return undefined;
  const classes: EquipmentClass[] = [];
  const slot = new Map<EquipmentClass, number>();
  const classOf = new Int32Array(users.length);
  for (let u = 0; u < users.length; u++) {
    const c = classOfUser(model, ix, users[u] as string);
    let at = slot.get(c);
    if (at === undefined) {
      slot.set(c, (at = classes.length));
      classes.push(c);
    }
    classOf[u] = at;
  }
  return { context, users, classOf, classes, nodes: ix.structure.order.length };
}

/** The dense code of every node (0 None, 1 Read, 2 Write) for one class. */
export function denseCodes(cls: EquipmentClass, n: number): Uint8Array {
  const out = new Uint8Array(n);
  if (cls.admin) return out.fill(2);
  for (let j = 0; j < cls.nodes.length; j++) out[cls.nodes[j] as number] = cls.codes[j] as number;
  return out;
}

/** One (user, context, equipment) whose effective value differs between two models. */
export type EquipmentPermissionChange = {
  user: string;
  context: string;
  equipment: string;
  before: 'None' | 'Read' | 'Write';
  after: 'None' | 'Read' | 'Write';
};

const NAMES = ['None', 'Read', 'Write'] as const;

/**
 * The effective values that differ between `before` and `after` for `users` (outer, in the given order)
 * and `contexts` (inner); equipment of one pair in the before structure's pre-order, then the nodes only
 * the after structure has. A pair of classes is compared once and shared by every user with that pair.
 *
 * @example
 * equipmentPermissionChanges(before, after, ['u1'], ['DefaultContext']); // [{ user: 'u1', equipment: 'Line1', before: 'None', after: 'Read', ... }]
 */
export function equipmentPermissionChanges(
  before: Model,
  after: Model,
  users: readonly string[],
  contexts: readonly string[],
): EquipmentPermissionChange[] {
  const sides = contexts.map(c => {
    const a = equipmentIndex(before, c);
    const b = equipmentIndex(after, c);
    return {
      context: c,
      a,
      b,
      pairs: new Map<string, { node: string; pa: number; pb: number }[]>(),
    };
  });
  const out: EquipmentPermissionChange[] = [];
  for (const user of users) {
    for (const s of sides) {
      const ca = s.a ? classOfUser(before, s.a, user) : undefined;
      const cb = s.b ? classOfUser(after, s.b, user) : undefined;
      const key = `${ca ? (ca.admin ? 'A' : ca.principals.join(',')) : '-'}|${cb ? (cb.admin ? 'A' : cb.principals.join(',')) : '-'}`;
      let diff = s.pairs.get(key);
      if (!diff) s.pairs.set(key, (diff = compareClasses(s.a, ca, s.b, cb)));
      for (const d of diff)
        out.push({
          user,
          context: s.context,
          equipment: d.node,
          before: NAMES[d.pa] as EquipmentPermissionChange['before'],
          after: NAMES[d.pb] as EquipmentPermissionChange['after'],
        });
    }
  }
  return out;
}

function compareClasses(
  a: EquipmentIndex | undefined,
  ca: EquipmentClass | undefined,
  b: EquipmentIndex | undefined,
  cb: EquipmentClass | undefined,
): { node: string; pa: number; pb: number }[] {
  const out: { node: string; pa: number; pb: number }[] = [];
  const orderA = a?.structure.order ?? [];
  const orderB = b?.structure.order ?? [];
  if (
    a &&
    b &&
    ca &&
    cb &&
    (a.structure === b.structure || orderA === orderB) &&
    !ca.admin &&
    !cb.admin
  ) {
    // Same structure: merge the two sparse lists (both ascending).
    let i = 0;
    let j = 0;
    while (i < ca.nodes.length || j < cb.nodes.length) {
      const na = i < ca.nodes.length ? (ca.nodes[i] as number) : Infinity;
      const nb = j < cb.nodes.length ? (cb.nodes[j] as number) : Infinity;
      const node = Math.min(na, nb);
      const pa = na === node ? (ca.codes[i++] as number) : 0;
      const pb = nb === node ? (cb.codes[j++] as number) : 0;
      if (pa !== pb) out.push({ node: orderA[node] as string, pa, pb });
    }
    return out;
  }
  const da = ca ? denseCodes(ca, orderA.length) : new Uint8Array(0);
  const db = cb ? denseCodes(cb, orderB.length) : new Uint8Array(0);
  const posB = b?.structure.position;
  for (let i = 0; i < orderA.length; i++) {
    const name = orderA[i] as string;
    const ib = posB?.get(name);
    const pa = da[i] as number;
    const pb = ib === undefined ? 0 : (db[ib] as number);
    if (pa !== pb) out.push({ node: name, pa, pb });
  }
  const posA = a?.structure.position;
  for (let i = 0; i < orderB.length; i++) {
    const name = orderB[i] as string;
    if (posA?.has(name)) continue;
    const pb = db[i] as number;
    if (pb !== 0) out.push({ node: name, pa: 0, pb });
  }
  return out;
}
