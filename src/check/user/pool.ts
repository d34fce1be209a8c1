/**
 * `--jobs N`: run indices evaluated in batches by the main thread and N-1 worker threads. The
 * answer — the lowest failing index, or none — does not depend on N or on who ran which batch: a
 * batch is skipped only when it starts after a failure already found, and the lowest failure
 * wins. Workers load the inputs once and keep two batches queued so they never wait for the main
 * thread, which evaluates batches itself between handing out others.
 *
 * Each worker warms its own JIT compiler on the same cores, and until it has (~2.5 s on two
 * cores) both threads run slower than one warm thread alone: a check of 2,000 short runs took
 * 0.84–0.96× as long with two threads. So the main thread first runs alone, and starts the
 * workers only when, at its rate so far, the runs left would take it longer than `spawnIfLeftMs`.
 */
import { Worker } from 'node:worker_threads';
import type { Prepared } from './explore.js';
import { firstFailure } from './explore.js';
import { RunLimitError } from '../../engine/simulation.js';

/** A worker's answer to a batch (worker.ts): its first failing index, or the error a run threw. */
type WorkerAnswer =
  { failed: number | null; count: number } | { error: { limit: boolean; message: string } };

/** The built worker (from the TypeScript sources, as in tests, the one in dist/). */
function workerUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('../../../dist/check/user/worker.js', import.meta.url)
    : new URL('./worker.js', import.meta.url);
}

/**
 * Lets pending worker messages be handled: setImmediate runs after the event loop's poll phase,
 * where the workers' messages arrive (a message between two ports of this thread could be
 * delivered before them, and the workers would then wait for the main thread's next batch).
 */
function yieldToLoop(): Promise<void> {
  // The answer never depends on which thread ran a batch (see above).
  return new Promise((resolve) => setImmediate(resolve)); // determinism-lint: scheduling only
}

/** When the main thread decides whether workers pay (see above); both 0: start them at once. */
export interface PoolTiming {
  /** The main thread runs alone at least this long, so its rate is measured warm. */
  decideAfterMs: number;
  /** Workers start when the runs left would take the main thread longer than this. */
  spawnIfLeftMs: number;
}

/** Measured on the 2-core machine of docs/architecture.md (session 20). */
export const POOL_TIMING: PoolTiming = { decideAfterMs: 500, spawnIfLeftMs: 3_000 };

/** Whether the runs left, at the main thread's warm rate, would take longer than workers need. */
export const workersPay = (runsLeft: number, msPerRun: number, timing: PoolTiming): boolean =>
  runsLeft * msPerRun > timing.spawnIfLeftMs;

/** Wall-clock milliseconds: when to start workers only, never what a run computes. */
const wallMs = (): number => performance.now(); // determinism-lint: scheduling only

export async function parallelFirstFailure(
  prepared: Prepared,
  indices: readonly number[],
  jobs: number,
  onRuns: (n: number) => void,
  timing: PoolTiming = POOL_TIMING,
): Promise<number | null> {
  // Batches big enough to amortise messages, small enough to balance the threads.
  const size = Math.max(1, Math.min(64, Math.ceil(indices.length / (jobs * 8))));
  const batches: number[][] = [];
  for (let k = 0; k < indices.length; k += size) batches.push(indices.slice(k, k + size));
  const workers: Worker[] = [];
  let next = 0;
  let active = 0;
  let best: number | null = null;
  const take = (): number[] | undefined => {
    while (next < batches.length) {
      const b = batches[next++]!;
      if (best !== null && b[0]! > best) continue;
      active += 1;
      return b;
    }
    return undefined;
  };
  const settle = (failed: number | null, count: number): void => {
    active -= 1;
    onRuns(count);
    if (failed !== null && (best === null || failed < best)) best = failed;
  };
  try {
    return await new Promise<number | null>((resolve, reject) => {
      const maybeDone = (): void => {
        if (next >= batches.length && active === 0) resolve(best);
      };
      const dispatch = (w: Worker): void => {
        const b = take();
        if (b) w.postMessage({ indices: b });
        else maybeDone();
      };
      const startWorkers = (): void => {
        const n = Math.min(jobs - 1, Math.max(0, batches.length - next - 1));
        for (let i = 0; i < n; i++) {
          const w = new Worker(workerUrl(), {
            workerData: { spec: prepared.spec, sources: prepared.inputs.sources },
          });
          workers.push(w);
          w.on('message', (m: WorkerAnswer) => {
            if ('error' in m) {
              const { limit, message } = m.error;
              reject(limit ? new RunLimitError(message) : new Error(`a check worker: ${message}`));
              return;
            }
            settle(m.failed, m.count);
            dispatch(w);
          });
          w.on('error', reject);
          w.on('exit', (code) => {
            if (code !== 0) reject(new Error(`a check worker stopped with exit code ${code}`));
          });
          dispatch(w);
          dispatch(w);
        }
      };
      const runsLeft = (): number => {
        let left = 0;
        for (let k = next; k < batches.length; k++)
          if (best === null || batches[k]![0]! <= best) left += batches[k]!.length;
        return left;
      };
      // Until it has decided, the main thread times its batches: its rate over the second half
      // of decideAfterMs (the first batches run cold) says how long the runs left would take it.
      let decided = timing.decideAfterMs <= 0 && timing.spawnIfLeftMs <= 0;
      if (decided) startWorkers();
      const began = wallMs();
      let ran = 0;
      let half: { ran: number; at: number } | undefined;
      const timeBatch = (count: number): void => {
        if (decided) return;
        ran += count;
        const elapsed = wallMs() - began;
        if (half === undefined && elapsed >= timing.decideAfterMs / 2) half = { ran, at: elapsed };
        if (ran === 0 || elapsed < timing.decideAfterMs) return;
        decided = true;
        const warm = half !== undefined && ran > half.ran && elapsed > half.at;
        const msPerRun = warm ? (elapsed - half!.at) / (ran - half!.ran) : elapsed / ran;
        if (workersPay(runsLeft(), msPerRun, timing)) startWorkers();
      };
      const local = async (): Promise<void> => {
        for (;;) {
          const b = take();
          if (!b) return maybeDone();
          let count = 0;
          const failed = firstFailure(prepared, b, () => (count += 1));
          settle(failed, count);
          timeBatch(count);
          await yieldToLoop();
        }
      };
      local().catch(reject);
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
