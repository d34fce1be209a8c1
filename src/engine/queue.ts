/**
 * The timer queue: a binary min-heap keyed by (at, priority, tie, seq), so every ordering is total
 * and independent of insertion accidents. `tie` (optional) orders timers of one priority by what
 * they are about, so the order is a function of the state where insertion order is not (timers
 * re-planned by a fork are queued in another order than the run queued them). RxJS's
 * VirtualTimeScheduler re-sorts on every schedule and is far too slow at 10,000 pending timers;
 * this heap is O(log n) per operation.
 */
import type { Millis } from '../model/time.js';

export interface Timer<T = unknown> {
  at: Millis;
  /** Lower runs first among timers due at the same instant. */
  priority: number;
  /** Insertion order; breaks remaining ties. */
  seq: number;
  data: T;
}

export class TimerQueue<T> {
  private heap: Array<Timer<T>> = [];
  private nextSeq = 0;

  constructor(private readonly tie: (a: T, b: T) => number = () => 0) {}

  get size(): number {
    return this.heap.length;
  }

  push(at: Millis, priority: number, data: T): Timer<T> {
    const t: Timer<T> = { at, priority, seq: this.nextSeq++, data };
    const h = this.heap;
    const tie = this.tie;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(h[i]!, h[p]!, tie)) break;
      const up = h[i]!;
      h[i] = h[p]!;
      h[p] = up;
      i = p;
    }
    return t;
  }

  peek(): Timer<T> | undefined {
    return this.heap[0];
  }

  pop(): Timer<T> | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const tie = this.tie;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && less(h[l]!, h[m]!, tie)) m = l;
        if (r < h.length && less(h[r]!, h[m]!, tie)) m = r;
        if (m === i) break;
        const down = h[i]!;
        h[i] = h[m]!;
        h[m] = down;
        i = m;
      }
    }
    return top;
  }
}

function less<T>(a: Timer<T>, b: Timer<T>, tie: (a: T, b: T) => number): boolean {
  if (a.at !== b.at) return a.at < b.at;
  if (a.priority !== b.priority) return a.priority < b.priority;
  const t = tie(a.data, b.data);
  return t !== 0 ? t < 0 : a.seq < b.seq;
}
