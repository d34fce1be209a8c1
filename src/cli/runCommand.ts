/** `podsim run`: simulate, print what `kubectl get pods -w` would print, optionally write a trace. */
import { parseArgs } from 'node:util';
import { simulate } from '../engine/run.js';
import type { SimEvent } from '../events/catalog.js';
import { formatAge } from './format.js';
import type { ClusterState } from '../state/model.js';
import { makeHeader } from '../trace/format.js';
import { openTraceSink } from '../trace/writer.js';
import { POD_COLUMNS, createWatchPrinter, podRowCells } from '../views/index.js';
import { createPodWatch } from './podWatch.js';
import { trafficReports, trafficSummary } from '../traffic/report.js';
import { EXIT } from './io.js';
import type { CliIO } from './io.js';
import { durationOption, refuseToReplace, requireFiles, seedOption } from './options.js';
import { loadInputs } from './source.js';

export async function runCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      until: { type: 'string' },
      seed: { type: 'string' },
      trace: { type: 'string' },
      force: { type: 'boolean', default: false },
      time: { type: 'boolean', default: false },
      events: { type: 'boolean', default: false },
    },
  });
  requireFiles(positionals, 'run');
  const untilOpt = durationOption('until', values.until);
  const seedOpt = seedOption(values.seed);
  const inputs = loadInputs(positionals, io, {
    ...(seedOpt === undefined ? {} : { seed: seedOpt }),
    ...(untilOpt === undefined ? {} : { untilMs: untilOpt }),
  });
  refuseToReplace(io, '--trace', values.trace, values.force);
  const writer =
    values.trace === undefined
      ? undefined
      : openTraceSink(
          values.trace,
          makeHeader(inputs.scenario.seed, inputs.scenario.untilMs, inputs.sources),
        );
  // After the trace file is opened: a run refused for its output says only why.
  for (const n of inputs.notes) io.err(`podsim: note: ${n}\n`);
  const output = createRunOutput(values, io);
  // The traffic report is computed from the run's events once it is over.
  const kept: SimEvent[] | undefined = inputs.scenario.traffic ? [] : undefined;
  const onEvent = (ev: SimEvent, state: ClusterState): void => {
    writer?.write(ev);
    kept?.push(ev);
    output.onEvent(ev, state);
  };
  try {
    simulate(inputs, { onEvent });
    output.end();
    writer?.close();
    if (kept) {
      const reports = trafficReports(kept, inputs, inputs.scenario.untilMs);
      io.out(`\n${reports.map((r) => `traffic ${trafficSummary(r)}\n`).join('')}`);
    }
  } catch (e) {
    writer?.abort();
    throw e;
  }
  return EXIT.ok;
}

export interface RunOutput {
  onEvent(ev: SimEvent, state: ClusterState): void;
  /** Lists every pod at `at` (a watch started mid-run, for `podsim fork`). */
  list(state: ClusterState, at: number): void;
  end(): void;
}

/** What `podsim run` prints: watch rows, with `--time` stamps and `--events` lines. */
export function createRunOutput(
  values: { time?: boolean; events?: boolean },
  io: CliIO,
): RunOutput {
  const watch = createWatchPrinter(POD_COLUMNS);
  const stamp = (at: number): string => `${formatAge(at).padStart(7)}  `;
  let printedRows = 0;
  const rows = createPodWatch((row, at) => {
    printedRows += 1;
    const text = watch.line(podRowCells(row));
    if (!values.time) {
      io.out(text);
      return;
    }
    const lines = text.split('\n');
    const stamped = lines.map((l, i) =>
      i === lines.length - 1 && l === ''
        ? l
        : /^NAME\s/.test(l)
          ? `${'TIME'.padStart(7)}  ${l}`
          : `${stamp(at)}${l}`,
    );
    io.out(stamped.join('\n'));
  });
  const onEvent = (ev: SimEvent, state: ClusterState): void => {
    // Rows of earlier instants first, so rows and event lines come out in time order.
    rows.onEvent(ev, state);
    if (!values.events) return;
    const at = values.time ? stamp(ev.at) : '';
    const line = (type: string, reason: string, message: string): void =>
      io.out(
        `${at}${type.padEnd(8)} ${reason.padEnd(16)} ${ev.object.toLowerCase()}  ${message}\n`,
      );
    for (const n of ev.notes ?? []) line(n.type, n.reason, n.message);
    // Facts that are not Kubernetes Events but answer "why": signals and exits, marked "podsim".
    if (ev.type === 'container/signalled')
      line('podsim', ev.payload.signal, `sent to container ${ev.payload.container}`);
    if (ev.type === 'container/signalSkipped')
      line('podsim', 'SIGTERMSkipped', `container ${ev.payload.container} had it already`);
    if (ev.type === 'container/exited') {
      const p = ev.payload;
      line('podsim', 'Exited', `container ${p.container} exited with ${p.exitCode} (${p.reason})`);
    }
    if (ev.type === 'cluster/forked')
      line('podsim', 'Forked', `continues with ${ev.payload.files.join(', ') || 'no changes'}`);
    if (ev.type === 'pod/inputsChanged')
      line('podsim', 'InputsChanged', `containers ${ev.payload.containers.join(', ')}`);
  };
  return {
    onEvent,
    list: (state, at) => rows.list(state, at),
    end() {
      rows.end();
      // kubectl get pods -w on an empty namespace says so rather than printing nothing.
      if (printedRows === 0) io.err('No resources found in default namespace.\n');
    },
  };
}
