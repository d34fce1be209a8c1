import { describe, expect, it } from 'vitest';
import { drawFloat, drawInt, drawUuid, draw32 } from '../../src/engine/rng.js';

describe('seeded draws', () => {
  it('are a pure function of seed, key and index', () => {
    expect(draw32(7, 'pod/a', 3)).toBe(draw32(7, 'pod/a', 3));
    expect(draw32(7, 'pod/a', 3)).not.toBe(draw32(8, 'pod/a', 3));
    expect(draw32(7, 'pod/a', 3)).not.toBe(draw32(7, 'pod/b', 3));
  });

  it('give independent streams per key: drawing for one key never shifts another', () => {
    const before = [0, 1, 2].map((i) => drawFloat(1, 'pod/web', i));
    [0, 1, 2, 3].forEach((i) => drawFloat(1, 'pod/other', i));
    expect([0, 1, 2].map((i) => drawFloat(1, 'pod/web', i))).toEqual(before);
  });

  it('spreads integers over the whole inclusive range', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(drawInt(3, 'k', 0, 9, i));
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('makes UUID-shaped identifiers', () => {
    expect(drawUuid(1, 'pod-uid/default/foo@0')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
