/**
 * Valid pods: 0–3 init containers (regular ones, and sidecars — init containers with
 * restartPolicy Always), 1–3 app containers, any restartPolicy, terminationGracePeriodSeconds
 * 0–60 or defaulted, requests/limits, probes of every kind and postStart/preStop hooks. Options
 * narrow the space (a profile), e.g. to exclude a feature whose known bug would mask others.
 * Probe fields stay within what the API accepts (semantics §1.1): delays 0–30 s, periods 1–20 s,
 * timeouts 1–5 s, failure thresholds 1–5, success thresholds 1–3 (rendered for readiness only),
 * and an optional probe-level terminationGracePeriodSeconds of 1–60 s (liveness/startup only).
 */
import fc from 'fast-check';
import type {
  ContainerGen,
  HookGen,
  InitContainerGen,
  PodGen,
  ProbeGen,
  ResourcesGen,
} from '../model.js';
import { appBehaviourArb, initBehaviourArb } from './behaviour.js';
import type { BehaviourOptions } from './behaviour.js';

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

export interface PodOptions extends ProbeOptions, BehaviourOptions {
  /** Generate sidecars (restartable init containers). Default true. */
  sidecars?: boolean;
  /** Generate postStart / preStop hooks. Default true. */
  postStart?: boolean;
  preStop?: boolean;
  /** Image pull policies to draw from. Default both IfNotPresent and Always. */
  pullPolicies?: ReadonlyArray<ContainerGen['pullPolicy']>;
  restartPolicies?: ReadonlyArray<PodGen['restartPolicy']>;
  /** fast-check `option` freq for probes and hooks: one in `freq` is absent. Default 2. */
  extrasFreq?: number;
  maxInitContainers?: number;
  minContainers?: number;
  maxContainers?: number;
}

const resourcesArb: fc.Arbitrary<ResourcesGen> = fc.record({
  cpuRequestMilli: fc.option(fc.integer({ min: 10, max: 500 })),
  memoryRequestMi: fc.option(fc.integer({ min: 8, max: 128 })),
  memoryLimitMi: fc.option(fc.integer({ min: 16, max: 256 })),
});

function pullPolicyArb(opts: PodOptions): fc.Arbitrary<ContainerGen['pullPolicy']> {
  return fc.constantFrom(...(opts.pullPolicies ?? (['IfNotPresent', 'Always'] as const)));
}

/** A present-or-absent extra; absent altogether when the profile leaves it out. */
function extra<T>(
  arb: fc.Arbitrary<T>,
  on: boolean | undefined,
  freq: number,
): fc.Arbitrary<T | null> {
  return on === false ? fc.constant(null) : fc.option(arb, { freq });
}

/** An app container or sidecar: probes and hooks are each present or absent. */
export function containerArb(opts: PodOptions = {}): fc.Arbitrary<ContainerGen> {
  const freq = opts.extrasFreq ?? 2;
  return fc.record({
    pullPolicy: pullPolicyArb(opts),
    resources: fc.option(resourcesArb),
    startup: extra(probeArb(opts), true, freq),
    readiness: extra(probeArb(opts), true, freq),
    liveness: extra(probeArb(opts), true, freq),
    postStart: extra(hookArb(), opts.postStart, freq),
    preStop: extra(hookArb(), opts.preStop, freq),
    behaviour: appBehaviourArb(opts),
  });
}

/** A regular init container carries neither probes nor hooks (validation forbids them). */
function regularInitArb(opts: PodOptions): fc.Arbitrary<InitContainerGen> {
  return fc.record({
    sidecar: fc.constant(false),
    pullPolicy: pullPolicyArb(opts),
    resources: fc.option(resourcesArb),
    startup: fc.constant(null),
    readiness: fc.constant(null),
    liveness: fc.constant(null),
    postStart: fc.constant(null),
    preStop: fc.constant(null),
    behaviour: initBehaviourArb(opts),
  }) as fc.Arbitrary<InitContainerGen>;
}

function sidecarArb(opts: PodOptions): fc.Arbitrary<InitContainerGen> {
  return containerArb({ ...opts, serveWeight: 6 }).map((c) => ({ ...c, sidecar: true }));
}

export function podArb(opts: PodOptions = {}): fc.Arbitrary<PodGen> {
  const init =
    opts.sidecars === false
      ? regularInitArb(opts)
      : fc.oneof(
          { weight: 2, arbitrary: regularInitArb(opts) },
          { weight: 1, arbitrary: sidecarArb(opts) },
        );
  return fc.record({
    restartPolicy: fc.constantFrom(
      ...(opts.restartPolicies ?? (['Always', 'OnFailure', 'Never'] as const)),
    ),
    terminationGracePeriodSeconds: fc.option(fc.integer({ min: 0, max: 60 })),
    initContainers: fc.array(init, { maxLength: opts.maxInitContainers ?? 3 }),
    containers: fc.array(containerArb(opts), {
      minLength: opts.minContainers ?? 1,
      maxLength: opts.maxContainers ?? 3,
    }),
  });
}
