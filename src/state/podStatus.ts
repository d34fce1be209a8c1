/**
 * Regenerates the derived parts of a pod's status after every pod event, as the kubelet's
 * generateAPIPodStatus does: each container's ready/started flags from the probe workers' cached
 * results, the phase (getPhase), and the kubelet-owned conditions with lastTransitionTime kept
 * while a condition's status does not change (pkg/kubelet/status/generate.go).
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Millis } from '../model/time.js';
import { formatRfc3339 } from '../model/time.js';
import type { FoldContext } from './caseReducers.js';
import type { ContainerRuntime, PodState } from './model.js';
import {
  podPhase,
  initializedCondition,
  containersReadyCondition,
  readyCondition,
} from '../views/index.js';
import { setCondition } from './podReducer.js';

/** Waiting reason of a container that has not started yet (kubelet_pods.go convertToAPIContainerStatuses). */
export function waitingReasonBeforeStart(pod: Pod): string {
  return (pod.spec?.initContainers?.length ?? 0) > 0 ? 'PodInitializing' : 'ContainerCreating';
}

/** started: the startup probe succeeded, or there is none (prober_manager.go UpdatePodStatus). */
export function isStarted(rt: ContainerRuntime): boolean {
  if (rt.phase !== 'running') return false;
  const s = rt.probes.startup;
  return s === undefined || s.cached === 'success';
}

/** ready: started and the readiness probe's cached result is success, or there is no readiness probe. */
export function isReady(rt: ContainerRuntime): boolean {
  if (rt.init && !rt.sidecar) return rt.phase === 'exited' && rt.exitCode === 0;
  if (!isStarted(rt) || rt.postStartUntil !== null) return false;
  const r = rt.probes.readiness;
  return r === undefined || r.cached === 'success';
}

export function refreshPodStatus(p: PodState, at: Millis, ctx: FoldContext): void {
  const status = p.pod.status!;
  const synced = p.runtime.sandbox !== 'none';
  for (const list of [status.initContainerStatuses ?? [], status.containerStatuses ?? []]) {
    for (const s of list) {
      const rt = p.runtime.containers[s.name]!;
      if (rt.phase === 'running') {
        // postStart runs inside the sync: the container shows as waiting until the hook returns (§4.1).
        s.state =
          rt.postStartUntil !== null
            ? { waiting: { reason: waitingReasonBeforeStart(p.pod) } }
            : { running: { startedAt: formatRfc3339(ctx.epochMs + rt.startedAt!) } };
      }
      s.started = rt.init && !rt.sidecar ? false : isStarted(rt) && rt.postStartUntil === null;
      s.ready = isReady(rt);
    }
  }
  const phase = podPhase(p.pod, { podIsTerminal: p.runtime.terminal });
  // generateAPIPodStatus: a terminal phase is sticky.
  if (status.phase !== 'Succeeded' && status.phase !== 'Failed') status.phase = phase;
  if (!synced) return;
  setCondition(
    p,
    'PodReadyToStartContainers',
    p.runtime.sandbox === 'ready' ? 'True' : 'False',
    ctx,
    at,
  );
  for (const c of [
    initializedCondition(p.pod),
    readyCondition(p.pod),
    containersReadyCondition(p.pod),
  ]) {
    setCondition(p, c.type, c.status as 'True' | 'False', ctx, at, c.reason, c.message);
  }
  // Keep the kubelet's order: PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled.
  const order = [
    'PodReadyToStartContainers',
    'Initialized',
    'Ready',
    'ContainersReady',
    'PodScheduled',
  ];
  status.conditions!.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
}
