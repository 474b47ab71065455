/**
 * The lesson file (`*.permsim-lesson.yaml`, docs/lessons.md): a starting model (a path relative to
 * the lesson, or the model inline) and a sequence of steps a trainer walks a class through:
 * - `text`: something to read;
 * - `ask`: a question to put to PermSim (a REST call as someone), answered and explained as in Ask;
 * - `predict`: the learner commits to a status before the answer is shown;
 * - `task`: a change the learner makes to the model; `expect` lists what must hold afterwards
 *   (the expectations of permission tests, shared/permtest) and `keep` what must not change
 *   (every caller's answers on an entity or a call, everyone's Read/Write/None on an equipment),
 *   compared with the what-if engine. `solution` is the reference answer as model edits; the
 *   course's own tests run it through the checker.
 * The zod schema is the one source of the JSON Schema (assets/schema/permsim-lesson.schema.json).
 *
 * @example
 * const r = LessonFileSchema.safeParse({ permsimLesson: 1, title: 'T', model: 'm.yaml', steps: [{ text: 'Hello' }] });
 */
import { z } from 'zod';
import { PermTestSchema } from '../permtest/format';
import type { WhatIfChange } from '../whatif/change';

export const LESSON_FORMAT_VERSION = 1;

const name = z.string().min(1);

/** Who asks and what: the same fields as a saved request of a model file. */
export const LessonQuestionSchema = z.strictObject({
  call: z
    .string()
    .min(1)
    .describe('METHOD PATH, e.g. GET /Thingworx/Things/Press1/Properties/pressure'),
  as: name.optional().describe('user (Basic auth)'),
  appKey: name.optional(),
  noAuth: z.boolean().optional(),
  ip: z.string().min(1).optional().describe('client address (default 127.0.0.1)'),
  body: z.unknown().optional(),
});

/** What must not change while the learner solves a task. */
export const KeepSchema = z.union([
  z
    .strictObject({ thing: name })
    .describe("every user's and key's answer on every call of this Thing stays the same"),
  z
    .strictObject({ entity: name })
    .describe('the same for Collection/Name, e.g. ThingTemplates/PressTemplate'),
  z
    .strictObject({ call: name })
    .describe("every user's and key's answer to this call (METHOD PATH) stays the same"),
  z
    .strictObject({ equipment: name })
    .describe("every user's Read / Write / None on this equipment stays the same (every context)"),
]);

const stepBase = {
  title: z.string().min(1).optional(),
  text: z
    .string()
    .optional()
    .describe('what the learner reads (plain text; blank lines split paragraphs)'),
  cites: z.array(z.string()).optional().describe('domain sections the step teaches, e.g. "§4.4"'),
};

export const TextStepSchema = z.strictObject({ ...stepBase, text: z.string().min(1) });

export const AskStepSchema = z.strictObject({
  ...stepBase,
  ask: LessonQuestionSchema.describe(
    'a question to ask PermSim: the answer and its explanation are shown',
  ),
});

export const PredictStepSchema = z.strictObject({
  ...stepBase,
  predict: LessonQuestionSchema.extend({
    choices: z
      .array(z.number().int().min(100).max(599))
      .min(2)
      .default([200, 403, 404])
      .describe('the statuses the learner chooses from'),
    answer: z
      .number()
      .int()
      .min(100)
      .max(599)
      .describe('the status the starting model answers (the course tests check it)'),
  }),
});

export const TaskStepSchema = z.strictObject({
  ...stepBase,
  task: z.strictObject({
    goal: z
      .string()
      .min(1)
      .describe('the task in one sentence, e.g. "make op1 lose Write on Line3"'),
    expect: z
      .array(PermTestSchema)
      .min(1)
      .describe('what must hold after the change (the expectations of permission test files)'),
    keep: z.array(KeepSchema).optional().describe('what must not change'),
    hint: z.string().optional(),
    solution: z
      .array(
        z.custom<WhatIfChange>(
          v => typeof v === 'object' && v !== null && 'type' in v && typeof v.type === 'string',
          { error: 'a model edit is an object with a string type, e.g. { type: add-entry, ... }' },
        ),
      )
      .min(1)
      .describe(
        'a reference solution: model edits (what-if changes) applied to the starting model',
      ),
  }),
});

export const LessonStepSchema = z.union([
  AskStepSchema,
  PredictStepSchema,
  TaskStepSchema,
  TextStepSchema,
]);

export const LessonFileSchema = z.strictObject({
  permsimLesson: z.literal(LESSON_FORMAT_VERSION, {
    error: `expected 'permsimLesson: ${LESSON_FORMAT_VERSION}' (the lesson format version)`,
  }),
  title: z.string().min(1),
  summary: z.string().optional(),
  order: z.number().int().optional().describe('position in the course (lower first)'),
  model: z
    .union([z.string().min(1), z.record(z.string(), z.unknown())])
    .describe(
      'the starting model: a model file relative to this lesson, or a model written inline',
    ),
  steps: z.array(LessonStepSchema).min(1),
});

export type LessonQuestion = z.infer<typeof LessonQuestionSchema>;
export type Keep = z.infer<typeof KeepSchema>;
export type LessonStep = z.infer<typeof LessonStepSchema>;
export type TaskStep = z.infer<typeof TaskStepSchema>;
export type PredictStep = z.infer<typeof PredictStepSchema>;
export type AskStep = z.infer<typeof AskStepSchema>;
export type LessonTask = TaskStep['task'];
export type LessonFile = z.infer<typeof LessonFileSchema>;

export type LessonStepKind = 'text' | 'ask' | 'predict' | 'task';

/** The kind of a step, by the one key that tells them apart. */
export function stepKind(s: LessonStep): LessonStepKind {
  return 'task' in s ? 'task' : 'predict' in s ? 'predict' : 'ask' in s ? 'ask' : 'text';
}

export const LESSON_SCHEMA_ID = 'https://permsim.local/schema/permsim-lesson-1.schema.json';

/** The published JSON Schema of lesson files (scripts/gen-json-schema.ts writes it). */
export function lessonJsonSchemaText(): string {
  const schema = z.toJSONSchema(LessonFileSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  return `${JSON.stringify({ $schema, $id: LESSON_SCHEMA_ID, title: 'PermSim lesson', ...rest }, null, 2)}\n`;
}

/** A lesson file by its name: `*.permsim-lesson.yaml`, `.yml` or `.json`. */
export const isLessonFile = (f: string): boolean => /\.permsim-lesson\.(ya?ml|json)$/i.test(f);
