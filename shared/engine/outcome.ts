/**
 * The outcome evaluator of the what-if (docs/whatif.md, docs/architecture.md "Which what-if route
 * runs when", performance.md §2.3): decides, without building a Decision, whether one cell (caller
 * x REST call) certainly answers the same status, outcome and body on two models, and gives both
 * (status, outcome) answers where it can. It lives in the engine because it answers "what would
 * ThingWorx say" (through the one decision gate, ./gate.ts); the what-if (shared/whatif/) asks it
 * and evaluates through the full pipeline only the cells it cannot vouch for.
 *
 * Per side it walks the pipeline's order (shared/engine/evaluate.ts, domain reference §9) on
 * precomputed parts:
 * - authentication (§9.1) once per caller: a 401 body, or the authenticated user;
 * - entity and characteristic lookup (§9.4) once per call: 404 for a missing one; a disabled Thing
 *   or a characteristic the model does not list makes a permitted call UNKNOWN;
 * - the Administrators and owner bypasses (§9.3), visibility (§9.5, 404 with the same body as a
 *   missing entity), the run-time (§9.6) or design-time Read check (§5.10) on the indexed
 *   evaluator's fast path, memoised per user and per "permission class": every Thing of a template
 *   that carries no entry, grant or shape of its own has its template's levels, so it answers
 *   exactly like any other such Thing (the cold-start sharing of shared/engine/indexed/fast-path.ts);
 * - a permitted service: the default service handlers are asked, as the pipeline asks them; an
 *   answer (which may depend on the model: CheckPermission, GetCurrentUserGroups, §8.1-8.3) is
 *   compared as status, outcome and body.
 *
 * A cell is "same" only when both sides reach the same (status, outcome, body) here. That includes
 * UNKNOWN on both sides with the pipeline's fixed 200 and empty body (a disabled Thing, a
 * characteristic the model does not list, a bulk property service or a permission mutator: no
 * explanation can change that answer). Anything not modelled here (collection lists, creates,
 * updates, deletes, `?appKey=` in the URL, calls that do not parse) and every difference go to the
 * full pipeline, which has the last word.
 * The property test (test/property/whatif-diff.test.ts) proves the result equals the full
 * before/after comparison.
 *
 * @example
 * const cmp = createOutcomeComparer(before, after, { callerThings: [] });
 * const calls = cmp?.prepare(callsOnEntity([before, after], { collection: 'Things', name: 'T1' }));
 * const alice = cmp?.caller({ type: 'user', name: 'alice' });
 * if (cmp && calls && alice && cmp.same(alice, calls, 0)) { ... } // no Decision needed
 */
import type { Decider, EntityTarget } from './decider';
import type { Credentials, DesignCheck, Operation, RuntimeCheck } from '../model/decision';
import { DEFAULT_CLIENT_IP, evaluationTime } from './evaluate';
import type { FastChecks } from './indexed';
import { gate } from './gate';
import { defaultServices, getDecider } from './index';
import type { ServiceContext } from './service-handler';
import type { Model, Semantics } from '../model/types';
import { authenticate } from '../rest/authenticate';
import { isBulkPropertyService, isPermissionMutator } from '../rest/builtin-services';
import { lookupCharacteristic, lookupEntity } from '../rest/lookup';
import type { CharacteristicKind } from '../rest/lookup';
import { parseCall } from '../rest/parse';
import { own as ownEntry } from '../model/own';
import { chainShapes } from '../model/chains';

/** Who calls: a user (Basic auth) or an application key, from a client address (default 127.0.0.1). */
export type OutcomeCaller = { type: 'user' | 'appKey'; name: string; ip?: string };
/** One REST call; `op` is parseCall's operation when the caller built the call from the model. */
export type OutcomeCall = { method: string; path: string; op?: Operation };

/** What the comparer needs to know that the engine does not own (see createOutcomeComparer). */
export type OutcomeOptions = {
  /**
   * Things whose service handlers answer by caller (the context manager of the Apps layer, whose
   * name the engine does not know): their handler answers are never shared among callers.
   */
  callerThings: readonly string[];
  /**
   * The two models differ in run-time permission entries alone (the what-if class route checked
   * it: shared/whatif/class-summary.ts runtimeEntryDelta). Then authentication, the bypasses,
   * visibility, the lookups and the service handlers' answers on Things are the same on both
   * sides, so `compare` settles a cell from the before side's gate and the two run-time checks,
   * and the changed side's visibility and handlers are never asked (its indexed evaluator is cold).
   */
  entriesOnly?: boolean;
};

// Side codes: equal codes on both sides mean equal (status, outcome, body) for the same cell.
/** Not decided here: the full pipeline decides. */
const EXPLAIN = 0;
/** 401; the body is compared separately (it names the failure). */
const AUTH_FAILED = 1;
/** 405 Method Not Allowed (constant body). */
const METHOD = 2;
/** 404 with the not-found body: a missing entity or characteristic, or an invisible entity. */
const NOT_FOUND = 3;
/** 200, allowed, empty body. */
const ALLOWED = 4;
/** 403 "Not authorized for Read ..." (the body depends only on the cell). */
const DESIGN_DENIED = 5;
/** 200, UNKNOWN, empty body: a permitted call on a disabled Thing, on a characteristic the model does not list, a bulk property service or a permission mutator. */
const UNKNOWN_EMPTY = 6;
/** A service handler answered: compare the answer itself (Side.answer). */
const HANDLER = 7;
/** Run-time denial: RUNTIME_DENIED + the `denialStatus` option (§11.1); the body depends only on the cell. */
const RUNTIME_DENIED = 1000;

type FastDecider = Decider & FastChecks;

const RUNTIME_OF: Partial<
  Record<Operation['op'], { kind: CharacteristicKind; runtime: RuntimeCheck['kind'] }>
> = {
  'property-read': { kind: 'property', runtime: 'PropertyRead' },
  'property-write': { kind: 'property', runtime: 'PropertyWrite' },
  'service-invoke': { kind: 'service', runtime: 'ServiceInvoke' },
  'event-invoke': { kind: 'event', runtime: 'EventInvoke' },
};
const READ: DesignCheck = { kind: 'Read' };

/** One call as one side sees it, everything that does not depend on the caller settled. */
type SideCall = {
  /** A code that holds for every authenticated caller (NOT_FOUND, METHOD, EXPLAIN), or -1. */
  fixed: number;
  /** The entity the permission tests run on: the call's, or any Thing of the same permission class. */
  representative: EntityTarget;
  target: EntityTarget;
  owner: string | undefined;
  /** Memo slots of this side: visibility of the class, and the run-time or design-time check. */
  visibilitySlot: number;
  checkSlot: number;
  /** Undefined for design-time Read. */
  check: RuntimeCheck | undefined;
  /** The code of a permitted call: ALLOWED, or UNKNOWN_EMPTY (disabled Thing, not modelled, bulk, mutator). */
  whenAllowed: number;
  /** A disabled Thing: a handler's `allowed` answer becomes UNKNOWN (evaluate.ts). */
  disabled: boolean;
  /** A permitted service: ask the service handlers first. */
  service: string | undefined;
  /**
   * The handler answer of `service` on an ordinary Thing (see handlerAnswer): undefined = not asked
   * yet, null = no handler answers. Kept on the call so the hot loop needs no string key.
   */
  thingAnswer?: { status: number; outcome: string; body: string } | null;
};

/** Calls prepared once for a diff; index i names the same call on both sides. */
export type PreparedCalls = { before: SideCall[]; after: SideCall[] };

type SideCaller = {
  user: string | undefined;
  authBody: string;
  isAdmin: boolean;
  memo: Int8Array;
  decider: FastDecider;
};

/** A caller prepared for both sides (authentication, Administrators membership, per-user memo). */
export type PreparedCaller = { before: SideCaller; after: SideCaller };

/** One call prepared for both sides. */
export type PreparedCall = { before: SideCall; after: SideCall };

/**
 * A cell compared: the same answer, not decidable here, or the two (status, outcome) answers with
 * `differs` true (the answers certainly differ in status, outcome or body) or undefined (same status
 * and outcome from different codes: only the full pipeline knows whether the bodies differ).
 */
export type Compared =
  'same' | 'explain' | { before: FastAnswer; after: FastAnswer; differs: true | undefined };

export type FastComparer = {
  prepare(calls: readonly OutcomeCall[]): PreparedCalls;
  /** One call; `checkAs` as in prepareCall. */
  prepareOne(call: OutcomeCall, checkAs?: string): PreparedCall;
  /** The permission-class key of an entity on each side (equal keys answer alike for every caller). */
  classKeys(target: EntityTarget): [string, string];
  /**
   * True when an entry on a level of the entity's class, on either side, names this resource for
   * this run-time kind (FastChecks.specificResources); a check on any other name answers alike.
   */
  names(target: EntityTarget, kind: string, resource: string): boolean;
  /** `names` on the before side alone (its evaluator is warm when the base is prepared). */
  namedBefore(target: EntityTarget, kind: string, resource: string): boolean;
  /**
   * One cell: 'same', 'explain' (a side the fast path does not decide), or both answers (Compared).
   */
  compare(caller: PreparedCaller, call: PreparedCall): Compared;
  caller(caller: OutcomeCaller): PreparedCaller;
  /**
   * A key of how a prepared call answers for any caller, or undefined when it may answer by caller
   * beyond the gate and the check (a service of the context manager or of an entity other than a
   * Thing): two calls on one entity with equal keys give the same `compare` for every caller, so
   * the class route counts them as one class (performance.md §2.1 "column classes").
   */
  behaviour(call: PreparedCall): string | undefined;
  /**
   * When only run-time entries differ (OutcomeOptions.entriesOnly): a key such that two calls on
   * one entity with equal keys get the same `entriesSame` for every caller (the gate's inputs and
   * both sides' check slots); undefined otherwise or for a call that `entriesSame` never settles.
   */
  settleKey(call: PreparedCall): string | undefined;
  /**
   * With entriesOnly: true when the cell certainly answers the same on both sides, settled from
   * the base's gate and the two run-time checks (false: `compare` decides).
   */
  entriesSame(caller: PreparedCaller, call: PreparedCall): boolean;
  /** True when cell (caller, calls[i]) certainly answers the same on both sides. */
  same(caller: PreparedCaller, calls: PreparedCalls, i: number): boolean;
  /**
   * Status and outcome of cell (caller, calls[i]) on each side as the pipeline answers them, or
   * undefined for a side decided only by the full pipeline (the what-if summary, shared/whatif/summary.ts).
   */
  answers(
    caller: PreparedCaller,
    calls: PreparedCalls,
    i: number,
  ): [FastAnswer | undefined, FastAnswer | undefined];
};

/** Status and outcome of one side of a cell (no body). */
export type FastAnswer = { status: number; outcome: 'allowed' | 'denied' | 'unknown' };

const hasFastPath = (d: Decider): d is FastDecider =>
  typeof (d as Partial<FastChecks>).allows === 'function' &&
  typeof (d as Partial<FastChecks>).visible === 'function' &&
  typeof (d as Partial<FastChecks>).isAdmin === 'function';

type Side = {
  model: Model;
  /** OutcomeOptions.callerThings. */
  callerThings: ReadonlySet<string>;
  sem: Semantics;
  decider: FastDecider;
  slots: Map<string, number>;
  /** Permission class of a Thing: its template when it adds nothing of its own, else itself. */
  classes: Map<string, { key: string; representative: EntityTarget }>;
  /** The shapes of each template chain (classOf asks per Thing). */
  chainShapes: Map<string, Set<string>>;
  /** Per entity key: what all calls on it share (entityOf); undefined for a missing entity. */
  entities: Map<string, EntityInfo | undefined>;
  /** The answer of the last HANDLER code on this side. */
  answer: { status: number; outcome: string; body: string };
  /** Handler answers on ordinary Things by Thing and service (handlerAnswer); null: no handler answers. */
  thingAnswers: Map<string, { status: number; outcome: string; body: string } | null>;
  /** Prepared callers by caller key, kept with the side so a later what-if on the same base reuses their memos. */
  callers: Map<string, SideCaller>;
  /** Bytes of the kept callers' memos (bounded by MEMO_BUDGET). */
  memoBytes: number;
};

/**
 * Sides by model and callerThings: a model's answers never change (edits make new model objects,
 * as getDecider assumes), so every what-if on one base model shares its side, its class keys,
 * memo slots, handler answers and callers' memos (prepareOutcomeBase builds one ahead). A WeakMap
 * lets an edited-away model and its side be collected together.
 */
const sideCache = new WeakMap<Model, Map<string, Side>>();
/** Memo bytes kept per side (a cell-route diff at size L may prepare ~10^5 slots for 10^4 callers). */
const MEMO_BUDGET = 32 * 1024 * 1024;

function sideFor(model: Model, decider: FastDecider, callerThings: readonly string[]): Side {
  const key = [...callerThings].sort().join('\u0000');
  let byThings = sideCache.get(model);
  if (!byThings) sideCache.set(model, (byThings = new Map()));
  let side = byThings.get(key);
  if (!side) {
    side = {
      model,
      callerThings: new Set(callerThings),
      sem: model.semantics,
      decider,
      slots: new Map(),
      classes: new Map(),
      chainShapes: new Map(),
      entities: new Map(),
      answer: { status: 0, outcome: '', body: '' },
      thingAnswers: new Map(),
      callers: new Map(),
      memoBytes: 0,
    };
    byThings.set(key, side);
  }
  return side;
}

function credentialsOf(c: OutcomeCaller): Credentials {
  return c.type === 'user'
    ? { type: 'basic', user: c.name }
    : { type: 'appKey', key: c.name, via: 'header' };
}

function classOf(side: Side, target: EntityTarget): { key: string; representative: EntityTarget } {
  const k = `${target.collection}/${target.name}`;
  let c = side.classes.get(k);
  if (c) return c;
  const thing =
    target.collection === 'Things' ? ownEntry(side.model.things, target.name) : undefined;
  const own = thing?.permissions;
  // Hazard: only a Thing whose every level is its template's may share answers; an entry of any
  // family, a grant or an extra shape of its own makes it its own class.
  if (
    thing &&
    own &&
    own.runtime.length === 0 &&
    own.designtime.length === 0 &&
    own.visibility.length === 0
  ) {
    let shapes = side.chainShapes.get(thing.template);
    if (!shapes)
      side.chainShapes.set(
        thing.template,
        (shapes = new Set(chainShapes(side.model, thing.template))),
      );
    if (thing.shapes.every(s => shapes.has(s))) {
      const key = `\u0001template\u0000${thing.template}`;
      const shared = side.classes.get(key) ?? { key, representative: target };
      side.classes.set(key, shared);
      side.classes.set(k, shared);
      return shared;
    }
  }
  c = { key: k, representative: target };
  side.classes.set(k, c);
  return c;
}

function slotOf(side: Side, key: string): number {
  let s = side.slots.get(key);
  if (s === undefined) side.slots.set(key, (s = side.slots.size));
  return s;
}

const explainCall = (target: EntityTarget): SideCall => ({
  fixed: EXPLAIN,
  representative: target,
  target,
  owner: undefined,
  visibilitySlot: -1,
  checkSlot: -1,
  check: undefined,
  whenAllowed: EXPLAIN,
  disabled: false,
  service: undefined,
});
const NO_TARGET: EntityTarget = { collection: '', name: '' };

type EntityInfo = {
  found: NonNullable<ReturnType<typeof lookupEntity>>;
  cls: { key: string; representative: EntityTarget };
  visibilitySlot: number;
  disabled: boolean;
};

/**
 * What every call on one entity shares (lookup, permission class, visibility slot), once per
 * entity: a scope at size M holds ~400,000 calls on ~50,000 entities.
 */
function entityOf(side: Side, target: EntityTarget): EntityInfo | undefined {
  const k = `${target.collection}/${target.name}`;
  if (side.entities.has(k)) return side.entities.get(k);
  const found = lookupEntity(side.model, target.collection, target.name);
  let info: EntityInfo | undefined;
  if (found) {
    const cls = classOf(side, target);
    info = {
      found,
      cls,
      visibilitySlot: slotOf(side, `${cls.key}\u0000visible`),
      disabled:
        target.collection === 'Things' &&
        ownEntry(side.model.things, target.name)?.enabled === false,
    };
  }
  side.entities.set(k, info);
  return info;
}

/**
 * `checkAs` (the class summary, shared/whatif/class-summary.ts) asks the run-time check about another resource
 * name than the call's: one that no entry names answers exactly like any other such name (entries
 * match a resource by `*` or by name, shared/engine/indexed/level-index.ts), so calls on such
 * characteristics share one memo slot.
 */
function prepareCall(side: Side, spec: OutcomeCall, checkAs?: string): SideCall {
  let op: Operation;
  if (spec.op)
    op = spec.op; // built from the model, equal to the parse (OutcomeCall.op)
  else {
    const parsed = parseCall(spec.method, spec.path);
    if (!parsed.ok) {
      if (parsed.code === 'method-not-allowed' && parsed.appKeyInUrl === undefined)
        return { ...explainCall(NO_TARGET), fixed: METHOD };
      return explainCall(NO_TARGET);
    }
    op = parsed.call.operation;
    if (parsed.call.appKeyInUrl !== undefined) return explainCall(NO_TARGET);
  }
  if (!('entity' in op)) return explainCall(NO_TARGET);
  const target: EntityTarget = { collection: op.collection, name: op.entity };
  const design = op.op === 'entity-read' || op.op === 'definitions-read';
  const rt = RUNTIME_OF[op.op];
  if (!design && !rt) return explainCall(target); // creates, updates, deletes, read-all: the pipeline decides
  const ent = entityOf(side, target);
  if (!ent) return { ...explainCall(target), fixed: NOT_FOUND };
  const { found, cls } = ent;
  let whenAllowed = ALLOWED;
  let check: RuntimeCheck | undefined;
  let service: string | undefined;
  let disabled = false;
  if (rt && 'name' in op) {
    const ch = lookupCharacteristic(side.model, op.collection, op.entity, rt.kind, op.name);
    if (ch.status === 'missing') return { ...explainCall(target), fixed: NOT_FOUND };
    check = { kind: rt.runtime, resource: checkAs ?? op.name };
    disabled = ent.disabled;
    // Each of these answers 200 UNKNOWN with an empty body once permitted (evaluate.ts, §11.10, §8.1).
    if (ch.status === 'not-modelled' || disabled) whenAllowed = UNKNOWN_EMPTY;
    if (op.op === 'service-invoke') {
      service = op.name;
      if (isBulkPropertyService(op.name) || isPermissionMutator(op.name))
        whenAllowed = UNKNOWN_EMPTY;
    }
  }
  return {
    fixed: -1,
    representative: cls.representative,
    target,
    owner: found.owner,
    visibilitySlot: ent.visibilitySlot,
    checkSlot: slotOf(
      side,
      check
        ? `${cls.key}\u0000${check.kind}\u0000${check.resource}`
        : `${cls.key}\u0000design:Read`,
    ),
    check,
    whenAllowed,
    disabled,
    service,
  };
}

/**
 * A caller on one side, kept with the side (see Side.callers). `same`: the caller as prepared on
 * a model whose users, groups, keys and options are these (entriesOnly): its authentication and
 * Administrators membership are taken over instead of asked again.
 */
function prepareCaller(side: Side, caller: OutcomeCaller, same?: SideCaller): SideCaller {
  // Hazard: an application key's answer depends on the time (expiry) when the model has no `now`,
  // so only users, or every caller of a model with a fixed `now`, are kept.
  const keep = caller.type === 'user' || side.model.now !== undefined;
  const key = `${caller.type}\u0000${caller.name}\u0000${caller.ip ?? ''}`;
  const kept = keep ? side.callers.get(key) : undefined;
  if (kept) {
    // Slots added since it was prepared: a longer memo, the known answers copied.
    if (kept.memo.length < side.slots.size) {
      const grown = new Int8Array(Math.max(side.slots.size, kept.memo.length * 2));
      grown.set(kept.memo);
      side.memoBytes += grown.length - kept.memo.length;
      kept.memo = grown;
    }
    return kept;
  }
  const fresh: SideCaller = same
    ? {
        user: same.user,
        authBody: same.authBody,
        isAdmin: same.isAdmin,
        memo: new Int8Array(side.slots.size),
        decider: side.decider,
      }
    : authenticateCaller(side, caller);
  if (keep && side.memoBytes + fresh.memo.length <= MEMO_BUDGET) {
    side.callers.set(key, fresh);
    side.memoBytes += fresh.memo.length;
  }
  return fresh;
}

function authenticateCaller(side: Side, caller: OutcomeCaller): SideCaller {
  const auth = authenticate(side.model, credentialsOf(caller), {
    clientIp: caller.ip ?? DEFAULT_CLIENT_IP,
    at: evaluationTime(side.model, undefined).at,
  });
  const memo = new Int8Array(side.slots.size);
  const decider = side.decider;
  if (!auth.ok) return { user: undefined, authBody: auth.body, isAdmin: false, memo, decider };
  return { user: auth.user, authBody: '', isAdmin: decider.isAdmin(auth.user), memo, decider };
}

/**
 * Asks the default service handlers, in the pipeline's order, as the pipeline would after the
 * platform check let the call through; true (and `side.answer` set) when one answers. Its answer
 * may depend on the model (CheckPermission, GetCurrentUserGroups, ...), so it is compared as such.
 */
function handlerAnswer(side: Side, user: string, call: SideCall, service: string): boolean {
  const { target } = call;
  // Hazard: on a Thing other than the context manager (callerThings) only the diagnostic services answer
  // (shared/engine/index.ts defaultServices: the other handlers go by their Resource or the context
  // manager), and each of them requires a parameter, so with the diff's empty body it throws its
  // parameter error before reading the caller or a permission (shared/engine/diagnostics.ts). Its
  // answer then depends on the Thing and the service alone: asked once per Thing and service
  // instead of once per cell (a thrown error costs microseconds, and the class route asks per caller).
  if (target.collection === 'Things' && !side.callerThings.has(target.name)) {
    let out = call.thingAnswer;
    if (out === undefined) {
      const k = `${target.name}\u0000${service}`;
      out = side.thingAnswers.get(k);
      if (out === undefined) {
        out = askHandlers(side, user, call, service) ? { ...side.answer } : null;
        side.thingAnswers.set(k, out);
      }
      call.thingAnswer = out;
    }
    if (out === null) return false;
    side.answer.status = out.status;
    side.answer.outcome = out.outcome;
    side.answer.body = out.body;
    return true;
  }
  return askHandlers(side, user, call, service);
}

function askHandlers(side: Side, user: string, call: SideCall, service: string): boolean {
  const { model, decider } = side;
  let principals: ReturnType<Decider['principals']> | undefined;
  const ctx: ServiceContext = {
    model,
    user,
    // Lazy: handlers that decline never read it.
    get principals() {
      return (principals ??= decider.principals(user));
    },
    decider,
    target: call.target,
    service,
    body: {},
    at: evaluationTime(model, undefined).at,
  };
  for (const h of defaultServices) {
    const out = h(ctx);
    if (out === undefined) continue;
    side.answer.status = out.status;
    side.answer.outcome = call.disabled && out.outcome === 'allowed' ? 'unknown' : out.outcome;
    side.answer.body = out.body;
    return true;
  }
  return false;
}

/**
 * One side of `behaviour`: what sideCode reads of the call, with the handler answer asked up front.
 * Hazard: asked with no caller, which is sound only where handlerAnswer caches per Thing and
 * service (the answer does not read the caller there).
 */
function sideBehaviour(side: Side, call: SideCall): string | undefined {
  if (call.fixed >= 0) return `f${call.fixed}`;
  let handler = '';
  if (call.service !== undefined) {
    if (call.target.collection !== 'Things' || side.callerThings.has(call.target.name))
      return undefined;
    const out = handlerAnswer(side, '', call, call.service) ? side.answer : undefined;
    handler = out ? `${out.status}\u0000${out.outcome}` : '-';
  }
  return `${call.visibilitySlot}\u0000${call.checkSlot}\u0000${call.whenAllowed}\u0000${call.owner ?? '\u0001'}\u0000${call.disabled}\u0000${handler}`;
}

/** The representative's visibility for an authenticated caller, memoised per permission class. */
function visibleMemo(c: SideCaller, call: SideCall): boolean {
  const m = c.memo[call.visibilitySlot];
  if (m === 1) return true;
  if (m === 2) return false;
  const yes = c.decider.visible(c.user as string, call.representative);
  c.memo[call.visibilitySlot] = yes ? 1 : 2;
  return yes;
}

/** The run-time check of an authenticated caller on the call's representative, memoised per slot. */
function allowsMemo(side: Side, c: SideCaller, call: SideCall, check: RuntimeCheck): boolean {
  // 0 = not yet asked, 1 = yes, 2 = no (no closure per cell: this is the hot loop). A slot added
  // after this caller's memo was sized reads undefined: ask (not memoised).
  let m = c.memo[call.checkSlot];
  if (!m) {
    m = side.decider.allows(c.user as string, call.representative, check) ? 1 : 2;
    c.memo[call.checkSlot] = m;
  }
  return m === 1;
}

/**
 * `compare` when only run-time entries differ (OutcomeOptions.entriesOnly): 'same' when the
 * before side's gate settles the cell on both sides (not visible, or a bypass) or both run-time
 * checks agree; undefined when the cell needs the full comparison. Handler answers on a Thing
 * (not a caller Thing) do not read entries (handlerAnswer), so equal checks give equal answers;
 * services elsewhere may read permissions, so their permitted cells are compared in full.
 */
function entriesOnlySame(b: Side, a: Side, caller: PreparedCaller, call: PreparedCall): boolean {
  const cb = caller.before;
  const pb = call.before;
  const pa = call.after;
  if (cb.user === undefined || pb.fixed >= 0 || pa.fixed >= 0) return false;
  const check = pb.check;
  if (
    pb.owner !== pa.owner ||
    pb.whenAllowed !== pa.whenAllowed ||
    pb.service !== pa.service ||
    pb.disabled !== pa.disabled ||
    (check === undefined) !== (pa.check === undefined)
  )
    return false;
  const plain =
    pb.service === undefined ||
    (pb.target.collection === 'Things' && !b.callerThings.has(pb.target.name));
  const g = gate(b.sem, cb.user, cb.isAdmin, pb.owner, visibleMemo, cb, pb);
  if (g === 'invisible') return true;
  if (g !== 'check') return plain;
  // Design-time Read (§5.10): design-time entries are the same on both sides.
  if (check === undefined || pa.check === undefined) return check === pa.check;
  const x = allowsMemo(b, cb, pb, check);
  const y = allowsMemo(a, caller.after, pa, pa.check);
  return x === y && (plain || !x);
}

function sideCode(side: Side, c: SideCaller, call: SideCall): number {
  if (c.user === undefined) return AUTH_FAILED;
  if (call.fixed >= 0) return call.fixed;
  const user = c.user;
  const sem = side.sem;
  // The pipeline's decision gate (shared/engine/gate.ts), visibility memoised per class.
  const g = gate(sem, user, c.isAdmin, call.owner, visibleMemo, c, call);
  if (g === 'invisible') return NOT_FOUND;
  const bypass = g !== 'check';
  const check = call.check;
  if (check === undefined) {
    if (bypass) return ALLOWED;
    // Memo per slot: 0 = not yet asked, 1 = yes, 2 = no (no closure per cell: this is the hot loop).
    let m = c.memo[call.checkSlot];
    // A slot added after this caller's memo was sized reads undefined: ask (not memoised).
    if (!m) {
      m = side.decider.designtime(user, call.representative, READ).allowed ? 1 : 2;
      c.memo[call.checkSlot] = m;
    }
    return m === 1 ? ALLOWED : DESIGN_DENIED;
  }
  if (!bypass && !allowsMemo(side, c, call, check)) return RUNTIME_DENIED + sem.denialStatus;
  if (call.service !== undefined && handlerAnswer(side, user, call, call.service)) return HANDLER;
  return call.whenAllowed;
}

// The pipeline's (status, outcome) of each code (shared/engine/evaluate.ts); the body is not kept.
const FIXED_ANSWERS: Record<number, FastAnswer> = {
  [AUTH_FAILED]: { status: 401, outcome: 'denied' },
  [METHOD]: { status: 405, outcome: 'denied' },
  [NOT_FOUND]: { status: 404, outcome: 'denied' },
  [ALLOWED]: { status: 200, outcome: 'allowed' },
  [DESIGN_DENIED]: { status: 403, outcome: 'denied' },
  [UNKNOWN_EMPTY]: { status: 200, outcome: 'unknown' },
};

function answerOf(side: Side, code: number): FastAnswer | undefined {
  if (code === EXPLAIN) return undefined;
  if (code === HANDLER)
    return { status: side.answer.status, outcome: side.answer.outcome as FastAnswer['outcome'] };
  if (code >= RUNTIME_DENIED) return { status: code - RUNTIME_DENIED, outcome: 'denied' };
  return FIXED_ANSWERS[code];
}

/**
 * Builds the side of a base model ahead of its what-ifs (the server prepares the open project's
 * model once, shared/whatif/fast-cells.ts prepareWhatIfBase): its indexed evaluator, and the side
 * that every later comparer with this model on either side reuses (sideCache).
 *
 * @example
 * prepareOutcomeBase(model, { callerThings: [CONTEXT_MANAGER_THING] });
 */
export function prepareOutcomeBase(model: Model, options: OutcomeOptions): boolean {
  const d = getDecider(model);
  if (!hasFastPath(d)) return false;
  const side = sideFor(model, d, options.callerThings);
  // Every Thing's lookup and permission class, and the indexed evaluator's levels of each class's
  // representative: what the first what-if on this base would otherwise build while the user waits.
  const seen = new Set<string>();
  for (const name of Object.keys(model.things)) {
    const info = entityOf(side, { collection: 'Things', name });
    if (!info || seen.has(info.cls.key)) continue;
    seen.add(info.cls.key);
    d.specificResources(info.cls.representative, 'PropertyRead');
  }
  return true;
}

/**
 * The outcome comparer for two models, or undefined when either model's decider has no fast path
 * (then every cell is evaluated in full).
 *
 * @example
 * const cmp = createOutcomeComparer(model, changed, { callerThings: [CONTEXT_MANAGER_THING] });
 */
export function createOutcomeComparer(
  before: Model,
  after: Model,
  options: OutcomeOptions,
): FastComparer | undefined {
  const db = getDecider(before);
  const da = getDecider(after);
  if (!hasFastPath(db) || !hasFastPath(da)) return undefined;
  const b = sideFor(before, db, options.callerThings);
  const a = sideFor(after, da, options.callerThings);
  const entriesOnly = options.entriesOnly === true;
  // Hazard: sound only because the handlers on a Thing do not read entries (handlerAnswer) and
  // the Things are the same on both sides (entriesOnly): the changed side reads the base's answers.
  if (entriesOnly && a !== b && a.thingAnswers.size === 0) a.thingAnswers = b.thingAnswers;

  return {
    prepare(calls) {
      return {
        before: calls.map(c => prepareCall(b, c)),
        after: calls.map(c => prepareCall(a, c)),
      };
    },
    prepareOne(call, checkAs) {
      return { before: prepareCall(b, call, checkAs), after: prepareCall(a, call, checkAs) };
    },
    classKeys(target) {
      return [classOf(b, target).key, classOf(a, target).key];
    },
    names(target, kind, resource) {
      return (
        b.decider.specificResources(classOf(b, target).representative, kind).has(resource) ||
        a.decider.specificResources(classOf(a, target).representative, kind).has(resource)
      );
    },
    settleKey(call) {
      const pb = call.before;
      const pa = call.after;
      if (!entriesOnly || pb.fixed >= 0 || pa.fixed >= 0) return undefined;
      const plain =
        pb.service === undefined ||
        (pb.target.collection === 'Things' && !b.callerThings.has(pb.target.name));
      return `${pb.visibilitySlot}\u0000${pb.owner ?? '\u0001'}\u0000${pb.checkSlot}\u0000${pa.checkSlot}\u0000${pb.check === undefined}\u0000${pa.check === undefined}\u0000${plain}\u0000${pb.whenAllowed === pa.whenAllowed && pb.service === pa.service && pb.disabled === pa.disabled && pb.owner === pa.owner}`;
    },
    entriesSame(caller, call) {
      return entriesOnly && entriesOnlySame(b, a, caller, call);
    },
    namedBefore(target, kind, resource) {
      return b.decider.specificResources(classOf(b, target).representative, kind).has(resource);
    },
    compare(caller, call) {
      if (entriesOnly && entriesOnlySame(b, a, caller, call)) return 'same';
      const x = sideCode(b, caller.before, call.before);
      if (x === EXPLAIN) return 'explain';
      const y = sideCode(a, caller.after, call.after);
      if (y === EXPLAIN) return 'explain';
      if (x === y) {
        if (x === HANDLER) {
          const { answer: p } = b;
          const { answer: q } = a;
          if (p.status === q.status && p.outcome === q.outcome && p.body === q.body) return 'same';
          return {
            before: answerOf(b, x) as FastAnswer,
            after: answerOf(a, y) as FastAnswer,
            differs: true,
          };
        }
        if (x !== AUTH_FAILED || caller.before.authBody === caller.after.authBody) return 'same';
      }
      const p = answerOf(b, x) as FastAnswer;
      const q = answerOf(a, y) as FastAnswer;
      // Different codes with the same status and outcome may still carry the same body: only the pipeline knows.
      return {
        before: p,
        after: q,
        differs: p.status !== q.status || p.outcome !== q.outcome ? true : undefined,
      };
    },
    caller(caller) {
      const x = prepareCaller(b, caller);
      return { before: x, after: prepareCaller(a, caller, entriesOnly ? x : undefined) };
    },
    behaviour(call) {
      const x = sideBehaviour(b, call.before);
      if (x === undefined) return undefined;
      const y = sideBehaviour(a, call.after);
      if (y === undefined) return undefined;
      // Both sides' handler answers: whether their bodies agree decides 'same' (compare).
      const p = call.before.thingAnswer;
      const q = call.after.thingAnswer;
      const bodies = p && q ? (p.body === q.body ? '=' : '!') : '';
      return `${x}\u0002${y}\u0002${bodies}`;
    },
    same(caller, calls, i) {
      const x = sideCode(b, caller.before, calls.before[i] as SideCall);
      if (x === EXPLAIN) return false;
      const y = sideCode(a, caller.after, calls.after[i] as SideCall);
      if (x !== y || y === EXPLAIN) return false;
      if (x === HANDLER)
        return (
          b.answer.status === a.answer.status &&
          b.answer.outcome === a.answer.outcome &&
          b.answer.body === a.answer.body
        );
      return x !== AUTH_FAILED || caller.before.authBody === caller.after.authBody;
    },
    answers(caller, calls, i) {
      const x = answerOf(b, sideCode(b, caller.before, calls.before[i] as SideCall));
      const y = answerOf(a, sideCode(a, caller.after, calls.after[i] as SideCall));
      return [x, y];
    },
  };
}
