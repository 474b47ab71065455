import { describe, expect, it } from 'vitest';
import { hasOwn, own, setOwn } from '../../../shared/model/own';

describe('own / setOwn: names are data', () => {
  it('finds only own elements, never what Object.prototype lends', () => {
    const rec: Record<string, { n: number } | (() => void)> = { a: { n: 1 } };
    for (const k of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])
      expect({ k, v: own(rec, k), has: hasOwn(rec, k) }).toEqual({ k, v: undefined, has: false });
    expect(own(rec, 'a')).toEqual({ n: 1 });
    const fn = () => undefined;
    setOwn(rec, 'toString', fn);
    expect(own(rec, 'toString')).toBe(fn);
  });

  it("stores '__proto__' as an ordinary element, not as the prototype", () => {
    const rec: Record<string, { n: number }> = {};
    setOwn(rec, '__proto__', { n: 2 });
    expect(Object.keys(rec)).toEqual(['__proto__']);
    expect(own(rec, '__proto__')).toEqual({ n: 2 });
    expect(Object.getPrototypeOf(rec)).toBe(Object.prototype);
    expect(own({}, '__proto__')).toBeUndefined();
  });
});
