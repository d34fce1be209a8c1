/** `podsim explain TRACE SEQ` and `podsim explain TRACE --at T`: why an event happened. */
import { objectLabel } from '../views/index.js';
import { parseArgs } from 'node:util';
import { explain, latestPerPod } from '../trace/explain.js';
import type { Explanation } from '../trace/explain.js';
import { escapeTerminal } from '../views/index.js';
import { formatAge } from './format.js';
import { EXIT, UsageError } from './io.js';
import type { CliIO } from './io.js';
import { durationOption } from './options.js';
import { requireTrace } from './source.js';

/** `Pod/default/web` + `app` → `pod/web app`; other objects as objectLabel names them. */
const stepLabel = (object: string, container?: string): string =>
  container === undefined ? objectLabel(object) : `${objectLabel(object)} ${container}`;

export function formatExplanation(x: Explanation): string {
  const t = x.target;
  const rows = x.steps.map((s) => [
    formatAge(s.at),
    `#${s.seq}`,
    s.type,
    stepLabel(s.object, s.container),
    s.rule,
    s.notes.length > 0 ? `[${s.notes.join('; ')}]` : '',
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) =>
    [
      r[0]!.padStart(widths[0]!),
      r[1]!.padStart(widths[1]!),
      r[2]!.padEnd(widths[2]!),
      r[3]!.padEnd(widths[3]!),
      r[4]!,
    ]
      .join('  ')
      .concat(r[5] ? `  ${r[5]}` : ''),
  );
  return escapeTerminal(
    `seq ${t.seq}: ${t.type} on ${objectLabel(t.object)} at ${formatAge(t.at)} (${t.at} ms)\n` +
      lines.map((l) => `  ${l}\n`).join('') +
      `summary: ${x.summary}\n`,
  );
}

export function explainCommand(args: readonly string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { at: { type: 'string' } },
  });
  const [file, seqArg, ...extra] = positionals;
  const trace = requireTrace(file, io, 'explain');
  if (extra.length > 0) throw new UsageError(`explain: unexpected ${extra.join(' ')}`);
  const at = durationOption('at', values.at);
  if ((seqArg === undefined) === (at === undefined))
    throw new UsageError('explain: give either the SEQ of an event or --at T');
  if (seqArg !== undefined) {
    const seq = /^#?\d+$/.test(seqArg) ? Number(seqArg.replace('#', '')) : NaN;
    if (!(seq < trace.events.length))
      throw new UsageError(
        `explain: ${JSON.stringify(seqArg)} is not an event of ${file} (seq 0 to ${trace.events.length - 1})`,
      );
    io.out(formatExplanation(explain(trace, seq)));
    return EXIT.ok;
  }
  if (at! > trace.header.untilMs)
    throw new UsageError(
      `explain: --at ${formatAge(at!)} is after the end of the trace ${file} (${formatAge(trace.header.untilMs)}); give an instant it recorded`,
    );
  const seqs = latestPerPod(trace, at!);
  if (seqs.length === 0) {
    io.out(`no pod event at or before ${formatAge(at!)} in ${file}\n`);
    return EXIT.different;
  }
  io.out(seqs.map((s) => formatExplanation(explain(trace, s))).join('\n'));
  return EXIT.ok;
}
