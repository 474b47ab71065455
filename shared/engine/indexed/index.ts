/**
 * The indexed evaluator's public face.
 *
 * @example
 * import { createIndexedDecider } from './indexed';
 */
export { createIndexedDecider } from './decider';
