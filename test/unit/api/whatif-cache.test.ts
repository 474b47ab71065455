/**
 * The what-if summary cache of the backend (main/api/whatif-cache.ts): summaries are found again for
 * the same project, revision and model; bounded in number and in listed cells; all dropped when
 * another project is opened; never answered for another model behind a revision number that came
 * back after Undo.
 */
import { describe, expect, it } from 'vitest';
import { createSummaryCache } from '../../../main/api/whatif-cache';
import type { Model } from '../../../shared/model/types';
import { generateModel } from '../../../bench/generator';

type Listing = { name: string; listed: number };

const model = generateModel('S', 1);
const other: Model = { ...model };
const cacheOf = () =>
  createSummaryCache<Listing>({ entries: 3, cells: 100, weight: v => v.listed });

describe('what-if summary cache', () => {
  it('finds a summary again for the same project, revision and model only', () => {
    const c = cacheOf();
    const project = {};
    const at = { session: project, revision: 4, base: model };
    const s = c.set(at, 'grant', { name: 'grant', listed: 10 });
    expect(c.get(at, 'grant')).toBe(s);
    expect(c.get({ ...at, revision: 5 }, 'grant')).toBeUndefined();
    // Revision 4 again after Undo and another edit: another model, not the cached summary.
    expect(c.get({ ...at, base: other }, 'grant')).toBeUndefined();
    expect(c.get(at, 'grant')).toBeUndefined();
  });

  it('drops everything when another project is opened', () => {
    const c = cacheOf();
    const first = { session: {}, revision: 1, base: model };
    c.set(first, 'a', { name: 'a', listed: 1 });
    c.set(first, 'b', { name: 'b', listed: 1 });
    expect(c.size()).toBe(2);
    expect(c.get({ session: {}, revision: 1, base: model }, 'a')).toBeUndefined();
    expect(c.size()).toBe(0);
  });

  it('keeps the most recently used summaries within the bounds, never the one in use', () => {
    const c = cacheOf();
    const at = { session: {}, revision: 1, base: model };
    c.set(at, 'a', { name: 'a', listed: 10 });
    c.set(at, 'b', { name: 'b', listed: 10 });
    c.set(at, 'c', { name: 'c', listed: 10 });
    expect(c.get(at, 'a')?.name).toBe('a'); // a is now the most recent
    c.set(at, 'd', { name: 'd', listed: 10 });
    expect(c.get(at, 'b')).toBeUndefined();
    expect(c.size()).toBe(3);
    // A listing that grew past the cell bound pushes the others out, but stays itself.
    const big = c.get(at, 'd') as Listing;
    big.listed = 500;
    c.trim(big);
    expect(c.size()).toBe(1);
    expect(c.get(at, 'd')).toBe(big);
  });
});
