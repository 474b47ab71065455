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
import type { EntityTarget } from '../../shared/engine/decider';
import type { DesignCheck, RuntimeCheck } from '../../shared/engine/decision';
import { designCheckArb, modelArb, runtimeCheckArb, targetArb, userArb } from './arbitraries';

type Question =
  | { q: 'principals'; user: string }
  | { q: 'visibility'; user: string; target: EntityTarget }
  | { q: 'runtime'; user: string; target: EntityTarget; check: RuntimeCheck }
  | { q: 'designtime'; user: string; target: EntityTarget; check: DesignCheck };

const questionArb: fc.Arbitrary<Question> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ q: fc.constant('principals' as const), user: userArb }) },
  { weight: 3, arbitrary: fc.record({ q: fc.constant('visibility' as const), user: userArb, target: targetArb }) },
  { weight: 8, arbitrary: fc.record({ q: fc.constant('runtime' as const), user: userArb, target: targetArb, check: runtimeCheckArb }) },
  { weight: 3, arbitrary: fc.record({ q: fc.constant('designtime' as const), user: userArb, target: targetArb, check: designCheckArb }) },
);

const QUESTIONS_PER_MODEL = 25;
const MODELS = 1200;

describe('indexed evaluator agrees with the reference evaluator', () => {
  it(`gives the same verdicts on ${MODELS * QUESTIONS_PER_MODEL} random (model, question) pairs`, () => {
    fc.assert(
      fc.property(modelArb, fc.array(questionArb, { minLength: QUESTIONS_PER_MODEL, maxLength: QUESTIONS_PER_MODEL }), (model, questions) => {
        const indexed = createIndexedDecider(model);
        const reference = createReferenceDecider(model);
        for (const question of questions) {
          const ask = (d: typeof indexed) => {
            switch (question.q) {
              case 'principals':
                return d.principals(question.user);
              case 'visibility':
                return d.visibility(question.user, question.target);
              case 'runtime':
                return d.runtime(question.user, question.target, question.check);
              case 'designtime':
                return d.designtime(question.user, question.target, question.check);
            }
          };
          expect({ question, answer: ask(indexed) }).toEqual({ question, answer: ask(reference) });
        }
      }),
      { numRuns: MODELS },
    );
  });
});
