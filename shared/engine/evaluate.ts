/**
 * The shared request pipeline (domain reference §9): what ThingWorx answers to one REST call, and
 * why. Both evaluators plug in through the `Decider` seam; everything else — REST mapping,
 * authentication, lookup, bypass, response bodies, explanation wording, service results — lives here,
 * so two deciders that return identical verdicts give identical Decisions.
 *
 * Order of steps (each adds one explanation step):
 * 1. parse the call (a call that is not a ThingWorx REST path: status 400, outcome 'unknown',
 *    `deciding.where === 'bad-call'`; front ends should report it as bad input — use `parseCall` first);
 * 2. authentication §9.1 (401);
 * 3. method routing: a wrong method on a valid path -> 405 (after authentication [INF], §11.11);
 * 4. principal set §9.2;
 * 5. entity and characteristic lookup §9.4 (404; bypass never makes a missing entity exist, §10 caution);
 * 6. bypass §9.3 (Administrators with `adminBypass`, the owner with `ownerBypass`);
 * 7. visibility §9.5 (404 with the same body as a missing entity, see shared/rest/bodies.ts);
 * 8. run-time (§9.6) or design-time check (§5.10) — 403 "Not authorized for {Kind} on {resource} in {entity}"
 *    (run-time denial status from the `denialStatus` option, §11.1);
 * 9. for a permitted service: the first ServiceHandler that answers (default: diagnosticServices), else
 *    an honest 200 with what is not modelled (§3.7 scripts, §11.10 GetPropertyValues/SetPropertyValues).
 *
 * @example
 * const d = evaluate(model, { method: 'POST', path: '/Thingworx/Things/SensorDataStream/Services/GetDataStream',
 *   credentials: { type: 'basic', user: 'alice' } }, createReferenceDecider(model));
 * d.status; // 403
 * d.body;   // 'Not authorized for ServiceInvoke on GetDataStream in SensorDataStream'
 */
import type { Model, RuntimeKind, Semantics } from '../model/types';
import { authenticate } from '../rest/authenticate';
import {
  METHOD_NOT_ALLOWED_BODY,
  NOT_FOUND_BODY,
  notAuthorizedDesign,
  notAuthorizedRuntime,
} from '../rest/bodies';
import { isBulkPropertyService, isPermissionMutator } from '../rest/builtin-services';
import { entityNames, lookupCharacteristic, lookupEntity } from '../rest/lookup';
import type { CharacteristicKind, CharacteristicLookup } from '../rest/lookup';
import { parseCall } from '../rest/parse';
import type { Decider, EntityTarget, VisibilityVerdict } from './decider';
import { bypassOf, decideGate, gate } from './gate';
import type { Bypass } from './gate';
import type {
  Credentials,
  DecidingKey,
  Decision,
  ElementRef,
  EvaluatedAt,
  Operation,
  PrincipalSet,
  RestRequest,
  Step,
} from '../model/decision';
import { diagnosticServices } from './diagnostics';
import { designStep, principalsStep, runtimeStep, visibilityStep } from './explain-steps';
import type { ServiceHandler } from './service-handler';
import { own as ownEntry } from '../model/own';
import { templateChain } from '../model/chains';

export type EvaluateOptions = {
  /**
   * The current time (ISO-8601) of the caller, used when neither the request (`at`) nor the model
   * (`now:`) names one. Default: the system clock (`currentTime()`).
   */
  now?: string;
  /** Service handlers asked in order after the platform check; default `diagnosticServices`. */
  services?: ServiceHandler[];
};

export const DEFAULT_CLIENT_IP = '127.0.0.1';

/** The system clock, to the second (ISO-8601, UTC). */
export const currentTime = (): string =>
  new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * The time a request is evaluated at, and where it comes from: the request's own `at` (`--at`, a
 * saved request's `at:`), else the model's `now:`, else the caller's current time. Only what
 * depends on it (application key expiry) reads it, and its explanation says "evaluated at ...".
 *
 * @example
 * evaluationTime({ now: '2026-01-01T00:00:00Z' } as Model, undefined); // { at: '2026-01-01T00:00:00Z', source: 'model' }
 */
export function evaluationTime(
  model: Pick<Model, 'now'>,
  requestAt: string | undefined,
  clock?: string,
): EvaluatedAt {
  if (requestAt !== undefined) return { at: requestAt, source: 'request' };
  if (model.now !== undefined) return { at: model.now, source: 'model' };
  return { at: clock ?? currentTime(), source: 'clock' };
}

type Acc = {
  steps: Step[];
  unknowns: string[];
  options: Set<keyof Semantics>;
  user?: string;
  evaluatedAt?: EvaluatedAt;
};

function finish(
  acc: Acc,
  d: Omit<Decision, 'explanation' | 'unknowns' | 'optionsUsed' | 'user'>,
): Decision {
  for (const s of acc.steps) for (const o of s.options ?? []) acc.options.add(o);
  return {
    ...d,
    explanation: acc.steps,
    unknowns: acc.unknowns,
    optionsUsed: [...acc.options].sort(),
    ...(acc.user !== undefined ? { user: acc.user } : {}),
    ...(acc.evaluatedAt ? { evaluatedAt: acc.evaluatedAt } : {}),
  };
}

function badRequest(acc: Acc, message: string): Decision {
  acc.steps.push({
    kind: 'lookup',
    verdict: 'fail',
    text: `Not a ThingWorx REST call PermSim can simulate: ${message}`,
    details: [],
    refs: [],
    cites: ['§5.1'],
  });
  acc.unknowns.push('The call is not a ThingWorx REST call; no HTTP answer is simulated.');
  return finish(acc, {
    status: 400,
    outcome: 'unknown',
    body: message,
    deciding: { step: 'lookup', where: 'bad-call', effect: 'bad-call' },
  });
}

function validCredentials(c: unknown): c is Credentials {
  if (typeof c !== 'object' || c === null) return false;
  const t = (c as { type?: unknown }).type;
  if (t === 'none') return true;
  if (t === 'basic') {
    const b = c as { user?: unknown; password?: unknown };
    return (
      typeof b.user === 'string' && (b.password === undefined || typeof b.password === 'string')
    );
  }
  if (t === 'appKey') {
    const k = c as { key?: unknown; via?: unknown };
    return typeof k.key === 'string' && (k.via === 'header' || k.via === 'query');
  }
  return false;
}

const CHARACTERISTIC: Partial<
  Record<Operation['op'], { kind: CharacteristicKind; runtime: RuntimeKind }>
> = {
  'property-read': { kind: 'property', runtime: 'PropertyRead' },
  'property-write': { kind: 'property', runtime: 'PropertyWrite' },
  'service-invoke': { kind: 'service', runtime: 'ServiceInvoke' },
  'event-invoke': { kind: 'event', runtime: 'EventInvoke' },
};

const DESIGN_KIND = {
  'entity-read': 'Read',
  'definitions-read': 'Read',
  'entity-update': 'Update',
  'entity-delete': 'Delete',
  'entity-create': 'Create',
} as const;

/**
 * Evaluates one REST call against a model with the given decider. Never throws for bad input.
 *
 * @example
 * evaluate(model, { method: 'GET', path: '/Thingworx/Things/T/Properties/p', credentials: { type: 'none' } }, decider).status; // 401
 */
export function evaluate(
  model: Model,
  request: RestRequest,
  decider: Decider,
  options: EvaluateOptions = {},
): Decision {
  const acc: Acc = { steps: [], unknowns: [], options: new Set() };
  if (typeof request !== 'object' || request === null)
    return badRequest(acc, 'The request must be an object with method, path and credentials.');
  if (typeof request.method !== 'string' || typeof request.path !== 'string')
    return badRequest(acc, 'The request needs a method and a path, both strings.');
  if (!validCredentials(request.credentials)) {
    return badRequest(
      acc,
      'The request credentials must be { type: "none" }, { type: "basic", user, password? } or { type: "appKey", key, via: "header" | "query" }.',
    );
  }
  const parsed = parseCall(request.method, request.path);
  if (!parsed.ok && parsed.code === 'bad-call') return badRequest(acc, parsed.message);
  const evaluatedAt = evaluationTime(model, request.at, options.now);
  acc.evaluatedAt = evaluatedAt;
  const at = evaluatedAt.at;
  const clientIp = request.clientIp ?? DEFAULT_CLIENT_IP;
  const appKeyInUrl = parsed.ok ? parsed.call.appKeyInUrl : parsed.appKeyInUrl;

  // §9.1 authentication.
  const auth = authenticate(model, request.credentials, {
    clientIp,
    at,
    atSource: evaluatedAt.source,
    ...(appKeyInUrl !== undefined ? { appKeyInUrl } : {}),
  });
  acc.steps.push(auth.step);
  if (!auth.ok) {
    auth.optionsUsed.forEach(o => acc.options.add(o));
    return finish(acc, {
      status: 401,
      outcome: 'denied',
      body: auth.body,
      deciding: auth.deciding,
    });
  }
  const user = auth.user;
  acc.user = user;

  // Routing: a wrong method on a valid path.
  if (!parsed.ok) {
    acc.steps.push({
      kind: 'lookup',
      verdict: 'fail',
      text: `${parsed.method} is not a method ThingWorx routes on this path (it accepts ${parsed.allowed.join(' or ')}): 405 Method Not Allowed.`,
      details: [parsed.message],
      refs: [],
      cites: ['§5.4', '§11.11'],
      inferences: [
        '[INF] authentication is checked before the method (the order of 401 and 405 is undocumented, §11.11).',
      ],
    });
    return finish(acc, {
      status: 405,
      outcome: 'denied',
      body: METHOD_NOT_ALLOWED_BODY,
      deciding: { step: 'lookup', where: 'method', effect: 'method-not-allowed' },
    });
  }
  const call = parsed.call;

  // §9.2 principal set.
  const principals = decider.principals(user);
  acc.steps.push(principalsStep(principals));

  const op = call.operation;
  if (op.op === 'collection-list')
    return listCollection(model, decider, acc, principals, op.collection);
  return entityCall(
    model,
    decider,
    acc,
    principals,
    op,
    request,
    at,
    options.services ?? diagnosticServices,
  );
}

/** The explanation step of the gate's bypass (§9.3); the decision itself is the gate's (gate.ts). */
function bypassStep(
  model: Model,
  p: PrincipalSet,
  owner: string | undefined,
  by: Bypass | undefined,
): Step {
  const adminPath = p.groups.find(g => g.name === 'Administrators')?.path ?? [];
  if (by === 'admin') {
    return {
      kind: 'bypass',
      verdict: 'pass',
      text: `${p.user} is a member of Administrators (${adminPath.join(' -> ')}): Administrators have "full visibility, run time, and design time permissions"; visibility and permission checks are skipped.`,
      details: [
        'Option adminBypass = true decided: the bypass is unconditional, even over an explicit Deny (§11.5).',
      ],
      refs: [
        { type: 'group', name: 'Administrators' },
        { type: 'option', name: 'adminBypass' },
      ],
      cites: ['§9.3', '§3.3', '§11.5'],
      options: ['adminBypass'],
      inferences: ['[INF] an explicit Deny does not restrict an administrator (§3.3, §11.5).'],
    };
  }
  if (by === 'owner') {
    return {
      kind: 'bypass',
      verdict: 'pass',
      text: `${p.user} owns this entity: the owner has all visibility, design-time and run-time permissions on it and "these cannot be limited"; visibility and permission checks are skipped.`,
      details: ['Option ownerBypass = true decided.'],
      refs: [
        { type: 'user', name: p.user },
        { type: 'option', name: 'ownerBypass' },
      ],
      cites: ['§9.3', '§1.10'],
      options: ['ownerBypass'],
    };
  }
  const notes: string[] = [];
  const opts: (keyof Semantics)[] = [];
  if (p.isAdmin) {
    notes.push(
      'Option adminBypass = false: members of Administrators are checked like any other user.',
    );
    opts.push('adminBypass');
  }
  if (owner !== undefined && owner === p.user) {
    notes.push('Option ownerBypass = false: the owner is checked like any other user.');
    opts.push('ownerBypass');
  }
  return {
    kind: 'bypass',
    verdict: 'info',
    text: `No bypass: ${p.user} is not in Administrators${owner !== undefined ? ` and does not own it (owner ${owner})` : ''}${opts.length ? ', or the bypass is switched off' : ''}.`,
    details: notes,
    refs: [],
    cites: ['§9.3'],
    ...(opts.length ? { options: opts } : {}),
  };
}

/** The gate's visibility test with the explaining verdict kept (for the visibility step). */
type VisibilityProbe = {
  user: string;
  target: EntityTarget;
  verdict: VisibilityVerdict | undefined;
};
function probeVisibility(decider: Decider, probe: VisibilityProbe): boolean {
  probe.verdict = decider.visibility(probe.user, probe.target);
  return probe.verdict.visible;
}

function notFound(
  acc: Acc,
  text: string,
  details: string[],
  deciding: DecidingKey,
  cites: string[],
): Decision {
  acc.steps.push({ kind: 'lookup', verdict: 'fail', text, details, refs: [], cites });
  return finish(acc, { status: 404, outcome: 'denied', body: NOT_FOUND_BODY, deciding });
}

function entityCall(
  model: Model,
  decider: Decider,
  acc: Acc,
  p: PrincipalSet,
  op: Exclude<Operation, { op: 'collection-list' }>,
  request: RestRequest,
  at: string,
  services: ServiceHandler[],
): Decision {
  const target: EntityTarget = { collection: op.collection, name: op.entity };
  const found = lookupEntity(model, op.collection, op.entity);
  const where = `${op.collection}/${op.entity}`;

  // Creating: PUT on a new name, or POST on an entity path (§5.10: Create on the collection).
  if (op.op === 'entity-create' || (op.op === 'entity-update' && !found)) {
    return createEntity(
      model,
      decider,
      acc,
      p,
      target,
      found !== undefined,
      op.op === 'entity-update' ? 'PUT' : 'POST',
    );
  }
  if (!found) {
    return notFound(
      acc,
      `${op.collection} has no entity named "${op.entity}": 404.`,
      ['§5.9: GET /Thingworx/{Collection}/{Name} answers 404 for a missing entity.'],
      { step: 'lookup', where, effect: 'missing' },
      ['§9.4', '§5.4', '§5.9'],
    );
  }
  let characteristic: CharacteristicLookup | undefined;
  const ch = CHARACTERISTIC[op.op];
  if (ch && 'name' in op) {
    characteristic = lookupCharacteristic(model, op.collection, op.entity, ch.kind, op.name);
    if (characteristic.status === 'missing') {
      return notFound(
        acc,
        `${op.entity} exists but has no ${ch.kind} "${op.name}" (not defined on the entity, its templates or its shapes): 404.`,
        ['Names are case-sensitive.'],
        { step: 'lookup', where, resource: op.name, effect: 'missing' },
        ['§9.4', '§5.4', '§5.6'],
      );
    }
  }
  acc.steps.push({
    kind: 'lookup',
    verdict: 'pass',
    text:
      characteristic?.status === 'found' && 'name' in op
        ? `${where} exists; its ${ch?.kind} "${op.name}" is defined by ${refWords(characteristic.definedBy)}.`
        : `${where} exists${found.owner !== undefined ? ` (owner ${found.owner})` : ''}.`,
    details: [],
    refs: [found.ref, ...(characteristic?.status === 'found' ? [characteristic.definedBy] : [])],
    cites: ['§9.4'],
  });
  if (characteristic?.status === 'not-modelled' && 'name' in op) {
    acc.unknowns.push(
      `The model does not list the built-in ${ch?.kind}s of ${where}; PermSim cannot tell whether "${op.name}" exists there (if it does not, ThingWorx answers 404).`,
    );
  }

  const thingDisabled =
    op.collection === 'Things' && ownEntry(model.things, op.entity)?.enabled === false;

  // §9.3-9.5 through the one gate; the visibility verdict is kept for its explanation step.
  const probe: VisibilityProbe = { user: p.user, target, verdict: undefined };
  const g = gate(model.semantics, p.user, p.isAdmin, found.owner, probeVisibility, decider, probe);
  const by = g === 'admin' || g === 'owner' ? g : undefined;
  acc.steps.push(bypassStep(model, p, found.owner, by));
  if (probe.verdict) acc.steps.push(visibilityStep(model, p, target, probe.verdict));
  if (g === 'invisible')
    return finish(acc, {
      status: 404,
      outcome: 'denied',
      body: NOT_FOUND_BODY,
      deciding: { step: 'visibility', where, effect: 'invisible' },
    });
  const bypassKey: DecidingKey | undefined = by
    ? { step: 'bypass', where: by, effect: 'allow' }
    : undefined;

  // Design-time operations (§5.10).
  if (
    op.op === 'entity-read' ||
    op.op === 'definitions-read' ||
    op.op === 'entity-update' ||
    op.op === 'entity-delete'
  ) {
    const kind = DESIGN_KIND[op.op];
    let deciding = bypassKey;
    if (!deciding) {
      const v = decider.designtime(p.user, target, { kind });
      const s = designStep(model, p.user, target, { kind }, v);
      if (op.op === 'entity-read' || op.op === 'definitions-read')
        s.step.inferences = [
          ...(s.step.inferences ?? []),
          '[INF] reading an entity or its definitions needs design-time Read (§5.10); what else ThingWorx checks is open (§11.10).',
        ];
      acc.steps.push(s.step);
      if (!v.allowed)
        return finish(acc, {
          status: 403,
          outcome: 'denied',
          body: notAuthorizedDesign(kind, op.entity, op.collection),
          deciding: s.deciding,
        });
      deciding = s.deciding;
    }
    acc.unknowns.push(
      op.op === 'entity-read' || op.op === 'definitions-read'
        ? 'Entity metadata is not simulated; the body is empty.'
        : `The ${kind === 'Update' ? 'update' : 'deletion'} is not applied to the model.`,
    );
    return finish(acc, { status: 200, outcome: 'allowed', body: '', deciding });
  }

  if (op.op === 'properties-read-all')
    return readAllProperties(model, decider, acc, p, target, bypassKey);

  // Run-time operations: property read/write, service, event.
  const rt = ch as { kind: CharacteristicKind; runtime: RuntimeKind };
  const name = op.name;
  let deciding = bypassKey;
  if (!deciding) {
    const check = { kind: rt.runtime, resource: name };
    const v = decider.runtime(p.user, target, check);
    const s = runtimeStep(model, p.user, target, check, v);
    acc.steps.push(s.step);
    if (!v.allowed) {
      const status = model.semantics.denialStatus;
      if (status !== 403) {
        acc.steps.push({
          kind: 'runtime',
          verdict: 'info',
          text: `Option denialStatus = ${status} decided the status of this denial (§11.1).`,
          details: [],
          refs: [{ type: 'option', name: 'denialStatus' }],
          cites: ['§11.1'],
          options: ['denialStatus'],
        });
      }
      return finish(acc, {
        status,
        outcome: 'denied',
        body: notAuthorizedRuntime(rt.runtime, name, op.entity),
        deciding: s.deciding,
      });
    }
    deciding = s.deciding;
  }
  const disabledNote = `${op.entity} is disabled; what ThingWorx answers for run-time calls on a disabled Thing is not documented, so this permitted call is reported as UNKNOWN.`;
  if (thingDisabled) acc.unknowns.push(disabledNote);
  const notModelled = characteristic?.status === 'not-modelled' || thingDisabled;
  if (op.op !== 'service-invoke') {
    if (op.op === 'property-write')
      acc.unknowns.push('The written value is not applied to the model.');
    return finish(acc, {
      status: 200,
      outcome: notModelled ? 'unknown' : 'allowed',
      body: '',
      deciding,
    });
  }
  const result = serviceResult(
    model,
    decider,
    acc,
    p,
    target,
    name,
    request,
    at,
    services,
    deciding,
    characteristic,
  );
  return thingDisabled && result.outcome === 'allowed' ? { ...result, outcome: 'unknown' } : result;
}

function refWords(r: ElementRef): string {
  switch (r.type) {
    case 'thing':
      return `Thing ${r.name}`;
    case 'template':
      return `template ${r.name}`;
    case 'shape':
      return `Thing Shape ${r.name}`;
    case 'other':
      return `${r.collection}/${r.name}`;
    default:
      return `${r.type} ${'name' in r ? r.name : ''}`;
  }
}

function createEntity(
  model: Model,
  decider: Decider,
  acc: Acc,
  p: PrincipalSet,
  target: EntityTarget,
  exists: boolean,
  method: string,
): Decision {
  const collectionRef: ElementRef = { type: 'collection', name: target.collection as 'Things' };
  acc.steps.push({
    kind: 'lookup',
    verdict: exists ? 'unknown' : 'pass',
    text: exists
      ? `${method} on ${target.collection}/${target.name}, which already exists: treated as a create.`
      : `${target.collection} has no entity "${target.name}": ${method} creates it, which needs design-time Create on the collection ${target.collection}.`,
    details: [],
    refs: [collectionRef],
    cites: ['§5.10', '§9.4'],
  });
  const by = bypassOf(model.semantics, p.user, p.isAdmin, undefined);
  acc.steps.push(bypassStep(model, p, undefined, by));
  let deciding: DecidingKey;
  if (by) {
    deciding = { step: 'bypass', where: by, effect: 'allow' };
  } else {
    const v = decider.designtime(p.user, target, { kind: 'Create' });
    const s = designStep(model, p.user, target, { kind: 'Create' }, v);
    s.step.inferences = [
      ...(s.step.inferences ?? []),
      '[INF] creating checks design-time Create on the collection; whether visibility of the collection is also required is undocumented.',
    ];
    acc.steps.push(s.step);
    if (!v.allowed)
      return finish(acc, {
        status: 403,
        outcome: 'denied',
        body: notAuthorizedDesign('Create', target.name, target.collection),
        deciding: s.deciding,
      });
    deciding = s.deciding;
  }
  if (exists) {
    acc.unknowns.push(
      `${target.collection}/${target.name} already exists; ThingWorx's answer to creating an existing entity is not documented.`,
    );
    return finish(acc, { status: 200, outcome: 'unknown', body: '', deciding });
  }
  acc.unknowns.push('The new entity is not added to the model.');
  return finish(acc, { status: 200, outcome: 'allowed', body: '', deciding });
}

function readAllProperties(
  model: Model,
  decider: Decider,
  acc: Acc,
  p: PrincipalSet,
  target: EntityTarget,
  bypassKey: DecidingKey | undefined,
): Decision {
  if (target.collection !== 'Things') {
    acc.unknowns.push(
      `Reading all properties of ${target.collection}/${target.name} is not modelled.`,
    );
    return finish(acc, {
      status: 200,
      outcome: 'unknown',
      body: '',
      deciding: bypassKey ?? {
        step: 'lookup',
        where: `${target.collection}/${target.name}`,
        effect: 'not-modelled',
      },
    });
  }
  const props = allProperties(model, target.name);
  if (bypassKey) {
    const result = { rows: [Object.fromEntries(props.map(n => [n, null]))] };
    return finish(acc, {
      status: 200,
      outcome: 'allowed',
      body: JSON.stringify(result),
      result,
      deciding: bypassKey,
    });
  }
  const readable: string[] = [];
  const denied: string[] = [];
  for (const prop of props)
    (decider.runtime(p.user, target, { kind: 'PropertyRead', resource: prop }).allowed
      ? readable
      : denied
    ).push(prop);
  acc.steps.push({
    kind: 'runtime',
    verdict: denied.length === 0 ? 'pass' : 'unknown',
    text: `PropertyRead per property of ${target.name}: readable ${readable.join(', ') || 'none'}; denied ${denied.join(', ') || 'none'}.`,
    details: [],
    refs: [{ type: 'thing', name: target.name }],
    cites: ['§5.10', '§11.10'],
    inferences: ['[INF] GET …/Properties is checked as PropertyRead on each property.'],
  });
  const effect = denied.length === 0 ? 'all' : readable.length === 0 ? 'none' : 'some';
  const deciding: DecidingKey = { step: 'runtime', where: 'per-property', resource: '*', effect };
  const result = { rows: [Object.fromEntries(readable.map(n => [n, null]))] };
  if (denied.length === 0)
    return finish(acc, {
      status: 200,
      outcome: 'allowed',
      body: JSON.stringify(result),
      result,
      deciding,
    });
  acc.unknowns.push(
    `Whether ThingWorx filters out the properties the user may not read (${denied.join(', ')}) or refuses the whole call is not documented (§11.10).`,
  );
  if (readable.length === 0)
    return finish(acc, {
      status: 403,
      outcome: 'unknown',
      body: notAuthorizedRuntime('PropertyRead', '*', target.name),
      deciding,
    });
  return finish(acc, {
    status: 200,
    outcome: 'unknown',
    body: JSON.stringify(result),
    result,
    deciding,
  });
}

/** Every property a Thing has: its own, its shapes', its template chain's (and their shapes'). */
function allProperties(model: Model, thing: string): string[] {
  const t = ownEntry(model.things, thing);
  if (!t) return [];
  const out: string[] = [];
  const add = (list: string[]) => list.forEach(n => out.includes(n) || out.push(n));
  add(t.properties);
  t.shapes.forEach(s => add(ownEntry(model.shapes, s)?.properties ?? []));
  for (const tpl of templateChain(model, t.template)) {
    const def = ownEntry(model.templates, tpl);
    add(def?.properties ?? []);
    def?.shapes.forEach(s => add(ownEntry(model.shapes, s)?.properties ?? []));
  }
  return out;
}

function listCollection(
  model: Model,
  decider: Decider,
  acc: Acc,
  p: PrincipalSet,
  collection: string,
): Decision {
  acc.steps.push(
    bypassStep(model, p, undefined, bypassOf(model.semantics, p.user, p.isAdmin, undefined)),
  );
  const names = entityNames(model, collection);
  const visible: string[] = [];
  const hidden: string[] = [];
  for (const name of names) {
    const owner = lookupEntity(model, collection, name)?.owner;
    const target = { collection, name };
    const g = decideGate(model.semantics, decider, p.user, p.isAdmin, owner, target);
    (g === 'invisible' ? hidden : visible).push(name);
  }
  const shown = (list: string[]) =>
    list.length > 50
      ? `${list.slice(0, 50).join(', ')} and ${list.length - 50} more`
      : list.join(', ') || 'none';
  acc.steps.push({
    kind: 'visibility',
    verdict: 'pass',
    text: `GET ${collection} lists only the entities ${p.user} can see: ${visible.length} of ${names.length}.`,
    details: [`listed: ${shown(visible)}`, `hidden (not visible): ${shown(hidden)}`],
    refs: [{ type: 'collection', name: collection as 'Things' }],
    cites: ['§4.10', '§9.5'],
    inferences: [
      '[INF] listing needs no permission beyond visibility (§4.10 describes only the filtering).',
    ],
  });
  const result = {
    dataShape: { fieldDefinitions: { name: { name: 'name', baseType: 'STRING' } } },
    rows: visible.map(name => ({ name })),
  };
  return finish(acc, {
    status: 200,
    outcome: 'allowed',
    body: JSON.stringify(result),
    result,
    deciding: { step: 'visibility', where: `collection:${collection}`, effect: 'list' },
  });
}

function serviceResult(
  model: Model,
  decider: Decider,
  acc: Acc,
  p: PrincipalSet,
  target: EntityTarget,
  service: string,
  request: RestRequest,
  at: string,
  services: ServiceHandler[],
  deciding: DecidingKey,
  characteristic: CharacteristicLookup | undefined,
): Decision {
  const ctx = {
    model,
    user: p.user,
    principals: p,
    decider,
    target,
    service,
    body: request.body,
    at,
  };
  for (const handler of services) {
    const out = handler(ctx);
    if (!out) continue;
    acc.steps.push(...out.steps);
    acc.unknowns.push(...(out.unknowns ?? []));
    const failed = out.status >= 400;
    return finish(acc, {
      status: out.status,
      outcome: out.outcome,
      body: out.body,
      ...(out.result !== undefined ? { result: out.result } : {}),
      deciding: failed
        ? {
            step: 'service',
            where: `${target.collection}/${target.name}`,
            resource: service,
            effect: 'error',
          }
        : deciding,
    });
  }
  const builtin =
    characteristic?.status === 'found'
      ? characteristic.builtin || isBuiltinDefiner(model, characteristic.definedBy)
      : false;
  if (isBulkPropertyService(service)) {
    const text = `${service} is permitted (ServiceInvoke on ${service}); whether ThingWorx also checks PropertyRead/PropertyWrite on each property is open (§11.10), so the answer is UNKNOWN.`;
    acc.steps.push({
      kind: 'unknown',
      verdict: 'unknown',
      text,
      details: [],
      refs: [],
      cites: ['§11.10', '§10.16', '§5.10'],
    });
    acc.unknowns.push(text);
    return finish(acc, { status: 200, outcome: 'unknown', body: '', deciding });
  }
  if (isPermissionMutator(service)) {
    const text = `${service} changes permissions; what ThingWorx checks beyond ServiceInvoke (e.g. design-time Update) is not documented, and PermSim does not apply the change.`;
    acc.steps.push({
      kind: 'unknown',
      verdict: 'unknown',
      text,
      details: [],
      refs: [],
      cites: ['§8.1'],
    });
    acc.unknowns.push(text);
    return finish(acc, { status: 200, outcome: 'unknown', body: '', deciding });
  }
  if (characteristic?.status === 'not-modelled') {
    return finish(acc, { status: 200, outcome: 'unknown', body: '', deciding });
  }
  const text = builtin
    ? `The platform check lets ${service} run; PermSim does not compute the result of this built-in service.`
    : `The platform check lets ${service} run; its service script is not modelled. Services it calls inside run with the caller's permissions, or with the System user's where System is permitted (§3.7).`;
  acc.steps.push({
    kind: 'service',
    verdict: 'info',
    text,
    details: [],
    refs: [],
    cites: builtin ? ['§8.1'] : ['§3.7', '§9.8'],
  });
  acc.unknowns.push(text);
  return finish(acc, { status: 200, outcome: 'allowed', body: '', deciding });
}

function isBuiltinDefiner(model: Model, r: ElementRef): boolean {
  if (r.type === 'template') return ownEntry(model.templates, r.name)?.builtin === true;
  if (r.type === 'shape') return ownEntry(model.shapes, r.name)?.builtin === true;
  if (r.type === 'other')
    return ownEntry(model.others, `${r.collection}/${r.name}`)?.builtin === true;
  return false;
}
