/**
 * An entity's record and its characteristics as REST sees them. Apart from ./queries.ts so that the
 * matrix engine (./matrix), which queries.ts itself uses, can read them without an import cycle.
 */
import type { Characteristics, Model } from '../model/types';
import type { EntityTarget } from './decider';
import { chainShapes, templateChain } from '../model/chains';
import { own as ownEntry } from '../model/own';

export type Owned = Characteristics & { owner?: string };

export function entityOf(model: Model, target: EntityTarget): Owned | undefined {
  switch (target.collection) {
    case 'Things':
      return ownEntry(model.things, target.name);
    case 'ThingTemplates':
      return ownEntry(model.templates, target.name);
    case 'ThingShapes':
      return ownEntry(model.shapes, target.name);
    default:
      return ownEntry(model.others, `${target.collection}/${target.name}`);
  }
}

/**
 * Characteristics of an entity as REST sees them: its own, then (Things and templates) those of
 * the template chain nearest first, then those of the shapes; each name once, first place wins.
 */
export function characteristicsOf(model: Model, target: EntityTarget): Characteristics {
  const own = entityOf(model, target);
  if (!own) return { properties: [], services: [], events: [] };
  const sources: Characteristics[] = [own];
  const chainStart =
    target.collection === 'Things'
      ? ownEntry(model.things, target.name)?.template
      : target.collection === 'ThingTemplates'
        ? target.name
        : undefined;
  const chain = templateChain(model, chainStart).filter(
    t => !(target.collection === 'ThingTemplates' && t === target.name),
  );
  for (const t of chain) sources.push(ownEntry(model.templates, t) as Characteristics);
  if (target.collection === 'Things' || target.collection === 'ThingTemplates') {
    const shapeNames = [
      ...(target.collection === 'Things'
        ? (ownEntry(model.things, target.name)?.shapes ?? [])
        : []),
      ...chainShapes(model, chainStart),
    ];
    for (const s of shapeNames) {
      const shape = ownEntry(model.shapes, s);
      if (shape) sources.push(shape);
    }
  }
  const unique = (pick: (c: Characteristics) => string[]) => [...new Set(sources.flatMap(pick))];
  return {
    properties: unique(c => c.properties),
    services: unique(c => c.services),
    events: unique(c => c.events),
  };
}
