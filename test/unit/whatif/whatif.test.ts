/**
 * What-if on the sensor demo (assets/demos/sensor-datastream.yaml): change sets, the diff with its
 * classification and blast radius, scenario replay and comparison, and fix suggestions, each as a
 * consultant would read them (domain reference §2.8, §2.3, §9.5, §9.6, §7.17).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../../shared/model/types';
import {
  allEntities,
  applyChanges,
  callsOnEntity,
  compareScenarios,
  diffModels,
  parseScenarioText,
  replayScenario,
  runScenario,
  suggestFixes,
} from '../../../shared/whatif';
import { parseCall } from '../../../shared/rest/parse';
import { generateModel } from '../../../bench/generator';
import type { Scenario, WhatIfChange } from '../../../shared/whatif';
import { loadDemoModel } from '../demo-model';
import { REMOVE_ANALYSTS_DENY } from '../demo-project';

const ROOT = resolve(__dirname, '..', '..', '..');
const model = loadDemoModel();
const STREAM = 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream';
const TEMPERATURE = 'GET /Thingworx/Things/SensorDataStream/Properties/temperature';

const removeDeny = REMOVE_ANALYSTS_DENY;
const allowDanaOnInstance: WhatIfChange = {
  type: 'add-entry',
  target: { level: 'instance', template: 'SensorTemplate' },
  entry: {
    family: 'runtime',
    kind: 'ServiceInvoke',
    resource: 'GetDataStream',
    principal: { type: 'user', name: 'dana' },
    allow: true,
  },
};

describe('change sets', () => {
  it('applies changes in order and keeps the baseline untouched', () => {
    const r = applyChanges(model, [removeDeny, allowDanaOnInstance]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.steps).toHaveLength(2);
    expect(model.things['SensorDataStream']?.permissions.runtime.some(e => !e.allow)).toBe(true);
    expect(r.model.things['SensorDataStream']?.permissions.runtime.some(e => !e.allow)).toBe(false);
  });

  it('names the failing change, what is wrong and what was meant', () => {
    const r = applyChanges(model, [
      removeDeny,
      { type: 'add-membership', member: { type: 'user', name: 'alice' }, group: 'Operatrs' },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.index).toBe(1);
    expect(r.error.message).toMatch(/^change 2 \(add user:alice to group Operatrs\): .*Operators/);
  });

  it('re-parents a template and refuses a cycle (§2.3)', () => {
    expect(
      applyChanges(model, [
        { type: 'set-template-base', template: 'SensorTemplate', base: 'GatewayTemplate' },
      ]).ok,
    ).toBe(true);
    const cyc = applyChanges(model, [
      { type: 'set-template-base', template: 'SensorTemplate', base: 'GatewayTemplate' },
      { type: 'set-template-base', template: 'GatewayTemplate', base: 'SensorTemplate' },
    ]);
    expect(cyc.ok || cyc.error.message).toMatch(
      /change 2 .*already derives from 'GatewayTemplate'/,
    );
  });

  it("changes an application key's allowlist and refuses a malformed address (§3.9)", () => {
    const bad = applyChanges(model, [
      { type: 'set-app-key', name: 'analyst-key', ipAllowlist: ['10.1.0.0/99'] },
    ]);
    expect(bad.ok || bad.error.message).toMatch(/'10\.1\.0\.0\/99' is not an IP address/);
    const good = applyChanges(model, [
      { type: 'set-app-key', name: 'analyst-key', ipAllowlist: [], expires: null },
    ]);
    expect(good.ok && good.model.appKeys['analyst-key']).toMatchObject({ ipAllowlist: [] });
    expect(good.ok && 'expires' in (good.model.appKeys['analyst-key'] ?? {})).toBe(false);
  });
});

describe('diff', () => {
  it('removing the Thing-level Deny gives alice GetDataStream: 403 -> 200, gained, with both explanations (§2.8, §9.6)', () => {
    const after = applyChanges(model, [removeDeny]);
    if (!after.ok) throw new Error(after.error.message);
    const d = diffModels(model, after.model, {
      kind: 'watch',
      callers: [
        { type: 'user', name: 'alice' },
        { type: 'user', name: 'bob' },
      ],
      calls: [STREAM, TEMPERATURE],
    });
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value.cells).toHaveLength(1);
    const cell = d.value.cells[0];
    expect(cell).toMatchObject({
      caller: { type: 'user', name: 'alice' },
      call: STREAM,
      change: 'gained',
      kind: 'ServiceInvoke',
    });
    expect(cell?.before).toMatchObject({
      status: 403,
      body: 'Not authorized for ServiceInvoke on GetDataStream in SensorDataStream',
    });
    expect(cell?.before.deciding).toMatch(
      /denied by the entity-level permissions of SensorDataStream/,
    );
    expect(cell?.after.status).toBe(200);
    expect(cell?.after.deciding).toMatch(
      /allowed by the instance permissions of template SensorTemplate/,
    );
    expect(d.value.blastRadius).toEqual([
      {
        change: 'gained',
        from: 403,
        to: 200,
        callers: ['user:alice'],
        entities: ['Things/SensorDataStream'],
        kinds: ['ServiceInvoke'],
        cells: 1,
      },
    ]);
  });

  it('classifies a lost grant as revoked and a visibility loss as changed (200 -> 404 counts as revoked, 403 -> 404 as changed)', () => {
    const noVisibility: WhatIfChange = {
      type: 'remove-entry',
      target: { level: 'instance', template: 'SensorTemplate' },
      entry: { family: 'visibility', principal: { type: 'unit', org: 'Plant', unit: 'Plant' } },
    };
    const after = applyChanges(model, [noVisibility]);
    if (!after.ok) throw new Error(after.error.message);
    const d = diffModels(model, after.model, {
      kind: 'watch',
      callers: [{ type: 'user', name: 'alice' }],
      calls: [STREAM, TEMPERATURE],
    });
    if (!d.ok) throw new Error(d.error.message);
    const by = Object.fromEntries(d.value.cells.map(c => [c.call, c]));
    expect(by[TEMPERATURE]).toMatchObject({
      change: 'revoked',
      before: { status: 200 },
      after: { status: 404 },
    });
    expect(by[STREAM]).toMatchObject({
      change: 'changed',
      before: { status: 403 },
      after: { status: 404 },
    });
  });

  it('reports the equipment permissions a propagation changes (§7.17)', () => {
    const r = applyChanges(model, [
      {
        type: 'apps-invoke',
        service: 'PropagateUserGroupPermissionsOnEntities',
        params: {
          userGroupNames: { rows: [{ UserGroupName: 'Viewers' }] },
          permissionType: 'Read',
          contextName: 'DefaultContext',
          entityName: 'Line2',
        },
      },
    ]);
    if (!r.ok) throw new Error(r.error.message);
    const d = diffModels(model, r.model, { kind: 'affected' });
    if (!d.ok) throw new Error(d.error.message);
    expect(d.value.equipment).toEqual([
      {
        user: 'dana',
        context: 'DefaultContext',
        equipment: 'Line2',
        before: 'None',
        after: 'Read',
      },
    ]);
  });

  it('refuses an unknown watched user and a line that is not a call, with the place', () => {
    const d1 = diffModels(model, model, {
      kind: 'watch',
      callers: [{ type: 'user', name: 'zed' }],
      calls: [STREAM],
    });
    expect(d1.ok || d1.error.message).toMatch(/user 'zed' is in neither model/);
    const d2 = diffModels(model, model, { kind: 'watch', calls: [STREAM, 'FETCH me'] });
    expect(d2.ok || d2.error.message).toMatch(/watched call 2 "FETCH me"/);
  });
});

describe('blast radius', () => {
  it('groups a template-instance grant to a group into one rectangle: its members x the Things x the kind, largest first', () => {
    const grant: WhatIfChange = {
      type: 'add-entry',
      target: { level: 'instance', template: 'SensorTemplate' },
      entry: {
        family: 'runtime',
        kind: 'PropertyWrite',
        resource: '*',
        principal: { type: 'group', name: 'Operators' },
        allow: true,
      },
    };
    const r = applyChanges(model, [grant]);
    if (!r.ok) throw new Error(r.error.message);
    const d = diffModels(model, r.model, { kind: 'affected' });
    if (!d.ok) throw new Error(d.error.message);
    const top = d.value.blastRadius[0];
    // alice (DataAnalysts, nested in Operators) and bob gain PropertyWrite on both properties, and so
    // does alice's key analyst-key from inside its allowlist; carol is locked (§3.11), and the key
    // from outside its allowlist stays refused (§3.9).
    expect(top).toMatchObject({
      change: 'gained',
      from: 403,
      to: 200,
      callers: ['appKey:analyst-key@10.1.0.0/16', 'user:alice', 'user:bob'],
      entities: ['Things/SensorDataStream'],
      kinds: ['PropertyWrite'],
      cells: 6,
    });
    for (let i = 1; i < d.value.blastRadius.length; i++)
      expect(d.value.blastRadius[i - 1]!.cells).toBeGreaterThanOrEqual(
        d.value.blastRadius[i]!.cells,
      );
    expect(d.value.blastRadius.reduce((n, x) => n + x.cells, 0)).toBe(d.value.counts.total);
  });
});

describe('scenarios', () => {
  const text = readFileSync(
    resolve(ROOT, 'assets/demos/scenarios/analysts-get-datastream.yaml'),
    'utf8',
  );

  it('parses the demo scenario file (model-format.md "Scenarios")', () => {
    const p = parseScenarioText(text, 'analysts-get-datastream.yaml');
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.scenario.name).toBe('Give analysts the data stream service');
    expect(p.scenario.changes.map(c => c.type)).toEqual([
      'remove-entry',
      'add-entry',
      'apps-invoke',
    ]);
    expect(p.scenario.watch?.users).toEqual(['alice', 'bob', 'dana']);
  });

  it('says where a scenario file is wrong', () => {
    const p = parseScenarioText(
      'scenario: x\nchanges:\n  - add: { thing: T, runtime: { allow: PropertyRaed, principal: group:G } }\n  - grant: {}\n',
      'bad.yaml',
    );
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.errors[0]).toMatch(
      /^bad\.yaml: changes\[0\]\.add\.runtime\.allow: 'PropertyRaed' is not one of .*did you mean 'PropertyRead'/,
    );
    expect(p.errors[1]).toMatch(/^bad\.yaml: changes\[1\]\.grant: unknown change/);
  });

  it('runs, replays step by step, and compares scenarios', () => {
    const p = parseScenarioText(text, 'a.yaml');
    if (!p.ok) throw new Error(p.errors.join('\n'));
    const run = runScenario(model, p.scenario);
    if (!run.ok) throw new Error(run.error.message);
    expect(run.value.diff.cells.map(c => `${c.caller.name} ${c.call} ${c.change}`)).toEqual([
      `alice ${STREAM} gained`,
    ]);
    const steps = replayScenario(model, p.scenario);
    if (!steps.ok) throw new Error(steps.error.message);
    expect(steps.value.map(s => s.diff.counts.total)).toEqual([1, 0, 0]);
    const onlyDana: Scenario = { name: 'dana', changes: [allowDanaOnInstance] };
    const cmp = compareScenarios(model, p.scenario, onlyDana, {
      kind: 'watch',
      callers: [
        { type: 'user', name: 'alice' },
        { type: 'user', name: 'dana' },
      ],
      calls: [STREAM],
    });
    if (!cmp.ok) throw new Error(cmp.error.message);
    expect(cmp.value.cells.map(c => `${c.caller.name} ${c.change}`).sort()).toEqual([
      'alice revoked',
      'dana gained',
    ]);
  });
});

describe('fix suggestions', () => {
  it("for alice's 403 on GetDataStream: removing the Deny comes first, and nothing suggested leaves the call failing", () => {
    const r = suggestFixes(model, { type: 'user', name: 'alice' }, STREAM);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.before.status).toBe(403);
    expect(r.value.suggestions.length).toBeGreaterThan(0);
    expect(r.value.suggestions[0]?.description).toBe(
      'remove deny ServiceInvoke on GetDataStream for group:DataAnalysts at Things/SensorDataStream',
    );
    for (const s of r.value.suggestions) expect(s.after.status).toBe(200);
    for (let i = 1; i < r.value.suggestions.length; i++)
      expect(r.value.suggestions[i - 1]!.extra.gained).toBeLessThanOrEqual(
        r.value.suggestions[i]!.extra.gained,
      );
    // Joining Administrators also works, but grants far more, so it comes last of those shown or not at all.
    const admin = r.value.suggestions.findIndex(
      s => s.description === 'add user:alice to group Administrators',
    );
    if (admin >= 0) expect(admin).toBe(r.value.suggestions.length - 1);
  });

  it("for dana's 403: a user-level allow at Thing level grants nothing else", () => {
    const r = suggestFixes(model, { type: 'user', name: 'dana' }, STREAM, { max: 50 });
    if (!r.ok) throw new Error(r.error.message);
    const thingLevel = r.value.suggestions.find(
      s =>
        s.description ===
        'add allow ServiceInvoke on GetDataStream for user:dana at Things/SensorDataStream',
    );
    expect(thingLevel?.extra.total).toBe(0);
    expect(r.value.suggestions[0]?.extra.gained).toBe(0);
  });

  it('says plainly when the call already succeeds', () => {
    const r = suggestFixes(model, { type: 'user', name: 'bob' }, STREAM);
    expect(r.ok && r.value.note).toBe('the call already succeeds');
  });
});

describe('calls built from the model carry the operation their path parses to (CallSpec.op)', () => {
  it('equals parseCall on the demo and on a generated model, names needing escapes included (§5.10)', () => {
    const generated = generateModel('S', 7);
    let checked = 0;
    for (const m of [model, generated]) {
      for (const e of allEntities([m]).slice(0, 400)) {
        for (const spec of callsOnEntity([m], e)) {
          const parsed = parseCall(spec.method, spec.path);
          if (!parsed.ok) throw new Error(`${spec.call}: ${parsed.message}`);
          expect(parsed.call.appKeyInUrl, spec.call).toBeUndefined();
          expect(spec.op, spec.call).toEqual(parsed.call.operation);
          checked++;
        }
      }
    }
    // A characteristic whose name needs percent-encoding in the path.
    const odd = {
      ...model,
      things: {
        ...model.things,
        'Odd Thing/1': {
          ...(model.things['SensorDataStream'] as Model['things'][string]),
          name: 'Odd Thing/1',
          properties: ['a b%c', 'ü'],
        },
      },
    };
    for (const spec of callsOnEntity([odd], { collection: 'Things', name: 'Odd Thing/1' })) {
      const parsed = parseCall(spec.method, spec.path);
      expect(parsed.ok && parsed.call.operation, spec.call).toEqual(spec.op);
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
