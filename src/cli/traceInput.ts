/**
 * The events an analysis command works on: a trace (either form) read whole, or input files
 * simulated to their horizon — so `podsim diff A B` can compare a trace with a changed manifest.
 */
import { simulateToEvents } from '../engine/run.js';
import { makeHeader } from '../trace/format.js';
import { loadTrace, traceForm } from '../trace/traceFile.js';
import type { LoadedTrace } from '../trace/traceFile.js';
import { UsageError } from './io.js';
import type { CliIO } from './io.js';
import { loadInputs } from './source.js';

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
  const [first] = files;
  if (first === undefined) throw new UsageError(`${command}: give a trace or input files`);
  if (files.length === 1 && io.exists(first) && traceForm(first) !== undefined)
    return loadTrace(first);
  const inputs = loadInputs(files, io, {});
  const { events } = simulateToEvents(inputs);
  return {
    file: files.join(' '),
    form: 'jsonl',
    header: makeHeader(inputs.scenario.seed, inputs.scenario.untilMs, inputs.sources),
    events,
    lines: events.map((e) => e.seq + 2),
  };
}
