/** Toleration.ToleratesTaint, shared by the scheduler's filter and the taint eviction. */
import { describe, expect, it } from 'vitest';
import { toleratesTaint } from '../../src/controllers/tolerations.js';

const taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };

describe('toleratesTaint (toleration.go)', () => {
  it('matches by key and effect, Exists ignoring the value, Equal comparing it', () => {
    expect(toleratesTaint({ key: taint.key, operator: 'Exists' }, taint)).toBe(true);
    expect(
      toleratesTaint({ key: taint.key, operator: 'Exists', effect: 'NoSchedule' }, taint),
    ).toBe(false);
    expect(toleratesTaint({ key: taint.key, value: '' }, taint)).toBe(true);
    expect(toleratesTaint({ key: taint.key, operator: 'Equal', value: 'x' }, taint)).toBe(false);
    expect(toleratesTaint({ key: 'other', operator: 'Exists' }, taint)).toBe(false);
  });

  it('lets an empty key match every taint whatever the operator, and refuses an unknown operator', () => {
    expect(toleratesTaint({ operator: 'Exists' }, taint)).toBe(true);
    // An empty key with Equal matches any key whose value is equal (here: both empty).
    expect(toleratesTaint({ operator: 'Equal' }, taint)).toBe(true);
    expect(toleratesTaint({ key: taint.key, operator: 'Gt' }, taint)).toBe(false);
  });
});
