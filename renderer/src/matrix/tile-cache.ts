/**
 * The matrix view's tile cache, bounded: at size L (10,000 users x 50,000 Things) scrolling through
 * the whole matrix would otherwise keep every fetched tile (about 250,000 of them) in memory. The
 * least recently used tile goes first; every paint reads the visible tiles, so they stay.
 *
 * @example
 * const cache = new TileCache<string>(2);
 * cache.set('0:0', 'a'); cache.set('0:1', 'b'); cache.get('0:0'); cache.set('1:0', 'c');
 * cache.has('0:1'); // false: the least recently used tile was evicted
 */
export class TileCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The tile, marked as just used. */
  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // A Map iterates in insertion order: re-inserting moves the key to the most recent end.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
