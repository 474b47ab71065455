/**
 * The reference evaluator's public entry points.
 *
 * @example
 * import { createReferenceDecider } from '../engine/reference';
 * const d = createReferenceDecider(model);
 */
export { createReferenceDecider } from './decider';
export { referencePrincipals } from './principals';
export {
  runtimeVerdict,
  designVerdict,
  visibilityVerdict,
  whoForGroup,
  whoForUser,
  grantCovers,
} from './decide';
export type { Who } from './decide';
export {
  runtimeLevels,
  designLevels,
  visibilityLevels,
  templateChain,
  thingShapes,
} from './levels';
