/**
 * computePodActions' (kuberuntime_manager.go) rules for the regular containers, shared by the pod
 * worker's sync and the probe kill: whether an exited container is started again, and whether the
 * pod keeps nothing (`keepCount == 0 && len(ContainersToStart) == 0`, so KillPod).
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { isPodKill } from '../events/catalog.js';
import type { ContainerRuntime, PodState } from '../state/model.js';
import { probeKillRestartDue } from '../state/podStatus.js';

/** pkg/kubelet/container/helpers.go ShouldContainerBeRestarted for an exited container. */
export function shouldRestart(policy: string, rt: ContainerRuntime): boolean {
  if (policy === 'Never') return false;
  // computePodActions restarts a container killed for a failed liveness/startup probe whenever the
  // policy is not Never (shouldRestartOnFailure), even if it then exited 0, but only in the SyncPod
  // that killed it. Once that SyncPod's start has failed (its back-off, a pull or a create error:
  // the start error), later syncs ask ShouldContainerBeRestarted, which under OnFailure does not
  // restart a container that exited 0: the pod is then done.
  if (policy === 'OnFailure') return rt.exitCode !== 0 || restartOwedToKill(policy, rt);
  return true;
}

/**
 * The container is to be started again only because a probe killed it: under OnFailure it exited
 * 0, and the SyncPod that killed it has not been refused the restart. Once it is, nothing
 * restarts it.
 */
export function restartOwedToKill(policy: string, rt: ContainerRuntime): boolean {
  return policy === 'OnFailure' && rt.exitCode === 0 && probeKillRestartDue(rt);
}

/**
 * No regular container is kept or to be started: each has exited for good, or (under Never, where
 * a probe kill is not followed by a start) runs only to be killed, its liveness or startup result
 * Failure or its kill under way.
 */
export function keepsNothing(pod: Pod, p: PodState, policy: string): boolean {
  return pod.spec!.containers.every((c) => {
    const rt = p.runtime.containers[c.name]!;
    if (rt.phase === 'exited') return !shouldRestart(policy, rt);
    return (
      rt.phase === 'running' &&
      policy === 'Never' &&
      (rt.killing !== null ||
        rt.probes.liveness?.cached === 'failure' ||
        rt.probes.startup?.cached === 'failure')
    );
  });
}

/**
 * A container is being stopped on its own (a liveness, startup or postStart kill, not a pod-wide
 * stop): the SyncPod that kills it blocks in killContainer until it has stopped, so no other probe
 * kill starts meanwhile. A deletion cancels it (kubelet/terminate.ts deletionCancels).
 */
export function stoppingOnItsOwn(p: PodState): boolean {
  for (const n of p.runtime.order) {
    const rt = p.runtime.containers[n]!;
    if (rt.phase === 'running' && rt.killing && !isPodKill(rt.killing.reason)) return true;
  }
  return false;
}
