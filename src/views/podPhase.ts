/**
 * The pod phase the kubelet would report, computed from spec and container statuses only
 * (status.phase is ignored). Mirrors pkg/kubelet/kubelet_pods.go getPhase, as restated in
 * kubelet-semantics §6 (v1.31 with SidecarContainers on).
 *
 * Pending regular init containers and pending sidecars are counted separately: a pending regular
 * init container always means Pending, a pending sidecar only while no regular container has run
 * (HasAnyRegularContainerStarted), so a pod whose sidecar restarts stays Running. This is the
 * rule of kubernetes#126653; v1.31.0 itself still summed both counters before that check (the two
 * differ only when a regular init container re-runs after regular containers ran, e.g. after a
 * node reboot). v1.32 replaced the check with the kubelet's own podHasInitialized.
 */
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import type { PodPhase } from './containers.js';
import {
  findContainerStatus,
  hasAnyRegularContainerStarted,
  isRestartableInitContainer,
  regularThenInitStatuses,
} from './containers.js';

export interface PodPhaseOptions {
  /**
   * The pod worker decided the pod is finished (deleted, evicted, or will not restart anything):
   * then a pod whose containers all stopped is Succeeded or Failed regardless of restartPolicy.
   */
  readonly podIsTerminal?: boolean;
}

/** Mirrors pkg/kubelet/types/pod_update.go IsStaticPod: config source annotation not "api". */
function isStaticPod(pod: Pod): boolean {
  const source = pod.metadata?.annotations?.['kubernetes.io/config.source'];
  return source !== undefined && source !== 'api';
}

interface Counters {
  pendingRegularInit: number;
  pendingSidecar: number;
  failedInit: number;
  unknown: number;
  running: number;
  waiting: number;
  stopped: number;
  succeeded: number;
}

function countInitContainers(pod: Pod, info: readonly ContainerStatus[], n: Counters): void {
  for (const container of pod.spec?.initContainers ?? []) {
    const status = findContainerStatus(info, container.name);
    const state = status?.state;
    const last = status?.lastState?.terminated;
    if (!isRestartableInitContainer(container)) {
      if (status === undefined || state?.running != null) n.pendingRegularInit++;
      else if (state?.terminated != null) {
        if (state.terminated.exitCode !== 0) n.failedInit++;
      } else if (state?.waiting != null) {
        // Waiting to restart after a failure counts as failed; waiting to start as pending.
        if (last == null) n.pendingRegularInit++;
        else if (last.exitCode !== 0) n.failedInit++;
      } else n.pendingRegularInit++;
      continue;
    }
    // Sidecars: a terminated sidecar, or one waiting to restart, does not count for the phase.
    if (status === undefined) {
      n.unknown++;
    } else if (state?.running != null) {
      if (status.started !== true) n.pendingSidecar++;
      n.running++;
    } else if (state?.terminated != null) {
      // ignored
    } else if (state?.waiting != null) {
      if (last == null) {
        n.pendingSidecar++;
        n.waiting++;
      }
    } else {
      n.pendingSidecar++;
      n.unknown++;
    }
  }
}

function countRegularContainers(pod: Pod, info: readonly ContainerStatus[], n: Counters): void {
  for (const container of pod.spec?.containers ?? []) {
    const status = findContainerStatus(info, container.name);
    const state = status?.state;
    if (status === undefined) n.unknown++;
    else if (state?.running != null) n.running++;
    else if (state?.terminated != null) {
      n.stopped++;
      if (state.terminated.exitCode === 0) n.succeeded++;
    } else if (state?.waiting != null) {
      if (status.lastState?.terminated != null) n.stopped++;
      else n.waiting++;
    } else n.unknown++;
  }
}

/** The kubelet's getPhase for this pod. */
export function podPhase(pod: Pod, opts: PodPhaseOptions = {}): PodPhase {
  const info = regularThenInitStatuses(pod);
  const n: Counters = {
    pendingRegularInit: 0,
    pendingSidecar: 0,
    failedInit: 0,
    unknown: 0,
    running: 0,
    waiting: 0,
    stopped: 0,
    succeeded: 0,
  };
  countInitContainers(pod, info, n);
  countRegularContainers(pod, info, n);
  const restartPolicy = pod.spec?.restartPolicy ?? 'Always';

  if (n.failedInit > 0 && restartPolicy === 'Never') return 'Failed';
  if (
    n.pendingRegularInit > 0 ||
    (n.pendingSidecar > 0 && !hasAnyRegularContainerStarted(pod.spec, info)) ||
    n.waiting > 0
  ) {
    return 'Pending';
  }
  if (n.running > 0 && n.unknown === 0) return 'Running';
  if (n.running === 0 && n.stopped > 0 && n.unknown === 0) {
    if (opts.podIsTerminal && !isStaticPod(pod)) {
      return n.stopped === n.succeeded ? 'Succeeded' : 'Failed';
    }
    if (restartPolicy === 'Always') return 'Running';
    if (n.stopped === n.succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}
