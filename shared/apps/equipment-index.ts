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
import { own } from '../model/own';
import { changedCandidates } from '../model/overlay';

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
  /** The `things` record this index was read from. */
  things: object;
  /** Principals with a `*` read/write entry in the context, by type and name: integer ids. */
  userIds: Map<string, number>;
  groupIds: Map<string, number>;
  /** Node-major: node i's (principal, flags) pairs are rowIds/rowFlags[rowStart[i] .. rowStart[i + 1]). */
  rowStart: Int32Array;
  rowIds: Int32Array;
  rowFlags: Uint8Array;
  /** Principal-major posting lists (nodes ascending): postNodes/postFlags[postStart[p] .. postStart[p + 1]). */
  postStart: Int32Array;
  postNodes: Int32Array;
  postFlags: Uint8Array;
  /** Flags of each principal on the Network Thing. */
  networkFlags: Uint8Array;
  /** Answers per class signature (principal ids joined by ','). */
  classes: Map<string, EquipmentClass>;
  /** Each user's principal ids and their signature, for one pair of users and groups records. */
  userSets?: { users: object; groups: object; byUser: Map<string, UserSet> };
  /** Group closures restricted to the principal table, per `groups` record. */
  closures: WeakMap<object, GroupClosures>;
  /**
   * For an index derived from a previous one: that index's class answers, and the principals whose
   * entries changed. A class without a changed principal has the same answer (ids are kept).
   */
  carried?: {
    classes: Map<string, EquipmentClass>;
    changed: Set<number>;
    /** Pre-order positions whose rows were read again (the others were copied): ascending. */
    nodes: Int32Array;
  };
};

/** A user's principal ids in an index (undefined: the admin class) and their sorted signature. */
type UserSet = { ids: Set<number> | undefined; signature: string };

type GroupClosures = Map<string, { ids: number[]; admin: boolean }>;

const ADMIN: EquipmentClass = {
  principals: new Int32Array(0),
  admin: true,
  onContext: 2,
  nodes: new Int32Array(0),
  codes: new Uint8Array(0),
};

type PerContext = { byThings: WeakMap<object, EquipmentIndex>; latest?: EquipmentIndex };
const indexes = new WeakMap<EquipmentContext, PerContext>();

type Ids = { users: Map<string, number>; groups: Map<string, number>; count: number };

/** Flags of the `*` PropertyRead/PropertyWrite entries of one Thing per principal id (new principals get ids). */
function flagsOf(thing: Thing | undefined, ids: Ids, outIds: number[], outFlags: number[]): void {
  outIds.length = 0;
  outFlags.length = 0;
  for (const e of thing?.permissions.runtime ?? []) {
    if (e.resource !== '*' || (e.kind !== 'PropertyRead' && e.kind !== 'PropertyWrite')) continue;
    const table = e.principal.type === 'user' ? ids.users : ids.groups;
    let id = table.get(e.principal.name);
    if (id === undefined) table.set(e.principal.name, (id = ids.count++));
    const flag =
      e.kind === 'PropertyRead'
        ? e.allow
          ? READ_ALLOW
          : READ_DENY
        : e.allow
          ? WRITE_ALLOW
          : WRITE_DENY;
    const at = outIds.indexOf(id);
    if (at >= 0) outFlags[at] = (outFlags[at] as number) | flag;
    else {
      outIds.push(id);
      outFlags.push(flag);
    }
  }
}

/** A growable pair of typed arrays. */
class Rows {
  ids: Int32Array;
  flags: Uint8Array;
  length = 0;
  constructor(capacity: number) {
    this.ids = new Int32Array(Math.max(1024, capacity));
    this.flags = new Uint8Array(this.ids.length);
  }
  /** Appends ids/flags[from .. to) of another index. */
  pushRange(ids: Int32Array, flags: Uint8Array, from: number, to: number): void {
    while (this.length + (to - from) > this.ids.length) this.grow();
    this.ids.set(ids.subarray(from, to), this.length);
    this.flags.set(flags.subarray(from, to), this.length);
    this.length += to - from;
  }
  private grow(): void {
    const ids = new Int32Array(this.ids.length * 2);
    ids.set(this.ids);
    this.ids = ids;
    const flags = new Uint8Array(this.flags.length * 2);
    flags.set(this.flags);
    this.flags = flags;
  }
  push(id: number, flag: number): void {
    if (this.length === this.ids.length) this.grow();
    this.ids[this.length] = id;
    this.flags[this.length++] = flag;
  }
}

/**
 * The index of one context of `model`, or undefined when the context does not exist. Cached per
 * (context, things record). When the same context was indexed for another `things` record (the model
 * before an edit; `from` when given, else the one indexed last), only the nodes whose Thing object
 * changed are read again: a grant on one node of 100,000 costs typed-array copies (and, for records
 * that share no base, an identity scan), not a re-read of every entry.
 */
export function equipmentIndex(
  model: Model,
  context: string,
  from?: EquipmentIndex,
): EquipmentIndex | undefined {
  const ctx = own(model.apps.contexts, context);
  if (!ctx) return undefined;
  let per = indexes.get(ctx);
  if (!per) indexes.set(ctx, (per = { byThings: new WeakMap() }));
  const hit = per.byThings.get(model.things);
  if (hit) {
    // The next model is most likely an edit of this one.
    per.latest = hit;
    return hit;
  }
  const index = buildIndex(model, ctx, from?.context === ctx ? from : per.latest);
  per.byThings.set(model.things, index);
  per.latest = index;
  return index;
}

/** A fresh index (no cache), e.g. to time the build. */
export function buildEquipmentIndex(model: Model, context: string): EquipmentIndex | undefined {
  const ctx = own(model.apps.contexts, context);
  return ctx ? buildIndex(model, ctx, undefined) : undefined;
}

function buildIndex(
  model: Model,
  ctx: EquipmentContext,
  previous: EquipmentIndex | undefined,
): EquipmentIndex {
  const structure = contextIndex(ctx);
  const n = structure.order.length;
  const prevThings = previous?.things as Record<string, Thing> | undefined;
  const ids: Ids = previous
    ? {
        users: new Map(previous.userIds),
        groups: new Map(previous.groupIds),
        count: previous.userIds.size + previous.groupIds.size,
      }
    : { users: new Map(), groups: new Map(), count: 0 };
  const rowStart = new Int32Array(n + 1);
  const rows = new Rows(previous ? previous.rowIds.length + 64 : 0);
  const sIds: number[] = [];
  const sFlags: number[] = [];
  const changed = new Set<number>();
  const reread: number[] = [];
  // Things that may differ from the previous index's record: with a shared base (a grant's overlay,
  // shared/model/overlay.ts) only the replaced keys, so unchanged nodes are not even looked up.
  const candidates = prevThings ? changedCandidates(prevThings, model.things) : undefined;
  let maybeChanged: Uint8Array | undefined;
  if (candidates) {
    maybeChanged = new Uint8Array(n);
    for (const k of candidates) {
      const at = structure.position.get(k);
      if (at !== undefined) maybeChanged[at] = 1;
    }
  }
  for (let i = 0; i < n; i++) {
    if (previous && maybeChanged && maybeChanged[i] === 0) {
      // Unchanged: copy the stretch of rows up to the next node that may have changed.
      let j = i;
      while (j + 1 < n && maybeChanged[j + 1] === 0) j++;
      rows.pushRange(
        previous.rowIds,
        previous.rowFlags,
        previous.rowStart[i] as number,
        previous.rowStart[j + 1] as number,
      );
      const shift = rows.length - (previous.rowStart[j + 1] as number);
      for (let k = i + 1; k <= j + 1; k++) rowStart[k] = (previous.rowStart[k] as number) + shift;
      i = j;
      continue;
    }
    const name = structure.order[i] as string;
    const thing = own(model.things, name);
    if (previous && prevThings) {
      if (own(prevThings, name) === thing) {
        // Unchanged Thing object: copy its row.
        const from = previous.rowStart[i] as number;
        const to = previous.rowStart[i + 1] as number;
        for (let k = from; k < to; k++)
          rows.push(previous.rowIds[k] as number, previous.rowFlags[k] as number);
        rowStart[i + 1] = rows.length;
        continue;
      }
      const to = previous.rowStart[i + 1] as number;
      for (let k = previous.rowStart[i] as number; k < to; k++)
        changed.add(previous.rowIds[k] as number);
      reread.push(i);
    }
    if (thing && thing.permissions.runtime.length > 0) {
      flagsOf(thing, ids, sIds, sFlags);
      for (let k = 0; k < sIds.length; k++) {
        rows.push(sIds[k] as number, sFlags[k] as number);
        changed.add(sIds[k] as number);
      }
    }
    rowStart[i + 1] = rows.length;
  }
  flagsOf(own(model.things, ctx.network), ids, sIds, sFlags);
  const count = ids.count;
  const networkFlags = new Uint8Array(count);
  for (let k = 0; k < sIds.length; k++) networkFlags[sIds[k] as number] = sFlags[k] as number;
  if (previous)
    for (let p = 0; p < count; p++)
      if ((previous.networkFlags[p] ?? 0) !== networkFlags[p]) changed.add(p);
  // Counting sort by principal over the node-major rows keeps each posting list in node order.
  const total = rows.length;
  const postStart = new Int32Array(count + 1);
  for (let k = 0; k < total; k++) {
    const p = rows.ids[k] as number;
    postStart[p + 1] = (postStart[p + 1] as number) + 1;
  }
  for (let p = 0; p < count; p++)
    postStart[p + 1] = (postStart[p + 1] as number) + (postStart[p] as number);
  const fill = postStart.slice(0, count);
  const postNodes = new Int32Array(total);
  const postFlags = new Uint8Array(total);
  for (let i = 0; i < n; i++) {
    const to = rowStart[i + 1] as number;
    for (let k = rowStart[i] as number; k < to; k++) {
      const p = rows.ids[k] as number;
      const at = fill[p] as number;
      fill[p] = at + 1;
      postNodes[at] = i;
      postFlags[at] = rows.flags[k] as number;
    }
  }
  return {
    context: ctx,
    structure,
    things: model.things,
    userIds: ids.users,
    groupIds: ids.groups,
    rowStart,
    rowIds: rows.ids.slice(0, total),
    rowFlags: rows.flags.slice(0, total),
    postStart,
    postNodes,
    postFlags,
    networkFlags,
    classes: new Map(),
    closures: new WeakMap(),
    carried: previous
      ? { classes: previous.classes, changed, nodes: Int32Array.from(reread) }
      : undefined,
  };
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
    const id = ix.groupIds.get(g);
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
  const carried = ix.carried?.classes.get(signature);
  if (carried && !principals.some(p => ix.carried?.changed.has(p))) {
    ix.classes.set(signature, carried);
    return carried;
  }
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
  const ids = userPrincipalIds(model, ix, user);
  return ids ? classOfIds(ix, ids) : ADMIN;
}

/** The principal ids of a user's set in `ix` (see `classOfUser`), or undefined for the admin class. */
function userPrincipalIds(model: Model, ix: EquipmentIndex, user: string): Set<number> | undefined {
  if (user === 'Administrator') return undefined;
  const ids = new Set<number>();
  const self = ix.userIds.get(user);
  if (self !== undefined) ids.add(self);
  for (const g of own(model.users, user)?.groups ?? []) {
    const c = closureOf(model, ix, g);
    if (c.admin) return undefined;
    for (const id of c.ids) ids.add(id);
  }
  const everyone = ix.groupIds.get('Users');
  if (everyone !== undefined) ids.add(everyone);
  return ids;
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
  return ix ? equipmentMatrixOf(model, ix, users) : undefined;
}

/** `equipmentMatrix` over a given index (the benchmark times it on a fresh one). */
export function equipmentMatrixOf(
  model: Model,
  ix: EquipmentIndex,
  users: string[] = Object.keys(model.users),
): EquipmentMatrix {
  const context = ix.context.name;
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
    const b = equipmentIndex(after, c, a);
    return {
      context: c,
      a,
      b,
      reread: a && b ? rereadSince(before, after, a, b) : undefined,
      pairs: new Map<string, { node: string; pa: number; pb: number }[]>(),
    };
  });
  const out: EquipmentPermissionChange[] = [];
  for (const user of users) {
    for (const s of sides) {
      const nodes = s.reread;
      if (nodes) {
        // The after index was derived from the before one: values can differ only on the nodes it
        // read again (a grant's few), so each pair of principal sets is compared on those alone.
        const a = s.a as EquipmentIndex;
        const b = s.b as EquipmentIndex;
        const ua = userSet(before, a, user);
        // Ids are only ever appended: with as many principals, the after sets are the before sets.
        const same = a.userIds.size === b.userIds.size && a.groupIds.size === b.groupIds.size;
        const ub = same ? ua : userSet(after, b, user);
        const ia = ua.ids;
        const ib = ub.ids;
        if (!ia || !ib) continue; // the admin class on both sides (same users and groups): Write
        const key = `${ua.signature}|${ub.signature}`;
        let diff = s.pairs.get(key);
        if (!diff) {
          diff = [];
          for (const node of nodes) {
            const pa = codeAt(a, node, ia);
            const pb = codeAt(b, node, ib);
            if (pa !== pb) diff.push({ node: a.structure.order[node] as string, pa, pb });
          }
          s.pairs.set(key, diff);
        }
        for (const d of diff)
          out.push({
            user,
            context: s.context,
            equipment: d.node,
            before: NAMES[d.pa] as EquipmentPermissionChange['before'],
            after: NAMES[d.pb] as EquipmentPermissionChange['after'],
          });
        continue;
      }
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

/** `userPrincipalIds` with its signature, kept on the index for its users and groups records. */
function userSet(model: Model, ix: EquipmentIndex, user: string): UserSet {
  let memo = ix.userSets;
  if (!memo || memo.users !== model.users || memo.groups !== model.groups)
    ix.userSets = memo = { users: model.users, groups: model.groups, byUser: new Map() };
  let set = memo.byUser.get(user);
  if (!set) {
    const ids = userPrincipalIds(model, ix, user);
    set = { ids, signature: ids ? Int32Array.from(ids).sort().join(',') : 'A' };
    memo.byUser.set(user, set);
  }
  return set;
}

/**
 * The positions `b` read again when it was derived from `a` (ascending), when that is all that can
 * differ for a user: same structure, same users and groups records. Else undefined.
 */
function rereadSince(
  before: Model,
  after: Model,
  a: EquipmentIndex,
  b: EquipmentIndex,
): Int32Array | undefined {
  if (before.users !== after.users || before.groups !== after.groups) return undefined;
  if (a.structure !== b.structure || b.carried?.classes !== a.classes) return undefined;
  return b.carried.nodes;
}

/** The code (0 None, 1 Read, 2 Write) of one node for a principal set, from the node's row (§7.18). */
function codeAt(ix: EquipmentIndex, node: number, ids: Set<number>): number {
  let flags = 0;
  const to = ix.rowStart[node + 1] as number;
  for (let k = ix.rowStart[node] as number; k < to; k++)
    if (ids.has(ix.rowIds[k] as number)) flags |= ix.rowFlags[k] as number;
  return CODE_OF_FLAGS[flags] as number;
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
