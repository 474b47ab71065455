/**
 * Permission kinds as Composer labels them and as services and exports name them (domain
 * reference §1.3): a trainer shows Composer's words, a developer checks the API names.
 *
 * @example
 * kindLabel('ServiceInvoke', 'composer'); // 'Service Execute'
 * kindLabel('ServiceInvoke', 'api');      // 'ServiceInvoke'
 */
import { own } from '../../../shared/model/own';

export type KindLabels = 'composer' | 'api';

const COMPOSER: Record<string, string> = {
  PropertyRead: 'Property Read',
  PropertyWrite: 'Property Write',
  ServiceInvoke: 'Service Execute',
  EventInvoke: 'Event Execute',
  EventSubscribe: 'Event Subscribe',
  Visibility: 'Visible',
};

export function kindLabel(kind: string, labels: KindLabels): string {
  return labels === 'composer' ? (own(COMPOSER, kind) ?? kind) : kind;
}
