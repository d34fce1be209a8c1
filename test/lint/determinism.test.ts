/**
 * The determinism lint: src/ must not read the wall clock, draw unseeded randomness, or schedule
 * real timers — every run with the same inputs and seed must give the same bytes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BANNED: Array<[RegExp, string]> = [
  [/Math\.random\s*\(/, 'Math.random: use the seeded draws in engine/rng.ts'],
  [/Date\.now\s*\(/, 'Date.now: virtual time only'],
  [/new Date\(\s*\)/, 'new Date(): virtual time only'],
  [/performance\.now\s*\(/, 'performance.now: virtual time only'],
  [/\bset(Timeout|Interval|Immediate)\s*\(/, 'real timers: the engine owns time'],
  [
    /from 'rxjs'[^;]*\b(delay|timer|interval|debounceTime|throttleTime|asyncScheduler)\b/,
    'RxJS time operators',
  ],
];

/**
 * A line may opt out with this marker and a reason when the call orders work between threads and
 * cannot change any result (e.g. `podsim check --jobs` yielding so workers' answers are read).
 */
const ALLOW = '// determinism-lint: scheduling only';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('determinism lint', () => {
  it('finds no wall clock, unseeded randomness or real timers in src/', () => {
    const hits: string[] = [];
    for (const f of files('src')) {
      const text = readFileSync(f, 'utf8');
      text.split('\n').forEach((line, i) => {
        if (line.includes(ALLOW)) return;
        for (const [re, why] of BANNED) if (re.test(line)) hits.push(`${f}:${i + 1}: ${why}`);
      });
    }
    expect(hits).toEqual([]);
  });

  it('lets only the check worker pool opt out, where scheduling cannot change an answer', () => {
    const users = files('src').filter((f) => readFileSync(f, 'utf8').includes(ALLOW));
    expect(users.map((f) => f.split(/[\\/]/).join('/'))).toEqual(['src/check/user/pool.ts']);
  });
});
