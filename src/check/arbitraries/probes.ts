/**
 * Probes and lifecycle hooks within the ranges the API accepts (semantics §1.1): delays 0–30 s,
 * periods 1–20 s, timeouts 1–5 s, failure thresholds 1–5, success thresholds 1–3 (readiness only),
 * and an optional probe-level terminationGracePeriodSeconds of 1–60 s (liveness/startup only).
 */
import fc from 'fast-check';
import type { HookGen, ProbeGen } from '../model.js';

export interface ProbeOptions {
  /** Weight of probes aimed at a closed port (they always fail): 0–100. */
  closedPortPercent?: number;
}

export function probeArb(opts: ProbeOptions = {}): fc.Arbitrary<ProbeGen> {
  const closed = opts.closedPortPercent ?? 20;
  return fc.record({
    handler: fc.constantFrom<ProbeGen['handler']>('exec', 'httpGet', 'tcpSocket', 'grpc'),
    closedPort: fc.integer({ min: 0, max: 99 }).map((n) => n < closed),
    initialDelaySeconds: fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 0, max: 5 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 30 }) },
    ),
    periodSeconds: fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 1, max: 5 }) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }) },
    ),
    timeoutSeconds: fc.integer({ min: 1, max: 5 }),
    failureThreshold: fc.integer({ min: 1, max: 5 }),
    successThreshold: fc.integer({ min: 1, max: 3 }),
    terminationGracePeriodSeconds: fc.option(fc.integer({ min: 1, max: 60 }), { freq: 2 }),
  });
}

/** A postStart/preStop handler: exec (may fail) or sleep, running 0–15 s. */
export function hookArb(): fc.Arbitrary<HookGen> {
  return fc.record({
    handler: fc.constantFrom<HookGen['handler']>('exec', 'sleep'),
    seconds: fc.integer({ min: 0, max: 15 }),
    fails: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  });
}
