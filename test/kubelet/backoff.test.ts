import { describe, expect, it } from 'vitest';
import { isInBackOffSince, nextBackoff } from '../../src/kubelet/backoff.js';

describe('restart back-off (client-go flowcontrol, kubelet settings)', () => {
  it('starts at 10 s and doubles to a 300 s cap', () => {
    let e = nextBackoff(null, 0, 0);
    const periods = [e.periodMs];
    for (let i = 0; i < 7; i++) {
      e = nextBackoff(e, e.lastUpdate + 1000, e.lastUpdate + 1000);
      periods.push(e.periodMs);
    }
    expect(periods).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });

  it('is not in back-off without a record, and is within the window measured from the finish', () => {
    expect(isInBackOffSince(null, 0, 1)).toBe(false);
    const e = { periodMs: 20_000, lastUpdate: 0 };
    expect(isInBackOffSince(e, 30_000, 49_999)).toBe(true);
    expect(isInBackOffSince(e, 30_000, 50_000)).toBe(false);
  });

  it('forgets a record untouched for more than twice the maximum (600 s)', () => {
    const e = { periodMs: 300_000, lastUpdate: 0 };
    expect(isInBackOffSince(e, 600_001, 600_002)).toBe(false);
    expect(nextBackoff(e, 600_001, 600_001)).toEqual({ periodMs: 10_000, lastUpdate: 600_001 });
    expect(nextBackoff(e, 600_000, 600_000)).toEqual({ periodMs: 300_000, lastUpdate: 600_000 });
  });
});
