/**
 * The published JSON Schema of the model file, generated from the zod schema (file-format.ts) with
 * zod 4's `z.toJSONSchema`. `scripts/gen-json-schema.ts` writes it to
 * assets/schema/permsim-model.schema.json; a unit test keeps the committed file in step.
 *
 * Semantic rules (names resolve, no cycles, unit trees) are beyond JSON Schema: loadModel checks them.
 *
 * @example
 * const text = modelJsonSchemaText(); // '{\n  "$schema": "https://json-schema.org/draft/2020-12/schema", ...'
 */
import { z } from 'zod';
import { ModelFileSchema } from './file-format';

export const MODEL_SCHEMA_ID = 'https://permsim.local/schema/permsim-model-1.schema.json';

export function modelJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ModelFileSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    reused: 'ref',
  }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  return { $schema, $id: MODEL_SCHEMA_ID, ...rest };
}

/** Stable text (2-space JSON, trailing newline) so the committed file diffs well. */
export function modelJsonSchemaText(): string {
  return `${JSON.stringify(modelJsonSchema(), null, 2)}\n`;
}
