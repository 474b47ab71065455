/**
 * `lesson:*`: the bundled course (docs/lessons.md): the list, one lesson's steps as the learner sees
 * them, and the progress kept in the project (a prediction's answer and a task's solution stay in
 * main until the learner commits).
 */
import { z } from 'zod';
import type { TaskCheck } from '../lessons/check';
import type { LessonQuestion, LessonStepKind } from '../lessons/format';
import { calls, empty, owned } from './common';
import { projectInfoSchema } from './project';

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

const id = z
  .string({ error: 'a lesson id such as 01-visibility' })
  .regex(/^[\w.-]+$/, { error: 'a lesson id such as 01-visibility (letters, digits, - . _)' });
const step = z
  .number({ error: 'a step number' })
  .int({ error: 'a whole step number' })
  .min(0, { error: 'a step number from 0' });
const progress = owned<LessonProgress>('lesson progress');

export const lessonCalls = calls({
  'lesson:list': { args: empty, result: z.array(owned<LessonSummary>('a lesson')) },
  'lesson:get': { args: z.strictObject({ id }), result: owned<LessonView>('a lesson') },
  'lesson:progress': { args: empty, result: progress },
  /** Starts (or resets) a lesson: its starting model becomes the project's model as one undoable edit. */
  'lesson:start': {
    args: z.strictObject({ id }),
    result: z.strictObject({ info: projectInfoSchema, progress }),
  },
  /** Records the step the learner is on. */
  'lesson:goto': { args: z.strictObject({ id, step }), result: progress },
  /** Commits a prediction: only then is the answer given. */
  'lesson:predict': {
    args: z.strictObject({
      id,
      step,
      choice: z.number({ error: 'a status such as 404' }).int({ error: 'a status such as 404' }),
    }),
    result: z.strictObject({ correct: z.boolean(), answer: z.number(), progress }),
  },
  /** Checks a task against the project's model (what is still wrong, in Ask's words). */
  'lesson:check': {
    args: z.strictObject({ id, step }),
    result: z.strictObject({ check: owned<TaskCheck>('a task check'), progress }),
  },
});
