/**
 * A `podsim check --jobs N` worker: loads the inputs once, then evaluates the batches of run
 * indices the main thread sends, answering with the first failing index of each batch.
 */
import { relativeTo } from '../../spec/loadRun.js';
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parseAssertions } from './parse.js';
import { firstFailure, prepare } from './explore.js';
import type { CheckSpec } from './explore.js';

const spec = (workerData as { spec: CheckSpec }).spec;
const prepared = prepare(spec, parseAssertions(spec.assertions), {
  readFile: (p) => readFileSync(p, 'utf8'),
  resolve: relativeTo,
});

parentPort!.on('message', (m: { indices: number[] }) => {
  let count = 0;
  const failed = firstFailure(prepared, m.indices, () => (count += 1));
  parentPort!.postMessage({ failed, count });
});
