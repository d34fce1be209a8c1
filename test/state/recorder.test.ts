/**
 * client-go's legacy event recorder between a component and the API (tools/record
 * events_cache.go): similar events are aggregated after 10 distinct messages in 600 s, every
 * occurrence is counted, and a per-source, per-object token bucket (burst 25, one per 300 s)
 * decides which occurrences are written. The scheduler's events.k8s.io Events skip all three.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  NO_RECORDER,
  observations,
  withNotes,
  withoutRepeat,
} from '../../src/state/recordEvents.js';
import type { Recorded } from '../../src/state/recordEvents.js';
import type { KubeEventNote } from '../../src/events/createEvent.js';

const kubelet = (reason: string, message = `${reason} happened`): KubeEventNote => ({
  type: 'Normal',
  reason,
  message,
  from: 'kubelet',
});

function record(notes: [KubeEventNote, number][]): Recorded {
  let r: Recorded = { events: [], recorder: NO_RECORDER };
  notes.forEach(([n, at], i) => (r = withNotes(r, [n], at, i + 1)));
  return r;
}

describe('the spam filter', () => {
  it('writes 25 occurrences per source and object, then one per 300 s', () => {
    const notes: [KubeEventNote, number][] = [];
    for (let i = 0; i < 30; i++) notes.push([kubelet(`Reason${i}`), i * 1000]);
    const r = record(notes);
    expect(r.events.map((e) => e.reason)).toEqual(
      Array.from({ length: 25 }, (_, i) => `Reason${i}`),
    );
    // Tokens come back continuously: 24/300 of one by the 25th write at 24 s, and a whole one
    // 276 s later.
    const later = withNotes(r, [kubelet('Late')], 24_000 + 270_000, 31);
    expect(later.events).toHaveLength(25);
    const refilled = withNotes(r, [kubelet('Late')], 24_000 + 280_000, 31);
    expect(refilled.events.at(-1)).toMatchObject({ reason: 'Late', count: 1 });
  });

  it('counts dropped occurrences: the next written one carries the full count', () => {
    const notes: [KubeEventNote, number][] = [];
    for (let i = 0; i < 40; i++) notes.push([kubelet('BackOff', 'Back-off restarting'), i * 1000]);
    const r = record(notes);
    // Written 25 times (0..24 s), dropped from 25 s on: describe shows x25, last seen at 24 s.
    expect(r.events).toEqual([
      expect.objectContaining({ reason: 'BackOff', count: 25, firstAt: 0, lastAt: 24_000 }),
    ]);
    // Once a token is back, the next occurrence is written with all 41.
    const next = withNotes(r, [kubelet('BackOff', 'Back-off restarting')], 304_000, 41);
    expect(next.events[0]).toMatchObject({ count: 41, firstAt: 0, lastAt: 304_000, seq: 41 });
  });

  it('keeps one bucket per source: a controller is not limited by the kubelet', () => {
    const notes: [KubeEventNote, number][] = [];
    for (let i = 0; i < 30; i++) notes.push([kubelet(`Reason${i}`), 0]);
    notes.push([{ ...kubelet('Other'), from: 'node-controller' }, 0]);
    expect(record(notes).events.at(-1)).toMatchObject({ reason: 'Other', from: 'node-controller' });
  });
});

describe('aggregation of similar events', () => {
  const created = (i: number): KubeEventNote => ({
    type: 'Normal',
    reason: 'SuccessfulCreate',
    message: `Created pod: web-${i}`,
    from: 'replicaset-controller',
  });

  it('records 9 distinct messages, then one combined record with the latest message', () => {
    const r = record(Array.from({ length: 12 }, (_, i) => [created(i), i * 1000]));
    expect(r.events).toHaveLength(10);
    expect(r.events.slice(0, 9).map((e) => e.message)).toEqual(
      Array.from({ length: 9 }, (_, i) => `Created pod: web-${i}`),
    );
    expect(r.events[9]).toMatchObject({
      message: '(combined from similar events): Created pod: web-11',
      count: 3,
      firstAt: 9000,
      lastAt: 11_000,
      combined: true,
    });
  });

  it('starts afresh after 600 s without a similar event', () => {
    const notes: [KubeEventNote, number][] = Array.from({ length: 12 }, (_, i) => [created(i), 0]);
    notes.push([created(100), 600_001]);
    expect(record(notes).events.at(-1)).toMatchObject({ message: 'Created pod: web-100' });
  });

  it('bounds the record list of a ReplicaSet that creates 10,000 pods', () => {
    let r: Recorded = { events: [], recorder: NO_RECORDER };
    for (let i = 0; i < 10_000; i++) r = withNotes(r, [created(i)], i, i + 1);
    // 25 written (9 own records, 16 occurrences of the combined one), then the spam filter.
    expect(r.events).toHaveLength(10);
    expect(r.events[9]).toMatchObject({ count: 16, combined: true });
  });
});

describe('the observation cache', () => {
  it('counts each message of one reason on its own, whatever came between', () => {
    const backOff = (delay: string): KubeEventNote =>
      kubelet('BackOff', `back-off ${delay} restarting failed container`);
    const r = record([
      [backOff('10s'), 0],
      [backOff('20s'), 1000],
      [backOff('10s'), 2000],
      [kubelet('Pulled'), 3000],
      [backOff('20s'), 4000],
      [backOff('10s'), 5000],
    ]);
    expect(r.events.map((e) => [e.reason, e.message.slice(9, 12), e.count, e.firstAt])).toEqual([
      ['BackOff', '10s', 3, 0],
      ['BackOff', '20s', 2, 1000],
      ['Pulled', 'ppe', 1, 3000],
    ]);
    // What the recorder keeps, read back as records: one entry per source, type and reason.
    expect(observations(r.recorder)).toEqual([
      {
        from: 'kubelet',
        noUid: false,
        type: 'Normal',
        reason: 'BackOff',
        messages: [backOff('10s').message, backOff('20s').message],
        lastAt: 5000,
        observed: [
          { message: backOff('10s').message, combined: false, count: 3, firstAt: 0 },
          { message: backOff('20s').message, combined: false, count: 2, firstAt: 1000 },
        ],
      },
      {
        from: 'kubelet',
        noUid: false,
        type: 'Normal',
        reason: 'Pulled',
        messages: ['Pulled happened'],
        lastAt: 3000,
        observed: [{ message: 'Pulled happened', combined: false, count: 1, firstAt: 3000 }],
      },
    ]);
    // The given recorder is left as it was.
    const before = observations(r.recorder);
    withNotes(r, [backOff('10s')], 6000, 7);
    expect(observations(r.recorder)).toEqual(before);
  });
});

describe('the scheduler (events.k8s.io)', () => {
  it('is neither aggregated nor filtered: every attempt is counted and written', () => {
    const failed: KubeEventNote = {
      type: 'Warning',
      reason: 'FailedScheduling',
      message: '0/1 nodes are available: 1 Too many pods.',
      from: 'default-scheduler',
    };
    const r = record(Array.from({ length: 40 }, (_, i) => [failed, i * 1000]));
    expect(r.events).toEqual([expect.objectContaining({ count: 40, lastAt: 39_000 })]);
  });
});

describe('an occurrence repeated while no token is left', () => {
  // The recorder keeps the repeats of a note it has just counted aside (RecorderState.repeat),
  // whether that occurrence was written or dropped; writing them back before every note must
  // change nothing anyone reads.
  const notes = [
    kubelet('BackOff', 'Back-off restarting'),
    kubelet('BackOff', 'Back-off restarting other'),
    kubelet('Pulled'),
    { ...kubelet('BackOff', 'Back-off restarting'), noUid: true as const },
    { ...kubelet('BackOff', 'Back-off restarting'), from: 'node-controller' },
    ...Array.from({ length: 11 }, (_, i) => kubelet('Failed', `attempt ${i}`)),
  ];

  /** Records each step's notes (by index) `gap` ms after the previous step, both ways. */
  function asFullCorrelation(steps: readonly (readonly [readonly number[], number])[]): void {
    let fast: Recorded = { events: [], recorder: NO_RECORDER };
    let slow: Recorded = { events: [], recorder: NO_RECORDER };
    let at = 0;
    steps.forEach(([picked, gap], k) => {
      at += gap;
      const some = picked.map((i) => notes[i]!);
      fast = withNotes(fast, some, at, k + 1);
      slow = withNotes({ ...slow, recorder: withoutRepeat(slow.recorder) }, some, at, k + 1);
      expect(fast.events).toEqual(slow.events);
      expect(observations(fast.recorder)).toEqual(observations(slow.recorder));
    });
  }

  it('counts as the full correlation would, however notes interleave', () => {
    // Events with several notes, and one reason with more distinct messages than the aggregator
    // keeps apart, are among the steps.
    const gap = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0, max: 20_000 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 400_000 }) },
    );
    const note = fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 0, max: 4 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: notes.length - 1 }) },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(note, { minLength: 1, maxLength: 3 }), gap), { maxLength: 150 }),
        asFullCorrelation,
      ),
      { numRuns: 300 },
    );
  });

  it('counts as the full correlation would through a crash loop, as tokens come back', () => {
    // A BackOff every 10–15 s for an hour, now and then another note: long runs of repeats,
    // across the 300 s in which the spam filter's bucket gets a token back.
    const step = fc.oneof(
      { weight: 20, arbitrary: fc.constant([0]) },
      { weight: 1, arbitrary: fc.constantFrom([2], [1], [0, 2]) },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(step, fc.integer({ min: 10_000, max: 15_000 })), {
          minLength: 100,
          maxLength: 300,
        }),
        asFullCorrelation,
      ),
      { numRuns: 100 },
    );
  });

  it('counts as the full correlation would once a reason is aggregated', () => {
    // Ten distinct messages make the next one combined; its repeat is not combined again. The
    // kubelet's tokens are spent first, so that the repeats are dropped.
    const spent = Array.from({ length: 30 }, () => [[2], 1_000] as const);
    const failed = Array.from({ length: 11 }, (_, i) => [[5 + i], 1_000] as const);
    const repeated = Array.from({ length: 40 }, () => [[15], 1_000] as const);
    asFullCorrelation([...spent, ...failed, ...repeated]);
  });

  it('keeps the repeat of a crash loop aside, leaving the cells as they were', () => {
    let r: Recorded = { events: [], recorder: NO_RECORDER };
    for (let i = 0; i < 30; i++)
      r = withNotes(r, [kubelet('BackOff', 'Back-off restarting')], i * 1000, i + 1);
    const cells = r.recorder.similar;
    r = withNotes(r, [kubelet('BackOff', 'Back-off restarting')], 30_000, 31);
    expect(r.recorder.similar).toBe(cells);
    expect(r.recorder.repeatCount).toBe(31);
    expect(observations(r.recorder)[0]!.observed[0]!.count).toBe(31);
  });
});
