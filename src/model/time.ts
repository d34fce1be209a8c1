/**
 * Virtual time. Every instant in podsim is an integer number of milliseconds since the scenario's
 * start; nothing reads the wall clock. RFC 3339 strings are derived from the scenario's start time.
 */
export type Millis = number;

export const ms = (n: number): Millis => Math.round(n);
export const seconds = (n: number): Millis => Math.round(n * 1000);
export const minutes = (n: number): Millis => Math.round(n * 60_000);

/** Default start of virtual time when a scenario does not name one. */
export const DEFAULT_START_TIME = '2025-01-01T00:00:00Z';

/**
 * Parses an RFC 3339 timestamp to epoch milliseconds; returns undefined when malformed or when a
 * field is out of range, as Go's time package refuses it (src/time/format_rfc3339.go
 * parseRFC3339: year 0–9999, month 1–12, day within the month, hour 0–23, minute and second 0–59,
 * zone offset hour 0–23 and minute 0–59). Date.UTC alone would roll 2025-02-30 over to March and
 * read year 0099 as 1999.
 */
export function parseRfc3339(s: string): number | undefined {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se, frac, tz] = m;
  const year = +y!;
  const month = +mo!;
  if (month < 1 || month > 12) return undefined;
  if (+d! < 1 || +d! > daysIn(year, month) || +h! > 23 || +mi! > 59 || +se! > 59) return undefined;
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, +d!);
  at.setUTCHours(+h!, +mi!, +se!, 0);
  let t = at.getTime();
  if (frac) t += Math.floor(Number(frac) * 1000);
  if (tz && tz !== 'Z' && tz !== 'z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const [th, tm] = tz.slice(1).split(':');
    if (+th! > 23 || +tm! > 59) return undefined;
    t -= sign * (+th! * 60 + +tm!) * 60_000;
  }
  return Number.isFinite(t) ? t : undefined;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Formats epoch milliseconds as RFC 3339 with second precision, as the API server does. */
export function formatRfc3339(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  // Runs ask for the same second many times in a row (every fact of one instant).
  if (second === lastSecond) return lastText;
  lastText = civilText(second);
  lastSecond = second;
  return lastText;
}
let lastSecond = NaN;
let lastText = '';

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * `YYYY-MM-DDThh:mm:ssZ` for a count of seconds since the Unix epoch, by arithmetic on the day
 * number (the proleptic Gregorian calendar, as Date and Go's time package use): the fold formats a
 * timestamp for most container events, and building a Date to print it cost more than the rest of
 * the reducer. Years outside 1970..9999 go through Date (its wider forms).
 */
function civilText(second: number): string {
  const days = Math.floor(second / 86_400);
  const secs = second - days * 86_400;
  // Days to civil date (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 1970 || y > 9999) return new Date(second * 1000).toISOString().replace('.000Z', 'Z');
  const h = Math.floor(secs / 3600);
  const mi = Math.floor((secs - h * 3600) / 60);
  const s = secs - h * 3600 - mi * 60;
  return `${y}-${pad2(m)}-${pad2(d)}T${pad2(h)}:${pad2(mi)}:${pad2(s)}Z`;
}

/**
 * Go's time.Duration.String() truncated to milliseconds, e.g. 1.561s, 2m3.5s, 150ms.
 * Used in kubelet messages such as "Successfully pulled image ... in 1.561s".
 */
export function goDuration(d: Millis): string {
  if (d === 0) return '0s';
  const neg = d < 0;
  let rest = Math.abs(d);
  if (rest < 1000) return `${neg ? '-' : ''}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = rest / 1000;
  const sec = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  return `${neg ? '-' : ''}${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${sec}`;
}

/**
 * Parses a duration as people write them in scenarios: a Go duration (`1m30s`, `500ms`, `2h`),
 * or a bare number of seconds. Returns undefined when malformed.
 */
export function parseDuration(v: unknown): Millis | undefined {
  const d = parsedDuration(v);
  // Go's time.ParseDuration refuses what overflows an int64 of nanoseconds (~292 years); past
  // that a millisecond count is not exact either (2^53).
  return d !== undefined && d <= MAX_DURATION_MS ? d : undefined;
}

/** Go's largest time.Duration, 2^63-1 ns (2562047h47m16.854s), in whole milliseconds. */
export const MAX_DURATION_MS: Millis = 9_223_372_036_854;

function parsedDuration(v: unknown): Millis | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? seconds(v) : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return seconds(Number(s));
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const n = Number(m[1]);
    total +=
      m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000;
    matched = re.lastIndex;
  }
  if (matched !== s.length || s.length === 0) return undefined;
  return Math.round(total);
}
