/**
 * Property data (docs/model-format.md "Property data"): the base type and default value a model
 * may give a property, the value a read answers when the model gives none (a placeholder of the
 * base type), and the check that a default fits its base type. One source for the model compiler,
 * the importer and the stand-in server (docs/stand-in-server.md).
 *
 * @example
 * placeholderOf('NUMBER'); // 0
 * defaultValueProblem('BOOLEAN', 'yes'); // 'expected true or false for a BOOLEAN property, got "yes"'
 */
import type { Characteristics, PropertyData, PropertyValue } from './types';
import { own } from './own';

/** A ThingWorx base type as a model names it: capitals, digits and underscores (`NUMBER`, `VEC2`). */
export const PROPERTY_BASE_TYPE = /^[A-Z][A-Z0-9_]*$/;

/** The base type of a property that declares none: ThingWorx's default for a new property. */
export const DEFAULT_BASE_TYPE = 'STRING';

const NUMERIC = new Set(['NUMBER', 'INTEGER', 'LONG', 'DATETIME']);
const OBJECTS = new Set(['JSON', 'INFOTABLE', 'LOCATION', 'VEC2', 'VEC3', 'VEC4']);

/** The value a property of this base type reads as before anything is written or defaulted. */
export function placeholderOf(baseType: string): unknown {
  if (NUMERIC.has(baseType)) return 0; // DATETIME: milliseconds since 1970, as ThingWorx's JSON gives it
  if (baseType === 'BOOLEAN') return false;
  if (baseType === 'INFOTABLE') return { dataShape: { fieldDefinitions: {} }, rows: [] };
  if (baseType === 'LOCATION') return { latitude: 0, longitude: 0, elevation: 0 };
  if (OBJECTS.has(baseType)) return {};
  return '';
}

/** Why `value` cannot be the default of a `baseType` property, or undefined when it can. */
export function defaultValueProblem(baseType: string, value: unknown): string | undefined {
  const shown = JSON.stringify(value);
  if (NUMERIC.has(baseType)) {
    if (typeof value !== 'number')
      return `expected a number for a ${baseType} property, got ${shown}`;
    if (baseType !== 'NUMBER' && !Number.isInteger(value))
      return `expected a whole number for a ${baseType} property, got ${shown}`;
    return undefined;
  }
  if (baseType === 'BOOLEAN')
    return typeof value === 'boolean'
      ? undefined
      : `expected true or false for a BOOLEAN property, got ${shown}`;
  if (OBJECTS.has(baseType))
    return typeof value === 'object' && value !== null
      ? undefined
      : `expected an object for a ${baseType} property, got ${shown}`;
  return typeof value === 'string'
    ? undefined
    : `expected text for a ${baseType} property, got ${shown}`;
}

/**
 * A property's data as a ThingWorx export states it (the importer, docs/import.md): the
 * `baseType` attribute and the default value, which XML carries as text (`aspects.defaultValue`).
 * Returns the data the model can keep, and why a default was dropped (it does not fit the type).
 *
 * @example
 * propertyDataFromExport('NUMBER', '20.5'); // { data: { baseType: 'NUMBER', defaultValue: 20.5 } }
 */
export function propertyDataFromExport(
  baseType: unknown,
  defaultValue: unknown,
): { data?: PropertyData; dropped?: string } {
  const data: PropertyData = {};
  if (typeof baseType === 'string' && PROPERTY_BASE_TYPE.test(baseType)) data.baseType = baseType;
  const type = data.baseType ?? DEFAULT_BASE_TYPE;
  let value: unknown = defaultValue;
  if (typeof value === 'string' && type !== DEFAULT_BASE_TYPE) {
    const text = value.trim();
    if (NUMERIC.has(type) && text !== '' && Number.isFinite(Number(text))) value = Number(text);
    else if (type === 'BOOLEAN' && (text === 'true' || text === 'false')) value = text === 'true';
    else if (OBJECTS.has(type) && text !== '')
      try {
        value = JSON.parse(text) as unknown;
      } catch {
        // left as text: the check below names it
      }
  }
  let dropped: string | undefined;
  if (value !== undefined && value !== null && value !== '') {
    const problem = defaultValueProblem(type, value);
    if (problem) dropped = problem;
    else data.defaultValue = value as PropertyValue;
  }
  return { ...(Object.keys(data).length ? { data } : {}), ...(dropped ? { dropped } : {}) };
}

/**
 * A property's data as the first of `sources` that declares it says (a Thing before its templates
 * and shapes), with the base type defaulted (`declared` says whether the model named it).
 */
export function propertyDataOf(
  sources: readonly (Characteristics | undefined)[],
  property: string,
): { baseType: string; value: unknown; declared: boolean } {
  let data: PropertyData | undefined;
  for (const c of sources) {
    data = c?.propertyData ? own(c.propertyData, property) : undefined;
    if (data) break;
  }
  const baseType = data?.baseType ?? DEFAULT_BASE_TYPE;
  return {
    baseType,
    declared: data?.baseType !== undefined,
    value: data && 'defaultValue' in data ? data.defaultValue : placeholderOf(baseType),
  };
}
