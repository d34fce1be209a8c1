/**
 * What becomes of a Kubernetes Event between the component that emits it and `kubectl describe`,
 * as client-go's legacy recorder does it (tools/record events_cache.go EventCorrelate), in order:
 *
 * 1. Aggregation (EventAggregator): events of one source, object, type and reason with different
 *    messages are "similar". Once 10 distinct messages have been seen with no gap over 600 s, each
 *    further new message is recorded as one event `(combined from similar events): <message>`.
 * 2. Observation (eventLogger, an LRU cache): an event identical to an earlier one (same source,
 *    object, type, reason and message; a combined event by its similar-events key) counts one more
 *    occurrence, from the first occurrence's time.
 * 3. Spam filter (EventSourceObjectSpamFilter): one token bucket per source and object, burst 25,
 *    one token every 300 s. An occurrence without a token is not written; the next written one
 *    carries the full count. So `describe` shows true counts, with a last-seen time that can lag.
 *
 * The scheduler writes through events.k8s.io (tools/events), which has none of these steps: its
 * repeats are correlated into one record with a count.
 *
 * Modelling choices: the three caches are per entity (client-go keeps them per recorder, keyed by
 * object; their LRU eviction at 4,096 entries is not modelled), and where the aggregator drops
 * "any" message from its set at the threshold (Go map order) podsim drops the oldest.
 */
import type { KubeEventNote } from '../events/createEvent.js';
import type { Millis } from '../model/time.js';
import type { EventIdentity, RecordedEvent, RecorderState } from './model.js';

/** EventAggregator: maxEvents and maxIntervalInSeconds (NewEventCorrelator defaults). */
const SIMILAR_MAX = 10;
const SIMILAR_WINDOW_MS = 600_000;
/** EventSourceObjectSpamFilter: burst 25, qps 1/300. */
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300_000;
const COMBINED = '(combined from similar events): ';

/** Sources that write through events.k8s.io, without the legacy recorder's correlator. */
const SERIES_SOURCES = new Set(['default-scheduler']);

/** The recorder of an entity nothing has been recorded on (never written: every change copies). */
export const NO_RECORDER: RecorderState = Object.freeze({ similar: [], buckets: [] });

/** An entity's Events as `describe` lists them, and its recorder's caches. */
export interface Recorded {
  events: RecordedEvent[];
  recorder: RecorderState;
}

/** A note as the recorder keys it: `noUid` notes name their object differently (no uid). */
interface Keyed extends EventIdentity {
  message: string;
  combined: boolean;
}

const sameSimilar = (x: EventIdentity, k: Keyed): boolean =>
  x.reason === k.reason && x.type === k.type && x.from === k.from && x.noUid === k.noUid;

/** The record `k` is counted in: a combined one by its similar-events identity alone. */
function findRecord(list: readonly RecordedEvent[], k: Keyed): number {
  // Records are unique per key, so the scan may start from the newest (a crash loop's BackOff).
  // Lists stay short: aggregation bounds each reason's records, and only the scheduler's, which
  // are not aggregated, grow with the distinct messages of its retries.
  for (let i = list.length - 1; i >= 0; i--) {
    const e = list[i]!;
    if (
      e.reason === k.reason &&
      e.type === k.type &&
      e.from === k.from &&
      (e.noUid === true) === k.noUid &&
      (e.combined === true) === k.combined &&
      (k.combined || e.message === k.message)
    )
      return i;
  }
  return -1;
}

/** The position of the last entry `same` accepts (recent entries are the likely ones), or -1. */
function lastIndex<T>(list: readonly T[], same: (x: T) => boolean): number {
  let i = list.length - 1;
  while (i >= 0 && !same(list[i]!)) i--;
  return i;
}

/** `list` with `item` at `i`, or appended when `i` is -1. */
function replaced<T>(list: readonly T[], i: number, item: T): T[] {
  const next = list.slice();
  next[i < 0 ? next.length : i] = item;
  return next;
}

/**
 * The entity's Events and recorder after the notes, as new values (the given ones are left as
 * they were): what a reducer does outside an Immer draft.
 */
export function withNotes(
  was: Recorded,
  notes: readonly KubeEventNote[],
  at: Millis,
  seq: number,
): Recorded {
  let list: readonly RecordedEvent[] = was.events;
  let { similar, buckets } = was.recorder;
  for (const n of notes) {
    const k: Keyed = {
      from: n.from,
      noUid: n.noUid === true,
      type: n.type,
      reason: n.reason,
      message: n.message,
      combined: false,
    };
    let count = 1;
    let firstAt = at;
    const series = SERIES_SOURCES.has(n.from);
    if (!series) {
      // 1. Aggregation.
      const si = lastIndex(similar, (x) => sameSimilar(x, k));
      const s = si >= 0 ? similar[si] : undefined;
      let messages = s && at - s.lastAt <= SIMILAR_WINDOW_MS ? s.messages : [];
      if (!messages.includes(n.message)) messages = [...messages, n.message];
      if (messages.length >= SIMILAR_MAX) {
        k.combined = true;
        k.message = COMBINED + n.message;
        messages = messages.slice(1);
      }
      // 2. Observation: the true count, even of occurrences the filter will drop.
      const seen = s?.observed ?? [];
      const oi = lastIndex(
        seen,
        (o) => o.combined === k.combined && (k.combined || o.message === k.message),
      );
      count = oi >= 0 ? seen[oi]!.count + 1 : 1;
      firstAt = oi >= 0 ? seen[oi]!.firstAt : at;
      const observed = replaced(seen, oi, {
        message: k.message,
        combined: k.combined,
        count,
        firstAt,
      });
      similar = replaced(similar, si, {
        from: k.from,
        noUid: k.noUid,
        type: k.type,
        reason: k.reason,
        messages,
        lastAt: at,
        observed,
      });
      // 3. Spam filter: a token per written occurrence, per source and object.
      const bi = lastIndex(buckets, (x) => x.from === k.from && x.noUid === k.noUid);
      const b = bi >= 0 ? buckets[bi] : undefined;
      const tokens = b ? Math.min(SPAM_BURST, b.tokens + (at - b.at) / SPAM_REFILL_MS) : SPAM_BURST;
      if (tokens < 1) continue;
      buckets = replaced(buckets, bi, { from: k.from, noUid: k.noUid, tokens: tokens - 1, at });
    }
    const i = findRecord(list, k);
    const next = list.slice();
    if (i >= 0) {
      const e = list[i]!;
      next[i] = series
        ? { ...e, count: e.count + 1, lastAt: at, seq }
        : { ...e, message: k.message, count, lastAt: at, seq };
    } else {
      next.push({
        type: n.type,
        reason: n.reason,
        message: k.message,
        from: n.from,
        count,
        firstAt,
        lastAt: at,
        seq,
        ...(n.noUid ? { noUid: true as const } : {}),
        ...(k.combined ? { combined: true as const } : {}),
      });
    }
    list = next;
  }
  return {
    events: list === was.events ? was.events : (list as RecordedEvent[]),
    recorder:
      similar === was.recorder.similar && buckets === was.recorder.buckets
        ? was.recorder
        : { similar, buckets },
  };
}
