import type { StateCreator } from 'zustand';
import type { ApiArgs, ApiName, ApiResult, Result } from '../../../shared/contract';
import { UNSTAMPED_CALLS } from '../../../shared/contract';
import { api } from '../api';
import type { RenameKind } from '../lib/edit-builders';
import type { Selection } from '../lib/refs';
import type { AppState } from './app-store';

/**
 * A message for the user. Errors stay in the one error area until dismissed or until the action
 * that caused them (`source`: the call) is tried again; info messages go away by themselves.
 */
export type Toast = { id: number; kind: 'error' | 'info'; message: string; source?: string };

/**
 * The words of an error for a person: without the internal call name the backend prefixes for
 * logs and the CLI (`engine:ask: request.path: ...`), starting with a capital.
 *
 * @example
 * userMessage('engine:ask: request.path: no such route'); // 'Request path: no such route'
 */
export function userMessage(message: string): string {
  const bare = message.replace(/^(?:[a-z]+:[a-z-]+:\s*)+/, '').replace(/^request\./, 'request ');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

export type DialogState =
  | { type: 'open-project' }
  /** A project switch waits for the user's choice about the unsaved what-if draft. */
  | { type: 'unsaved-draft'; path: string; action?: 'open' | 'new' }
  /** New project, Save As, or the editable copy of a read-only model file: a path to write. */
  | { type: 'project-path'; action: 'new' | 'save-as' }
  | { type: 'add'; what: AddWhat; org?: string; parent?: string }
  | { type: 'rename'; kind: RenameKind; name: string }
  /** The model's semantics options and factory settings, with a what-if of each switch. */
  | { type: 'semantics' }
  | null;

export type AddWhat = 'user' | 'group' | 'organization' | 'unit' | 'thing' | 'template' | 'shape';

export type UiSlice = {
  toasts: Toast[];
  /** Calls in flight; the progress bar shows while > 0. */
  busy: number;
  busyLabel: string;
  /** When the current run of calls in flight began (performance.now), for the 300 ms threshold. */
  busySince: number | null;
  /**
   * Stops waiting for every call in flight: each answers "cancelled" to the view that asked, which
   * shows that instead of a result (the backend finishes the work and its reply is dropped, unless
   * the call's `onCancel` tells the backend to stop it).
   */
  cancelRunning(): void;
  dialog: DialogState;
  centerTab: 'ask' | 'requests' | 'equipment' | 'graph' | 'matrix' | 'whatif' | 'traffic';
  /** Which side panels are shown (both fold away to give a small window to the view; lessons is opened on demand). */
  panels: { navigator: boolean; inspector: boolean; lessons: boolean };
  togglePanel(which: 'navigator' | 'inspector' | 'lessons'): void;
  /**
   * Elements to emphasise in the graph and the inspector: those of the explanation step the Ask
   * view's step-by-step bar points at (empty when none).
   */
  highlight: Selection[];
  setHighlight(h: Selection[]): void;
  /** Presenter mode: larger type, side panels hidden, for a room. */
  presenter: boolean;
  setPresenter(on: boolean): void;
  /**
   * Every contract call goes through here: it counts calls in flight for the progress indicator and
   * turns every error into a toast (errors are never swallowed), unless the caller shows it itself.
   */
  run<K extends ApiName>(
    name: K,
    args: ApiArgs<K>,
    opts?: {
      quiet?: boolean;
      /**
       * Left out of the top bar's progress indicator (and of its re-renders): many small calls a
       * view shows progress for itself, like the matrix's tiles.
       */
      background?: boolean;
      label?: string;
      /** Called on Cancel: tells the backend to stop the work (e.g. `whatif:cancel`). */
      onCancel?: () => void;
    },
  ): Promise<Result<ApiResult<K>>>;
  notify(kind: Toast['kind'], message: string, source?: string): void;
  dismissToast(id: number): void;
  setDialog(d: DialogState): void;
  setCenterTab(t: UiSlice['centerTab']): void;
  /**
   * The permission-model reference panel (docs/permission-model.md in the app): the topic shown,
   * '' for its contents, null when closed. Not project state: it stays open across projects.
   */
  referenceTopic: string | null;
  openReference(topic: string): void;
  closeReference(): void;
  /** Closes dialogs and clears messages of the previous project (the open tab stays). */
  resetUi(): void;
};

/** Resolvers of the calls in flight, so Cancel can answer them at once. */
const cancellers = new Set<() => void>();

/** A reply that arrives after the project it was asked for was closed: nobody waits for it. */
const abandoned = new Promise<never>(() => undefined);

let nextToast = 1;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  toasts: [],
  busy: 0,
  busyLabel: '',
  busySince: null,
  cancelRunning() {
    for (const cancel of [...cancellers]) cancel();
  },
  dialog: null,
  centerTab: 'ask',
  referenceTopic: null,
  openReference(topic) {
    set({ referenceTopic: topic });
  },
  closeReference() {
    set({ referenceTopic: null });
  },
  panels: { navigator: true, inspector: true, lessons: false },
  togglePanel(which) {
    set(s => ({ panels: { ...s.panels, [which]: !s.panels[which] } }));
  },
  highlight: [],
  setHighlight(highlight) {
    set({ highlight });
  },
  presenter: false,
  setPresenter(presenter) {
    set({ presenter });
  },
  async run(name, args, opts) {
    // Trying the call again clears the error it left: the new attempt speaks for itself.
    const counted = opts?.background !== true;
    if (counted)
      set(s => ({
        busy: s.busy + 1,
        busySince: s.busy === 0 ? performance.now() : s.busySince,
        busyLabel: opts?.label ?? s.busyLabel,
        toasts: s.toasts.some(t => t.source === name)
          ? s.toasts.filter(t => t.source !== name)
          : s.toasts,
      }));
    else if (get().toasts.some(t => t.source === name))
      set(s => ({ toasts: s.toasts.filter(t => t.source !== name) }));
    const epoch = get().projectEpoch;
    const info = get().info;
    // Every call about the project says which project and revision it was made for, so the
    // backend can refuse a write meant for a project that is no longer open (contract.ts).
    const stamped: ApiArgs<typeof name> =
      info && !UNSTAMPED_CALLS.has(name)
        ? { ...args, project: { path: info.path, revision: info.revision } }
        : args;
    let result: Result<ApiResult<typeof name>>;
    let cancel = () => undefined as void;
    const cancelled = new Promise<Result<never>>(resolve => {
      cancel = () => {
        opts?.onCancel?.();
        resolve({ ok: false, error: { code: 'cancelled', message: 'Cancelled: no result.' } });
      };
    });
    cancellers.add(cancel);
    try {
      result = await Promise.race([api.call(name, stamped), cancelled]);
    } catch (e) {
      // A transport failure (server gone, network error) is data for the user, not a crash.
      const message = e instanceof Error ? e.message : String(e);
      result = {
        ok: false,
        error: { code: 'transport', message: `Could not reach PermSim (${message}).` },
      };
    } finally {
      cancellers.delete(cancel);
      if (counted)
        set(s => ({
          busy: Math.max(0, s.busy - 1),
          busyLabel: s.busy <= 1 ? '' : s.busyLabel,
          busySince: s.busy <= 1 ? null : s.busySince,
        }));
    }
    // Another project was opened meanwhile: the reply describes the previous one, so it is dropped
    // here once, rather than checked in every view (the caller's continuation never runs).
    if (get().projectEpoch !== epoch && !UNSTAMPED_CALLS.has(name)) return abandoned;
    if (!result.ok) {
      const error = { ...result.error, message: userMessage(result.error.message) };
      result = { ok: false, error };
      if (!opts?.quiet && error.code !== 'cancelled') get().notify('error', error.message, name);
    }
    return result;
  },
  notify(kind, message, source) {
    // The same message twice (a retried call, two views asking at once) is one message, not a stack.
    if (get().toasts.some(t => t.kind === kind && t.message === message)) return;
    const id = nextToast++;
    set(s => ({
      toasts: [
        ...s.toasts.slice(-2),
        source === undefined ? { id, kind, message } : { id, kind, message, source },
      ],
    }));
    if (kind === 'info') setTimeout(() => get().dismissToast(id), 4000);
  },
  dismissToast(id) {
    set(s => ({ toasts: s.toasts.filter(t => t.id !== id) }));
  },
  setDialog(dialog) {
    set({ dialog });
  },
  setCenterTab(centerTab) {
    set({ centerTab });
  },
  resetUi() {
    set({ toasts: [], dialog: null, highlight: [] });
  },
});
