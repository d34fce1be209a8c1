/**
 * The state a view command looks at: from input files (simulated up to --at) or from a trace
 * (folded up to --at, no decider runs).
 */
import { dirname, join, isAbsolute } from 'node:path';
import { loadRun } from '../spec/loadRun.js';
import type { RunInputs } from '../spec/loadRun.js';
import { simulate } from '../engine/run.js';
import type { ClusterState } from '../state/model.js';
import { emptyState } from '../state/model.js';
import { applyEvent, FoldError } from '../state/fold.js';
import { TraceError } from '../trace/reader.js';
import { readAnyTrace, traceForm } from '../trace/traceFile.js';
import type { Millis } from '../model/time.js';
import type { CliIO } from './io.js';

export function loadInputs(
  files: readonly string[],
  io: CliIO,
  opts: { seed?: number; untilMs?: Millis },
): RunInputs {
  return loadRun(files, {
    ...opts,
    readFile: (p) => io.readFile(p),
    resolve: (from, rel) => (isAbsolute(rel) ? rel : join(dirname(from), rel)),
  });
}

export function isTrace(files: readonly string[], io: CliIO): boolean {
  if (files.length !== 1 || !io.exists(files[0]!)) return false;
  return traceForm(files[0]!) !== undefined;
}

/** State at `at` (default: the end) and the instant it stands for. */
export function stateAt(
  files: readonly string[],
  io: CliIO,
  at: Millis | undefined,
): { state: ClusterState; at: Millis } {
  if (isTrace(files, io)) {
    const file = files[0]!;
    let state = emptyState();
    let until = 0;
    for (const item of readAnyTrace(file)) {
      if ('header' in item) {
        until = item.header.untilMs;
        continue;
      }
      if (at !== undefined && item.event.at > at) break;
      try {
        state = applyEvent(state, item.event);
      } catch (e) {
        if (e instanceof FoldError)
          throw new TraceError(file, item.line, `event rejected: ${e.message}`);
        throw e;
      }
    }
    return { state, at: at ?? until };
  }
  const inputs = loadInputs(files, io, {});
  const until = at ?? inputs.scenario.untilMs;
  return { state: simulate(inputs, { untilMs: until }).state, at: until };
}
