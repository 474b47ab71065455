// Fuzzing the importer (issue "Tests"): malformed XML, deep nesting, huge attributes, entity
// expansion attempts, random truncation, JSON with prototype keys. Whatever the input: no throw, an
// answer in bounded time, a refusal that names the file and says what is wrong, and no model when
// the import failed.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSources } from '../../../shared/import';
import type { ImportResult } from '../../../shared/import';

const ROOT = resolve(__dirname, '..', '..', 'fixtures', 'import');
const FULL = readFileSync(join(ROOT, 'full-export', 'Entities.xml'), 'utf8');
const enc = (s: string) => new TextEncoder().encode(s);

function check(text: string, path = 'f.xml'): ImportResult {
  let r: ImportResult | undefined;
  expect(() => {
    r = importSources([{ path, bytes: enc(text) }], { onConflict: 'fail' });
  }).not.toThrow();
  const res = r as ImportResult;
  if (!res.ok) {
    expect(res.report.refusals.length + res.report.conflicts.length).toBeGreaterThan(0);
    for (const x of res.report.refusals) {
      expect(x.file).not.toBe('');
      expect(x.message.length).toBeGreaterThan(10);
      expect(x.message).not.toMatch(/internal error|TypeError|undefined is not/);
    }
    expect('model' in res).toBe(false);
  }
  return res;
}

const NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'a b ',
  'A&B',
  'x:y',
  'Everyone',
];
const nameArb = fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 12 }));
const xmlEscape = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

describe('importer fuzzing', () => {
  it('random truncation of a real-shaped export: refused with a position, or (at a tag boundary) read', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: FULL.length - 1 }), cut => {
        const r = check(FULL.slice(0, cut));
        if (!r.ok && cut > 60) expect(r.report.refusals[0]?.line).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });

  it('random byte damage never crashes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(FULL.length - 1),
            fc.constantFrom('<', '>', '"', '&', '/', '\u0000', ']]>', '<![CDATA[', ''),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        edits => {
          let t = FULL;
          for (const [at, s] of edits) t = t.slice(0, at) + s + t.slice(at + 1);
          check(t);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('generated entities with hostile names import as data, never as object keys', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(nameArb, nameArb, fc.boolean()), { maxLength: 8 }), rows => {
        const things = rows
          .map(
            ([n, p, allow]) =>
              `<Thing name="${xmlEscape(n)}" thingTemplate="${xmlEscape(p)}"><RunTimePermissions><Permissions resourceName="${xmlEscape(p)}"><PropertyRead><Principal isPermitted="${allow}" name="${xmlEscape(p)}" type="Group"/></PropertyRead></Permissions></RunTimePermissions></Thing>`,
          )
          .join('');
        const r = check(
          `<Entities><Things>${things}</Things><${'__proto__'}/><constructor name="x"/></Entities>`,
        );
        if (r.ok) {
          expect(
            Object.getPrototypeOf(r.model.things) === null ||
              Object.getPrototypeOf(r.model.things) === Object.prototype,
          ).toBe(true);
          expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('entity-expansion attempts are refused before any expansion', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><Entities><Things><Thing name="&lol9;"/></Things></Entities>`;
    const started = Date.now();
    const r = check(lol);
    expect(r.ok).toBe(false);
    expect(r.report.refusals[0]?.message).toMatch(/DOCTYPE/);
    expect(Date.now() - started).toBeLessThan(5000);
    fc.assert(
      fc.property(
        fc.constantFrom('<!DOCTYPE', '<!doctype', '<!ENTITY', '<!Entity'),
        fc.nat(3),
        (decl, depth) => {
          const r2 = check(`${'<a>'.repeat(depth)}${decl} x "y">${'</a>'.repeat(depth)}`);
          expect(r2.ok).toBe(false);
        },
      ),
    );
  });

  it('deep nesting and huge attributes are answered, not crashed', () => {
    const deep = `<Entities><Things><Thing name="D">${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}</Thing></Things></Entities>`;
    const r = check(deep);
    expect(r.ok).toBe(false);
    expect(r.report.refusals[0]?.message).toMatch(/nest deeper than the parser allows/);
    const fine = check(
      `<Entities><Things><Thing name="D">${'<x>'.repeat(40)}${'</x>'.repeat(40)}</Thing></Things></Entities>`,
    );
    expect(fine.ok).toBe(true);
    const huge = 'n'.repeat(2_000_000);
    const h = check(`<Entities><Users><User name="${huge}"/></Users></Entities>`);
    expect(h.ok && Object.keys(h.model.users)).toContain(huge);
    check(`<Entities>${'<Things>'.repeat(20000)}`);
  });

  it('JSON with prototype keys and odd shapes', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), v => {
        check(JSON.stringify(v), 'Things/x.json');
      }),
      { numRuns: 200 },
    );
    const r = check(
      '{"name":"__proto__","thingTemplate":"constructor","__proto__":{"polluted":1},"runTimePermissions":{"permissions":[{"resourceName":"*","PropertyRead":[{"name":"toString","type":"Group","isPermitted":true}]}]}}',
      'Things/p.json',
    );
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    if (r.ok) expect(Object.hasOwn(r.model.things, '__proto__')).toBe(true);
  });

  it('arbitrary text never crashes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), s => {
        check(s);
        check(`<${s}`);
        check(`<Entities>${s}</Entities>`);
      }),
      { numRuns: 200 },
    );
  });
});
