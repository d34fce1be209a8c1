/**
 * Valid pods: 0–3 init containers (regular ones, and sidecars — init containers with
 * restartPolicy Always), 1–3 app containers, any restartPolicy, terminationGracePeriodSeconds
 * 0–60 or defaulted, requests/limits, probes of every kind and postStart/preStop hooks.
 */
import fc from 'fast-check';
import type { ContainerGen, InitContainerGen, PodGen, ResourcesGen } from '../model.js';
import { appBehaviourArb, initBehaviourArb } from './behaviour.js';
import type { BehaviourOptions } from './behaviour.js';
import { hookArb, probeArb } from './probes.js';
import type { ProbeOptions } from './probes.js';

export interface PodOptions extends ProbeOptions, BehaviourOptions {
  /** Generate sidecars (restartable init containers). Default true. */
  sidecars?: boolean;
  /** Relative frequency of a present probe/hook (fast-check `option` freq: 1 in freq is absent). */
  extrasFreq?: number;
  maxInitContainers?: number;
  maxContainers?: number;
}

const resourcesArb: fc.Arbitrary<ResourcesGen> = fc.record({
  cpuRequestMilli: fc.option(fc.integer({ min: 10, max: 500 })),
  memoryRequestMi: fc.option(fc.integer({ min: 8, max: 128 })),
  memoryLimitMi: fc.option(fc.integer({ min: 16, max: 256 })),
});

/** An app container or sidecar: probes and hooks are each present or absent. */
export function containerArb(opts: PodOptions = {}): fc.Arbitrary<ContainerGen> {
  const freq = opts.extrasFreq ?? 2;
  return fc.record({
    pullPolicy: fc.constantFrom<ContainerGen['pullPolicy']>('IfNotPresent', 'Always'),
    resources: fc.option(resourcesArb),
    startup: fc.option(probeArb(opts), { freq }),
    readiness: fc.option(probeArb(opts), { freq }),
    liveness: fc.option(probeArb(opts), { freq }),
    postStart: fc.option(hookArb(), { freq }),
    preStop: fc.option(hookArb(), { freq }),
    behaviour: appBehaviourArb(opts),
  });
}

/** A regular init container carries neither probes nor hooks (validation forbids them). */
function regularInitArb(): fc.Arbitrary<InitContainerGen> {
  return fc.record({
    sidecar: fc.constant(false),
    pullPolicy: fc.constantFrom<ContainerGen['pullPolicy']>('IfNotPresent', 'Always'),
    resources: fc.option(resourcesArb),
    startup: fc.constant(null),
    readiness: fc.constant(null),
    liveness: fc.constant(null),
    postStart: fc.constant(null),
    preStop: fc.constant(null),
    behaviour: initBehaviourArb(),
  }) as fc.Arbitrary<InitContainerGen>;
}

function sidecarArb(opts: PodOptions): fc.Arbitrary<InitContainerGen> {
  return containerArb({ ...opts, serveWeight: 6 }).map((c) => ({ ...c, sidecar: true }));
}

export function podArb(opts: PodOptions = {}): fc.Arbitrary<PodGen> {
  const init =
    opts.sidecars === false
      ? regularInitArb()
      : fc.oneof(
          { weight: 2, arbitrary: regularInitArb() },
          { weight: 1, arbitrary: sidecarArb(opts) },
        );
  return fc.record({
    restartPolicy: fc.constantFrom<PodGen['restartPolicy']>('Always', 'OnFailure', 'Never'),
    terminationGracePeriodSeconds: fc.option(fc.integer({ min: 0, max: 60 })),
    initContainers: fc.array(init, { maxLength: opts.maxInitContainers ?? 3 }),
    containers: fc.array(containerArb(opts), { minLength: 1, maxLength: opts.maxContainers ?? 3 }),
  });
}
