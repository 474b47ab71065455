/**
 * `apps:*`: the equipment tree view (ThingWorx Apps context manager, §7): contexts, windowed tree
 * rows with effective Read/Write/None and provenance (§7.18), the preview of a Grant or Propagate
 * call, and applying it as an undoable edit (`apps-invoke`).
 */
import { z } from 'zod';
import type { ContextSummary, PropagationPreview, TreeView } from '../apps/tree-data';
import { TREE_WINDOW_MAX, WRITING_SERVICES } from '../apps/tree-data';
import { principalRefSchema } from '../model/edits';
import { calls, empty, name, owned } from './common';
import { projectInfoSchema } from './project';

const invocation = z.strictObject({
  // A string to callers (they pass what a person picked), one of the Grant/Propagate services here.
  service: z
    .string({ error: 'a service name' })
    .refine(s => WRITING_SERVICES.includes(s), { error: `one of ${WRITING_SERVICES.join(', ')}` }),
  params: z.record(z.string(), z.unknown(), { error: 'an object of service parameters' }),
});

/** Which rows of a context's tree, for whom. */
export const treeQuerySchema = z.strictObject({
  context: name,
  principal: principalRefSchema,
  /** Names of expanded nodes, or 'all' (then `collapsed` may name exceptions). Roots are always shown. */
  expanded: z.union([z.literal('all'), z.array(name)], {
    error: "'all' or a list of node names",
  }),
  collapsed: z.array(name).optional(),
  offset: z
    .number({ error: 'a number' })
    .int({ error: 'a whole number' })
    .min(0, { error: 'a whole number from 0' })
    .optional(),
  limit: z
    .number({ error: 'a number' })
    .int({ error: 'a whole number' })
    .min(1, { error: `a whole number from 1 to ${TREE_WINDOW_MAX}` })
    .max(TREE_WINDOW_MAX, { error: `a whole number from 1 to ${TREE_WINDOW_MAX}` })
    .optional(),
});

export const appsCalls = calls({
  /** Equipment contexts of the model (§7.1), for the equipment tree view. */
  'apps:contexts': {
    args: empty,
    result: z.array(owned<ContextSummary>('a context summary')),
  },
  /** Visible rows of one context for one user or group, windowed, with Read/Write/None and provenance (§7.18). */
  'apps:tree': { args: treeQuerySchema, result: owned<TreeView>('a tree window') },
  /** What a Grant or Propagate call would change, for whom, without saving anything (§7.5, §7.6, §7.17). */
  'apps:preview-propagation': {
    args: invocation,
    result: owned<PropagationPreview>('a propagation preview'),
  },
  /** Runs a Grant or Propagate call and saves it as an undoable edit (`apps-invoke`). */
  'apps:apply': { args: invocation, result: projectInfoSchema },
});
