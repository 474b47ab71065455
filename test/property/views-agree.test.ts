/**
 * The views that answer many cells at once must say what the REST pipeline says cell by cell, on
 * random small deployments under random semantic options (the decision gate of
 * shared/engine/gate.ts is shared by all of them, domain reference §9.3-9.5):
 * - the access matrix (shared/graph/matrix.ts): a cell answers for `*` (§2.7); every property,
 *   service and event of the Thing answers like the cell unless the cell lists it as an override,
 *   and then it answers the opposite (§2.9); a window's override flags are the cells whose list is
 *   not empty;
 * - the effective permission table (shared/engine/queries.ts): each named run-time row and each
 *   design-time Read/Update/Delete row has the pipeline's status (§9.6, §5.10), and its `*` rows
 *   equal the matrix cells;
 * - who can (queries.ts): each user's status is the pipeline's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../shared/engine/index';
import { characteristicsOf, effectiveTable, whoCan } from '../../shared/engine/queries';
import { cellOverrides, codeStatus, matrixWindow } from '../../shared/graph/matrix';
import type { Decision, RestRequest } from '../../shared/model/decision';
import type { Model, RuntimeKind } from '../../shared/model/types';
import { modelArb } from './arbitraries';

const KINDS: RuntimeKind[] = ['PropertyRead', 'PropertyWrite', 'ServiceInvoke', 'EventInvoke'];

/** Random deployments where a Thing is sometimes disabled (a permitted call is UNKNOWN, §9.4). */
const deploymentArb: fc.Arbitrary<Model> = fc
  .tuple(modelArb, fc.constantFrom(undefined, 'X0', 'X2'))
  .map(([m, disabled]) => {
    const t = disabled === undefined ? undefined : m.things[disabled];
    if (!disabled || !t) return m;
    return { ...m, things: { ...m.things, [disabled]: { ...t, enabled: false } } };
  });

/** The REST call that checks `kind` on a named characteristic (§5.2, §5.10). */
function callOf(thing: string, kind: RuntimeKind, name: string, user: string): RestRequest {
  const base = `/Thingworx/Things/${thing}`;
  const credentials = { type: 'basic' as const, user };
  if (kind === 'PropertyRead')
    return { method: 'GET', path: `${base}/Properties/${name}`, credentials };
  if (kind === 'PropertyWrite')
    return { method: 'PUT', path: `${base}/Properties/${name}`, credentials, body: {} };
  if (kind === 'ServiceInvoke')
    return { method: 'POST', path: `${base}/Services/${name}`, credentials, body: {} };
  return { method: 'POST', path: `${base}/Events/${name}`, credentials, body: {} };
}

/** The matrix code of a pipeline answer; undefined when a service handler, not the check, answered. */
function codeOf(d: Decision): string | undefined {
  if (d.deciding.step === 'service') return undefined;
  if (d.status === 200) return d.outcome === 'unknown' ? 'u' : '2';
  if (d.status === 404) return '4';
  if (d.status === 401) return '1';
  if (d.status === 403) return '3';
  return `status ${d.status}`;
}

const namesOf = (model: Model, thing: string, kind: RuntimeKind): string[] => {
  const c = characteristicsOf(model, { collection: 'Things', name: thing });
  if (kind === 'PropertyRead' || kind === 'PropertyWrite') return c.properties;
  if (kind === 'ServiceInvoke') return c.services;
  return c.events;
};

describe('views agree with the pipeline (decision gate, §9.3-9.6)', () => {
  it('matrix cells and their overrides answer every named call as the pipeline does', () => {
    let compared = 0;
    let overridden = 0;
    fc.assert(
      fc.property(deploymentArb, model => {
        const users = [...Object.keys(model.users).sort(), 'ghost'];
        const things = Object.keys(model.things).sort();
        const win = matrixWindow(model, users, things, KINDS);
        const deny = model.semantics.denialStatus === 401 ? '1' : '3';
        const flagged = new Set(win.overrides);
        let i = 0;
        for (const user of users)
          for (const thing of things) {
            const allowedCode = model.things[thing]?.enabled === false ? 'u' : '2';
            const rows = effectiveTable(model, user, { collection: 'Things', name: thing });
            for (const kind of KINDS) {
              const cell = win.cells[i] as string;
              const overrides = cellOverrides(model, user, thing, kind);
              expect({ user, thing, kind, flagged: flagged.has(i) }).toEqual({
                user,
                thing,
                kind,
                flagged: overrides.length > 0,
              });
              // The `*` row of the effective table is the cell (a ghost user has no table).
              const star = rows.find(r => r.characteristic === '*' && r.kind === kind);
              if (star && cell !== 'u')
                expect({ user, thing, kind, status: codeStatus(cell) }).toEqual({
                  user,
                  thing,
                  kind,
                  status: star.status,
                });
              for (const name of namesOf(model, thing, kind)) {
                const got = codeOf(evaluate(model, callOf(thing, kind, name, user)));
                if (got === undefined) continue;
                const over = overrides.includes(name);
                if (over) overridden++;
                const want = over ? (cell === deny ? allowedCode : deny) : cell;
                compared++;
                expect({ user, thing, kind, name, code: got }).toEqual({
                  user,
                  thing,
                  kind,
                  name,
                  code: want,
                });
              }
              i++;
            }
          }
        expect(i).toBe(win.cells.length);
      }),
      { numRuns: 60 },
    );
    // The property is not vacuous: named calls were compared, and some of them were overrides.
    expect(compared).toBeGreaterThan(1000);
    expect(overridden).toBeGreaterThan(10);
  });

  it('the effective permission table and who-can have the pipeline status of every row', () => {
    let compared = 0;
    fc.assert(
      fc.property(deploymentArb, model => {
        const users = Object.keys(model.users).sort();
        for (const thing of Object.keys(model.things).sort()) {
          const target = { collection: 'Things', name: thing };
          for (const user of users) {
            for (const row of effectiveTable(model, user, target)) {
              let request: RestRequest | undefined;
              const credentials = { type: 'basic' as const, user };
              const base = `/Thingworx/Things/${thing}`;
              if (row.characteristic !== '*' && row.kind !== 'EventSubscribe')
                request = callOf(thing, row.kind as RuntimeKind, row.characteristic, user);
              else if (row.kind === 'Read') request = { method: 'GET', path: base, credentials };
              else if (row.kind === 'Update')
                request = { method: 'PUT', path: base, credentials, body: {} };
              else if (row.kind === 'Delete')
                request = { method: 'DELETE', path: base, credentials };
              if (!request) continue;
              const d = evaluate(model, request);
              if (d.deciding.step === 'service') continue;
              compared++;
              expect({
                user,
                thing,
                row: `${row.characteristic} ${row.kind}`,
                status: d.status,
              }).toEqual({
                user,
                thing,
                row: `${row.characteristic} ${row.kind}`,
                status: row.status,
              });
            }
          }
          const call = { method: 'GET', path: `/Thingworx/Things/${thing}/Properties/p0` };
          for (const r of whoCan(model, call))
            expect({ user: r.user, status: r.status }).toEqual({
              user: r.user,
              status: evaluate(model, { ...call, credentials: { type: 'basic', user: r.user } })
                .status,
            });
        }
      }),
      { numRuns: 40 },
    );
    expect(compared).toBeGreaterThan(1000);
  });
});
