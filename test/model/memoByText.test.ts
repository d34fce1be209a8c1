import { describe, expect, it } from 'vitest';
import { memoByText } from '../../src/model/memoByText.js';

describe('memoByText', () => {
  it('computes each text once, undefined results included', () => {
    const calls: string[] = [];
    const parse = memoByText((t) => {
      calls.push(t);
      return t === 'bad' ? undefined : { length: t.length };
    });
    const first = parse('nginx');
    expect(parse('nginx')).toBe(first);
    expect(first).toEqual({ length: 5 });
    expect(parse('bad')).toBeUndefined();
    expect(parse('bad')).toBeUndefined();
    expect(calls).toEqual(['nginx', 'bad']);
  });

  it('keeps at most `limit` results and computes the rest each time', () => {
    const calls: string[] = [];
    const f = memoByText((t) => (calls.push(t), t.toUpperCase()), 2);
    for (const t of ['a', 'b', 'c', 'a', 'b', 'c']) f(t);
    expect(calls).toEqual(['a', 'b', 'c', 'c']);
    expect(f('c')).toBe('C');
  });
});
