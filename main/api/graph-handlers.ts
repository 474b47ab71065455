/**
 * Contract calls of the role-inheritance graph and the access matrix (`graph:*`, docs/architecture.md "Views"): focused
 * neighbourhoods, the decision path of an answer, paths from a principal to an entity, and
 * windowed matrix cells. Registered in the
 * handler map (handlers.ts); the schemas are the contract's (shared/contract/graph.ts).
 *
 * @example
 * const h = graphHandlers({ withModel, now: () => '2026-01-01T00:00:00Z' });
 * h['graph:neighbourhood']({ focus: { type: 'user', name: 'alice' } });
 * h['graph:paths']({ from: { type: 'user', name: 'alice' }, to: { type: 'thing', name: 'SensorDataStream' } });
 */
import type { ApiName, Result } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import { evaluate } from '../../shared/engine/index';
import {
  decisionPath,
  findPaths,
  matrixAxes,
  matrixWindow,
  matrixWindowByChecks,
  neighbourhood,
} from '../../shared/graph';
import { builtMatrixEngine, matrixEngineInSlices } from '../../shared/engine/matrix';
import type { Model } from '../../shared/model/types';
import { suggestionSuffix } from '../../shared/model/suggest';
import { parseCall } from '../../shared/rest/parse';
import type { Handler } from './handlers';
import type { ProjectSession } from './session';

export type GraphApiName =
  | 'graph:neighbourhood'
  | 'graph:decision-path'
  | 'graph:paths'
  | 'graph:matrix-axes'
  | 'graph:matrix-cells';

export type GraphHandlerDeps = {
  withModel<T>(fn: (m: Model, s: ProjectSession) => Result<T>): Result<T>;
  now?: () => string;
};

/** Resolves after the I/O and timers already due have had their turn (a build's pause). */
const nextTurn = (): Promise<void> => new Promise(resolve => setImmediate(resolve));

const missing = (what: string, wanted: string, all: string[]) =>
  err(
    'not-found',
    `No ${what} named '${wanted}' in the model${suggestionSuffix(wanted, all) || '.'}`,
  );

/**
 * The `graph:*` handlers over the current project's model.
 *
 * @example
 * const r = await graphHandlers(deps)['graph:matrix-axes']({ group: 'Operators' });
 */
export function graphHandlers(deps: GraphHandlerDeps): { [K in GraphApiName]: Handler<K> } {
  const current = (): Model | undefined => {
    const r = deps.withModel(m => ok(m));
    return r.ok ? r.value : undefined;
  };
  /**
   * The matrix engine of the project's current model (one per revision, as models are immutable),
   * built in slices of about 10 ms between which the request loop answers other calls; a build
   * stops when the project moves on to another model before it is done.
   */
  const buildInSlices = (m: Model): void => {
    if (builtMatrixEngine(m)) return;
    void matrixEngineInSlices(m, nextTurn, () => current() === m);
  };
  return {
    'graph:neighbourhood': ({ focus, guard, expand }) =>
      deps.withModel(m => {
        const r = neighbourhood(m, focus, {
          ...(guard === undefined ? {} : { guard }),
          ...(expand === undefined ? {} : { expand }),
        });
        return r.ok ? ok(r.value) : err(r.code, `graph:neighbourhood: ${r.message}`);
      }),
    'graph:decision-path': ({ request }) =>
      deps.withModel(m => {
        const parsed = parseCall(request.method, request.path);
        if (!parsed.ok && parsed.code === 'bad-call')
          return err('invalid-argument', `graph:decision-path: request.path: ${parsed.message}`);
        const now = deps.now?.();
        return ok(decisionPath(m, request, evaluate(m, request, now ? { now } : undefined)));
      }),
    'graph:paths': query =>
      deps.withModel(m => {
        const r = findPaths(m, query);
        return r.ok ? ok(r.value) : err(r.code, `graph:paths: ${r.message}`);
      }),
    'graph:matrix-axes': filter =>
      deps.withModel(m => {
        if (filter.group && !Object.hasOwn(m.groups, filter.group))
          return missing('group', filter.group, Object.keys(m.groups));
        if (filter.template && !Object.hasOwn(m.templates, filter.template))
          return missing('template', filter.template, Object.keys(m.templates));
        const axes = matrixAxes(m, filter);
        // The matrix is about to be shown: its engine starts building now, in slices.
        buildInSlices(m);
        return ok(axes);
      }),
    'graph:matrix-cells': ({ users, things, kinds }) =>
      deps.withModel(m => {
        const badUser = users.find(u => !Object.hasOwn(m.users, u));
        if (badUser) return missing('user', badUser, Object.keys(m.users));
        const badThing = things.find(t => !Object.hasOwn(m.things, t));
        if (badThing) return missing('Thing', badThing, Object.keys(m.things));
        if (builtMatrixEngine(m)) return ok(matrixWindow(m, users, things, kinds));
        // While the engine builds, a window is answered by single checks: the same cells, so the
        // first tiles of a large model are on screen long before the engine is ready.
        buildInSlices(m);
        return ok(matrixWindowByChecks(m, users, things, kinds));
      }),
  };
}

export const isGraphApiName = (n: ApiName): n is GraphApiName => n.startsWith('graph:');
