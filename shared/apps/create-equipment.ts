/**
 * Creating equipment in a context, as a user of ThingWorx Apps does (domain reference §7.3, §10.18):
 * Write on the context is needed to create equipment in it, and the creator automatically gets Write
 * on what it creates.
 *
 * The creator's Write is stored the way every equipment permission is stored (§7.14): through
 * `GrantUserPermissionsOnEntities` on the new equipment Thing, so the platform REST answers agree.
 * The creation itself is recorded in `apps.grants` as `{ service: 'CreateEquipment', params }`: that is
 * PermSim's record of the Apps UI action (not a context-manager service), and it keeps the order of
 * events when the model file is replayed: a propagation recorded before the creation does not reach
 * the new equipment (materialize.ts inserts it only when its record comes up). Whether the app also
 * makes the creator the platform *owner* of the new Thing (§1.10) is not documented, so it does not [INF].
 *
 * @example
 * const r = createEquipment(model, { creator: 'u4', context: 'DefaultContext', name: 'Line3', type: 'Line', parent: 'PlantSite' });
 * if (r.ok) effectiveEquipmentPermission(r.model, 'u4', 'DefaultContext', 'Line3').write; // true
 */
import type { Step } from '../model/decision';
import type { EquipmentContext, Model, Thing, ThingTemplate } from '../model/types';
import { emptyPermissionSet } from '../model/types';
import { effectiveEquipmentPermission } from './effective';
import {
  DEFAULT_RELATIONSHIPS,
  EQUIPMENT_BASE_TEMPLATE,
  MULTI_CONTEXT_TYPE,
  equipmentTemplateName,
} from './names';
import { invokeAppsService } from './services';
import { own } from '../model/own';

export type CreateEquipmentArgs = {
  /** The user creating the equipment. */
  creator: string;
  context: string;
  name: string;
  /** Site, Line, Asset or a further type of the relationship definitions (§7.2). */
  type: string;
  /** Parent equipment in the context; null for a new root of the context's network. */
  parent: string | null;
};

export type CreateEquipmentResult =
  { ok: true; model: Model; steps: Step[] } | { ok: false; message: string; steps: Step[] };

/** The record of a creation in `apps.grants`. */
export const CREATE_EQUIPMENT = 'CreateEquipment';

/** Creates `args.name` in `args.context` for `args.creator` and records it; never mutates `model`. */
export function createEquipment(model: Model, args: CreateEquipmentArgs): CreateEquipmentResult {
  const r = insertEquipment(model, args);
  if (!r.ok) return r;
  const record = { service: CREATE_EQUIPMENT, params: { ...args } };
  return {
    ...r,
    model: { ...r.model, apps: { ...r.model.apps, grants: [...r.model.apps.grants, record] } },
  };
}

/**
 * The creation without its record. materialize.ts replays recorded creations through this with
 * `replay: true`: the equipment Thing already exists then (generated, or declared in the file).
 */
export function insertEquipment(
  model: Model,
  args: CreateEquipmentArgs,
  opts: { replay?: boolean } = {},
): CreateEquipmentResult {
  const { creator, context, name, type, parent } = args;
  const steps: Step[] = [];
  const fail = (message: string, cites: string[]): CreateEquipmentResult => {
    steps.push({
      kind: 'service',
      verdict: 'fail',
      text: message,
      details: [],
      refs: [{ type: 'context', name: context }],
      cites,
    });
    return { ok: false, message, steps };
  };
  const ctx = own(model.apps.contexts, context);
  if (!ctx) return fail(`Context ${context} does not exist`, ['§7.1']);
  if (!own(model.users, creator)) return fail(`User: ${creator}, does not exist`, ['§7.16']);
  if (name.trim() === '' || type.trim() === '')
    return fail('The equipment needs a name and a type', ['§7.2']);
  if (own(ctx.equipment, name))
    return fail(`${name} is already equipment of context ${context}`, ['§7.1']);

  const onContext = effectiveEquipmentPermission(model, creator, context, context);
  steps.push(...onContext.steps);
  if (!onContext.write) {
    return fail(
      `${creator} cannot create equipment in ${context}: that needs Write on the context (${creator} has ${onContext.permission})`,
      ['§7.3'],
    );
  }

  const relationships =
    model.apps.relationships.length > 0 ? model.apps.relationships : DEFAULT_RELATIONSHIPS;
  if (parent !== null) {
    const p = own(ctx.equipment, parent);
    if (!p) return fail(`${parent} is not equipment of context ${context}`, ['§7.1']);
    if (!relationships.some(r => r.parent === p.type && r.child === type)) {
      return fail(
        `a ${type} cannot be a child of a ${p.type} (${parent} > ${name}); allowed: ${relationships.map(r => `${r.parent}>${r.child}`).join(', ')}`,
        ['§7.2'],
      );
    }
  }
  const existing = own(model.things, name);
  const elsewhere = Object.values(model.apps.contexts).find(c => own(c.equipment, name));
  const sharedAsset =
    elsewhere !== undefined &&
    type === MULTI_CONTEXT_TYPE &&
    own(elsewhere.equipment, name)?.type === type;
  if (existing && !sharedAsset && !(opts.replay && !elsewhere)) {
    return fail(
      elsewhere
        ? `${name} is a ${own(elsewhere.equipment, name)?.type} of context ${elsewhere.name}: only Assets may be in more than one context`
        : `an entity named ${name} already exists`,
      ['§7.1'],
    );
  }

  const nextCtx: EquipmentContext = {
    ...ctx,
    roots: parent === null ? [...ctx.roots, name] : ctx.roots,
    equipment: {
      ...ctx.equipment,
      [name]: { name, type, parent, children: [] },
      ...(parent !== null
        ? {
            [parent]: {
              ...(own(ctx.equipment, parent) as EquipmentContext['equipment'][string]),
              children: [...(own(ctx.equipment, parent)?.children ?? []), name],
            },
          }
        : {}),
    },
  };
  const tplName = equipmentTemplateName(type);
  const templates = own(model.templates, tplName)
    ? model.templates
    : { ...model.templates, [tplName]: equipmentTemplate(tplName) };
  const things = existing
    ? model.things
    : { ...model.things, [name]: equipmentThing(name, tplName) };
  const structured: Model = {
    ...model,
    templates,
    things,
    apps: { ...model.apps, contexts: { ...model.apps.contexts, [context]: nextCtx } },
  };

  const granted = invokeAppsService(structured, 'Administrator', 'GrantUserPermissionsOnEntities', {
    entities: { rows: [{ Name: name, Type: 'Equipment' }] },
    permissionType: 'Write',
    userNames: { rows: [{ UserName: creator }] },
  });
  if (!granted.ok) return fail(granted.message, ['§7.3']);
  steps.push({
    kind: 'service',
    verdict: 'pass',
    text: `${creator} created ${type} ${name} in ${context}${parent ? ` under ${parent}` : ''} and automatically got Write on it`,
    details: [
      'stored like every equipment grant: GrantUserPermissionsOnEntities (Write) rewrites the * block of the equipment Thing (§7.14)',
      'the creator is not made the platform owner of the Thing: the sources do not say the app does that [INF]',
    ],
    refs: [
      { type: 'context', name: context },
      { type: 'thing', name },
      { type: 'user', name: creator },
    ],
    cites: ['§7.3', '§7.14', '§10.18'],
  });
  return { ok: true, model: granted.model, steps };
}

function equipmentTemplate(name: string): ThingTemplate {
  return {
    name,
    base: EQUIPMENT_BASE_TEMPLATE,
    shapes: [],
    properties: [],
    services: [],
    events: [],
    permissions: emptyPermissionSet(),
    instance: emptyPermissionSet(),
    builtin: true,
  };
}

function equipmentThing(name: string, template: string): Thing {
  return {
    name,
    template,
    shapes: [],
    properties: [],
    services: [],
    events: [],
    enabled: true,
    permissions: emptyPermissionSet(),
  };
}
