/**
 * Client-side event correlation, as client-go tools/record events_cache.go does it: an Event
 * identical to an earlier one (same source, type, reason and message) increments that record's
 * count and lastTimestamp instead of creating a new record.
 */
import type { KubeEventNote } from '../events/createEvent.js';
import type { Millis } from '../model/time.js';
import type { RecordedEvent } from './model.js';

export function recordNotes(
  list: RecordedEvent[],
  notes: KubeEventNote[],
  at: Millis,
  seq: number,
): void {
  for (const n of notes) {
    const same = list.find(
      (e) =>
        e.reason === n.reason && e.message === n.message && e.type === n.type && e.from === n.from,
    );
    if (same) {
      same.count += 1;
      same.lastAt = at;
      same.seq = seq;
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
      });
    }
  }
}
