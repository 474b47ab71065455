/**
 * The fast structural check of a model file (shared/model/schema-check.ts) is never more lenient
 * than the zod schema it is derived from: whatever it calls well-formed, zod accepts, and zod's
 * validated value is the input itself. It must also say "well-formed" for the files the app writes,
 * or every load would pay for zod again.
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ModelFileSchema } from '../../../shared/model/file-format';
import { isWellFormedModelFile, safeParseModelFile } from '../../../shared/model/schema-check';
import { parseModelText } from '../../../shared/model/parse';
import { modelToText } from '../../../shared/model/decompile';
import { generateModel } from '../../../bench/generator';
import { modelArb } from '../../property/arbitraries';
import { OBJECT_KEY_NAMES } from '../../property/object-key-names';

const valueOf = (text: string, file: string): unknown => {
  const r = parseModelText(text, file);
  if (!r.ok) throw new Error(`${file} does not parse`);
  return r.value;
};

/** The fast check's answer must never contradict zod's. */
function agreesWithZod(value: unknown): boolean {
  const fast = isWellFormedModelFile(value);
  const zod = ModelFileSchema.safeParse(value);
  if (fast) {
    expect(zod.success).toBe(true);
    if (zod.success) expect(zod.data).toEqual(value);
  }
  return fast;
}

describe('fast model-file check', () => {
  it('calls the demos and the generated models well-formed, as zod does', () => {
    const demos = readdirSync('assets/demos').filter(f => f.endsWith('.yaml'));
    expect(demos.length).toBeGreaterThan(0);
    for (const f of demos)
      expect(agreesWithZod(valueOf(readFileSync(`assets/demos/${f}`, 'utf8'), f))).toBe(true);
    const model = generateModel('S', 7);
    for (const format of ['yaml', 'json'] as const)
      expect(agreesWithZod(valueOf(modelToText(model, format), `m.${format}`))).toBe(true);
  });

  it('calls every file the app writes well-formed (its value is the validated file)', () => {
    fc.assert(
      fc.property(modelArb, fc.boolean(), (model, json) => {
        const value = valueOf(modelToText(model, json ? 'json' : 'yaml'), 'm.yaml');
        expect(agreesWithZod(value)).toBe(true);
        const r = safeParseModelFile(value);
        expect(r.success && r.data).toBe(value);
      }),
      { numRuns: 60 },
    );
  });

  it('hands leaves it does not repeat (dates, addresses, numbers) and every doubt to zod', () => {
    const base = { permsim: 1, users: { alice: {} } };
    const cases: [unknown, boolean][] = [
      [base, true],
      [{ ...base, permsim: 2 }, false],
      [{ ...base, appKeys: { k: { user: 'alice', expires: '2026-12-31T00:00:00Z' } } }, true],
      [{ ...base, appKeys: { k: { user: 'alice', expires: 'next year' } } }, false],
      [{ ...base, appKeys: { k: { user: 'alice', ipAllowlist: ['10.1.0.0/16', '::1'] } } }, true],
      [{ ...base, appKeys: { k: { user: 'alice', ipAllowlist: ['10.1.0.0/33'] } } }, false],
      [{ ...base, requests: [{ call: 'GET /x', expect: 200 }] }, true],
      [{ ...base, requests: [{ call: 'GET /x', expect: 200.5 }] }, false],
      [{ ...base, semantics: { denialStatus: 401 } }, true],
      [{ ...base, semantics: { denialStatus: 402 } }, false],
      [{ ...base, users: { alice: { groups: [''] } } }, false],
      [{ ...base, users: { alice: { grups: [] } } }, false],
      [{ ...base, users: new Map() }, false],
      // Only the keys written are checked, then the required ones that are missing.
      [{ ...base, appKeys: { k: {} } }, false],
      [{ ...base, appKeys: { k: { user: undefined } } }, false],
      [{ ...base, appKeys: { k: { expires: '2026-12-31T00:00:00Z' } } }, false],
      [{ ...base, appKeys: { k: { user: 'alice', colour: 'red' } } }, false],
      [{ ...base, things: { T: { template: 'X', enabled: false, owner: 'alice' } } }, true],
      [{ ...base, things: { T: { template: 'X', enabled: 'no' } } }, false],
      [JSON.parse('{"permsim":1,"users":{"__proto__":{}}}'), true],
      [JSON.parse('{"permsim":1,"__proto__":{}}'), false],
      [
        {
          ...base,
          things: {
            T: { permissions: { runtime: [{ allow: ['PropertyRead'], principal: 'x' }] } },
          },
        },
        false,
      ],
      [
        {
          ...base,
          apps: { contexts: { C: { equipment: { A: { type: 'Site', children: { B: {} } } } } } },
        },
        false,
      ],
    ];
    for (const [value, fast] of cases) {
      expect(isWellFormedModelFile(value)).toBe(fast);
      // A `__proto__` element is skipped by zod's records (load.ts renames it first); elsewhere zod decides.
      if (fast && !JSON.stringify(value).includes('__proto__'))
        expect(agreesWithZod(value)).toBe(true);
      if (!fast) expect(safeParseModelFile(value)).toEqual(ModelFileSchema.safeParse(value));
    }
  });

  it('never calls a document well-formed that zod refuses (random model-shaped documents)', () => {
    const keyArb = fc.oneof(
      fc.constantFrom(...OBJECT_KEY_NAMES.filter(k => k !== '__proto__')),
      fc.constantFrom('users', 'groups', 'things', 'permissions', 'runtime', 'allow', 'principal'),
      fc.string({ maxLength: 4 }),
    );
    const { tree } = fc.letrec(tie => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('user:alice', 'group:Users', 'PropertyRead', '*', '', 1, true, null),
        fc.array(tie('tree'), { maxLength: 3 }),
        fc.dictionary(keyArb, tie('tree'), { maxKeys: 4 }),
      ),
    }));
    fc.assert(
      fc.property(modelArb, fc.array(fc.tuple(fc.nat(), tree), { maxLength: 3 }), (m, edits) => {
        // A well-formed file with a few of its nodes replaced by random values.
        const value = valueOf(stringify(valueOf(modelToText(m, 'yaml'), 'm.yaml')), 'm.yaml');
        const nodes: [Record<string, unknown>, string][] = [];
        const walk = (v: unknown) => {
          if (v === null || typeof v !== 'object') return;
          for (const [k, x] of Object.entries(v)) {
            nodes.push([v as Record<string, unknown>, k]);
            walk(x);
          }
        };
        walk(value);
        for (const [i, replacement] of edits) {
          const node = nodes[i % Math.max(1, nodes.length)];
          if (node) node[0][node[1]] = replacement;
        }
        agreesWithZod(value);
      }),
      { numRuns: 150 },
    );
  });
});
