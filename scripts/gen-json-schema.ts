/**
 * Writes assets/schema/permsim-model.schema.json from the zod schema of the model file
 * (shared/model/file-format.ts), and assets/schema/permsim-test.schema.json from the one of
 * permission test files (shared/permtest/format.ts), and assets/schema/permsim-lesson.schema.json
 * from the one of lesson files (shared/lessons/format.ts). Run with `npm run schema` after changing either.
 *
 * @example
 * // npm run schema
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelJsonSchemaText } from '../shared/model/json-schema';
import { permTestJsonSchemaText } from '../shared/permtest/format';
import { lessonJsonSchemaText } from '../shared/lessons/format';

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
export const TEST_SCHEMA_PATH = resolve(dirname(SCHEMA_PATH), 'permsim-test.schema.json');
writeFileSync(TEST_SCHEMA_PATH, permTestJsonSchemaText());
console.log(`wrote ${TEST_SCHEMA_PATH}`);
export const LESSON_SCHEMA_PATH = resolve(dirname(SCHEMA_PATH), 'permsim-lesson.schema.json');
writeFileSync(LESSON_SCHEMA_PATH, lessonJsonSchemaText());
console.log(`wrote ${LESSON_SCHEMA_PATH}`);
