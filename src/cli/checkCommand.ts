/**
 * `podsim check SCENARIO --assert '…'`: explore the scenario's behaviour ranges with fast-check and
 * report `passed N runs`, or the shrunk counterexample with its trace. `--jobs N` spreads runs over
 * worker threads, `--shard i/N --out FILE` evaluates one share in this process and `--merge`
 * combines the shares; every way prints the same result (src/check/user/explore.ts).
 */
import { relativeTo } from '../spec/loadRun.js';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { assertWritable, writeFileAtomic } from '../trace/writer.js';
import { runNote } from '../spec/ranges.js';
import { readErrorText } from '../spec/errors.js';
import { unmatchedTarget } from '../check/user/targets.js';
import { AssertionError, parseAssertions } from '../check/user/parse.js';
import { checkHash, firstFailure, prepare, shrinkRun } from '../check/user/explore.js';
import type { CheckSpec } from '../check/user/explore.js';
import {
  failedOutcome,
  formatOutcome,
  plural,
  writeCounterexampleTrace,
} from '../check/user/outcome.js';
import type { Outcome } from '../check/user/outcome.js';
import { parallelFirstFailure } from '../check/user/pool.js';
import {
  MergeError,
  SHARD_FORMAT,
  SHARD_VERSION,
  mergeShards,
  parseShard,
  parseShardFile,
  shardIndices,
} from '../check/user/shard.js';
import type { ShardFile } from '../check/user/shard.js';
import { EXIT, UsageError } from './io.js';
import type { CliIO } from './io.js';
import { refuseToReplace, seedOption } from './options.js';

function countOption(name: string, v: string | undefined, dflt: number, max: number): number {
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max)
    throw new UsageError(`--${name} ${JSON.stringify(v)}: expected an integer from 1 to ${max}`);
  return Number(v);
}

/** Where the counterexample's trace goes unless --counterexample says: the cwd, named after the scenario. */
function defaultTracePath(files: readonly string[]): string {
  const f = files[0] ?? 'podsim';
  return `${basename(f, extname(f))}.counterexample.jsonl`;
}

export async function checkCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      assert: { type: 'string', multiple: true },
      runs: { type: 'string' },
      seed: { type: 'string' },
      jobs: { type: 'string' },
      shard: { type: 'string' },
      out: { type: 'string' },
      merge: { type: 'boolean', default: false },
      counterexample: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  if (values.merge) return mergeCommand(positionals, values, io);
  if (positionals.length === 0)
    throw new UsageError("check: no scenario given; podsim check SCENARIO --assert '…'");
  const texts = values.assert ?? [];
  if (texts.length === 0)
    throw new UsageError(
      "check: no --assert given; e.g. --assert 'ready within 60s' (podsim help check lists them)",
    );
  const assertions = (() => {
    try {
      return parseAssertions(texts);
    } catch (e) {
      if (e instanceof AssertionError) throw new UsageError(e.message);
      throw e;
    }
  })();
  const runs = countOption('runs', values.runs, 100, 10_000_000);
  const jobs = countOption('jobs', values.jobs, 1, 256);
  const seed = seedOption(values.seed) ?? 1;
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (values.shard !== undefined && !shard)
    throw new UsageError(
      `--shard ${JSON.stringify(values.shard)}: expected i/N with 0 <= i < N, e.g. --shard 0/4`,
    );
  if (shard && values.out === undefined)
    throw new UsageError('--shard needs --out FILE: the shard result that --merge reads');
  if (!shard && values.out !== undefined)
    throw new UsageError(
      '--out is the result file of a --shard; without --shard nothing is written there',
    );
  if (shard && values.counterexample !== undefined)
    throw new UsageError(
      "--counterexample goes with --merge: a shard writes no trace, the merge writes the counterexample's",
    );
  const trace = values.counterexample ?? defaultTracePath(positionals);
  if (shard) refuseToReplace(io, '--out', values.out, values.force);
  // Written after every run: a path that cannot be written is said before the work, not after.
  assertWritable(shard ? values.out! : trace);

  const spec: CheckSpec = { files: [...positionals], assertions: texts, seed, runs };
  const prepared = prepare(spec, assertions, {
    readFile: (p) => io.readFile(p),
    resolve: relativeTo,
  });
  for (const a of assertions) {
    const why = unmatchedTarget(a, prepared.inputs);
    if (why !== undefined) throw new UsageError(`--assert ${JSON.stringify(a.text)}: ${why}`);
  }
  const rangeNotes = new Set(prepared.points.map(runNote));
  for (const n of prepared.inputs.notes) if (!rangeNotes.has(n)) io.err(`podsim: note: ${n}\n`);
  // Without ranges every run is the same run (same inputs, same seed): simulating it once judges
  // them all, so a heavy scenario costs one run, not --runs of them.
  const alike = prepared.points.length === 0;
  if (alike)
    io.err(
      'podsim: note: the scenario has no ranges or choices: every run is the same, so podsim simulates it once\n',
    );

  const all = shard ? shardIndices(runs, shard) : Array.from({ length: runs }, (_, i) => i);
  const indices = alike ? all.filter((i) => i === 0) : all;
  const bar = progressBar(io, indices.length);
  const failing =
    jobs === 1
      ? firstFailure(prepared, indices, () => bar.tick(1))
      : await parallelFirstFailure(prepared, indices, jobs, (n) => bar.tick(n));
  bar.done();
  const outcome: Outcome =
    failing === null ? { passed: true } : failedOutcome(prepared, shrinkRun(prepared, failing));

  if (shard) {
    const file: ShardFile = {
      format: SHARD_FORMAT,
      version: SHARD_VERSION,
      check: checkHash(prepared),
      shard,
      files: spec.files,
      assertions: texts,
      seed,
      runs,
      outcome,
    };
    writeFileAtomic(values.out!, `${JSON.stringify(file)}\n`);
    io.out(
      `shard ${shard.index}/${shard.count}: ${outcome.passed ? `passed ${plural(all.length, 'run')}` : `run ${outcome.index + 1} fails`}; merge with podsim check --merge\n`,
    );
    return EXIT.ok;
  }
  return finish(outcome, { ...spec, trace }, values.force, io);
}

/**
 * Prints the outcome and writes the counterexample's trace. An existing file is replaced only
 * with --force; otherwise the result is still printed and stderr says the trace was not written.
 */
function finish(
  outcome: Outcome,
  ctx: { files: string[]; assertions: string[]; seed: number; runs: number; trace: string },
  force: boolean | undefined,
  io: CliIO,
): number {
  let traceWritten = true;
  if (!outcome.passed) {
    if (io.exists(ctx.trace) && !force) {
      traceWritten = false;
      io.err(
        `podsim: the counterexample's trace was not written: ${ctx.trace} exists; pass --force to replace it or --counterexample to name another file\n`,
      );
    } else writeCounterexampleTrace(outcome, ctx.trace);
  }
  io.out(formatOutcome(outcome, { ...ctx, traceWritten }));
  return outcome.passed ? EXIT.ok : EXIT.different;
}

function mergeCommand(
  files: readonly string[],
  values: {
    counterexample?: string;
    force?: boolean;
    assert?: string[];
    shard?: string;
    out?: string;
    runs?: string;
    seed?: string;
    jobs?: string;
  },
  io: CliIO,
): number {
  const extra = (['assert', 'shard', 'out', 'runs', 'seed', 'jobs'] as const).filter(
    (k) => values[k] !== undefined,
  );
  if (extra.length > 0)
    throw new UsageError(
      `--merge takes shard files only (the check they ran is recorded in them), not --${extra.join(', --')}`,
    );
  if (files.length === 0) throw new UsageError('--merge: no shard files given');
  try {
    const shards = files.map((path) => {
      let text: string;
      try {
        text = io.readFile(path);
      } catch (e) {
        const why = readErrorText(e);
        throw new MergeError(`${path}: cannot read file: ${why}`);
      }
      return { path, file: parseShardFile(path, text) };
    });
    const { first, outcome } = mergeShards(shards);
    const trace = values.counterexample ?? defaultTracePath(first.files);
    if (!outcome.passed) assertWritable(trace);
    return finish(
      outcome,
      {
        files: first.files,
        assertions: first.assertions,
        seed: first.seed,
        runs: first.runs,
        trace,
      },
      values.force,
      io,
    );
  } catch (e) {
    if (e instanceof MergeError) throw new UsageError(e.message);
    throw e;
  }
}

/** A progress bar on stderr, only where io provides one (a terminal, not CI), ≤ 10 updates/s. */
function progressBar(io: CliIO, total: number): { tick(n: number): void; done(): void } {
  const p = io.progress;
  if (!p) return { tick: () => undefined, done: () => undefined };
  let count = 0;
  let last = -Infinity;
  let shown = false;
  const draw = (): void => {
    const width = 30;
    const filled = Math.round((count / Math.max(1, total)) * width);
    p.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${count}/${total} runs`);
    shown = true;
  };
  return {
    tick(n) {
      count += n;
      const now = p.now();
      if (now - last < 100) return;
      last = now;
      draw();
    },
    done() {
      if (shown) p.write(`\r${' '.repeat(50)}\r`);
    },
  };
}
