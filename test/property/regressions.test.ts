/**
 * Every disagreement the agreement property test ever found between the indexed and the reference
 * evaluator, fixed as a case: both must give the expected verdict.
 */
import { describe, expect, it } from 'vitest';
import { createIndexedDecider } from '../../shared/engine/indexed';
import { createReferenceDecider } from '../../shared/engine/reference';
import { emptyPermissionSet } from '../../shared/model/types';
import { baselineB, rt } from './model-builder';

const DECIDERS = [
  ['indexed', createIndexedDecider],
  ['reference', createReferenceDecider],
] as const;

describe.each(DECIDERS)('regressions (%s evaluator)', (_name, create) => {
  it("consults the template chain's shapes before the Thing's own shapes (§9.6 order as briefed, §11.3 silent)", () => {
    // Found by the agreement test: the two evaluators ordered shape instance levels differently.
    const m = baselineB();
    const shape = (name: string, allow: boolean) => ({
      name,
      properties: [],
      services: [],
      events: [],
      permissions: emptyPermissionSet(),
      instance: { runtime: [rt('PropertyRead', '*', 'user', 'bob', allow)] },
    });
    m.shapes.FromTemplate = shape('FromTemplate', true);
    m.shapes.FromThing = shape('FromThing', false);
    m.templates.SensorTemplate!.shapes = ['FromTemplate'];
    m.things.SensorDataStream!.shapes = ['FromThing'];
    const v = create(m).runtime(
      'bob',
      { collection: 'Things', name: 'SensorDataStream' },
      { kind: 'PropertyRead', resource: 'temperature' },
    );
    expect(v).toMatchObject({ allowed: true, at: { level: 'shape', shape: 'FromTemplate' } });
    expect(v.lost.map(e => e.at)).toEqual([{ level: 'shape', shape: 'FromThing' }]);
  });
});
