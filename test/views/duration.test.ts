import { describe, expect, it } from 'vitest';
import {
  humanDuration,
  shortHumanDuration,
  translateTimestampSince,
} from '../../src/views/index.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

// Ported from staging/src/k8s.io/apimachinery/pkg/util/duration/duration_test.go.
describe('humanDuration (duration.HumanDuration)', () => {
  it.each([
    [s, '1s'],
    [70 * s, '70s'],
    [190 * s, '3m10s'],
    [70 * m, '70m'],
    [47 * h, '47h'],
    [49 * h, '2d1h'],
    [(8 * 24 + 2) * h, '8d'],
    [367 * 24 * h, '367d'],
    [(365 * 2 * 24 + 25) * h, '2y1d'],
    [(365 * 8 * 24 + 2) * h, '8y'],
  ])('prints %i ms as %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it.each([
    [-2 * s, '<invalid>'],
    [-2 * s + 1, '0s'],
    [0, '0s'],
    [s - 1, '0s'],
    [2 * m - 1, '119s'],
    [2 * m, '2m'],
    [2 * m + s, '2m1s'],
    [10 * m - 1, '9m59s'],
    [10 * m, '10m'],
    [10 * m + s, '10m'],
    [3 * h - 1, '179m'],
    [3 * h, '3h'],
    [3 * h + m, '3h1m'],
    [8 * h - 1, '7h59m'],
    [8 * h, '8h'],
    [8 * h + 59 * m, '8h'],
    [2 * d - 1, '47h'],
    [2 * d, '2d'],
    [2 * d + h, '2d1h'],
    [8 * d - 1, '7d23h'],
    [8 * d, '8d'],
    [8 * d + 23 * h, '8d'],
    [2 * y - 1, '729d'],
    [2 * y, '2y'],
    [2 * y + 23 * h + 59 * m, '2y'],
    [2 * y + d - 1, '2y'],
    [2 * y + d, '2y1d'],
    [3 * y, '3y'],
    [7 * y, '7y'],
    [8 * y - 1, '7y364d'],
    [8 * y, '8y'],
    [8 * y + 364 * d, '8y'],
    [9 * y, '9y'],
  ])('puts the boundary %i ms at %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('shortHumanDuration (duration.ShortHumanDuration)', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-2 * s + 1, '0s'],
    [0, '0s'],
    [s - 1, '0s'],
    [s, '1s'],
    [2 * s - 1, '1s'],
    [m - 1, '59s'],
    [m, '1m'],
    [2 * m - 1, '1m'],
    [h - 1, '59m'],
    [h, '1h'],
    [2 * h - 1, '1h'],
    [d - 1, '23h'],
    [d, '1d'],
    [2 * d - 1, '1d'],
    [y - 1, '364d'],
    [y, '1y'],
    [2 * y - 1, '1y'],
    [2 * y, '2y'],
  ])('puts the boundary %i ms at %s', (ms, want) => {
    expect(shortHumanDuration(ms)).toBe(want);
  });
});

describe('translateTimestampSince', () => {
  const now = Date.parse('2025-01-01T00:01:15Z');

  it('prints the age of a timestamp with HumanDuration', () => {
    expect(translateTimestampSince('2025-01-01T00:00:00Z', now)).toBe('75s');
  });

  it('prints <unknown> for an unset timestamp, as for a zero metav1.Time', () => {
    expect(translateTimestampSince(undefined, now)).toBe('<unknown>');
    expect(translateTimestampSince('0001-01-01T00:00:00Z', now)).toBe('<unknown>');
  });

  it('prints <invalid> for a timestamp more than a second in the future', () => {
    expect(translateTimestampSince('2025-01-01T00:01:45Z', now)).toBe('<invalid>');
  });
});
