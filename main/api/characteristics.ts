/**
 * The characteristics (properties, services, events) an entity offers over REST: a Thing's own,
 * its template chain's and every implemented shape's (domain reference §2.3, §2.5); used for call
 * autocompletion and the inspector.
 *
 * @example
 * entityCharacteristics(model, 'Things', 'SensorDataStream')?.properties; // ['temperature', ...]
 */
import type { Characteristics, Model } from '../../shared/model/types';

const merge = (into: Characteristics, from: Characteristics): void => {
  for (const key of ['properties', 'services', 'events'] as const) {
    for (const n of from[key]) if (!into[key].includes(n)) into[key].push(n);
  }
};

function templateChain(model: Model, start: string | null): string[] {
  const chain: string[] = [];
  for (let t = start; t && !chain.includes(t); t = model.templates[t]?.base ?? null) chain.push(t);
  return chain;
}

/** Characteristics of an entity by REST collection and name; undefined when the entity is unknown. */
export function entityCharacteristics(model: Model, collection: string, name: string): Characteristics | undefined {
  const out: Characteristics = { properties: [], services: [], events: [] };
  const addShape = (s: string): void => {
    const shape = model.shapes[s];
    if (shape) merge(out, shape);
  };
  const addChain = (start: string | null): void => {
    for (const t of templateChain(model, start)) {
      const tpl = model.templates[t];
      if (!tpl) continue;
      merge(out, tpl);
      tpl.shapes.forEach(addShape);
    }
  };
  switch (collection) {
    case 'Things': {
      const thing = model.things[name];
      if (!thing) return undefined;
      merge(out, thing);
      thing.shapes.forEach(addShape);
      addChain(thing.template);
      return out;
    }
    case 'ThingTemplates':
      if (!model.templates[name]) return undefined;
      addChain(name);
      return out;
    case 'ThingShapes':
      if (!model.shapes[name]) return undefined;
      addShape(name);
      return out;
    default: {
      const other = model.others[`${collection}/${name}`];
      if (!other) return undefined;
      merge(out, other);
      return out;
    }
  }
}

/** Names of the entities of a REST collection. */
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
