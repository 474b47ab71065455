/**
 * `project:import` and `project:import-cancel`: ThingWorx entity XML, permissions files and
 * entity JSON (docs/import.md), from files or folders on the backend's machine (`paths`) or
 * uploaded (`files`, base64). Progress comes as `import:progress` events (events.ts).
 */
import { z } from 'zod';
import type { ImportReport } from '../import/types';
import { calls, empty, owned, path } from './common';
import { projectInfoSchema } from './project';

/** What `project:import` answers: whether the model changed, and the import report either way. */
export const importOutcomeSchema = z.strictObject({
  imported: z.boolean(),
  /** True when the user cancelled; nothing was imported. */
  cancelled: z.boolean().optional(),
  report: owned<ImportReport>('an import report'),
  /** The project after a successful import. */
  info: projectInfoSchema.optional(),
});
export type ImportOutcome = z.infer<typeof importOutcomeSchema>;

export const importCalls = calls({
  /**
   * Merges into the open project as one undoable edit, or creates a new project at `newProject`.
   * Runs in the backend worker with `import:progress` events; the project is unchanged unless
   * `imported`.
   */
  'project:import': {
    args: z
      .strictObject({
        paths: z.array(path, { error: 'a list of files or folders' }).optional(),
        files: z
          .array(
            z.strictObject({
              path,
              base64: z.string({ error: 'the file content, base64' }),
            }),
            { error: 'a list of uploaded files { path, base64 }' },
          )
          .optional(),
        onConflict: z.enum(['fail', 'first', 'last'], { error: 'fail, first or last' }),
        newProject: path.optional(),
      })
      .refine(a => (a.paths?.length ?? 0) + (a.files?.length ?? 0) > 0, {
        error: 'paths or files: at least one file or folder to import',
      }),
    result: importOutcomeSchema,
  },
  /** Asks a running `project:import` to stop (nothing is imported). */
  'project:import-cancel': {
    args: empty,
    result: z.strictObject({ cancelled: z.boolean() }),
  },
});
