/**
 * Diagnostic services answered as a real server would after the platform check let the call through
 * (domain reference §8.1-8.3):
 * - `Resources/CurrentSessionInfo`: GetCurrentUser, GetCurrentUserGroups, GetCurrentUserOrganizations,
 *   GetCurrentUserOrganizationalUnits;
 * - on any entity: CheckPermission(name, type), CheckPermissionForUser(name, type, user),
 *   CheckPermissionForGroup(name, type, group), CheckDesignTimePermission(type) and its ForUser/ForGroup
 *   variants, GetPermissionsForCurrentUser(name, permissionName), GetPermissionsForUser(name, user,
 *   permissionName), GetPermissionsForGroup(name, group, permissionName) -> DataShape UserPermissions {name, isPermitted};
 * - `Resources/SecurityServices`: EvaluateRuntimePermission(resource, name, permission, type),
 *   EvaluateDesignTimePermission(name, permission, type), EvaluateVisibilityPermission(name, type).
 *
 * Results are infotable-shaped JSON `{ dataShape: { fieldDefinitions }, rows }`. Decisions [INF]: the checks
 * apply the Administrators and owner bypasses of §9.3 (as the platform would answer the same call) and do
 * not test visibility, except EvaluateVisibilityPermission, which is "visible and/or exists" (§8.2).
 * A group's check pools the group and every group it is (transitively) a member of (§2.11).
 * Bad parameters -> status 500, outcome 'unknown' with a message naming the parameter: the HTTP status of a
 * service error is not documented (§10.24).
 *
 * @example
 * evaluate(model, { method: 'POST', path: '/Thingworx/Things/SensorDataStream/Services/CheckPermissionForUser',
 *   credentials: { type: 'basic', user: 'Administrator' }, body: { name: 'temperature', type: 'PropertyRead', user: 'bob' } },
 *   decider, { services: diagnosticServices }).result; // { dataShape: ..., rows: [{ result: true }] }
 */
import { DESIGN_KINDS, RUNTIME_KINDS } from '../model/types';
import type { DesignKind, Model, RuntimeKind } from '../model/types';
import { collectionForEntityType } from '../rest/collections';
import { lookupEntity } from '../rest/lookup';
import type { Decider, EntityTarget } from './decider';
import { bypassOf, decideGate } from './gate';
import type { PrincipalSet, Step } from '../model/decision';
import { designStep, runtimeStep } from './explain-steps';
import type { ServiceContext, ServiceHandler, ServiceOutcome } from './service-handler';
import { own, setOwn } from '../model/own';

type FieldType = 'STRING' | 'BOOLEAN' | 'USERNAME' | 'GROUPNAME' | 'ORGANIZATIONNAME';

/** An infotable as ThingWorx renders it in JSON. */
export function infotable(fields: Record<string, FieldType>, rows: Record<string, unknown>[]) {
  return {
    dataShape: {
      fieldDefinitions: Object.fromEntries(
        Object.entries(fields).map(([name, baseType]) => [name, { name, baseType }]),
      ),
    },
    rows,
  };
}

/**
 * A bad service parameter, thrown to unwind to the handler that reports it as the service's error.
 * Deliberately not an Error: no stack trace is captured, which matters because the what-if diff asks
 * these handlers about every permitted cell with an empty body (shared/engine/outcome.ts).
 */
class ParamError {
  constructor(readonly message: string) {}
}

function params(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body))
    throw new ParamError('The service parameters must be a JSON object.');
  return body as Record<string, unknown>;
}

function str(p: Record<string, unknown>, key: string, service: string): string {
  const v = own(p, key);
  if (typeof v !== 'string' || v === '')
    throw new ParamError(
      `${service}: parameter "${key}" is required and must be a non-empty string.`,
    );
  return v;
}

function runtimeKind(p: Record<string, unknown>, key: string, service: string): RuntimeKind {
  const v = str(p, key, service);
  if (!(RUNTIME_KINDS as readonly string[]).includes(v))
    throw new ParamError(
      `${service}: parameter "${key}" = "${v}" is not a run-time permission type; expected one of ${RUNTIME_KINDS.join(', ')} (case-sensitive).`,
    );
  return v as RuntimeKind;
}

function designKind(p: Record<string, unknown>, key: string, service: string): DesignKind {
  const v = str(p, key, service);
  if (!(DESIGN_KINDS as readonly string[]).includes(v))
    throw new ParamError(
      `${service}: parameter "${key}" = "${v}" is not a design-time permission type; expected one of ${DESIGN_KINDS.join(', ')} (case-sensitive).`,
    );
  return v as DesignKind;
}

function existingUser(
  model: Model,
  p: Record<string, unknown>,
  key: string,
  service: string,
): string {
  const v = str(p, key, service);
  if (!own(model.users, v)) throw new ParamError(`${service}: user "${v}" does not exist.`);
  return v;
}

function existingGroup(
  model: Model,
  p: Record<string, unknown>,
  key: string,
  service: string,
): string {
  const v = str(p, key, service);
  if (!own(model.groups, v)) throw new ParamError(`${service}: group "${v}" does not exist.`);
  return v;
}

const ok = (
  result: ReturnType<typeof infotable>,
  steps: Step[],
  unknowns: string[] = [],
): ServiceOutcome => ({
  status: 200,
  outcome: 'allowed',
  body: JSON.stringify(result),
  result,
  steps,
  ...(unknowns.length ? { unknowns } : {}),
});

const boolResult = (value: boolean) => infotable({ result: 'BOOLEAN' }, [{ result: value }]);

type Subject =
  { kind: 'user'; name: string; principals: PrincipalSet } | { kind: 'group'; name: string };

function bypassFor(
  model: Model,
  decider: Decider,
  subject: Subject,
  target: EntityTarget,
): 'admin' | 'owner' | undefined {
  // The gate's bypass step (gate.ts, §9.3); a group owns nothing, so only Administrators applies.
  if (subject.kind === 'user')
    return bypassOf(
      model.semantics,
      subject.name,
      subject.principals.isAdmin,
      lookupEntity(model, target.collection, target.name)?.owner,
    );
  const isAdmin = decider.groupClosure(subject.name).includes('Administrators');
  return bypassOf(model.semantics, subject.name, isAdmin, undefined);
}

function subjectWords(s: Subject): string {
  return `${s.kind} ${s.name}`;
}

function runtimeCheck(
  ctx: ServiceContext,
  subject: Subject,
  target: EntityTarget,
  kind: RuntimeKind,
  resource: string,
  label: string,
): { allowed: boolean; steps: Step[] } {
  const { model } = ctx;
  const by = bypassFor(model, ctx.decider, subject, target);
  if (by) {
    return {
      allowed: true,
      steps: [
        {
          kind: 'service',
          verdict: 'pass',
          text: `${label} -> true: ${subjectWords(subject)} ${by === 'admin' ? 'is in Administrators' : 'owns the entity'} (bypass, §9.3).`,
          details: [],
          refs: [],
          cites: ['§8.1', '§9.3'],
          options: [by === 'admin' ? 'adminBypass' : 'ownerBypass'],
          inferences: [
            '[INF] the diagnostic services apply the same bypasses as the platform check.',
          ],
        },
      ],
    };
  }
  const check = { kind, resource };
  const v =
    subject.kind === 'user'
      ? ctx.decider.runtime(subject.name, target, check)
      : ctx.decider.runtimeForGroup(subject.name, target, check);
  const s = runtimeStep(model, subject.name, target, check, v);
  return {
    allowed: v.allowed,
    steps: [
      {
        ...s.step,
        kind: 'service',
        verdict: 'info',
        text: `${label} -> ${String(v.allowed)}: ${s.step.text}`,
        cites: ['§8.1', ...s.step.cites],
      },
    ],
  };
}

function designCheck(
  ctx: ServiceContext,
  subject: Subject,
  target: EntityTarget,
  kind: DesignKind,
  label: string,
): { allowed: boolean; steps: Step[] } {
  const { model } = ctx;
  const by = bypassFor(model, ctx.decider, subject, target);
  if (by) {
    return {
      allowed: true,
      steps: [
        {
          kind: 'service',
          verdict: 'pass',
          text: `${label} -> true: ${subjectWords(subject)} ${by === 'admin' ? 'is in Administrators' : 'owns the entity'} (bypass, §9.3).`,
          details: [],
          refs: [],
          cites: ['§8.1', '§9.3'],
          options: [by === 'admin' ? 'adminBypass' : 'ownerBypass'],
        },
      ],
    };
  }
  const v =
    subject.kind === 'user'
      ? ctx.decider.designtime(subject.name, target, { kind })
      : ctx.decider.designtimeForGroup(subject.name, target, { kind });
  const s = designStep(model, subject.name, target, { kind }, v);
  return {
    allowed: v.allowed,
    steps: [
      {
        ...s.step,
        kind: 'service',
        verdict: 'info',
        text: `${label} -> ${String(v.allowed)}: ${s.step.text}`,
        cites: ['§8.1', ...s.step.cites],
      },
    ],
  };
}

const currentUser = (ctx: ServiceContext): Subject => ({
  kind: 'user',
  name: ctx.user,
  principals: ctx.principals,
});
const otherUser = (ctx: ServiceContext, name: string): Subject => ({
  kind: 'user',
  name,
  principals: ctx.decider.principals(name),
});

function sessionInfo(ctx: ServiceContext): ServiceOutcome | undefined {
  const p = ctx.principals;
  const step = (text: string): Step[] => [
    {
      kind: 'service',
      verdict: 'info',
      text,
      details: [],
      refs: [{ type: 'user', name: ctx.user }],
      cites: ['§8.3', '§9.2'],
    },
  ];
  switch (ctx.service) {
    case 'GetCurrentUser':
      return ok(
        infotable({ result: 'USERNAME' }, [{ result: ctx.user }]),
        step(`GetCurrentUser returns ${ctx.user}.`),
      );
    case 'GetCurrentUserGroups':
      return ok(
        infotable(
          { name: 'GROUPNAME' },
          p.groups.map(g => ({ name: g.name })),
        ),
        step(
          `GetCurrentUserGroups returns ${ctx.user}'s ${p.groups.length} group(s), nested memberships included.`,
        ),
        ['[INF] the row shape of GetCurrentUserGroups (one column "name") is not documented.'],
      );
    case 'GetCurrentUserOrganizations': {
      const orgs = [...new Set(p.units.map(u => u.org))];
      return ok(
        infotable(
          { name: 'ORGANIZATIONNAME' },
          orgs.map(name => ({ name })),
        ),
        step(`GetCurrentUserOrganizations returns ${orgs.join(', ') || 'none'}.`),
        [
          '[INF] the row shape of GetCurrentUserOrganizations (one column "name") is not documented.',
        ],
      );
    }
    case 'GetCurrentUserOrganizationalUnits':
      return ok(
        infotable(
          { organization: 'ORGANIZATIONNAME', name: 'STRING' },
          p.units.map(u => ({ organization: u.org, name: u.unit })),
        ),
        step(
          `GetCurrentUserOrganizationalUnits returns the units that list ${ctx.user} or one of its groups.`,
        ),
        [
          '[INF] the row shape of GetCurrentUserOrganizationalUnits (organization, name) is not documented.',
        ],
      );
    default:
      return undefined;
  }
}

function entityServices(ctx: ServiceContext): ServiceOutcome | undefined {
  const { model, target, service } = ctx;
  const p = () => params(ctx.body);
  const label = (args: Record<string, string>) =>
    `${service}(${Object.entries(args)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}) on ${target.name}`;
  const boolOut = (r: { allowed: boolean; steps: Step[] }) => ok(boolResult(r.allowed), r.steps);
  const permsOut = (name: string, r: { allowed: boolean; steps: Step[] }) =>
    ok(
      infotable({ name: 'STRING', isPermitted: 'BOOLEAN' }, [{ name, isPermitted: r.allowed }]),
      r.steps,
    );
  switch (service) {
    case 'CheckPermission': {
      const q = p();
      const name = str(q, 'name', service);
      const type = runtimeKind(q, 'type', service);
      return boolOut(
        runtimeCheck(ctx, currentUser(ctx), target, type, name, label({ name, type })),
      );
    }
    case 'CheckPermissionForUser': {
      const q = p();
      const name = str(q, 'name', service);
      const type = runtimeKind(q, 'type', service);
      const user = existingUser(model, q, 'user', service);
      return boolOut(
        runtimeCheck(ctx, otherUser(ctx, user), target, type, name, label({ name, type, user })),
      );
    }
    case 'CheckPermissionForGroup': {
      const q = p();
      const name = str(q, 'name', service);
      const type = runtimeKind(q, 'type', service);
      const group = existingGroup(model, q, 'group', service);
      return boolOut(
        runtimeCheck(
          ctx,
          { kind: 'group', name: group },
          target,
          type,
          name,
          label({ name, type, group }),
        ),
      );
    }
    case 'CheckDesignTimePermission': {
      const type = designKind(p(), 'type', service);
      return boolOut(designCheck(ctx, currentUser(ctx), target, type, label({ type })));
    }
    case 'CheckDesignTimePermissionForUser': {
      const q = p();
      const type = designKind(q, 'type', service);
      const user = existingUser(model, q, 'user', service);
      return boolOut(designCheck(ctx, otherUser(ctx, user), target, type, label({ type, user })));
    }
    case 'CheckDesignTimePermissionForGroup': {
      const q = p();
      const type = designKind(q, 'type', service);
      const group = existingGroup(model, q, 'group', service);
      return boolOut(
        designCheck(ctx, { kind: 'group', name: group }, target, type, label({ type, group })),
      );
    }
    case 'GetPermissionsForCurrentUser':
    case 'GetPermissionsForUser':
    case 'GetPermissionsForGroup': {
      const q = p();
      const name = str(q, 'name', service);
      const permissionName = runtimeKind(q, 'permissionName', service);
      const subject: Subject =
        service === 'GetPermissionsForCurrentUser'
          ? currentUser(ctx)
          : service === 'GetPermissionsForUser'
            ? otherUser(ctx, existingUser(model, q, 'user', service))
            : { kind: 'group', name: existingGroup(model, q, 'group', service) };
      const args: Record<string, string> = { name, permissionName };
      if (service !== 'GetPermissionsForCurrentUser') setOwn(args, subject.kind, subject.name);
      return permsOut(name, runtimeCheck(ctx, subject, target, permissionName, name, label(args)));
    }
    default:
      return undefined;
  }
}

function securityServices(ctx: ServiceContext): ServiceOutcome | undefined {
  const { model, service } = ctx;
  const entityTarget = (q: Record<string, unknown>): EntityTarget | undefined => {
    const name = str(q, 'name', service);
    const typeName = str(q, 'type', service);
    const collection = collectionForEntityType(typeName);
    if (!collection)
      throw new ParamError(
        `${service}: parameter "type" = "${typeName}" is not an entity type; expected e.g. Thing, ThingTemplate, ThingShape, Resource, Mashup.`,
      );
    return lookupEntity(model, collection, name) ? { collection, name } : undefined;
  };
  const missing = (q: Record<string, unknown>) =>
    ok(
      boolResult(false),
      [
        {
          kind: 'service',
          verdict: 'info',
          text: `${service} -> false: ${String(q['type'])} "${String(q['name'])}" does not exist.`,
          details: [],
          refs: [],
          cites: ['§8.2'],
        },
      ],
      ['[INF] a missing entity gives false rather than an error.'],
    );
  switch (service) {
    case 'EvaluateRuntimePermission': {
      const q = params(ctx.body);
      const permission = runtimeKind(q, 'permission', service);
      const resource =
        typeof q['resource'] === 'string' && q['resource'] !== '' ? q['resource'] : '*';
      const t = entityTarget(q);
      if (!t) return missing(q);
      const r = runtimeCheck(
        ctx,
        currentUser(ctx),
        t,
        permission,
        resource,
        `${service}(${permission} on ${resource} in ${t.name})`,
      );
      return ok(boolResult(r.allowed), r.steps);
    }
    case 'EvaluateDesignTimePermission': {
      const q = params(ctx.body);
      const permission = designKind(q, 'permission', service);
      const t = entityTarget(q);
      if (!t) return missing(q);
      const r = designCheck(
        ctx,
        currentUser(ctx),
        t,
        permission,
        `${service}(${permission} on ${t.name})`,
      );
      return ok(boolResult(r.allowed), r.steps);
    }
    case 'EvaluateVisibilityPermission': {
      const q = params(ctx.body);
      const t = entityTarget(q);
      if (!t) return missing(q);
      const owner = lookupEntity(model, t.collection, t.name)?.owner;
      const isAdmin = ctx.principals.isAdmin;
      // "Visible and/or exists" (§8.2): the gate up to visibility, without the run-time check.
      const g = decideGate(model.semantics, ctx.decider, ctx.user, isAdmin, owner, t);
      const by = g === 'admin' || g === 'owner' ? g : undefined;
      const visible = g !== 'invisible';
      return ok(boolResult(visible), [
        {
          kind: 'service',
          verdict: 'info',
          text: `${service}(${t.name}) -> ${String(visible)}: ${by ? `bypass (${by})` : visible ? `${t.name} is visible to ${ctx.user}` : `${t.name} is not visible to ${ctx.user}`} ("visible and/or exists", §8.2).`,
          details: [],
          refs: [],
          cites: ['§8.2', '§9.5'],
        },
      ]);
    }
    default:
      return undefined;
  }
}

function withErrors(handler: (ctx: ServiceContext) => ServiceOutcome | undefined): ServiceHandler {
  return ctx => {
    try {
      return handler(ctx);
    } catch (e) {
      if (!(e instanceof ParamError)) throw e;
      return {
        status: 500,
        outcome: 'unknown',
        body: e.message,
        steps: [
          {
            kind: 'service',
            verdict: 'fail',
            text: `The service throws: ${e.message}`,
            details: [],
            refs: [],
            cites: ['§8.1', '§10.24'],
          },
        ],
        unknowns: [
          'The HTTP status of a thrown service error is not documented (§10.24); 500 is shown as the likely one.',
        ],
      };
    }
  };
}

/** The diagnostic service handlers, in the order the pipeline asks them. */
export const diagnosticServices: ServiceHandler[] = [
  withErrors(ctx =>
    ctx.target.collection === 'Resources' && ctx.target.name === 'CurrentSessionInfo'
      ? sessionInfo(ctx)
      : undefined,
  ),
  withErrors(ctx =>
    ctx.target.collection === 'Resources' && ctx.target.name === 'SecurityServices'
      ? securityServices(ctx)
      : undefined,
  ),
  withErrors(entityServices),
];
