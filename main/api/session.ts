/**
 * What the handler map works on: either a SQLite project (editable, with undo/redo) or a model
 * loaded from a YAML/JSON file (read-only; the CLI's `check`, `test`, `validate`).
 *
 * @example
 * const s = fileSession('/models/plant.yaml', model);
 * s.info().modelName; s.commit(edit, next); // -> { ok: false, error: { code: 'read-only', ... } }
 */
import type { LessonProgress, ProjectInfo, Result } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import type { Model } from '../../shared/model/types';
import type { ProjectStore, ScenarioRows, StoreInfo } from '../store';
import { memoryScenarioRows } from '../store';

export type ProjectSession = {
  kind: 'project' | 'file';
  /** Absolute path of the project or model file. */
  path: string;
  readOnly: boolean;
  model(): Model;
  info(): ProjectInfo;
  /** Saves `next` (the result of `edit`) in one transaction. */
  commit(edit: unknown, next: Model): Result<ProjectInfo>;
  undo(): Result<ProjectInfo>;
  redo(): Result<ProjectInfo>;
  /** What-if scenarios: stored in the project, or kept in memory for a read-only model file. */
  readonly scenarios: ScenarioRows;
  /** Lesson progress (docs/lessons.md): stored in the project, or kept in memory for a model file. */
  readonly lessonProgress: { get(): LessonProgress; set(p: LessonProgress): void };
  close(): void;
};

const NO_PROGRESS: LessonProgress = { lessons: [] };

/** Stored progress, or none when absent or unreadable (a hand-edited row must not break the project). */
function parseProgress(json: string | undefined): LessonProgress {
  if (json === undefined) return NO_PROGRESS;
  try {
    const v = JSON.parse(json) as LessonProgress;
    return v && Array.isArray(v.lessons) ? v : NO_PROGRESS;
  } catch {
    return NO_PROGRESS;
  }
}

function memoryProgress(): ProjectSession['lessonProgress'] {
  let p = NO_PROGRESS;
  return { get: () => p, set: next => void (p = next) };
}

/** Element counts shown in the project header. */
export function modelCounts(m: Model): Record<string, number> {
  return {
    users: Object.keys(m.users).length,
    groups: Object.keys(m.groups).length,
    organizations: Object.keys(m.organizations).length,
    things: Object.keys(m.things).length,
    templates: Object.keys(m.templates).length,
    shapes: Object.keys(m.shapes).length,
    others: Object.keys(m.others).length,
    appKeys: Object.keys(m.appKeys).length,
    contexts: Object.keys(m.apps.contexts).length,
    requests: m.requests.length,
  };
}

export function projectSession(store: ProjectStore): ProjectSession {
  const toInfo = (i: StoreInfo): ProjectInfo => ({
    path: i.path,
    modelName: i.modelName,
    counts: modelCounts(store.model()),
    canUndo: i.canUndo,
    canRedo: i.canRedo,
    revision: i.revision,
  });
  const map = (r: Result<StoreInfo>): Result<ProjectInfo> => (r.ok ? ok(toInfo(r.value)) : r);
  return {
    kind: 'project',
    path: store.path,
    readOnly: false,
    model: () => store.model(),
    info: () => toInfo(store.info()),
    commit: (edit, next) => map(store.commit(edit, next)),
    undo: () => map(store.undo()),
    redo: () => map(store.redo()),
    scenarios: store.scenarios,
    lessonProgress: {
      get: () => parseProgress(store.lessonProgress.get()),
      set: p => store.lessonProgress.set(JSON.stringify(p)),
    },
    close: () => store.close(),
  };
}

export function fileSession(path: string, model: Model): ProjectSession {
  const readOnly = (): Result<never> =>
    err(
      'read-only',
      `${path} is a model file opened read-only: make an editable copy (a .permsim project) to edit it.`,
    );
  return {
    kind: 'file',
    path,
    readOnly: true,
    model: () => model,
    info: () => ({
      path,
      modelName: model.name,
      counts: modelCounts(model),
      canUndo: false,
      canRedo: false,
      revision: 0,
      readOnly: true,
    }),
    commit: readOnly,
    undo: readOnly,
    redo: readOnly,
    scenarios: memoryScenarioRows(),
    lessonProgress: memoryProgress(),
    close: () => undefined,
  };
}
