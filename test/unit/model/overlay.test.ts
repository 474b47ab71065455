import { describe, expect, it } from 'vitest';
import {
  changedCandidates,
  isOverlay,
  plainRecord,
  withReplaced,
} from '../../../shared/model/overlay';
import { nameRecord, own, setOwn } from '../../../shared/model/own';

type El = { name: string; v: number };

function record(names: string[]): Record<string, El> {
  const r = nameRecord<El>();
  names.forEach((n, i) => setOwn(r, n, { name: n, v: i }));
  return r;
}

describe('withReplaced: a record equal to its base but at the replaced keys', () => {
  const names = ['a', '__proto__', 'constructor', 'toString', 'b'];

  it('reads like the plain record with the change (names are data)', () => {
    const base = record(names);
    const proto = { name: '__proto__', v: 100 };
    const ctor = { name: 'constructor', v: 200 };
    const next = withReplaced(
      base,
      new Map([
        ['__proto__', proto],
        ['constructor', ctor],
      ]),
    );
    expect(isOverlay(next)).toBe(true);
    expect(Object.keys(next)).toEqual(names);
    expect(own(next, '__proto__')).toBe(proto);
    expect(own(next, 'constructor')).toBe(ctor);
    expect(own(next, 'a')).toBe(own(base, 'a'));
    expect(own(next, 'hasOwnProperty')).toBeUndefined();
    expect(Object.hasOwn(next, 'toString')).toBe(true);
    expect('b' in next && !('c' in next)).toBe(true);
    expect(Object.getPrototypeOf(next)).toBeNull();
    expect(Object.values(next).map(e => e.v)).toEqual([0, 100, 200, 3, 4]);
    expect(JSON.parse(JSON.stringify(next))).toEqual(JSON.parse(JSON.stringify(plainRecord(next))));
    const forIn: string[] = [];
    for (const k in next) forIn.push(k);
    expect(forIn).toEqual(names);
    // The base is not changed.
    expect(own(base, '__proto__')?.v).toBe(1);
    expect(own(base, 'constructor')?.v).toBe(2);
  });

  it('refuses writes (models are immutable values)', () => {
    const next = withReplaced(record(names), new Map([['a', { name: 'a', v: 9 }]]));
    expect(() => {
      (next as Record<string, El>).b = { name: 'b', v: 1 };
    }).toThrow(TypeError);
    expect(() => delete (next as Record<string, El>).a).toThrow(TypeError);
    expect(own(next, 'a')?.v).toBe(9);
  });

  it('overlays of one base name the keys that may differ; others are scanned', () => {
    const base = record(names);
    const one = withReplaced(base, new Map([['a', { name: 'a', v: 9 }]]));
    const two = withReplaced(one, new Map([['b', { name: 'b', v: 8 }]]));
    expect(changedCandidates(base, one)).toEqual(['a']);
    expect(changedCandidates(one, two)?.sort()).toEqual(['a', 'b']);
    expect(own(two, 'a')?.v).toBe(9);
    expect(own(one, 'b')?.v).toBe(4);
    expect(changedCandidates(base, record(names))).toBeUndefined();
  });

  it('a new key gives a plain record; plainRecord can be structured-cloned', () => {
    const base = record(names);
    const one = withReplaced(base, new Map([['a', { name: 'a', v: 9 }]]));
    const added = withReplaced(one, new Map([['c', { name: 'c', v: 5 }]]));
    expect(isOverlay(added)).toBe(false);
    expect(Object.keys(added)).toEqual([...names, 'c']);
    expect(own(added, 'a')?.v).toBe(9);
    expect(() => structuredClone(one)).toThrow();
    const clone = structuredClone(plainRecord(one));
    expect(Object.keys(clone)).toEqual(names);
    expect(own(clone, 'a')?.v).toBe(9);
  });
});
