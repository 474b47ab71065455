import { describe, expect, it } from 'vitest';
import { compareDeciders, formatDisagreement } from '../../../bench/agreement';
import { sampleRuntimeCells, restRequestFor } from '../../../bench/cells';
import { deepEqual, firstDifference } from '../../../bench/deep-equal';
import { generateModel } from '../../../bench/generator';
import { measureLatency, percentile } from '../../../bench/measure';
import { evaluateTargets, formatNs } from '../../../bench/report';
import { createRng } from '../../../bench/rng';
import type { Decider } from '../../../shared/engine/decider';
import { createIndexedDecider } from '../../../shared/engine/indexed';
import { createReferenceDecider } from '../../../shared/engine/reference';

describe('bench harness', () => {
  it('compares verdicts ignoring key order but not entry order', () => {
    expect(deepEqual({ a: 1, b: [1, 2], c: undefined }, { b: [1, 2], a: 1 })).toBe(true);
    expect(deepEqual({ lost: [1, 2] }, { lost: [2, 1] })).toBe(false);
    expect(firstDifference({ decided: [{ allow: true }] }, { decided: [{ allow: false }] })).toBe(
      'decided[0].allow',
    );
  });

  it('the correctness gate reports the first cell where two deciders disagree', () => {
    const model = generateModel('S', 5);
    const cells = sampleRuntimeCells(model, createRng(9), 300);
    const reference = createReferenceDecider(model);
    expect(compareDeciders(createIndexedDecider(model), reference, cells)).toBeUndefined();
    // A decider that flips one answer must be caught, with that cell in the report.
    const bad = cells[120]!;
    const flipped: Decider = {
      ...reference,
      runtime: (u, t, c) => {
        const v = reference.runtime(u, t, c);
        return u === bad.user &&
          t.name === bad.thing &&
          c.kind === bad.check.kind &&
          c.resource === bad.check.resource
          ? { ...v, allowed: !v.allowed }
          : v;
      },
    };
    const d = compareDeciders(flipped, reference, cells);
    expect(d?.where).toBe('allowed');
    expect(formatDisagreement(d!)).toContain(bad.thing);
  });

  it('samples existing characteristics and maps each kind to the REST call that needs it (§5.10)', () => {
    const model = generateModel('S', 5);
    for (const c of sampleRuntimeCells(model, createRng(2), 200)) {
      const request = restRequestFor(c);
      if (c.check.kind === 'EventSubscribe') expect(request).toBeUndefined();
      else expect(request?.path).toContain(`/Thingworx/Things/${c.thing}/`);
      if (c.check.kind === 'PropertyRead') expect(request?.method).toBe('GET');
      if (c.check.kind === 'PropertyWrite') expect(request?.method).toBe('PUT');
      if (c.check.kind === 'ServiceInvoke') expect(request?.method).toBe('POST');
    }
  });

  it('measures the requested number of samples after the warm-up', () => {
    let calls = 0;
    const stats = measureLatency([1, 2, 3], 500, 100, () => ++calls);
    expect(calls).toBe(600);
    expect(stats.samples).toBe(500);
    expect(stats.p50Ns).toBeLessThanOrEqual(stats.p99Ns);
    expect(percentile(Float64Array.from([1, 2, 3, 4, 5]), 0.5)).toBe(3);
  });

  it('judges the size-M targets of performance.md §8 and formats durations', () => {
    const ratios = {
      singleCheckReferenceOverIndexed: 12,
      runtimeReferenceOverIndexed: 15,
      casbinOverIndexedSubset: 900,
      casbinOverIndexedSingleCheck: 800,
      restReferenceOverIndexed: 5,
    };
    const targets = evaluateTargets('M', 1_500, ratios);
    expect(targets.map(t => t.met)).toEqual([true, true, false]);
    expect(evaluateTargets('S', 1_500, ratios)).toEqual([]);
    expect(formatNs(850)).toBe('850 ns');
    expect(formatNs(8_320)).toBe('8.32 µs');
    expect(formatNs(47_000_000)).toBe('47.0 ms');
  });
});
