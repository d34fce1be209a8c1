import { describe, expect, it } from 'vitest';
import { goSort } from '../../src/views/goSort.js';

/** Sorts indexes by their key and returns the index order. */
const order = (keys: number[]): number[] =>
  goSort(
    keys.map((k, i) => ({ k, i })),
    (a, b) => a.k < b.k,
  ).map((x) => x.i);

describe('goSort (Go sort.Sort)', () => {
  it('keeps equal elements in input order up to twelve elements (insertion sort)', () => {
    expect(order([3, 1, 2, 1, 3, 1, 2, 2, 1, 3, 1, 2])).toEqual([
      1, 3, 5, 8, 10, 2, 6, 7, 11, 0, 4, 9,
    ]);
  });

  // Expected orders produced by Go's sort.Sort on the same input (pdqsort with the Go 1.22 xorshift).
  it('orders equal keys as Go does beyond twelve elements', () => {
    expect(order([2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0])).toEqual([
      7, 1, 19, 16, 4, 13, 10, 5, 8, 11, 14, 17, 2, 9, 6, 12, 0, 15, 3, 18,
    ]);
    expect(order([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 8, 7, 6])).toEqual([
      9, 8, 7, 6, 5, 4, 3, 13, 2, 12, 1, 11, 0, 10,
    ]);
  });

  it('takes the pattern-breaking path on long runs of duplicates as Go does', () => {
    const keys = [...Array(30).fill(5), ...Array(21).fill(1), ...Array(20).fill(3)];
    expect(order(keys)).toEqual([
      30, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 51, 52,
      70, 69, 68, 67, 66, 65, 64, 63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 17, 14, 8, 7, 6, 5, 4,
      3, 2, 1, 0, 10, 11, 12, 13, 9, 15, 16, 22, 18, 19, 20, 21, 29, 28, 27, 26, 25, 24, 23,
    ]);
  });

  it('sorts a long random-looking input correctly', () => {
    const keys = Array.from({ length: 500 }, (_, i) => (i * 7919) % 263);
    const sorted = order(keys).map((i) => keys[i]!);
    expect(sorted).toEqual([...keys].sort((a, b) => a - b));
  });
});
