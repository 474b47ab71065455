/**
 * Services whose result the simulator computes after the platform check has let the call through
 * (diagnostic services such as CurrentSessionInfo.GetCurrentUser or CheckPermissionForUser, and the
 * ThingWorx Apps context manager of shared/apps). The pipeline in shared/engine/evaluate.ts asks each
 * handler in turn; the first one that returns an outcome answers the call.
 *
 * @example
 * const handler: ServiceHandler = ctx =>
 *   ctx.target.name === 'CurrentSessionInfo' && ctx.service === 'GetCurrentUser'
 *     ? { status: 200, outcome: 'allowed', body: JSON.stringify({ rows: [{ result: ctx.user }] }), steps: [] }
 *     : undefined;
 */
import type { Model } from '../model/types';
import type { Decider, EntityTarget } from './decider';
import type { Decision, PrincipalSet, Step } from '../model/decision';

export type ServiceContext = {
  model: Model;
  /** The authenticated user the call runs as. */
  user: string;
  principals: PrincipalSet;
  decider: Decider;
  target: EntityTarget;
  service: string;
  /** Parsed JSON body: the service parameters. */
  body: unknown;
  /** ISO-8601 request time. */
  at: string;
};

export type ServiceOutcome = {
  status: number;
  outcome: Decision['outcome'];
  body: string;
  result?: unknown;
  /** Steps appended to the explanation after the platform check. */
  steps: Step[];
  unknowns?: string[];
  /** The model as the service leaves it (services that change permissions); absent = unchanged. */
  effect?: Model;
};

/** Returns undefined when the call is not one this handler answers. */
export type ServiceHandler = (ctx: ServiceContext) => ServiceOutcome | undefined;
