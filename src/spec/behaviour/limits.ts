/**
 * Bounds that keep behaviour inference fast and total on hostile manifests. A manifest is
 * untrusted input: a script may be megabytes long, nest loops a thousand deep or ask to sleep for
 * longer than the universe has existed. Every cap here is reported in a note when it bites, so a
 * user can see where podsim stopped following the script.
 */
import type { Millis } from '../../model/time.js';

export const BEHAVIOUR_LIMITS = {
  /** Longest script podsim reads (bytes); the rest is ignored with a note. */
  maxScriptBytes: 64 * 1024,
  /** Most program steps podsim produces by unrolling loops. */
  maxSteps: 10_000,
  /** Most AST nodes evaluated per container: bounds nested loops whatever their counts. */
  maxWork: 200_000,
  /** Deepest nesting of compound commands and `sh -c` inside `sh -c`. */
  maxDepth: 64,
  /** Longest single sleep (10 years): beyond this a run would never get there anyway. */
  maxSleepMs: 10 * 365 * 24 * 3600 * 1000,
  /** Most notes about one container: a hostile script must not flood the output. */
  maxNotes: 50,
  /** Longest command text quoted in a note. */
  maxQuoted: 80,
} as const;

const UNIT_MS: Record<string, number> = {
  '': 1000,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Parses `sleep`'s operands as GNU coreutils and BusyBox (with FANCY_SLEEP) do: each operand is a
 * decimal number with an optional s/m/h/d suffix, and several operands add up. `infinity` (or
 * `inf`) never ends. Returns milliseconds, Infinity, or undefined when an operand is malformed
 * (the real `sleep` then fails with "invalid time interval").
 */
export function parseSleepOperands(operands: readonly string[]): number | undefined {
  if (operands.length === 0) return undefined;
  let total = 0;
  for (const op of operands) {
    if (/^(inf|infinity)$/i.test(op)) return Infinity;
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(op);
    if (!m) return undefined;
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 1000);
  }
  return Math.round(total);
}

/** Caps a duration at maxSleepMs; `capped` says whether the cap applied. */
export function capSleep(ms: number): { ms: Millis; capped: boolean } {
  if (ms > BEHAVIOUR_LIMITS.maxSleepMs) return { ms: BEHAVIOUR_LIMITS.maxSleepMs, capped: true };
  return { ms: Math.max(0, Math.round(ms)), capped: false };
}

/**
 * Quotes manifest text for a note: one line, control and bidirectional-override characters shown
 * as spaces, long text cut with an ellipsis. Notes end up in terminal output, so such characters
 * from an untrusted manifest must never reach them.
 */
export function quote(text: string): string {
  const oneLine = text
    .replace(
      /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g,
      ' ',
    )
    .trim();
  const chars = Array.from(oneLine);
  const cut =
    chars.length > BEHAVIOUR_LIMITS.maxQuoted
      ? `${chars.slice(0, BEHAVIOUR_LIMITS.maxQuoted - 1).join('')}…`
      : oneLine;
  return `"${cut}"`;
}

/** Formats a duration for notes the way people say it: 30s, 2m, 1h30m, 10y. */
export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'forever';
  if (ms >= BEHAVIOUR_LIMITS.maxSleepMs) return '10y';
  if (ms < 1000) return `${ms}ms`;
  const s = ms / 1000;
  if (s < 60) return `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  // Whole seconds first, then split: rounding after the split printed 119.6 s as "1m60s".
  const whole = Math.round(s);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${rest ? `${rest}s` : ''}` || '0s';
}
