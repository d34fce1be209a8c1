/**
 * The pod phase only moves forward: Pending → Running → Succeeded | Failed, and a terminal phase
 * is sticky (semantics §6 post-rules: generateAPIPodStatus never leaves Succeeded/Failed).
 * Pending may go straight to a terminal phase (an init container failing under Never, §2.2).
 *
 * The one way back that v1.31's getPhase itself takes is rule 5's sidecar branch: a sidecar that
 * is running but not started (or waiting for its first start) makes the pod Pending while no
 * regular container is running or terminated (HasAnyRegularContainerStarted) — e.g. every app
 * container waits in CrashLoopBackOff while a sidecar with a startup probe restarts. That state is
 * recognised from the pod status and allowed; any other step back is a violation.
 *
 * A terminal phase also ends the pod's containers' starts: once generateAPIPodStatus reports
 * Succeeded or Failed, syncPod returns isTerminal before SyncPod (kubelet.go), so no image is
 * pulled and no container created or started in that pod again.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Invariant, Observation, Violation } from './types.js';
import { violations } from './types.js';

const RANK: Record<string, number> = { Pending: 0, Running: 1, Succeeded: 2, Failed: 2 };

const NAME = 'phase-monotonic';

/** The steps of a container start (SyncPod's), none of which follows a terminal phase. */
const STARTS = new Set(['image/pulling', 'container/created', 'container/started']);

/** getPhase rule 5, sidecar branch: a pending sidecar and no regular container running or terminated. */
export function pendingBySidecar(pod: Pod): boolean {
  const sidecars = new Set(
    (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name),
  );
  const pending = (pod.status?.initContainerStatuses ?? []).some(
    (s) =>
      sidecars.has(s.name) &&
      ((s.state?.running != null && s.started !== true) ||
        (s.state?.waiting != null && s.lastState?.terminated == null)),
  );
  const regularStarted = (pod.status?.containerStatuses ?? []).some(
    (s) => s.state?.running != null || s.state?.terminated != null,
  );
  return pending && !regularStarted;
}

export const phaseMonotonic: Invariant = {
  name: NAME,
  rule: 'semantics §6: phase moves Pending → Running → Succeeded|Failed (back to Pending only by rule 5 sidecar branch), never leaves a terminal phase, and nothing starts after one',
  check(obs: Observation): Violation[] {
    const v = violations(NAME);
    const last = new Map<string, string>();
    obs.events.forEach((ev, i) => {
      const p = obs.pods[i];
      if (!p) return;
      const was = ev.type === 'pod/created' ? undefined : last.get(p.key);
      if (was !== undefined && RANK[was] === 2 && STARTS.has(ev.type))
        v.add(ev.seq, `pod ${p.key} is ${was}, yet ${ev.type} follows`);
      const phase = p.pod.status?.phase ?? '';
      const rank = RANK[phase];
      if (rank === undefined) {
        v.add(ev.seq, `pod ${p.key} has phase "${phase}" after ${ev.type}`);
        return;
      }
      if (was !== undefined && was !== phase) {
        if (RANK[was]! >= 2)
          v.add(ev.seq, `pod ${p.key} left terminal phase ${was} for ${phase} at ${ev.type}`);
        else if (rank < RANK[was]! && !pendingBySidecar(p.pod as Pod))
          v.add(ev.seq, `pod ${p.key} went back from ${was} to ${phase} at ${ev.type}`);
      }
      last.set(p.key, phase);
    });
    return v.list;
  },
};
