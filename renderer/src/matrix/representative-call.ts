/**
 * A REST call that exercises a run-time kind on a named characteristic of a Thing, so a matrix cell
 * (which answers for `*`) can be asked as a real call. EventSubscribe has no REST call.
 *
 * @example
 * representativeCall('T1', 'PropertyRead', rows); // 'GET /Thingworx/Things/T1/Properties/temp'
 */
import type { EffectiveRow } from '../../../shared/contract';
import type { RuntimeKind } from '../../../shared/model/types';

export function representativeCall(
  thing: string,
  kind: RuntimeKind,
  rows: EffectiveRow[],
): string | undefined {
  const base = `/Thingworx/Things/${encodeURIComponent(thing)}`;
  const first = (k: EffectiveRow['characteristicKind']) =>
    rows.find(r => r.characteristicKind === k && r.kind === kind)?.characteristic;
  const named = (k: EffectiveRow['characteristicKind'], method: string, segment: string) => {
    const c = first(k);
    return c === undefined ? undefined : `${method} ${base}/${segment}/${encodeURIComponent(c)}`;
  };
  if (kind === 'PropertyRead')
    return named('property', 'GET', 'Properties') ?? `GET ${base}/Properties`;
  if (kind === 'PropertyWrite') return named('property', 'PUT', 'Properties');
  if (kind === 'ServiceInvoke') return named('service', 'POST', 'Services');
  if (kind === 'EventInvoke') return named('event', 'POST', 'Events');
  return undefined;
}
