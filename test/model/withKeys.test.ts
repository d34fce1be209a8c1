import { describe, expect, it } from 'vitest';
import { withKeys } from '../../src/model/withKeys.js';

describe('withKeys', () => {
  it('is the spread: base keys in order (replaced in place), then the new ones', () => {
    const base = { name: 'web-0', labels: { app: 'web' }, namespace: 'prod' };
    const out = withKeys(base, { namespace: 'default', uid: 'u', creationTimestamp: 't' });
    expect(out).toEqual({ ...base, namespace: 'default', uid: 'u', creationTimestamp: 't' });
    expect(Object.keys(out)).toEqual(['name', 'labels', 'namespace', 'uid', 'creationTimestamp']);
    expect(JSON.stringify(out)).toBe(
      JSON.stringify({ ...base, namespace: 'default', uid: 'u', creationTimestamp: 't' }),
    );
  });

  it('leaves base as it was and shares its values', () => {
    const base = { labels: { app: 'web' } };
    const out = withKeys(base, { nodeName: 'node-1' });
    expect(base).toEqual({ labels: { app: 'web' } });
    expect(out.labels).toBe(base.labels);
    expect(out).not.toBe(base);
  });
});
