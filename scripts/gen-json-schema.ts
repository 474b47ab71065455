/**
 * Writes assets/schema/permsim-model.schema.json from the zod schema of the model file
 * (shared/model/file-format.ts). Run with `npm run schema` after changing the format.
 *
 * @example
 * // npm run schema
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelJsonSchemaText } from '../shared/model/json-schema';

export const SCHEMA_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'assets',
  'schema',
  'permsim-model.schema.json',
);

mkdirSync(dirname(SCHEMA_PATH), { recursive: true });
writeFileSync(SCHEMA_PATH, modelJsonSchemaText());
console.log(`wrote ${SCHEMA_PATH}`);
