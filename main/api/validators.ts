/**
 * Zod validators for the arguments of every contract call (shared/contract.ts): `unknown` in, typed
 * arguments or ONE precise message out, e.g.
 * `engine:ask: request.method must be one of GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS (got "FETCH")`.
 *
 * Objects are strict: an unknown key is reported rather than silently dropped, so a typo in a caller
 * never turns into a default.
 *
 * @example
 * const r = validateArgs('engine:ask', { request: { method: 'FETCH', path: '/Thingworx/Things', credentials: { type: 'none' } } });
 * r.ok === false && r.error.code === 'invalid-argument';
 */
import { z } from 'zod';
import type { ApiArgs, ApiName, Result } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import { HTTP_METHODS } from '../../shared/rest/methods';
import { COLLECTION_NAMES, DESIGN_KINDS, RUNTIME_KINDS } from '../../shared/model/types';
import { FactorySchema, SemanticsSchema } from '../../shared/model/file-format';
import { appsArgSchemas } from './apps-handlers';
import { importArgSchemas } from './import-handlers';
import { whatifArgSchemas } from './whatif-handlers';
import { lessonArgSchemas } from './lesson-handlers';
import { graphArgSchemas } from './graph-handlers';
import { reportArgSchemas } from './report-handlers';
import { own } from '../../shared/model/own';

/** Methods a request may carry (one list: shared/engine/decision.ts). */
export const REQUEST_METHODS = HTTP_METHODS;

const name = z.string({ error: 'a name' }).min(1, { error: 'a non-empty name' });
const path = z.string({ error: 'a file path' }).min(1, { error: 'a non-empty file path' });
const empty = z.strictObject({});

const method = z.preprocess(
  v => (typeof v === 'string' ? v.toUpperCase() : v),
  z.enum(REQUEST_METHODS),
);

const credentials = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({
    type: z.literal('basic'),
    user: name,
    password: z.string({ error: 'a string' }).optional(),
  }),
  z.strictObject({ type: z.literal('appKey'), key: name, via: z.enum(['header', 'query']) }),
]);

const clientIp = z.union([z.ipv4(), z.ipv6()], {
  error: 'an IPv4 or IPv6 address such as 10.1.2.3',
});
const isoTime = z.iso.datetime({
  offset: true,
  error: 'an ISO-8601 date-time with a zone, such as 2026-01-01T00:00:00Z',
});
const restPath = z
  .string({ error: 'a REST path (string)' })
  .min(1, { error: 'a REST path such as /Thingworx/Things/T1/Properties/p' })
  .refine(p => p.startsWith('/') || /^https?:\/\//i.test(p), {
    error: 'a REST path starting with /Thingworx/',
  });

const callFields = {
  method,
  path: restPath,
  body: z.unknown().optional(),
  clientIp: clientIp.optional(),
  at: isoTime.optional(),
};
export const restRequestSchema = z.strictObject({ ...callFields, credentials });
const callSchema = z.strictObject(callFields);

const principal = z.strictObject({ type: z.enum(['user', 'group']), name });
const visibilityPrincipal = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('org'), org: name }),
  z.strictObject({ type: z.literal('unit'), org: name, unit: name }),
]);

const editTarget = z.discriminatedUnion('level', [
  z.strictObject({ level: z.literal('entity'), collection: name, name }),
  z.strictObject({ level: z.literal('instance'), template: name }),
  z.strictObject({ level: z.literal('shape'), shape: name }),
  z.strictObject({ level: z.literal('collection'), collection: z.enum(COLLECTION_NAMES) }),
]);

const entryValue = z.discriminatedUnion('family', [
  z.strictObject({
    family: z.literal('runtime'),
    kind: z.enum(RUNTIME_KINDS),
    resource: z.string({ error: 'a resource name or *' }).min(1, { error: 'a resource name or *' }),
    principal,
    allow: z.boolean(),
  }),
  z.strictObject({
    family: z.literal('designtime'),
    kind: z.enum(DESIGN_KINDS),
    principal,
    allow: z.boolean(),
  }),
  z.strictObject({ family: z.literal('visibility'), principal: visibilityPrincipal }),
]);

const names = z.array(name);

const expectSchema = z.strictObject({
  status: z.number().int().min(100).max(599).optional(),
  body: z.string().optional(),
});

/** A saved request as the model file writes it (model-format.md `requests:`). */
const savedRequestSchema = z.strictObject({
  as: name.optional(),
  appKey: name.optional(),
  appKeyVia: z.enum(['header', 'query']).optional(),
  noAuth: z.boolean().optional(),
  password: z.string().optional(),
  call: z.string().min(1, { error: 'a call such as GET /Thingworx/Things/T1' }),
  body: z.unknown().optional(),
  ip: z.string().optional(),
  at: z.string().optional(),
  expect: expectSchema.optional(),
  note: z.string().optional(),
});

export const modelEditSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('add-user'), name, groups: names.optional() }),
  z.strictObject({ type: z.literal('rename-user'), name, to: name }),
  z.strictObject({ type: z.literal('remove-user'), name }),
  z.strictObject({
    type: z.literal('set-user-flags'),
    name,
    enabled: z.boolean().optional(),
    locked: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal('add-group'), name, memberOf: names.optional() }),
  z.strictObject({ type: z.literal('rename-group'), name, to: name }),
  z.strictObject({ type: z.literal('remove-group'), name }),
  z.strictObject({ type: z.literal('add-membership'), member: principal, group: name }),
  z.strictObject({ type: z.literal('remove-membership'), member: principal, group: name }),
  z.strictObject({ type: z.literal('add-unit'), org: name, parent: name, name }),
  z.strictObject({ type: z.literal('remove-unit'), org: name, name }),
  z.strictObject({ type: z.literal('add-unit-member'), org: name, unit: name, member: principal }),
  z.strictObject({
    type: z.literal('remove-unit-member'),
    org: name,
    unit: name,
    member: principal,
  }),
  z.strictObject({ type: z.literal('add-organization'), name }),
  z.strictObject({ type: z.literal('add-thing'), name, template: name, owner: name.optional() }),
  z.strictObject({ type: z.literal('rename-thing'), name, to: name }),
  z.strictObject({ type: z.literal('remove-thing'), name }),
  z.strictObject({ type: z.literal('add-template'), name, base: name }),
  z.strictObject({ type: z.literal('rename-template'), name, to: name }),
  z.strictObject({ type: z.literal('remove-template'), name }),
  z.strictObject({ type: z.literal('add-shape'), name }),
  z.strictObject({ type: z.literal('rename-shape'), name, to: name }),
  z.strictObject({ type: z.literal('remove-shape'), name }),
  z.strictObject({
    type: z.literal('add-characteristic'),
    collection: z.enum(['Things', 'ThingTemplates', 'ThingShapes']),
    entity: name,
    kind: z.enum(['property', 'service', 'event']),
    name,
  }),
  z.strictObject({ type: z.literal('add-entry'), target: editTarget, entry: entryValue }),
  z.strictObject({ type: z.literal('remove-entry'), target: editTarget, entry: entryValue }),
  z.strictObject({ type: z.literal('add-request'), request: savedRequestSchema }),
  // The model file's own option schemas: the options a file may set are the ones an edit may set.
  z.strictObject({ type: z.literal('set-semantics'), semantics: SemanticsSchema }),
  z.strictObject({ type: z.literal('set-factory'), factory: FactorySchema }),
  z.strictObject({
    type: z.literal('set-request-expects'),
    changes: z
      .array(z.strictObject({ index: z.number().int().nonnegative(), expect: expectSchema }))
      .min(1, { error: 'at least one change' }),
  }),
]);

const elementKind = z.enum([
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
]);

/** One schema per contract call. The mapped type makes a missing call a compile error. */
export const argSchemas: { [K in ApiName]: z.ZodType<ApiArgs<K>> } = {
  'project:info': empty,
  'project:open': z.strictObject({ path }),
  'project:new': z.strictObject({ path }),
  'project:save-as': z.strictObject({ path }),
  'project:recent': empty,
  'project:import-model': z.strictObject({
    text: z.string({ error: 'the model text' }),
    fileName: z
      .string({ error: 'a file name' })
      .min(1, { error: 'a file name such as plant.yaml' }),
  }),
  'project:export-model': z.strictObject({ format: z.enum(['yaml', 'json']) }),
  'model:outline': z.strictObject({ search: z.string({ error: 'a search text' }).optional() }),
  'model:get': empty,
  'model:element': z.strictObject({ kind: elementKind, name }),
  'model:edit': z.strictObject({ edit: modelEditSchema }) as z.ZodType<ApiArgs<'model:edit'>>,
  'model:undo': empty,
  'model:redo': empty,
  'model:requests': empty,
  'model:options': empty,
  'engine:ask': z.strictObject({ request: restRequestSchema }) as z.ZodType<ApiArgs<'engine:ask'>>,
  'engine:suggest-calls': z.strictObject({
    text: z.string({ error: 'the call text typed so far' }),
  }),
  'engine:effective-table': z.strictObject({ user: name, collection: name, entity: name }),
  'engine:who-can': z.strictObject({ request: callSchema }) as z.ZodType<ApiArgs<'engine:who-can'>>,
  ...appsArgSchemas,
  ...graphArgSchemas(restRequestSchema),
  ...reportArgSchemas,
  ...whatifArgSchemas,
  ...lessonArgSchemas,
  ...importArgSchemas,
};

const show = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return String(v);
};

const typeName = (expected: string): string =>
  ({
    object: 'an object',
    string: 'a string',
    number: 'a number',
    boolean: 'true or false',
    array: 'a list',
  })[expected] ?? expected;

const formatPath = (p: readonly PropertyKey[]): string =>
  p.reduce<string>(
    (acc, seg) =>
      typeof seg === 'number'
        ? `${acc}[${seg}]`
        : acc === ''
          ? String(seg)
          : `${acc}.${String(seg)}`,
    '',
  );

type Issue = z.core.$ZodIssue & { input?: unknown };

function describeIssue(issue: Issue): string {
  const where = formatPath(issue.path) || 'the arguments';
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.message.startsWith('Invalid input')
        ? typeName(issue.expected)
        : issue.message;
      if (issue.input === undefined) return `${where} is required (${expected})`;
      return `${where} must be ${expected} (got ${show(issue.input)})`;
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      return `${where} must be ${values.length === 1 ? values[0] : `one of ${values.join(', ')}`} (got ${show(issue.input)})`;
    }
    case 'invalid_union': {
      const disc = (issue as { discriminator?: string; options?: unknown[] }).discriminator;
      if (disc) {
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
        const input =
          issue.input && typeof issue.input === 'object'
            ? own(issue.input as Record<string, unknown>, disc)
            : undefined;
        const at = issue.path[issue.path.length - 1] === disc ? where : `${where}.${disc}`;
        return `${at} must be one of ${options.join(', ')} (got ${show(input)})`;
      }
      return `${where} must be ${issue.message} (got ${show(issue.input)})`;
    }
    case 'unrecognized_keys':
      return `${where === 'the arguments' ? 'the arguments have' : `${where} has`} unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(k => `"${k}"`).join(', ')}`;
    default:
      return `${where} must be ${issue.message} (got ${show(issue.input)})`;
  }
}

/** Validates the arguments of `name`; invalid input gives `invalid-argument` with every problem listed. */
export function validateArgs<K extends ApiName>(name: K, args: unknown): Result<ApiArgs<K>> {
  const schema = argSchemas[name] as z.ZodType<ApiArgs<K>>;
  const parsed = schema.safeParse(args === undefined ? {} : args, { reportInput: true });
  if (parsed.success) return ok(parsed.data);
  const problems = (parsed.error.issues as Issue[]).map(describeIssue);
  return err('invalid-argument', `${name}: ${problems.join('; ')}`, { issues: problems });
}
