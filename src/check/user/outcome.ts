/**
 * The result of a check, as data (kept in shard files, so `--merge` prints exactly what one
 * process would) and as the text `podsim check` prints.
 */
import { simulate } from '../../engine/run.js';
import { goDuration } from '../../model/time.js';
import { makeHeader } from '../../trace/format.js';
import { inputsFromHeader } from '../../trace/inputsFromHeader.js';
import { openTraceSink } from '../../trace/writer.js';
import type { AssertionFailure } from './assertions.js';
import { concreteText, fragment } from './concrete.js';
import type { Counterexample, Prepared } from './explore.js';

export interface FailedOutcome {
  passed: false;
  /** Index (from 0) of the first failing run. */
  index: number;
  shrinks: number;
  failures: AssertionFailure[];
  /** The drawn values as a scenario fragment. */
  fragment: string;
  /** The inputs of the counterexample's run: the scenario with the values in place of ranges. */
  inputs: Array<{ path: string; text: string }>;
  simSeed: number;
  untilMs: number;
}

/** `1 run`, `40 runs`. */
export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

export type Outcome = { passed: true } | FailedOutcome;

export function failedOutcome(p: Prepared, c: Counterexample): FailedOutcome {
  const inputs = p.inputs.sources.map((s) =>
    p.doc && s.path === p.doc.file
      ? { path: s.path, text: concreteText(s.text, p.doc, p.points, c.values) }
      : s,
  );
  return {
    passed: false,
    index: c.index,
    shrinks: c.shrinks,
    failures: c.failures,
    fragment: p.doc && p.points.length > 0 ? fragment(p.doc, p.points, c.values) : '',
    inputs,
    simSeed: p.inputs.scenario.seed,
    untilMs: p.inputs.scenario.untilMs,
  };
}

const quote = (s: string): string =>
  /^[\w./:=@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;

/** What `podsim check` prints on stdout. */
export function formatOutcome(
  o: Outcome,
  ctx: {
    files: string[];
    assertions: string[];
    seed: number;
    runs: number;
    trace: string;
    /** False when an existing file kept the trace from being written (no --force). */
    traceWritten?: boolean;
  },
): string {
  if (o.passed) return `passed ${plural(ctx.runs, 'run')} (seed ${ctx.seed})\n`;
  const first = o.failures[0]!;
  const lines = [
    `counterexample: '${first.assertion}' failed at ${goDuration(first.at)}: ${first.message}`,
    ...o.failures
      .slice(1)
      .map((f) => `also: '${f.assertion}' failed at ${goDuration(f.at)}: ${f.message}`),
    `found at run ${o.index + 1} of ${ctx.runs} (seed ${ctx.seed}), shrunk in ${o.shrinks} step${o.shrinks === 1 ? '' : 's'} to:`,
    ...(o.fragment
      ? o.fragment.split('\n').map((l) => `  ${l}`)
      : ['  (the scenario has no ranges)']),
    `reproduce: podsim check ${ctx.files.map(quote).join(' ')} ${ctx.assertions.map((a) => `--assert ${quote(a)}`).join(' ')} --seed ${ctx.seed} --runs ${ctx.runs}`,
    ctx.traceWritten === false
      ? `trace: not written: ${ctx.trace} exists (from an earlier check?); run again with --force to replace it, or --counterexample FILE`
      : `trace: ${ctx.trace} (podsim explain ${quote(ctx.trace)} --at ${goDuration(first.at)}; podsim timeline ${quote(ctx.trace)} -o timeline.html)`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Simulates the counterexample again from its concrete inputs and writes its trace atomically. */
export function writeCounterexampleTrace(o: FailedOutcome, path: string): void {
  const header = makeHeader(o.simSeed, o.untilMs, o.inputs);
  const inputs = inputsFromHeader(header, path);
  const sink = openTraceSink(path, header);
  try {
    simulate(inputs, { onEvent: (ev) => sink.write(ev) });
    sink.close();
  } catch (e) {
    sink.abort();
    throw e;
  }
}
