/**
 * The fold's indexes answer what a scan of the state would: podCountsByOwner (active pods and the
 * Ready ones among them, per controller uid) after every event of runs that create, roll, delete and
 * replace replicas; and Event correlation on long record lists (looked up through an index) lands
 * each note where client-go's correlation, a scan for an identical record, puts it.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { isPodActive, isPodReady } from '../../src/controllers/activePods.js';
import type { ClusterState, RecordedEvent } from '../../src/state/model.js';
import { noteTargets, withNotes } from '../../src/state/recordEvents.js';
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
  const note = (i: number): KubeEventNote => ({
    type: 'Normal',
    reason: 'SuccessfulCreate',
    message: `Created pod: web-${i}`,
    from: 'replicaset-controller',
  });
  const scanTarget = (list: readonly RecordedEvent[], n: KubeEventNote): number =>
    list.findIndex(
      (e) =>
        e.reason === n.reason && e.message === n.message && e.type === n.type && e.from === n.from,
    );

  it('puts each of 200 distinct notes in its own record and counts repeats where a scan finds them', () => {
    let list: RecordedEvent[] = [];
    for (let i = 0; i < 200; i++) list = withNotes(list, [note(i)], i * 10, i);
    expect(list).toHaveLength(200);
    const before = list;
    // Repeats of every 7th note: each lands on the record a scan finds, counted once more.
    for (let i = 0; i < 200; i += 7) {
      const [t] = noteTargets(list, [note(i)]);
      expect(t).toBe(scanTarget(list, note(i)));
      list = withNotes(list, [note(i)], 5000 + i, 1000 + i);
    }
    const repeats = Math.ceil(200 / 7);
    expect(list).toHaveLength(200);
    expect(list.filter((e) => e.count === 2)).toHaveLength(repeats);
    expect(list[7]).toMatchObject({ count: 2, firstAt: 70, lastAt: 5007, seq: 1007 });
    // The earlier list value is left as it was (entities are immutable values).
    expect(before.every((e) => e.count === 1)).toBe(true);
    // An older version of the list, which shares the index, still answers for itself: the
    // record appended later is not in it.
    const longer = withNotes(before, [note(999)], 9000, 9000);
    expect(noteTargets(before, [note(999)])).toEqual([before.length]);
    expect(noteTargets(longer, [note(999)])).toEqual([before.length]);
    expect(longer[before.length]).toMatchObject({ message: 'Created pod: web-999', count: 1 });
  });
});
