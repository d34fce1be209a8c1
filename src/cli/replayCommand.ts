/**
 * `podsim replay TRACE [--at T] [-o wide]` prints `kubectl get pods` from the recorded events;
 * `--verify` simulates the run again from the header's inputs and seed and compares.
 */
import { parseArgs } from 'node:util';
import { verifyTrace } from '../trace/verifyTrace.js';
import type { VerifyResult } from '../trace/verifyTrace.js';
import { traceForm } from '../trace/loadTrace.js';
import { VERSION } from '../version.js';
import { formatAge } from './format.js';
import { EXIT, UsageError } from './io.js';
import type { CliIO } from './io.js';
import { getCommand } from './viewCommands.js';

export function replayCommand(args: readonly string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      at: { type: 'string' },
      output: { type: 'string', short: 'o' },
      verify: { type: 'boolean', default: false },
    },
  });
  const [file, ...extra] = positionals;
  if (file === undefined)
    throw new UsageError('replay: give a TRACE written by podsim run --trace');
  if (extra.length > 0)
    throw new UsageError(`replay: one TRACE only (also got ${extra.join(' ')})`);
  if (!io.exists(file)) throw new UsageError(`replay: ${file}: no such file`);
  if (traceForm(file) === undefined)
    throw new UsageError(`replay: ${file} is not a podsim trace (podsim run FILE... --trace OUT)`);
  if (values.verify) {
    if (values.at !== undefined || values.output !== undefined)
      throw new UsageError('replay --verify compares the whole run: drop --at and -o');
    return printVerdict(verifyTrace(file), io);
  }
  const get = ['pods', file];
  if (values.at !== undefined) get.push('--at', values.at);
  if (values.output !== undefined) get.push('-o', values.output);
  return getCommand(get, io);
}

function printVerdict(r: VerifyResult, io: CliIO): number {
  if (r.header.podsim !== VERSION)
    io.err(
      `podsim: note: the trace was written by podsim ${r.header.podsim}; this is ${VERSION}\n`,
    );
  const d = r.difference;
  if (!d) {
    io.out(
      `identical (${r.events} events re-simulated from the header's inputs, seed ${r.header.seed}, until ${formatAge(r.header.untilMs)})\n`,
    );
    return EXIT.ok;
  }
  const where = d.line === undefined ? 'after the end of the trace' : `line ${d.line}`;
  io.out(
    `different: first difference at seq ${d.seq} (${where})${d.field ? ` in ${d.field}` : ''}\n`,
  );
  io.out(`  recorded:  ${d.recorded ?? '(nothing: the trace ends here)'}\n`);
  io.out(`  simulated: ${d.simulated ?? '(nothing: the simulation ends here)'}\n`);
  return EXIT.different;
}
