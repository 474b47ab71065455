import { own } from '../model/own';
/**
 * The REST collections PermSim understands (domain reference §5.1) and the entity type names the
 * services use for them (e.g. `SecurityServices.EvaluateVisibilityPermission(name, type='Thing')`, §8.2).
 *
 * @example
 * isRestCollection('Things'); // true
 * collectionForEntityType('ThingTemplate'); // 'ThingTemplates'
 */
export const REST_COLLECTIONS = [
  'Things',
  'ThingTemplates',
  'ThingShapes',
  'Resources',
  'Subsystems',
  'Mashups',
  'DataShapes',
  'Users',
  'Groups',
  'Organizations',
  'ApplicationKeys',
] as const;
export type RestCollection = (typeof REST_COLLECTIONS)[number];

export function isRestCollection(name: string): name is RestCollection {
  return (REST_COLLECTIONS as readonly string[]).includes(name);
}

const ENTITY_TYPES: Record<string, RestCollection> = {
  Thing: 'Things',
  ThingTemplate: 'ThingTemplates',
  ThingShape: 'ThingShapes',
  Resource: 'Resources',
  Subsystem: 'Subsystems',
  Mashup: 'Mashups',
  DataShape: 'DataShapes',
  User: 'Users',
  Group: 'Groups',
  Organization: 'Organizations',
  ApplicationKey: 'ApplicationKeys',
};

/** Maps a ThingWorx entity type (`Thing`) or a collection name (`Things`) to the collection; undefined if neither. */
export function collectionForEntityType(type: string): RestCollection | undefined {
  if (isRestCollection(type)) return type;
  return own(ENTITY_TYPES, type);
}
