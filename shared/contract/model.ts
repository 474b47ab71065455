/**
 * `model:*`: the navigator's outline, one element with what the inspector shows beside it, edits
 * (every `ModelEdit`, shared/model/edits.ts), undo/redo, saved requests, and checking a model
 * file's text without opening it.
 */
import type { PrincipalPage } from '../engine/principal-page';
import { z } from 'zod';
import type { EffectiveRow } from '../engine/queries';
import type { ModelIssue } from '../model/parse';
import type { PrincipalSet } from '../model/decision';
import { modelEditSchema } from '../model/edits';
import type {
  ApplicationKey,
  Characteristics,
  EquipmentContext,
  FactoryDefaults,
  Group,
  Organization,
  OtherEntity,
  PermissionSet,
  SavedRequest,
  Semantics,
  Thing,
  ThingShape,
  ThingTemplate,
  User,
} from '../model/types';
import { calls, empty, name, owned } from './common';
import { projectInfoSchema } from './project';

/** Kinds of model elements shown in the navigator. */
export const ELEMENT_KINDS = [
  'user',
  'group',
  'organization',
  'thing',
  'template',
  'shape',
  'collection',
  'appKey',
  'context',
  'other',
] as const;
export const elementKindSchema = z.enum(ELEMENT_KINDS);
export type ElementKind = z.infer<typeof elementKindSchema>;

export const outlineItemSchema = z.strictObject({
  kind: elementKindSchema,
  name: z.string(),
  detail: z.string().optional(),
  builtin: z.boolean().optional(),
});
export type OutlineItem = z.infer<typeof outlineItemSchema>;

/** Effective run-time rows on `*` of one Thing (for a user) or one user (for a Thing), §9.6. */
const accessRows = z.array(owned<EffectiveRow>('an effective permission row'));

/**
 * One model element and what the inspector shows beside it, per kind: the stored element
 * (`element`), plus for a user its principals, keys and access per Thing, and for a Thing its
 * template chain, characteristics and access per user (the first 100 of each).
 */
export const elementDetailsSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('user'),
    name: z.string(),
    element: owned<User>('a user'),
    principals: owned<PrincipalSet>('the principal set'),
    appKeys: z.array(z.string()),
    access: z.array(z.strictObject({ thing: z.string(), rows: accessRows })),
  }),
  z.strictObject({
    kind: z.literal('thing'),
    name: z.string(),
    element: owned<Thing>('a Thing'),
    templateChain: z.array(z.string()),
    characteristics: owned<Characteristics>('characteristics').optional(),
    access: z.array(z.strictObject({ user: z.string(), rows: accessRows })),
  }),
  z.strictObject({ kind: z.literal('group'), name: z.string(), element: owned<Group>('a group') }),
  z.strictObject({
    kind: z.literal('organization'),
    name: z.string(),
    element: owned<Organization>('an organization'),
  }),
  z.strictObject({
    kind: z.literal('template'),
    name: z.string(),
    element: owned<ThingTemplate>('a template'),
  }),
  z.strictObject({
    kind: z.literal('shape'),
    name: z.string(),
    element: owned<ThingShape>('a shape'),
  }),
  z.strictObject({
    kind: z.literal('collection'),
    name: z.string(),
    element: owned<Partial<PermissionSet>>('a permission set'),
  }),
  z.strictObject({
    kind: z.literal('appKey'),
    name: z.string(),
    element: owned<ApplicationKey>('an application key'),
  }),
  z.strictObject({
    kind: z.literal('context'),
    name: z.string(),
    element: owned<EquipmentContext>('an equipment context'),
  }),
  z.strictObject({
    kind: z.literal('other'),
    name: z.string(),
    element: owned<OtherEntity>('an entity'),
  }),
]);
export type ElementDetails = z.infer<typeof elementDetailsSchema>;

const issues = z.array(owned<ModelIssue>('a located problem'));

export const modelCalls = calls({
  'model:outline': {
    args: z.strictObject({ search: z.string({ error: 'a search text' }).optional() }),
    result: z.array(outlineItemSchema),
  },
  'model:element': {
    args: z.strictObject({ kind: elementKindSchema, name }),
    result: elementDetailsSchema,
  },
  'model:edit': { args: z.strictObject({ edit: modelEditSchema }), result: projectInfoSchema },
  'model:undo': { args: empty, result: projectInfoSchema },
  'model:redo': { args: empty, result: projectInfoSchema },
  'model:requests': { args: empty, result: z.array(owned<SavedRequest>('a saved request')) },
  /** The model's semantics options and factory settings (§9, §11, §3.5), for the options dialog. */
  'model:options': {
    args: empty,
    result: z.strictObject({
      semantics: owned<Semantics>('the semantics options'),
      factory: owned<FactoryDefaults>('the factory settings'),
    }),
  },
  /** A user's or group's page: groups and members with paths, units, every entry naming it. */
  'model:principal': {
    args: z.strictObject({ type: z.enum(['user', 'group'], { error: 'user or group' }), name }),
    result: owned<PrincipalPage>("a principal's page"),
  },
  /**
   * Checks a model file's text (docs/model-format.md) without opening it: every problem and
   * warning at file:line:column. Needs no open project (`permsim validate`).
   */
  'model:validate': {
    args: z.strictObject({
      text: z.string({ error: 'the model text' }),
      fileName: z
        .string({ error: 'a file name' })
        .min(1, { error: 'a file name such as plant.yaml' }),
    }),
    result: z.strictObject({ valid: z.boolean(), errors: issues, warnings: issues }),
  },
});
