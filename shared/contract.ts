/**
 * The one typed contract between the renderer (and the CLI) and the handler map in main/api.
 * Three front doors use it unchanged: Electron IPC (preload `invoke`), the loopback server
 * (`POST /api/<name>`), and the CLI (direct calls into the handler map).
 *
 * Every call returns data, never a thrown error (architecture.md §1):
 * `{ ok: true, value } | { ok: false, error: { code, message, details? } }`.
 *
 * Argument validation (zod) lives in main/api/validators.ts; the types here are the source of truth
 * for what each call takes and returns.
 *
 * @example
 * const r = await api.call('engine:ask', { request: { method: 'GET', path: '/Thingworx/Things/T1/Properties/p', credentials: { type: 'basic', user: 'bob' } } });
 * if (r.ok) console.log(r.value.status); else console.log(r.error.message);
 */
import type { Decision, RestRequest } from './model/decision';
import type { Result } from './model/result';
import type { EffectiveRow } from './engine/queries';
import type { FactoryDefaults, Model, SavedRequest, Semantics } from './model/types';
import type { ModelEdit } from './model/edits';
import type { ImportReport, OnConflict } from './import/types';
import type { ContextSummary, PropagationPreview, TreeQuery, TreeView } from './apps/tree-data';
import type { GraphFocus, GraphView, MatrixAxes, MatrixFilter } from './graph';
import type { ReportExportArgs, ReportExportResult } from './report/export-types';
import type { RuntimeKind } from './model/types';
import type { ExportChangesResult, ExportFormat } from './export';
import type {
  CellSide,
  DiffCounts,
  DiffScope,
  FixResult,
  Caller,
  Scenario,
  ScenarioRun,
  ScenarioStep,
  SummaryFilter,
  SummaryPage,
  WhatIfChange,
  WhatIfDiff,
} from './whatif';

import type { LessonQuestion, LessonStepKind } from './lessons/format';
import type { TaskCheck } from './lessons/check';

export type { TaskCheck } from './lessons/check';
export type { LessonQuestion, LessonStepKind } from './lessons/format';

/** A lesson of the bundled course (docs/lessons.md), as the list shows it. */
export type LessonSummary = {
  id: string;
  title: string;
  summary?: string;
  steps: number;
  tasks: number;
};

/** One step as the learner sees it: a prediction's answer and a task's solution stay in main. */
export type LessonStepView = {
  kind: LessonStepKind;
  title?: string;
  text?: string;
  cites?: string[];
  /** ask and predict: the question (a saved request's fields). */
  question?: LessonQuestion;
  /** predict: the statuses to choose from. */
  choices?: number[];
  /** task: the goal, the names of its expectations, what must not change (in words), a hint. */
  goal?: string;
  expect?: string[];
  keep?: string[];
  hint?: string;
};

export type LessonView = { id: string; title: string; summary?: string; steps: LessonStepView[] };

/** What a learner did in one lesson: the step reached, predictions made, tasks met. */
export type LessonRecord = {
  id: string;
  step: number;
  predictions: { step: number; choice: number; correct: boolean }[];
  tasksMet: number[];
};

/** Lesson progress, kept per project. */
export type LessonProgress = { current?: string; lessons: LessonRecord[] };

/** A scenario given inline or stored in the project by id. */
export type ScenarioRef = Scenario | { id: number };

/** A scenario saved in the project (what-if, architecture.md §4). */
export type StoredScenario = Scenario & { id: number; updatedAt: string };

// Results and errors as data are defined at the lowest layer, so model code can return them too.
export type { ApiError, Result } from './model/result';
export { err, ok } from './model/result';
// The request and decision vocabulary: the renderer takes it from here, never from the engine.
export type {
  Credentials,
  Decision,
  DecidingKey,
  ElementRef,
  HttpMethod,
  Level,
  RestRequest,
  Step,
  StepKind,
} from './model/decision';

/** What `project:import` answers: whether the model changed, and the import report either way. */
export type ImportOutcome = {
  imported: boolean;
  /** True when the user cancelled; nothing was imported. */
  cancelled?: boolean;
  report: ImportReport;
  /** The project after a successful import. */
  info?: ProjectInfo;
};

/** Kinds of model elements shown in the navigator. */
export type ElementKind =
  | 'user'
  | 'group'
  | 'organization'
  | 'thing'
  | 'template'
  | 'shape'
  | 'collection'
  | 'appKey'
  | 'context'
  | 'other';

export type OutlineItem = { kind: ElementKind; name: string; detail?: string; builtin?: boolean };

export type ProjectInfo = {
  /** Absolute path of the open project file. */
  path: string;
  modelName: string;
  counts: Record<string, number>;
  canUndo: boolean;
  canRedo: boolean;
  /** Monotonic revision: bumps on every saved edit. */
  revision: number;
  /** A model file (.yaml/.json) opened as it is: nothing can be saved until it is copied into a project. */
  readOnly?: true;
};

// One row of the effective permission table, defined where it is computed.
export type { EffectiveRow } from './engine/queries';

export type Api = {
  'project:info': { args: Record<string, never>; result: ProjectInfo };
  'project:open': { args: { path: string }; result: ProjectInfo };
  'project:new': { args: { path: string }; result: ProjectInfo };
  'project:save-as': { args: { path: string }; result: ProjectInfo };
  'project:recent': { args: Record<string, never>; result: string[] };
  'project:import-model': { args: { text: string; fileName: string }; result: ProjectInfo };
  'project:export-model': { args: { format: 'yaml' | 'json' }; result: { text: string } };
  /**
   * Imports ThingWorx entity XML, permissions files and entity JSON (docs/import.md): files or
   * folders on the backend's machine (`paths`) or uploaded files (`files`, base64). Merges into the
   * open project as one undoable edit, or creates a new project at `newProject`. Runs in the
   * backend worker with `import:progress` events; the project is unchanged unless `imported`.
   */
  'project:import': {
    args: {
      paths?: string[];
      files?: { path: string; base64: string }[];
      onConflict: OnConflict;
      newProject?: string;
    };
    result: ImportOutcome;
  };
  /** Asks a running `project:import` to stop (nothing is imported). */
  'project:import-cancel': { args: Record<string, never>; result: { cancelled: boolean } };

  'model:outline': { args: { search?: string }; result: OutlineItem[] };
  'model:get': { args: Record<string, never>; result: Model };
  'model:element': {
    args: { kind: ElementKind; name: string };
    result: { kind: ElementKind; name: string; data: unknown };
  };
  'model:edit': { args: { edit: ModelEdit }; result: ProjectInfo };
  'model:undo': { args: Record<string, never>; result: ProjectInfo };
  'model:redo': { args: Record<string, never>; result: ProjectInfo };
  'model:requests': { args: Record<string, never>; result: SavedRequest[] };
  /** The model's semantics options and factory settings (§9, §11, §3.5), for the options dialog. */
  'model:options': {
    args: Record<string, never>;
    result: { semantics: Semantics; factory: FactoryDefaults };
  };

  'engine:ask': { args: { request: RestRequest }; result: Decision };
  'engine:suggest-calls': { args: { text: string }; result: string[] };
  'engine:effective-table': {
    args: { user: string; collection: string; entity: string };
    result: EffectiveRow[];
  };
  'engine:who-can': {
    args: { request: Omit<RestRequest, 'credentials'> };
    result: { user: string; status: number; deciding: string }[];
  };

  /** Equipment contexts of the model (§7.1), for the equipment tree view. */
  'apps:contexts': { args: Record<string, never>; result: ContextSummary[] };
  /** Visible rows of one context for one user or group, windowed, with Read/Write/None and provenance (§7.18). */
  'apps:tree': { args: TreeQuery; result: TreeView };
  /** What a Grant or Propagate call would change, for whom, without saving anything (§7.5, §7.6, §7.17). */
  'apps:preview-propagation': {
    args: { service: string; params: Record<string, unknown> };
    result: PropagationPreview;
  };
  /** Runs a Grant or Propagate call and saves it as an undoable edit (`apps-invoke`). */
  'apps:apply': { args: { service: string; params: Record<string, unknown> }; result: ProjectInfo };

  /** A focused neighbourhood for the role-inheritance graph, folded past `guard` nodes (docs/architecture.md "Views"). */
  'graph:neighbourhood': { args: { focus: GraphFocus; guard?: number }; result: GraphView };
  /** The graph of one answer: the path that decided and the entries that lost (§9.6). */
  'graph:decision-path': { args: { request: RestRequest }; result: GraphView };
  /** Rows, columns and kinds of the access matrix after a filter. */
  'graph:matrix-axes': { args: MatrixFilter; result: MatrixAxes };
  /** One window of matrix cells, one code character per (user, Thing, kind): 2/3/4/1 = 200/403/404/401, u = unknown. */
  'graph:matrix-cells': {
    args: { users: string[]; things: string[]; kinds: RuntimeKind[] };
    result: { cells: string };
  };

  /** A report to share (docs/reports.md): HTML, CSV, JSON as text, PDF as base64 (shared/report). */
  'report:export': { args: ReportExportArgs; result: ReportExportResult };

  /** What-if (docs/whatif.md): scenarios saved in the project, the diff of a scenario, step replay, comparison, fix suggestions. */
  'whatif:list': { args: Record<string, never>; result: StoredScenario[] };
  'whatif:save': { args: { id?: number; scenario: Scenario }; result: StoredScenario };
  'whatif:delete': { args: { id: number }; result: { deleted: number } };
  /** Diff of the scenario (a stored one by id, or given inline) against the project's model; `upTo` = first n changes. */
  'whatif:run': {
    args: { scenario: Scenario | { id: number }; upTo?: number; scope?: DiffScope };
    result: ScenarioRun;
  };
  'whatif:replay': {
    args: { scenario: Scenario | { id: number }; scope?: DiffScope };
    result: ScenarioStep[];
  };
  'whatif:compare': {
    args: { a: Scenario | { id: number }; b: Scenario | { id: number }; scope: DiffScope };
    result: WhatIfDiff;
  };
  /**
   * The workbench's diff (shared/whatif/summary-view.ts): counts, blast radius, equipment changes and
   * one page of changed cells without explanations, for any scope size; `against` compares with
   * another scenario's end state; `focus` locates one cell (a fix's goal). Summaries are kept per
   * model revision, so paging and filtering do not recompute.
   */
  'whatif:summary': {
    args: {
      scenario: ScenarioRef;
      upTo?: number;
      scope?: DiffScope;
      against?: ScenarioRef;
      filter?: SummaryFilter;
      offset?: number;
      limit?: number;
      focus?: { caller: Caller; call: string };
    };
    result: SummaryPage;
  };
  /** Both answers of one changed cell with their explanations (same scenario, step and `against` as the summary). */
  'whatif:explain': {
    args: {
      scenario: ScenarioRef;
      upTo?: number;
      scope?: DiffScope;
      against?: ScenarioRef;
      caller: Caller;
      call: string;
    };
    result: { before: CellSide; after: CellSide };
  };
  /** How many cells each change alone changes (the stepper), by summary. */
  'whatif:replay-counts': {
    args: { scenario: ScenarioRef; scope?: DiffScope };
    result: { index: number; change: string; counts: DiffCounts }[];
  };
  /** Single changes that make the call succeed for the caller, on top of `changes` (the current scenario). */
  'whatif:suggest-fixes': {
    args: { caller: Caller; call: string; changes?: WhatIfChange[]; max?: number };
    result: FixResult;
  };
  /** Applies the scenario's changes to the project's model as one undoable edit. */
  'whatif:apply': { args: { scenario: Scenario | { id: number } }; result: ProjectInfo };
  /**
   * The scenario as an export for a live ThingWorx server (shared/export, docs/export-changes.md): a
   * shell script of REST calls, entity XML of the changed entities, or a Postman collection;
   * `inverse` undoes the scenario. `baselineLabel` names the baseline in the header (default: the
   * project's name and file).
   */
  'whatif:export-changes': {
    args: {
      scenario: ScenarioRef;
      format: ExportFormat;
      inverse?: boolean;
      baselineLabel?: string;
    };
    result: ExportChangesResult;
  };

  /** Lessons (docs/lessons.md): the bundled course, one lesson's steps, and the progress kept in the project. */
  'lesson:list': { args: Record<string, never>; result: LessonSummary[] };
  'lesson:get': { args: { id: string }; result: LessonView };
  'lesson:progress': { args: Record<string, never>; result: LessonProgress };
  /** Starts (or resets) a lesson: its starting model becomes the project's model as one undoable edit. */
  'lesson:start': { args: { id: string }; result: { info: ProjectInfo; progress: LessonProgress } };
  /** Records the step the learner is on. */
  'lesson:goto': { args: { id: string; step: number }; result: LessonProgress };
  /** Commits a prediction: only then is the answer given. */
  'lesson:predict': {
    args: { id: string; step: number; choice: number };
    result: { correct: boolean; answer: number; progress: LessonProgress };
  };
  /** Checks a task against the project's model (what is still wrong, in Ask's words). */
  'lesson:check': {
    args: { id: string; step: number };
    result: { check: TaskCheck; progress: LessonProgress };
  };
};

/**
 * The project a call was made for: the open project's path and the revision the caller last saw.
 * A front end sends it with every call that reads or writes the project (as `project` beside the
 * call's own arguments); the handler map refuses a write whose project or revision is not the open
 * one, and a read for another project, so a view left over from the previous project can never
 * change or describe the new one.
 */
export type ProjectStamp = { path: string; revision: number };

/** Calls that change the open project (refused on a stale stamp, see `ProjectStamp`). */
export const WRITE_CALLS: ReadonlySet<string> = new Set([
  'project:import-model',
  'model:edit',
  'model:undo',
  'model:redo',
  'apps:apply',
  'whatif:save',
  'whatif:delete',
  'whatif:apply',
  'lesson:start',
]);

/** Calls that choose or describe which project is open: they take no stamp. */
export const UNSTAMPED_CALLS: ReadonlySet<string> = new Set([
  'project:info',
  'project:open',
  'project:new',
  'project:recent',
]);

export type ApiName = keyof Api;
export type ApiArgs<K extends ApiName> = Api[K]['args'];
export type ApiResult<K extends ApiName> = Api[K]['result'];

/** Push events from main to the renderer. */
export type Events = {
  'project:changed': ProjectInfo;
  'menu:command': {
    command: 'new' | 'open' | 'save-as' | 'export' | 'import' | 'undo' | 'redo';
  };
  /** Progress of a running `project:import`: files read of all files. */
  'import:progress': { done: number; total: number };
};

/** What a transport (Electron preload bridge, loopback HTTP) offers the renderer. */
export type Transport = {
  call<K extends ApiName>(
    name: K,
    args: ApiArgs<K> & { project?: ProjectStamp },
  ): Promise<Result<ApiResult<K>>>;
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void;
};

/**
 * Every contract call name, for front doors that must refuse anything else (the preload bridge,
 * IPC). A `Record<ApiName, true>` so adding a call to `Api` without listing it here fails the
 * type check instead of silently being unreachable from Electron.
 *
 * @example
 * API_NAMES.includes('project:info'); // true
 */
const API_NAME_SET: Record<ApiName, true> = {
  'project:info': true,
  'project:open': true,
  'project:new': true,
  'project:save-as': true,
  'project:recent': true,
  'project:import-model': true,
  'project:export-model': true,
  'project:import': true,
  'project:import-cancel': true,
  'model:outline': true,
  'model:get': true,
  'model:element': true,
  'model:edit': true,
  'model:undo': true,
  'model:redo': true,
  'model:requests': true,
  'model:options': true,
  'engine:ask': true,
  'engine:suggest-calls': true,
  'engine:effective-table': true,
  'engine:who-can': true,
  'apps:contexts': true,
  'apps:tree': true,
  'apps:preview-propagation': true,
  'apps:apply': true,
  'graph:neighbourhood': true,
  'graph:decision-path': true,
  'graph:matrix-axes': true,
  'graph:matrix-cells': true,
  'report:export': true,
  'whatif:list': true,
  'whatif:save': true,
  'whatif:delete': true,
  'whatif:run': true,
  'whatif:replay': true,
  'whatif:compare': true,
  'whatif:summary': true,
  'whatif:explain': true,
  'whatif:replay-counts': true,
  'whatif:suggest-fixes': true,
  'whatif:apply': true,
  'whatif:export-changes': true,
  'lesson:list': true,
  'lesson:get': true,
  'lesson:progress': true,
  'lesson:start': true,
  'lesson:goto': true,
  'lesson:predict': true,
  'lesson:check': true,
};
export const API_NAMES: readonly ApiName[] = Object.freeze(Object.keys(API_NAME_SET) as ApiName[]);

const EVENT_NAME_SET: Record<keyof Events, true> = {
  'project:changed': true,
  'menu:command': true,
  'import:progress': true,
};
/** Every push event name (see `API_NAMES` for why it is a checked record). */
export const EVENT_NAMES: readonly (keyof Events)[] = Object.freeze(
  Object.keys(EVENT_NAME_SET) as (keyof Events)[],
);

export const isApiName = (name: unknown): name is ApiName =>
  typeof name === 'string' && Object.hasOwn(API_NAME_SET, name);
export const isEventName = (name: unknown): name is keyof Events =>
  typeof name === 'string' && Object.hasOwn(EVENT_NAME_SET, name);

/**
 * What the Electron preload exposes as `window.permsim` (and nothing more): contract calls and
 * contract events. Listeners receive the payload only, never the IPC event object.
 *
 * @example
 * const info = await window.permsim.invoke('project:info', {});
 * const off = window.permsim.on('project:changed', payload => console.log(payload));
 */
export type PermsimBridge = {
  invoke(name: ApiName, args: unknown): Promise<Result<unknown>>;
  on(event: keyof Events, listener: (payload: unknown) => void): () => void;
};
