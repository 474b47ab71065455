/**
 * The permission test file (`*.permsim-test.yaml`, docs/permission-tests.md): a model to test and
 * a list of expectations a customer keeps true in CI. Four kinds:
 * - `call`: one REST call's answer (status, body matching a regular expression);
 * - `whoCan`: who may make a call (or write / read any property of a Thing or of the Things of a
 *   template): exactly these users and keys (`only`), or nobody outside a group (`onlyMembersOf`);
 * - `whatCan`: which services (events, property reads or writes, or calls) a user may call on an
 *   entity, exactly;
 * - `equipment`: a user's Read / Write / None on one equipment of a context (§7.18).
 * The zod schema is the one source of the JSON Schema (assets/schema/permsim-test.schema.json).
 *
 * @example
 * const r = PermTestFileSchema.safeParse({ model: 'plant.yaml', tests: [{ name: 'a', call: 'GET /Thingworx/Things/T1', as: 'bob', expect: { status: 200 } }] });
 */
import { z } from 'zod';

const name = z.string().min(1);
const callLine = z
  .string()
  .min(1)
  .describe('METHOD PATH, e.g. POST /Thingworx/Things/SensorDataStream/Services/GetDataStream');

/** A user name, `appKey:NAME` (every address) or `appKey:NAME@ENTRY` (from inside one allowlist entry, or `@outside`). */
const principal = z
  .string()
  .min(1)
  .describe('a user name, appKey:NAME, or appKey:NAME@ALLOWLIST-ENTRY (or @outside)');

/** Entities for who-can over many calls: one Thing, or every Thing of a template (its derived templates included). */
const thingsOf = z.union([z.strictObject({ thing: name }), z.strictObject({ template: name })]);

const base = {
  name: z.string().min(1).describe('what the test checks, in words'),
  note: z.string().optional(),
};

export const CallTestSchema = z.strictObject({
  ...base,
  call: callLine,
  as: name.optional().describe('user (Basic auth)'),
  appKey: name.optional(),
  appKeyVia: z.enum(['header', 'query']).optional(),
  password: z.string().optional(),
  noAuth: z.boolean().optional(),
  ip: z.string().min(1).optional().describe('client address (default 127.0.0.1)'),
  at: z.string().min(1).optional().describe('request time, ISO-8601'),
  body: z.unknown().optional(),
  expect: z.strictObject({
    status: z.number().int().min(100).max(599).optional(),
    body: z.string().optional().describe('a regular expression the response body must match'),
  }),
});

export const WhoCanTestSchema = z.strictObject({
  ...base,
  whoCan: z.union([
    callLine,
    z.strictObject({ write: thingsOf }).describe('a PUT of any property'),
    z.strictObject({ read: thingsOf }).describe('a GET of any property'),
  ]),
  body: z.unknown().optional(),
  expect: z.union([
    z.strictObject({
      only: z.array(principal).describe('exactly these users and keys succeed'),
    }),
    z.strictObject({
      onlyMembersOf: name.describe(
        'nobody outside this group (members of nested groups count; a key counts as its user)',
      ),
    }),
  ]),
});

export const WHAT_CAN_CALLS = ['services', 'events', 'read', 'write', 'calls'] as const;

export const WhatCanTestSchema = z.strictObject({
  ...base,
  whatCan: z.strictObject({
    as: name,
    /** A Thing name or Collection/Name. */
    on: name,
    calls: z.enum(WHAT_CAN_CALLS).default('services'),
  }),
  expect: z.strictObject({
    exactly: z
      .array(z.string())
      .describe(
        'the names (services, events, properties) or, with calls: calls, the call lines that succeed',
      ),
  }),
});

export const EquipmentTestSchema = z.strictObject({
  ...base,
  equipment: z.strictObject({ user: name, context: name, on: name }),
  expect: z.enum(['None', 'Read', 'Write']),
});

export const PermTestSchema = z.union([
  CallTestSchema,
  WhoCanTestSchema,
  WhatCanTestSchema,
  EquipmentTestSchema,
]);

export const PermTestFileSchema = z.strictObject({
  model: z.string().min(1).describe('the model file or project, relative to this file'),
  tests: z.array(PermTestSchema),
});

export type CallTest = z.infer<typeof CallTestSchema>;
export type WhoCanTest = z.infer<typeof WhoCanTestSchema>;
export type WhatCanTest = z.infer<typeof WhatCanTestSchema>;
export type EquipmentTest = z.infer<typeof EquipmentTestSchema>;
export type PermTest = z.infer<typeof PermTestSchema>;
export type PermTestFile = z.infer<typeof PermTestFileSchema>;

export const PERMTEST_SCHEMA_ID = 'https://permsim.local/schema/permsim-test-1.schema.json';

/** The published JSON Schema of test files (scripts/gen-json-schema.ts writes it). */
export function permTestJsonSchemaText(): string {
  const schema = z.toJSONSchema(PermTestFileSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  return `${JSON.stringify({ $schema, $id: PERMTEST_SCHEMA_ID, title: 'PermSim permission tests', ...rest }, null, 2)}\n`;
}

/** The kind of a test, for reports. */
export function testKind(t: PermTest): 'call' | 'whoCan' | 'whatCan' | 'equipment' {
  return 'call' in t ? 'call' : 'whoCan' in t ? 'whoCan' : 'whatCan' in t ? 'whatCan' : 'equipment';
}
