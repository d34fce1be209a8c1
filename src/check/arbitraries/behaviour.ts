/**
 * Container behaviours (scenario `containers:` rules): PID 1's program (sleep / touch / rm steps,
 * then exit, serve or run off the end), start-up delay 0–30 s, the SIGTERM reaction (ignore, or
 * exit 0–10 s later with a code), /healthz statuses over time, gRPC health, the probe file in the
 * image, and a memory curve that may cross the container's limit (OOMKilled, semantics §4.4).
 */
import fc from 'fast-check';
import type { BehaviourGen, StepGen } from '../model.js';

const stepArb: fc.Arbitrary<StepGen> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 60 }).map((s) => ({ sleep: s })) },
  { weight: 1, arbitrary: fc.constant({ touch: true as const }) },
  { weight: 1, arbitrary: fc.constant({ rm: true as const }) },
);

function sigtermArb(opts: BehaviourOptions): fc.Arbitrary<BehaviourGen['onSigterm']> {
  const exits = fc.record({
    exitAfterSeconds: fc.integer({ min: 0, max: 10 }),
    code: fc.constantFrom(...(opts.sigtermCodes ?? [0, 1, 143])),
  });
  return opts.sigtermCodes ? exits : fc.oneof(fc.constant('ignore' as const), exits);
}

const httpArb = fc.array(
  fc.record({
    from: fc.integer({ min: 0, max: 300 }),
    code: fc.constantFrom(200, 200, 204, 301, 404, 500, 503),
    durationMs: fc.constantFrom(0, 0, 0, 0, 300, 1500, 4000, 12000),
  }),
  { minLength: 1, maxLength: 3 },
);

const memoryArb = fc.array(
  fc.record({ at: fc.integer({ min: 0, max: 300 }), mi: fc.integer({ min: 8, max: 300 }) }),
  { maxLength: 2 },
);

export interface BehaviourOptions {
  /** Weight of programs that serve forever (long-running apps) against ones that end. */
  serveWeight?: number;
  /** When given, every process exits on SIGTERM with one of these codes (none ignores it). */
  sigtermCodes?: number[];
}

/** An app container or sidecar: any program; often a server so that probes matter. */
export function appBehaviourArb(opts: BehaviourOptions = {}): fc.Arbitrary<BehaviourGen> {
  return fc.record({
    steps: fc.array(stepArb, { maxLength: 4 }),
    end: fc.oneof(
      { weight: opts.serveWeight ?? 3, arbitrary: fc.constant('serve' as const) },
      { weight: 2, arbitrary: fc.constantFrom(0, 0, 1, 3).map((exit) => ({ exit })) },
      { weight: 1, arbitrary: fc.constant('fallOff' as const) },
    ),
    startupSeconds: fc.integer({ min: 0, max: 30 }),
    onSigterm: sigtermArb(opts),
    http: httpArb,
    grpcServing: fc.boolean(),
    hasFile: fc.boolean(),
    memory: memoryArb,
  });
}

/** A regular init container: a short job that usually succeeds (exit 0) and sometimes fails. */
export function initBehaviourArb(opts: BehaviourOptions = {}): fc.Arbitrary<BehaviourGen> {
  return fc.record({
    steps: fc.array(
      fc.integer({ min: 1, max: 20 }).map((s): StepGen => ({ sleep: s })),
      { maxLength: 2 },
    ),
    end: fc.oneof(
      { weight: 5, arbitrary: fc.constant('fallOff' as const) },
      { weight: 1, arbitrary: fc.constantFrom(1, 2).map((exit) => ({ exit })) },
    ),
    startupSeconds: fc.constant(0),
    onSigterm: sigtermArb(opts),
    http: fc.constant([{ from: 0, code: 200, durationMs: 0 }]),
    grpcServing: fc.constant(true),
    hasFile: fc.constant(false),
    memory: fc.constant([]),
  });
}
