/**
 * Where the entries for a target live, in evaluation order (§2, §9.5, §9.6) — the reference
 * evaluator's literal reading.
 *
 * Run time, for a Thing: entity (the Thing's own set) -> the Run Time Instance set of its template,
 * then of each base template nearest first (bases only with `baseTemplateInstance`) -> the instance
 * run-time sets of Thing Shapes (only with `shapeInstance: after-templates`: the shapes of each template
 * of the full chain, nearest template first, then the Thing's own shapes in file order, each shape
 * once; the order the lead's briefs give, §11.3 being silent) -> the collection `Things`.
 * Design time, for a Thing: entity -> Design Time Instance sets of the template chain -> collection.
 * Visibility, for a Thing: entity -> Visibility Instance sets of the template chain -> collection (§2.13).
 * A template as a REST target: its own set (level `template`) -> collection `ThingTemplates`.
 * Shapes, Resources, Subsystems, Mashups, DataShapes: own set (level `entity`) -> their collection.
 * Users, Groups, Organizations, ApplicationKeys carry no sets in the model: collection only.
 * A target that does not exist (a create): collection only.
 *
 * @example
 * runtimeLevels(model, model.semantics, { collection: 'Things', name: 'SensorDataStream' }).map(l => l.at.level);
 * // ['entity', 'instance', 'collection']
 */
import type {
  CollectionName,
  DesignEntry,
  Model,
  RuntimeEntry,
  Semantics,
  VisibilityPrincipal,
} from '../../model/types';
import type { EntityTarget } from '../decider';
import type { Level } from '../../model/decision';
import { own as ownEntry } from '../../model/own';

export type LevelOf<E> = { at: Level; entries: E[] };

/** The template chain of a template name: itself, then its bases (cycle-safe). */
export function templateChain(model: Model, template: string): string[] {
  const chain: string[] = [];
  let t: string | null = template;
  while (t !== null && !chain.includes(t)) {
    const def: Model['templates'][string] | undefined = ownEntry(model.templates, t);
    if (!def) break;
    chain.push(t);
    t = def.base;
  }
  return chain;
}

function instanceChain(model: Model, sem: Semantics, template: string): string[] {
  const chain = templateChain(model, template);
  return sem.baseTemplateInstance ? chain : chain.slice(0, 1);
}

/** Shapes whose instance run-time sets apply to a Thing, in order (see the module comment). */
export function thingShapes(model: Model, thingName: string): string[] {
  const thing = ownEntry(model.things, thingName);
  if (!thing) return [];
  const out: string[] = [];
  const add = (s: string) => {
    if (!out.includes(s) && ownEntry(model.shapes, s)) out.push(s);
  };
  for (const t of templateChain(model, thing.template))
    ownEntry(model.templates, t)?.shapes.forEach(add);
  thing.shapes.forEach(add);
  return out;
}

function collectionLevel<E>(
  model: Model,
  collection: string,
  pick: (s: NonNullable<Model['collections'][CollectionName]>) => E[],
): LevelOf<E>[] {
  const set = ownEntry(model.collections, collection);
  return set
    ? [
        {
          at: { level: 'collection', collection: collection as CollectionName },
          entries: pick(set),
        },
      ]
    : [];
}

function ownSet(
  model: Model,
  target: EntityTarget,
): { at: Level; set: Model['things'][string]['permissions'] } | undefined {
  switch (target.collection) {
    case 'Things': {
      const t = ownEntry(model.things, target.name);
      return t
        ? { at: { level: 'entity', entity: target.name, collection: 'Things' }, set: t.permissions }
        : undefined;
    }
    case 'ThingTemplates': {
      const t = ownEntry(model.templates, target.name);
      return t
        ? { at: { level: 'template', template: target.name }, set: t.permissions }
        : undefined;
    }
    case 'ThingShapes': {
      const s = ownEntry(model.shapes, target.name);
      return s
        ? {
            at: { level: 'entity', entity: target.name, collection: 'ThingShapes' },
            set: s.permissions,
          }
        : undefined;
    }
    case 'Resources':
    case 'Subsystems':
    case 'Mashups':
    case 'DataShapes': {
      const o = ownEntry(model.others, `${target.collection}/${target.name}`);
      return o
        ? {
            at: { level: 'entity', entity: target.name, collection: target.collection },
            set: o.permissions,
          }
        : undefined;
    }
    default:
      return undefined;
  }
}

export function runtimeLevels(
  model: Model,
  sem: Semantics,
  target: EntityTarget,
): LevelOf<RuntimeEntry>[] {
  const levels: LevelOf<RuntimeEntry>[] = [];
  const own = ownSet(model, target);
  if (own) levels.push({ at: own.at, entries: own.set.runtime });
  const thing = target.collection === 'Things' ? ownEntry(model.things, target.name) : undefined;
  if (thing) {
    for (const t of instanceChain(model, sem, thing.template)) {
      const def = ownEntry(model.templates, t);
      if (def)
        levels.push({ at: { level: 'instance', template: t }, entries: def.instance.runtime });
    }
    if (sem.shapeInstance === 'after-templates') {
      for (const s of thingShapes(model, thing.name)) {
        const def = ownEntry(model.shapes, s);
        if (def) levels.push({ at: { level: 'shape', shape: s }, entries: def.instance.runtime });
      }
    }
  }
  return [...levels, ...collectionLevel(model, target.collection, s => s.runtime)];
}

export function designLevels(
  model: Model,
  sem: Semantics,
  target: EntityTarget,
): LevelOf<DesignEntry>[] {
  const levels: LevelOf<DesignEntry>[] = [];
  const own = ownSet(model, target);
  if (own) levels.push({ at: own.at, entries: own.set.designtime });
  const thing = target.collection === 'Things' ? ownEntry(model.things, target.name) : undefined;
  if (thing) {
    for (const t of instanceChain(model, sem, thing.template)) {
      const def = ownEntry(model.templates, t);
      if (def)
        levels.push({ at: { level: 'instance', template: t }, entries: def.instance.designtime });
    }
  }
  return [...levels, ...collectionLevel(model, target.collection, s => s.designtime)];
}

export function visibilityLevels(
  model: Model,
  sem: Semantics,
  target: EntityTarget,
): LevelOf<VisibilityPrincipal>[] {
  const levels: LevelOf<VisibilityPrincipal>[] = [];
  const own = ownSet(model, target);
  if (own) levels.push({ at: own.at, entries: own.set.visibility });
  const thing = target.collection === 'Things' ? ownEntry(model.things, target.name) : undefined;
  if (thing) {
    for (const t of instanceChain(model, sem, thing.template)) {
      const def = ownEntry(model.templates, t);
      if (def)
        levels.push({ at: { level: 'instance', template: t }, entries: def.instance.visibility });
    }
  }
  return [...levels, ...collectionLevel(model, target.collection, s => s.visibility)];
}
