/**
 * Contract calls of the equipment tree view (`apps:*`): contexts, windowed tree rows with effective
 * Read/Write/None and provenance (§7.18), the preview of a Grant or Propagate call, and applying it as an
 * undoable edit (`apps-invoke`, recorded in `apps.grants`). Registered in the handler map (handlers.ts);
 * the schemas are the contract's (shared/contract/apps.ts).
 *
 * @example
 * const h = appsHandlers({ withModel, announce });
 * h['apps:tree']({ context: 'DefaultContext', principal: { type: 'user', name: 'op1' }, expanded: 'all' });
 */
import type { ApiName, ProjectInfo, Result } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import {
  applyAppsInvocation,
  equipmentContexts,
  equipmentTree,
  previewPropagation,
} from '../../shared/apps/tree-data';
import type { ModelEdit } from '../../shared/model/edits';
import type { Model } from '../../shared/model/types';
import type { Handler } from './handlers';
import type { ProjectSession } from './session';

export type AppsApiName = 'apps:contexts' | 'apps:tree' | 'apps:preview-propagation' | 'apps:apply';

export type AppsHandlerDeps = {
  withModel<T>(fn: (m: Model, s: ProjectSession) => Result<T>): Result<T>;
  /** Pushes `project:changed` after a saved change. */
  announce(r: Result<ProjectInfo>): Result<ProjectInfo>;
};

/**
 * The `apps:*` handlers over the current project's model.
 *
 * @example
 * const r = await appsHandlers(deps)['apps:preview-propagation']({ service: 'PropagateUserGroupPermissionsOnEntities', params: { ... } });
 */
export function appsHandlers(deps: AppsHandlerDeps): { [K in AppsApiName]: Handler<K> } {
  return {
    'apps:contexts': () => deps.withModel(m => ok(equipmentContexts(m))),
    'apps:tree': args =>
      deps.withModel(m => {
        const r = equipmentTree(m, args);
        return r.ok ? ok(r.value) : err(r.error.code, `apps:tree: ${r.error.message}`);
      }),
    'apps:preview-propagation': ({ service: s, params: p }) =>
      deps.withModel(m => {
        const r = previewPropagation(m, s, p);
        return r.ok ? ok(r.value) : err(r.error.code, r.error.message);
      }),
    'apps:apply': ({ service: s, params: p }) =>
      deps.withModel((m, session) => {
        const edit: ModelEdit = { type: 'apps-invoke', service: s, params: p };
        if (session.readOnly) return session.commit(edit, m);
        const r = applyAppsInvocation(m, s, p);
        if (!r.ok) return err(r.error.code, r.error.message);
        return deps.announce(session.commit(edit, r.value));
      }),
  };
}

export const isAppsApiName = (n: ApiName): n is AppsApiName => n.startsWith('apps:');
