/**
 * A `podsim check --jobs N` worker: loads the inputs once, from the texts the main thread read (so
 * every thread judges the same inputs, even if a file changes on disk meanwhile), then evaluates the batches of run
 * indices the main thread sends, answering with the first failing index of each batch.
 */
import { recordedReader, relativeTo } from '../../spec/loadRun.js';
import { parentPort, workerData } from 'node:worker_threads';
import { RunLimitError } from '../../engine/simulation.js';
import { parseAssertions } from './parse.js';
import { firstFailure, prepare } from './explore.js';
import type { CheckSpec } from './explore.js';

const { spec, sources } = workerData as {
  spec: CheckSpec;
  sources: Array<{ path: string; text: string }>;
};
const prepared = prepare(spec, parseAssertions(spec.assertions), {
  readFile: recordedReader(sources, 'not read by the main thread'),
  resolve: relativeTo,
});

parentPort!.on('message', (m: { indices: number[] }) => {
  let count = 0;
  try {
    const failed = firstFailure(prepared, m.indices, () => (count += 1));
    parentPort!.postMessage({ failed, count });
  } catch (e) {
    // A run limit crosses to the main thread as itself (an Error's class is lost in the message).
    const limit = e instanceof RunLimitError;
    parentPort!.postMessage({ error: { limit, message: limit ? e.message : String(e) } });
  }
});
