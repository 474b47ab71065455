import type { StateCreator } from 'zustand';
import type { Decision, RestRequest } from '../../../shared/model/decision';
import type { SavedRequest } from '../../../shared/model/types';
import { buildRequest, type AskForm } from './ask-form';
import type { AppState } from './app-store';

export type AskSlice = AskForm & {
  suggestions: string[];
  decision: Decision | null;
  /** The request the shown decision answers (so it can be re-asked after an edit). */
  askedRequest: RestRequest | null;
  /** A problem with the form itself (bad JSON, no method), shown next to the form. */
  formError: string | null;
  /** Why the last question got no answer (shown where the answer would be). */
  askError: string | null;
  /** Revision of the project the decision was computed on. */
  askedAtRevision: number | null;
  /**
   * Step by step (StepByStep.tsx): on or off, and the stage shown for `decision` (a new answer
   * starts at the first stage). Kept here, not in the view, so a visit to the graph and back keeps it.
   */
  stepMode: boolean;
  stepStage: { decision: Decision | null; stage: number };
  setStepMode(on: boolean): void;
  setStepStage(stage: number): void;
  setAskField<K extends keyof AskForm>(key: K, value: AskForm[K]): void;
  ensureAskDefaults(): void;
  suggest(text: string): Promise<void>;
  ask(): Promise<void>;
  /** Re-evaluates the shown request after the model changed, so the answer is never stale. */
  reask(): Promise<void>;
  loadSavedRequest(s: SavedRequest): void;
  /** A fresh project: the form starts with its first question (the first refused saved request). */
  prefillAsk(): void;
  clearDecision(): void;
  /** The form and answer of a fresh project. */
  resetAsk(): void;
};

const EMPTY_FORM: AskForm = {
  authMode: 'user',
  user: '',
  password: '',
  appKey: '',
  appKeyVia: 'header',
  callText: '',
  body: '',
  clientIp: '',
  at: '',
};

const NO_ANSWER = { decision: null, askedRequest: null, askedAtRevision: null } as const;
let askSeq = 0;

export const createAskSlice: StateCreator<AppState, [], [], AskSlice> = (set, get) => ({
  ...EMPTY_FORM,
  suggestions: [],
  decision: null,
  askedRequest: null,
  formError: null,
  askError: null,
  askedAtRevision: null,
  stepMode: false,
  stepStage: { decision: null, stage: 0 },
  setStepMode(on) {
    // Off clears what the stages lit up in the graph and the inspector.
    set(on ? { stepMode: true } : { stepMode: false, highlight: [] });
  },
  setStepStage(stage) {
    set({ stepStage: { decision: get().decision, stage } });
  },
  setAskField(key, value) {
    set({ [key]: value, formError: null } as Partial<AppState>);
  },
  ensureAskDefaults() {
    const items = get().allItems;
    const users = items.filter(i => i.kind === 'user');
    if (!users.some(u => u.name === get().user)) {
      const firstOwn = users.find(u => !u.builtin) ?? users[0];
      set({ user: firstOwn?.name ?? '' });
    }
    const keys = items.filter(i => i.kind === 'appKey');
    if (!keys.some(k => k.name === get().appKey)) set({ appKey: keys[0]?.name ?? '' });
  },
  async suggest(text) {
    const r = await get().run('engine:suggest-calls', { text }, { quiet: true });
    // Suggestions are a convenience: a failure leaves the list empty rather than raising a toast per keystroke.
    if (get().callText === text) set({ suggestions: r.ok ? r.value.slice(0, 40) : [] });
  },
  async ask() {
    const seq = ++askSeq;
    const built = buildRequest(get());
    // A question that fails leaves no earlier answer on screen that could be read as its answer.
    if (!built.ok) {
      set({ formError: built.message, askError: null, ...NO_ANSWER });
      return;
    }
    set({ formError: null, askError: null });
    const r = await get().run(
      'engine:ask',
      { request: built.request },
      { label: 'Evaluating', quiet: true },
    );
    if (seq !== askSeq) return;
    if (r.ok)
      set({
        decision: r.value,
        askedRequest: built.request,
        askedAtRevision: get().info?.revision ?? null,
      });
    else set({ askError: r.error.message, ...NO_ANSWER });
  },
  prefillAsk() {
    if (get().callText !== '' || get().decision) return;
    const requests = get().requests;
    const seed = requests.find(r => (r.expect?.status ?? 200) >= 400) ?? requests[0];
    if (!seed) return;
    const tab = get().centerTab;
    get().loadSavedRequest(seed);
    set({ centerTab: tab });
  },
  async reask() {
    const req = get().askedRequest;
    if (!req) return;
    const r = await get().run('engine:ask', { request: req });
    if (r.ok && get().askedRequest === req)
      set({ decision: r.value, askedAtRevision: get().info?.revision ?? null });
  },
  loadSavedRequest(s) {
    const patch: Partial<AskForm> = {
      callText: s.call,
      body: s.body === undefined ? '' : JSON.stringify(s.body, null, 2),
      clientIp: s.ip ?? '',
      at: s.at ?? '',
      password: s.password ?? '',
    };
    if (s.noAuth) patch.authMode = 'none';
    else if (s.appKey)
      Object.assign(patch, {
        authMode: 'appKey',
        appKey: s.appKey,
        appKeyVia: s.appKeyVia ?? 'header',
      });
    else if (s.as) Object.assign(patch, { authMode: 'user', user: s.as });
    else patch.authMode = 'none';
    set({ ...patch, formError: null, centerTab: 'ask' });
  },
  clearDecision() {
    set({ decision: null, askedRequest: null, askedAtRevision: null });
  },
  resetAsk() {
    set({
      ...EMPTY_FORM,
      suggestions: [],
      formError: null,
      askError: null,
      decision: null,
      askedRequest: null,
      askedAtRevision: null,
      stepMode: false,
      stepStage: { decision: null, stage: 0 },
    });
  },
});
