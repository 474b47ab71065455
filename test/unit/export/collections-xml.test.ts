/**
 * The permissions file the exporter writes for the collection-level sets (domain §2.3, §6;
 * docs/import.md "What is read"): importing it together with the entities gives back the same
 * collection sets.
 */
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../shared/apps/load';
import {
  allPermissionBearing,
  writeCollectionsXml,
  writeEntitiesXml,
} from '../../../shared/export';
import { importSources } from '../../../shared/import';

const YAML = `permsim: 1
name: collections
users:
  alice: { groups: [Operators] }
groups:
  Operators: {}
collections:
  Things:
    designtime:
      - { allow: Create, principal: group:Operators }
      - { deny: Read, principal: user:alice }
    runtime:
      - { allow: PropertyRead, principal: group:Operators }
  ThingTemplates:
    designtime:
      - { allow: Read, principal: group:Operators }
`;

describe('writeCollectionsXml (domain §2.3)', () => {
  it('writes a <Collections> file the importer reads back to the same collection sets', () => {
    const loaded = loadModel(YAML, 'collections.yaml');
    if (!loaded.ok) throw new Error(loaded.errors.map(e => e.message).join('; '));
    const model = loaded.model;
    const xml = writeCollectionsXml(model);
    expect(xml).toMatch(/^<\?xml [^>]*\?>\n<Collections>\n {2}<Things>\n/);
    const enc = new TextEncoder();
    const r = importSources(
      [
        {
          path: 'Entities.xml',
          bytes: enc.encode(writeEntitiesXml(model, allPermissionBearing(model))),
        },
        { path: 'Permissions/Permissions.xml', bytes: enc.encode(xml) },
      ],
      { onConflict: 'fail' },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.report.refusals));
    for (const c of ['Things', 'ThingTemplates'] as const) {
      const key = (s: typeof model.collections.Things) => ({
        runtime: (s?.runtime ?? []).map(e => JSON.stringify(e)).sort(),
        designtime: (s?.designtime ?? []).map(e => JSON.stringify(e)).sort(),
      });
      expect(key(r.model.collections[c])).toEqual(key(model.collections[c]));
    }
  });
});
