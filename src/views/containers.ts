/**
 * Container helpers shared by the phase, condition and printer views.
 */
import type { ContainerStatus, Pod, PodSpec } from 'kubernetes-types/core/v1.js';

/** The pod phases the kubelet computes (getPhase never returns the deprecated Unknown). */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

export { isRestartableInitContainer } from '../model/podSpec.js';

/** Mirrors podutil.GetContainerStatus: the first status with that name. */
export function findContainerStatus(
  statuses: readonly ContainerStatus[],
  name: string,
): ContainerStatus | undefined {
  return statuses.find((s) => s.name === name);
}

/** Regular then init container statuses, the order the kubelet passes them to getPhase. */
export function regularThenInitStatuses(pod: Pod): ContainerStatus[] {
  return [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
}

/**
 * Mirrors pkg/kubelet/container/helpers.go HasAnyRegularContainerStarted: some regular container
 * is running or has terminated, which means the pod was initialized before.
 */
export function hasAnyRegularContainerStarted(
  spec: PodSpec | undefined,
  statuses: readonly ContainerStatus[],
): boolean {
  const containers = spec?.containers ?? [];
  return statuses.some(
    (s) =>
      (s.state?.running != null || s.state?.terminated != null) &&
      containers.some((c) => c.name === s.name),
  );
}

/** True when the pod-level condition of that type exists with status True (first match wins). */
export function conditionIsTrue(pod: Pod, type: string): boolean {
  return pod.status?.conditions?.find((c) => c.type === type)?.status === 'True';
}
