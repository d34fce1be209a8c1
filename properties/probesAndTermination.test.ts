/**
 * Probe kills (semantics §1.3, §1.5) and termination (§4.2 killContainer, §4.3 pod deletion):
 * thresholds, startup gating and initialDelaySeconds before a kill; the Killing message; the
 * grace → preStop → SIGTERM → SIGKILL sequence of every kill; and graceful deletion.
 */
import { describe, it } from 'vitest';
import {
  gracefulDeletion,
  killSequence,
  probeKillMessage,
  probeKills,
} from '../src/check/invariants/index.js';
import { DELETED, FULL, PROBE_HEAVY, holds, profile } from './support.js';

const FILE = 'properties/probesAndTermination.test.ts';

const probeHeavy = profile('probe-heavy', PROBE_HEAVY);

describe('probe kills (semantics §1.3, §1.5)', () => {
  it.each([probeHeavy, FULL])(
    'probe-kills [$name]: only after failureThreshold consecutive failures, after startup success and initialDelaySeconds',
    (p) => holds(probeKills, p, FILE),
  );

  // Baseline: regular containers under Always/OnFailure; `probe-heavy` adds Never and sidecars
  // (known-failures.md: Killing message).
  it.each([
    profile('probe-heavy, no sidecars, Always/OnFailure', PROBE_HEAVY, {
      sidecars: false,
      restartPolicies: ['Always', 'OnFailure'],
    }),
    probeHeavy,
  ])('probe-kill-message [$name]: the Killing message of computePodActions', (p) =>
    holds(probeKillMessage, p, FILE),
  );
});

describe('termination (semantics §4.2, §4.3)', () => {
  // Baseline without hooks; hooks bring the preStop grace bug (known-failures.md).
  it.each([
    profile('no hooks', PROBE_HEAVY, { postStart: false, preStop: false }),
    profile('probe-heavy, deleted', PROBE_HEAVY, DELETED),
    FULL,
  ])(
    'kill-sequence [$name]: grace per §4.2 step 1, preStop ≤ grace, one SIGTERM, SIGKILL ≥ SIGTERM + max(grace − preStop s, 2 s), stopped by then',
    (p) => holds(killSequence, p, FILE),
  );

  // Baseline without sidecars; sidecars bring the serial sidecar stop (known-failures.md).
  it.each([
    profile('deleted, no sidecars', DELETED, { sidecars: false }),
    profile('deleted', DELETED),
  ])(
    'graceful-deletion [$name]: nothing starts, one SIGTERM each, all stopped by deletion + grace + 2 s, sidecars last, pod removed',
    (p) => holds(gracefulDeletion, p, FILE),
  );
});
