/**
 * `podsim check --jobs N` (src/check/user/pool.ts): the answer is the lowest failing run whoever
 * evaluates it. With the workers started at once (timing 0/0) it is the main thread's alone, with
 * a failure and without; a check too short to pay for a worker's warm-up is left to the main
 * thread.
 *
 * The workers run the built worker (dist/check/user/worker.js): `npm run build` first.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstFailure, prepare } from '../../src/check/user/explore.js';
import { parseAssertions } from '../../src/check/user/parse.js';
import { parallelFirstFailure, POOL_TIMING, workersPay } from '../../src/check/user/pool.js';

const SCENARIO = 'traces/liveness-exec/check-startup.yaml';
const load = {
  readFile: (f: string) => readFileSync(f, 'utf8'),
  resolve: (from: string, rel: string) => (isAbsolute(rel) ? rel : join(dirname(from), rel)),
};
const prepared = (assertion: string, runs: number) =>
  prepare(
    { files: [SCENARIO], assertions: [assertion], seed: 1, runs },
    parseAssertions([assertion]),
    load,
  );
const indices = (n: number) => Array.from({ length: n }, (_, i) => i);
const AT_ONCE = { decideAfterMs: 0, spawnIfLeftMs: 0 };

describe('check --jobs', () => {
  it('finds the same lowest failing run with two workers started at once', async () => {
    // A start-up of more than ~35 s leads to a SIGKILL within the 70 s horizon.
    const p = prepared('no SIGKILL', 200);
    const alone = firstFailure(p, indices(200), () => {});
    expect(alone).not.toBeNull();
    let runs = 0;
    const together = await parallelFirstFailure(p, indices(200), 3, (n) => (runs += n), AT_ONCE);
    expect(together).toBe(alone);
    expect(runs).toBeGreaterThan(alone!);
  });

  it('passes every run with workers as without', async () => {
    const p = prepared('ready within 10s', 300);
    expect(firstFailure(p, indices(300), () => {})).toBeNull();
    let runs = 0;
    expect(await parallelFirstFailure(p, indices(300), 2, (n) => (runs += n), AT_ONCE)).toBeNull();
    expect(runs).toBe(300);
  });

  it('starts workers only for what would take the main thread more than 3 s', async () => {
    // This check's runs take ~0.35 ms each once warm (docs/architecture.md, session 20): 2,000
    // of them are over before a worker has warmed up, 20,000 are not.
    expect(workersPay(2_000, 0.35, POOL_TIMING)).toBe(false);
    expect(workersPay(20_000, 0.35, POOL_TIMING)).toBe(true);
    // A timing that never decides leaves every run to the main thread: same answer, same count.
    const p = prepared('ready within 10s', 100);
    let runs = 0;
    const never = { decideAfterMs: Infinity, spawnIfLeftMs: Infinity };
    expect(await parallelFirstFailure(p, indices(100), 2, (n) => (runs += n), never)).toBeNull();
    expect(runs).toBe(100);
  });
});
