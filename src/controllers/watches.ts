/**
 * The controllers' informer handlers, reduced to which sync each fact enqueues: the ReplicaSet
 * controller watches its ReplicaSets and the pods they own (replica_set.go addPod/updatePod/
 * deletePod resolve the pod's controllerRef), the deployment controller its Deployments and the
 * ReplicaSets they own (deployment_controller.go addReplicaSet/updateReplicaSet). A ReplicaSet's
 * status follows its pods, so a pod change also reaches the owning Deployment.
 */
import type { SimEvent } from '../events/catalog.js';
import type { ClusterState, PodState } from '../state/model.js';
import { controllerKeyOf } from '../state/objectReducer.js';
import type { TimerRequest } from '../engine/context.js';

const RS_KINDS = new Set(['ReplicaSet', 'ReplicationController']);

/** The syncs a change to the object `key` (a workload) enqueues, now. */
export function workloadSyncs(state: ClusterState, key: string, at: number): TimerRequest[] {
  const o = state.objects.get(key);
  if (!o) return [];
  if (o.kind === 'Deployment') return [{ at, data: { kind: 'deployment', key } }];
  if (!RS_KINDS.has(o.kind)) return [];
  const out: TimerRequest[] = [{ at, data: { kind: 'replicaset', key } }];
  const owner = controllerKeyOf(o.object as Parameters<typeof controllerKeyOf>[0]);
  if (owner?.startsWith('Deployment/') && state.objects.has(owner))
    out.push({ at, data: { kind: 'deployment', key: owner } });
  return out;
}

/**
 * Syncs enqueued by an event about a pod (its state after the event, or before when deleted). The
 * informer calls the controllers' updatePod only for a change of the Pod object (a new
 * resourceVersion): an event that changed only the kubelet's own bookkeeping (a pull, a created
 * container still shown Waiting, a probe result that flips nothing) enqueues nothing.
 */
export function podOwnerSyncs(
  ev: SimEvent,
  state: ClusterState,
  before: PodState | undefined,
): TimerRequest[] {
  const after = state.pods.get(ev.object.slice('Pod/'.length));
  if (after && before && after.pod === before.pod) return [];
  const p = after ?? before;
  if (!p) return [];
  const owner = controllerKeyOf(p.pod);
  return owner === undefined ? [] : workloadSyncs(state, owner, ev.at);
}

/** Syncs enqueued by an event about a workload object itself. */
export function objectSyncs(ev: SimEvent, state: ClusterState): TimerRequest[] {
  switch (ev.type) {
    case 'object/applied':
    case 'workload/scaled':
    case 'object/annotated':
      return workloadSyncs(state, ev.object, ev.at);
    default:
      return [];
  }
}
