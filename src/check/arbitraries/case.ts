/**
 * Whole cases: a pod, its behaviours, a seed, a horizon of 1–15 virtual minutes, and an action
 * schedule — deleting the pod at some time (with an optional gracePeriod, §4.3), timed
 * `kubectl exec` commands that remove or create the file exec probes read, and (opt-in) a stop of
 * the node's kubelet.
 */
import fc from 'fast-check';
import type { ActionsGen, CaseGen } from '../model.js';
import { podArb } from './pod.js';
import type { PodOptions } from './pod.js';

export interface CaseOptions extends PodOptions {
  /** How often the pod is deleted during the run. Default 'sometimes'. */
  deletion?: 'never' | 'sometimes' | 'always';
  /** Longest horizon in seconds (at most 900: runs stay small). */
  maxUntilSeconds?: number;
  /** Fix whether the node has the image (true with IfNotPresent: no pulls at all). */
  imageCached?: boolean;
  /**
   * The node's kubelet may stop once for 1–60 s (nodeDown, then nodeUp). Off by default, so the
   * cases of the other profiles stay the ones their seeds always drew.
   */
  outages?: boolean;
}

const deleteArb = fc.record({
  atSeconds: fc.oneof(
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 120 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 600 }) },
  ),
  gracePeriod: fc.option(fc.integer({ min: 1, max: 60 })),
});

const outageArb = fc.record({
  atSeconds: fc.oneof(
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 60 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 600 }) },
  ),
  forSeconds: fc.integer({ min: 1, max: 60 }),
});

export function actionsArb(
  deletion: CaseOptions['deletion'] = 'sometimes',
  outages = false,
): fc.Arbitrary<ActionsGen> {
  const del =
    deletion === 'always'
      ? deleteArb
      : deletion === 'never'
        ? fc.constant(null)
        : fc.option(deleteArb, { freq: 2 });
  const base = {
    delete: del,
    execs: fc.array(
      fc.record({
        atSeconds: fc.integer({ min: 0, max: 600 }),
        container: fc.nat({ max: 5 }),
        command: fc.constantFrom<'rm' | 'touch'>('rm', 'touch'),
      }),
      { maxLength: 2 },
    ),
  };
  return outages
    ? fc.record({ ...base, outage: fc.option(outageArb, { freq: 4 }) })
    : fc.record(base);
}

export function caseArb(opts: CaseOptions = {}): fc.Arbitrary<CaseGen> {
  const maxUntil = Math.min(opts.maxUntilSeconds ?? 900, 900);
  return fc.record({
    seed: fc.nat({ max: 2 ** 31 - 1 }),
    untilSeconds: fc.integer({ min: 60, max: maxUntil }),
    imageCached: opts.imageCached === undefined ? fc.boolean() : fc.constant(opts.imageCached),
    pod: podArb(opts),
    actions: actionsArb(opts.deletion, opts.outages),
  });
}
