/**
 * Human-readable durations, as kubectl prints them.
 *
 * Mirrors staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go. kubectl uses HumanDuration
 * (not ShortHumanDuration) for every age it prints for pods: the AGE column and the RESTARTS
 * suffix go through translateTimestampSince in pkg/printers/internalversion/printers.go, and the
 * Events ages and "Terminating (lasts …)" in staging/src/k8s.io/kubectl/pkg/describe/describe.go
 * go through translateTimestampSince / translateMicroTimestampSince, all of which call
 * duration.HumanDuration(time.Since(t)).
 */
import { parseRfc3339 } from '../model/time.js';
import { parseApiTime } from './goTime.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's int(d.Seconds()): truncation toward zero. */
function wholeSeconds(ms: number): number {
  return Math.trunc(ms / SECOND);
}

/**
 * duration.HumanDuration: ~2-3 significant figures, e.g. `75s`, `3m10s`, `70m`, `2d1h`, `2y1d`.
 * A deviation of less than two seconds into the past counts as "now" (machine clock skew).
 */
export function humanDuration(ms: number): string {
  const seconds = wholeSeconds(ms);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = wholeSeconds(ms) % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  const years = Math.trunc(hours / 24 / 365);
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/** duration.ShortHumanDuration: one unit only, e.g. `59s`, `1m`, `23h`, `364d`, `1y`. */
export function shortHumanDuration(ms: number): string {
  const seconds = wholeSeconds(ms);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/**
 * Parses `now` for the views. A malformed `now` is a programming error in the caller, so it
 * throws instead of silently printing wrong ages.
 */
export function parseNow(now: string): number {
  const t = parseRfc3339(now);
  if (t === undefined) throw new Error(`views: "now" is not an RFC 3339 timestamp: ${now}`);
  return t;
}

/**
 * translateTimestampSince (printers.go, describe.go): `<unknown>` for a zero (absent) timestamp,
 * else HumanDuration(now - t). An unparsable timestamp is treated like an absent one.
 */
export function translateTimestampSince(timestamp: string | undefined, nowMs: number): string {
  const t = parseApiTime(timestamp);
  if (t === undefined) return '<unknown>';
  return humanDuration(nowMs - t);
}
