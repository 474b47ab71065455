/**
 * Names are data: element names that are JavaScript object keys (`constructor`, `__proto__`,
 * `toString`, ...) are ordinary names. The random deployments of arbitraries.ts are renamed so
 * that users, groups, units, templates, shapes, Things, characteristics and app keys carry such
 * names; the model must survive the file round trip (loader and compiler), and both evaluators must
 * agree on every REST call and never throw. A name that is not declared stays "not found" (404).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIndexedDecider } from '../../shared/engine/indexed';
import { createReferenceDecider } from '../../shared/engine/reference';
import { evaluate } from '../../shared/engine/evaluate';
import { defaultServices } from '../../shared/engine/index';
import { loadModel } from '../../shared/apps/load';
import { modelToText } from '../../shared/model/decompile';
import type { Model } from '../../shared/model/types';
import type { RestRequest } from '../../shared/model/decision';
import { modelArb, requestArb } from './arbitraries';
import { OBJECT_KEY_NAMES } from './object-key-names';

/** The pool names of arbitraries.ts that are renamed (each kind of element gets some). */
const POOL = ['u0', 'g0', 'X0', 'T0', 'S0', 'p0', 's0', 'n0', 'k0', 'g1'];

/** Renames whole pool names (also inside paths and `Collection/Name` keys) by a text substitution. */
function renamer(targets: readonly string[]) {
  const map = new Map(targets.map((t, i) => [POOL[i]!, t]));
  const pattern = new RegExp(`\\b(${[...map.keys()].join('|')})\\b`, 'g');
  return <T>(value: T): T =>
    JSON.parse(JSON.stringify(value).replace(pattern, m => map.get(m) ?? m)) as T;
}

const caseArb = fc.record({
  model: modelArb,
  requests: fc.array(requestArb, { minLength: 10, maxLength: 10 }),
  names: fc.shuffledSubarray([...OBJECT_KEY_NAMES], { minLength: 3, maxLength: POOL.length }),
});

function decide(model: Model, requests: RestRequest[]) {
  const indexed = createIndexedDecider(model);
  const reference = createReferenceDecider(model);
  for (const request of requests) {
    const a = evaluate(model, request, indexed, { services: defaultServices });
    const b = evaluate(model, request, reference, { services: defaultServices });
    expect({ request, status: a.status, body: a.body, deciding: a.deciding }).toEqual({
      request,
      status: b.status,
      body: b.body,
      deciding: b.deciding,
    });
    expect(a).toEqual(b);
  }
}

describe('element names that are object keys', () => {
  it('load, compile and both evaluators treat them as ordinary names (agree, never throw)', () => {
    fc.assert(
      fc.property(caseArb, ({ model, requests, names }) => {
        const rename = renamer(names);
        const renamed = rename(model);
        decide(renamed, rename(requests));
        // The loader and the compiler: renaming changes neither whether the model written as a
        // file loads (random models name some undeclared principals on purpose) nor its problems.
        const before = loadModel(modelToText(model, 'yaml'), 'pool.yaml');
        const again = loadModel(modelToText(renamed, 'yaml'), 'names.yaml');
        const problems = (r: typeof again) => (r.ok ? [] : r.errors.map(e => e.path));
        expect(problems(again).sort()).toEqual(rename(problems(before)).sort());
        if (again.ok) {
          expect(Object.keys(again.model.things)).toEqual(
            expect.arrayContaining(Object.keys(renamed.things)),
          );
          expect(Object.keys(again.model.users)).toEqual(
            expect.arrayContaining(Object.keys(renamed.users)),
          );
          expect(Object.keys(again.model.groups)).toEqual(
            expect.arrayContaining(Object.keys(renamed.groups)),
          );
          decide(again.model, rename(requests));
        }
      }),
      { numRuns: 80 },
    );
  });

  it('an undeclared object-key name is not found', () => {
    fc.assert(
      fc.property(modelArb, fc.constantFrom(...OBJECT_KEY_NAMES), (model, name) => {
        const d = createIndexedDecider(model);
        const r = evaluate(
          model,
          {
            method: 'GET',
            path: `/Thingworx/Things/${name}`,
            credentials: { type: 'basic', user: 'Administrator' },
            clientIp: '127.0.0.1',
            at: '2026-03-01T12:00:00Z',
          },
          d,
          { services: defaultServices },
        );
        expect(r.status).toBe(404);
        const asUser = evaluate(
          model,
          {
            method: 'GET',
            path: '/Thingworx/Things',
            credentials: { type: 'basic', user: name },
            clientIp: '127.0.0.1',
            at: '2026-03-01T12:00:00Z',
          },
          d,
          { services: defaultServices },
        );
        expect(asUser.status).toBe(401);
        expect(asUser.explanation[0]?.text).toContain('does not exist');
      }),
      { numRuns: 100 },
    );
  });
});
