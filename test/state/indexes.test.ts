/**
 * The fold's indexes answer what a scan of the state would: podCountsByOwner (active pods and the
 * Ready ones among them, per controller uid) after every event of runs that create, roll, delete and
 * replace replicas; and Event correlation on long record lists lands each note where client-go's
 * correlation, a search for an identical record, puts it.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { isPodActive, isPodReady } from '../../src/controllers/activePods.js';
import type { ClusterState, RecordedEvent } from '../../src/state/model.js';
import { NO_RECORDER, withNotes } from '../../src/state/recordEvents.js';
import type { Recorded } from '../../src/state/recordEvents.js';
import type { KubeEventNote } from '../../src/events/createEvent.js';
import { examplePath, loadFiles } from '../helpers/run.js';
import { simulate } from '../../src/engine/run.js';

/** Counts by a scan of every pod, as the controllers computed them before the index existed. */
function scannedCounts(state: ClusterState): Map<string, { active: number; ready: number }> {
  const out = new Map<string, { active: number; ready: number }>();
  for (const p of state.pods.values()) {
    const uid = p.pod.metadata?.ownerReferences?.find((r) => r.controller === true)?.uid;
    if (uid === undefined) continue;
    const c = out.get(uid) ?? { active: 0, ready: 0 };
    const pod = p.pod as Pod;
    if (isPodActive(pod)) {
      c.active += 1;
      if (isPodReady(pod)) c.ready += 1;
    }
    out.set(uid, c);
  }
  return out;
}

describe('podCountsByOwner', () => {
  for (const example of ['rolling-update', 'deployment-delete-pod', 'scale-deployment', 'nginx-rc'])
    it(`equals a scan of the pods after every event of ${example}`, () => {
      let checked = 0;
      let sawReady = 0;
      simulate(loadFiles([examplePath(example)]), {
        onEvent: (_ev, state) => {
          const scanned = scannedCounts(state);
          for (const [uid, c] of scanned) {
            const indexed = state.podCountsByOwner.get(uid) ?? { active: 0, ready: 0 };
            expect(indexed).toEqual(c);
            sawReady = Math.max(sawReady, c.ready);
          }
          for (const [uid, c] of state.podCountsByOwner)
            if (!scanned.has(uid)) expect(c).toEqual({ active: 0, ready: 0 });
          checked++;
        },
      });
      expect(checked).toBeGreaterThan(20);
      // The runs reach Ready replicas, so the ready count is exercised, not only zeros.
      expect(sawReady).toBeGreaterThan(0);
    });
});

describe('Event correlation on long lists', () => {
  // The scheduler's Events are correlated without aggregation, so its lists can grow long.
  const note = (i: number): KubeEventNote => ({
    type: 'Warning',
    reason: 'FailedScheduling',
    message: `0/${i} nodes are available.`,
    from: 'default-scheduler',
  });
  const scanTarget = (list: readonly RecordedEvent[], n: KubeEventNote): number =>
    list.findIndex(
      (e) =>
        e.reason === n.reason && e.message === n.message && e.type === n.type && e.from === n.from,
    );
  const record = (r: Recorded, n: KubeEventNote, at: number, seq: number): Recorded =>
    withNotes(r, [n], at, seq);

  it('puts each of 200 distinct notes in its own record and counts repeats where a scan finds them', () => {
    let r: Recorded = { events: [], recorder: NO_RECORDER };
    for (let i = 0; i < 200; i++) r = record(r, note(i), i * 10, i);
    expect(r.events).toHaveLength(200);
    const before = r;
    // Repeats of every 7th note: each lands on the record a scan finds, counted once more.
    for (let i = 0; i < 200; i += 7) {
      const target = scanTarget(r.events, note(i));
      r = record(r, note(i), 5000 + i, 1000 + i);
      expect(r.events[target]).toMatchObject({ message: note(i).message, count: 2 });
    }
    const repeats = Math.ceil(200 / 7);
    expect(r.events).toHaveLength(200);
    expect(r.events.filter((e) => e.count === 2)).toHaveLength(repeats);
    expect(r.events[7]).toMatchObject({ count: 2, firstAt: 70, lastAt: 5007, seq: 1007 });
    // The earlier list value is left as it was (entities are immutable values).
    expect(before.events.every((e) => e.count === 1)).toBe(true);
    // An older version of the list still answers for itself: the record appended to a later
    // version is not in it.
    const longer = record(before, note(999), 9000, 9000);
    const again = record(before, note(999), 9001, 9001);
    expect(longer.events[before.events.length]).toMatchObject({ count: 1, lastAt: 9000 });
    expect(again.events).toHaveLength(before.events.length + 1);
    expect(again.events[before.events.length]).toMatchObject({ count: 1, lastAt: 9001 });
  });
});
