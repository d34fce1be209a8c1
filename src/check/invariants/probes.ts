/**
 * Probe kills (semantics §1.3, §1.5): a liveness/startup kill follows failureThreshold consecutive
 * failures of that probe on the same container instance; liveness and readiness never run before
 * the startup probe succeeded (step 9); no probe runs before initialDelaySeconds after the
 * instance started (step 8, whole seconds); so the kill comes no sooner than start + delay +
 * (threshold − 1) periods (kill-sequence checks the kill's grace). The Killing message follows
 * computePodActions / computeInitContainerActions.
 */
import type { Container, Pod, Probe } from 'kubernetes-types/core/v1.js';
import type { Invariant, Observation, Violation } from './types.js';
import { specNames, violations } from './types.js';
import { instances } from './timeline.js';
import { findContainer } from '../../model/podSpec.js';

const spec = findContainer;

function probeOf(c: Container | undefined, type: string): Probe | undefined {
  if (!c) return undefined;
  return type === 'startup'
    ? c.startupProbe
    : type === 'readiness'
      ? c.readinessProbe
      : c.livenessProbe;
}

export const probeKills: Invariant = {
  name: 'probe-kills',
  rule: 'semantics §1.3/§1.5: kill only after failureThreshold consecutive failures, after startup success and initialDelaySeconds',
  check(obs: Observation): Violation[] {
    const v = violations('probe-kills');
    for (const list of instances(obs).values()) {
      for (const inst of list) {
        const pod = obs.pods[inst.created.i]!.pod as Pod;
        const c = spec(pod, inst.container);
        const started = inst.started?.at;
        const startupOk = inst.probes.find((r) => r.probe === 'startup' && r.cached === 'success');
        for (const r of inst.probes) {
          const probe = probeOf(c, r.probe);
          if (!probe) {
            v.add(r.i, `${inst.container} has a ${r.probe} result but no ${r.probe} probe`);
            continue;
          }
          if (
            started === undefined ||
            Math.trunc((r.at - started) / 1000) < (probe.initialDelaySeconds ?? 0)
          )
            v.add(
              r.i,
              `${r.probe} probe of ${inst.container} ran before initialDelaySeconds ${probe.initialDelaySeconds ?? 0}`,
            );
          if (r.probe !== 'startup' && c?.startupProbe && !(startupOk && startupOk.i < r.i))
            v.add(
              r.i,
              `${r.probe} probe of ${inst.container} ran before its startup probe succeeded`,
            );
        }
        for (const k of inst.kills) {
          if (k.reason !== 'liveness' && k.reason !== 'startup') continue;
          const probe = probeOf(c, k.reason);
          if (!probe) {
            v.add(k.i, `${inst.container} killed for ${k.reason} without a ${k.reason} probe`);
            continue;
          }
          const threshold = probe.failureThreshold ?? 3;
          const results = inst.probes.filter((r) => r.probe === k.reason && r.i < k.i);
          const tail = results.slice(-threshold);
          if (tail.length < threshold || tail.some((r) => r.result !== 'failure'))
            v.add(
              k.i,
              `${inst.container} killed for ${k.reason} without ${threshold} consecutive failures`,
            );
          const lastResult = results[results.length - 1];
          if (!lastResult || lastResult.cached !== 'failure' || !lastResult.onHold)
            v.add(
              k.i,
              `${inst.container} killed for ${k.reason} while its cached result was not Failure`,
            );
          if (k.reason === 'liveness' && c?.startupProbe && !(startupOk && startupOk.i < k.i))
            v.add(k.i, `${inst.container} killed for liveness before its startup probe succeeded`);
          const soonest =
            (started ?? Infinity) +
            (probe.initialDelaySeconds ?? 0) * 1000 +
            (threshold - 1) * (probe.periodSeconds ?? 10) * 1000;
          if (k.at < soonest)
            v.add(
              k.i,
              `${inst.container} killed for ${k.reason} at ${k.at} ms, before ${soonest} ms`,
            );
        }
      }
    }
    return v.list;
  },
};

export const probeKillMessage: Invariant = {
  name: 'probe-kill-message',
  rule: 'computePodActions: "Container c failed liveness probe[, will be restarted]" (Never: no suffix); sidecars "Init container c failed liveness probe"',
  check(obs: Observation): Violation[] {
    const v = violations('probe-kill-message');
    obs.events.forEach((ev, i) => {
      if (ev.type !== 'container/killing') return;
      const { reason, container } = ev.payload;
      if (reason !== 'liveness' && reason !== 'startup') return;
      const p = obs.pods[i]!;
      const sidecar = specNames(p).sidecars.includes(container);
      const never = (p.pod.spec?.restartPolicy ?? 'Always') === 'Never';
      const want = sidecar
        ? `Init container ${container} failed ${reason} probe`
        : `Container ${container} failed ${reason} probe${never ? '' : ', will be restarted'}`;
      const got = ev.notes?.find((n) => n.reason === 'Killing')?.message;
      if (got !== want) v.add(ev.seq, `Killing message "${got}", expected "${want}"`);
    });
    return v.list;
  },
};
