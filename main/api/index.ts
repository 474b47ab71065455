/**
 * The handler map implementing shared/contract.ts, and the first-start project.
 *
 * @example
 * const s = openDefaultProject(dataDir);
 * const api = createHandlers({ session: s.ok ? s.value : undefined, dataDir, emit });
 */
export { createHandlers } from './handlers';
export type { Emit, HandlerDeps, HandlerMap, Handlers } from './handlers';
export { openDefaultProject } from './default-project';
export { fileSession, projectSession } from './session';
export type { ProjectSession } from './session';
export { openModelSession, readModelFile, formatIssue } from './model-file';
export { validateArgs } from './validators';
export {
  savedToRequest,
  splitCallLine,
  checkExpectation,
  credentialsLabel,
} from '../../shared/model/saved-request';
