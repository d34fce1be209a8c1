/**
 * The kubelet-owned pod conditions derived from container statuses. Mirrors
 * pkg/kubelet/status/generate.go (GeneratePodInitializedCondition, GenerateContainersReadyCondition,
 * GeneratePodReadyCondition) and kubelet-semantics §5. PodReadyToStartContainers depends on the
 * pod sandbox, which the API object does not show, and PodScheduled is the scheduler's.
 */
import type { Container, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import type { PodPhase } from './containers.js';
import {
  findContainerStatus,
  hasAnyRegularContainerStarted,
  isRestartableInitContainer,
} from './containers.js';
import { goStringSlice } from './goText.js';
import { podPhase } from './podPhase.js';

/**
 * The phase the conditions are generated for: the kubelet passes the phase it just wrote to
 * status.phase, so that is the default; a pod without a phase gets the computed one.
 */
function currentPhase(pod: Pod): PodPhase {
  const phase = pod.status?.phase;
  return phase === 'Pending' || phase === 'Running' || phase === 'Succeeded' || phase === 'Failed'
    ? phase
    : podPhase(pod);
}

export interface PodConditionSummary {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason?: string;
  readonly message?: string;
}

/** Condition reasons of generate.go. */
export const UNKNOWN_CONTAINER_STATUSES = 'UnknownContainerStatuses';
export const POD_COMPLETED = 'PodCompleted';
export const POD_FAILED = 'PodFailed';
export const CONTAINERS_NOT_READY = 'ContainersNotReady';
export const CONTAINERS_NOT_INITIALIZED = 'ContainersNotInitialized';
export const READINESS_GATES_NOT_READY = 'ReadinessGatesNotReady';

/** isInitContainerInitialized: a sidecar once started, a regular init container once ready. */
function isInitContainerInitialized(container: Container, status: ContainerStatus): boolean {
  return isRestartableInitContainer(container) ? status.started === true : status.ready === true;
}

/** `containers with unknown status: [a], containers with incomplete status: [b]`. */
function listMessage(parts: readonly (readonly [string, readonly string[] | undefined])[]): string {
  return parts
    .filter((part): part is [string, string[]] => part[1] !== undefined)
    .map(([label, names]) => `containers with ${label} status: ${goStringSlice(names)}`)
    .join(', ');
}

/**
 * The status of `name` in init-then-regular order (the order generateAPIPodStatus builds
 * conditions from), without building a combined list: conditions are generated after every
 * pod event that changes a status, so they allocate only what they report.
 */
function statusOf(pod: Pod, name: string): ContainerStatus | undefined {
  const init = pod.status?.initContainerStatuses;
  const regular = pod.status?.containerStatuses;
  return (
    (init && findContainerStatus(init, name)) ?? (regular && findContainerStatus(regular, name))
  );
}

const hasStatuses = (pod: Pod): boolean =>
  (pod.status?.initContainerStatuses?.length ?? 0) + (pod.status?.containerStatuses?.length ?? 0) >
  0;

/** GeneratePodInitializedCondition. */
export function initializedCondition(
  pod: Pod,
  phase: PodPhase = currentPhase(pod),
): PodConditionSummary {
  const type = 'Initialized';
  const initContainers = pod.spec?.initContainers ?? [];
  if (!hasStatuses(pod) && initContainers.length > 0) {
    return { type, status: 'False', reason: UNKNOWN_CONTAINER_STATUSES };
  }
  let unknown: string[] | undefined;
  let incomplete: string[] | undefined;
  for (const container of initContainers) {
    const status = statusOf(pod, container.name);
    if (status === undefined) (unknown ??= []).push(container.name);
    else if (!isInitContainerInitialized(container, status))
      (incomplete ??= []).push(container.name);
  }
  if (phase === 'Succeeded' && unknown === undefined) {
    return { type, status: 'True', reason: POD_COMPLETED };
  }
  if (unknown === undefined && incomplete === undefined) return { type, status: 'True' };
  // A regular container that ran means the pod was initialized before (sidecars may restart).
  if (hasAnyRegularContainerStarted(pod.spec, pod.status?.containerStatuses ?? []))
    return { type, status: 'True' };
  const message = listMessage([
    ['unknown', unknown],
    ['incomplete', incomplete],
  ]);
  return { type, status: 'False', reason: CONTAINERS_NOT_INITIALIZED, message };
}

/** GenerateContainersReadyCondition: over sidecars and regular containers. */
export function containersReadyCondition(
  pod: Pod,
  phase: PodPhase = currentPhase(pod),
): PodConditionSummary {
  const type = 'ContainersReady';
  if (!hasStatuses(pod)) return { type, status: 'False', reason: UNKNOWN_CONTAINER_STATUSES };
  let unknown: string[] | undefined;
  let unready: string[] | undefined;
  const count = (container: Container): void => {
    const status = statusOf(pod, container.name);
    if (status === undefined) (unknown ??= []).push(container.name);
    else if (status.ready !== true) (unready ??= []).push(container.name);
  };
  for (const container of pod.spec?.initContainers ?? [])
    if (isRestartableInitContainer(container)) count(container);
  for (const container of pod.spec?.containers ?? []) count(container);
  if (phase === 'Succeeded' && unknown === undefined) {
    return { type, status: 'False', reason: POD_COMPLETED };
  }
  // Containers of a failed pod may still be terminating: never report them ready.
  if (phase === 'Failed') return { type, status: 'False', reason: POD_FAILED };
  if (unknown !== undefined || unready !== undefined) {
    const message = listMessage([
      ['unknown', unknown],
      ['unready', unready],
    ]);
    return { type, status: 'False', reason: CONTAINERS_NOT_READY, message };
  }
  return { type, status: 'True' };
}

/**
 * GeneratePodReadyCondition: ContainersReady, then the readiness gates, which are looked up in
 * `conditions` (by default the pod's own status.conditions, where their owners write them).
 */
export function readyCondition(
  pod: Pod,
  phase: PodPhase = currentPhase(pod),
  conditions: readonly PodCondition[] = pod.status?.conditions ?? [],
  /** The ContainersReady condition for the same phase, when the caller has it already. */
  containersReady: PodConditionSummary = containersReadyCondition(pod, phase),
): PodConditionSummary {
  const type = 'Ready';
  if (containersReady.status !== 'True') return { ...containersReady, type };
  const unready: string[] = [];
  for (const gate of pod.spec?.readinessGates ?? []) {
    const c = conditions.find((cond) => cond.type === gate.conditionType);
    if (c === undefined) {
      unready.push(
        `corresponding condition of pod readiness gate ${goQuote(gate.conditionType)} does not exist.`,
      );
    } else if (c.status !== 'True') {
      unready.push(
        `the status of pod readiness gate ${goQuote(gate.conditionType)} is not "True", but ${c.status}`,
      );
    }
  }
  if (unready.length > 0) {
    return {
      type,
      status: 'False',
      reason: READINESS_GATES_NOT_READY,
      message: unready.join(', '),
    };
  }
  return { type, status: 'True' };
}

/** fmt's %q for the printable ASCII that condition types consist of. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}
