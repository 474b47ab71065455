/**
 * The project store: one SQLite file per project (see project-store.ts).
 *
 * @example
 * import { openProject } from '../store';
 * const r = openProject(path, { create: true, model });
 */
export { openProject, blankModel, HISTORY_CAP } from './project-store';
export type { ProjectStore, StoreInfo, OpenOptions } from './project-store';
export { inspectProjectFile } from './inspect';
export { SCHEMA_VERSION, MIGRATIONS, runMigrations } from './migrations';
export type { Migration } from './migrations';
export { APPLICATION_ID } from './sql';
export { memoryScenarioRows } from './scenarios';
export type { ScenarioRows } from './scenarios';
export { applyDelta, diffModels, sameJson } from './model-delta';
export type { ModelDelta } from './model-delta';
