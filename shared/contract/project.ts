/**
 * `project:*`: which project is open, creating and switching projects, importing and exporting
 * model files (docs/model-format.md). `project:import` (ThingWorx exports) is in import.ts.
 */
import { z } from 'zod';
import { calls, empty, path } from './common';

export const projectInfoSchema = z.strictObject({
  /** Absolute path of the open project file. */
  path: z.string(),
  modelName: z.string(),
  counts: z.record(z.string(), z.number()),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  /** Monotonic revision: bumps on every saved edit. */
  revision: z.number().int().nonnegative(),
  /** A model file (.yaml/.json) opened as it is: nothing can be saved until it is copied into a project. */
  readOnly: z.literal(true).optional(),
});
export type ProjectInfo = z.infer<typeof projectInfoSchema>;

/**
 * The project a call was made for: the open project's path and the revision the caller last saw.
 * A front end sends it with every call that reads or writes the project (as `project` beside the
 * call's own arguments); the handler map refuses a write whose project or revision is not the open
 * one, and a read for another project, so a view left over from the previous project can never
 * change or describe the new one.
 */
export const projectStampSchema = z.strictObject({
  path: z.string().min(1),
  revision: z.number().int().nonnegative(),
});
export type ProjectStamp = z.infer<typeof projectStampSchema>;

const modelFormat = z.enum(['yaml', 'json']);

const pathEntrySchema = z.strictObject({
  name: z.string(),
  /** Absolute; a folder's ends with the separator, so it can be typed on. */
  path: z.string(),
  kind: z.enum(['folder', 'file']),
});
export type PathEntry = z.infer<typeof pathEntrySchema>;

export const projectCalls = calls({
  'project:info': { args: empty, result: projectInfoSchema },
  'project:open': { args: z.strictObject({ path }), result: projectInfoSchema },
  'project:new': { args: z.strictObject({ path }), result: projectInfoSchema },
  'project:save-as': { args: z.strictObject({ path }), result: projectInfoSchema },
  'project:recent': { args: empty, result: z.array(z.string()) },
  /** The bundled demo models (assets/demos): opened read-only as model files, or copied. */
  'project:demos': {
    args: empty,
    result: z.array(z.strictObject({ name: z.string(), title: z.string(), path: z.string() })),
  },
  /**
   * Path completion (the Open dialog of browser mode): the entries of the typed path's folder on
   * this machine whose names start with its last part; folders and project/model files only.
   */
  'project:complete-path': {
    args: z.strictObject({
      prefix: z
        .string({ error: 'a path typed so far' })
        .min(1, { error: 'an absolute path such as /home/me/' })
        .max(4096, { error: 'a path of at most 4096 characters' }),
    }),
    result: z.strictObject({
      folder: z.string(),
      entries: z.array(pathEntrySchema),
      /** More entries match than are listed: type more of the name. */
      more: z.boolean(),
    }),
  },
  /** Replaces the open project's model by a model file's text, as one undoable edit. */
  'project:import-model': {
    args: z.strictObject({
      text: z.string({ error: 'the model text' }),
      fileName: z
        .string({ error: 'a file name' })
        .min(1, { error: 'a file name such as plant.yaml' }),
    }),
    result: projectInfoSchema,
  },
  /** The open project's model as a model file's text. */
  'project:export-model': {
    args: z.strictObject({ format: modelFormat }),
    result: z.strictObject({ text: z.string() }),
  },
});
