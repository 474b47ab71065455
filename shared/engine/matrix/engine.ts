/**
 * The bit-parallel access matrix (docs/benchmarks.md "Access matrix"; performance.md §2.1-2.4):
 * users x Things x the five run-time kinds, each cell the answer a Basic-auth call on every
 * characteristic (`*`) of the Thing gets (§9.1-9.6), without asking the decision once per cell.
 *
 * - **User classes.** Users whose transitive groups (§9.2, §2.11, the implicit `Users`) agree on the
 *   principals that run-time entries name share a class: one bit of a class mask. A user named by
 *   an entry is a class of their own.
 * - **Thing classes.** Things of one template that add no run-time entry, shape or named
 *   characteristic of their own share their template's class (its chain's instance levels, its
 *   shapes, the collection, §9.6 order as shared/engine/indexed/level-index.ts builds it); every
 *   other Thing is a class of its own, computed from its own level plus the template's cached part.
 * - **Answers.** Per (Thing class, kind) the answer for every user class at once: a level's entries
 *   become two class masks (has an entry, has a deny) and the levels fold most specific first
 *   (§9.6, §2.8; `global-deny`, §1.8: any deny wins). Named characteristics (§2.7, §2.9) fold the
 *   same way; where one answers otherwise than `*` the cell is an override.
 * - **Cells in O(1).** Per Thing class and kind the answer is a mask over user classes; per Thing
 *   visibility class (its templates' and the collection's grants, plus its own) a mask over user
 *   visibility classes (users with the same units, §4.4 direction applied once). A cell is the
 *   bypasses of the decision gate (shared/engine/gate.ts `bypassOf`: Administrators, then the owner,
 *   §9.3) before visibility (§9.5) and the check (§9.6), as `gate` orders them: two array reads and
 *   two bit tests. Building this is the whole cold cost: no bit row over the Things is made.
 * - **Rows** (`materialize` only). Things are laid out grouped by template, so a template class's
 *   answer is one range fill per user class; a Thing class of its own flips its bit where it
 *   differs. A user's row per kind is their class's row AND their visibility class's row. These
 *   class rows are built on the first `materialize` and kept for the next.
 *
 * The property test test/property/matrix-engine.test.ts holds every cell equal to the pipeline;
 * the benchmark (bench/matrix.ts) checks sampled cells at L against the fast path.
 *
 * @example
 * const engine = createMatrixEngine(model);
 * engine.code(engine.userIndex('bob')!, engine.thingIndex('Press1')!, 0); // '2' = 200 on PropertyRead
 */
import { DEFAULT_SEMANTICS, RUNTIME_KINDS } from '../../model/types';
import type {
  Characteristics,
  Model,
  RuntimeEntry,
  RuntimeKind,
  Semantics,
  VisibilityPrincipal,
} from '../../model/types';
import { own } from '../../model/own';
import { bypassOf } from '../gate';
import { principalIndexOf } from '../indexed';
import { createLevelIndex } from '../indexed/level-index';
import type { LevelData, TargetLevel } from '../indexed/level-index';
import { ADMIN_GROUP, IMPLICIT_GROUP } from '../indexed/principal-index';
import { characteristicsOf } from '../characteristics';
import { fillRange, forEachSetBit, orInto, setBit, testBit, testBitAt, wordsFor } from './bits';

/** One code character per cell, as shared/graph/matrix.ts documents them. */
export type CellCode = '2' | '3' | '4' | '1' | 'u';

/** Rows kept per user: one per run-time kind (the call succeeds), then visibility (or a bypass). */
export const ROWS_PER_USER = RUNTIME_KINDS.length + 1;
const VIS_ROW = RUNTIME_KINDS.length;
const KIND_COUNT = RUNTIME_KINDS.length;

/** The whole matrix as bits: user u's row r starts at word (u * ROWS_PER_USER + r) * wordsPerRow. */
export type FullMatrix = { words: Int32Array; wordsPerRow: number; users: number; things: number };

export type MatrixEngineStats = {
  users: number;
  things: number;
  userClasses: number;
  /** Templates with Things plus the Things that form a class of their own. */
  thingClasses: number;
  ownClassThings: number;
  /** Distinct sets of units among the users: one visibility row each. */
  visibilityClasses: number;
};

export type MatrixEngine = {
  /** Every user of the model, in the engine's order (row index). */
  readonly users: readonly string[];
  /** Every Thing of the model, in the engine's column order (grouped by template). */
  readonly things: readonly string[];
  readonly stats: MatrixEngineStats;
  userIndex(name: string): number | undefined;
  thingIndex(name: string): number | undefined;
  /** The cell's code; `kind` indexes RUNTIME_KINDS. */
  code(user: number, thing: number, kind: number): CellCode;
  /**
   * True when a property, service or event of the Thing that an entry names answers otherwise than
   * `*` for this user (§2.7, §2.9): only where the gate let the check decide.
   */
  override(user: number, thing: number, kind: number): boolean;
  /**
   * A window, row-major (user, Thing, kind): one code per cell, and the indices of the override
   * cells, ascending. An index of -1 is a user (answered '1') or Thing ('4') the model lacks.
   */
  window(
    users: readonly number[],
    things: readonly number[],
    kinds: readonly number[],
  ): { cells: string; overrides: number[] };
  /** Every user's rows in one buffer (the full matrix); pass the previous one to reuse it. */
  materialize(into?: FullMatrix): FullMatrix;
};

type Masks = { has: Int32Array; deny: Int32Array };
/** One level's entries of one kind as user-class masks: `*` and each named characteristic. */
type KindLevel = { star: Masks | undefined; specific: Map<string, Masks> | undefined };
/**
 * A folded run of levels for one (kind, resource), over user classes: `allow` = decided allowed
 * under `level` precedence, `has` = some level had an entry, `deny` = some level had a deny.
 */
type Fold = Int32Array;

const enabledLevel = (tl: TargetLevel, sem: Semantics): boolean =>
  tl.tag === 'base-instance'
    ? sem.baseTemplateInstance
    : tl.tag === 'shape'
      ? sem.shapeInstance === 'after-templates'
      : true;

const NO_NAMES: readonly string[] = [];

/** True when any name of `list` is in `set` (no spread, no closure: it runs once per Thing). */
function anyIn(list: readonly string[], set: ReadonlySet<string>): boolean {
  for (let i = 0; i < list.length; i++) if (set.has(list[i] as string)) return true;
  return false;
}

function namesOfKind(chars: Characteristics, kind: RuntimeKind): readonly string[] {
  if (kind === 'PropertyRead' || kind === 'PropertyWrite') return chars.properties;
  if (kind === 'ServiceInvoke') return chars.services;
  return chars.events;
}

/** Builds the engine for one model (immutable: cache it per model object, see ./index.ts). */
export function createMatrixEngine(model: Model): MatrixEngine {
  const steps = matrixEngineSteps(model);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * The build as steps: it pauses (yields) between slices of a few milliseconds of work (per 512
 * users, per template, between phases), so a caller can build it in slices and keep answering
 * other requests meanwhile (./index.ts `matrixEngineInSlices`). The last step returns the engine.
 */
export function* matrixEngineSteps(model: Model): Generator<void, MatrixEngine, void> {
  const sem: Semantics = { ...DEFAULT_SEMANTICS, ...model.semantics };
  const levelMode = sem.precedence === 'level';
  const principals = principalIndexOf(model);
  const orgs = principals.orgs;
  const levels = createLevelIndex(model, principals);
  yield;

  // ---- groups: transitive closure rows over group indices (§9.2, §2.11) ------------------------
  const gIndex = new Map<string, number>();
  const gNames: string[] = [];
  const gid = (name: string): number => {
    let i = gIndex.get(name);
    if (i === undefined) {
      i = gNames.length;
      gIndex.set(name, i);
      gNames.push(name);
    }
    return i;
  };
  for (const name of Object.keys(model.groups)) gid(name);
  const userNames = Object.keys(model.users);
  for (const name of userNames) for (const g of own(model.users, name)?.groups ?? []) gid(g);
  gid(IMPLICIT_GROUP);
  const parents: number[][] = [];
  // Names only referenced (not modelled groups) still count as groups with no parents, as the
  // principal index's closure counts them.
  for (let i = 0; i < gNames.length; i++)
    parents.push((own(model.groups, gNames[i] as string)?.memberOf ?? []).map(gid));
  const G = gNames.length;
  const GW = wordsFor(G);
  const closure = new Int32Array(G * GW);
  const stack: number[] = [];
  for (let g = 0; g < G; g++) {
    const base = g * GW;
    closure[base + (g >>> 5)] = 1 << (g & 31);
    stack.push(g);
    while (stack.length > 0) {
      for (const p of parents[stack.pop() as number] as number[]) {
        if (testBitAt(closure, base, p)) continue;
        closure[base + (p >>> 5)] = (closure[base + (p >>> 5)] as number) | (1 << (p & 31));
        stack.push(p);
      }
    }
  }
  const adminGid = gIndex.get(ADMIN_GROUP);
  const usersGid = gid(IMPLICIT_GROUP);

  // ---- principals that run-time entries on Things' levels name ----------------------------------
  const namedGroups = new Int32Array(GW);
  const namedUsers = new Set<string>();
  const noteNamed = (entries: readonly { principal: { type: string; name: string } }[]): void => {
    for (const e of entries) {
      if (e.principal.type === 'user') namedUsers.add(e.principal.name);
      else {
        const i = gIndex.get(e.principal.name);
        if (i !== undefined) setBit(namedGroups, i);
      }
    }
  };
  let scanned = 0;
  for (const t of Object.values(model.things)) {
    noteNamed(t.permissions.runtime);
    if ((++scanned & 8191) === 0) yield;
  }
  for (const t of Object.values(model.templates)) noteNamed(t.instance.runtime);
  for (const s of Object.values(model.shapes)) noteNamed(s.instance.runtime);
  noteNamed(own(model.collections, 'Things')?.runtime ?? []);

  // ---- organizational units per principal (§4.1, §4.7) ----------------------------------------
  const unitsByUser = new Map<string, number[]>();
  const unitsByGroup = new Map<number, number[]>();
  for (const unitId of orgs.unitOrder) {
    for (const m of orgs.unit(unitId).members) {
      let list: number[] | undefined;
      if (m.type === 'user') {
        list = unitsByUser.get(m.name);
        if (!list) unitsByUser.set(m.name, (list = []));
      } else {
        const g = gIndex.get(m.name);
        if (g === undefined) continue;
        list = unitsByGroup.get(g);
        if (!list) unitsByGroup.set(g, (list = []));
      }
      if (!list.includes(unitId)) list.push(unitId);
    }
  }
  const groupsWithUnits = new Int32Array(GW);
  for (const g of unitsByGroup.keys()) setBit(groupsWithUnits, g);

  // ---- users: classes, flags, units --------------------------------------------------------------
  const U = userNames.length;
  const userIdx = new Map<string, number>();
  const classOf = new Int32Array(U);
  const loggedIn = new Uint8Array(U);
  const admin = new Uint8Array(U);
  // Visibility classes: users with the same units (so the same organizations) see the same Things
  // (§9.5); their visibility row is built once per class.
  const visOf = new Int32Array(U);
  const visKeys = new Map<string, number>();
  const visClassUnits: number[][] = [];
  const unitList: number[] = [];
  const classKeys = new Map<string, number>();
  const classClosures: Int32Array[] = [];
  const classUser: (string | undefined)[] = [];
  const scratch = new Int32Array(GW);
  for (let u = 0; u < U; u++) {
    const name = userNames[u] as string;
    userIdx.set(name, u);
    const user = own(model.users, name);
    loggedIn[u] = user !== undefined && user.enabled && !user.locked ? 1 : 0;
    scratch.fill(0);
    for (const g of user?.groups ?? [])
      orInto(
        scratch,
        closure.subarray((gIndex.get(g) as number) * GW, (gIndex.get(g) as number) * GW + GW),
      );
    orInto(scratch, closure.subarray(usersGid * GW, usersGid * GW + GW));
    const isAdmin = adminGid !== undefined && testBit(scratch, adminGid);
    admin[u] = bypassOf(sem, name, isAdmin, undefined) === 'admin' ? 1 : 0;
    // Units: direct, then through any transitive group (§4.7).
    unitList.length = 0;
    for (const unit of unitsByUser.get(name) ?? []) unitList.push(unit);
    for (let w = 0; w < GW; w++) {
      let word = (scratch[w] as number) & (groupsWithUnits[w] as number);
      while (word !== 0) {
        const low = word & -word;
        for (const unit of unitsByGroup.get((w << 5) + (31 - Math.clz32(low))) ?? [])
          unitList.push(unit);
        word ^= low;
      }
    }
    unitList.sort((a, b) => a - b);
    const visKey = unitList.join(',');
    let vis = visKeys.get(visKey);
    if (vis === undefined) {
      vis = visClassUnits.length;
      visKeys.set(visKey, vis);
      visClassUnits.push([...new Set(unitList)]);
    }
    visOf[u] = vis;
    // The class: the named groups among the user's closure, and the user when named.
    let key = namedUsers.has(name) ? `u${name}\u0000` : '';
    for (let w = 0; w < GW; w++) {
      const v = ((scratch[w] as number) & (namedGroups[w] as number)) >>> 0;
      if (v !== 0) key += `${w}:${v},`;
    }
    let cls = classKeys.get(key);
    if (cls === undefined) {
      cls = classClosures.length;
      classKeys.set(key, cls);
      const masked = new Int32Array(GW);
      for (let w = 0; w < GW; w++) masked[w] = (scratch[w] as number) & (namedGroups[w] as number);
      classClosures.push(masked);
      classUser.push(namedUsers.has(name) ? name : undefined);
    }
    classOf[u] = cls;
    if ((u & 511) === 511) yield;
  }
  const P = classClosures.length;
  const PW = wordsFor(P);

  // Principal id (the level index's) -> the classes holding that principal.
  const pidMask = new Map<number, Int32Array>();
  const maskFor = (pid: number): Int32Array => {
    let m = pidMask.get(pid);
    if (!m) pidMask.set(pid, (m = new Int32Array(PW)));
    return m;
  };
  for (let p = 0; p < P; p++) {
    forEachSetBit(classClosures[p] as Int32Array, g =>
      setBit(maskFor(principals.groupId(gNames[g] as string)), p),
    );
    const named = classUser[p];
    if (named !== undefined) setBit(maskFor(principals.userId(named)), p);
  }

  // ---- levels as class masks ----------------------------------------------------------------------
  const kindLevels = new Map<LevelData, (KindLevel | undefined)[]>();
  function kindLevelsOf(data: LevelData): (KindLevel | undefined)[] {
    let cached = kindLevels.get(data);
    if (cached) return cached;
    cached = [];
    for (let k = 0; k < KIND_COUNT; k++) {
      const byResource = data.runtimeBuckets.get(RUNTIME_KINDS[k] as string);
      if (!byResource) continue;
      const kl: KindLevel = { star: undefined, specific: undefined };
      for (const [resource, bucket] of byResource) {
        const masks: Masks = { has: new Int32Array(PW), deny: new Int32Array(PW) };
        for (const [pid, positions] of bucket) {
          const m = pidMask.get(pid);
          if (!m) continue;
          orInto(masks.has, m);
          if (positions.some(pos => data.runtime[pos]?.allow === false)) orInto(masks.deny, m);
        }
        if (resource === '*') kl.star = masks;
        else (kl.specific ??= new Map()).set(resource, masks);
      }
      cached[k] = kl;
    }
    kindLevels.set(data, cached);
    return cached;
  }

  /**
   * A Thing's own level (level-index.ts `thingLevels`: the Thing's own permission set) as class
   * masks, straight from its entries: built once per Thing, so no bucket map is needed.
   */
  function ownKindLevels(entries: readonly RuntimeEntry[]): (KindLevel | undefined)[] | undefined {
    if (entries.length === 0) return undefined;
    const out: (KindLevel | undefined)[] = [];
    for (const e of entries) {
      const m =
        e.principal.type === 'user'
          ? pidMask.get(principals.userId(e.principal.name))
          : pidMask.get(principals.groupId(e.principal.name));
      const k = RUNTIME_KINDS.indexOf(e.kind);
      if (k < 0) continue;
      const kl = (out[k] ??= { star: undefined, specific: undefined });
      let masks: Masks | undefined;
      if (e.resource === '*')
        masks = kl.star ??= { has: new Int32Array(PW), deny: new Int32Array(PW) };
      else {
        const byName = (kl.specific ??= new Map());
        masks = byName.get(e.resource);
        if (!masks)
          byName.set(e.resource, (masks = { has: new Int32Array(PW), deny: new Int32Array(PW) }));
      }
      if (!m) continue;
      orInto(masks.has, m);
      if (!e.allow) orInto(masks.deny, m);
    }
    return out;
  }

  /** Folds one less specific level into `f` (§9.6: a level decides only where no earlier one had an entry). */
  function foldLevel(f: Fold, kl: KindLevel | undefined, resource: string | undefined): void {
    if (!kl) return;
    const spec = resource === undefined ? undefined : kl.specific?.get(resource);
    const star = kl.star;
    if (!spec && !star) return;
    for (let w = 0; w < PW; w++) {
      const sh = spec ? (spec.has[w] as number) : 0;
      const sd = spec ? (spec.deny[w] as number) : 0;
      const th = star ? (star.has[w] as number) : 0;
      const td = star ? (star.deny[w] as number) : 0;
      const has = sh | th;
      // Inside a level the named characteristic's block before `*` (§2.9); a deny in the deciding block wins (§2.8).
      const allow = has & ~(sd | (td & ~sh));
      const prior = f[PW + w] as number;
      f[w] = (f[w] as number) | (allow & ~prior);
      f[PW + w] = prior | has;
      f[2 * PW + w] = (f[2 * PW + w] as number) | sd | td;
    }
  }

  function foldInto(f: Fold, rest: Fold): void {
    for (let w = 0; w < PW; w++) {
      const prior = f[PW + w] as number;
      f[w] = (f[w] as number) | ((rest[w] as number) & ~prior);
      f[PW + w] = prior | (rest[PW + w] as number);
      f[2 * PW + w] = (f[2 * PW + w] as number) | (rest[2 * PW + w] as number);
    }
  }

  /** The fold's verdict per class into `out` at word `at`: §9.6 under `level`, any deny wins under `global-deny`. */
  function answerInto(f: Fold, out: Int32Array, at: number): void {
    for (let w = 0; w < PW; w++)
      out[at + w] = levelMode
        ? (f[w] as number)
        : (f[PW + w] as number) & ~(f[2 * PW + w] as number);
  }

  const collection = levels.collectionLevel('Things').map(tl => kindLevelsOf(tl.data));
  const collectionNames = namesIn(collection);

  /** Per kind, the characteristic names that entries of these levels name. */
  function namesIn(list: (KindLevel | undefined)[][]): Set<string>[] {
    const out = RUNTIME_KINDS.map(() => new Set<string>());
    for (const byKind of list)
      for (let k = 0; k < KIND_COUNT; k++)
        for (const r of byKind[k]?.specific?.keys() ?? []) out[k]?.add(r);
    return out;
  }

  type Prefix = {
    levels: (KindLevel | undefined)[][];
    names: Set<string>[];
    folds: Map<string, Fold>[];
    shapeNames: string[];
  };
  const prefixes = new Map<string, Prefix>();
  /** A template's instance levels (nearest first) and its chain's shapes, as the options enable them. */
  function prefixOf(template: string): Prefix {
    let hit = prefixes.get(template);
    if (hit) return hit;
    const inherited = levels.inherited(template);
    const list = [...inherited.instances, ...inherited.shapes]
      .filter(tl => enabledLevel(tl, sem))
      .map(tl => kindLevelsOf(tl.data));
    hit = {
      levels: list,
      names: namesIn(list),
      folds: RUNTIME_KINDS.map(() => new Map()),
      shapeNames: inherited.shapeNames,
    };
    prefixes.set(template, hit);
    return hit;
  }
  function prefixFold(prefix: Prefix, k: number, resource: string | undefined): Fold {
    const key = resource ?? '';
    const cache = prefix.folds[k] as Map<string, Fold>;
    let f = cache.get(key);
    if (!f) {
      f = new Int32Array(3 * PW);
      for (const kl of prefix.levels) foldLevel(f, kl[k], resource);
      cache.set(key, f);
    }
    return f;
  }

  /** Override masks of one Thing class per kind (undefined: no override for anyone). */
  type Overrides = (Int32Array | undefined)[] | undefined;
  const foldScratch = new Int32Array(3 * PW);
  const nameScratch = new Int32Array(PW);
  /**
   * One Thing class: its answer per kind into `allow` (kind k at word k * PW), and its override
   * masks. Levels: its own, the template's (cached), shapes its chain lacks, the collection (§9.6).
   */
  function classAnswers(
    ownLevel: (KindLevel | undefined)[] | undefined,
    prefix: Prefix,
    extra: (KindLevel | undefined)[][],
    chars: () => Characteristics,
    allow: Int32Array,
    perName?: Map<string, Int32Array>[],
  ): Overrides {
    let over: Overrides;
    const extraNames =
      ownLevel || extra.length > 0 ? namesIn(ownLevel ? [ownLevel, ...extra] : extra) : undefined;
    for (let k = 0; k < KIND_COUNT; k++) {
      const foldFor = (resource: string | undefined, out: Int32Array, at: number): void => {
        const f = foldScratch;
        f.fill(0);
        if (ownLevel) foldLevel(f, ownLevel[k], resource);
        foldInto(f, prefixFold(prefix, k, resource));
        for (const kl of extra) foldLevel(f, kl[k], resource);
        for (const kl of collection) foldLevel(f, kl[k], resource);
        answerInto(f, out, at);
      };
      const at = k * PW;
      foldFor(undefined, allow, at);
      const pn = prefix.names[k] as Set<string>;
      const en = extraNames?.[k];
      const cn = collectionNames[k] as Set<string>;
      if (pn.size + (en?.size ?? 0) + cn.size === 0) continue;
      for (const name of namesOfKind(chars(), RUNTIME_KINDS[k] as RuntimeKind)) {
        if (!pn.has(name) && en?.has(name) !== true && !cn.has(name)) continue;
        foldFor(name, nameScratch, 0);
        if (perName) {
          const d = new Int32Array(PW);
          for (let w = 0; w < PW; w++)
            d[w] = (nameScratch[w] as number) ^ (allow[at + w] as number);
          perName[k]?.set(name, d);
        }
        for (let w = 0; w < PW; w++) {
          const d = (nameScratch[w] as number) ^ (allow[at + w] as number);
          if (d === 0) continue;
          const mask = ((over ??= [])[k] ??= new Int32Array(PW));
          mask[w] = (mask[w] as number) | d;
        }
      }
    }
    return over;
  }

  /**
   * A Thing with run-time entries of its own on top of its template's levels (no other difference),
   * under `level` precedence: where the own level has an entry for a class it decides (§9.6),
   * elsewhere the template's answer stands, so `*` is one mask operation and a named
   * characteristic needs a fold only when the own level names it too.
   */
  function ownOverTemplate(
    ownLevel: (KindLevel | undefined)[],
    prefix: Prefix,
    baseAllow: Int32Array,
    baseNames: Map<string, Int32Array>[],
    hasChar: (k: number, name: string) => boolean,
    allow: Int32Array,
  ): Overrides {
    let over: Overrides;
    for (let k = 0; k < KIND_COUNT; k++) {
      const at = k * PW;
      const kl = ownLevel[k];
      const star = kl?.star;
      for (let w = 0; w < PW; w++) {
        const has = star ? (star.has[w] as number) : 0;
        const ownAllow = star ? has & ~(star.deny[w] as number) : 0;
        allow[at + w] = ownAllow | ((baseAllow[at + w] as number) & ~has);
      }
      const orInto = (d: number, w: number): void => {
        if (d === 0) return;
        const mask = ((over ??= [])[k] ??= new Int32Array(PW));
        mask[w] = (mask[w] as number) | d;
      };
      for (const [name, diff] of baseNames[k] as Map<string, Int32Array>) {
        if (kl?.specific?.has(name) === true) continue;
        for (let w = 0; w < PW; w++)
          orInto((diff[w] as number) & ~(star ? (star.has[w] as number) : 0), w);
      }
      for (const name of kl?.specific?.keys() ?? []) {
        if (!hasChar(k, name)) continue;
        const f = foldScratch;
        f.fill(0);
        foldLevel(f, kl, name);
        foldInto(f, prefixFold(prefix, k, name));
        for (const c of collection) foldLevel(f, c[k], name);
        answerInto(f, nameScratch, 0);
        for (let w = 0; w < PW; w++)
          orInto((nameScratch[w] as number) ^ (allow[at + w] as number), w);
      }
    }
    return over;
  }

  // ---- Things: column order grouped by template, classes, visibility grants ---------------------
  const byTemplate = new Map<string, string[]>();
  for (const name of Object.keys(model.things).sort()) {
    const t = own(model.things, name);
    if (!t) continue;
    let list = byTemplate.get(t.template);
    if (!list) byTemplate.set(t.template, (list = []));
    list.push(name);
  }
  const thingNames: string[] = [];
  const T = Object.keys(model.things).length;
  const TW = wordsFor(T);
  const enabledThing = new Uint8Array(T);
  const overOf: Overrides[] = new Array<undefined>(T);
  const ownClass = new Uint8Array(T);
  const thingAllow = new Int32Array(KIND_COUNT * PW);
  const ownerOfThing: (string | undefined)[] = new Array<undefined>(T);
  // Thing classes: per class its answer per kind over user classes (kind k at word k * PW), and per
  // Thing its class. A cell's check is then one bit test: no row per user class is needed to answer it.
  const classAllow: Int32Array[] = [];
  const thingClassOf = new Int32Array(T);
  // Thing visibility classes: the organizations and units whose members see the Thing (its
  // templates' and the collection's grants, plus its own), one per template and one per Thing with
  // grants of its own.
  const tvcOrgs: number[][] = [];
  const tvcUnits: number[][] = [];
  const tvcOf = new Int32Array(T);
  const grantIds = (
    list: readonly VisibilityPrincipal[],
    outOrgs: number[],
    outUnits: number[],
  ) => {
    for (const v of list) {
      // A grant naming an organization or unit that does not exist matches nobody.
      const id = v.type === 'org' ? orgs.orgId(v.org) : orgs.unitId(v.org, v.unit);
      if (id !== undefined) (v.type === 'org' ? outOrgs : outUnits).push(id);
    }
  };
  const collectionVis = levels.collectionLevel('Things').flatMap(tl => tl.data.visibility);
  let ownClassThings = 0;
  const rangeStart: number[] = [];
  const rangeEnd: number[] = [];
  const rangeAllow: Int32Array[] = [];

  for (const [template, names] of byTemplate) {
    yield;
    const prefix = prefixOf(template);
    const inherited = levels.inherited(template);
    const templateChars = characteristicsOf(model, {
      collection: 'ThingTemplates',
      name: template,
    });
    const baseAllow = new Int32Array(KIND_COUNT * PW);
    const baseNames: Map<string, Int32Array>[] = RUNTIME_KINDS.map(() => new Map());
    const baseOver = classAnswers(undefined, prefix, [], () => templateChars, baseAllow, baseNames);
    const baseClass = classAllow.length;
    classAllow.push(baseAllow);
    const charSets = [templateChars.properties, templateChars.services, templateChars.events].map(
      l => new Set(l),
    );
    const start = thingNames.length;
    const visOrgs: number[] = [];
    const visUnits: number[] = [];
    grantIds(
      [
        ...inherited.instances
          .filter(tl => enabledLevel(tl, sem))
          .flatMap(tl => tl.data.visibility),
        ...collectionVis,
      ],
      visOrgs,
      visUnits,
    );
    const baseVis = tvcOrgs.length;
    tvcOrgs.push(visOrgs);
    tvcUnits.push(visUnits);
    const allNamed = new Set(
      prefix.names.flatMap(s => [...s]).concat(collectionNames.flatMap(s => [...s])),
    );
    for (const name of names) {
      const pos = thingNames.length;
      thingNames.push(name);
      thingClassOf[pos] = baseClass;
      tvcOf[pos] = baseVis;
      const thing = own(model.things, name);
      if (!thing) continue;
      enabledThing[pos] = thing.enabled ? 1 : 0;
      ownerOfThing[pos] = thing.owner;
      // Visibility (§9.5): a Thing with grants of its own is a visibility class of its own.
      if (thing.permissions.visibility.length > 0) {
        const thingOrgs = visOrgs.slice();
        const thingUnits = visUnits.slice();
        grantIds(thing.permissions.visibility, thingOrgs, thingUnits);
        tvcOf[pos] = tvcOrgs.length;
        tvcOrgs.push(thingOrgs);
        tvcUnits.push(thingUnits);
      }
      // A class of its own: own run-time entries, a shape the chain lacks, or an own characteristic
      // an entry names (it would be an override only on this Thing). Checked without allocating:
      // this runs for every Thing (cold build, docs/benchmarks.md "Access matrix").
      const extraShapes =
        thing.shapes.length === 0
          ? NO_NAMES
          : thing.shapes.filter(s => !prefix.shapeNames.includes(s));
      const ownNamed =
        allNamed.size > 0 &&
        (anyIn(thing.properties, allNamed) ||
          anyIn(thing.services, allNamed) ||
          anyIn(thing.events, allNamed));
      if (thing.permissions.runtime.length === 0 && extraShapes.length === 0 && !ownNamed) continue;
      ownClassThings++;
      const target = { collection: 'Things', name };
      const extra = [...new Set(extraShapes)]
        .map(s => levels.shapeLevel(s))
        .filter(l => enabledLevel(l, sem))
        .map(l => kindLevelsOf(l.data));
      const ownLevel = ownKindLevels(thing.permissions.runtime);
      if (levelMode && ownLevel && extraShapes.length === 0 && !ownNamed) {
        const hasChar = (k: number, name: string): boolean => {
          const i = k < 2 ? 0 : k === 2 ? 1 : 2;
          const mine = i === 0 ? thing.properties : i === 1 ? thing.services : thing.events;
          return (charSets[i] as Set<string>).has(name) || mine.includes(name);
        };
        overOf[pos] = ownOverTemplate(ownLevel, prefix, baseAllow, baseNames, hasChar, thingAllow);
      } else {
        let chars: Characteristics | undefined;
        overOf[pos] = classAnswers(
          ownLevel,
          prefix,
          extra,
          () => (chars ??= characteristicsOf(model, target)),
          thingAllow,
        );
      }
      ownClass[pos] = 1;
      thingClassOf[pos] = classAllow.length;
      classAllow.push(thingAllow.slice());
    }
    const end = thingNames.length;
    for (let pos = start; pos < end; pos++) if (ownClass[pos] === 0) overOf[pos] = baseOver;
    rangeStart.push(start);
    rangeEnd.push(end);
    rangeAllow.push(baseAllow);
  }
  const templateClasses = rangeAllow.length;

  yield;
  // ---- visibility: which user visibility classes see each Thing visibility class (§9.5) ---------
  // Per granted organization or unit, a mask over the users' visibility classes whose units make
  // it visible to them (the unit's reach under the §4.4 direction, or the unit's organization);
  // per Thing visibility class, the OR of the masks of its grants.
  const V = visClassUnits.length;
  const VW = wordsFor(V);
  const unitCount = orgs.unitOrder.length;
  const unitSeenBy = new Map<number, Int32Array>();
  const orgSeenBy = new Map<number, Int32Array>();
  for (let c = 0; c < tvcOrgs.length; c++) {
    for (const o of tvcOrgs[c] as number[])
      if (!orgSeenBy.has(o)) orgSeenBy.set(o, new Int32Array(VW));
    for (const x of tvcUnits[c] as number[])
      if (!unitSeenBy.has(x)) unitSeenBy.set(x, new Int32Array(VW));
  }
  const seenBy = (x: number, v: number): void => {
    const m = unitSeenBy.get(x);
    if (m) setBit(m, v);
  };
  for (let v = 0; v < V; v++) {
    for (const unit of visClassUnits[v] as number[]) {
      const org = orgSeenBy.get(orgs.unit(unit).orgId);
      if (org) setBit(org, v);
      if (sem.visibilityDirection === 'upward') {
        // A grant to a unit at or below mine: my subtree is one pre-order range.
        const end = orgs.unit(unit).end;
        for (let x = unit; x < end; x++) seenBy(x, v);
      } else if (sem.visibilityDirection === 'downward') {
        for (let x = 0; x <= unit && x < unitCount; x++) if (orgs.inSubtree(unit, x)) seenBy(x, v);
      } else seenBy(unit, v);
    }
  }
  const TVC = tvcOrgs.length;
  const tvcSeen = new Int32Array(TVC * VW);
  for (let c = 0; c < TVC; c++) {
    const at = c * VW;
    for (const o of tvcOrgs[c] as number[])
      orInto(tvcSeen.subarray(at, at + VW), orgSeenBy.get(o) as Int32Array);
    for (const x of tvcUnits[c] as number[])
      orInto(tvcSeen.subarray(at, at + VW), unitSeenBy.get(x) as Int32Array);
  }

  // Owner bypass (§1.10, gate.ts `bypassOf`): the owning user's index per Thing (-1: none, or the
  // bypass is off), so the bypass of a cell is one array read.
  const ownerIdx = new Int32Array(T).fill(-1);
  const ownedBy: (number[] | undefined)[] = new Array<undefined>(U);
  for (let pos = 0; pos < T; pos++) {
    const owner = ownerOfThing[pos];
    if (owner === undefined) continue;
    const u = userIdx.get(owner);
    if (u === undefined || bypassOf(sem, owner, false, owner) !== 'owner') continue;
    ownerIdx[pos] = u;
    (ownedBy[u] ??= []).push(pos);
  }

  // ---- rows for the whole matrix: built on the first `materialize`, not to answer cells --------
  type Rows = { permRows: Int32Array; visRows: Int32Array };
  let rows: Rows | undefined;
  /**
   * The class rows (user class x kind, one bit per Thing, in column order) and one visibility row
   * per user visibility class: what expanding the whole matrix streams from.
   */
  function expansionRows(): Rows {
    if (rows) return rows;
    const permRows = new Int32Array(P * KIND_COUNT * TW);
    // Own-class Things first: their bit where their answer differs from their template's; the
    // template ranges below are XORed over them, which leaves each such bit at the Thing's answer.
    for (let j = 0; j < templateClasses; j++) {
      const base = rangeAllow[j] as Int32Array;
      for (let pos = rangeStart[j] as number; pos < (rangeEnd[j] as number); pos++) {
        if (ownClass[pos] === 0) continue;
        const mine = classAllow[thingClassOf[pos] as number] as Int32Array;
        for (let k = 0; k < KIND_COUNT; k++) {
          for (let w = 0; w < PW; w++) {
            let d = (mine[k * PW + w] as number) ^ (base[k * PW + w] as number);
            while (d !== 0) {
              const low = d & -d;
              const p = (w << 5) + (31 - Math.clz32(low));
              const word = (p * KIND_COUNT + k) * TW + (pos >>> 5);
              permRows[word] = (permRows[word] as number) ^ (1 << (pos & 31));
              d ^= low;
            }
          }
        }
      }
    }
    // The template ranges, row by row: each (class, kind) row is written front to back, so the
    // 30+ MB of class rows stream through the cache once instead of once per template.
    for (let p = 0; p < P; p++) {
      const pw = p >>> 5;
      const pb = 1 << (p & 31);
      for (let k = 0; k < KIND_COUNT; k++) {
        const off = (p * KIND_COUNT + k) * TW;
        const at = k * PW + pw;
        for (let j = 0; j < templateClasses; j++)
          if ((((rangeAllow[j] as Int32Array)[at] as number) & pb) !== 0)
            xorRange(permRows, rangeStart[j] as number, rangeEnd[j] as number, off);
      }
    }
    // Visibility rows: per user visibility class, the Things whose visibility class it sees.
    const visRows = new Int32Array(V * TW);
    const members: number[][] = Array.from({ length: TVC }, () => []);
    for (let pos = 0; pos < T; pos++) (members[tvcOf[pos] as number] as number[]).push(pos);
    for (let c = 0; c < TVC; c++) {
      const list = members[c] as number[];
      if (list.length === 0) continue;
      // A template's Things are one range of columns but for those with grants of their own:
      // a few runs, each one range fill per user visibility class that sees them.
      const runs: number[] = [];
      for (let i = 0; i < list.length; i++) {
        const pos = list[i] as number;
        if (i > 0 && pos === (list[i - 1] as number) + 1) runs[runs.length - 1] = pos + 1;
        else runs.push(pos, pos + 1);
      }
      forEachSetBit(tvcSeen.subarray(c * VW, c * VW + VW), v => {
        for (let r = 0; r < runs.length; r += 2)
          fillRange(visRows, runs[r] as number, runs[r + 1] as number, v * TW);
      });
    }
    return (rows = { permRows, visRows });
  }

  /** Writes user u's rows at word `off` of `out`: their class's rows AND their visibility class's row. */
  function writeRows(r: Rows, u: number, out: Int32Array, off: number): void {
    const span = ROWS_PER_USER * TW;
    if (loggedIn[u] === 0) {
      out.fill(0, off, off + span);
      return;
    }
    if (admin[u] === 1) {
      out.fill(0, off, off + span);
      for (let row = 0; row < ROWS_PER_USER; row++) fillRange(out, 0, T, off + row * TW);
      return;
    }
    const { permRows, visRows } = r;
    const vis = off + VIS_ROW * TW;
    const vsrc = (visOf[u] as number) * TW;
    out.set(visRows.subarray(vsrc, vsrc + TW), vis);
    const p = classOf[u] as number;
    for (let k = 0; k < KIND_COUNT; k++) {
      const src = (p * KIND_COUNT + k) * TW;
      const dst = off + k * TW;
      for (let w = 0; w < TW; w++)
        out[dst + w] = (permRows[src + w] as number) & (visRows[vsrc + w] as number);
    }
    for (const pos of ownedBy[u] ?? []) {
      for (let row = 0; row < ROWS_PER_USER; row++) {
        const word = off + row * TW + (pos >>> 5);
        out[word] = (out[word] as number) | (1 << (pos & 31));
      }
    }
  }

  const denyCode: CellCode = sem.denialStatus === 401 ? '1' : '3';
  /** A bypass decides the cell (gate.ts order: Administrators, then the owner, §9.3). */
  const bypass = (u: number, pos: number): boolean => admin[u] === 1 || ownerIdx[pos] === u;
  const visibleTo = (u: number, pos: number): boolean =>
    testBitAt(tvcSeen, (tvcOf[pos] as number) * VW, visOf[u] as number);
  const allowsBit = (u: number, pos: number, k: number): boolean =>
    testBitAt(classAllow[thingClassOf[pos] as number] as Int32Array, k * PW, classOf[u] as number);
  /** The cell's code by bit tests on the class rows (logged-in users). */
  const cellOf = (u: number, pos: number, k: number, visible: boolean): CellCode =>
    bypass(u, pos) || (visible && allowsBit(u, pos, k))
      ? enabledThing[pos] === 1
        ? '2'
        : 'u'
      : visible
        ? denyCode
        : '4';
  let thingIdx: Map<string, number> | undefined;

  return {
    users: userNames,
    things: thingNames,
    stats: {
      users: U,
      things: T,
      userClasses: P,
      thingClasses: templateClasses + ownClassThings,
      ownClassThings,
      visibilityClasses: V,
    },
    userIndex: name => userIdx.get(name),
    thingIndex(name) {
      // Built on first use: the matrix itself never looks a Thing up by name.
      if (!thingIdx) {
        thingIdx = new Map();
        for (let pos = 0; pos < T; pos++) thingIdx.set(thingNames[pos] as string, pos);
      }
      return thingIdx.get(name);
    },
    code(u, pos, k) {
      if (loggedIn[u] === 0) return '1';
      return cellOf(u, pos, k, visibleTo(u, pos));
    },
    override(u, pos, k) {
      if (loggedIn[u] === 0 || bypass(u, pos)) return false;
      const mask = overOf[pos]?.[k];
      if (!mask || !testBit(mask, classOf[u] as number)) return false;
      return visibleTo(u, pos);
    },
    window(users, things, kinds) {
      const out: string[] = [];
      const overrides: number[] = [];
      for (const u of users) {
        if (u < 0 || loggedIn[u] === 0) {
          for (let i = things.length * kinds.length; i > 0; i--) out.push('1');
          continue;
        }
        const cls = classOf[u] as number;
        for (const pos of things) {
          if (pos < 0) {
            for (let i = kinds.length; i > 0; i--) out.push('4');
            continue;
          }
          const visible = visibleTo(u, pos);
          const over = !visible || bypass(u, pos) ? undefined : overOf[pos];
          for (const k of kinds) {
            out.push(cellOf(u, pos, k, visible));
            const mask = over?.[k];
            if (mask !== undefined && testBit(mask, cls)) overrides.push(out.length - 1);
          }
        }
      }
      return { cells: out.join(''), overrides };
    },
    materialize(into) {
      const words =
        into && into.words.length === U * ROWS_PER_USER * TW
          ? into.words
          : new Int32Array(U * ROWS_PER_USER * TW);
      const r = expansionRows();
      for (let u = 0; u < U; u++) writeRows(r, u, words, u * ROWS_PER_USER * TW);
      return { words, wordsPerRow: TW, users: U, things: T };
    },
  };
}

/** Flips bits [from, to) of the row at word `offset`. */
function xorRange(words: Int32Array, from: number, to: number, offset: number): void {
  if (from >= to) return;
  const w0 = from >>> 5;
  const w1 = (to - 1) >>> 5;
  const m0 = ~0 << (from & 31);
  const m1 = ~0 >>> (31 - ((to - 1) & 31));
  if (w0 === w1) {
    words[offset + w0] = (words[offset + w0] as number) ^ (m0 & m1);
    return;
  }
  words[offset + w0] = (words[offset + w0] as number) ^ m0;
  for (let w = w0 + 1; w < w1; w++) words[offset + w] = ~(words[offset + w] as number);
  words[offset + w1] = (words[offset + w1] as number) ^ m1;
}
