/**
 * The indexed evaluator's allocation-free fast path (shared/engine/indexed/fast-path.ts) must give
 * the same yes/no answers as the explaining verdicts and as the reference evaluator, on random
 * small deployments under every combination of the semantic options that change a verdict
 * (precedence §9.6/§1.8, baseTemplateInstance and shapeInstance §11.3, visibilityDirection §4.4,
 * adminBypass §3.3, ownerBypass §1.10), and `check` must match what the REST pipeline answers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decider, EntityTarget } from '../../shared/engine/decider';
import type { RuntimeCheck } from '../../shared/model/decision';
import { evaluate } from '../../shared/engine/evaluate';
import { defaultServices } from '../../shared/engine/index';
import { createIndexedDecider } from '../../shared/engine/indexed';
import type { Access } from '../../shared/engine/indexed';
import { createReferenceDecider } from '../../shared/engine/reference';
import { lookupEntity } from '../../shared/rest/lookup';
import type { Model, Semantics } from '../../shared/model/types';
import { modelArb, runtimeCheckArb, targetArb, userArb } from './arbitraries';

type Cell = { user: string; target: EntityTarget; check: RuntimeCheck };

const cellArb: fc.Arbitrary<Cell> = fc.record({
  user: fc.oneof({ weight: 6, arbitrary: userArb }, { weight: 1, arbitrary: fc.constant('ghost') }),
  target: targetArb,
  check: runtimeCheckArb,
});

/**
 * Random deployments where some Things have no entries, grants or extra shapes of their own (the
 * common case the fast path shares per template, fast-path.ts) next to Things of the same template
 * that do: X0 is cleared, X1 sometimes.
 */
const deploymentArb: fc.Arbitrary<Model> = fc.tuple(modelArb, fc.boolean()).map(([m, clearX1]) => {
  const things = { ...m.things };
  for (const name of clearX1 ? ['X0', 'X1'] : ['X0']) {
    const t = things[name];
    if (t)
      things[name] = {
        ...t,
        shapes: [],
        permissions: { ...t.permissions, runtime: [], visibility: [] },
      };
  }
  return { ...m, things };
});

type VerdictOptions = Pick<
  Semantics,
  | 'precedence'
  | 'baseTemplateInstance'
  | 'shapeInstance'
  | 'visibilityDirection'
  | 'adminBypass'
  | 'ownerBypass'
>;

/** All 96 combinations of the options that can change a fast-path answer. */
const ALL_OPTIONS: VerdictOptions[] = (['level', 'global-deny'] as const).flatMap(precedence =>
  [true, false].flatMap(baseTemplateInstance =>
    (['after-templates', 'ignore'] as const).flatMap(shapeInstance =>
      (['upward', 'downward', 'exact'] as const).flatMap(visibilityDirection =>
        [true, false].flatMap(adminBypass =>
          [true, false].map(ownerBypass => ({
            precedence,
            baseTemplateInstance,
            shapeInstance,
            visibilityDirection,
            adminBypass,
            ownerBypass,
          })),
        ),
      ),
    ),
  ),
);

/** The single check as the pipeline orders it (evaluate.ts: bypass, §9.5 visibility, §9.6 run time), from the reference evaluator. */
function expectedAccess(model: Model, reference: Decider, cell: Cell): Access {
  const sem = model.semantics;
  const p = reference.principals(cell.user);
  if (p.isAdmin && sem.adminBypass) return 'allowed';
  const owner = lookupEntity(model, cell.target.collection, cell.target.name)?.owner;
  if (owner !== undefined && owner === cell.user && sem.ownerBypass) return 'allowed';
  if (!reference.visibility(cell.user, cell.target).visible) return 'invisible';
  return reference.runtime(cell.user, cell.target, cell.check).allowed ? 'allowed' : 'denied';
}

const MODELS = 60;
const CELLS_PER_MODEL = 10;

describe('indexed fast path (allows / visible / check)', () => {
  it(`equals the explaining verdicts and the reference evaluator under all ${ALL_OPTIONS.length} option combinations (${MODELS} models x ${CELLS_PER_MODEL} cells each)`, () => {
    fc.assert(
      fc.property(
        deploymentArb,
        fc.array(cellArb, { minLength: CELLS_PER_MODEL, maxLength: CELLS_PER_MODEL }),
        (base, cells) => {
          for (const options of ALL_OPTIONS) {
            const model: Model = { ...base, semantics: { ...base.semantics, ...options } };
            const indexed = createIndexedDecider(model);
            const reference = createReferenceDecider(model);
            // Each cell twice: the second answer comes from warm caches and must not differ.
            for (const cell of [...cells, ...cells]) {
              const { user, target, check } = cell;
              const full = indexed.runtime(user, target, check).allowed;
              const fast = {
                allows: indexed.allows(user, target, check),
                visible: indexed.visible(user, target),
                check: indexed.check(user, target, check),
              };
              const oracle = {
                allows: reference.runtime(user, target, check).allowed,
                visible: reference.visibility(user, target).visible,
                check: expectedAccess(model, reference, cell),
              };
              expect({ options, cell, ...fast }).toEqual({ options, cell, ...oracle });
              expect({
                options,
                cell,
                allows: full,
                visible: indexed.visibility(user, target).visible,
              }).toEqual({ options, cell, allows: fast.allows, visible: fast.visible });
            }
          }
        },
      ),
      { numRuns: MODELS },
    );
  });

  it('answers what the REST pipeline answers for run-time calls on Things (allowed = 200, invisible = 404, denied = the denial)', () => {
    const requestCellArb = fc.record({
      user: fc.constantFrom('u0', 'u1', 'u2', 'u3', 'u4', 'Administrator'),
      thing: fc.constantFrom('X0', 'X1', 'X2', 'X3'),
      call: fc.constantFrom(
        { method: 'GET', part: 'Properties/p0', check: { kind: 'PropertyRead', resource: 'p0' } },
        { method: 'GET', part: 'Properties/p1', check: { kind: 'PropertyRead', resource: 'p1' } },
        { method: 'PUT', part: 'Properties/p0', check: { kind: 'PropertyWrite', resource: 'p0' } },
        { method: 'POST', part: 'Services/s0', check: { kind: 'ServiceInvoke', resource: 's0' } },
      ),
    });
    let compared = 0;
    fc.assert(
      fc.property(
        deploymentArb,
        fc.array(requestCellArb, { minLength: 20, maxLength: 20 }),
        (model, calls) => {
          const indexed = createIndexedDecider(model);
          for (const { user, thing, call } of calls) {
            const decision = evaluate(
              model,
              {
                method: call.method,
                path: `/Thingworx/Things/${thing}/${call.part}`,
                credentials: { type: 'basic', user },
                ...(call.method === 'GET' ? {} : { body: {} }),
              },
              indexed,
              { services: defaultServices },
            );
            // Only calls that reached the permission steps: authentication and lookup are the caller's part.
            const step = decision.deciding.step;
            if (step !== 'bypass' && step !== 'visibility' && step !== 'runtime') continue;
            compared++;
            const pipeline: Access =
              step === 'visibility'
                ? 'invisible'
                : decision.outcome === 'denied'
                  ? 'denied'
                  : 'allowed';
            const access = indexed.check(
              user,
              { collection: 'Things', name: thing },
              call.check as RuntimeCheck,
            );
            expect({ user, thing, call: call.part, access }).toEqual({
              user,
              thing,
              call: call.part,
              access: pipeline,
            });
          }
        },
      ),
      { numRuns: 400 },
    );
    // The comparison must not be vacuous: most calls reach the permission steps.
    expect(compared).toBeGreaterThan(2000);
  });
});
