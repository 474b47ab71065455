/**
 * Entity and characteristic lookup for the pipeline (§9.4): does the REST target exist, who owns it,
 * and which model element defines a property, service or event it names. A Thing's characteristics
 * are its own, those of its template chain, and those of its own shapes and the chain's shapes.
 *
 * @example
 * lookupEntity(model, 'Things', 'SensorDataStream'); // { ref: { type: 'thing', name: 'SensorDataStream' }, owner: 'Administrator' }
 * lookupCharacteristic(model, 'Things', 'SensorDataStream', 'property', 'temperature');
 * // { status: 'found', definedBy: { type: 'shape', name: 'SensorShape' }, builtin: false }
 */
import type { Characteristics, Model } from '../model/types';
import type { ElementRef } from '../model/decision';
import { chainShapes, templateChain } from '../model/chains';
import {
  builtinResourceServices,
  isGenericEntityService,
  isGenericThingService,
} from './builtin-services';
import { own as ownEntry } from '../model/own';

export type EntityFound = { ref: ElementRef; owner?: string; builtin?: boolean };

export function lookupEntity(
  model: Model,
  collection: string,
  name: string,
): EntityFound | undefined {
  const own = (o: { owner?: string; builtin?: boolean }) => ({
    ...(o.owner !== undefined ? { owner: o.owner } : {}),
    ...(o.builtin ? { builtin: true } : {}),
  });
  switch (collection) {
    case 'Things': {
      const t = ownEntry(model.things, name);
      return t ? { ref: { type: 'thing', name }, ...own(t) } : undefined;
    }
    case 'ThingTemplates': {
      const t = ownEntry(model.templates, name);
      return t ? { ref: { type: 'template', name }, ...own(t) } : undefined;
    }
    case 'ThingShapes': {
      const s = ownEntry(model.shapes, name);
      return s ? { ref: { type: 'shape', name }, ...own(s) } : undefined;
    }
    case 'Resources':
    case 'Subsystems':
    case 'Mashups':
    case 'DataShapes': {
      const o = ownEntry(model.others, `${collection}/${name}`);
      return o ? { ref: { type: 'other', collection, name }, ...own(o) } : undefined;
    }
    case 'Users': {
      const u = ownEntry(model.users, name);
      return u
        ? { ref: { type: 'user', name }, ...(u.builtin ? { builtin: true } : {}) }
        : undefined;
    }
    case 'Groups': {
      const g = ownEntry(model.groups, name);
      return g
        ? { ref: { type: 'group', name }, ...(g.builtin ? { builtin: true } : {}) }
        : undefined;
    }
    case 'Organizations': {
      const o = ownEntry(model.organizations, name);
      return o
        ? { ref: { type: 'organization', name }, ...(o.builtin ? { builtin: true } : {}) }
        : undefined;
    }
    case 'ApplicationKeys': {
      const k = ownEntry(model.appKeys, name);
      return k ? { ref: { type: 'appKey', name } } : undefined;
    }
    default:
      return undefined;
  }
}

/** Names of every entity of a collection, in model order. */
export function entityNames(model: Model, collection: string): string[] {
  switch (collection) {
    case 'Things':
      return Object.keys(model.things);
    case 'ThingTemplates':
      return Object.keys(model.templates);
    case 'ThingShapes':
      return Object.keys(model.shapes);
    case 'Users':
      return Object.keys(model.users);
    case 'Groups':
      return Object.keys(model.groups);
    case 'Organizations':
      return Object.keys(model.organizations);
    case 'ApplicationKeys':
      return Object.keys(model.appKeys);
    default:
      return Object.values(model.others)
        .filter(o => o.collection === collection)
        .map(o => o.name);
  }
}

export type CharacteristicKind = 'property' | 'service' | 'event';

export type CharacteristicLookup =
  | { status: 'found'; definedBy: ElementRef; builtin: boolean }
  | { status: 'missing' }
  /** The model does not list this entity's built-in characteristics: existence cannot be decided. */
  | { status: 'not-modelled' };

const listOf = (c: Characteristics, kind: CharacteristicKind) =>
  kind === 'property' ? c.properties : kind === 'service' ? c.services : c.events;

export function lookupCharacteristic(
  model: Model,
  collection: string,
  entity: string,
  kind: CharacteristicKind,
  name: string,
): CharacteristicLookup {
  if (collection === 'Things') {
    const thing = ownEntry(model.things, entity);
    if (!thing) return { status: 'missing' };
    if (listOf(thing, kind).includes(name))
      return { status: 'found', definedBy: { type: 'thing', name: entity }, builtin: false };
    // The order of characteristicsOf (shared/engine/queries.ts): the Thing's own, its template
    // chain nearest first, then its own shapes and the shapes along the chain (chainShapes); the
    // first place that defines the name is the one an explanation names.
    for (const t of templateChain(model, thing.template)) {
      const def = ownEntry(model.templates, t);
      if (def && listOf(def, kind).includes(name))
        return { status: 'found', definedBy: { type: 'template', name: t }, builtin: false };
    }
    for (const s of new Set([...thing.shapes, ...chainShapes(model, thing.template)])) {
      const def = ownEntry(model.shapes, s);
      if (def && listOf(def, kind).includes(name))
        return { status: 'found', definedBy: { type: 'shape', name: s }, builtin: false };
    }
    if (kind === 'service' && isGenericThingService(name))
      return { status: 'found', definedBy: { type: 'thing', name: entity }, builtin: true };
    return { status: 'missing' };
  }
  if (
    collection === 'Resources' ||
    collection === 'Subsystems' ||
    collection === 'Mashups' ||
    collection === 'DataShapes'
  ) {
    const o = ownEntry(model.others, `${collection}/${entity}`);
    if (!o) return { status: 'missing' };
    const ref: ElementRef = { type: 'other', collection, name: entity };
    if (listOf(o, kind).includes(name)) return { status: 'found', definedBy: ref, builtin: false };
    if (
      kind === 'service' &&
      (isGenericEntityService(name) ||
        (collection === 'Resources' && builtinResourceServices(entity).includes(name)))
    ) {
      return { status: 'found', definedBy: ref, builtin: true };
    }
    // Built-in resources and subsystems have many services PermSim does not list.
    return o.builtin ? { status: 'not-modelled' } : { status: 'missing' };
  }
  // Templates, shapes, users, groups, organizations, application keys as REST targets: the model
  // lists what templates and shapes define for their Things, not the entity's own built-ins.
  const found = lookupEntity(model, collection, entity);
  if (!found) return { status: 'missing' };
  if (kind === 'service' && isGenericEntityService(name))
    return { status: 'found', definedBy: found.ref, builtin: true };
  return { status: 'not-modelled' };
}
