/**
 * `--jobs N`: run indices evaluated by N worker threads in batches. The answer — the lowest
 * failing index, or none — does not depend on N or on which worker ran which batch: a batch is
 * skipped only when it starts after a failure already found, and the lowest failure wins.
 */
import { Worker } from 'node:worker_threads';
import type { CheckSpec } from './explore.js';

/** The built worker (from the TypeScript sources, as in tests, the one in dist/). */
function workerUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('../../../dist/check/user/worker.js', import.meta.url)
    : new URL('./worker.js', import.meta.url);
}

export async function parallelFirstFailure(
  spec: CheckSpec,
  indices: readonly number[],
  jobs: number,
  onRuns: (n: number) => void,
): Promise<number | null> {
  // Batches big enough to amortise messages, small enough to balance the workers.
  const size = Math.max(1, Math.min(64, Math.ceil(indices.length / (jobs * 8))));
  const batches: number[][] = [];
  for (let k = 0; k < indices.length; k += size) batches.push(indices.slice(k, k + size));
  const workers = Array.from(
    { length: Math.min(jobs, batches.length) },
    () => new Worker(workerUrl(), { workerData: { spec } }),
  );
  let next = 0;
  let active = 0;
  let best: number | null = null;
  try {
    return await new Promise<number | null>((resolve, reject) => {
      const dispatch = (w: Worker): void => {
        while (next < batches.length) {
          const b = batches[next++]!;
          if (best !== null && b[0]! > best) continue;
          active += 1;
          w.postMessage({ indices: b });
          return;
        }
        if (active === 0) resolve(best);
      };
      for (const w of workers) {
        w.on('message', (m: { failed: number | null; count: number }) => {
          active -= 1;
          onRuns(m.count);
          if (m.failed !== null && (best === null || m.failed < best)) best = m.failed;
          dispatch(w);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (code !== 0) reject(new Error(`a check worker stopped with exit code ${code}`));
        });
      }
      if (workers.length === 0) resolve(null);
      for (const w of workers) dispatch(w);
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
