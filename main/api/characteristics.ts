/**
 * The characteristics (properties, services, events) an entity offers over REST, for call
 * autocompletion and the inspector: the engine's own enumeration (shared/engine/queries.ts), so
 * what the UI offers is exactly what the engine resolves (domain reference §2.3, §2.5).
 *
 * @example
 * entityCharacteristics(model, 'Things', 'SensorDataStream')?.properties; // ['temperature', ...]
 */
import { characteristicsOf } from '../../shared/engine/queries';
import type { Characteristics, Model } from '../../shared/model/types';
import { lookupEntity } from '../../shared/rest/lookup';

export { entityNames } from '../../shared/rest/lookup';

/** Characteristics of an entity by REST collection and name; undefined when the entity is unknown. */
export function entityCharacteristics(
  model: Model,
  collection: string,
  name: string,
): Characteristics | undefined {
  if (!lookupEntity(model, collection, name)) return undefined;
  return characteristicsOf(model, { collection, name });
}
