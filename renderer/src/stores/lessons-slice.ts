/**
 * The Lessons panel's slice (docs/lessons.md): the course, the open lesson and the step shown, the
 * learner's progress (kept in the project by the backend), a prediction's answer once committed,
 * and the last check of a task. Every call goes through the store's `run` (progress indicator,
 * errors as data, the project stamp); `reset` comes with the project (resetForProject).
 *
 * @example
 * await useLessonsStore.getState().open('01-visibility');
 * await useLessonsStore.getState().predict(404);
 */
import type {
  LessonProgress,
  LessonQuestion,
  LessonSummary,
  LessonView,
  TaskCheck,
} from '../../../shared/contract';
import type { NestedSlice } from './nested';

export type LessonsState = {
  list: LessonSummary[];
  lesson: LessonView | null;
  step: number;
  progress: LessonProgress;
  /** The answer of the prediction at `step`, once committed. */
  revealed: { step: number; correct: boolean; answer: number; choice: number } | null;
  /** The last check of the task at `step`. */
  check: { step: number; result: TaskCheck } | null;
  loadList(): Promise<void>;
  /** Shows a lesson (without changing the model) at the step the learner reached. */
  open(id: string): Promise<void>;
  close(): void;
  /** Starts the open lesson, or starts it again: its starting model becomes the project's model. */
  start(): Promise<void>;
  goto(step: number): Promise<void>;
  predict(choice: number): Promise<void>;
  checkTask(): Promise<void>;
  /** Puts a question into Ask and asks it. */
  ask(q: LessonQuestion): Promise<void>;
  reset(): void;
};

const NO_PROGRESS: LessonProgress = { lessons: [] };

export const createLessonsSlice: NestedSlice<LessonsState> = (set, get, app) => {
  /** A prediction already committed at this step shows its answer again (asked of the backend). */
  const showMade = async (id: string, step: number) => {
    const made = get()
      .progress.lessons.find(r => r.id === id)
      ?.predictions.find(x => x.step === step);
    if (made) await get().predict(made.choice);
  };
  return {
    list: [],
    lesson: null,
    step: 0,
    progress: NO_PROGRESS,
    revealed: null,
    check: null,
    async loadList() {
      const [l, p] = await Promise.all([
        app().run('lesson:list', {}),
        app().run('lesson:progress', {}, { quiet: true }),
      ]);
      if (l.ok) set({ list: l.value });
      if (p.ok) set({ progress: p.value });
    },
    async open(id) {
      const r = await app().run('lesson:get', { id }, { label: 'Opening lesson' });
      if (!r.ok) return;
      const step = get().progress.lessons.find(x => x.id === id)?.step ?? 0;
      set({
        lesson: r.value,
        step: Math.min(step, r.value.steps.length - 1),
        revealed: null,
        check: null,
      });
      await showMade(id, get().step);
    },
    close() {
      set({ lesson: null, revealed: null, check: null });
    },
    async start() {
      const lesson = get().lesson;
      if (!lesson) return;
      const r = await app().run('lesson:start', { id: lesson.id }, { label: 'Starting lesson' });
      if (!r.ok) return;
      set({ progress: r.value.progress, step: 0, revealed: null, check: null });
      await app().afterChange(r.value.info);
      app().notify('info', `Lesson started: the project holds "${lesson.title}"'s starting model.`);
    },
    async goto(step) {
      const lesson = get().lesson;
      if (!lesson || step < 0 || step >= lesson.steps.length) return;
      set({ step, revealed: null, check: null });
      const r = await app().run('lesson:goto', { id: lesson.id, step }, { quiet: true });
      if (r.ok) set({ progress: r.value });
      await showMade(lesson.id, step);
    },
    async predict(choice) {
      const lesson = get().lesson;
      if (!lesson) return;
      const step = get().step;
      const r = await app().run('lesson:predict', { id: lesson.id, step, choice });
      if (!r.ok) return;
      set({
        progress: r.value.progress,
        revealed: { step, correct: r.value.correct, answer: r.value.answer, choice },
      });
    },
    async checkTask() {
      const lesson = get().lesson;
      if (!lesson) return;
      const step = get().step;
      const r = await app().run(
        'lesson:check',
        { id: lesson.id, step },
        { label: 'Checking the task' },
      );
      if (!r.ok) return;
      set({ progress: r.value.progress, check: { step, result: r.value.check } });
    },
    async ask(q) {
      const a = app();
      a.loadSavedRequest(q);
      a.setCenterTab('ask');
      await a.ask();
    },
    reset() {
      set({ list: [], lesson: null, step: 0, progress: NO_PROGRESS, revealed: null, check: null });
    },
  };
};
