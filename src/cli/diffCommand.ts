/**
 * `podsim diff A B`: where two runs part (events aligned by object, type and occurrence, not by
 * line), each side's causal chain up to there, and a table of milestones with their time in each.
 */
import { parseArgs } from 'node:util';
import { firstDivergence, INPUT_TYPES } from '../trace/firstDivergence.js';
import type { Divergence } from '../trace/firstDivergence.js';
import { explain } from '../trace/explain.js';
import { milestoneTable } from '../trace/milestones.js';
import type { LoadedTrace } from '../trace/loadTrace.js';
import { goDuration } from '../model/time.js';
import { formatTable } from '../views/index.js';
import { formatExplanation } from './explainCommand.js';
import { formatAge } from './format.js';
import { EXIT, UsageError } from './io.js';
import type { CliIO } from './io.js';
import { traceOrRun } from './source.js';
import { podLabel } from '../views/index.js';

function delta(a: number | undefined, b: number | undefined): string {
  if (a === undefined) return 'only B';
  if (b === undefined) return 'only A';
  const d = b - a;
  return d === 0 ? '0s' : `${d > 0 ? '+' : '-'}${goDuration(Math.abs(d))}`;
}

function why(d: Divergence, a: LoadedTrace, b: LoadedTrace): string {
  switch (d.why) {
    case 'only in A':
      return 'only in A';
    case 'only in B':
      return 'only in B';
    case 'time':
      return `at ${goDuration(d.a!.at)} in A, ${goDuration(d.b!.at)} in B`;
    case 'cause': {
      const ca = d.a!.cause === null ? 'nothing' : `${a.events[d.a!.cause]!.type} #${d.a!.cause}`;
      const cb = d.b!.cause === null ? 'nothing' : `${b.events[d.b!.cause]!.type} #${d.b!.cause}`;
      return `caused by ${ca} in A, ${cb} in B`;
    }
    default:
      return `${d.why} differs`;
  }
}

export function diffCommand(args: readonly string[], io: CliIO): number {
  const { positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {},
  });
  if (positionals.length !== 2)
    throw new UsageError('diff: give two runs, A and B (each a trace or an input file)');
  const a = traceOrRun([positionals[0]!], io, 'diff');
  const b = traceOrRun([positionals[1]!], io, 'diff');
  const first = firstDivergence(a.events, b.events);
  const out: string[] = [];
  // Different manifests differ at creation; what people want is where the behaviour parts.
  const inputs = first && first.a && first.b && INPUT_TYPES.has(first.a.type) ? first : undefined;
  if (inputs) out.push(`inputs differ: ${inputs.key}: ${why(inputs, a, b)}\n`);
  const d = inputs ? firstDivergence(a.events, b.events, INPUT_TYPES) : first;
  if (!d && !inputs)
    out.push(
      `equivalent: the ${a.events.length} events line up one to one (times, payloads and causes)\n`,
    );
  else if (!d) out.push('the runs behave the same: every other event lines up one to one\n');
  else {
    const at = Math.min(d.a?.at ?? Infinity, d.b?.at ?? Infinity);
    out.push(`first divergence at ${formatAge(at)}: ${d.key}: ${why(d, a, b)}\n`);
    for (const [side, t, ev] of [
      ['A', a, d.a],
      ['B', b, d.b],
    ] as const) {
      out.push(`\n${side} (${t.file}): `);
      out.push(ev ? formatExplanation(explain(t, ev.seq)) : 'no such event\n');
    }
  }
  out.push('\n');
  const rows = milestoneTable(a, b).map((r) => [
    podLabel(r.pod),
    r.name,
    r.a === undefined ? '-' : goDuration(r.a),
    r.b === undefined ? '-' : goDuration(r.b),
    delta(r.a, r.b),
  ]);
  out.push(formatTable(['POD', 'MILESTONE', 'A', 'B', 'DELTA'], rows));
  io.out(out.join(''));
  return first ? EXIT.different : EXIT.ok;
}
