/**
 * Timestamps as Go and kubectl handle them: parsing API timestamps (metav1.Time, metav1.MicroTime)
 * and printing them the way `kubectl describe` does (time.RFC1123Z).
 */
import { parseRfc3339 } from '../model/time.js';

/** Go's zero time.Time: metav1.Time marshals it as null, so it only appears when a field is unset. */
const GO_ZERO_TIME = /^0001-01-01T00:00:00(\.0+)?(Z|[+-]00:00)$/;

/**
 * Epoch milliseconds of an API timestamp, or undefined when it is absent, Go's zero time or
 * malformed (kubectl treats all of these as metav1.Time.IsZero()).
 */
export function parseApiTime(s: string | undefined | null): number | undefined {
  if (!s || GO_ZERO_TIME.test(s)) return undefined;
  return parseRfc3339(s);
}

/**
 * Epoch microseconds of a metav1.MicroTime (or Time), keeping the sub-millisecond digits so that
 * event sorting compares at the precision Go's time.Time.Before does.
 */
export function parseApiMicros(s: string | undefined | null): number | undefined {
  const ms = parseApiTime(s);
  if (ms === undefined || !s) return undefined;
  const frac = /\.(\d+)/.exec(s)?.[1] ?? '';
  const micros = Number((frac + '000000').slice(3, 6));
  return ms * 1000 + micros;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Go's t.Format(time.RFC1123Z) ("Mon, 02 Jan 2006 15:04:05 -0700") in UTC, as describe.go prints
 * Start Time, Started and Finished. kubectl converts API times to the local zone of the machine it
 * runs on; podsim prints them as a kubectl running with TZ=UTC would (`+0000`). An unset time
 * prints as Go's zero time, exactly as describe.go does for a zero metav1.Time.
 */
export function formatRfc1123z(epochMs: number | undefined): string {
  if (epochMs === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(epochMs);
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  return (
    `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${year} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`
  );
}
