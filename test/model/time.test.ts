import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatRfc3339,
  MAX_DURATION_MS,
  parseDuration,
  parseRfc3339,
} from '../../src/model/time.js';

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

describe('parseRfc3339', () => {
  it('refuses fields out of range, as Go time.Parse(RFC3339) does', () => {
    for (const text of [
      '2025-02-30T00:00:00Z',
      '2025-02-29T00:00:00Z', // not a leap year
      '2100-02-29T00:00:00Z',
      '2025-13-01T00:00:00Z',
      '2025-00-10T00:00:00Z',
      '2025-04-31T00:00:00Z',
      '2025-01-00T00:00:00Z',
      '2025-01-01T24:00:00Z',
      '2025-01-01T00:60:00Z',
      '2025-01-01T00:00:60Z',
      '2025-01-01T00:00:00+24:00',
      '2025-01-01T00:00:00-01:60',
    ])
      expect(parseRfc3339(text), text).toBeUndefined();
  });

  it('reads every valid instant as Date does, years below 100 included', () => {
    // Date.parse reads the ISO form's four-digit year as written (Date.UTC(99, …) would mean 1999).
    expect(parseRfc3339('0099-06-01T00:00:00Z')).toBe(Date.parse('0099-06-01T00:00:00Z'));
    expect(parseRfc3339('0099-06-01T00:00:00Z')).toBeLessThan(Date.UTC(1000, 0, 1));
    expect(parseRfc3339('2024-02-29T12:00:00+01:30')).toBe(Date.UTC(2024, 1, 29, 10, 30));
    expect(parseRfc3339('2025-01-01T00:00:00.250Z')).toBe(Date.UTC(2025, 0, 1) + 250);
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200, max: 253_402_300_799 }), (sec) => {
        expect(parseRfc3339(formatRfc3339(sec * 1000))).toBe(sec * 1000);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('parseDuration', () => {
  it("accepts up to Go's largest time.Duration and refuses past it", () => {
    expect(parseDuration('2562047h')).toBe(2_562_047 * 3_600_000);
    expect(parseDuration('2562047h47m16.854s')).toBe(MAX_DURATION_MS);
    expect(parseDuration('2562047h47m16.855s')).toBeUndefined();
    expect(parseDuration(`1${'0'.repeat(400)}h`)).toBeUndefined();
    expect(parseDuration(1e300)).toBeUndefined();
    expect(parseDuration(9_223_372_036)).toBe(9_223_372_036_000);
  });
});
