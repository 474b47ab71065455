/**
 * Fuzzers for every input path a user or a script feeds PermSim: model files (YAML and JSON), REST
 * calls, scenario files, saved requests and the contract's argument validation. Generated inputs
 * use names that are JavaScript object keys (`constructor`, `__proto__`, ...) and deep nesting.
 * Each must be answered with data (a result or a clear message), never a throw, an engine error
 * text, `undefined` or `[object Object]`.
 *
 * CI runs 10,700 inputs; `npm run fuzz` sets PERMSIM_FUZZ_SCALE=100 (about 1,000,000). fast-check
 * prints the shrunk failing input and its seed.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../shared/apps/load';
import { parseCall, parseCallLine } from '../../shared/rest/parse';
import { parseScenarioText } from '../../shared/whatif/scenario-file';
import { checkExpectation, savedToRequest } from '../../shared/model/saved-request';
import type { SavedRequest } from '../../shared/model/types';
import type { Decision } from '../../shared/model/decision';
import { validateArgs } from '../../main/api/validators';
import { API_NAMES } from '../../shared/contract';
import { OBJECT_KEY_NAMES } from '../property/object-key-names';

const SCALE = Math.max(1, Number(process.env.PERMSIM_FUZZ_SCALE ?? 1));
const runs = (n: number) => ({ numRuns: n * SCALE });

/** Words that only an engine error or a careless message would show. */
const ENGINE_WORDS =
  /\[object Object\]|\bundefined\b|Maximum call stack|Stack overflow|is not iterable|Cannot read propert|is not a function|internal error/;
const clear = (message: string) => {
  expect(typeof message).toBe('string');
  expect(message).not.toMatch(ENGINE_WORDS);
};

const FORMAT_KEYS = [
  'permsim',
  'name',
  'now',
  'semantics',
  'factory',
  'users',
  'groups',
  'memberOf',
  'organizations',
  'root',
  'units',
  'members',
  'children',
  'shapes',
  'templates',
  'things',
  'template',
  'base',
  'permissions',
  'instance',
  'runtime',
  'designtime',
  'visibility',
  'principal',
  'kind',
  'resource',
  'allow',
  'deny',
  'appKeys',
  'user',
  'expires',
  'apps',
  'contexts',
  'equipment',
  'requests',
  'call',
  'as',
  'expect',
  'status',
];
const keyArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...OBJECT_KEY_NAMES) },
  { weight: 4, arbitrary: fc.constantFrom(...FORMAT_KEYS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
);
const scalarArb = fc.oneof(
  fc.constantFrom(
    ...OBJECT_KEY_NAMES,
    'user:alice',
    'group:Users',
    'PropertyRead',
    '*',
    1,
    0,
    true,
  ),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const { tree } = fc.letrec(tie => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArb,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.dictionary(keyArb, tie('tree'), { maxKeys: 5 }),
  ),
}));
/** A model-shaped document: `permsim: 1` and a few known sections with random contents. */
const modelDocArb = fc
  .record({
    sections: fc.dictionary(fc.constantFrom(...FORMAT_KEYS, ...OBJECT_KEY_NAMES), tree, {
      maxKeys: 5,
    }),
  })
  .map(({ sections }) => ({ permsim: 1, ...sections }));
/** Text nested `depth` levels deep, in flow or block style. */
const deepTextArb = fc
  .record({ depth: fc.integer({ min: 1, max: 400 }), flow: fc.boolean(), key: keyArb })
  .map(({ depth, flow, key }) =>
    flow
      ? `permsim: 1\nusers: ${'['.repeat(depth * 8)}${']'.repeat(depth * 8)}\n`
      : `permsim: 1\nusers:\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(2 + 2 * i)}${JSON.stringify(`${key}${i}`)}:`).join('\n')} x\n`,
  );

function checkLoad(text: string, file: string) {
  const r = loadModel(text, file);
  if (!r.ok) {
    expect(r.errors.length).toBeGreaterThan(0);
    for (const e of r.errors) {
      clear(e.message);
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.column).toBeGreaterThanOrEqual(1);
    }
  }
}

describe('fuzz: model loader', () => {
  it('YAML documents', () => {
    fc.assert(
      fc.property(modelDocArb, doc => checkLoad(stringify(doc), 'fuzz.yaml')),
      runs(1500),
    );
  });
  it('JSON documents', () => {
    fc.assert(
      fc.property(modelDocArb, doc => checkLoad(JSON.stringify(doc), 'fuzz.json')),
      runs(1500),
    );
  });
  it('deep nesting and arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          deepTextArb,
          fc.string({ maxLength: 60 }).map(s => `permsim: 1\n${s}`),
        ),
        text => checkLoad(text, 'fuzz.yaml'),
      ),
      runs(300),
    );
  });
});

const segmentArb = fc.oneof(
  fc.constantFrom(
    ...OBJECT_KEY_NAMES,
    'Thingworx',
    'Things',
    'ThingTemplates',
    'Properties',
    'Services',
    'Events',
    'Users',
    '%2F',
    '%',
    '%zz',
    '..',
    '',
  ),
  fc.string({ maxLength: 6 }),
);
const pathArb = fc
  .record({
    segments: fc.array(segmentArb, { maxLength: 7 }),
    query: fc.option(fc.array(fc.tuple(keyArb, fc.string({ maxLength: 5 })), { maxLength: 3 })),
    prefix: fc.boolean(),
  })
  .map(
    ({ segments, query, prefix }) =>
      `${prefix ? '/Thingworx/' : '/'}${segments.join('/')}${query ? `?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : ''}`,
  );

describe('fuzz: REST call parser', () => {
  it('parses or refuses every method and path', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'get', 'FETCH', '', 'constructor'),
        pathArb,
        (method, path) => {
          const r = parseCall(method, path);
          if (!r.ok) clear(r.message);
          const line = parseCallLine(`${method} ${path}`);
          if (!line.ok) clear(line.message);
        },
      ),
      runs(3200),
    );
  });
});

describe('fuzz: scenario files', () => {
  const changeArb = fc.oneof(
    tree,
    fc.record({ invoke: tree }),
    fc.record({ add: tree }),
    fc.record({ set: tree }),
    fc.record({ remove: tree }),
  );
  it('parses or refuses every scenario document', () => {
    fc.assert(
      fc.property(
        fc.record({
          scenario: fc.oneof(fc.string({ maxLength: 5 }), tree),
          changes: fc.oneof(fc.array(changeArb, { maxLength: 4 }), tree),
          watch: fc.oneof(fc.array(tree, { maxLength: 3 }), tree),
        }),
        doc => {
          const r = parseScenarioText(stringify(doc), 'fuzz-scenario.yaml');
          if (!r.ok) r.errors.forEach(clear);
        },
      ),
      runs(1200),
    );
  });
});

describe('fuzz: saved requests and test files', () => {
  it('turns every saved request into a call or a clear refusal, and checks any expectation', () => {
    const savedArb = fc.record(
      {
        as: fc.constantFrom(...OBJECT_KEY_NAMES, 'alice'),
        appKey: fc.constantFrom(...OBJECT_KEY_NAMES),
        call: fc.oneof(
          pathArb.map(p => `GET ${p}`),
          fc.string({ maxLength: 12 }),
        ),
        at: fc.oneof(fc.constant('2026-01-01T00:00:00Z'), fc.string({ maxLength: 6 })),
        expect: fc.record(
          { status: fc.integer({ min: 0, max: 999 }), body: fc.string() },
          {
            requiredKeys: [],
          },
        ),
      },
      { requiredKeys: ['call'] },
    );
    fc.assert(
      fc.property(
        savedArb,
        fc.integer({ min: 100, max: 599 }),
        fc.string(),
        (saved, status, body) => {
          const r = savedToRequest(saved as SavedRequest);
          if (!r.ok) clear(r.error.message);
          if (saved.expect) {
            const result = checkExpectation(saved.expect, { status, body } as Decision);
            clear(result.expected || 'nothing expected');
          }
          checkLoad(stringify({ permsim: 1, requests: [saved] }), 'fuzz-requests.yaml');
        },
      ),
      runs(1000),
    );
  });
});

describe('fuzz: contract argument validation', () => {
  it('validates or refuses the arguments of every call', () => {
    fc.assert(
      fc.property(fc.constantFrom(...API_NAMES), fc.oneof(tree, modelDocArb), (name, args) => {
        const r = validateArgs(name, args);
        if (!r.ok) clear(r.error.message);
      }),
      runs(2000),
    );
  });
});
