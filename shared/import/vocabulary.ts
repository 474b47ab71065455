/**
 * The ThingWorx names the importer recognises: collection and entity tags, permission block names
 * (entity export XML and the source-control permissions file spell the instance blocks
 * differently), and the mapping onto the model's collections (domain reference §6, §2).
 *
 * @example
 * ENTITY_TAG.get('Things') === 'Thing'; collectionOfType('ThingTemplate') === 'ThingTemplates';
 */
import type { ModelledCollection } from './types';
import { MODELLED_COLLECTIONS } from './types';
import type { CollectionName } from '../model/types';
import { COLLECTION_NAMES } from '../model/types';

/** Collection tag -> entity tag, for the collections the model holds. */
export const ENTITY_TAG = new Map<ModelledCollection, string>([
  ['Things', 'Thing'],
  ['ThingTemplates', 'ThingTemplate'],
  ['ThingShapes', 'ThingShape'],
  ['DataShapes', 'DataShape'],
  ['Mashups', 'Mashup'],
  ['Resources', 'Resource'],
  ['Subsystems', 'Subsystem'],
  ['Users', 'User'],
  ['Groups', 'Group'],
  ['Organizations', 'Organization'],
  ['ApplicationKeys', 'ApplicationKey'],
]);

const TYPE_TO_COLLECTION = new Map<string, ModelledCollection>();
for (const [c, t] of ENTITY_TAG) {
  TYPE_TO_COLLECTION.set(t, c);
  TYPE_TO_COLLECTION.set(c, c);
}

export const isModelledCollection = (c: string): c is ModelledCollection =>
  (MODELLED_COLLECTIONS as readonly string[]).includes(c);

/** `Thing` or `Things` -> `Things`; undefined for entity types the model does not hold. */
export const collectionOfType = (type: string): ModelledCollection | undefined =>
  TYPE_TO_COLLECTION.get(type);

/**
 * Collection element name in an export -> the model's collection-level key. `MediaEntities` is the
 * export's name of what the model calls `Media`.
 */
export function collectionLevelKey(tag: string): CollectionName | undefined {
  if (tag === 'MediaEntities') return 'Media';
  return (COLLECTION_NAMES as readonly string[]).includes(tag)
    ? (tag as CollectionName)
    : undefined;
}

/** Own permission blocks. */
export const OWN_BLOCKS = {
  runtime: 'RunTimePermissions',
  designtime: 'DesignTimePermissions',
  visibility: 'VisibilityPermissions',
} as const;

/**
 * Instance blocks: entity XML writes `InstanceRunTimePermissions`, the source-control permissions
 * file writes `RunTimeInstancePermissions`; both are read wherever they appear.
 */
export const INSTANCE_BLOCKS = {
  runtime: ['InstanceRunTimePermissions', 'RunTimeInstancePermissions'],
  designtime: ['InstanceDesignTimePermissions', 'DesignTimeInstancePermissions'],
  visibility: ['InstanceVisibilityPermissions', 'VisibilityInstancePermissions'],
} as const;

export const ALL_BLOCK_TAGS: readonly string[] = [
  ...Object.values(OWN_BLOCKS),
  ...Object.values(INSTANCE_BLOCKS).flat(),
];
