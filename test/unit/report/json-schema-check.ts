/**
 * A small JSON Schema (2020-12) checker for the keywords assets/schema/report.schema.json uses:
 * type, properties, required, additionalProperties: false, items, enum, const, oneOf, uniqueItems,
 * format: date-time. Unknown keywords make it fail loudly, so the schema cannot silently outgrow it.
 *
 * @example
 * schemaErrors(schema, JSON.parse(text)); // [] when valid
 */
type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'oneOf',
  'uniqueItems',
  'format',
]);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const typeOf = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : typeof v === 'number'
        ? Number.isInteger(v)
          ? 'integer'
          : 'number'
        : typeof v;

export function schemaErrors(schema: Schema, value: unknown, at = '$'): string[] {
  const errors: string[] = [];
  for (const k of Object.keys(schema))
    if (!KNOWN.has(k)) throw new Error(`json-schema-check: unsupported keyword ${k} at ${at}`);
  if (schema['type'] !== undefined) {
    const types = Array.isArray(schema['type'])
      ? (schema['type'] as string[])
      : [schema['type'] as string];
    const t = typeOf(value);
    if (!types.some(x => x === t || (x === 'number' && t === 'integer')))
      return [`${at}: expected ${types.join('|')}, got ${t}`];
  }
  if (schema['const'] !== undefined && value !== schema['const'])
    errors.push(`${at}: expected ${JSON.stringify(schema['const'])}`);
  if (Array.isArray(schema['enum']) && !(schema['enum'] as unknown[]).includes(value))
    errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (
    schema['format'] === 'date-time' &&
    (typeof value !== 'string' || !ISO.test(value) || Number.isNaN(Date.parse(value)))
  )
    errors.push(`${at}: not an ISO-8601 date-time`);
  if (Array.isArray(schema['oneOf'])) {
    const matching = (schema['oneOf'] as Schema[]).filter(
      s => schemaErrors(s, value, at).length === 0,
    ).length;
    if (matching !== 1) errors.push(`${at}: matches ${matching} of oneOf`);
  }
  if (typeOf(value) === 'object') {
    const o = value as Record<string, unknown>;
    const props = (schema['properties'] ?? {}) as Record<string, Schema>;
    for (const r of (schema['required'] ?? []) as string[])
      if (!(r in o)) errors.push(`${at}: missing ${r}`);
    for (const [k, v] of Object.entries(o)) {
      if (props[k]) errors.push(...schemaErrors(props[k], v, `${at}.${k}`));
      else if (schema['additionalProperties'] === false) errors.push(`${at}: unexpected key ${k}`);
    }
  }
  if (Array.isArray(value)) {
    if (schema['items'])
      value.forEach((v, i) =>
        errors.push(...schemaErrors(schema['items'] as Schema, v, `${at}[${i}]`)),
      );
    if (schema['uniqueItems'] && new Set(value.map(v => JSON.stringify(v))).size !== value.length)
      errors.push(`${at}: items not unique`);
  }
  return errors;
}
