/**
 * Turns the plain `apps:` data of a loaded model into platform entities and replays the file's grants
 * (domain reference §7.1, §7.2, §7.14). Called by the file loader after compiling the model.
 *
 * What it adds (only when not declared in the file, so a file can override any of them):
 * - templates `PTC.SCA.SCO.Equipment` (base GenericThing) and `PTC.SCA.SCO.<Type>` per equipment type used
 *   (see names.ts), `PTC.SCA.SCO.EquipmentNetwork`, `PTC.SCA.SCO.ContextManagerTemplate` (with the services
 *   of §7.12);
 * - one Thing per equipment, one Network Thing per context, and `PTC.SCA.SCO.DefaultContextManager`
 *   (a declared manager Thing gets the missing service names added, so REST calls resolve).
 *   None of them carries permissions: calling the manager over REST needs ordinary platform grants (§7.11).
 * It validates the structure (children/parent agree; parent > child types allowed by `relationships`,
 * defaulting to Site>Line, Line>Asset, Site>Asset; only Assets in more than one context, with one type),
 * then replays `apps.grants` in order as Administrator through the real services. A thrown service error,
 * a per-row message (e.g. `Line9 does not exist`) or a propagation that stopped is an error of the file.
 *
 * @example
 * const r = materializeApps(model);
 * if (!r.ok) r.errors; // [{ path: 'apps.grants[2]', message: 'read is not a valid permission type ...' }]
 */
import type { Model, Thing, ThingTemplate } from '../model/types';
import { emptyPermissionSet } from '../model/types';
import {
  APPS_SERVICES,
  CONTEXT_MANAGER_TEMPLATE,
  CONTEXT_MANAGER_THING,
  DEFAULT_RELATIONSHIPS,
  EQUIPMENT_BASE_TEMPLATE,
  GRANT_SERVICES,
  MULTI_CONTEXT_TYPE,
  NETWORK_TEMPLATE,
  PROPAGATE_SERVICES,
  equipmentTemplateName,
} from './names';
import { CREATE_EQUIPMENT, insertEquipment } from './create-equipment';
import type { CreateEquipmentArgs } from './create-equipment';
import { invokeAppsService } from './services';
import { plainRecord } from '../model/overlay';
import { own, setOwn } from '../model/own';

export type MaterializeError = { path: string; message: string };
export type MaterializeResult =
  { ok: true; model: Model } | { ok: false; errors: MaterializeError[] };

function template(name: string, base: string, services: string[] = []): ThingTemplate {
  return {
    name,
    base,
    shapes: [],
    properties: [],
    services,
    events: [],
    permissions: emptyPermissionSet(),
    instance: emptyPermissionSet(),
    builtin: true,
  };
}

function thing(name: string, tpl: string, builtin: boolean): Thing {
  return {
    name,
    template: tpl,
    shapes: [],
    properties: [],
    services: [],
    events: [],
    enabled: true,
    permissions: emptyPermissionSet(),
    ...(builtin ? { builtin: true } : {}),
  };
}

function validateStructure(model: Model): MaterializeError[] {
  const errors: MaterializeError[] = [];
  const relationships =
    model.apps.relationships.length > 0 ? model.apps.relationships : DEFAULT_RELATIONSHIPS;
  const allowed = new Set(relationships.map(r => `${r.parent}>${r.child}`));
  const placed = new Map<string, { context: string; type: string }[]>();
  const networks = new Set(Object.values(model.apps.contexts).map(c => c.network));
  for (const ctx of Object.values(model.apps.contexts)) {
    const at = `apps.contexts.${ctx.name}`;
    if (!ctx.network)
      errors.push({
        path: `${at}.network`,
        message: `context ${ctx.name} has no Network entity name (every context needs one, §7.1)`,
      });
    if (own(ctx.equipment, ctx.network))
      errors.push({
        path: `${at}.equipment.${ctx.network}`,
        message: `equipment ${ctx.network} has the name of the context's Network entity`,
      });
    for (const root of ctx.roots) {
      if (!own(ctx.equipment, root))
        errors.push({
          path: `${at}.roots`,
          message: `root ${root} is not equipment of context ${ctx.name}`,
        });
    }
    for (const node of Object.values(ctx.equipment)) {
      const np = `${at}.equipment.${node.name}`;
      if (
        node.name === CONTEXT_MANAGER_THING ||
        (networks.has(node.name) && node.name !== ctx.network)
      ) {
        errors.push({
          path: np,
          message: `equipment ${node.name} has the name of the context manager or of another context's Network`,
        });
      }
      if (node.parent === null && !ctx.roots.includes(node.name))
        errors.push({
          path: np,
          message: `${node.name} has no parent but is not a root of context ${ctx.name}`,
        });
      if (node.parent !== null) {
        const parent = own(ctx.equipment, node.parent);
        if (!parent)
          errors.push({
            path: `${np}.parent`,
            message: `parent ${node.parent} of ${node.name} is not equipment of context ${ctx.name}`,
          });
        else if (!allowed.has(`${parent.type}>${node.type}`)) {
          errors.push({
            path: np,
            message: `a ${node.type} cannot be a child of a ${parent.type} (${node.parent} > ${node.name}); allowed parent > child types: ${[...allowed].join(', ')} (${'§7.2'})`,
          });
        }
      }
      for (const child of node.children) {
        if (own(ctx.equipment, child)?.parent !== node.name)
          errors.push({
            path: `${np}.children`,
            message: `child ${child} of ${node.name} is not equipment of context ${ctx.name} with parent ${node.name}`,
          });
      }
      placed.set(node.name, [
        ...(placed.get(node.name) ?? []),
        { context: ctx.name, type: node.type },
      ]);
    }
  }
  for (const [name, where] of placed) {
    if (where.length < 2) continue;
    const types = new Set(where.map(w => w.type));
    if (types.size > 1) {
      errors.push({
        path: `apps.contexts.${where[1]?.context}.equipment.${name}`,
        message: `${name} has different types in contexts ${where.map(w => `${w.context} (${w.type})`).join(', ')}`,
      });
    } else if (!types.has(MULTI_CONTEXT_TYPE)) {
      errors.push({
        path: `apps.contexts.${where[1]?.context}.equipment.${name}`,
        message: `${name} is a ${where[0]?.type} in contexts ${where.map(w => w.context).join(' and ')}: only Assets may be in more than one context (§7.1)`,
      });
    }
  }
  return errors;
}

function addEntities(model: Model, owned: boolean): Model {
  // A model the caller hands over (just compiled) is extended in place: a copy of the things
  // record of a size-L file (50,000 keys) was a tenth of the file's load.
  const templates = owned ? model.templates : { ...model.templates };
  const things = owned ? model.things : { ...model.things };
  const ensureTemplate = (t: ThingTemplate) => {
    if (!own(templates, t.name)) setOwn(templates, t.name, t);
  };
  ensureTemplate(template(EQUIPMENT_BASE_TEMPLATE, 'GenericThing'));
  ensureTemplate(template(NETWORK_TEMPLATE, 'GenericThing'));
  ensureTemplate(template(CONTEXT_MANAGER_TEMPLATE, 'GenericThing', [...APPS_SERVICES]));
  for (const ctx of Object.values(model.apps.contexts)) {
    for (const node of Object.values(ctx.equipment)) {
      ensureTemplate(template(equipmentTemplateName(node.type), EQUIPMENT_BASE_TEMPLATE));
      if (!own(things, node.name))
        setOwn(things, node.name, thing(node.name, equipmentTemplateName(node.type), false));
    }
    if (ctx.network && !own(things, ctx.network))
      setOwn(things, ctx.network, thing(ctx.network, NETWORK_TEMPLATE, true));
  }
  const manager = own(things, CONTEXT_MANAGER_THING);
  if (!manager)
    setOwn(
      things,
      CONTEXT_MANAGER_THING,
      thing(CONTEXT_MANAGER_THING, CONTEXT_MANAGER_TEMPLATE, true),
    );
  else if (manager.template !== CONTEXT_MANAGER_TEMPLATE) {
    const missing = APPS_SERVICES.filter(s => !manager.services.includes(s));
    if (missing.length > 0)
      setOwn(things, CONTEXT_MANAGER_THING, {
        ...manager,
        services: [...manager.services, ...missing],
      });
  }
  return { ...model, templates, things };
}

/**
 * Materializes the context manager of `model` (see the module comment). Pure: returns a new model,
 * unless `owned` says the caller hands `model` over (a model just compiled for this call), whose
 * `templates` and `things` records are then extended in place.
 *
 * @example
 * const r = materializeApps(model);
 * if (r.ok) r.model.things['DefaultContextNetwork']; // the Network Thing of DefaultContext
 */
export function materializeApps(
  model: Model,
  options: { owned?: boolean } = {},
): MaterializeResult {
  const errors = validateStructure(model);
  if (errors.length > 0) return { ok: false, errors };
  // Equipment created by a recorded `CreateEquipment` does not exist for the grants recorded before it:
  // it is taken out of the structure and inserted when its record comes up (create-equipment.ts).
  const creations = model.apps.grants.flatMap((g, i) =>
    g.service === CREATE_EQUIPMENT ? [{ i, args: creationArgs(g.params) }] : [],
  );
  for (const c of creations) {
    if (!c.args || !own(own(model.apps.contexts, c.args.context)?.equipment, c.args.name)) {
      errors.push({
        path: `apps.grants[${c.i}].params`,
        message: `${CREATE_EQUIPMENT} needs { creator, context, name, type, parent } naming equipment of the context's structure`,
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  let current = withoutCreated(
    addEntities(model, options.owned === true),
    creations.map(c => c.args as CreateEquipmentArgs),
  );
  const replayable = new Set<string>([...GRANT_SERVICES, ...PROPAGATE_SERVICES]);
  model.apps.grants.forEach((grant, i) => {
    const path = `apps.grants[${i}]`;
    if (grant.service === CREATE_EQUIPMENT) {
      const r = insertEquipment(current, creationArgs(grant.params) as CreateEquipmentArgs, {
        replay: true,
      });
      if (r.ok) current = r.model;
      else errors.push({ path, message: `${CREATE_EQUIPMENT} failed: ${r.message}` });
      return;
    }
    if (!replayable.has(grant.service)) {
      errors.push({
        path: `${path}.service`,
        message: `${grant.service} is not a Grant or Propagate service of the context manager (expected one of ${[...replayable].join(', ')})`,
      });
      return;
    }
    const r = invokeAppsService(current, 'Administrator', grant.service, grant.params);
    if (!r.ok) {
      errors.push({ path, message: `${grant.service} failed: ${r.message}` });
      return;
    }
    const rowMessages =
      r.result !== null &&
      typeof r.result === 'object' &&
      'message' in r.result &&
      Array.isArray(r.result.message)
        ? (r.result.message as { errorMessage: string }[])
        : [];
    for (const m of rowMessages)
      errors.push({ path, message: `${grant.service}: ${m.errorMessage}` });
    for (const line of r.log) errors.push({ path, message: `${grant.service}: ${line}` });
    current = r.model;
  });
  if (errors.length > 0) return { ok: false, errors };
  // The structure as written in the file (children in file order), now that every creation has run.
  return {
    ok: true,
    model: {
      ...current,
      // A loaded model holds plain records: the replayed grants stored theirs as overlays.
      things: plainRecord(current.things),
      apps: { ...current.apps, contexts: model.apps.contexts, grants: model.apps.grants },
    },
  };
}

function creationArgs(params: Record<string, unknown>): CreateEquipmentArgs | undefined {
  const { creator, context, name, type, parent } = params;
  if (
    typeof creator !== 'string' ||
    typeof context !== 'string' ||
    typeof name !== 'string' ||
    typeof type !== 'string'
  )
    return undefined;
  if (parent !== null && typeof parent !== 'string') return undefined;
  return { creator, context, name, type, parent: parent ?? null };
}

/** The model with the equipment of `created` taken out of its context's structure (the Things stay). */
function withoutCreated(model: Model, created: CreateEquipmentArgs[]): Model {
  if (created.length === 0) return model;
  const contexts = { ...model.apps.contexts };
  for (const c of created) {
    const ctx = own(contexts, c.context);
    if (!ctx) continue;
    const equipment = { ...ctx.equipment };
    delete equipment[c.name];
    const parent = c.parent === null ? undefined : own(equipment, c.parent);
    if (parent)
      setOwn(equipment, parent.name, {
        ...parent,
        children: parent.children.filter(n => n !== c.name),
      });
    setOwn(contexts, c.context, { ...ctx, equipment, roots: ctx.roots.filter(r => r !== c.name) });
  }
  return { ...model, apps: { ...model.apps, contexts } };
}
