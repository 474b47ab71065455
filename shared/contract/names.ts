/**
 * The names of every contract call and push event, and which calls write or take no project
 * stamp. Light on purpose: the preload bridge, IPC and the renderer need the names, not the
 * schemas (importing only types from the schema files keeps zod and the lower layers of shared/
 * out of their bundles).
 */
import type { ApiName } from './api';
import type { Events } from './events';

/**
 * Every call name, as a checked record: the type check fails until a call defined in the schemas
 * (api.ts) is listed here, and refuses a name that is not a call.
 */
const API_NAME_SET: Record<ApiName, true> = {
  'project:info': true,
  'project:open': true,
  'project:new': true,
  'project:save-as': true,
  'project:recent': true,
  'project:demos': true,
  'project:complete-path': true,
  'project:import-model': true,
  'project:export-model': true,
  'project:import': true,
  'project:import-cancel': true,
  'model:outline': true,
  'model:element': true,
  'model:edit': true,
  'model:undo': true,
  'model:redo': true,
  'model:requests': true,
  'model:principal': true,
  'model:options': true,
  'model:validate': true,
  'engine:ask': true,
  'engine:suggest-calls': true,
  'engine:effective-table': true,
  'apps:contexts': true,
  'apps:tree': true,
  'apps:preview-propagation': true,
  'apps:apply': true,
  'graph:neighbourhood': true,
  'graph:decision-path': true,
  'graph:paths': true,
  'graph:matrix-axes': true,
  'graph:matrix-cells': true,
  'report:export': true,
  'whatif:list': true,
  'whatif:save': true,
  'whatif:delete': true,
  'whatif:run': true,
  'whatif:summary': true,
  'whatif:cells': true,
  'whatif:cancel': true,
  'whatif:explain': true,
  'whatif:replay-counts': true,
  'whatif:suggest-fixes': true,
  'whatif:apply': true,
  'whatif:revert': true,
  'whatif:export-changes': true,
  'mock:start': true,
  'mock:traffic': true,
  'mock:tests': true,
  'mock:stop': true,
  'lesson:list': true,
  'lesson:get': true,
  'lesson:progress': true,
  'lesson:start': true,
  'lesson:goto': true,
  'lesson:predict': true,
  'lesson:check': true,
};

/**
 * Every contract call name, for front doors that must refuse anything else (the preload bridge,
 * IPC).
 *
 * @example
 * API_NAMES.includes('project:info'); // true
 */
export const API_NAMES: readonly ApiName[] = Object.freeze(
  Object.keys(API_NAME_SET).filter((n): n is ApiName => Object.hasOwn(API_NAME_SET, n)),
);

const EVENT_NAME_SET: Record<keyof Events, true> = {
  'project:changed': true,
  'menu:command': true,
  'import:progress': true,
};
/** Every push event name (see `API_NAMES` for why it is a checked record). */
export const EVENT_NAMES: readonly (keyof Events)[] = Object.freeze(
  Object.keys(EVENT_NAME_SET).filter((n): n is keyof Events => Object.hasOwn(EVENT_NAME_SET, n)),
);

export const isApiName = (name: unknown): name is ApiName =>
  typeof name === 'string' && Object.hasOwn(API_NAME_SET, name);
export const isEventName = (name: unknown): name is keyof Events =>
  typeof name === 'string' && Object.hasOwn(EVENT_NAME_SET, name);

/** Calls that change the open project (refused on a stale stamp, see `ProjectStamp`). */
export const WRITE_CALLS: ReadonlySet<ApiName> = new Set<ApiName>([
  'project:import-model',
  'model:edit',
  'model:undo',
  'model:redo',
  'apps:apply',
  'whatif:save',
  'whatif:delete',
  'whatif:apply',
  'whatif:revert',
  'lesson:start',
]);

/** Calls that choose or describe which project is open, or need none: they take no stamp. */
export const UNSTAMPED_CALLS: ReadonlySet<ApiName> = new Set<ApiName>([
  'project:info',
  'project:open',
  'project:new',
  'project:recent',
  'project:demos',
  'project:complete-path',
  'model:validate',
  // A Cancel concerns the work running now, whichever project it was for.
  'whatif:cancel',
]);
