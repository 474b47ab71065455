/**
 * Which permission levels apply to an entity (§2.1-2.6, §9.6) and the route from a holder down to the
 * entity in a graph (Thing -> template -> base template, -> shape, -> collection). One definition for
 * the decision path, pathfinding and the 404 visibility gap.
 *
 * @example
 * applicableLevels(model, { type: 'thing', name: 'SensorDataStream' }).get('template:SensorTemplate'); // ['instance']
 */
import { chainShapes, templateChain } from '../model/chains';
import { own as ownEntry } from '../model/own';
import type { Model } from '../model/types';
import type { GraphBuilder } from './builder';
import type { Holder } from './held-entries';
import { collectionId, shapeId, templateId, thingId } from './held-entries';
import type { EntryLevel } from './types';

export type EntityRef = { type: 'thing' | 'template' | 'shape'; name: string };

const COLLECTION: Record<EntityRef['type'], string> = {
  thing: 'Things',
  template: 'ThingTemplates',
  shape: 'ThingShapes',
};

export const entityNodeId = (e: EntityRef) =>
  e.type === 'thing'
    ? thingId(e.name)
    : e.type === 'template'
      ? templateId(e.name)
      : shapeId(e.name);

/**
 * Holder id -> the levels of that holder whose entries decide for the entity, most specific first
 * (§9.6): a Thing's own set, its template chain's instance sets (base templates only with option
 * baseTemplateInstance, §11.3), the shapes' instance sets (option shapeInstance, §2.5), the
 * collection. A template or shape is governed by its own set and its collection (§2.3).
 *
 * @example
 * [...applicableLevels(model, { type: 'shape', name: 'SensorShape' }).keys()]; // ['shape:SensorShape', 'collection:ThingShapes']
 */
export function applicableLevels(model: Model, e: EntityRef): Map<string, EntryLevel[]> {
  const out = new Map<string, EntryLevel[]>();
  if (e.type === 'thing') {
    out.set(thingId(e.name), ['entity']);
    const thing = ownEntry(model.things, e.name);
    const full = templateChain(model, thing?.template);
    const chain = model.semantics.baseTemplateInstance ? full : full.slice(0, 1);
    for (const t of chain) out.set(templateId(t), ['instance']);
    if (model.semantics.shapeInstance !== 'ignore')
      for (const s of [...(thing?.shapes ?? []), ...chainShapes(model, thing?.template)])
        out.set(shapeId(s), ['shape']);
  } else out.set(entityNodeId(e), ['own']);
  out.set(collectionId(COLLECTION[e.type]), ['collection']);
  return out;
}

/**
 * Adds the edges from the entity up to the holder of an entry (the level that applied) and returns
 * their ids, entity side first: Thing -> template -> base, Thing or template -> shape, -> collection.
 *
 * @example
 * levelRoute(model, b, { collection: 'Things', name: 'SensorDataStream' }, 'thing:SensorDataStream', holder);
 */
export function levelRoute(
  model: Model,
  b: GraphBuilder,
  entity: { collection: string; name: string },
  targetId: string,
  holder: Holder,
): string[] {
  if (holder.id === targetId) return [];
  const chainStart =
    entity.collection === 'Things'
      ? ownEntry(model.things, entity.name)?.template
      : entity.collection === 'ThingTemplates'
        ? entity.name
        : undefined;
  const chain = templateChain(model, chainStart);
  const edges: string[] = [];
  if (holder.kind === 'template') {
    const at = chain.indexOf(holder.name);
    let from = targetId;
    for (let i = entity.collection === 'ThingTemplates' ? 1 : 0; i <= at; i++) {
      const to = b.template(chain[i] as string);
      edges.push(b.edge(i === 0 && entity.collection === 'Things' ? 'template' : 'base', from, to));
      from = to;
    }
  } else if (holder.kind === 'shape') {
    const direct =
      entity.collection === 'Things' &&
      ownEntry(model.things, entity.name)?.shapes.includes(holder.name);
    const via = direct
      ? undefined
      : chain.find(t => ownEntry(model.templates, t)?.shapes.includes(holder.name));
    if (via) {
      edges.push(
        ...levelRoute(model, b, entity, targetId, {
          id: templateId(via),
          kind: 'template',
          name: via,
        }),
      );
      edges.push(b.edge('implements', b.template(via), b.shape(holder.name)));
    } else edges.push(b.edge('implements', targetId, b.shape(holder.name)));
  } else if (holder.kind === 'collection') {
    edges.push(b.edge('collection', targetId, b.collection(holder.name)));
  }
  return edges;
}

export const collectionOf = (e: EntityRef) => COLLECTION[e.type];
