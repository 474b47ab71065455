/**
 * Word-level kernels of the matrix engine (docs/benchmarks.md "Access matrix"; performance.md
 * §2.4): bit rows are `Int32Array` words, bit i of a row = word i >>> 5, bit i & 31. No BigInt
 * (about 2.5x slower than 32-bit words in V8).
 *
 * @example
 * const row = new Int32Array(wordsFor(100));
 * fillRange(row, 3, 70);
 * testBit(row, 69); // true
 */

/** Words needed for `bits` bits. */
export const wordsFor = (bits: number): number => (bits + 31) >>> 5;

export function setBit(row: Int32Array, i: number): void {
  row[i >>> 5] = (row[i >>> 5] as number) | (1 << (i & 31));
}

export function testBit(row: Int32Array, i: number): boolean {
  return ((row[i >>> 5] as number) & (1 << (i & 31))) !== 0;
}

/** Bit `i` of the row that starts at word `offset` of `words`. */
export function testBitAt(words: Int32Array, offset: number, i: number): boolean {
  return ((words[offset + (i >>> 5)] as number) & (1 << (i & 31))) !== 0;
}

/** Sets bits [from, to) of the row starting at word `offset` of `words`. */
export function fillRange(words: Int32Array, from: number, to: number, offset = 0): void {
  if (from >= to) return;
  const w0 = from >>> 5;
  const w1 = (to - 1) >>> 5;
  const m0 = ~0 << (from & 31);
  const m1 = ~0 >>> (31 - ((to - 1) & 31));
  if (w0 === w1) {
    words[offset + w0] = (words[offset + w0] as number) | (m0 & m1);
    return;
  }
  words[offset + w0] = (words[offset + w0] as number) | m0;
  for (let w = w0 + 1; w < w1; w++) words[offset + w] = ~0;
  words[offset + w1] = (words[offset + w1] as number) | m1;
}

/** `into |= from` over `n` words. */
export function orInto(into: Int32Array, from: Int32Array, n = into.length): void {
  for (let w = 0; w < n; w++) into[w] = (into[w] as number) | (from[w] as number);
}

/** True when any bit is set. */
export function anySet(row: Int32Array): boolean {
  for (let w = 0; w < row.length; w++) if (row[w] !== 0) return true;
  return false;
}

/** Calls `fn` with the index of every set bit, ascending. */
export function forEachSetBit(row: Int32Array, fn: (i: number) => void): void {
  for (let w = 0; w < row.length; w++) {
    let word = row[w] as number;
    while (word !== 0) {
      const low = word & -word;
      fn((w << 5) + (31 - Math.clz32(low)));
      word ^= low;
    }
  }
}
