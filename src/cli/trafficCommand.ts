/** `podsim traffic SOURCE...`: what the scenario's requests met during the run (src/traffic/). */
import { parseArgs } from 'node:util';
import { formatTrafficReport, trafficReports } from '../traffic/report.js';
import { EXIT, UsageError } from './io.js';
import type { CliIO } from './io.js';
import { traceAndInputs } from './source.js';

export function trafficCommand(args: readonly string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { output: { type: 'string', short: 'o' } },
  });
  if (values.output !== undefined && values.output !== 'json')
    throw new UsageError(`traffic: -o ${values.output}: expected json`);
  // The behaviours (when each app listens) come from the inputs.
  const { trace, inputs } = traceAndInputs(positionals, io, 'traffic');
  const reports = trafficReports(trace.events, inputs, trace.header.untilMs);
  if (reports.length === 0)
    throw new UsageError(
      `traffic: ${trace.file} has no traffic: section in its scenario (docs/scenario-reference.md, "traffic")`,
    );
  if (values.output === 'json') io.out(`${JSON.stringify(reports, null, 2)}\n`);
  else io.out(reports.map(formatTrafficReport).join('\n'));
  return EXIT.ok;
}
