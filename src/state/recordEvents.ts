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
import type {
  EventIdentity,
  RecordedEvent,
  RecorderCell,
  RecorderRepeat,
  RecorderState,
} from './model.js';

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
export const NO_RECORDER: RecorderState = Object.freeze({
  similar: [],
  buckets: [],
  repeat: undefined,
  repeatCount: 0,
  repeatAt: 0,
});

/** An entity's Events as `describe` lists them, and its recorder's caches. */
export interface Recorded {
  events: RecordedEvent[];
  recorder: RecorderState;
}

/**
 * The layout of RecorderState.similar: one block per source, type and reason, in first-seen order:
 * the identity, the aggregator's set of distinct messages (an array, shared until it changes), the
 * time of the last occurrence, and the eventLogger's observations of this identity's records, each
 * its message, whether it is the combined record, its count and its first occurrence.
 */
const FROM = 0;
const NO_UID = 1;
const TYPE = 2;
const REASON = 3;
const MESSAGES = 4;
const LAST_AT = 5;
const OBSERVED = 6;
const HEAD = 7;
const OBS_MESSAGE = 0;
const OBS_COMBINED = 1;
const OBS_COUNT = 2;
const OBS_FIRST_AT = 3;
const OBS = 4;
/** RecorderState.buckets: per source, its identity, tokens and the time they were counted. */
const TOKENS = 2;
const TOKENS_AT = 3;
const BUCKET = 4;

const num = (cells: readonly RecorderCell[], i: number): number => cells[i] as number;

/** The offset of the block of the note's source, type and reason, or -1. */
function similarBlock(cells: readonly RecorderCell[], n: KubeEventNote, noUid: boolean): number {
  for (let b = 0; b < cells.length; b += HEAD + OBS * num(cells, b + OBSERVED)) {
    if (
      cells[b + REASON] === n.reason &&
      cells[b + TYPE] === n.type &&
      cells[b + FROM] === n.from &&
      cells[b + NO_UID] === noUid
    )
      return b;
  }
  return -1;
}

/** The offset of the observation of the record (the combined one, or `message`'s), or -1. */
function observation(
  cells: readonly RecorderCell[],
  b: number,
  combined: boolean,
  message: string,
): number {
  // The latest observations are the likely ones (a repeated BackOff).
  for (let i = num(cells, b + OBSERVED) - 1; i >= 0; i--) {
    const o = b + HEAD + OBS * i;
    if (cells[o + OBS_COMBINED] === combined && (combined || cells[o + OBS_MESSAGE] === message))
      return o;
  }
  return -1;
}

/** The similar cells with the repeated occurrence's count and time written back into them. */
function similarCells(r: RecorderState): RecorderCell[] {
  const p = r.repeat;
  if (p === undefined) return r.similar;
  const cells = r.similar.slice();
  cells[p.block + LAST_AT] = r.repeatAt;
  cells[p.observation + OBS_COUNT] = r.repeatCount;
  return cells;
}

/** The same recorder with its repeat written back into `similar` (what the slow path reads). */
export function withoutRepeat(r: RecorderState): RecorderState {
  if (r.repeat === undefined) return r;
  return {
    similar: similarCells(r),
    buckets: r.buckets,
    repeat: undefined,
    repeatCount: 0,
    repeatAt: 0,
  };
}

/** The spam filter's tokens for a bucket holding `tokens` at `tokensAt`, at `at`. */
const tokensAt = (tokens: number, tokensAtMs: number, at: Millis): number =>
  Math.min(SPAM_BURST, tokens + (at - tokensAtMs) / SPAM_REFILL_MS);

/**
 * Whether `n` at `at` repeats the recorder's last occurrence and is dropped: the same
 * note within the aggregation window (its message set, hence its record, is unchanged) and still
 * no token to write it. Such an occurrence only counts one more and moves the block's time. (With
 * client-go's constants the window check is implied: a token comes back within 300 s.)
 */
function repeats(r: RecorderState, n: KubeEventNote, at: Millis): boolean {
  const p = r.repeat;
  return (
    p !== undefined &&
    n.message === p.message &&
    n.reason === p.reason &&
    n.type === p.type &&
    n.from === p.from &&
    (n.noUid === true) === p.noUid &&
    at - r.repeatAt <= SIMILAR_WINDOW_MS &&
    tokensAt(p.tokens, p.tokensAt, at) < 1
  );
}

/** The recorder's aggregation and observation caches as records (for tests and debugging). */
export function observations(r: RecorderState): (EventIdentity & {
  messages: string[];
  lastAt: Millis;
  observed: { message: string; combined: boolean; count: number; firstAt: Millis }[];
})[] {
  const c = similarCells(r);
  const out = [];
  for (let b = 0; b < c.length; b += HEAD + OBS * num(c, b + OBSERVED)) {
    const observed = [];
    for (let i = 0; i < num(c, b + OBSERVED); i++) {
      const o = b + HEAD + OBS * i;
      observed.push({
        message: c[o + OBS_MESSAGE] as string,
        combined: c[o + OBS_COMBINED] as boolean,
        count: num(c, o + OBS_COUNT),
        firstAt: num(c, o + OBS_FIRST_AT),
      });
    }
    out.push({
      from: c[b + FROM] as string,
      noUid: c[b + NO_UID] as boolean,
      type: c[b + TYPE] as string,
      reason: c[b + REASON] as string,
      messages: c[b + MESSAGES] as string[],
      lastAt: num(c, b + LAST_AT),
      observed,
    });
  }
  return out;
}

/** The record `k` is counted in: a combined one by its similar-events identity alone. */
function findRecord(
  list: readonly RecordedEvent[],
  n: KubeEventNote,
  noUid: boolean,
  combined: boolean,
  message: string,
): number {
  // Records are unique per key, so the scan may start from the newest (a crash loop's BackOff).
  // Lists stay short: aggregation bounds each reason's records, and only the scheduler's, which
  // are not aggregated, grow with the distinct messages of its retries.
  for (let i = list.length - 1; i >= 0; i--) {
    const e = list[i]!;
    if (
      e.reason === n.reason &&
      e.type === n.type &&
      e.from === n.from &&
      (e.noUid === true) === noUid &&
      (e.combined === true) === combined &&
      (combined || e.message === message)
    )
      return i;
  }
  return -1;
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
  const r = was.recorder;
  if (notes.length === 1 && repeats(r, notes[0]!, at)) {
    const { similar, buckets, repeat } = r;
    const recorder = { similar, buckets, repeat, repeatCount: r.repeatCount + 1, repeatAt: at };
    return { events: was.events, recorder };
  }
  let list: readonly RecordedEvent[] = was.events;
  let similar = similarCells(r);
  let buckets = r.buckets;
  let repeat: RecorderRepeat | undefined;
  let repeatCount = 0;
  for (const n of notes) {
    repeat = undefined;
    const noUid = n.noUid === true;
    let message = n.message;
    let combined = false;
    let count = 1;
    let firstAt = at;
    const series = SERIES_SOURCES.has(n.from);
    if (!series) {
      // 1. Aggregation.
      const b = similarBlock(similar, n, noUid);
      let messages: string[] =
        b >= 0 && at - num(similar, b + LAST_AT) <= SIMILAR_WINDOW_MS
          ? (similar[b + MESSAGES] as string[])
          : [];
      if (!messages.includes(n.message)) messages = [...messages, n.message];
      if (messages.length >= SIMILAR_MAX) {
        combined = true;
        message = COMBINED + n.message;
        messages = messages.slice(1);
      }
      // 2. Observation: the true count, even of occurrences the filter will drop.
      const o = b >= 0 ? observation(similar, b, combined, message) : -1;
      if (o >= 0) {
        count = num(similar, o + OBS_COUNT) + 1;
        firstAt = num(similar, o + OBS_FIRST_AT);
      }
      const next = similar.slice();
      // Where the note's block and observation are once this occurrence is counted.
      let block = b;
      let observed = o;
      if (b < 0) {
        block = similar.length;
        observed = block + HEAD;
        next.push(n.from, noUid, n.type, n.reason, messages, at, 1, message, combined, 1, at);
      } else {
        next[b + MESSAGES] = messages;
        next[b + LAST_AT] = at;
        if (o >= 0) {
          next[o + OBS_MESSAGE] = message;
          next[o + OBS_COUNT] = count;
        } else {
          observed = b + HEAD + OBS * num(similar, b + OBSERVED);
          next.splice(observed, 0, message, combined, 1, at);
          next[b + OBSERVED] = num(similar, b + OBSERVED) + 1;
        }
      }
      similar = next;
      // 3. Spam filter: a token per written occurrence, per source and object.
      let k = 0;
      while (k < buckets.length && !(buckets[k] === n.from && buckets[k + NO_UID] === noUid))
        k += BUCKET;
      const found = k < buckets.length;
      const tokens = found
        ? tokensAt(num(buckets, k + TOKENS), num(buckets, k + TOKENS_AT), at)
        : SPAM_BURST;
      const written = tokens >= 1;
      if (written) {
        const nextBuckets = buckets.slice();
        nextBuckets.splice(k, found ? BUCKET : 0, n.from, noUid, tokens - 1, at);
        buckets = nextBuckets;
      }
      // A repeat of this note finds its message in the set (unchanged) and counts in this
      // observation: when it also finds no token in the bucket as it is now, it may skip all of
      // the above (repeats). Tokens only come back, so a bucket left with one or more never lets
      // a repeat be dropped: nothing to arm then.
      if (!combined && num(buckets, k + TOKENS) < 1) {
        repeatCount = count;
        repeat = {
          from: n.from,
          noUid,
          type: n.type,
          reason: n.reason,
          message: n.message,
          block,
          observation: observed,
          tokens: num(buckets, k + TOKENS),
          tokensAt: num(buckets, k + TOKENS_AT),
        };
      }
      // Dropped: nothing is written, and the bucket stays as it was.
      if (!written) continue;
    }
    const i = findRecord(list, n, noUid, combined, message);
    const next = list.slice();
    if (i >= 0) {
      const e = list[i]!;
      next[i] = series
        ? { ...e, count: e.count + 1, lastAt: at, seq }
        : { ...e, message, count, lastAt: at, seq };
    } else {
      const record: RecordedEvent = {
        type: n.type,
        reason: n.reason,
        message,
        from: n.from,
        count,
        firstAt,
        lastAt: at,
        seq,
      };
      if (noUid) record.noUid = true;
      if (combined) record.combined = true;
      next.push(record);
    }
    list = next;
  }
  return {
    events: list === was.events ? was.events : (list as RecordedEvent[]),
    recorder:
      similar === r.similar && buckets === r.buckets && repeat === r.repeat
        ? r
        : {
            similar,
            buckets,
            repeat,
            repeatCount: repeat ? repeatCount : 0,
            repeatAt: repeat ? at : 0,
          },
  };
}
