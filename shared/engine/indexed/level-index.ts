/**
 * Permission levels of the indexed evaluator (domain reference §2, §9.6): for each target the
 * ordered list of sets that are consulted, and for each set its entries bucketed by
 * (kind, resource) with a principal-id keyed map, so a check is a few hash probes per level.
 *
 * Level lists are built with every level that any option could enable (base-template instance
 * sets, shape instance sets), each tagged, so a verdict under other options (needed to report
 * which options decided) is a filter, not a second lookup.
 *
 * @example
 * const levels = createLevelIndex(model, principals);
 * levels.targetLevels({ collection: 'Things', name: 'SensorDataStream' }).runtime.map(l => l.key);
 */
import { COLLECTION_NAMES } from '../../model/types';
import type {
  CollectionName,
  DesignEntry,
  Model,
  PermissionSet,
  RuntimeEntry,
  VisibilityPrincipal,
} from '../../model/types';
import type { EntityTarget } from '../decider';
import type {
  Level,
  LocatedDesignEntry,
  LocatedRuntimeEntry,
  LocatedVisibility,
} from '../../model/decision';
import type { PrincipalIndex } from './principal-index';
import { own as ownEntry } from '../../model/own';
import { chainShapes, templateChain } from '../../model/chains';

/** principal id -> positions (file order) of the entries naming that principal. */
export type Bucket = Map<number, number[]>;

export type LevelData = {
  key: string;
  level: Level;
  runtime: LocatedRuntimeEntry[];
  /** kind -> resource -> bucket (two plain lookups: no key string is built per check). */
  runtimeBuckets: Map<string, Map<string, Bucket>>;
  design: LocatedDesignEntry[];
  designBuckets: Map<string, Bucket>;
  visibility: LocatedVisibility[];
};

/** Why a level is in a target's list; options switch tagged levels off (§11.3). */
export type LevelTag = 'own' | 'instance' | 'base-instance' | 'shape' | 'collection';

export type TargetLevel = { data: LevelData; tag: LevelTag };

export type TargetLevels = {
  runtime: TargetLevel[];
  design: TargetLevel[];
  visibility: TargetLevel[];
};

export type LevelIndex = {
  targetLevels(target: EntityTarget): TargetLevels;
  /**
   * The parts a Thing's level lists are made of (`targetLevels` joins them as own, `instances`,
   * `shapes`, the Thing's own further shapes, collection): cached per template, so the fast path
   * can share one result among all Things of a template that add nothing of their own.
   */
  inherited(template: string): Inherited;
  /** The instance level of a shape (§2.5). */
  shapeLevel(shape: string): TargetLevel;
  /** The collection's level, empty for a name that is not a collection. */
  collectionLevel(collection: string): TargetLevel[];
};

/** What a Thing inherits from its template chain: instance levels nearest first, then the chain's shapes. */
export type Inherited = { instances: TargetLevel[]; shapeNames: string[]; shapes: TargetLevel[] };

const EMPTY: PermissionSet = { runtime: [], designtime: [], visibility: [] };
const isCollectionName = (c: string): c is CollectionName =>
  (COLLECTION_NAMES as readonly string[]).includes(c);

export function createLevelIndex(model: Model, principals: PrincipalIndex): LevelIndex {
  const levels = new Map<string, LevelData>();
  const targets = new Map<string, Map<string, TargetLevels>>();

  function build(
    key: string,
    level: Level,
    runtime: readonly RuntimeEntry[],
    design: readonly DesignEntry[],
    visibility: readonly VisibilityPrincipal[],
  ): LevelData {
    const cached = levels.get(key);
    if (cached) return cached;
    const pid = (p: { type: 'user' | 'group'; name: string }): number =>
      p.type === 'user' ? principals.userId(p.name) : principals.groupId(p.name);
    const add = (
      buckets: Map<string, Bucket>,
      bucketKey: string,
      id: number,
      pos: number,
    ): void => {
      let bucket = buckets.get(bucketKey);
      if (!bucket) buckets.set(bucketKey, (bucket = new Map()));
      const list = bucket.get(id);
      if (list) list.push(pos);
      else bucket.set(id, [pos]);
    };
    const data: LevelData = {
      key,
      level,
      runtime: runtime.map(e => ({ ...e, at: level })),
      runtimeBuckets: new Map(),
      design: design.map(e => ({ ...e, at: level })),
      designBuckets: new Map(),
      visibility: visibility.map(v => ({ ...v, at: level })),
    };
    runtime.forEach((e, pos) => {
      let byResource = data.runtimeBuckets.get(e.kind);
      if (!byResource) data.runtimeBuckets.set(e.kind, (byResource = new Map()));
      add(byResource, e.resource, pid(e.principal), pos);
    });
    design.forEach((e, pos) => add(data.designBuckets, e.kind, pid(e.principal), pos));
    levels.set(key, data);
    return data;
  }

  const setLevel = (key: string, level: Level, set: PermissionSet | undefined): LevelData =>
    build(key, level, set?.runtime ?? [], set?.designtime ?? [], set?.visibility ?? []);

  function collectionLevel(collection: string): TargetLevel[] {
    if (!isCollectionName(collection)) return [];
    const set = ownEntry(model.collections, collection);
    return [
      {
        data: setLevel(`C\u0000${collection}`, { level: 'collection', collection }, set),
        tag: 'collection',
      },
    ];
  }

  function instanceLevel(template: string, tag: LevelTag): TargetLevel {
    const t = ownEntry(model.templates, template);
    return {
      data: setLevel(`I\u0000${template}`, { level: 'instance', template }, t?.instance ?? EMPTY),
      tag,
    };
  }

  function shapeLevel(shape: string): TargetLevel {
    const s = ownEntry(model.shapes, shape);
    return {
      data: build(`S\u0000${shape}`, { level: 'shape', shape }, s?.instance.runtime ?? [], [], []),
      tag: 'shape',
    };
  }

  // What a Thing inherits is shared by every Thing of the template, so a Thing's first check
  // builds only its own level (cold start, docs/benchmarks.md).
  const inheritedCache = new Map<string, Inherited>();
  function inheritedFrom(template: string): Inherited {
    let hit = inheritedCache.get(template);
    if (hit) return hit;
    const templates = templateChain(model, template);
    const shapeNames = chainShapes(model, template);
    hit = {
      instances: templates.map((t, depth) =>
        instanceLevel(t, depth === 0 ? 'instance' : 'base-instance'),
      ),
      shapeNames,
      shapes: shapeNames.map(shapeLevel),
    };
    inheritedCache.set(template, hit);
    return hit;
  }

  function thingLevels(name: string): TargetLevels {
    const thing = ownEntry(model.things, name);
    const own: TargetLevel = {
      data: setLevel(
        `E\u0000Things\u0000${name}`,
        { level: 'entity', entity: name, collection: 'Things' },
        thing?.permissions,
      ),
      tag: 'own',
    };
    const inherited: Inherited = thing
      ? inheritedFrom(thing.template)
      : { instances: [], shapeNames: [], shapes: [] };
    const instances = inherited.instances;
    // Shapes: those of the templates along the chain (nearest first), then the Thing's own (§9.6
    // as fixed in the brief); a shape implemented twice is one level, at its first place.
    const shapes = [...inherited.shapes];
    const shapeNames = [...inherited.shapeNames];
    for (const s of thing?.shapes ?? []) {
      if (shapeNames.includes(s)) continue;
      shapeNames.push(s);
      shapes.push(shapeLevel(s));
    }
    const collection = collectionLevel('Things');
    return {
      runtime: [own, ...instances, ...shapes, ...collection],
      design: [own, ...instances, ...collection],
      visibility: [own, ...instances, ...collection],
    };
  }

  function simpleLevels(own: TargetLevel | undefined, collection: string): TargetLevels {
    const list = [...(own ? [own] : []), ...collectionLevel(collection)];
    return { runtime: list, design: list, visibility: list };
  }

  function compute(target: EntityTarget): TargetLevels {
    const { collection, name } = target;
    if (collection === 'Things') return thingLevels(name);
    if (collection === 'ThingTemplates') {
      const t = ownEntry(model.templates, name);
      const own = t
        ? {
            data: setLevel(`T\u0000${name}`, { level: 'template', template: name }, t.permissions),
            tag: 'own' as const,
          }
        : undefined;
      return simpleLevels(own, collection);
    }
    if (collection === 'ThingShapes') {
      const s = ownEntry(model.shapes, name);
      const own = s
        ? {
            data: setLevel(
              `E\u0000ThingShapes\u0000${name}`,
              { level: 'entity', entity: name, collection },
              s.permissions,
            ),
            tag: 'own' as const,
          }
        : undefined;
      return simpleLevels(own, collection);
    }
    const other = ownEntry(model.others, `${collection}/${name}`);
    const own = other
      ? {
          data: setLevel(
            `E\u0000${collection}\u0000${name}`,
            { level: 'entity', entity: name, collection },
            other.permissions,
          ),
          tag: 'own' as const,
        }
      : undefined;
    return simpleLevels(own, collection);
  }

  return {
    inherited: inheritedFrom,
    shapeLevel,
    collectionLevel,
    targetLevels(target) {
      let byName = targets.get(target.collection);
      if (!byName) targets.set(target.collection, (byName = new Map()));
      let t = byName.get(target.name);
      if (!t) byName.set(target.name, (t = compute(target)));
      return t;
    },
  };
}
