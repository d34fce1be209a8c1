import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatRfc3339, parseRfc3339 } from '../../src/model/time.js';

/** What formatRfc3339 must print: Date's own ISO form at second precision. */
const viaDate = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

describe('formatRfc3339', () => {
  it('prints what Date prints, for any instant in years 0..9999 and beyond', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 300_000_000_000_000 }), (ms) => {
        expect(formatRfc3339(ms)).toBe(viaDate(ms));
      }),
      { numRuns: 20_000 },
    );
  });

  it('gets the calendar edges right', () => {
    for (const text of [
      '1970-01-01T00:00:00Z',
      '2000-02-29T23:59:59Z',
      '2024-02-29T12:00:00Z',
      '2100-03-01T00:00:00Z',
      '2025-12-31T23:59:59Z',
      '9999-12-31T23:59:59Z',
    ]) {
      const ms = parseRfc3339(text)!;
      expect(formatRfc3339(ms)).toBe(text);
      expect(formatRfc3339(ms + 999)).toBe(text);
    }
  });
});
