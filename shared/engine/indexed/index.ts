/**
 * The indexed evaluator's public face.
 *
 * @example
 * import { createIndexedDecider } from './indexed';
 */
export { createIndexedDecider } from './decider';
export type { IndexedDecider } from './decider';
export type { Access, FastChecks } from './fast-path';
export { principalIndexOf } from './principal-index';
