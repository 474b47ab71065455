import type { StateCreator } from 'zustand';
import type { OutlineItem, ProjectInfo } from '../../../shared/contract';
import type { ModelEdit } from '../../../shared/model/edits';
import type { SavedRequest } from '../../../shared/model/types';
import { checkExpectation, savedToRestRequest, type Expectation } from '../lib/saved-requests';
import type { AppState } from './app-store';
import type { RestRequest } from '../../../shared/model/decision';

/** A request of the Ask view as a saved request of the model, expecting `status`. */
function restToSaved(r: RestRequest, status: number): SavedRequest {
  const c = r.credentials;
  return {
    ...(c.type === 'basic' ? { as: c.user, ...(c.password ? { password: c.password } : {}) } : {}),
    ...(c.type === 'appKey' ? { appKey: c.key, appKeyVia: c.via } : {}),
    ...(c.type === 'none' ? { noAuth: true } : {}),
    call: `${r.method} ${r.path}`,
    ...(r.body !== undefined ? { body: r.body } : {}),
    ...(r.clientIp ? { ip: r.clientIp } : {}),
    ...(r.at ? { at: r.at } : {}),
    expect: { status },
  };
}

export type RequestCheck =
  { status: number; body: string; expectation: Expectation } | { error: string };

export type ProjectSlice = {
  info: ProjectInfo | null;
  /** The outline for the current search text (the navigator). */
  outline: OutlineItem[];
  /** The unfiltered outline: pickers (users, app keys, Things) draw from it. */
  allItems: OutlineItem[];
  search: string;
  requests: SavedRequest[];
  requestChecks: RequestCheck[];
  loaded: boolean;
  loadProject(): Promise<void>;
  setSearch(text: string): Promise<void>;
  /** Applies one edit through `model:edit` (saved by main); true when it was applied. */
  applyEdit(edit: ModelEdit, done?: string): Promise<boolean>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Opens a project; null when it opened, otherwise why not (for the dialog to show). */
  openProject(path: string): Promise<string | null>;
  /** Creates an empty project (`new`) or copies the open one (`save-as`) at `path` and opens it. */
  writeProject(action: 'new' | 'save-as', path: string): Promise<string | null>;
  /**
   * After any change of the project (edit, undo, open, push event): refresh every view. Another
   * project (a new path, or `fresh` for the same file opened again) first resets every view.
   */
  afterChange(info: ProjectInfo, opts?: { fresh?: boolean }): Promise<void>;
  /**
   * The backend's `project:changed` push event. Events travel apart from call replies and can come
   * late: one about the project open before the last Open… would switch back to it (and its reset
   * would close a dialog opened since). So the event only says "something changed": the project
   * open now is asked for, and that answer is applied.
   */
  projectChanged(pushed: ProjectInfo): Promise<void>;
  /** Forgets the previous project's outline, requests and checks. */
  resetProjectData(): void;
  runSavedRequests(): Promise<void>;
  /** Saves the Ask form's request with its current answer as the expectation. */
  saveAskedRequest(): Promise<boolean>;
  /** Takes the actual answers of these saved requests as their expectations (one undoable edit). */
  acceptActual(indices: number[]): Promise<boolean>;
};

export const createProjectSlice: StateCreator<AppState, [], [], ProjectSlice> = (set, get) => ({
  info: null,
  outline: [],
  allItems: [],
  search: '',
  requests: [],
  requestChecks: [],
  loaded: false,
  async loadProject() {
    const r = await get().run('project:info', {}, { label: 'Opening project' });
    if (r.ok) await get().afterChange(r.value);
    set({ loaded: true });
  },
  async projectChanged(pushed) {
    // Already known (the reply of this window's own call came first): nothing to ask.
    const now = get().info;
    if (now && now.path === pushed.path && now.revision >= pushed.revision) return;
    const r = await get().run('project:info', {}, { quiet: true });
    if (r.ok) await get().afterChange(r.value);
  },
  async setSearch(text) {
    set({ search: text });
    const r = await get().run('model:outline', text.trim() === '' ? {} : { search: text.trim() });
    // A slower earlier search must not overwrite a newer one.
    if (r.ok && get().search === text) set({ outline: r.value });
  },
  async applyEdit(edit, done) {
    const r = await get().run('model:edit', { edit }, { label: 'Saving edit' });
    if (!r.ok) return false;
    await get().afterChange(r.value);
    if (done) get().notify('info', done);
    return true;
  },
  async undo() {
    if (!get().info?.canUndo) return;
    const r = await get().run('model:undo', {}, { label: 'Undoing' });
    if (r.ok) {
      await get().afterChange(r.value);
      get().notify('info', 'Undone: the previous saved state is restored.');
    }
  },
  async redo() {
    if (!get().info?.canRedo) return;
    const r = await get().run('model:redo', {}, { label: 'Redoing' });
    if (r.ok) {
      await get().afterChange(r.value);
      get().notify('info', 'Redone.');
    }
  },
  async openProject(path) {
    const before = get().info?.path;
    const r = await get().run('project:open', { path }, { label: 'Opening project', quiet: true });
    if (!r.ok) return r.error.message;
    // The same file opened again starts afresh too; another file is noticed by afterChange.
    await get().afterChange(r.value, { fresh: before === r.value.path });
    return null;
  },
  async writeProject(action, path) {
    const name = action === 'new' ? 'project:new' : 'project:save-as';
    const label = action === 'new' ? 'Creating project' : 'Saving a copy';
    const r = await get().run(name, { path }, { label, quiet: true });
    if (!r.ok) return r.error.message;
    await get().afterChange(r.value);
    return null;
  },
  async afterChange(info, opts) {
    const prev = get().info;
    if (prev && (opts?.fresh || prev.path !== info.path)) get().resetForProject();
    set({ info, loaded: true });
    if (
      prev &&
      !opts?.fresh &&
      prev.path === info.path &&
      prev.revision === info.revision &&
      get().allItems.length > 0
    )
      return;
    const search = get().search.trim();
    const [all, requests] = await Promise.all([
      get().run('model:outline', {}),
      get().run('model:requests', {}),
    ]);
    if (all.ok) {
      set({ allItems: all.value });
      if (search === '') set({ outline: all.value });
    }
    if (search !== '') {
      const filtered = await get().run('model:outline', { search });
      if (filtered.ok) set({ outline: filtered.value });
    }
    if (requests.ok) set({ requests: requests.value });
    get().ensureAskDefaults();
    get().prefillAsk();
    await Promise.all([get().refreshElement(), get().reask(), get().runSavedRequests()]);
  },
  async saveAskedRequest() {
    const { decision, askedRequest } = get();
    if (!decision || !askedRequest) return false;
    const request = restToSaved(askedRequest, decision.status);
    const n = get().requests.length + 1;
    return get().applyEdit(
      { type: 'add-request', request },
      `Saved as request ${n}, expecting ${decision.status}. Undo removes it.`,
    );
  },
  async acceptActual(indices) {
    const { requests, requestChecks } = get();
    const changes = indices.flatMap(index => {
      const c = requestChecks[index];
      const r = requests[index];
      if (!c || !r || !('status' in c)) return [];
      // A body expectation stays a body expectation, now of the actual body.
      const expect =
        r.expect?.body === undefined ? { status: c.status } : { status: c.status, body: c.body };
      return [{ index, expect }];
    });
    if (changes.length === 0) return false;
    return get().applyEdit(
      { type: 'set-request-expects', changes },
      `Accepted the actual answer of ${changes.length} request${changes.length === 1 ? '' : 's'} as expected. Undo restores the previous expectations.`,
    );
  },
  resetProjectData() {
    set({ info: null, outline: [], allItems: [], search: '', requests: [], requestChecks: [] });
  },
  async runSavedRequests() {
    const requests = get().requests;
    const checks: RequestCheck[] = await Promise.all(
      requests.map(async (s): Promise<RequestCheck> => {
        const req = savedToRestRequest(s);
        if (!req.ok) return { error: req.message };
        const r = await get().run('engine:ask', { request: req.request }, { quiet: true });
        if (!r.ok) return { error: r.error.message };
        return {
          status: r.value.status,
          body: r.value.body,
          expectation: checkExpectation(s, r.value),
        };
      }),
    );
    if (get().requests === requests) set({ requestChecks: checks });
  },
});
