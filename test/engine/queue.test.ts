import { describe, expect, it } from 'vitest';
import { TimerQueue } from '../../src/engine/queue.js';

describe('TimerQueue', () => {
  it('pops by time, then priority, then insertion order', () => {
    const q = new TimerQueue<string>();
    q.push(20, 0, 'c');
    q.push(10, 5, 'b2');
    q.push(10, 1, 'b1');
    q.push(10, 5, 'b3');
    q.push(5, 9, 'a');
    const out: string[] = [];
    for (let t = q.pop(); t; t = q.pop()) out.push(t.data);
    expect(out).toEqual(['a', 'b1', 'b2', 'b3', 'c']);
  });

  it('keeps a total order over many timers with equal keys', () => {
    const q = new TimerQueue<number>();
    for (let i = 0; i < 1000; i++) q.push(i % 7, i % 3, i);
    let prev = { at: -1, priority: -1, seq: -1 };
    while (q.size > 0) {
      const t = q.pop()!;
      const later =
        t.at > prev.at ||
        (t.at === prev.at &&
          (t.priority > prev.priority || (t.priority === prev.priority && t.seq > prev.seq)));
      expect(later).toBe(true);
      prev = t;
    }
  });
});
