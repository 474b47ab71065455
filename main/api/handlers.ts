/**
 * The handler map: the one place that knows both the store and the engine (architecture.md §1).
 * Electron IPC, the loopback server and the CLI all call `dispatch`, which validates the arguments
 * (validators.ts), runs the handler, and never throws.
 *
 * @example
 * const api = createHandlers({ session, dataDir, emit: (e, p) => hub.emit(e, p) });
 * const r = await api.dispatch('engine:ask', { request: { method: 'GET', path: '/Thingworx/Things/T1/Properties/p', credentials: { type: 'basic', user: 'bob' } } });
 * if (r.ok) console.log((r.value as Decision).status); else console.error(r.error.message);
 */
import { existsSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type {
  ApiArgs,
  ApiName,
  ApiResult,
  ElementDetails,
  ElementKind,
  Events,
  ProjectInfo,
  ProjectStamp,
  Result,
  ValidArgs,
} from '../../shared/contract';
import {
  API_NAMES,
  err,
  isApiName,
  mergeOnce,
  ok,
  UNSTAMPED_CALLS,
  WRITE_CALLS,
} from '../../shared/contract';
import { loadModel } from '../../shared/apps/load';
import { projectStampSchema } from '../../shared/contract/project';
import { evaluate, getDecider } from '../../shared/engine/index';
import { effectiveTable } from '../../shared/engine/queries';
import { modelToText } from '../../shared/model/decompile';
import { applyEdit } from '../../shared/apps/apply-edit';
import type { Model } from '../../shared/model/types';
import { suggestionSuffix } from '../../shared/model/suggest';
import { principalPage } from '../../shared/engine/principal-page';
import { withGrantProvenance } from '../../shared/apps/provenance';
import { parseCall } from '../../shared/rest/parse';
import { openProject } from '../store';
import { appsHandlers } from './apps-handlers';
import type { AppsApiName } from './apps-handlers';
import { templateChain } from '../../shared/model/chains';
import { whatifHandlers } from './whatif-handlers';
import type { WhatIfApiName } from './whatif-handlers';
import { filesHandlers } from './files-handlers';
import type { FilesApiName } from './files-handlers';
import { lessonHandlers } from './lesson-handlers';
import type { LessonApiName } from './lesson-handlers';
import { entityCharacteristics } from './characteristics';
import { graphHandlers } from './graph-handlers';
import type { GraphApiName } from './graph-handlers';
import { importHandlers } from './import-handlers';
import type { ImportApiName } from './import-handlers';
import { reportHandlers } from './report-handlers';
import type { ReportApiName, ReportHandlerDeps } from './report-handlers';
import { isModelFileName, loadModelText, openModelSession } from './model-file';
import { findElement, modelOutline } from './outline';
import { existingRecent, rememberRecent } from './recent';
import type { ProjectSession } from './session';
import { projectSession } from './session';
import { suggestCalls } from './suggest-calls';
import { validateArgs } from './validators';
import { mockHandlers } from './mock-handlers';
import type { MockApiName } from './mock-handlers';
import { own } from '../../shared/model/own';

export type Emit = <E extends keyof Events>(event: E, payload: Events[E]) => void;

export type HandlerDeps = {
  /** The session to start with; without one, calls that need a model answer 'no-project'. */
  session?: ProjectSession;
  /** App data directory: recent projects (`recent.json`). Without it nothing is remembered. */
  dataDir?: string;
  /** Push events to the front end (`project:changed` after every change of project or model). */
  emit?: Emit;
  /** Request time used when a request has no `at` (default: the engine's deterministic time). */
  now?: () => string;
  /** PDF printer for `report:export` (default: headless Chromium); the desktop app passes Electron's printToPDF. */
  printPdf?: ReportHandlerDeps['printPdf'];
};

/** The handler of call `K`: takes the validated arguments, answers data (never throws to the caller). */
export type Handler<K extends ApiName> = (
  args: ValidArgs<K>,
) => Promise<Result<ApiResult<K>>> | Result<ApiResult<K>>;
export type Handlers = { [K in ApiName]: Handler<K> };

/** Calls handled in this file; each other area's calls are handled in its `*-handlers.ts`. */
type CoreApiName = Exclude<
  ApiName,
  | AppsApiName
  | GraphApiName
  | ReportApiName
  | WhatIfApiName
  | ImportApiName
  | MockApiName
  | LessonApiName
  | FilesApiName
>;

export type HandlerMap = {
  handlers: Handlers;
  /** Validates and runs a call by name; never throws (any failure is `{ ok: false, error }`). */
  dispatch(name: string, args: unknown): Promise<Result<unknown>>;
  /** Typed variant of `dispatch` for in-process callers (the CLI). */
  call<K extends ApiName>(name: K, args: ApiArgs<K>): Promise<Result<ApiResult<K>>>;
  session(): ProjectSession | undefined;
  /** Replaces the session (the previous one is closed) and announces it. */
  setSession(session: ProjectSession): void;
  /** Closes the session (PRAGMA optimize, close). */
  close(): Promise<void>;
};

/** How many users (for a Thing) or Things (for a user) model:element summarises. */
const SAMPLE_LIMIT = 100;

/** A fresh model with the ThingWorx built-ins only. */
function emptyModel(name: string): Result<Model> {
  return loadModelText(`permsim: 1\nname: ${JSON.stringify(name)}\n`, `${name}.yaml`);
}

export function createHandlers(deps: HandlerDeps = {}): HandlerMap {
  let current: ProjectSession | undefined = deps.session;
  const emit: Emit = deps.emit ?? (() => undefined);

  const need = (): Result<ProjectSession> =>
    current
      ? ok(current)
      : err(
          'no-project',
          'No project is open: open one (project:open) or create one (project:new).',
        );

  const announce = (r: Result<ProjectInfo>): Result<ProjectInfo> => {
    if (r.ok) emit('project:changed', r.value);
    return r;
  };

  const switchTo = (s: ProjectSession): Result<ProjectInfo> => {
    if (current && current !== s) current.close();
    current = s;
    if (deps.dataDir && s.kind === 'project') rememberRecent(deps.dataDir, s.path);
    return announce(ok(s.info()));
  };

  const withModel = <T>(fn: (m: Model, s: ProjectSession) => Result<T>): Result<T> => {
    const s = need();
    return s.ok ? fn(s.value.model(), s.value) : s;
  };

  const createProjectAt = (path: string, model: Model): Result<ProjectInfo> => {
    if (existsSync(path))
      return err('exists', `${path} already exists; choose another name or open it.`);
    if (isModelFileName(path))
      return err(
        'invalid-argument',
        `${path}: a project file must not end in .yaml/.yml/.json (use .permsim).`,
      );
    const r = openProject(path, { create: true, model });
    return r.ok ? switchTo(projectSession(r.value)) : r;
  };

  const { closeMock, ...mockCalls } = mockHandlers({ session: () => current });

  const core: { [K in CoreApiName]: Handler<K> } = {
    'project:info': () => withModel((_m, s) => ok(s.info())),
    'project:open': ({ path }) => {
      const r = openModelSession(resolve(path));
      return r.ok ? switchTo(r.value) : r;
    },
    'project:new': ({ path }) => {
      const abs = resolve(path);
      const m = emptyModel(basename(abs, extname(abs)));
      return m.ok ? createProjectAt(abs, m.value) : m;
    },
    'project:save-as': ({ path }) => withModel(m => createProjectAt(resolve(path), m)),
    'project:recent': () => ok(deps.dataDir ? existingRecent(deps.dataDir) : []),
    'project:import-model': ({ text, fileName }) =>
      withModel((_m, s) => {
        const loaded = loadModelText(text, fileName);
        if (!loaded.ok) return loaded;
        return announce(s.commit({ type: 'import-model', fileName }, loaded.value));
      }),
    'project:export-model': ({ format }) => withModel(m => ok({ text: modelToText(m, format) })),

    'model:outline': ({ search }) => withModel(m => ok(modelOutline(m, search))),
    'model:element': ({ kind, name }) =>
      withModel(m => {
        const found = findElement(m, kind, name);
        if (!found.ok) return found;
        return ok(describeElement(m, kind, name));
      }),
    'model:edit': ({ edit }) =>
      withModel((m, s) => {
        if (s.readOnly) return s.commit(edit, m);
        const r = applyEdit(m, edit);
        if (!r.ok) return err(r.error.code, r.error.message);
        return announce(s.commit(edit, r.model));
      }),
    'model:undo': () => withModel((_m, s) => announce(s.undo())),
    'model:redo': () => withModel((_m, s) => announce(s.redo())),
    'model:requests': () => withModel(m => ok(m.requests)),
    'model:validate': ({ text, fileName }) => {
      const r = loadModel(text, fileName);
      return ok(
        r.ok
          ? { valid: true, errors: [], warnings: r.warnings }
          : { valid: false, errors: r.errors, warnings: [] },
      );
    },
    'model:principal': ({ type, name }) =>
      withModel(m => {
        const page = principalPage(m, { type, name });
        if (page) return ok(page);
        const known = Object.keys(type === 'user' ? m.users : m.groups);
        return err(
          'not-found',
          `No ${type} named '${name}' in the model${suggestionSuffix(name, known) || '.'}`,
        );
      }),
    'model:options': () => withModel(m => ok({ semantics: m.semantics, factory: m.factory })),

    'engine:ask': ({ request }) =>
      withModel(m => {
        const parsed = parseCall(request.method, request.path);
        if (!parsed.ok && parsed.code === 'bad-call')
          return err('invalid-argument', `engine:ask: request.path: ${parsed.message}`);
        const now = deps.now?.();
        // The context-manager call that wrote a deciding entry is named (§7.14): only here, where a
        // person reads one answer, not in the bulk queries (matrix, who-can) that evaluate many.
        return ok(withGrantProvenance(m, evaluate(m, request, now ? { now } : undefined)));
      }),
    'engine:suggest-calls': ({ text }) => withModel(m => ok(suggestCalls(m, text))),
    'engine:effective-table': ({ user, collection, entity }) =>
      withModel(m => {
        if (!Object.hasOwn(m.users, user))
          return err(
            'not-found',
            `No user named '${user}' in the model${suggestionSuffix(user, Object.keys(m.users)) || '.'}`,
          );
        if (!entityCharacteristics(m, collection, entity)) {
          return err('not-found', `No entity ${collection}/${entity} in the model.`);
        }
        return ok(effectiveTable(m, user, { collection, name: entity }));
      }),
  };

  // Each area registers its own handlers; a name registered twice is refused (mergeOnce).
  const handlers: Handlers = mergeOnce('handler', [
    core,
    appsHandlers({ withModel, announce }),
    graphHandlers(deps.now ? { withModel, now: deps.now } : { withModel }),
    reportHandlers({
      withModel,
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.printPdf ? { printPdf: deps.printPdf } : {}),
    }),
    whatifHandlers({ withModel, announce }),
    lessonHandlers({ withModel, announce }),
    filesHandlers(),
    importHandlers({
      session: () => current,
      announce,
      createProjectAt: (path, model) => createProjectAt(resolve(path), model),
      emit,
    }),
    mockCalls,
  ]);

  const dispatch = async (name: string, args: unknown): Promise<Result<unknown>> => {
    try {
      if (!isApiName(name)) {
        return err(
          'unknown-call',
          `Unknown API call '${String(name)}'${suggestionSuffix(String(name), API_NAMES) || '.'}`,
        );
      }
      const split = splitStamp(name, args);
      if (!split.ok) return split;
      const { project, rest } = split.value;
      if (project) {
        const refused = checkStamp(name, project, current);
        if (refused) return refused;
      }
      const v = validateArgs(name, rest);
      if (!v.ok) return v;
      return await (handlers[name] as (a: unknown) => Promise<Result<unknown>> | Result<unknown>)(
        v.value,
      );
    } catch (e) {
      // Never a stack trace across the boundary: the message only, named after the call.
      return err(
        'internal',
        `${String(name)} failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  };

  return {
    handlers,
    dispatch,
    call: (name, args) => dispatch(name, args) as Promise<Result<ApiResult<typeof name>>>,
    session: () => current,
    setSession: s => {
      switchTo(s);
    },
    close: async () => {
      await closeMock();
      current?.close();
      current = undefined;
    },
  };
}

/** Separates the `project` stamp (contract.ts `ProjectStamp`) from the call's own arguments. */
function splitStamp(
  name: ApiName,
  args: unknown,
): Result<{ project: ProjectStamp | undefined; rest: unknown }> {
  if (args === null || typeof args !== 'object' || !Object.hasOwn(args, 'project'))
    return ok({ project: undefined, rest: args });
  const { project, ...rest } = args as { project: unknown };
  if (UNSTAMPED_CALLS.has(name))
    return err('invalid-argument', `${name} does not take a project: it chooses the project.`);
  const parsed = projectStampSchema.safeParse(project);
  if (!parsed.success)
    return err(
      'invalid-argument',
      `${name}: project must be { path, revision } of the open project (a file path and a revision number).`,
    );
  return ok({ project: parsed.data, rest });
}

/**
 * Refuses a write aimed at another project or at an older revision of the open one, and a read
 * made for another project: nothing is written, and the message names the project and revision
 * the call was meant for.
 */
function checkStamp(
  name: ApiName,
  stamp: ProjectStamp,
  current: ProjectSession | undefined,
): Result<never> | undefined {
  const write = WRITE_CALLS.has(name);
  const what = write ? 'This change' : 'This request';
  const tail = write ? ' Nothing was written.' : '';
  if (!current)
    return err(
      'wrong-project',
      `${what} was made for project ${stamp.path} (revision ${stamp.revision}), but no project is open.${tail}`,
    );
  if (resolve(stamp.path) !== current.path)
    return err(
      'wrong-project',
      `${what} was made for project ${stamp.path} (revision ${stamp.revision}), but ${current.path} is open now.${tail}`,
    );
  if (!write) return undefined;
  const revision = current.info().revision;
  if (stamp.revision !== revision)
    return err(
      'stale-revision',
      `${what} was made for revision ${stamp.revision} of ${stamp.path}, which is at revision ${revision} now.${tail} Look at the current state and try again.`,
    );
  return undefined;
}

/**
 * The element plus what the inspector shows beside it, per kind (contract `ElementDetails`): a
 * user's principals, keys and access per Thing; a Thing's template chain, characteristics and
 * access per user. The caller has checked that the element exists.
 */
function describeElement(m: Model, kind: ElementKind, name: string): ElementDetails {
  switch (kind) {
    case 'user': {
      const element = own(m.users, name);
      if (!element) break;
      const decider = getDecider(m);
      const things = Object.values(m.things)
        .filter(t => !t.builtin)
        .slice(0, SAMPLE_LIMIT);
      return {
        kind,
        name,
        element,
        principals: decider.principals(name),
        appKeys: Object.values(m.appKeys)
          .filter(k => k.user === name)
          .map(k => k.name),
        // Effective run-time permissions on `*` per Thing (§9.6); the full table is engine:effective-table.
        access: things.map(t => ({
          thing: t.name,
          rows: effectiveTable(m, name, { collection: 'Things', name: t.name }).filter(
            r => r.characteristic === '*',
          ),
        })),
      };
    }
    case 'thing': {
      const element = own(m.things, name);
      if (!element) break;
      const users = Object.values(m.users)
        .filter(u => !u.builtin)
        .slice(0, SAMPLE_LIMIT);
      const characteristics = entityCharacteristics(m, 'Things', name);
      return {
        kind,
        name,
        element,
        templateChain: templateChain(m, element.template),
        ...(characteristics ? { characteristics } : {}),
        // Effective run-time permissions on `*` per user (§9.6); the full table is engine:effective-table.
        access: users.map(u => ({
          user: u.name,
          rows: effectiveTable(m, u.name, { collection: 'Things', name }).filter(
            r => r.characteristic === '*',
          ),
        })),
      };
    }
    case 'group': {
      const element = own(m.groups, name);
      if (element) return { kind, name, element };
      break;
    }
    case 'organization': {
      const element = own(m.organizations, name);
      if (element) return { kind, name, element };
      break;
    }
    case 'template': {
      const element = own(m.templates, name);
      if (element) return { kind, name, element };
      break;
    }
    case 'shape': {
      const element = own(m.shapes, name);
      if (element) return { kind, name, element };
      break;
    }
    case 'collection': {
      const element = own(m.collections, name);
      if (element) return { kind, name, element };
      break;
    }
    case 'appKey': {
      const element = own(m.appKeys, name);
      if (element) return { kind, name, element };
      break;
    }
    case 'context': {
      const element = own(m.apps.contexts, name);
      if (element) return { kind, name, element };
      break;
    }
    case 'other': {
      const element = own(m.others, name);
      if (element) return { kind, name, element };
      break;
    }
  }
  // findElement found it a moment ago on the same immutable model.
  throw new Error(`${kind} '${name}' vanished from the model`);
}
