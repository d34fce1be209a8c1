/**
 * Client-side event correlation, as client-go tools/record events_cache.go does it: an Event
 * identical to an earlier one (same source, type, reason and message) increments that record's
 * count and lastTimestamp instead of creating a new record.
 */
import type { KubeEventNote } from '../events/createEvent.js';
import type { Millis } from '../model/time.js';
import type { RecordedEvent } from './model.js';

const same =
  (n: KubeEventNote) =>
  (e: { reason: string; message: string; type: string; from: string }): boolean =>
    e.reason === n.reason && e.message === n.message && e.type === n.type && e.from === n.from;

/**
 * The record index each note lands on (existing records first, then new ones in order). Computed
 * on the plain list so that searching does not create an Immer proxy per record.
 */
export function noteTargets(
  list: readonly RecordedEvent[],
  notes: readonly KubeEventNote[],
): number[] {
  const added: KubeEventNote[] = [];
  return notes.map((n) => {
    const i = list.findIndex(same(n));
    if (i >= 0) return i;
    const j = added.findIndex(same(n));
    if (j >= 0) return list.length + j;
    added.push(n);
    return list.length + added.length - 1;
  });
}

/** Applies notes to a (draft) list at the indexes noteTargets computed. */
export function recordAt(
  list: RecordedEvent[],
  notes: readonly KubeEventNote[],
  targets: readonly number[],
  at: Millis,
  seq: number,
): void {
  notes.forEach((n, i) => {
    const t = targets[i]!;
    if (t < list.length) {
      const e = list[t]!;
      e.count += 1;
      e.lastAt = at;
      e.seq = seq;
    } else {
      list.push({
        type: n.type,
        reason: n.reason,
        message: n.message,
        from: n.from,
        count: 1,
        firstAt: at,
        lastAt: at,
        seq,
        ...(n.noUid ? { noUid: true as const } : {}),
      });
    }
  });
}

export function recordNotes(
  list: RecordedEvent[],
  notes: KubeEventNote[],
  at: Millis,
  seq: number,
): void {
  recordAt(list, notes, noteTargets(list, notes), at, seq);
}
