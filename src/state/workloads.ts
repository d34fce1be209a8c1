/**
 * Read models of workloads, derived from the pods in state (never stored): which pods a
 * ReplicaSet or ReplicationController owns, and the counts its controller would write to
 * status (replica_set_utils.go calculateStatus: active pods only; ready; available).
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { isPodActive, isPodAvailable } from '../controllers/activePods.js';
import type { ClusterState, ObjectState, OwnerPodCounts, PodState } from './model.js';

type Obj = Record<string, unknown>;

export interface ReplicaCounts {
  /** spec.replicas (DESIRED). */
  desired: number;
  /** status.replicas: active pods (CURRENT). */
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
}

export const uidOf = (o: ObjectState): string | undefined =>
  (o.object.metadata as { uid?: string } | undefined)?.uid;

export const specReplicas = (o: ObjectState): number =>
  ((o.object.spec as { replicas?: number } | undefined)?.replicas ?? 1) as number;

export const minReadySecondsOf = (o: ObjectState): number =>
  (o.object.spec as { minReadySeconds?: number } | undefined)?.minReadySeconds ?? 0;

/** Pods whose controller ownerReference is this object (by uid), in creation order. */
export function ownedPods(state: ClusterState, o: ObjectState): PodState[] {
  const uid = uidOf(o);
  if (uid === undefined) return [];
  const keys = state.podsByOwner.get(uid);
  if (!keys) return [];
  const pods: PodState[] = [];
  for (const k of keys) {
    const p = state.pods.get(k);
    if (p) pods.push(p);
  }
  return pods;
}

const NO_PODS: OwnerPodCounts = Object.freeze({ active: 0, ready: 0 });

/** How many of the object's pods are active, and Ready among those (the fold's index). */
export function ownedCounts(state: ClusterState, o: ObjectState): OwnerPodCounts {
  const uid = uidOf(o);
  return (uid === undefined ? undefined : state.podCountsByOwner.get(uid)) ?? NO_PODS;
}

/**
 * Active pods of the object that are available at `nowEpoch`: with minReadySeconds 0 that is every
 * ready one (read from the index); otherwise each ready pod's Ready transition time decides.
 */
export function availableCount(
  state: ClusterState,
  o: ObjectState,
  minReadySeconds: number,
  nowEpoch: number,
): number {
  if (minReadySeconds === 0) return ownedCounts(state, o).ready;
  return ownedPods(state, o).filter(
    (p) => isPodActive(p.pod as Pod) && isPodAvailable(p.pod as Pod, minReadySeconds, nowEpoch),
  ).length;
}

/** Objects of `kind` whose controller ownerReference is `owner`, in creation order. */
export function ownedObjects(state: ClusterState, owner: ObjectState, kind: string): ObjectState[] {
  const uid = uidOf(owner);
  if (uid === undefined) return [];
  return [...state.objects.values()].filter(
    (o) =>
      o.kind === kind &&
      ((o.object.metadata as Obj | undefined)?.ownerReferences as Obj[] | undefined)?.some(
        (r) => r.controller === true && r.uid === uid,
      ),
  );
}

/** The ReplicaSet's (or RC's) status counts at `nowEpoch` (epoch ms). */
export function replicaCounts(
  state: ClusterState,
  o: ObjectState,
  nowEpoch: number,
): ReplicaCounts {
  const counts = ownedCounts(state, o);
  return {
    desired: specReplicas(o),
    replicas: counts.active,
    readyReplicas: counts.ready,
    availableReplicas: availableCount(state, o, minReadySecondsOf(o), nowEpoch),
  };
}

/**
 * getPodStatusForController: every pod the controller owns that the API still holds, counted by
 * phase (`waiting` is Pending).
 */
export function podPhaseCounts(
  state: ClusterState,
  o: ObjectState,
): { running: number; waiting: number; succeeded: number; failed: number } {
  const counts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const p of ownedPods(state, o)) {
    const phase = p.pod.status?.phase;
    if (phase === 'Running') counts.running++;
    else if (phase === 'Pending') counts.waiting++;
    else if (phase === 'Succeeded') counts.succeeded++;
    else if (phase === 'Failed') counts.failed++;
  }
  return counts;
}
