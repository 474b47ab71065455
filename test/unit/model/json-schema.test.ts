import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelJsonSchema, modelJsonSchemaText } from '../../../shared/model/json-schema';

const committed = resolve(__dirname, '../../../assets/schema/permsim-model.schema.json');

describe('JSON Schema of the model file', () => {
  it('the committed assets/schema file equals a fresh generation (run `npm run schema` after format changes)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(modelJsonSchemaText());
  });

  it('describes the format: version, strict top level, every section', () => {
    const s = modelJsonSchema() as {
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(s.required).toEqual(['permsim']);
    expect(s.additionalProperties).toBe(false);
    expect(Object.keys(s.properties)).toEqual([
      'permsim',
      'name',
      'now',
      'semantics',
      'factory',
      'users',
      'groups',
      'organizations',
      'shapes',
      'templates',
      'things',
      'resources',
      'subsystems',
      'mashups',
      'dataShapes',
      'collections',
      'appKeys',
      'apps',
      'requests',
    ]);
    expect(JSON.stringify(s)).toContain('"PropertyRead"');
  });
});
