/**
 * The matrix view's tile cache stays bounded however far the matrix is scrolled, and keeps the
 * tiles the paint keeps reading (renderer/src/matrix/tile-cache.ts).
 */
import { describe, expect, it } from 'vitest';
import { TileCache } from '../../../renderer/src/matrix/tile-cache';

describe('matrix tile cache', () => {
  it('never holds more tiles than its capacity while scrolling through many', () => {
    const cache = new TileCache<string>(100);
    for (let ti = 0; ti < 200; ti++) for (let tj = 0; tj < 50; tj++) cache.set(`${ti}:${tj}`, 'x');
    expect(cache.size).toBe(100);
    // The most recently fetched tiles are the ones kept.
    expect(cache.has('199:49')).toBe(true);
    expect(cache.has('0:0')).toBe(false);
  });

  it('evicts the least recently used tile, not one the paint just read', () => {
    const cache = new TileCache<string>(3);
    cache.set('a', '1');
    cache.set('b', '2');
    cache.set('c', '3');
    expect(cache.get('a')).toBe('1');
    cache.set('d', '4');
    expect(['a', 'b', 'c', 'd'].filter(k => cache.has(k))).toEqual(['a', 'c', 'd']);
  });

  it('replaces a pending tile with its cells without growing', () => {
    const cache = new TileCache<string>(2);
    cache.set('0:0', 'pending');
    cache.set('0:0', 'cells');
    expect(cache.size).toBe(1);
    expect(cache.get('0:0')).toBe('cells');
  });
});
