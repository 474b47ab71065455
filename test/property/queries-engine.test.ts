/**
 * Who can make any of several calls (shared/engine/queries.ts `whoCanAny`) reads which property call
 * succeeds from the access matrix engine; the answer must be the one the pipeline gives call by call
 * (`whoCan` per call, keeping per user the first allowed row, else the last): domain reference
 * §9.1-9.6 (401 for a user who cannot log in, the Administrators and owner bypasses of §9.3, 404 for
 * an invisible Thing §9.5, the check §9.6 with member-level overrides §2.7 and §2.9, UNKNOWN on a
 * disabled Thing §9.4), on random deployments with application keys, owners, administrators and
 * visibility grants under random semantic options, and on a generated benchmark deployment.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characteristicsOf, whoCan, whoCanAny } from '../../shared/engine/queries';
import type { CallWithoutCredentials, WhoCanAnyRow } from '../../shared/engine/queries';
import type { Model } from '../../shared/model/types';
import { generateModel } from '../../bench/generator';
import { createRng } from '../../bench/rng';
import { modelArb } from './arbitraries';

/** The cell-by-cell route: `whoCan` per call, per user the first allowed row, else the last. */
function cellByCell(model: Model, calls: readonly CallWithoutCredentials[]): WhoCanAnyRow[] {
  const out = new Map<string, WhoCanAnyRow>();
  calls.forEach((call, i) => {
    for (const r of whoCan(model, call)) {
      if (out.get(r.user)?.outcome === 'allowed') continue;
      out.set(r.user, { ...r, call: i });
    }
  });
  return [...out.values()];
}

/** Deployments where a Thing is sometimes disabled (a permitted call is UNKNOWN, §9.4). */
const deploymentArb: fc.Arbitrary<Model> = fc
  .tuple(modelArb, fc.constantFrom(undefined, 'X0', 'X2'))
  .map(([m, disabled]) => {
    const t = disabled === undefined ? undefined : m.things[disabled];
    if (!disabled || !t) return m;
    return { ...m, things: { ...m.things, [disabled]: { ...t, enabled: false } } };
  });

// Property calls the engine answers, and calls it must leave to the pipeline: a property the
// Thing lacks, a service, a Thing that does not exist, a non-canonical spelling, a request time.
const callArb: fc.Arbitrary<CallWithoutCredentials> = fc.oneof(
  fc
    .record({
      method: fc.constantFrom('GET', 'PUT'),
      thing: fc.constantFrom('X0', 'X1', 'X2', 'X3', 'nothing'),
      property: fc.constantFrom('p0', 'p1', 'p2', 'missing'),
    })
    .map(({ method, thing, property }) => ({
      method,
      path: `/Thingworx/Things/${thing}/Properties/${property}`,
      ...(method === 'PUT' ? { body: { [property]: 1 } } : {}),
    })),
  fc.constantFrom<CallWithoutCredentials>(
    { method: 'POST', path: '/Thingworx/Things/X1/Services/s0', body: {} },
    { method: 'GET', path: '/Thingworx/Things/%58%31/Properties/p0' },
    { method: 'GET', path: '/Thingworx/Things/X1/Properties/p0', at: '2026-01-01T00:00:00Z' },
    { method: 'DELETE', path: '/Thingworx/Things/X1/Properties/p0' },
  ),
);

describe('who can make any of several calls: the matrix engine route equals the cell route', () => {
  it('on random deployments, every user gets the same row (call, status, outcome, deciding)', () => {
    let allowed = 0;
    let rows = 0;
    fc.assert(
      fc.property(deploymentArb, fc.array(callArb, { minLength: 1, maxLength: 6 }), (m, calls) => {
        const engine = whoCanAny(m, calls);
        expect(engine).toEqual(cellByCell(m, calls));
        rows += engine.length;
        allowed += engine.filter(r => r.outcome === 'allowed').length;
      }),
      { numRuns: 300 },
    );
    // The deployments must exercise both answers, or the equality says little.
    expect(allowed).toBeGreaterThan(rows / 20);
    expect(allowed).toBeLessThan(rows);
  });

  it('on a generated deployment (size S), reading or writing any property of a few Things', () => {
    const model = generateModel('S', 7);
    const rng = createRng(7);
    const things = Object.keys(model.things);
    const calls: CallWithoutCredentials[] = [];
    for (let i = 0; i < 6; i++) {
      const thing = rng.pick(things);
      for (const p of characteristicsOf(model, { collection: 'Things', name: thing }).properties)
        calls.push({
          method: i % 2 === 0 ? 'GET' : 'PUT',
          path: `/Thingworx/Things/${encodeURIComponent(thing)}/Properties/${encodeURIComponent(p)}`,
          ...(i % 2 === 0 ? {} : { body: {} }),
        });
    }
    const engine = whoCanAny(model, calls);
    expect(engine).toEqual(cellByCell(model, calls));
    expect(engine.some(r => r.outcome === 'allowed')).toBe(true);
    expect(engine.some(r => r.outcome !== 'allowed')).toBe(true);
  });
});
