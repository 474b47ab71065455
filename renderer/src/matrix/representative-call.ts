/**
 * From a matrix cell to real calls: the rows of the effective permission table that answer
 * otherwise than the cell's `*` row (its overrides), and a REST call that exercises a run-time kind on a named characteristic of a Thing, so a matrix cell
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

/**
 * The rows of the same run-time kind whose characteristic answers otherwise than `star` (the cell's
 * `*` row): the overrides the matrix hatches (shared/graph/matrix.ts `cellOverrides` computes the
 * same list from the engine; an entry naming the characteristic decides it, §2.7, §2.9).
 *
 * @example
 * overridingRows(rows, starRow).map(r => r.characteristic); // ['GetDataStream']
 */
export function overridingRows(rows: readonly EffectiveRow[], star: EffectiveRow): EffectiveRow[] {
  return rows.filter(
    r => r.characteristic !== '*' && r.kind === star.kind && r.allowed !== star.allowed,
  );
}

/** The REST call of one characteristic row (none for EventSubscribe, which no single call checks). */
export function callOfRow(thing: string, row: EffectiveRow): string | undefined {
  const base = `/Thingworx/Things/${encodeURIComponent(thing)}`;
  const name = encodeURIComponent(row.characteristic);
  if (row.kind === 'PropertyRead') return `GET ${base}/Properties/${name}`;
  if (row.kind === 'PropertyWrite') return `PUT ${base}/Properties/${name}`;
  if (row.kind === 'ServiceInvoke') return `POST ${base}/Services/${name}`;
  if (row.kind === 'EventInvoke') return `POST ${base}/Events/${name}`;
  return undefined;
}
