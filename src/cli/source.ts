/**
 * Where commands get a run from: input files (simulated) or a trace in either form (read, and for
 * the view commands folded up to --at; no decider runs).
 */
import { loadRun, relativeTo } from '../spec/loadRun.js';
import type { RunInputs } from '../spec/loadRun.js';
import { simulate, simulateToEvents } from '../engine/run.js';
import { makeHeader } from '../trace/format.js';
import { inputsFromHeader } from '../trace/inputsFromHeader.js';
import type { ClusterState } from '../state/model.js';
import { emptyState } from '../state/model.js';
import { applyEvent, FoldError } from '../state/fold.js';
import { TraceError } from '../trace/reader.js';
import { loadTrace, readAnyTrace, traceForm } from '../trace/loadTrace.js';
import type { LoadedTrace } from '../trace/loadTrace.js';
import type { Millis } from '../model/time.js';
import { formatAge } from './format.js';
import { UsageError } from './io.js';
import type { CliIO } from './io.js';

export function loadInputs(
  files: readonly string[],
  io: CliIO,
  opts: { seed?: number; untilMs?: Millis },
): RunInputs {
  return loadRun(files, {
    ...opts,
    readFile: (p) => io.readFile(p),
    resolve: relativeTo,
  });
}

/** The sources are one file, and it is a podsim trace (either form). */
function isTrace(files: readonly string[], io: CliIO): boolean {
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
        // A trace knows nothing after its end: a later instant would show stale state with
        // ages counted to it.
        if (at !== undefined && at > until)
          throw new UsageError(
            `--at ${formatAge(at)} is after the end of the trace ${file} (${formatAge(until)}); give an instant it recorded, or the input files to simulate further`,
          );
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

/** A trace file, read whole; anything else is a usage error naming the command. */
export function requireTrace(file: string | undefined, io: CliIO, command: string): LoadedTrace {
  if (file === undefined)
    throw new UsageError(`${command}: give a TRACE (written by podsim run --trace)`);
  if (!io.exists(file)) throw new UsageError(`${command}: ${file}: no such file`);
  if (traceForm(file) === undefined)
    throw new UsageError(
      `${command}: ${file} is not a podsim trace (write one with: podsim run FILE... --trace OUT)`,
    );
  return loadTrace(file);
}

/** A trace, or one or more input files simulated now (their events as a trace in memory). */
export function traceOrRun(files: readonly string[], io: CliIO, command: string): LoadedTrace {
  return traceOrRunFrom(files, io, command).trace;
}

/**
 * traceOrRun with the run's inputs (what the behaviours come from): the ones just loaded for a
 * run, or, for a trace, rebuilt from the inputs its header records.
 */
export function traceAndInputs(
  files: readonly string[],
  io: CliIO,
  command: string,
): { trace: LoadedTrace; inputs: RunInputs } {
  const { trace, inputs } = traceOrRunFrom(files, io, command);
  return { trace, inputs: inputs ?? inputsFromHeader(trace.header, trace.file) };
}

function traceOrRunFrom(
  files: readonly string[],
  io: CliIO,
  command: string,
): { trace: LoadedTrace; inputs?: RunInputs } {
  const [first] = files;
  if (first === undefined) throw new UsageError(`${command}: give a trace or input files`);
  if (isTrace(files, io)) return { trace: loadTrace(first) };
  const inputs = loadInputs(files, io, {});
  const { events } = simulateToEvents(inputs);
  const trace: LoadedTrace = {
    file: files.join(' '),
    form: 'jsonl',
    header: makeHeader(inputs.scenario.seed, inputs.scenario.untilMs, inputs.sources),
    events,
    lines: events.map((e) => e.seq + 2),
  };
  return { trace, inputs };
}
