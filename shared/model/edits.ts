/**
 * Model edits: small typed values that the UI, the what-if change sets and the context-manager
 * calls apply to a Model. Each edit is defined ONCE, as a zod schema; the TypeScript types are
 * inferred from it, so the contract (`model:edit`, `whatif:*`), scenario files, the store and
 * `applyEdit` cannot disagree about which edits exist.
 * `applyEdit(model, edit)` (shared/apps/apply-edit.ts) validates the edit against the model and
 * returns a new model or a precise error; it never mutates its input.
 *
 * @example
 * const r = applyEdit(model, { type: 'add-entry', target: { level: 'entity', collection: 'Things', name: 'T1' },
 *   entry: { family: 'runtime', kind: 'PropertyRead', resource: '*', principal: { type: 'group', name: 'Ops' }, allow: true } });
 * modelEditSchema.safeParse({ type: 'set-owner', collection: 'Things', name: 'T1', owner: null }).success; // true
 */
import { z } from 'zod';
import { COLLECTION_NAMES, DESIGN_KINDS, RUNTIME_KINDS } from './types';

// The words in these messages are what a person reads after "x must be ..." (main/api/validators.ts).
export const nameSchema = z.string({ error: 'a name' }).min(1, { error: 'a non-empty name' });
const names = z.array(nameSchema);

// Typed as a string (callers build targets from model data), checked against the list at run time.
const collectionNameSchema = z
  .string({ error: 'a collection name' })
  .refine(c => (COLLECTION_NAMES as readonly string[]).includes(c), {
    error: `one of ${COLLECTION_NAMES.join(', ')}`,
  });

/** A user or group that an entry or membership names (domain reference §1.4). */
export const principalRefSchema = z.strictObject({
  type: z.enum(['user', 'group']),
  name: nameSchema,
});

/** An organization or one of its units, as a visibility principal (§1.5, §4.6). */
export const visibilityPrincipalSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('org'), org: nameSchema }),
  z.strictObject({ type: z.literal('unit'), org: nameSchema, unit: nameSchema }),
]);

/** Which permission set an entry edit targets (the levels of domain reference §2). */
export const editTargetSchema = z.discriminatedUnion('level', [
  /** An entity's own set: Things, ThingTemplates (own), ThingShapes (own), Resources, Subsystems, Mashups, DataShapes. */
  z.strictObject({ level: z.literal('entity'), collection: nameSchema, name: nameSchema }),
  /** A template's instance sets (Run Time / Design Time / Visibility Instance). */
  z.strictObject({ level: z.literal('instance'), template: nameSchema }),
  /** A shape's instance run-time set. */
  z.strictObject({ level: z.literal('shape'), shape: nameSchema }),
  /** A collection-level set. */
  z.strictObject({ level: z.literal('collection'), collection: collectionNameSchema }),
]);

/** One permission entry of any family (§1.1). */
export const entryValueSchema = z.discriminatedUnion('family', [
  z.strictObject({
    family: z.literal('runtime'),
    kind: z.enum(RUNTIME_KINDS),
    resource: z.string({ error: 'a resource name or *' }).min(1, { error: 'a resource name or *' }),
    principal: principalRefSchema,
    allow: z.boolean(),
  }),
  z.strictObject({
    family: z.literal('designtime'),
    kind: z.enum(DESIGN_KINDS),
    principal: principalRefSchema,
    allow: z.boolean(),
  }),
  z.strictObject({ family: z.literal('visibility'), principal: visibilityPrincipalSchema }),
]);

/** What a saved request expects (model-format.md `requests:`). */
export const requestExpectSchema = z.strictObject({
  status: z.number().int().min(100).max(599).optional(),
  body: z.string().optional(),
});

/** A saved request as the model file writes it (model-format.md `requests:`). */
export const savedRequestSchema = z.strictObject({
  /** Credentials: a user (Basic auth), an app key, or nobody. */
  as: nameSchema.optional(),
  appKey: nameSchema.optional(),
  appKeyVia: z.enum(['header', 'query']).optional(),
  noAuth: z.boolean().optional(),
  password: z.string().optional(),
  call: z.string().min(1, { error: 'a call such as GET /Thingworx/Things/T1' }),
  body: z.unknown().optional(),
  ip: z.string().optional(),
  at: z.string().optional(),
  expect: requestExpectSchema.optional(),
  note: z.string().optional(),
  /** Source position in the model file, for messages; dropped when the request is stored. */
  line: z.number().int().optional(),
});

/** The new expectation of saved request `index` (0-based, in the model's order). */
export const requestExpectChangeSchema = z.strictObject({
  index: z.number().int().nonnegative(),
  expect: requestExpectSchema,
});

/** Semantic options where sources disagree (§9, §11); only the keys given change. */
const semanticsPatchSchema = z.strictObject({
  precedence: z.enum(['level', 'global-deny']).optional(),
  adminBypass: z.boolean().optional(),
  ownerBypass: z.boolean().optional(),
  baseTemplateInstance: z.boolean().optional(),
  shapeInstance: z.enum(['after-templates', 'ignore']).optional(),
  visibilityDirection: z.enum(['upward', 'downward', 'exact']).optional(),
  denialStatus: z.literal([403, 401]).optional(),
  rejectAppKeyInUrl: z.boolean().optional(),
});

/** Factory defaults of a fresh server (§3.5); only the keys given change. */
const factoryPatchSchema = z.strictObject({
  usersInEveryone: z.boolean().optional(),
  everyoneSeesCollections: z.boolean().optional(),
});

const CHARACTERISTIC_COLLECTIONS = ['Things', 'ThingTemplates', 'ThingShapes'] as const;

/** Every model edit, one variant per `type`. */
export const modelEditSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('add-user'), name: nameSchema, groups: names.optional() }),
  z.strictObject({ type: z.literal('rename-user'), name: nameSchema, to: nameSchema }),
  z.strictObject({ type: z.literal('remove-user'), name: nameSchema }),
  z.strictObject({
    type: z.literal('set-user-flags'),
    name: nameSchema,
    enabled: z.boolean().optional(),
    locked: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal('add-group'), name: nameSchema, memberOf: names.optional() }),
  z.strictObject({ type: z.literal('rename-group'), name: nameSchema, to: nameSchema }),
  z.strictObject({ type: z.literal('remove-group'), name: nameSchema }),
  /** Add or remove membership: a user or a group as member of `group`. */
  z.strictObject({
    type: z.literal('add-membership'),
    member: principalRefSchema,
    group: nameSchema,
  }),
  z.strictObject({
    type: z.literal('remove-membership'),
    member: principalRefSchema,
    group: nameSchema,
  }),
  z.strictObject({
    type: z.literal('add-unit'),
    org: nameSchema,
    parent: nameSchema,
    name: nameSchema,
  }),
  z.strictObject({ type: z.literal('remove-unit'), org: nameSchema, name: nameSchema }),
  z.strictObject({
    type: z.literal('add-unit-member'),
    org: nameSchema,
    unit: nameSchema,
    member: principalRefSchema,
  }),
  z.strictObject({
    type: z.literal('remove-unit-member'),
    org: nameSchema,
    unit: nameSchema,
    member: principalRefSchema,
  }),
  z.strictObject({ type: z.literal('add-organization'), name: nameSchema }),
  z.strictObject({ type: z.literal('remove-organization'), name: nameSchema }),
  z.strictObject({
    type: z.literal('add-thing'),
    name: nameSchema,
    template: nameSchema,
    owner: nameSchema.optional(),
  }),
  z.strictObject({ type: z.literal('rename-thing'), name: nameSchema, to: nameSchema }),
  z.strictObject({ type: z.literal('remove-thing'), name: nameSchema }),
  z.strictObject({ type: z.literal('add-template'), name: nameSchema, base: nameSchema }),
  z.strictObject({ type: z.literal('rename-template'), name: nameSchema, to: nameSchema }),
  z.strictObject({ type: z.literal('remove-template'), name: nameSchema }),
  z.strictObject({ type: z.literal('add-shape'), name: nameSchema }),
  z.strictObject({ type: z.literal('rename-shape'), name: nameSchema, to: nameSchema }),
  z.strictObject({ type: z.literal('remove-shape'), name: nameSchema }),
  z.strictObject({
    type: z.literal('add-characteristic'),
    collection: z.enum(CHARACTERISTIC_COLLECTIONS),
    entity: nameSchema,
    kind: z.enum(['property', 'service', 'event']),
    name: nameSchema,
  }),
  z.strictObject({
    type: z.literal('add-entry'),
    target: editTargetSchema,
    entry: entryValueSchema,
  }),
  z.strictObject({
    type: z.literal('remove-entry'),
    target: editTargetSchema,
    entry: entryValueSchema,
  }),
  /** §3.9: an application key running as `user`; checked against the model when applied. */
  z.strictObject({
    type: z.literal('add-app-key'),
    name: nameSchema,
    user: nameSchema,
    expires: z.string({ error: 'an ISO-8601 date-time' }).optional(),
    ipAllowlist: z.array(z.string()).optional(),
  }),
  z.strictObject({ type: z.literal('remove-app-key'), name: nameSchema }),
  /** §1.10: the owner of an entity (`null`: no owner). */
  z.strictObject({
    type: z.literal('set-owner'),
    collection: nameSchema,
    name: nameSchema,
    owner: nameSchema.nullable(),
  }),
  z.strictObject({ type: z.literal('set-semantics'), semantics: semanticsPatchSchema }),
  z.strictObject({ type: z.literal('set-factory'), factory: factoryPatchSchema }),
  /** A context-manager Grant or Propagate call (§7.5, §7.6), recorded in `apps.grants`; the service and its parameters are checked when applied. */
  z.strictObject({
    type: z.literal('apps-invoke'),
    service: nameSchema,
    params: z.record(z.string(), z.unknown(), { error: 'an object of service parameters' }),
  }),
  /** Saved requests (`requests:` of the model file): add one, or set the expectations of some. */
  z.strictObject({ type: z.literal('add-request'), request: savedRequestSchema }),
  /** Several saved requests in one undoable step (the Traffic view's "Save as requests"). */
  z.strictObject({
    type: z.literal('add-requests'),
    requests: z.array(savedRequestSchema).min(1, { error: 'at least one request' }),
  }),
  z.strictObject({
    type: z.literal('set-request-expects'),
    changes: z.array(requestExpectChangeSchema).min(1, { error: 'at least one change' }),
  }),
]);

/**
 * Edits that only what-if needs (the model editor has no UI for them yet); applied by
 * shared/whatif/change.ts.
 */
export const extraChangeSchema = z.discriminatedUnion('type', [
  /** §2.3, §11.3: re-parent a template (its Things then inherit another chain). */
  z.strictObject({
    type: z.literal('set-template-base'),
    template: nameSchema,
    base: nameSchema,
  }),
  /** The ThingShapes a template implements (§2.5). */
  z.strictObject({
    type: z.literal('set-template-shapes'),
    template: nameSchema,
    shapes: names,
  }),
  /** §3.9: an application key's expiry (null = never expires) and/or IP allowlist (empty = any IP). */
  z.strictObject({
    type: z.literal('set-app-key'),
    name: nameSchema,
    expires: z.string({ error: 'an ISO-8601 date-time or null' }).nullable().optional(),
    ipAllowlist: z.array(z.string()).optional(),
  }),
]);

/** One what-if change: any model edit, or an edit only what-if needs. */
export const whatIfChangeSchema = z.discriminatedUnion('type', [
  ...modelEditSchema.options,
  ...extraChangeSchema.options,
]);

export type EditTarget = z.infer<typeof editTargetSchema>;
export type EntryValue = z.infer<typeof entryValueSchema>;
export type ModelEdit = z.infer<typeof modelEditSchema>;
export type ExtraChange = z.infer<typeof extraChangeSchema>;
export type WhatIfChange = z.infer<typeof whatIfChangeSchema>;
export type RequestExpectChange = z.infer<typeof requestExpectChangeSchema>;

/** Every `type` of a model edit, in schema order. */
export const MODEL_EDIT_TYPES: readonly ModelEdit['type'][] = modelEditSchema.options.map(
  o => o.shape.type.value,
);
