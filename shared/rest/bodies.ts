/**
 * Response bodies PermSim answers with (domain reference §5.7 and §10 "Response bodies").
 *
 * - 403 run time: "Not authorized for {Kind} on {resource} in {entity}" (§5.7, quoted from PTC).
 * - 403 design time: "Not authorized for {Kind} on {entity} in {collection}" — [INF], no source gives it.
 * - 404: ONE constant body for every 404 — missing entity, missing characteristic, invisible entity —
 *   so that nothing in the answer reveals that an invisible entity exists (§2.14, §4.3, §5.5, 10.7).
 *   The sources give no exact text (clients report "Entity Not Found : [name]", which would name the
 *   entity); PermSim uses the HTTP reason phrase `Not Found`.
 * - 405: `Method Not Allowed`.
 *
 * @example
 * notAuthorizedRuntime('PropertyRead', 'temperature', 'SensorDataStream');
 * // 'Not authorized for PropertyRead on temperature in SensorDataStream'
 */
export const NOT_FOUND_BODY = 'Not Found';

/** The HTTP reason phrase of every status PermSim answers with. */
export const STATUS_REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: NOT_FOUND_BODY,
  405: 'Method Not Allowed',
};
export const METHOD_NOT_ALLOWED_BODY = 'Method Not Allowed';

export function notAuthorizedRuntime(kind: string, resource: string, entity: string): string {
  return `Not authorized for ${kind} on ${resource} in ${entity}`;
}

export function notAuthorizedDesign(kind: string, entity: string, collection: string): string {
  return `Not authorized for ${kind} on ${entity} in ${collection}`;
}
