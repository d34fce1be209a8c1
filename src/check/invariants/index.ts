/**
 * Every lifecycle invariant over one observed run, by name. The property tests (properties/) run
 * each one on its own over generated pods and behaviours; `checkAll` runs them all on one run.
 */
import type { Invariant, Observation, Violation } from './types.js';
import { causality } from './eventLog.js';
import { phaseMonotonic } from './phase.js';
import { initOrder } from './initOrder.js';
import { probeKillRestart, restartCount, restartPolicy } from './restarts.js';
import { restartBackoff, startAttempts } from './backoff.js';
import { probeKillMessage, probeKills } from './probes.js';
import { readyConditions } from './readiness.js';
import { killSequence } from './killSequence.js';
import { gracefulDeletion } from './deletion.js';
import { viewsAgree } from './views.js';

export type { Invariant, Observation, Violation } from './types.js';
export { checkDeterminism, checkReplay, traceText } from './eventLog.js';
export {
  causality,
  phaseMonotonic,
  initOrder,
  restartCount,
  restartPolicy,
  probeKillRestart,
  restartBackoff,
  startAttempts,
  probeKills,
  probeKillMessage,
  readyConditions,
  killSequence,
  gracefulDeletion,
  viewsAgree,
};

export const INVARIANTS: readonly Invariant[] = [
  causality,
  phaseMonotonic,
  initOrder,
  restartCount,
  restartPolicy,
  probeKillRestart,
  restartBackoff,
  startAttempts,
  probeKills,
  probeKillMessage,
  readyConditions,
  killSequence,
  gracefulDeletion,
  viewsAgree(),
];

/** Runs the given invariants (all by default) and returns every violation. */
export function checkAll(obs: Observation, which: readonly Invariant[] = INVARIANTS): Violation[] {
  return which.flatMap((inv) => inv.check(obs));
}
