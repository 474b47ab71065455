/**
 * `whatif:*` (docs/whatif.md): scenarios saved in the project, the diff of a scenario against the
 * project's model, its summary and the explanation of one changed cell, per-step counts, fix
 * suggestions, and applying a scenario as one undoable edit. `whatif:export-changes` is in
 * export.ts.
 */
import { z } from 'zod';
import type {
  CellSide,
  DiffCounts,
  FixResult,
  ScenarioRun,
  SummaryCellsPage,
  SummaryPage,
} from '../whatif';
import { scenarioSchema } from '../whatif/scenario-file';
import { whatIfChangeSchema } from '../model/edits';
import { calls, empty, name, owned } from './common';
import { projectInfoSchema } from './project';

export { scenarioSchema };
export type Scenario = z.infer<typeof scenarioSchema>;

/** A scenario given inline or stored in the project by id. */
export const scenarioRefSchema = z.union(
  [z.strictObject({ id: z.number().int().positive() }), scenarioSchema],
  { error: 'a scenario { name, changes, watch? } or a stored one { id }' },
);
export type ScenarioRef = z.infer<typeof scenarioRefSchema>;

/** A scenario saved in the project (what-if, architecture.md §4). */
export const storedScenarioSchema = scenarioSchema.extend({
  id: z.number().int().positive(),
  updatedAt: z.string(),
  /** The project revision the scenario was saved on (absent for scenarios saved before this was kept). */
  baselineRevision: z.number().int().optional(),
  /**
   * Set once the scenario was applied to the project: the revision the apply made. Its diff, export
   * and revert then use the baseline it was applied to, not the current model.
   */
  applied: z.strictObject({ revision: z.number().int(), at: z.string() }).optional(),
});
export type StoredScenario = z.infer<typeof storedScenarioSchema>;

/** Who makes a call in a diff cell: a user, or an application key from an address. */
export const callerSchema = z.strictObject({
  type: z.enum(['user', 'appKey']),
  name,
  ip: z.string().trim().min(1, { error: 'a client address such as 10.1.2.3' }).max(100).optional(),
  from: z.string().max(200).optional(),
});

/** Which cells a diff compares. */
export const diffScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('watch'),
    callers: z.array(callerSchema).optional(),
    calls: z.array(z.string()),
  }),
  z.strictObject({
    kind: z.literal('entities'),
    entities: z.array(z.strictObject({ collection: name, name })),
    callers: z.array(callerSchema).optional(),
  }),
  z.strictObject({ kind: z.literal('affected'), callers: z.array(callerSchema).optional() }),
  z.strictObject({ kind: z.literal('all') }),
]);

const upTo = z.number().int().min(0).optional();
const call = z.string().min(1);

/** The summary a scenario (at step `upTo`, against another scenario's end state) is read from. */
const summaryOf = {
  scenario: scenarioRefSchema,
  upTo,
  scope: diffScopeSchema.optional(),
  against: scenarioRefSchema.optional(),
};

export const summaryFilterSchema = z.strictObject({
  change: z
    .array(
      z.enum(['gained', 'revoked', 'changed', 'unknown'], {
        error: 'gained, revoked, changed or unknown',
      }),
    )
    .optional(),
  /** Index into the summary's blast radius: only the cells of that rectangle. */
  rectangle: z.number().int().min(0).optional(),
  /** Case-insensitive text in the caller's name or the call line. */
  text: z.string().max(200).optional(),
});

export const whatifCalls = calls({
  'whatif:list': { args: empty, result: z.array(storedScenarioSchema) },
  /** Stores a new scenario, or replaces stored scenario `id`; the scenario is checked in full first. */
  'whatif:save': {
    args: z.strictObject({ id: z.number().int().positive().optional(), scenario: scenarioSchema }),
    result: storedScenarioSchema,
  },
  'whatif:delete': {
    args: z.strictObject({ id: z.number().int().positive() }),
    result: z.strictObject({ deleted: z.number() }),
  },
  /** Diff of the scenario (a stored one by id, or given inline) against the project's model; `upTo` = first n changes. */
  'whatif:run': {
    args: z.strictObject({
      scenario: scenarioRefSchema,
      upTo,
      scope: diffScopeSchema.optional(),
    }),
    result: owned<ScenarioRun>('a scenario run'),
  },
  /**
   * The workbench's diff (shared/whatif/summary-view.ts): counts, blast radius, equipment changes and
   * one page of changed cells without explanations, for any scope size; `against` compares with
   * another scenario's end state; `focus` locates one cell (a fix's goal). Summaries are kept per
   * model revision, so paging and filtering do not recompute.
   */
  'whatif:summary': {
    args: z.strictObject({
      ...summaryOf,
      filter: summaryFilterSchema.optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(0).max(1000, { error: 'at most 1000 cells a page' }).optional(),
      focus: z.strictObject({ caller: callerSchema, call }).optional(),
    }),
    result: owned<SummaryPage>('a summary page'),
  },
  /**
   * One more page of the changed cells of the summary `whatif:summary` gave (same scenario, step,
   * `against` and filter): the cells, how many match and the focus, without the totals again (at
   * size L the blast radius and per-caller counts weigh hundreds of kilobytes).
   */
  'whatif:cells': {
    args: z.strictObject({
      ...summaryOf,
      filter: summaryFilterSchema.optional(),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(1000, { error: 'at most 1000 cells a page' }).optional(),
      focus: z.strictObject({ caller: callerSchema, call }).optional(),
    }),
    result: owned<SummaryCellsPage>('a page of changed cells'),
  },
  /**
   * Stops the what-if work running in the backend (listing the changed cells of a large diff): the
   * calls waiting for it answer 'cancelled'; what was listed so far is kept for the next page.
   */
  'whatif:cancel': {
    args: empty,
    result: z.strictObject({ cancelled: z.boolean() }),
  },
  /** Both answers of one changed cell with their explanations (same scenario, step and `against` as the summary). */
  'whatif:explain': {
    args: z.strictObject({ ...summaryOf, caller: callerSchema, call }),
    result: z.strictObject({
      before: owned<CellSide>('the answer before'),
      after: owned<CellSide>('the answer after'),
    }),
  },
  /** How many cells each change alone changes (the stepper), by summary. */
  'whatif:replay-counts': {
    args: z.strictObject({ scenario: scenarioRefSchema, scope: diffScopeSchema.optional() }),
    result: z.array(
      z.strictObject({
        index: z.number(),
        change: z.string(),
        counts: owned<DiffCounts>('diff counts'),
      }),
    ),
  },
  /** Single changes that make the call succeed for the caller, on top of `changes` (the current scenario). */
  'whatif:suggest-fixes': {
    args: z.strictObject({
      caller: callerSchema,
      call,
      changes: z.array(whatIfChangeSchema).optional(),
      max: z.number().int().min(1).max(100).optional(),
    }),
    result: owned<FixResult>('fix suggestions'),
  },
  /**
   * Applies the scenario's changes to the project's model as one undoable edit. A stored scenario
   * (`{ id }`) is then marked applied, remembering the baseline it was applied to.
   */
  'whatif:apply': {
    args: z.strictObject({ scenario: scenarioRefSchema }),
    result: projectInfoSchema,
  },
  /**
   * Reverts an applied stored scenario: one undoable edit that restores the baseline's state of
   * everything the apply changed. The scenario is a draft on the new revision again.
   */
  'whatif:revert': {
    args: z.strictObject({ id: z.number().int().positive() }),
    result: projectInfoSchema,
  },
});
