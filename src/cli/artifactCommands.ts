/**
 * Commands that write a file for other tools: `podsim timeline` (a self-contained HTML page) and
 * `podsim export --format perfetto` (Chrome trace-event JSON). Both write atomically, and replace
 * an existing file only with --force, as `run --trace` does: nothing a user wrote is lost unasked.
 */
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../trace/writer.js';
import { timelineHtml } from '../trace/timelineHtml.js';
import { timelineModel } from '../trace/timelineModel.js';
import { EXIT, UsageError } from './io.js';
import type { CliIO } from './io.js';
import { refuseToReplace } from './options.js';
import { traceOrRun } from './source.js';
import { perfettoTrace } from '../trace/perfettoTrace.js';

/** `podsim timeline TRACE -o FILE.html [--diff B]`: a self-contained HTML timeline of a run. */
export function timelineCommand(args: readonly string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      output: { type: 'string', short: 'o' },
      diff: { type: 'string' },
      force: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1)
    throw new UsageError('timeline: give one TRACE (or input file) and -o FILE.html');
  const out = values.output;
  if (out === undefined) throw new UsageError('timeline: give the output file with -o FILE.html');
  refuseToReplace(io, '-o', out, values.force);
  const a = timelineModel(traceOrRun(positionals, io, 'timeline'));
  const b =
    values.diff === undefined
      ? undefined
      : timelineModel(traceOrRun([values.diff], io, 'timeline'));
  const html = timelineHtml(a, b);
  try {
    writeFileAtomic(out, html);
  } catch (e) {
    throw new UsageError(`timeline: ${(e as Error).message}`);
  }
  const lanes = a.lanes.length + (b?.lanes.length ?? 0);
  io.out(`wrote ${out} (${lanes} lanes, ${Buffer.byteLength(html)} bytes)\n`);
  return EXIT.ok;
}

/** `podsim export TRACE --format perfetto -o OUT.json`: the run for Perfetto / chrome://tracing. */
export function exportCommand(args: readonly string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      force: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('export: give one TRACE (or input file)');
  if (values.format !== 'perfetto')
    throw new UsageError(
      `export: --format ${values.format === undefined ? 'is required' : `${JSON.stringify(values.format)} is not known`}; formats: perfetto`,
    );
  const out = values.output;
  if (out === undefined) throw new UsageError('export: give the output file with -o OUT.json');
  refuseToReplace(io, '-o', out, values.force);
  const json = `${JSON.stringify(perfettoTrace(timelineModel(traceOrRun(positionals, io, 'export'))))}\n`;
  try {
    writeFileAtomic(out, json);
  } catch (e) {
    throw new UsageError(`export: ${(e as Error).message}`);
  }
  io.out(`wrote ${out} (${Buffer.byteLength(json)} bytes)\n`);
  return EXIT.ok;
}
