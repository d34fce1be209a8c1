/**
 * `--jobs N`: run indices evaluated in batches by the main thread and N-1 worker threads. The
 * answer — the lowest failing index, or none — does not depend on N or on who ran which batch: a
 * batch is skipped only when it starts after a failure already found, and the lowest failure
 * wins. Workers load the inputs once and keep two batches queued so they never wait for the main
 * thread, which evaluates batches itself between handing out others.
 */
import { Worker } from 'node:worker_threads';
import type { Prepared } from './explore.js';
import { firstFailure } from './explore.js';

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

export async function parallelFirstFailure(
  prepared: Prepared,
  indices: readonly number[],
  jobs: number,
  onRuns: (n: number) => void,
): Promise<number | null> {
  // Batches big enough to amortise messages, small enough to balance the threads.
  const size = Math.max(1, Math.min(64, Math.ceil(indices.length / (jobs * 8))));
  const batches: number[][] = [];
  for (let k = 0; k < indices.length; k += size) batches.push(indices.slice(k, k + size));
  const workers = Array.from(
    { length: Math.min(jobs - 1, Math.max(0, batches.length - 1)) },
    () =>
      new Worker(workerUrl(), {
        workerData: { spec: prepared.spec, sources: prepared.inputs.sources },
      }),
  );
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
      for (const w of workers) {
        w.on('message', (m: { failed: number | null; count: number }) => {
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
      const local = async (): Promise<void> => {
        for (;;) {
          const b = take();
          if (!b) return maybeDone();
          let count = 0;
          const failed = firstFailure(prepared, b, () => (count += 1));
          settle(failed, count);
          await yieldToLoop();
        }
      };
      local().catch(reject);
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
