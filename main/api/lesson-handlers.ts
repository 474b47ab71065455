/**
 * Contract calls of the Lessons panel (`lesson:*`, docs/lessons.md): the bundled course, one
 * lesson's steps as the learner sees them (a prediction's answer and a task's solution stay here),
 * starting or resetting a lesson (its starting model becomes the project's model, one undoable
 * edit), committing a prediction, and checking a task against the project's model with the
 * checker of `permsim lesson check` (shared/lessons/check.ts). Progress is kept in the project.
 *
 * @example
 * const h = lessonHandlers({ withModel, announce });
 * await h['lesson:check']({ id: '08-apps-propagation', step: 3 });
 */
import type {
  LessonProgress,
  LessonRecord,
  LessonStepView,
  LessonSummary,
  ProjectInfo,
  Result,
} from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import { checkTask, lessonTasks } from '../../shared/lessons/check';
import type { Keep, LessonStep } from '../../shared/lessons/format';
import { stepKind } from '../../shared/lessons/format';
import type { Model } from '../../shared/model/types';
import type { Handler } from './handlers';
import { lessonFiles, lessonId, readLessonFile } from './lesson-file';
import type { LoadedLesson } from './lesson-file';
import type { ProjectSession } from './session';

export type LessonApiName =
  | 'lesson:list'
  | 'lesson:get'
  | 'lesson:progress'
  | 'lesson:start'
  | 'lesson:goto'
  | 'lesson:predict'
  | 'lesson:check';

export type LessonHandlerDeps = {
  withModel<T>(fn: (m: Model, s: ProjectSession) => Result<T>): Result<T>;
  announce(r: Result<ProjectInfo>): Result<ProjectInfo>;
  /** The folder of the course (default: the bundled assets/lessons). */
  courseDir?: string;
};

const keepText = (k: Keep): string =>
  'thing' in k
    ? `every answer on Thing ${k.thing}`
    : 'entity' in k
      ? `every answer on ${k.entity}`
      : 'call' in k
        ? `every answer to ${k.call}`
        : `everyone's permission on equipment ${k.equipment}`;

/** A step without what the learner must not see before acting. */
function stepView(s: LessonStep): LessonStepView {
  const base: LessonStepView = {
    kind: stepKind(s),
    ...(s.title !== undefined ? { title: s.title } : {}),
    ...(s.text !== undefined ? { text: s.text } : {}),
    ...(s.cites !== undefined ? { cites: s.cites } : {}),
  };
  if ('ask' in s) return { ...base, question: s.ask };
  if ('predict' in s) {
    const { choices, answer: _answer, ...question } = s.predict;
    return { ...base, question, choices };
  }
  if ('task' in s)
    return {
      ...base,
      goal: s.task.goal,
      expect: s.task.expect.map(e => e.name),
      keep: (s.task.keep ?? []).map(keepText),
      ...(s.task.hint !== undefined ? { hint: s.task.hint } : {}),
    };
  return base;
}

const emptyRecord = (lesson: string): LessonRecord => ({
  id: lesson,
  step: 0,
  predictions: [],
  tasksMet: [],
});

/** The progress with one lesson's record replaced (and that lesson current). */
function withRecord(p: LessonProgress, r: LessonRecord): LessonProgress {
  return { current: r.id, lessons: [...p.lessons.filter(x => x.id !== r.id), r] };
}

export function lessonHandlers(deps: LessonHandlerDeps): {
  [K in LessonApiName]: Handler<K>;
} {
  const { withModel, announce } = deps;
  // Lessons are read from disk on each use: a trainer editing a lesson sees the change at once.
  const load = (lesson: string): Result<LoadedLesson> => {
    const file = lessonFiles(deps.courseDir).find(f => lessonId(f) === lesson);
    return file ? readLessonFile(file) : err('not-found', `There is no lesson '${lesson}'.`);
  };
  const stepOf = (l: LoadedLesson, n: number): Result<LessonStep> => {
    const s = l.lesson.steps[n];
    return s
      ? ok(s)
      : err(
          'invalid-argument',
          `lesson '${l.id}' has steps 0 to ${l.lesson.steps.length - 1}, not ${n}`,
        );
  };
  const record = (s: ProjectSession, lesson: string): LessonRecord =>
    s.lessonProgress.get().lessons.find(r => r.id === lesson) ?? emptyRecord(lesson);
  const save = (s: ProjectSession, r: LessonRecord): LessonProgress => {
    const next = withRecord(s.lessonProgress.get(), r);
    s.lessonProgress.set(next);
    return next;
  };

  return {
    'lesson:list': () => {
      const out: LessonSummary[] = [];
      for (const f of lessonFiles(deps.courseDir)) {
        const l = readLessonFile(f);
        // A broken lesson file is left out of the list; `permsim lesson list` names its problem.
        if (!l.ok) continue;
        out.push({
          id: l.value.id,
          title: l.value.lesson.title,
          ...(l.value.lesson.summary !== undefined ? { summary: l.value.lesson.summary } : {}),
          steps: l.value.lesson.steps.length,
          tasks: lessonTasks(l.value.lesson).length,
        });
      }
      return ok(out);
    },
    'lesson:get': ({ id: lesson }) => {
      const l = load(lesson);
      if (!l.ok) return l;
      return ok({
        id: l.value.id,
        title: l.value.lesson.title,
        ...(l.value.lesson.summary !== undefined ? { summary: l.value.lesson.summary } : {}),
        steps: l.value.lesson.steps.map(stepView),
      });
    },
    'lesson:progress': () => withModel((_m, s) => ok(s.lessonProgress.get())),
    'lesson:start': ({ id: lesson }) =>
      withModel((_m, s) => {
        const l = load(lesson);
        if (!l.ok) return l;
        const r = announce(s.commit({ type: 'lesson-start', lesson }, l.value.model));
        if (!r.ok) return r;
        return ok({ info: r.value, progress: save(s, emptyRecord(lesson)) });
      }),
    'lesson:goto': ({ id: lesson, step: n }) =>
      withModel((_m, s) => {
        const l = load(lesson);
        if (!l.ok) return l;
        const st = stepOf(l.value, n);
        if (!st.ok) return st;
        return ok(save(s, { ...record(s, lesson), step: n }));
      }),
    'lesson:predict': ({ id: lesson, step: n, choice }) =>
      withModel((_m, s) => {
        const l = load(lesson);
        if (!l.ok) return l;
        const st = stepOf(l.value, n);
        if (!st.ok) return st;
        if (!('predict' in st.value))
          return err('invalid-argument', `step ${n} of lesson '${lesson}' is not a prediction`);
        const answer = st.value.predict.answer;
        const correct = choice === answer;
        const r = record(s, lesson);
        const progress = save(s, {
          ...r,
          predictions: [...r.predictions.filter(p => p.step !== n), { step: n, choice, correct }],
        });
        return ok({ correct, answer, progress });
      }),
    'lesson:check': ({ id: lesson, step: n }) =>
      withModel((m, s) => {
        const l = load(lesson);
        if (!l.ok) return l;
        const st = stepOf(l.value, n);
        if (!st.ok) return st;
        if (!('task' in st.value))
          return err('invalid-argument', `step ${n} of lesson '${lesson}' is not a task`);
        const check = checkTask(l.value.model, m, st.value.task);
        const r = record(s, lesson);
        const tasksMet = r.tasksMet.filter(x => x !== n);
        const progress = save(s, { ...r, tasksMet: check.met ? [...tasksMet, n] : tasksMet });
        return ok({ check, progress });
      }),
  };
}
