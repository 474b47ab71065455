/**
 * Requests in, decisions out: the engine's public vocabulary (architecture.md §3).
 *
 * @example
 * const d = evaluate(model, {
 *   method: 'GET',
 *   path: '/Thingworx/Things/SensorDataStream/Properties/temperature',
 *   credentials: { type: 'basic', user: 'alice' },
 * });
 * d.status; // 200 | 401 | 403 | 404 | 405
 * d.body;   // e.g. 'Not authorized for PropertyRead on temperature in SensorDataStream'
 */
import type {
  CollectionName,
  DesignKind,
  PrincipalRef,
  RuntimeEntry,
  RuntimeKind,
  Semantics,
  VisibilityPrincipal,
  DesignEntry,
} from './types';

/** How the caller authenticates (domain reference §3.9-3.11, §9.1). */
export type Credentials =
  | { type: 'none' }
  /** Basic auth. `password` omitted = the correct one. */
  | { type: 'basic'; user: string; password?: string }
  /** Application key in the `appKey` header or the `?appKey=` query parameter (§3.10). */
  | { type: 'appKey'; key: string; via: 'header' | 'query' };

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';

/** An authenticated REST call as ThingWorx receives it. */
export type RestRequest = {
  method: string;
  /** `/Thingworx/...`, optionally with a query string. */
  path: string;
  credentials: Credentials;
  /** JSON body (service parameters, property value). */
  body?: unknown;
  /** Client IP address; default 127.0.0.1. */
  clientIp?: string;
  /** ISO-8601 request time; default the model's `now:`, else the current time (evaluate.ts `evaluationTime`). */
  at?: string;
};

/** The time a request was evaluated at and where it came from (the request, the model's `now:`, the clock). */
export type EvaluatedAt = { at: string; source: 'request' | 'model' | 'clock' };

/** A reference to a model element, so the UI can link every step to what it names. */
export type ElementRef =
  | {
      type:
        'user' | 'group' | 'organization' | 'thing' | 'template' | 'shape' | 'appKey' | 'context';
      name: string;
    }
  | { type: 'unit'; org: string; name: string }
  | { type: 'collection'; name: CollectionName }
  | { type: 'other'; collection: string; name: string }
  | { type: 'option'; name: keyof Semantics }
  | {
      type: 'characteristic';
      entity: string;
      kind: 'property' | 'service' | 'event';
      name: string;
    };

/** Where an entry lives (the levels of §2 and §9.6). */
export type Level =
  | { level: 'entity'; entity: string; collection: string }
  | { level: 'instance'; template: string }
  | { level: 'shape'; shape: string }
  | { level: 'template'; template: string }
  | { level: 'collection'; collection: CollectionName };

/** An entry together with where it is stored. */
export type LocatedRuntimeEntry = RuntimeEntry & { at: Level };
export type LocatedDesignEntry = DesignEntry & { at: Level };
export type LocatedVisibility = VisibilityPrincipal & { at: Level };

export type StepKind =
  | 'authentication'
  | 'principals'
  | 'bypass'
  | 'lookup'
  | 'visibility'
  | 'runtime'
  | 'designtime'
  | 'service'
  | 'unknown';

/** One explanation step, in ThingWorx words, naming the model elements involved. */
export type Step = {
  kind: StepKind;
  /** pass = the check let the call through; fail = it ended the call; info = context only. */
  verdict: 'pass' | 'fail' | 'info' | 'unknown';
  /** One sentence in ThingWorx terms. */
  text: string;
  /** Further lines (paths through groups and units, losing entries, ...). */
  details: string[];
  refs: ElementRef[];
  /** Entries that decided this step (run time / design time / visibility). */
  decided?: (LocatedRuntimeEntry | LocatedDesignEntry | LocatedVisibility)[];
  /** Entries that existed for the user's principals but lost. */
  lost?: (LocatedRuntimeEntry | LocatedDesignEntry)[];
  /** Domain reference sections this step relies on, e.g. ['§9.6', '§2.8']. */
  cites: string[];
  /** Semantic options or [INF] inferences that decided this step. */
  options?: (keyof Semantics)[];
  inferences?: string[];
  /** Deciding entries that a recorded context-manager call wrote (§7.14), and which call. */
  writtenBy?: WrittenBy[];
};

/**
 * The recorded context-manager call (model `apps.grants`) that wrote a platform entry (§7.14), e.g.
 * `GrantUserGroupPermissionsOnEntities(Operators, Read) on PackLine`.
 */
export type WrittenBy = {
  /** The entry, in the §10 notation. */
  entry: string;
  allow: boolean;
  /** The call in words: service(principal, permission) and where. */
  call: string;
  service: string;
  principal: PrincipalRef;
  permissionType: string;
  /** Position in `apps.grants`, 1-based as people count. */
  grant: number;
  /** The equipment or Network Thing the entry is on. */
  thing: string;
  /** The context to open in the Equipment view (the propagation's, or one holding the Thing). */
  context?: string;
};

/**
 * The machine-comparable essence of the deciding step: two evaluators agree when status, body and
 * this key are equal (architecture.md §3, "Two evaluators").
 */
export type DecidingKey = {
  step: StepKind;
  /** e.g. 'entity:SensorDataStream' | 'instance:SensorTemplate' | 'default-deny' | 'admin' | 'owner' | 'LoginFailed' */
  where: string;
  resource?: string;
  /** 'allow' | 'deny' | reason code */
  effect: string;
};

export type Decision = {
  /** HTTP status ThingWorx would answer. When `outcome` is 'unknown' this is the best evidence, see `unknowns`. */
  status: number;
  outcome: 'allowed' | 'denied' | 'unknown';
  /** Response body text ThingWorx would send (or the service result rendered as JSON text). */
  body: string;
  /** Structured service result (diagnostic services, context manager), when there is one. */
  result?: unknown;
  explanation: Step[];
  deciding: DecidingKey;
  /** Things the simulator does not model that matter for this answer, with the reason. */
  unknowns: string[];
  /** Semantic options that decided the answer. */
  optionsUsed: (keyof Semantics)[];
  /** The authenticated user, when authentication succeeded. */
  user?: string;
  /** The evaluation time (absent only for a call that is not a ThingWorx REST call). */
  evaluatedAt?: EvaluatedAt;
};

/** The operation a REST call maps to (§5.10). Produced by shared/rest/parse.ts. */
export type Operation =
  | { op: 'property-read'; collection: string; entity: string; name: string }
  | { op: 'property-write'; collection: string; entity: string; name: string }
  | { op: 'properties-read-all'; collection: string; entity: string }
  | { op: 'service-invoke'; collection: string; entity: string; name: string }
  | { op: 'event-invoke'; collection: string; entity: string; name: string }
  | { op: 'entity-read'; collection: string; entity: string }
  | { op: 'entity-update'; collection: string; entity: string }
  | { op: 'entity-delete'; collection: string; entity: string }
  | { op: 'entity-create'; collection: string; entity: string }
  | { op: 'collection-list'; collection: string }
  | {
      op: 'definitions-read';
      collection: string;
      entity: string;
      what: 'PropertyDefinitions' | 'ServiceDefinitions' | 'EventDefinitions';
    };

export type RuntimeCheck = { kind: RuntimeKind; resource: string };
export type DesignCheck = { kind: DesignKind };

/** The user's principal set (§9.2): the user, its transitive groups with paths, its units. */
export type PrincipalSet = {
  user: string;
  /** Every group the user is in, transitively; each with one shortest path user -> ... -> group. */
  groups: { name: string; path: string[] }[];
  /** Units the user is a member of (directly, or via a group), with the path that made it so. */
  units: { org: string; unit: string; via: string[] }[];
  isAdmin: boolean;
};

export type PrincipalSetRef = PrincipalRef;

/** Level in the §10 notation, e.g. `instance(SensorTemplate)`. */
export function levelNotation(at: Level): string {
  switch (at.level) {
    case 'entity':
      return `entity(${at.entity})`;
    case 'instance':
      return `instance(${at.template})`;
    case 'template':
      return `template(${at.template})`;
    case 'shape':
      return `shape-instance(${at.shape})`;
    case 'collection':
      return `collection(${at.collection})`;
  }
}
