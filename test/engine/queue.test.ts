import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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

  it('pops what a sort by (at, priority, insertion) would, whatever the interleaving', () => {
    // Pushes may come while popping (a timer for the instant being run, at a priority before or
    // after the one popped last): the reference is the pending set sorted at every pop.
    const op = fc.oneof(
      fc.record({
        at: fc.integer({ min: 0, max: 6 }),
        priority: fc.constantFrom(0, 1, 2, 3, 3.25, 3.5, 4, 5, 6),
      }),
      fc.constant('pop' as const),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const q = new TimerQueue<number>();
        const pending: { at: number; priority: number; seq: number }[] = [];
        let seq = 0;
        for (const o of ops) {
          if (o === 'pop') {
            pending.sort((a, b) => a.at - b.at || a.priority - b.priority || a.seq - b.seq);
            const want = pending.shift();
            expect(q.peek()?.data).toBe(want?.seq);
            expect(q.pop()?.data).toBe(want?.seq);
          } else {
            pending.push({ at: o.at, priority: o.priority, seq });
            q.push(o.at, o.priority, seq++);
          }
          expect(q.size).toBe(pending.length);
        }
      }),
    );
  });

  it('orders ties of one priority by the tie function before insertion', () => {
    // A key per timer; equal keys keep insertion order.
    const q = new TimerQueue<{ key: string; n: number }>((a, b) =>
      a.key === b.key ? 0 : a.key < b.key ? -1 : 1,
    );
    q.push(10, 3, { key: 'b', n: 0 });
    q.push(10, 3, { key: 'a', n: 1 });
    q.push(10, 2, { key: 'z', n: 2 });
    q.push(10, 3, { key: 'a', n: 3 });
    q.push(5, 3, { key: 'c', n: 4 });
    const out: number[] = [];
    for (let t = q.pop(); t; t = q.pop()) out.push(t.data.n);
    expect(out).toEqual([4, 2, 1, 3, 0]);
  });
});
