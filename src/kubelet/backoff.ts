/**
 * The kubelet's back-off records, mirroring staging/src/k8s.io/client-go/util/flowcontrol/backoff.go
 * with the kubelet's settings (pkg/kubelet/kubelet.go: backOffPeriod 10 s, MaxContainerBackOff 300 s,
 * no jitter). One record per container for restarts, one per image for pulls.
 */
import type { BackoffEntry } from '../events/catalog.js';
import type { Millis } from '../model/time.js';

export const BACKOFF_INITIAL_MS: Millis = 10_000;
export const BACKOFF_MAX_MS: Millis = 300_000;

/** backoff.go hasExpired: a record untouched for twice the maximum is forgotten. */
function hasExpired(eventTime: Millis, lastUpdate: Millis): boolean {
  return eventTime - lastUpdate > 2 * BACKOFF_MAX_MS;
}

/**
 * The kubelet's housekeeping (every 2 s) calls backOff.GC(), deleting records not updated for more
 * than 600 s; a container that ran T < 600 s before crashing therefore waits at most 600 − T s.
 */
export function collected(entry: BackoffEntry | null, now: Millis): boolean {
  return entry !== null && now - entry.lastUpdate > 2 * BACKOFF_MAX_MS;
}

/** When the record's garbage collection ends a back-off early. */
export function collectedAt(entry: BackoffEntry): Millis {
  return entry.lastUpdate + 2 * BACKOFF_MAX_MS + 1;
}

/** backoff.go IsInBackOffSince: is `now` still within the back-off window that began at `eventTime`? */
export function isInBackOffSince(
  entry: BackoffEntry | null,
  eventTime: Millis,
  now: Millis,
): boolean {
  if (!entry || collected(entry, now) || hasExpired(eventTime, entry.lastUpdate)) return false;
  return now - eventTime < entry.periodMs;
}

/** backoff.go IsInBackOffSinceUpdate: is `now` within the window that began at the last update? */
export function isInBackOffSinceUpdate(entry: BackoffEntry | null, now: Millis): boolean {
  if (!entry || hasExpired(now, entry.lastUpdate)) return false;
  return now - entry.lastUpdate < entry.periodMs;
}

/** backoff.go Next: start at the initial period, or double it (capped), and stamp the update. */
export function nextBackoff(
  entry: BackoffEntry | null,
  eventTime: Millis,
  now: Millis,
): BackoffEntry {
  if (!entry || collected(entry, now) || hasExpired(eventTime, entry.lastUpdate))
    return { periodMs: BACKOFF_INITIAL_MS, lastUpdate: now };
  return { periodMs: Math.min(entry.periodMs * 2, BACKOFF_MAX_MS), lastUpdate: now };
}
