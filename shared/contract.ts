/**
 * The one typed contract between the front ends (renderer, CLI) and the handler map in main/api.
 * Three front doors use it unchanged: Electron IPC (preload `invoke`), the loopback server
 * (`POST /api/<name>`), and the CLI (direct calls into the handler map).
 *
 * Every call returns data, never a thrown error (architecture.md §1):
 * `{ ok: true, value } | { ok: false, error: { code, message, details? } }`.
 *
 * The calls are defined ONCE, as zod schemas of their arguments and results, in shared/contract/
 * (one file per area: project, import, model, engine, apps, graph, report, whatif, export; push
 * events in events.ts; all merged in api.ts). Every type here is inferred from those schemas; this
 * file is the barrel the rest of the code imports (`../shared/contract`): types, the name lists
 * the front doors use (names.ts), and `ok`/`err`.
 *
 * @example
 * const r = await api.call('engine:ask', { request: { method: 'GET', path: '/Thingworx/Things/T1/Properties/p', credentials: { type: 'basic', user: 'bob' } } });
 * if (r.ok) console.log(r.value.status); else console.log(r.error.message);
 */
import type { Result } from './model/result';
import type { ApiArgs, ApiName, ApiResult } from './contract/api';
import type { Events } from './contract/events';

// Only names and types here: the schemas (and zod, and the layers below) stay out of the
// renderer's and the preload's bundles. The handler map takes the schemas from
// shared/contract/api.ts.
export {
  API_NAMES,
  EVENT_NAMES,
  isApiName,
  isEventName,
  UNSTAMPED_CALLS,
  WRITE_CALLS,
} from './contract/names';
export type { Api, ApiArgs, ApiName, ApiResult, ValidArgs } from './contract/api';
export type { Events } from './contract/events';
export type { PathEntry, ProjectInfo, ProjectStamp } from './contract/project';
export type { ImportOutcome } from './contract/import';
export type { ElementDetails, ElementKind, OutlineItem } from './contract/model';
export type { Scenario, ScenarioRef, StoredScenario } from './contract/whatif';
export type { StandInStatus, TrafficEntry } from './contract/mock';
export type {
  LessonProgress,
  LessonRecord,
  LessonStepView,
  LessonSummary,
  LessonView,
} from './contract/lesson';
export type { TaskCheck } from './lessons/check';
export type { LessonQuestion, LessonStepKind } from './lessons/format';
export { mergeOnce } from './contract/merge';

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
// One row of the effective permission table, defined where it is computed.
export type { EffectiveRow, EffectiveState } from './engine/queries';
// A user's or group's page (members, groups, units, entries naming it), defined where it is computed.
export type { PrincipalEntry, PrincipalPage } from './engine/principal-page';

/**
 * What a transport (Electron preload bridge, loopback HTTP) offers the renderer. `args` may carry
 * the `project` stamp (`ProjectStamp`) beside the call's own arguments; the transport passes it on.
 */
export type Transport = {
  call<K extends ApiName>(name: K, args: ApiArgs<K>): Promise<Result<ApiResult<K>>>;
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void;
};

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
