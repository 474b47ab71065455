/** Push events from the backend to the front ends, each with the schema of its payload. */
import { z } from 'zod';
import { projectInfoSchema } from './project';

export const eventSchemas = {
  /** The open project or its model changed (after every switch, edit, undo, redo, import). */
  'project:changed': projectInfoSchema,
  /** A menu item of the desktop app. */
  'menu:command': z.strictObject({
    command: z.enum(['new', 'open', 'save-as', 'export', 'import', 'undo', 'redo']),
  }),
  /** Progress of a running `project:import`: files read of all files. */
  'import:progress': z.strictObject({ done: z.number(), total: z.number() }),
};

export type Events = { [E in keyof typeof eventSchemas]: z.infer<(typeof eventSchemas)[E]> };
