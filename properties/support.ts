/**
 * Shared set-up of the lifecycle properties: generator profiles and one helper that runs an
 * invariant over generated cases. Each property runs under named profiles so that a known
 * simulator bug confined to one feature (see known-failures.md) fails only the profile that
 * exercises it, while the baseline profile keeps guarding everything else.
 */
import type { CaseOptions } from '../src/check/arbitraries/case.js';
import { caseArb } from '../src/check/arbitraries/case.js';
import type { Invariant } from '../src/check/invariants/types.js';
import { assertCases } from '../src/check/property.js';

export interface Profile {
  name: string;
  options: CaseOptions;
}

/** Every feature the generators know. */
export const FULL: Profile = { name: 'full', options: {} };

/** Containers that often exit (restarts and back-off), no deletion to cut the crash loop short. */
export const CRASH_LOOP: CaseOptions = { serveWeight: 1, deletion: 'never' };

/** Probes on most containers, a good share of them failing. */
export const PROBE_HEAVY: CaseOptions = { extrasFreq: 5, closedPortPercent: 40 };

/** The pod is always deleted during the run. */
export const DELETED: CaseOptions = { deletion: 'always' };

/** No image pulls at all: every image is on the node and pulled IfNotPresent. */
export const NO_PULLS: CaseOptions = { pullPolicies: ['IfNotPresent'], imageCached: true };

export const profile = (name: string, ...parts: CaseOptions[]): Profile => ({
  name,
  options: Object.assign({}, ...parts) as CaseOptions,
});

/** Small stable hash of a name, so each property has its own fixed seed. */
export function seedOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Cases per property and profile in `npm test` (PODSIM_PROPERTY_RUNS overrides). */
export const DEFAULT_RUNS = 25;

/** Asserts `inv` over cases from `p`; a failure reports the shrunk case as runnable files. */
export function holds(
  inv: Invariant,
  p: Profile,
  testFile: string,
  numRuns: number = DEFAULT_RUNS,
): void {
  assertCases(`${inv.name} [${p.name}]`, caseArb(p.options), (run) => inv.check(run), {
    numRuns,
    seed: seedOf(`${inv.name}/${p.name}`),
    testFile,
  });
}
