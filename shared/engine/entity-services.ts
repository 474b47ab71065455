/**
 * Creating and deleting entities through the `EntityServices` resource (domain reference §5.10,
 * §8.4): `CreateThing(name, …)`, `CreateThingWithOwner(name, owner, …)`, `DeleteThing(name)`, and
 * the same pattern for the other entity types (`CreateOrganization`, `CreateApplicationKey`, …).
 *
 * ServiceInvoke on the service lets the call reach the service (the pipeline checks it first); the
 * service then creates or deletes an entity, which needs what the REST call doing the same needs
 * (§5.10 "creating -> Create on the collection", PUT/DELETE entity -> Update/Delete): design-time
 * Create on the entity's collection, or design-time Delete on the entity. Denied -> 403 with the
 * design-time body PermSim gives `PUT /Thingworx/Things/{new}` (shared/rest/bodies.ts).
 * Decisions [INF]: the Administrators bypass applies as on the REST call, the owner bypass to a
 * deletion; a missing `name` is the service's error (status 500, outcome unknown, as the
 * diagnostic services answer bad parameters, §10.24). The entity is not added to or removed from
 * the model.
 *
 * @example
 * evaluate(model, { method: 'POST', path: '/Thingworx/Resources/EntityServices/Services/CreateThingWithOwner',
 *   credentials: { type: 'basic', user: 'bob' }, body: { name: 'T9', owner: 'bob', thingTemplateName: 'GenericThing' } }).status;
 * // 403 when bob may invoke the service but has no design-time Create on Things
 */
import type { DesignKind } from '../model/types';
import type { Step } from '../model/decision';
import { own } from '../model/own';
import { notAuthorizedDesign } from '../rest/bodies';
import { collectionForEntityType } from '../rest/collections';
import { lookupEntity } from '../rest/lookup';
import { designStep } from './explain-steps';
import type { ServiceContext, ServiceHandler, ServiceOutcome } from './service-handler';

const PATTERN =
  /^(Create|Delete)(Thing|ThingTemplate|ThingShape|DataShape|Mashup|User|Group|Organization|ApplicationKey)(WithOwner)?$/;

const CITES = ['§5.10', '§8.4'];

function paramError(message: string): ServiceOutcome {
  return {
    status: 500,
    outcome: 'unknown',
    body: message,
    steps: [
      {
        kind: 'service',
        verdict: 'fail',
        text: `The service throws: ${message}`,
        details: [],
        refs: [],
        cites: [...CITES, '§10.24'],
      },
    ],
    unknowns: ['The HTTP status of a service error is not documented (§10.24).'],
  };
}

function answer(ctx: ServiceContext): ServiceOutcome | undefined {
  if (ctx.target.collection !== 'Resources' || ctx.target.name !== 'EntityServices')
    return undefined;
  const m = PATTERN.exec(ctx.service);
  if (!m) return undefined;
  const action = m[1] as 'Create' | 'Delete';
  const type = m[2] as string;
  const collection = collectionForEntityType(type) as string;
  const body = ctx.body;
  const params =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  const name = own(params, 'name');
  if (typeof name !== 'string' || name === '')
    return paramError(
      `${ctx.service}: parameter "name" is required and must be a non-empty string.`,
    );

  const { model, principals: p } = ctx;
  const target = { collection, name };
  const existing = lookupEntity(model, collection, name);
  if (action === 'Delete' && !existing)
    return paramError(`${ctx.service}: ${type} "${name}" does not exist.`);
  const kind: DesignKind = action;
  const sem = model.semantics;
  const bypass =
    p.isAdmin && sem.adminBypass
      ? 'admin'
      : action === 'Delete' && sem.ownerBypass && existing?.owner === p.user
        ? 'owner'
        : undefined;
  const what =
    action === 'Create'
      ? `creates ${type} "${name}", which needs design-time Create on the collection ${collection}`
      : `deletes ${type} "${name}", which needs design-time Delete on it`;
  const steps: Step[] = [
    {
      kind: 'service',
      verdict: 'info',
      text: `${ctx.service} ${what} besides ServiceInvoke on the service.`,
      details: [],
      refs: [{ type: 'collection', name: collection as 'Things' }],
      cites: CITES,
      inferences: [
        '[INF] an entity service needs the design-time permission the REST call doing the same needs (§5.10).',
      ],
    },
  ];
  if (bypass) {
    steps.push({
      kind: 'service',
      verdict: 'pass',
      text: `${p.user} ${bypass === 'admin' ? 'is in Administrators' : `owns ${name}`}: design-time ${kind} is not checked (bypass, §9.3).`,
      details: [],
      refs: [],
      cites: ['§9.3'],
      options: [bypass === 'admin' ? 'adminBypass' : 'ownerBypass'],
    });
  } else {
    const v = ctx.decider.designtime(p.user, target, { kind });
    const s = designStep(model, p.user, target, { kind }, v);
    steps.push({ ...s.step, kind: 'service', cites: [...CITES, ...s.step.cites] });
    if (!v.allowed)
      return {
        status: 403,
        outcome: 'denied',
        body: notAuthorizedDesign(kind, name, collection),
        steps,
      };
  }
  const unknowns =
    action === 'Create' && existing
      ? [
          `${collection}/${name} already exists; what ${ctx.service} answers then is not documented.`,
        ]
      : [
          action === 'Create'
            ? `The new ${type} is not added to the model.`
            : `${type} "${name}" is not removed from the model.`,
        ];
  return {
    status: 200,
    outcome: action === 'Create' && existing ? 'unknown' : 'allowed',
    body: '',
    steps,
    unknowns,
  };
}

/** The EntityServices create/delete services: design-time Create on the collection, or Delete on the entity. */
export const entityServicesHandler: ServiceHandler = answer;
