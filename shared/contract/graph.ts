/**
 * `graph:*`: the role-inheritance graph and the access matrix (docs/architecture.md "Views"):
 * focused neighbourhoods, the decision path of an answer, and windowed matrix cells.
 */
import { z } from 'zod';
import type { GraphView, MatrixAxes, MatrixWindow } from '../graph';
import { MATRIX_WINDOW_MAX, MAX_EXPANDED, MAX_NODE_GUARD } from '../graph';
import { RUNTIME_KINDS } from '../model/types';
import { calls, name, owned } from './common';
import { restRequestSchema } from './engine';

const kind = z.enum(RUNTIME_KINDS, { error: `one of ${RUNTIME_KINDS.join(', ')}` });

export const graphFocusSchema = z.strictObject({
  type: z.enum(['user', 'group', 'organization', 'thing', 'template', 'shape']),
  name,
});

/** Which users, Things and kinds the matrix shows. */
export const matrixFilterSchema = z.strictObject({
  /** Only users in this group, directly or through nesting (§3.4). */
  group: name.optional(),
  /** Only Things whose template chain contains this template (§2.3). */
  template: name.optional(),
  /** Only these kinds (default: all five run-time kinds, §1.3). */
  kinds: z.array(kind).optional(),
});

const graphView = owned<GraphView>('a graph view');

export const graphCalls = calls({
  /** A focused neighbourhood for the role-inheritance graph, folded past `guard` nodes (docs/architecture.md "Views"). */
  'graph:neighbourhood': {
    args: z.strictObject({
      focus: graphFocusSchema,
      guard: z
        .number({ error: 'a number' })
        .int({ error: 'a whole number' })
        .min(10, { error: `a whole number from 10 to ${MAX_NODE_GUARD}` })
        .max(MAX_NODE_GUARD, { error: `a whole number from 10 to ${MAX_NODE_GUARD}` })
        .optional(),
      /** Ids of aggregates the user opened (kept unfolded past the guard). */
      expand: z
        .array(
          z
            .string({ error: 'an aggregate id' })
            .startsWith('agg:', { error: "an aggregate id (starting 'agg:')" }),
        )
        .max(MAX_EXPANDED, { error: `at most ${MAX_EXPANDED} aggregates` })
        .optional(),
    }),
    result: graphView,
  },
  /** Pathfinding: every route from a principal to an entity through the entries that apply to it, shortest first. */
  'graph:paths': {
    args: z.strictObject({
      from: z.strictObject({ type: z.enum(['user', 'group'], { error: 'user or group' }), name }),
      to: z.strictObject({
        type: z.enum(['thing', 'template', 'shape'], { error: 'thing, template or shape' }),
        name,
      }),
    }),
    result: graphView,
  },
  /** The graph of one answer: the path that decided and the entries that lost (§9.6). */
  'graph:decision-path': {
    args: z.strictObject({ request: restRequestSchema }),
    result: graphView,
  },
  /** Rows, columns and kinds of the access matrix after a filter. */
  'graph:matrix-axes': { args: matrixFilterSchema, result: owned<MatrixAxes>('matrix axes') },
  /**
   * One window of matrix cells, one code character per (user, Thing, kind): 2/3/4/1 = 200/403/404/401,
   * u = unknown; `overrides`: indices of the cells where a named characteristic answers otherwise (§2.7).
   */
  'graph:matrix-cells': {
    args: z
      .strictObject({
        users: z.array(name),
        things: z.array(name),
        kinds: z.array(kind).min(1, { error: 'at least one kind' }),
      })
      .refine(a => a.users.length * a.things.length * a.kinds.length <= MATRIX_WINDOW_MAX, {
        error: `a window of at most ${MATRIX_WINDOW_MAX} cells (users x things x kinds); ask for the visible part only`,
      }),
    result: z.strictObject({
      cells: z.string(),
      overrides: z.array(z.number().int().nonnegative()),
    }) satisfies z.ZodType<MatrixWindow>,
  },
});
