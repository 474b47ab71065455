/**
 * Differential test (architecture.md §3, "Two evaluators"): on random small deployments the
 * indexed evaluator must give exactly the reference evaluator's verdicts, field for field,
 * including the order of `decided` and `lost` (shared/engine/decider.ts) and the options that
 * decided. Every disagreement ever found becomes a case in regressions.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIndexedDecider } from '../../shared/engine/indexed';
import { createReferenceDecider } from '../../shared/engine/reference';
import type { Decider, EntityTarget } from '../../shared/engine/decider';
import type { DesignCheck, RuntimeCheck } from '../../shared/model/decision';
import { evaluate } from '../../shared/engine/evaluate';
import { defaultServices } from '../../shared/engine/index';
import {
  designCheckArb,
  groupArb,
  modelArb,
  requestArb,
  runtimeCheckArb,
  targetArb,
  userArb,
} from './arbitraries';

type Question =
  | { q: 'principals'; user: string }
  | { q: 'visibility'; user: string; target: EntityTarget }
  | { q: 'runtime'; user: string; target: EntityTarget; check: RuntimeCheck }
  | { q: 'designtime'; user: string; target: EntityTarget; check: DesignCheck }
  | { q: 'group-closure'; group: string }
  | { q: 'group-runtime'; group: string; target: EntityTarget; check: RuntimeCheck }
  | { q: 'group-designtime'; group: string; target: EntityTarget; check: DesignCheck };

const questionArb: fc.Arbitrary<Question> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ q: fc.constant('principals' as const), user: userArb }) },
  {
    weight: 3,
    arbitrary: fc.record({
      q: fc.constant('visibility' as const),
      user: userArb,
      target: targetArb,
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      q: fc.constant('runtime' as const),
      user: userArb,
      target: targetArb,
      check: runtimeCheckArb,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      q: fc.constant('designtime' as const),
      user: userArb,
      target: targetArb,
      check: designCheckArb,
    }),
  },
  // The group checks of the diagnostic services (CheckPermissionForGroup, §8.1).
  {
    weight: 1,
    arbitrary: fc.record({ q: fc.constant('group-closure' as const), group: groupArb }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      q: fc.constant('group-runtime' as const),
      group: groupArb,
      target: targetArb,
      check: runtimeCheckArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      q: fc.constant('group-designtime' as const),
      group: groupArb,
      target: targetArb,
      check: designCheckArb,
    }),
  },
);

// Sized to stay well under a minute on 2 cores (about 5 s locally): 60,000 verdict pairs and
// 24,000 full Decision pairs per run.
const QUESTIONS_PER_MODEL = 30;
const MODELS = 2000;
const REQUESTS_PER_MODEL = 20;
const REQUEST_MODELS = 1200;

describe('indexed evaluator agrees with the reference evaluator', () => {
  it(`gives the same verdicts on ${MODELS * QUESTIONS_PER_MODEL} random (model, question) pairs`, () => {
    fc.assert(
      fc.property(
        modelArb,
        fc.array(questionArb, { minLength: QUESTIONS_PER_MODEL, maxLength: QUESTIONS_PER_MODEL }),
        (model, questions) => {
          const indexed = createIndexedDecider(model);
          const reference = createReferenceDecider(model);
          for (const question of questions) {
            const ask = (d: Decider) => {
              switch (question.q) {
                case 'principals':
                  return d.principals(question.user);
                case 'visibility':
                  return d.visibility(question.user, question.target);
                case 'runtime':
                  return d.runtime(question.user, question.target, question.check);
                case 'designtime':
                  return d.designtime(question.user, question.target, question.check);
                case 'group-closure':
                  return d.groupClosure(question.group);
                case 'group-runtime':
                  return d.runtimeForGroup(question.group, question.target, question.check);
                case 'group-designtime':
                  return d.designtimeForGroup(question.group, question.target, question.check);
              }
            };
            expect({ question, answer: ask(indexed) }).toEqual({
              question,
              answer: ask(reference),
            });
          }
        },
      ),
      { numRuns: MODELS },
    );
  });

  it(`gives the same Decision (status, body, deciding key, explanation) on ${REQUEST_MODELS * REQUESTS_PER_MODEL} random REST calls`, () => {
    fc.assert(
      fc.property(
        modelArb,
        fc.array(requestArb, { minLength: REQUESTS_PER_MODEL, maxLength: REQUESTS_PER_MODEL }),
        (model, requests) => {
          const indexed = createIndexedDecider(model);
          const reference = createReferenceDecider(model);
          for (const request of requests) {
            const a = evaluate(model, request, indexed, { services: defaultServices });
            const b = evaluate(model, request, reference, { services: defaultServices });
            // Status, body and deciding key first: the comparable essence (decision.ts DecidingKey).
            expect({ request, status: a.status, body: a.body, deciding: a.deciding }).toEqual({
              request,
              status: b.status,
              body: b.body,
              deciding: b.deciding,
            });
            expect(a).toEqual(b);
          }
        },
      ),
      { numRuns: REQUEST_MODELS },
    );
  });
});
