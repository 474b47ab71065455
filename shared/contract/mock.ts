/**
 * `mock:*`: the stand-in ThingWorx started from the app (docs/stand-in-server.md): start it on
 * 127.0.0.1 with the open project's model, stop it, read the requests it answered (the Traffic view
 * polls them), and turn them into a permission-test file.
 */
import { z } from 'zod';
import type { Decision, Step } from '../model/decision';
import { calls, empty, owned } from './common';

/**
 * One request the stand-in ThingWorx answered (docs/stand-in-server.md "The log"): the caller, the
 * call, the status and the decision's explanation; in compare mode the baseline's status and how
 * the answer differs. `permsim mock --log` writes these as JSON lines; the Traffic view lists them.
 */
export type TrafficEntry = {
  /** 1, 2, 3, … in arrival order. */
  seq: number;
  /** ISO-8601 time the request arrived. */
  time: string;
  method: string;
  /** Path and query as sent. */
  url: string;
  clientIp: string;
  /** `alice`, `appKey:NAME` or `anonymous`. */
  caller: string;
  /** `Collection/Name` (or the collection) the call is about. */
  entity?: string;
  status: number;
  outcome: Decision['outcome'];
  /** The answer's body when it is a refusal (status 400 or more). */
  error?: string;
  /** True when the engine decided (false: refused before it, e.g. by the CSRF filter, or not a ThingWorx call). */
  evaluated: boolean;
  /** The request's JSON body (service parameters, property value), when it had one. Passwords are never logged. */
  body?: unknown;
  /** How an application key was sent. */
  appKeyVia?: 'header' | 'query';
  /** The `X-PermSim-Simulated` reason, when the answer's body is simulated. */
  simulated?: string;
  notes: string[];
  explanation: Step[];
  unknowns: string[];
  /** Compare mode: the baseline model's answer, and how the scenario's differs. */
  baseline?: { status: number; outcome: Decision['outcome'] };
  change?: 'gained' | 'revoked' | 'changed';
  /**
   * Set when the call changed the stand-in's model for the session (a context-manager Grant or
   * Propagate, domain §7.14-7.15): later calls see the change; the project file never does.
   */
  sessionChange?: string;
  /** The engine's whole decision (the Traffic view shows it as the Ask view does); not in the JSON-lines log. */
  decision?: Decision;
};

/**
 * The stand-in ThingWorx started from the app, on the open project's model; with `compare`, it
 * answers with a stored scenario applied and counts the requests whose answer the scenario changes.
 */
export type StandInStatus = {
  running: boolean;
  url?: string;
  port?: number;
  compare?: {
    scenario: string;
    requests: number;
    gained: number;
    revoked: number;
    changed: number;
  };
};

const port = z
  .number({ error: 'a number' })
  .int({ error: 'a whole number' })
  .min(0, { error: 'a port from 0 (any free port) to 65535' })
  .max(65535, { error: 'a port from 0 (any free port) to 65535' });

const status = owned<StandInStatus>("the stand-in's status");

export const mockCalls = calls({
  /**
   * Starts the stand-in ThingWorx on 127.0.0.1; it answers with the open project's current model,
   * or with the stored scenario `scenario` applied and compared (compare mode).
   */
  'mock:start': {
    args: z.strictObject({
      port: port.optional(),
      scenario: z
        .number({ error: 'the id of a stored scenario (whatif:list)' })
        .int({ error: 'the id of a stored scenario (whatif:list)' })
        .optional(),
    }),
    result: status,
  },
  'mock:stop': { args: empty, result: status },
  /** The requests answered after `after` (a `seq`), at most the last 500, with the status. */
  'mock:traffic': {
    args: z.strictObject({
      after: z
        .number({ error: 'a number' })
        .int({ error: 'a whole number' })
        .min(0, { error: 'a request number from 0' })
        .optional(),
    }),
    result: owned<StandInStatus & { entries: TrafficEntry[]; total: number }>('the traffic log'),
  },
  /** The requests answered so far as a permission-test file (docs/permission-tests.md) expecting the answers given. */
  'mock:tests': {
    args: empty,
    result: z.strictObject({ text: z.string(), tests: z.number().int().nonnegative() }),
  },
});
