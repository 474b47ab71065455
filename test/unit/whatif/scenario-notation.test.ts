/**
 * Scenario files write entries in the model file's notation (docs/model-format.md "Scenarios"), and
 * read them with the model file's own schemas (shared/model/file-format.ts); typed `edit:` changes
 * are read with the contract's change schema. One notation, one reader.
 */
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../shared/apps/load';
import { parseScenarioText } from '../../../shared/whatif/scenario-file';

const errorsOf = (changes: string): string[] => {
  const r = parseScenarioText(`scenario: s\nchanges:\n${changes}`, 's.yaml');
  return r.ok ? [] : r.errors;
};

describe('the entry notation of scenario files', () => {
  it('reads an entry as a model file does (§1.3 kinds, user:/group: principals, §1.5 visibility)', () => {
    const r = parseScenarioText(
      [
        'scenario: s',
        'changes:',
        '  - add: { thing: T1, runtime: { allow: [PropertyRead, ServiceInvoke], resource: p, principal: group:Ops } }',
        '  - remove: { template: Tpl, instance: { visibility: [org:Plant, unit:Plant:LineA] } }',
        '  - add: { collection: Things, designtime: { deny: Create, principal: user:bob } }',
      ].join('\n'),
      's.yaml',
    );
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.scenario.changes.map(c => c.type)).toEqual([
      'add-entry',
      'add-entry',
      'remove-entry',
      'remove-entry',
      'add-entry',
    ]);
    expect(r.origins).toEqual([0, 0, 1, 1, 2]);
    expect(r.scenario.changes[3]).toMatchObject({
      target: { level: 'instance', template: 'Tpl' },
      entry: { family: 'visibility', principal: { type: 'unit', org: 'Plant', unit: 'LineA' } },
    });
  });

  it('refuses what a model file refuses, with the place and the same words', () => {
    const model = loadModel(
      'permsim: 1\nthings: { T1: { permissions: { runtime: [{ allow: Read, principal: group:Ops }] } } }\n',
      'm.yaml',
    );
    expect(model.ok).toBe(false);
    expect(
      errorsOf('  - add: { thing: T1, runtime: { allow: PropertyRead, principal: ops } }'),
    ).toEqual([
      "s.yaml: changes[0].add.runtime.principal: expected a principal 'user:<name>' or 'group:<name>'",
    ]);
    expect(errorsOf('  - add: { thing: T1, visibility: [unit:Plant] }')).toEqual([
      "s.yaml: changes[0].add.visibility[0]: expected a visibility principal 'org:<Organization>' or 'unit:<Organization>:<Unit>'",
    ]);
    expect(
      errorsOf('  - add: { thing: T1, runtime: { allow: PropertyRead, princpal: group:Ops } }'),
    ).toEqual([
      "s.yaml: changes[0].add.runtime.princpal: unknown key; did you mean 'principal'?; expected one of allow, deny, principal, resource",
    ]);
    expect(
      errorsOf(
        '  - add: { thing: T1, runtime: { allow: PropertyRead, deny: PropertyRead, principal: group:Ops } }',
      ),
    ).toEqual(['s.yaml: changes[0].add.runtime: give exactly one of allow or deny']);
  });

  it('checks a typed edit: change in full, as the contract does', () => {
    expect(errorsOf('  - edit: { type: set-owner, collection: Things, name: T1 }')).toEqual([
      's.yaml: changes[0].edit.owner: is required (string)',
    ]);
    expect(errorsOf('  - edit: { type: set-colour }')[0]).toMatch(
      /^s\.yaml: changes\[0\]\.edit\.type: 'set-colour' is not one of add-user, .*set-app-key$/,
    );
    const r = parseScenarioText(
      'scenario: s\nchanges:\n  - edit: { type: set-semantics, semantics: { precedence: global-deny } }\n',
      's.yaml',
    );
    expect(r.ok && r.scenario.changes).toEqual([
      { type: 'set-semantics', semantics: { precedence: 'global-deny' } },
    ]);
  });
});
