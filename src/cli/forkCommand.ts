/**
 * `podsim fork TRACE --at T [--set FILE]... [--until U] [--trace OUT]`: what if, from T on, the
 * run had had other inputs? The trace's run is simulated again from its header up to T and checked
 * event by event against the recording (the state at T is the trace's own); then the files given
 * with --set apply (engine/fork.ts) and the run goes on. Prints `kubectl get pods -w` from T.
 */
import { relativeTo } from '../spec/loadRun.js';
import { parseArgs } from 'node:util';
import { simulate } from '../engine/run.js';
import type { SimEvent } from '../events/catalog.js';
import { loadForkOverlay } from '../spec/loadFork.js';
import { makeHeader } from '../trace/format.js';
import type { ForkRecord } from '../trace/format.js';
import { forksFromHeader, inputsFromHeader } from '../trace/inputsFromHeader.js';
import { openTrace, traceForm } from '../trace/loadTrace.js';
import { compareWithRecording } from '../trace/verifyTrace.js';
import { TraceError } from '../trace/reader.js';
import { openTraceSink } from '../trace/writer.js';
import { goDuration } from '../model/time.js';
import { formatAge } from './format.js';
import { EXIT, UsageError } from './io.js';
import type { CliIO } from './io.js';
import { durationOption, refuseToReplace } from './options.js';
import { createRunOutput } from './runCommand.js';

export function forkCommand(args: readonly string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      at: { type: 'string' },
      set: { type: 'string', multiple: true },
      until: { type: 'string' },
      trace: { type: 'string' },
      force: { type: 'boolean', default: false },
      time: { type: 'boolean', default: false },
      events: { type: 'boolean', default: false },
    },
  });
  const [file, ...extra] = positionals;
  if (file === undefined)
    throw new UsageError('fork: give a TRACE (written by podsim run --trace) and --at T');
  if (extra.length > 0)
    throw new UsageError(
      `fork: one TRACE only (also got ${extra.join(' ')}); give changed inputs with --set FILE`,
    );
  if (!io.exists(file)) throw new UsageError(`fork: ${file}: no such file`);
  if (traceForm(file) === undefined)
    throw new UsageError(`fork: ${file} is not a podsim trace (podsim run FILE... --trace OUT)`);
  const atMs = durationOption('at', values.at);
  if (atMs === undefined) throw new UsageError('fork: give the instant to fork at with --at T');
  const sets = values.set ?? [];
  for (const s of sets) if (!io.exists(s)) throw new UsageError(`fork: --set ${s}: no such file`);

  const { header, events: recorded } = openTrace(file);
  if (atMs > header.untilMs)
    throw new UsageError(
      `fork: --at ${values.at} is after the end of the trace (${formatAge(header.untilMs)}); fork at an instant the trace recorded`,
    );
  const base = inputsFromHeader(header, file);
  // Forks the trace itself records after the new fork instant are not part of the state at T.
  const kept = (header.forks ?? []).filter((f) => f.atMs <= atMs);
  const nodeNames = base.scenario.nodes.map((n) => n.name);
  const earlier = forksFromHeader({ ...header, forks: kept }, file, nodeNames);
  const overlay = loadForkOverlay(sets, atMs, {
    readFile: (p) => io.readFile(p),
    resolve: relativeTo,
    nodeNames,
  });
  const untilMs = durationOption('until', values.until) ?? overlay.untilMs ?? header.untilMs;
  if (untilMs < atMs)
    throw new UsageError(`fork: --until ${values.until} is before --at ${values.at}`);
  refuseToReplace(io, '--trace', values.trace, values.force);

  const record: ForkRecord = { atMs, files: [...sets], inputs: overlay.sources };
  const writer =
    values.trace === undefined
      ? undefined
      : openTraceSink(
          values.trace,
          makeHeader(header.seed, untilMs, header.inputs, [...kept, record]),
        );
  const output = createRunOutput(values, io);
  // Up to the fork instant the simulation must reproduce the recording, event for event.
  const recording = compareWithRecording(recorded);
  let reproducing = true;
  let reproduced = 0;
  const check = (ev: SimEvent): void => {
    const d = recording.next(ev);
    if (!d) {
      reproduced += 1;
      return;
    }
    throw d.line !== undefined
      ? new TraceError(
          file,
          d.line,
          `this podsim does not reproduce the recorded event (seq ${d.seq}${d.field ? `, ${d.field} differs` : ''}); fork needs a trace that \`podsim replay --verify\` reports identical up to --at`,
        )
      : new TraceError(
          file,
          reproduced + 2,
          `the trace ends before ${goDuration(atMs)} but the run goes on (seq ${ev.seq}, ${ev.type}); the trace is truncated`,
        );
  };
  // The fork's own cluster/forked event is the first event the recording does not have: every
  // event before it (the trace's earlier forks included) is compared with the recording.
  let forksSeen = 0;
  let listed = false;
  try {
    simulate(base, {
      untilMs,
      forks: [...earlier, overlay],
      onEvent: (ev, state) => {
        // The fork's trace is whole: the reproduced events, then the fork, then what follows.
        writer?.write(ev);
        if (reproducing && ev.type === 'cluster/forked') {
          forksSeen += 1;
          reproducing = forksSeen <= kept.length;
        }
        if (reproducing) {
          check(ev);
          return;
        }
        if (!listed) {
          output.list(state, atMs);
          listed = true;
        }
        output.onEvent(ev, state);
      },
    });
    output.end();
    writer?.close();
  } catch (e) {
    writer?.abort();
    throw e;
  }
  io.err(
    `podsim: note: forked ${file} at ${formatAge(atMs)}: ${reproduced} recorded events reproduced, then ${sets.length > 0 ? sets.join(', ') : 'no changes'}; run until ${formatAge(untilMs)}\n`,
  );
  return EXIT.ok;
}
