/**
 * Running an invariant as a property: generate cases, run each as `podsim run` would, check, and
 * on failure report the shrunk case as runnable files with its seed and path. Fixed seeds keep
 * runs reproducible; PODSIM_PROPERTY_RUNS raises the number of cases (`npm run properties:long`),
 * PODSIM_PROPERTY_SEED / PODSIM_PROPERTY_PATH replay a reported failure.
 */
import fc from 'fast-check';
import type { CaseGen } from './model.js';
import { caseFiles } from './render/scenario.js';
import { runCase } from './run.js';
import type { CaseRun, RunOptions } from './run.js';
import type { Violation } from './invariants/types.js';
import { CaseFailure, formatFailure } from './report.js';

export interface PropertyOptions {
  /** Cases per run of `npm test`. */
  numRuns: number;
  /**
   * Shrink steps allowed when a case fails (default 100, unlimited when PODSIM_PROPERTY_RUNS is
   * set): enough to strip most of a case, cheap enough for a known failure in `npm test`.
   */
  maxShrinks?: number;
  /** The property's own fixed seed. */
  seed: number;
  /** Shown in the replay command of a failure report. */
  testFile?: string;
  run?: RunOptions;
}

function envInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) ? n : undefined;
}

/** fast-check parameters: the fixed seed and run count, unless the environment overrides them. */
export function propertyParameters(opts: PropertyOptions): {
  numRuns: number;
  seed: number;
  path?: string;
} {
  const path = process.env.PODSIM_PROPERTY_PATH;
  return {
    numRuns: Math.max(1, Math.round(envInt('PODSIM_PROPERTY_RUNS') ?? opts.numRuns)),
    seed: envInt('PODSIM_PROPERTY_SEED') ?? opts.seed,
    ...(path ? { path } : {}),
  };
}

/** Runs a case and throws CaseFailure when `check` finds violations. */
export function checkCase(
  c: CaseGen,
  check: (run: CaseRun) => Violation[],
  run?: RunOptions,
): void {
  const r = runCase(c, run);
  const v = check(r);
  if (v.length > 0) throw new CaseFailure(v, r.files, r.events);
}

/** Asserts that every generated case satisfies `check`; a failure throws the formatted report. */
export function assertCases(
  property: string,
  arb: fc.Arbitrary<CaseGen>,
  check: (run: CaseRun) => Violation[],
  opts: PropertyOptions,
): void {
  const long = envInt('PODSIM_PROPERTY_RUNS') !== undefined;
  const shrinks = long ? undefined : (opts.maxShrinks ?? 100);
  const cases = shrinks === undefined ? arb : fc.limitShrink(arb, shrinks);
  fc.assert(
    fc.property(cases, (c) => checkCase(c, check, opts.run)),
    {
      ...propertyParameters(opts),
      reporter: (d) => {
        if (!d.failed) return;
        const c = d.counterexample?.[0];
        throw new Error(
          formatFailure({
            property,
            numRuns: d.numRuns,
            numShrinks: d.numShrinks,
            seed: d.seed,
            path: d.counterexamplePath,
            files: c ? caseFiles(c) : null,
            error: d.errorInstance,
            ...(opts.testFile ? { testFile: opts.testFile } : {}),
          }),
        );
      },
    },
  );
}
