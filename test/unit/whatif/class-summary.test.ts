/**
 * The class route of the what-if summary (shared/whatif/class-summary.ts, docs/whatif.md): when it
 * applies, what it assumes, and that it answers as the cell-by-cell comparison does on the sensor
 * demo (domain reference §9.6 run-time checks, §8.1 diagnostic services, §2.3 template instances).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../shared/engine';
import { principalIndexOf } from '../../../shared/engine/indexed';
import type { Model } from '../../../shared/model/types';
import { GENERIC_THING_SERVICES } from '../../../shared/rest/builtin-services';
import { applyChanges, diffModels } from '../../../shared/whatif';
import type { WhatIfChange } from '../../../shared/whatif';
import { affectedRegion } from '../../../shared/whatif/affected';
import { allCallers } from '../../../shared/whatif/cells';
import { classSummary, runtimeEntryDelta } from '../../../shared/whatif/class-summary';
import { diffSummary } from '../../../shared/whatif/summary';
import { loadDemoModel } from '../demo-model';
import { REMOVE_ANALYSTS_DENY } from '../demo-project';

const model = loadDemoModel();

const allowOnInstance = (
  kind: 'PropertyRead' | 'PropertyWrite' | 'ServiceInvoke',
  principal: { type: 'user' | 'group'; name: string },
): WhatIfChange => ({
  type: 'add-entry',
  target: { level: 'instance', template: 'SensorTemplate' },
  entry: { family: 'runtime', kind, resource: '*', principal, allow: true },
});

function applied(changes: WhatIfChange[]): Model {
  const r = applyChanges(model, changes);
  if (!r.ok) throw new Error(r.error.message);
  return r.model;
}

describe('runtimeEntryDelta: the class route applies to run-time entry changes only', () => {
  it('names the kinds and resources of added and removed entries', () => {
    const after = applied([
      allowOnInstance('PropertyWrite', { type: 'group', name: 'DataAnalysts' }),
    ]);
    expect(runtimeEntryDelta(model, after)).toEqual(new Map([['PropertyWrite', new Set(['*'])]]));
    expect(runtimeEntryDelta(model, model)).toEqual(new Map());
  });

  it('refuses anything else: a membership, a visibility grant, a design-time entry (§9.5, §5.10 read them)', () => {
    const membership = applied([
      {
        type: 'add-membership',
        member: { type: 'user', name: 'dana' },
        group: 'DataAnalysts',
      } as WhatIfChange,
    ]);
    expect(runtimeEntryDelta(model, membership)).toBeUndefined();
    const design = applied([
      {
        type: 'add-entry',
        target: { level: 'entity', collection: 'Things', name: 'SensorDataStream' },
        entry: {
          family: 'designtime',
          kind: 'Read',
          principal: { type: 'user', name: 'dana' },
          allow: true,
        },
      },
    ]);
    expect(runtimeEntryDelta(model, design)).toBeUndefined();
  });
});

describe('the assumption about service handlers (class-summary.ts file comment)', () => {
  it('every diagnostic entity service called with {} (as diff cells are) answers by its name alone, never by permissions', () => {
    const things = Object.keys(model.things);
    expect(things.length).toBeGreaterThan(1);
    const other = applied([allowOnInstance('ServiceInvoke', { type: 'group', name: 'Users' })]);
    for (const service of [
      'CheckPermission',
      'CheckPermissionForUser',
      'CheckPermissionForGroup',
      'CheckDesignTimePermission',
      'CheckDesignTimePermissionForUser',
      'CheckDesignTimePermissionForGroup',
      'GetPermissionsForCurrentUser',
      'GetPermissionsForUser',
      'GetPermissionsForGroup',
      ...GENERIC_THING_SERVICES,
    ]) {
      const answers = new Set<string>();
      for (const m of [model, other]) {
        for (const thing of things) {
          const d = evaluate(m, {
            method: 'POST',
            path: `/Thingworx/Things/${thing}/Services/${service}`,
            credentials: { type: 'basic', user: 'Administrator' },
            body: {},
          });
          answers.add(`${d.status} ${d.outcome} ${d.body}`);
        }
      }
      expect([service, answers.size]).toEqual([service, 1]);
    }
  });
});

describe('diffSummary by classes equals the cell-by-cell comparison', () => {
  const cases: [string, WhatIfChange[]][] = [
    [
      'a template-instance PropertyWrite allow for a group (§2.3)',
      [allowOnInstance('PropertyWrite', { type: 'group', name: 'DataAnalysts' })],
    ],
    [
      'a ServiceInvoke allow for everyone (handlers answer after it, §8.1)',
      [allowOnInstance('ServiceInvoke', { type: 'group', name: 'Users' })],
    ],
    [
      // Every generic service of the template's Things is a candidate; those that answer alike
      // for every caller count as one class (FastComparer.behaviour) and are still listed one by one.
      'a ServiceInvoke allow for one user: alike services counted as one class (§2.3, §8.1)',
      [allowOnInstance('ServiceInvoke', { type: 'user', name: 'dana' })],
    ],
    ['removing the deny on GetDataStream (§2.8)', [REMOVE_ANALYSTS_DENY]],
  ];
  for (const [name, changes] of cases) {
    it(name, () => {
      const after = applied(changes);
      const classes = diffSummary(model, after, { kind: 'affected' });
      const cells = diffSummary(model, after, { kind: 'affected' }, { fast: false });
      const full = diffModels(
        model,
        after,
        { kind: 'affected' },
        { incremental: false, fast: false },
      );
      expect(classes.ok && cells.ok && full.ok).toBe(true);
      if (!classes.ok || !cells.ok || !full.ok) return;
      expect(classes.value.route).toBe('classes');
      expect(cells.value.route).toBe('cells');
      expect(classes.value.counts).toEqual(full.value.counts);
      expect(classes.value.counts.total).toBeGreaterThan(0);
      expect(classes.value.blastRadius).toEqual(full.value.blastRadius);
      expect([...classes.value.cells()]).toEqual([...cells.value.cells()]);
      expect(classes.value.scopeCells).toBe(full.value.scopeCells);
      for (const c of classes.value.cells())
        expect(classes.value.changeOf(c.caller, c.call)).toEqual(c);
    });
  }

  it("a membership takes the caller route: the user's every call, entities by class (§9.2)", () => {
    const after = applied([
      {
        type: 'add-membership',
        member: { type: 'user', name: 'dana' },
        group: 'DataAnalysts',
      } as WhatIfChange,
    ]);
    const r = diffSummary(model, after, { kind: 'affected' });
    const cells = diffSummary(model, after, { kind: 'affected' }, { fast: false });
    const full = diffModels(
      model,
      after,
      { kind: 'affected' },
      { fast: false, incremental: false },
    );
    expect(r.ok && cells.ok && full.ok).toBe(true);
    if (!r.ok || !cells.ok || !full.ok) return;
    expect(r.value.route).toBe('classes');
    expect(r.value.counts).toEqual(full.value.counts);
    expect(r.value.counts.total).toBeGreaterThan(0);
    expect(r.value.blastRadius).toEqual(full.value.blastRadius);
    expect([...r.value.cells()]).toEqual([...cells.value.cells()]);
  });

  it('leaves a change beyond run-time entries or callers to the structural route (structural-summary.ts)', () => {
    const after = applied([
      {
        type: 'set-owner',
        collection: 'Things',
        name: 'SensorDataStream',
        owner: 'dana',
      } as WhatIfChange,
    ]);
    expect(
      classSummary(model, after, allCallers([model, after]), affectedRegion(model, after)),
    ).toBe(undefined);
    const r = diffSummary(model, after, { kind: 'affected' });
    const full = diffModels(
      model,
      after,
      { kind: 'affected' },
      { fast: false, incremental: false },
    );
    expect(r.ok && full.ok).toBe(true);
    if (!r.ok || !full.ok) return;
    expect(r.value.counts).toEqual(full.value.counts);
    expect(r.value.blastRadius).toEqual(full.value.blastRadius);
  });
});

describe('a changed model starts from the baseline’s principals (docs/whatif.md)', () => {
  it('shares the principal index when users, groups and organizations are untouched, and only then', () => {
    const entry = applied([
      allowOnInstance('PropertyWrite', { type: 'group', name: 'DataAnalysts' }),
    ]);
    expect(principalIndexOf(entry)).toBe(principalIndexOf(model));
    const joined = applied([
      { type: 'add-membership', member: { type: 'user', name: 'dana' }, group: 'DataAnalysts' },
    ]);
    expect(principalIndexOf(joined)).not.toBe(principalIndexOf(model));
    // Shared or not, each model answers with its own memberships (§2.11): dana reaches the
    // DataAnalysts Deny on GetDataStream only after joining.
    const stream = {
      method: 'POST',
      path: '/Thingworx/Things/SensorDataStream/Services/GetDataStream',
      credentials: { type: 'basic' as const, user: 'dana' },
      body: {},
    };
    expect(JSON.stringify(evaluate(model, stream).explanation)).not.toContain('DataAnalysts');
    expect(evaluate(joined, stream).status).toBe(403);
    expect(JSON.stringify(evaluate(joined, stream).explanation)).toContain('DataAnalysts');
  });
});
