// Each synthetic fixture folder (test/fixtures/import/<name>/) is imported as a folder and must give
// exactly the model in its expected.yaml (the model file PermSim writes, canonical order), plus the
// report facts a consultant reads: counts, warnings with file:line, dropped secrets, unresolved
// references. The fixtures are written from the format description of the domain reference (§6).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectImportFiles } from '../../../main/api/import-files';
import { importSources } from '../../../shared/import';
import type { ImportResult } from '../../../shared/import';
import { modelToText } from '../../../shared/model/decompile';
import { loadModel } from '../../../shared/model/load';
import { evaluate } from '../../../shared/engine';

const ROOT = resolve(__dirname, '..', '..', 'fixtures', 'import');

function importFolder(name: string, onConflict: 'fail' | 'first' | 'last' = 'fail'): ImportResult {
  const c = collectImportFiles([join(ROOT, name)], ROOT);
  if (!c.ok) throw new Error(c.error.message);
  return importSources(c.value.sources, { onConflict });
}

function expectModel(name: string): ImportResult & { ok: true } {
  const r = importFolder(name);
  if (!r.ok) throw new Error(JSON.stringify(r.report.refusals.concat(), null, 1));
  expect(modelToText(r.model, 'yaml')).toBe(
    readFileSync(join(ROOT, name, 'expected.yaml'), 'utf8'),
  );
  return r;
}

describe('full entity export (§6.1-6.5, §6.7, §6.8)', () => {
  it('gives the expected model', () => {
    const r = expectModel('full-export');
    expect(r.report.entities).toEqual({
      Users: 2,
      Groups: 2,
      Organizations: 1,
      ApplicationKeys: 1,
      ThingShapes: 1,
      ThingTemplates: 1,
      Things: 2,
      Mashups: 1,
      Resources: 1,
    });
    expect(r.report.versions).toEqual(['10.2']);
  });

  it('keeps names verbatim: spaces, dots, & and a trailing space', () => {
    const r = expectModel('full-export');
    expect(Object.keys(r.model.things)).toContain('Sensor & Pump 1 ');
    expect(r.model.organizations['Plant.Org']?.units['Cell:1']?.parent).toBe('Line A');
  });

  it('splits Organization:Unit after the known organization name (§4.6)', () => {
    const r = expectModel('full-export');
    expect(r.model.things['Sensor & Pump 1 ']?.permissions.visibility).toEqual([
      { type: 'org', org: 'Plant.Org' },
      { type: 'unit', org: 'Plant.Org', unit: 'Cell:1' },
    ]);
  });

  it('reads collection-level blocks written after the entities (§2.1)', () => {
    const r = expectModel('full-export');
    expect(r.model.collections.Things?.runtime).toEqual([
      {
        kind: 'PropertyRead',
        resource: '*',
        principal: { type: 'group', name: 'Shift Leads' },
        allow: true,
      },
    ]);
  });

  it('does not take reference lists inside a Mashup for entities, nor mashupContent for permissions', () => {
    const r = expectModel('full-export');
    expect(r.model.things['NotAnEntity']).toBeUndefined();
    expect(r.model.shapes['NotAShape']).toBeUndefined();
    expect(r.model.others['Mashups/SensorDashboard']?.permissions.runtime).toEqual([]);
  });

  it('drops the password hash and the keyId and says so, and never writes them', () => {
    const r = expectModel('full-export');
    expect(r.report.secretsDropped).toEqual([
      { what: 'user password', count: 1 },
      { what: 'application key keyId', count: 1 },
    ]);
    const everything = modelToText(r.model, 'json') + JSON.stringify(r.report);
    expect(everything).not.toContain('x9f8e7d6c5b4a3');
    expect(everything).not.toContain('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');
  });

  it('notes the collections it does not model', () => {
    const r = expectModel('full-export');
    expect(r.report.skipped).toEqual([
      expect.objectContaining({ what: 'PermissionGroups entities', count: 1 }),
    ]);
    expect(r.report.skipped[0]?.first).toMatch(/full-export\/Entities\.xml:112$/);
  });

  it('counts blocks and entries per block', () => {
    const r = expectModel('full-export');
    expect(r.report.blocks['InstanceRunTimePermissions']).toEqual({ blocks: 2, entries: 2 });
    expect(r.report.blocks['VisibilityPermissions']).toEqual({ blocks: 4, entries: 3 });
  });

  it('the imported model answers REST calls: the owner bypasses the Deny; the disabled user gets 401', () => {
    const r = expectModel('full-export');
    const ask = (user: string) =>
      evaluate(r.model, {
        method: 'POST',
        path: `/Thingworx/Things/${encodeURIComponent('Sensor & Pump 1 ')}/Services/GetDataStream`,
        credentials: { type: 'basic', user },
      });
    const alice = ask('alice');
    expect(alice.status).toBe(200);
    expect(alice.explanation.map(s => s.kind)).toContain('bypass');
    expect(ask('bob').status).toBe(401);
  });
});

describe('source-control tree: one file per entity plus the permissions file (§6, issue form 3)', () => {
  it('merges entity files and <Collections> records without conflicts', () => {
    const r = expectModel('source-control');
    expect(r.report.conflicts).toEqual([]);
    expect(r.report.files.read).toBe(8);
    expect(r.model.templates['PumpTemplate']?.instance.visibility).toEqual([
      { type: 'unit', org: 'PumpOrg', unit: 'Hall 2' },
    ]);
    expect(r.report.blocks['RunTimeInstancePermissions']).toEqual({ blocks: 1, entries: 2 });
  });

  it('keeps the unknown base template as unresolved, pointing at the template file', () => {
    const r = expectModel('source-control');
    expect(r.report.unresolved).toEqual([
      {
        kind: 'template',
        name: 'RemoteThing',
        firstReference: expect.stringMatching(/ThingTemplates\/PumpTemplate\.xml:4$/),
      },
    ]);
    expect(r.model.templates['RemoteThing']?.unresolved).toBe(true);
  });

  it('answers as ThingWorx would: olga may start Pump1 but not stop Pump2', () => {
    const r = expectModel('source-control');
    const call = (thing: string, svc: string) =>
      evaluate(r.model, {
        method: 'POST',
        path: `/Thingworx/Things/${thing}/Services/${svc}`,
        credentials: { type: 'basic', user: 'olga' },
      }).status;
    expect(call('Pump1', 'Start')).toBe(200);
    expect(call('Pump2', 'Stop')).toBe(403);
  });
});

describe('entity JSON as the REST API returns it', () => {
  it('gives the expected model', () => {
    const r = expectModel('json');
    expect(r.report.secretsDropped).toEqual([
      { what: 'user password', count: 1 },
      { what: 'application key keyId', count: 1 },
    ]);
    expect(r.model.appKeys['vera-key']?.expires).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('tolerance (issue form 4)', () => {
  it('reads one-line, tab-aligned CRLF and every empty-element form; names like __proto__ are data', () => {
    const r = expectModel('tolerance');
    expect(r.report.versions).toEqual(['6.5', '8.4', 'unknown']);
    expect(Object.hasOwn(r.model.things, '__proto__')).toBe(true);
    expect(Object.hasOwn(r.model.things, 'constructor')).toBe(true);
    expect(r.report.skipped).toEqual([
      expect.objectContaining({ what: 'UnknownCollection entities', count: 1 }),
    ]);
  });
});

describe('dangling references (issue form 5)', () => {
  it('keeps every dangling reference as an unresolved element with a file:line warning', () => {
    const r = expectModel('dangling');
    expect(r.report.unresolved.map(u => `${u.kind} ${u.name}`).sort()).toEqual([
      'group MissingGroup',
      'group SubCrew',
      'organization Far.Org',
      'organization Other.Org',
      'shape MissingShape',
      'template MissingTemplate',
      'user Everyone',
      'user ghost',
      'user keyless-user',
      'user nobody',
    ]);
    for (const w of r.report.warnings) expect(w.line).toBeGreaterThan(0);
  });

  it('flags a principal whose type does not match its name and keeps it as written', () => {
    const r = expectModel('dangling');
    expect(r.report.warnings).toContainEqual({
      file: expect.stringMatching(/dangling\/Entities\.xml$/),
      line: 9,
      message:
        "principal 'Everyone' has type User but names an organization; kept as a user as written (not retyped)",
    });
    expect(r.model.things['Orphan']?.permissions.runtime[1]?.principal).toEqual({
      type: 'user',
      name: 'Everyone',
    });
  });

  it('names the unresolved group in the explanation', () => {
    const r = expectModel('dangling');
    const withMember = loadModel(
      `${modelToText(r.model, 'yaml')}`.replace(
        'MissingGroup: { unresolved: true }',
        'MissingGroup: { unresolved: true }\n  Readers: { memberOf: [ MissingGroup ] }',
      ),
      'dangling.yaml',
    );
    expect(withMember.ok).toBe(true);
    if (!withMember.ok) return;
    const d = evaluate(withMember.model, {
      method: 'GET',
      path: '/Thingworx/Things/Orphan/Properties/x',
      credentials: { type: 'basic', user: 'ghost' },
    });
    const lines = d.explanation.flatMap(s => s.details);
    expect(lines).toContain('user ghost is referenced here but not defined in the imported files');
  });
});
