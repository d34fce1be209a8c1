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

const keyOf = (e: { reason: string; message: string; type: string; from: string }): string =>
  `${e.from}\u0000${e.type}\u0000${e.reason}\u0000${e.message}`;

/**
 * Lists at least this long are searched through an index (key → position) instead of a scan: a
 * ReplicaSet that creates 10,000 pods records 10,000 distinct SuccessfulCreate Events.
 */
const INDEXED_FROM = 32;

/**
 * The index of each long plain list. Versions of one list (a copy that appends to it) share one
 * index: a position found is checked against the list it is asked about, and a miss there falls
 * back to the scan, so an index shared with a longer version never answers wrongly.
 */
const indexes = new WeakMap<readonly RecordedEvent[], Map<string, number>>();

/** A copy of a list shares its index (only a list long enough to be searched by index has one). */
function shareIndex(list: readonly RecordedEvent[], copy: readonly RecordedEvent[]): void {
  const index = list.length >= INDEXED_FROM ? indexes.get(list) : undefined;
  if (index) indexes.set(copy, index);
}

function findRecord(list: readonly RecordedEvent[], n: KubeEventNote): number {
  if (list.length < INDEXED_FROM) {
    // Records are unique per key, so the scan may start from the newest (a crash loop's BackOff).
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i]!;
      if (
        e.reason === n.reason &&
        e.message === n.message &&
        e.type === n.type &&
        e.from === n.from
      )
        return i;
    }
    return -1;
  }
  let index = indexes.get(list);
  if (!index) {
    index = new Map();
    for (let i = 0; i < list.length; i++) {
      const k = keyOf(list[i]!);
      if (!index.has(k)) index.set(k, i);
    }
    indexes.set(list, index);
  }
  const i = index.get(keyOf(n));
  if (i === undefined) return -1;
  if (i < list.length && same(n)(list[i]!)) return i;
  return list.findIndex(same(n));
}

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
    const i = findRecord(list, n);
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
  const index = indexes.get(list);
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
      if (index && !index.has(keyOf(n))) index.set(keyOf(n), list.length - 1);
    }
  });
}

/**
 * The list with the notes recorded, as a new array (the given one is left as it was): what a
 * reducer does to an entity's Events outside an Immer draft. Long lists keep their index.
 */
export function withNotes(
  list: readonly RecordedEvent[],
  notes: readonly KubeEventNote[],
  at: Millis,
  seq: number,
): RecordedEvent[] {
  if (notes.length === 1) {
    // One note (nearly every event): the record it correlates with is replaced, or it is appended.
    const n = notes[0]!;
    const i = findRecord(list, n);
    if (i < 0) return withNotesSlow(list, notes, at, seq);
    const next = list.slice();
    const e = list[i]!;
    next[i] = { ...e, count: e.count + 1, lastAt: at, seq };
    shareIndex(list, next);
    return next;
  }
  return withNotesSlow(list, notes, at, seq);
}

function withNotesSlow(
  list: readonly RecordedEvent[],
  notes: readonly KubeEventNote[],
  at: Millis,
  seq: number,
): RecordedEvent[] {
  const targets = noteTargets(list, notes);
  const next = list.slice();
  // Records that correlate are replaced, not changed in place: the old list keeps its values.
  for (const t of targets) if (t < next.length) next[t] = { ...next[t]! };
  shareIndex(list, next);
  recordAt(next, notes, targets, at, seq);
  return next;
}

export function recordNotes(
  list: RecordedEvent[],
  notes: KubeEventNote[],
  at: Millis,
  seq: number,
): void {
  recordAt(list, notes, noteTargets(list, notes), at, seq);
}
