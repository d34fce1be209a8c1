/** The durations behaviour notes print (src/spec/behaviour/limits.ts humanDuration). */
import { describe, expect, it } from 'vitest';
import { humanDuration } from '../../src/spec/behaviour/limits.js';

describe('humanDuration in behaviour notes', () => {
  it.each([
    [500, '500ms'],
    [1_500, '1.5s'],
    [59_999, '59.999s'],
    [60_000, '1m'],
    [90_000, '1m30s'],
    [119_600, '2m'], // rounded before the split: not "1m60s"
    [3_599_500, '1h'],
    [3_661_000, '1h1m1s'],
  ])('%d ms is %s', (ms, want) => expect(humanDuration(ms)).toBe(want));
});
