/**
 * `podsim check`'s exploration: the scenario's ranges and choices (src/spec/ranges.ts) become a
 * fast-check arbitrary; run i draws its values with a seed derived from (seed, i) alone, so any
 * process evaluating run i — the main thread, a worker, a shard — simulates the same behaviours.
 * The failing run with the lowest index is then shrunk by fast-check from that same seed.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { simulate } from '../../engine/run.js';
import { draw32 } from '../../engine/rng.js';
import type { Millis } from '../../model/time.js';
import { InputErrors } from '../../spec/errors.js';
import type { InputError } from '../../spec/errors.js';
import { loadRun, makeInputs } from '../../spec/loadRun.js';
import type { InferenceCache, LoadOptions, RunInputs } from '../../spec/loadRun.js';
import type { ChoicePoint } from '../../spec/ranges.js';
import { Ranges } from '../../spec/ranges.js';
import { isScenarioDoc, parseScenario } from '../../spec/scenario.js';
import { parseYamlFile } from '../../spec/yamlSource.js';
import type { SourceDoc } from '../../spec/yamlSource.js';
import { canonicalJson } from '../../trace/canonical.js';
import type { Assertion, AssertionFailure } from './assertions.js';
import { RunJudge } from './assertions.js';

export interface CheckSpec {
  /** The files as named on the command line. */
  files: string[];
  /** The assertion texts as given, in order. */
  assertions: string[];
  seed: number;
  runs: number;
}

/** Everything runs need, loaded once per process (main thread or worker). */
export interface Prepared {
  spec: CheckSpec;
  assertions: Assertion[];
  inputs: RunInputs;
  /** The scenario document holding the ranges (undefined: no scenario, nothing varies). */
  doc: SourceDoc | undefined;
  points: ChoicePoint[];
  arbitrary: fc.Arbitrary<number[]>;
  /** Inferences shared by the runs' resolvers: a run's draws change scenario rules, never them. */
  inferred: InferenceCache;
}

export function prepare(
  spec: CheckSpec,
  assertions: Assertion[],
  load: Pick<LoadOptions, 'readFile' | 'resolve'>,
): Prepared {
  const inputs = loadRun(spec.files, load);
  let doc: SourceDoc | undefined;
  for (const s of inputs.sources) {
    doc ??= parseYamlFile(s.text, s.path).docs.find((d) => isScenarioDoc(d.value));
  }
  const points = doc ? (parseScenario(doc, [])?.choices ?? []) : [];
  return {
    spec,
    assertions,
    inputs,
    doc,
    points,
    arbitrary: arbitraryOf(points),
    inferred: new Map(),
  };
}

/** One integer per point: a value of its range, or the index of a choice (shrinks to the first). */
function arbitraryOf(points: readonly ChoicePoint[]): fc.Arbitrary<number[]> {
  return fc.tuple(
    ...points.map((p) =>
      p.domain.kind === 'range'
        ? fc.bigInt({ min: BigInt(p.domain.lo), max: BigInt(p.domain.hi) }).map(
            (n) => Number(n),
            (v) => BigInt(v as number),
          )
        : fc.integer({ min: 0, max: p.domain.values.length - 1 }),
    ),
  );
}

/** The fast-check seed of run `index`: a pure function of the check's seed and the index. */
export function runSeed(seed: number, index: number): number {
  return draw32(seed, 'podsim-check-run', index) | 0;
}

export function picksOf(
  points: readonly ChoicePoint[],
  values: readonly number[],
): Map<string, number> {
  return new Map(points.map((p, i) => [p.key, values[i]!]));
}

/** The run's inputs with these values in place of the ranges. */
export function inputsFor(p: Prepared, values: readonly number[]): RunInputs {
  if (!p.doc || p.points.length === 0) return p.inputs;
  const errors: InputError[] = [];
  const parsed = parseScenario(p.doc, errors, new Ranges(picksOf(p.points, values)));
  if (!parsed) throw new InputErrors(errors);
  const scenario = { ...p.inputs.scenario, behaviours: parsed.scenario.behaviours };
  return { ...p.inputs, ...makeInputs(scenario, p.inferred) };
}

export interface RunVerdict {
  failures: AssertionFailure[];
  untilMs: Millis;
}

/** Simulates one draw and judges it. */
export function judge(p: Prepared, values: readonly number[]): RunVerdict {
  const inputs = inputsFor(p, values);
  const j = new RunJudge(p.assertions);
  const r = simulate(inputs, { onEvent: (ev, s) => j.onEvent(ev, s) });
  return { failures: j.end(r.untilMs, r.state), untilMs: r.untilMs };
}

/**
 * fast-check over the runs: a run passes when every assertion holds. A run that throws (a run
 * limit, a fold error) is not a counterexample: fast-check would count it as one and shrink it,
 * so the error is kept, later draws are skipped, and check() rethrows it.
 */
function check(p: Prepared, params: fc.Parameters<[number[]]>): fc.RunDetails<[number[]]> {
  let thrown: { error: unknown } | undefined;
  const r = fc.check(
    fc.property(p.arbitrary, (v) => {
      if (thrown) return true;
      try {
        return judge(p, v).failures.length === 0;
      } catch (error) {
        thrown = { error };
        return true;
      }
    }),
    params,
  );
  if (thrown) throw thrown.error;
  return r;
}

/** Whether run `index` fails (no shrinking). */
export function runFails(p: Prepared, index: number): boolean {
  return check(p, { seed: runSeed(p.spec.seed, index), numRuns: 1, endOnFailure: true }).failed;
}

export interface Counterexample {
  index: number;
  /** The shrunk values, one per choice point. */
  values: number[];
  shrinks: number;
  failures: AssertionFailure[];
}

/** Shrinks the failure of run `index` (deterministic: same seed, same steps). */
export function shrinkRun(p: Prepared, index: number): Counterexample {
  // Without choice points there is nothing to shrink: one run gives the failures.
  if (p.points.length === 0) {
    const failures = judge(p, []).failures;
    if (failures.length === 0)
      throw new Error(`run ${index} was reported failing but passes when run again`);
    return { index, values: [], shrinks: 0, failures };
  }
  const r = check(p, { seed: runSeed(p.spec.seed, index), numRuns: 1 });
  if (!r.failed || !r.counterexample)
    throw new Error(`run ${index} was reported failing but passes when run again`);
  const values = r.counterexample[0];
  return { index, values, shrinks: r.numShrinks, failures: judge(p, values).failures };
}

/** Evaluates `indices` in order; returns the first that fails, or null. */
export function firstFailure(
  p: Prepared,
  indices: Iterable<number>,
  onRun?: () => void,
): number | null {
  for (const i of indices) {
    const failed = runFails(p, i);
    onRun?.();
    if (failed) return i;
  }
  return null;
}

/** Identifies a check (inputs, assertions, seed, runs) so that shards of different checks never merge. */
export function checkHash(p: Prepared): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        sources: p.inputs.sources,
        files: p.spec.files,
        assertions: p.spec.assertions,
        seed: p.spec.seed,
        runs: p.spec.runs,
      }),
    )
    .digest('hex')
    .slice(0, 16);
}
