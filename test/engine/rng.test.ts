import { describe, expect, it } from 'vitest';
import { drawContainerId, drawFloat, drawInt, drawUuid, draw32 } from '../../src/engine/rng.js';

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

  it('give the same draw whatever was drawn just before (the last key hash is remembered)', () => {
    const fresh = draw32(7, 'pod/a', 1);
    draw32(8, 'pod/a', 1);
    draw32(7, 'pod/b', 1);
    // An equal key built anew, not the same string object.
    expect(draw32(7, ['pod', 'a'].join('/'), 1)).toBe(fresh);
    expect(draw32(8, 'pod/a', 1)).not.toBe(fresh);
  });

  it('makes UUID-shaped identifiers', () => {
    expect(drawUuid(1, 'pod-uid/default/foo@0')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    // The digits are the key's first four draws, with the version and variant bits set.
    const hex = [0, 1, 2, 3].map((i) => draw32(1, 'k', i).toString(16).padStart(8, '0')).join('');
    const variant = ((parseInt(hex[16]!, 16) & 3) | 8).toString(16);
    expect(drawUuid(1, 'k')).toBe(
      `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`,
    );
  });

  it("makes 64-digit container IDs from the key's first eight draws", () => {
    const hex = [0, 1, 2, 3, 4, 5, 6, 7]
      .map((i) => draw32(2, 'c', i).toString(16).padStart(8, '0'))
      .join('');
    expect(drawContainerId(2, 'c')).toBe(hex);
  });
});
