/**
 * Restart properties: restartCount (semantics §2.4), restartPolicy (§2.1, §2.2), the restart after
 * a probe kill (computePodActions), the CrashLoopBackOff delays (§2.3, kubernetes-rules §8), and
 * synchronous start attempts (§4.1).
 */
import { describe, it } from 'vitest';
import {
  probeKillRestart,
  restartBackoff,
  restartCount,
  restartPolicy,
  startAttempts,
} from '../src/check/invariants/index.js';
import { CRASH_LOOP, FULL, NO_PULLS, PROBE_HEAVY, holds, profile } from './support.js';

const FILE = 'properties/restarts.test.ts';

const crashLoop = profile('crash-loop', CRASH_LOOP);
const crashLoopNoPulls = profile('crash-loop, no pulls', CRASH_LOOP, NO_PULLS);
const crashLoopPulls = profile('crash-loop, pull Always', CRASH_LOOP, {
  pullPolicies: ['Always'],
  minContainers: 3,
});

describe('restart counting and policy (semantics §2.1, §2.4)', () => {
  it.each([FULL, crashLoop])(
    'restart-count [$name]: never decreases, +1 per restart, = instances − 1 at each start',
    (p) => holds(restartCount, p, FILE),
  );

  it.each([FULL, crashLoop])(
    'restart-policy [$name]: Never ⇒ no restart; OnFailure ⇒ none after exit 0; sidecars always restart',
    (p) => holds(restartPolicy, p, FILE),
  );

  // Baseline without OnFailure; the second profile kills under OnFailure processes that exit 0
  // on SIGTERM (known-failures.md: OnFailure probe kill).
  it.each([
    profile('probe-heavy, Always/Never', PROBE_HEAVY, { restartPolicies: ['Always', 'Never'] }),
    profile('probe-heavy, OnFailure, SIGTERM exits 0', PROBE_HEAVY, {
      restartPolicies: ['OnFailure'],
      sigtermCodes: [0],
    }),
  ])(
    'probe-kill-restart [$name]: a liveness/startup kill is restarted unless restartPolicy is Never',
    (p) => holds(probeKillRestart, p, FILE),
  );
});

describe('CrashLoopBackOff (semantics §2.3)', () => {
  // Baseline without image pulls; with pulls see known-failures.md (resume race).
  it.each([crashLoopNoPulls, crashLoopPulls])(
    'restart-backoff [$name]: delays 0, 10, 20 … 300 s from the last FinishedAt; never early, never late without cause',
    (p) => holds(restartBackoff, p, FILE),
  );

  it.each([crashLoopNoPulls, crashLoopPulls])(
    'start-attempts [$name]: a start attempt (pull → create) ends before another begins for that container',
    (p) => holds(startAttempts, p, FILE),
  );
});
