/**
 * Names that `{}` already "has" through Object.prototype, and the one that sets the prototype: the
 * element names the property tests and fuzzers use to check that names are data.
 */
export const OBJECT_KEY_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
] as const;
