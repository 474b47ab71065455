/**
 * The What-if workbench's slice (docs/whatif.md): the scenario being edited (a draft: name, ordered
 * changes, watch list), the stored scenarios, the diff at the current step, the per-change replay,
 * the selected diff cell, and the fix suggestions the Ask view asked for. Every engine call goes
 * through the store's `run` (progress indicator, errors as data, the project stamp).
 *
 * @example
 * await useWhatIfStore.getState().suggestFixes(request);
 * useWhatIfStore.getState().addToNew(result.suggestions[0].change, { caller, call });
 */
import type { StoredScenario } from '../../../shared/contract';
import type { RestRequest } from '../../../shared/model/decision';
import type {
  Caller,
  CellSide,
  DiffCounts,
  FixResult,
  Scenario,
  SummaryCell,
  SummaryFilter,
  SummaryPage,
  WhatIfChange,
} from '../../../shared/whatif';
import type { NestedSlice } from './nested';

/** The cell a scenario was built for (from a fix suggestion): the diff marks everything else as extra. */
export type Goal = { caller: Caller; call: string };

export type Draft = {
  /** Set once saved in the project. */
  id?: number;
  name: string;
  changes: WhatIfChange[];
  watchUsers: string[];
  watchCalls: string[];
  goal?: Goal;
};

export type FixesState = {
  request: RestRequest;
  caller: Caller;
  call: string;
  /** Project revision the suggestions were computed on (stale after any edit). */
  revision: number | null;
  /** How many scenario changes they sit on top of. */
  onTopOf: number;
  result: FixResult | null;
  error: string | null;
};

export type RunError = {
  message: string;
  /** The user cancelled the computation (the view offers to compute it again). */
  cancelled?: boolean;
  /** 0-based change that failed, when one did. */ index?: number;
};

/** The changed cell whose two explanations are shown side by side (fetched on demand, `whatif:explain`). */
export type Explained = {
  index: number;
  cell: SummaryCell;
  sides: { before: CellSide; after: CellSide } | null;
  error: string | null;
};

/** Changed cells fetched per request (the table asks for more as it scrolls). */
export const DIFF_PAGE = 200;

type WhatIfData = {
  scenarios: StoredScenario[];
  draft: Draft;
  dirty: boolean;
  /** How many changes the diff applies (0..changes.length): the stepper. */
  step: number;
  /** The diff at the current step: totals, blast radius and the first page of changed cells. */
  result: SummaryPage | null;
  /** Changes with every new result; the table drops pages fetched for an older one. */
  resultKey: number;
  error: RunError | null;
  /**
   * True while the diff for the current draft, step and filter is being computed: the result on
   * screen (if any) is an older one, so Apply and Export wait.
   */
  running: boolean;
  /** Which changed cells the table lists. */
  filter: SummaryFilter;
  /** A stored scenario whose end state is "before" instead of the baseline. */
  compareWith: number | null;
  /** How many cells each change alone changes (fetched when the stepper is used). */
  replay: { index: number; change: string; counts: DiffCounts }[] | null;
  /** The changed cell shown side by side. */
  selected: Explained | null;
  /**
   * The draft is a stored scenario applied to the project at this revision: its diff, export and
   * revert use the baseline it was applied to (the backend keeps it), not the current model.
   */
  applied: { name: string; revision: number } | null;
  fixes: FixesState | null;
  /** Bumps when another scenario is loaded (new, opened, from a fix), so form fields reset to it. */
  loaded: number;
};

export type WhatIfState = WhatIfData & {
  loadList(): Promise<void>;
  newScenario(): void;
  open(id: number): void;
  rename(name: string): void;
  save(): Promise<boolean>;
  remove(id: number): Promise<void>;
  addChange(change: WhatIfChange, goal?: Goal): void;
  /** Starts a new scenario holding just this change (from a fix suggestion) and shows the workbench. */
  addToNew(change: WhatIfChange, goal: Goal): void;
  removeChange(index: number): void;
  moveChange(index: number, delta: -1 | 1): void;
  setWatch(users: string[], calls: string[]): void;
  setStep(step: number): void;
  /** Shows both explanations of the changed cell at `index` of the filtered list (null closes). */
  select(index: number | null, cell?: SummaryCell): void;
  setFilter(filter: SummaryFilter): void;
  setCompareWith(id: number | null): void;
  /** Changed cells `offset`.. of the current result (null when the result has moved on). */
  fetchCells(offset: number): Promise<SummaryCell[] | null>;
  recompute(): Promise<void>;
  /**
   * Cancel of the diff being computed (the what-if view's progress line): its answer is dropped,
   * the view says it was cancelled, and the backend stops listing changed cells (`whatif:cancel`).
   */
  cancelDiff(): void;
  /** Saves the draft when needed, then applies it (marked applied in the project). */
  apply(): Promise<boolean>;
  /** Reverts the applied scenario: one undoable edit restoring its baseline's state. */
  revert(): Promise<boolean>;
  /**
   * Fix suggestions for a failing call: on the baseline, or on top of the draft's changes when
   * `onTopOfDraft` (the user's explicit choice in the fixes panel).
   */
  suggestFixes(request: RestRequest, onTopOfDraft?: boolean): Promise<void>;
  clearFixes(): void;
  /** True when the draft has changes that are not saved as a scenario (a project switch asks first). */
  hasUnsavedDraft(): boolean;
  /** Forgets everything (another project was opened). */
  reset(): void;
};

const EMPTY_DRAFT: Draft = {
  name: 'Untitled scenario',
  changes: [],
  watchUsers: [],
  watchCalls: [],
};

/** The draft as the contract's Scenario (the goal stays in the UI: it is not part of the file format). */
export function scenarioOf(d: Draft): Scenario {
  const watch =
    d.watchUsers.length > 0 || d.watchCalls.length > 0
      ? { watch: { users: d.watchUsers, calls: d.watchCalls } }
      : {};
  return {
    name: d.name.trim() === '' ? 'Untitled scenario' : d.name.trim(),
    changes: d.changes,
    ...watch,
  };
}

/**
 * The scenario as the what-if calls name it: an applied stored scenario by id (the backend then
 * evaluates and exports it on its own baseline), anything else inline, as on screen.
 */
export function scenarioRefOf(s: {
  draft: Draft;
  applied: { revision: number } | null;
}): Scenario | { id: number } {
  return s.draft.id !== undefined && s.applied ? { id: s.draft.id } : scenarioOf(s.draft);
}

/** The caller a request authenticates as, for the what-if calls (which do not model passwords or IPs). */
export function callerOf(r: RestRequest): Caller | null {
  if (r.credentials.type === 'basic') return { type: 'user', name: r.credentials.user };
  if (r.credentials.type === 'appKey')
    return {
      type: 'appKey',
      name: r.credentials.key,
      ...(r.clientIp ? { ip: r.clientIp } : {}),
    };
  return null;
}

const changeIndex = (message: string): number | undefined => {
  const m = /^change (\d+) /.exec(message);
  return m ? Number(m[1]) - 1 : undefined;
};

// Answers can arrive out of order (a slow diff, then a quick one after another edit): only the newest counts.
let runSeq = 0;
let replaySeq = 0;
let explainSeq = 0;

const initial = (): WhatIfData => ({
  scenarios: [],
  draft: EMPTY_DRAFT,
  dirty: false,
  step: 0,
  result: null,
  resultKey: 0,
  error: null,
  running: false,
  filter: {},
  compareWith: null,
  replay: null,
  selected: null,
  applied: null,
  fixes: null,
  loaded: 0,
});

export const createWhatIfSlice: NestedSlice<WhatIfState> = (set, get, app) => {
  const edited = (draft: Draft, step = draft.changes.length) => {
    set({ draft, dirty: true, step, replay: null, selected: null, applied: null });
    void get().recompute();
  };
  /** What every summary call of the current state names: the scenario, the step, what "before" is. */
  const query = () => {
    const { step, compareWith } = get();
    return {
      scenario: scenarioRefOf(get()),
      upTo: step,
      ...(compareWith !== null ? { against: { id: compareWith } } : {}),
    };
  };
  const cleared = { result: null, error: null, selected: null } as const;
  // Cancel stops the listing of changed cells in the backend too, not only the wait for it.
  const stopInBackend = () => {
    void app().run('whatif:cancel', {}, { quiet: true });
  };
  return {
    ...initial(),
    async loadList() {
      const r = await app().run('whatif:list', {}, { label: 'Loading scenarios' });
      if (r.ok) {
        const { compareWith, draft, dirty } = get();
        // The open scenario's applied mark as the project has it now (an Undo takes an apply back).
        const stored = draft.id === undefined ? undefined : r.value.find(x => x.id === draft.id);
        // A compared scenario that was deleted: compare with the baseline again.
        set({
          ...(stored && !dirty
            ? {
                applied: stored.applied
                  ? { name: stored.name, revision: stored.applied.revision }
                  : null,
              }
            : {}),
          scenarios: r.value,
          ...(compareWith !== null && !r.value.some(x => x.id === compareWith)
            ? { compareWith: null }
            : {}),
        });
      }
    },
    newScenario() {
      set({
        loaded: get().loaded + 1,
        draft: EMPTY_DRAFT,
        dirty: false,
        step: 0,
        ...cleared,
        filter: {},
        replay: null,
        applied: null,
      });
    },
    open(id) {
      const s = get().scenarios.find(x => x.id === id);
      if (!s) return;
      const draft: Draft = {
        id: s.id,
        name: s.name,
        changes: s.changes,
        watchUsers: s.watch?.users ?? [],
        watchCalls: s.watch?.calls ?? [],
      };
      set({
        loaded: get().loaded + 1,
        draft,
        dirty: false,
        step: draft.changes.length,
        replay: null,
        selected: null,
        filter: {},
        applied: s.applied ? { name: s.name, revision: s.applied.revision } : null,
        compareWith: get().compareWith === id ? null : get().compareWith,
      });
      void get().recompute();
    },
    rename(name) {
      set({ draft: { ...get().draft, name }, dirty: true });
    },
    async save() {
      const { draft } = get();
      const scenario = scenarioOf(draft);
      const r = await app().run(
        'whatif:save',
        draft.id === undefined ? { scenario } : { id: draft.id, scenario },
        { label: 'Saving scenario' },
      );
      if (!r.ok) return false;
      set({ draft: { ...get().draft, id: r.value.id, name: r.value.name }, dirty: false });
      await get().loadList();
      app().notify('info', `Scenario "${r.value.name}" saved in the project.`);
      return true;
    },
    async remove(id) {
      const r = await app().run('whatif:delete', { id }, { label: 'Deleting scenario' });
      if (!r.ok) return;
      if (get().draft.id === id) {
        // The draft stays on screen (nothing is lost) but is no longer stored.
        const { id: _gone, ...rest } = get().draft;
        set({ draft: rest, dirty: true });
      }
      await get().loadList();
      void get().recompute();
    },
    addChange(change, goal) {
      const d = get().draft;
      edited({ ...d, changes: [...d.changes, change], ...(goal && !d.goal ? { goal } : {}) });
    },
    addToNew(change, goal) {
      const name = `Fix ${goal.caller.name}: ${goal.call.replace(/^\S+\s+\/Thingworx\//, '')}`;
      set({
        loaded: get().loaded + 1,
        draft: { ...EMPTY_DRAFT, name, changes: [change], goal },
        dirty: true,
        step: 1,
        ...cleared,
        filter: {},
        compareWith: null,
        replay: null,
        applied: null,
      });
      app().setCenterTab('whatif');
      void get().recompute();
    },
    removeChange(index) {
      const d = get().draft;
      edited({ ...d, changes: d.changes.filter((_, i) => i !== index) });
    },
    moveChange(index, delta) {
      const d = get().draft;
      const to = index + delta;
      if (to < 0 || to >= d.changes.length) return;
      const changes = [...d.changes];
      [changes[index], changes[to]] = [changes[to] as WhatIfChange, changes[index] as WhatIfChange];
      edited({ ...d, changes });
    },
    setWatch(watchUsers, watchCalls) {
      edited({ ...get().draft, watchUsers, watchCalls }, get().step);
    },
    setStep(step) {
      const n = get().draft.changes.length;
      const s = Math.max(0, Math.min(n, step));
      if (s === get().step) return;
      set({ step: s, selected: null });
      void get().recompute();
      if (!get().replay && n > 1) {
        const seq = ++replaySeq;
        void app()
          .run(
            'whatif:replay-counts',
            { scenario: scenarioRefOf(get()) },
            { quiet: true, label: 'Replaying changes' },
          )
          .then(r => {
            if (seq === replaySeq && r.ok) set({ replay: r.value });
          });
      }
    },
    select(index, cell) {
      const seq = ++explainSeq;
      if (index === null || !cell) {
        set({ selected: null });
        return;
      }
      set({ selected: { index, cell, sides: null, error: null } });
      void app()
        .run(
          'whatif:explain',
          { ...query(), caller: cell.caller, call: cell.call },
          { quiet: true, label: 'Explaining the cell' },
        )
        .then(r => {
          if (seq !== explainSeq) return;
          set({
            selected: {
              index,
              cell,
              sides: r.ok ? r.value : null,
              error: r.ok ? null : r.error.message,
            },
          });
        });
    },
    setFilter(filter) {
      set({ filter, selected: null });
      void get().recompute();
    },
    setCompareWith(id) {
      if (id === get().compareWith) return;
      set({ compareWith: id, selected: null, filter: {} });
      void get().recompute();
    },
    async fetchCells(offset) {
      const key = get().resultKey;
      const { goal } = get().draft;
      // The cells only: the totals on screen came with the summary.
      const r = await app().run(
        'whatif:cells',
        {
          ...query(),
          filter: get().filter,
          offset,
          limit: DIFF_PAGE,
          ...(goal ? { focus: goal } : {}),
        },
        { quiet: true, label: 'Listing changed cells', onCancel: stopInBackend },
      );
      if (!r.ok || key !== get().resultKey) return null;
      return r.value.cells;
    },
    async recompute() {
      const { draft, filter } = get();
      const seq = ++runSeq;
      replaySeq++;
      if (draft.changes.length === 0) {
        set({ result: null, error: null, running: false, resultKey: get().resultKey + 1 });
        return;
      }
      set({ running: true });
      const r = await app().run(
        'whatif:summary',
        {
          ...query(),
          filter,
          offset: 0,
          limit: DIFF_PAGE,
          ...(draft.goal ? { focus: draft.goal } : {}),
        },
        { quiet: true, label: 'Computing the what-if diff', onCancel: stopInBackend },
      );
      if (seq !== runSeq) return;
      if (r.ok)
        set({ result: r.value, error: null, running: false, resultKey: get().resultKey + 1 });
      else {
        const index = changeIndex(r.error.message);
        set({
          result: null,
          running: false,
          resultKey: get().resultKey + 1,
          error:
            r.error.code === 'cancelled'
              ? { message: r.error.message, cancelled: true }
              : index === undefined
                ? { message: r.error.message }
                : { message: r.error.message, index },
        });
      }
    },
    cancelDiff() {
      if (!get().running) return;
      ++runSeq;
      set({
        result: null,
        running: false,
        resultKey: get().resultKey + 1,
        error: { message: 'Cancelled: the diff was not computed.', cancelled: true },
      });
      stopInBackend();
    },
    async apply() {
      if (get().draft.changes.length === 0 || get().applied) return false;
      // The scenario is saved first, so the project remembers it was applied and on what baseline
      // (it can then be exported and reverted later).
      if (get().draft.id === undefined || get().dirty) {
        if (!(await get().save())) return false;
      }
      const { draft } = get();
      if (draft.id === undefined) return false;
      const r = await app().run(
        'whatif:apply',
        { scenario: { id: draft.id } },
        { label: 'Applying the scenario' },
      );
      if (!r.ok) return false;
      set({
        applied: { name: scenarioOf(draft).name, revision: r.value.revision },
        selected: null,
        fixes: null,
      });
      await app().afterChange(r.value);
      await get().loadList();
      void get().recompute();
      app().notify(
        'info',
        `Applied "${scenarioOf(draft).name}" to the baseline (${draft.changes.length} change${draft.changes.length === 1 ? '' : 's'}). Undo or Revert restores the previous state.`,
      );
      return true;
    },
    async revert() {
      const { draft, applied } = get();
      if (draft.id === undefined || !applied) return false;
      const r = await app().run(
        'whatif:revert',
        { id: draft.id },
        { label: 'Reverting the scenario' },
      );
      if (!r.ok) return false;
      set({ applied: null, selected: null, fixes: null });
      await app().afterChange(r.value);
      await get().loadList();
      void get().recompute();
      app().notify(
        'info',
        `Reverted "${scenarioOf(draft).name}": the baseline's state of its changes is restored. Undo brings them back.`,
      );
      return true;
    },
    async suggestFixes(request, onTopOfDraft = false) {
      const caller = callerOf(request);
      const call = `${request.method} ${request.path}`;
      const revision = app().info?.revision ?? null;
      const { draft, applied } = get();
      // On the baseline unless the user chose the draft (docs/whatif.md); never on a draft that
      // is already part of the baseline.
      const changes =
        !onTopOfDraft || (applied && applied.revision === revision) ? [] : draft.changes;
      const base: FixesState = {
        request,
        caller: caller ?? { type: 'user', name: '' },
        call,
        revision,
        onTopOf: changes.length,
        result: null,
        error: null,
      };
      if (!caller) {
        set({
          fixes: {
            ...base,
            error: 'Fix suggestions need a caller: ask as a user or with an application key.',
          },
        });
        return;
      }
      set({ fixes: base });
      const r = await app().run(
        'whatif:suggest-fixes',
        { caller, call, ...(changes.length > 0 ? { changes } : {}) },
        { quiet: true, label: 'Searching for fixes' },
      );
      if (get().fixes?.request !== request) return;
      set({ fixes: r.ok ? { ...base, result: r.value } : { ...base, error: r.error.message } });
    },
    clearFixes() {
      set({ fixes: null });
    },
    hasUnsavedDraft() {
      const { draft, dirty, applied } = get();
      return dirty && draft.changes.length > 0 && applied === null;
    },
    reset() {
      // Replies still on their way belong to the previous project: the counters drop them.
      runSeq++;
      replaySeq++;
      explainSeq++;
      set({ ...initial(), loaded: get().loaded + 1, resultKey: get().resultKey + 1 });
    },
  };
};
