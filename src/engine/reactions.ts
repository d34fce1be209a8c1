/**
 * Who reacts to which fact: the watches of the scheduler and the kubelet (and, later, controllers),
 * and the kubelet's PLEG. A reaction only requests a timer; the decider it wakes reads state.
 */
import type { SimEvent } from '../events/catalog.js';
import type { ClusterState, PodState } from '../state/model.js';
import type { TimerRequest } from './context.js';
import { pendingPods } from '../controllers/scheduler.js';
import { startProbeWorkers } from '../kubelet/prober.js';
import { orphanDeletionTimer } from '../controllers/podGc.js';
import { objectSyncs, podOwnerSyncs } from '../controllers/watches.js';
import { evictionOnArrival } from '../controllers/nodeLifecycle.js';

/**
 * The timers the event wakes. Each is caused by the event: the caller requests them with the
 * event's seq as their cause, so none carries one. `before` is the pod the event concerns as it
 * was before the event (for pod/deleted).
 */
export function reactionsTo(ev: SimEvent, state: ClusterState, before?: PodState): TimerRequest[] {
  const controllers = ev.object.startsWith('Pod/')
    ? podOwnerSyncs(ev, state, before)
    : objectSyncs(ev, state);
  const own = kubeReactions(ev, state);
  // The taint eviction controller watches pods arriving on NoExecute-tainted nodes.
  if (ev.type === 'pod/scheduled' || ev.type === 'pod/created')
    own.push(...evictionOnArrival(state, ev.object.slice('Pod/'.length), ev.at));
  return controllers.length === 0 ? own : [...own, ...controllers];
}

function kubeReactions(ev: SimEvent, state: ClusterState): TimerRequest[] {
  const podKeyOf = (): string => ev.object.slice('Pod/'.length);
  switch (ev.type) {
    case 'pod/created': {
      const p = state.pods.get(podKeyOf());
      if (!p) return [];
      if (!p.runtime.node) return [{ at: ev.at, data: { kind: 'schedule', pod: p.key } }];
      // A pod with spec.nodeName bypasses the scheduler: the kubelet admits it directly. On a
      // node the cluster does not have, no kubelet does; the pod garbage collector deletes it.
      if (!state.nodes.has(p.runtime.node)) return [orphanDeletionTimer(p.key, ev.at)];
      return [{ at: ev.at, data: { kind: 'sync', pod: p.key } }];
    }
    case 'pod/scheduled':
    case 'pod/deletionRequested':
    case 'container/exited':
      return state.pods.has(podKeyOf())
        ? [{ at: ev.at, data: { kind: 'sync', pod: podKeyOf() } }]
        : [];
    case 'sandbox/creating': {
      const p = state.pods.get(podKeyOf());
      return p ? startProbeWorkers(p, ev.at) : [];
    }
    case 'node/taintsChanged':
      // A node lost a taint: pods it repelled may fit now.
      return ev.payload.remove.length === 0 ? [] : retryUnschedulable(state, ev.at);
    case 'pod/terminated':
    case 'pod/deleted':
    case 'node/registered':
      // Capacity may have freed: unschedulable pods move back to the active queue, or to the
      // back-off queue while their back-off from the last failed attempt lasts.
      return retryUnschedulable(state, ev.at);
    default:
      return [];
  }
}

function retryUnschedulable(state: ClusterState, at: number): TimerRequest[] {
  return pendingPods(state)
    .filter((p) =>
      p.pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False'),
    )
    .map((p) => ({
      at: Math.max(at, backoffUntil(p)),
      data: { kind: 'schedule', pod: p.key },
    }));
}

/**
 * scheduling_queue.go: after n failed attempts a pod waits podInitialBackoffDuration (1 s) × 2^(n−1),
 * at most podMaxBackoffDuration (10 s), from its last attempt — 1, 2, 4, 8, then 10 s. The attempts
 * are the pod's FailedScheduling Events (one per attempt, correlated into one record).
 */
function backoffUntil(p: PodState): number {
  const failed = p.events.find(
    (e) => e.reason === 'FailedScheduling' && e.from === 'default-scheduler',
  );
  if (!failed) return 0;
  return failed.lastAt + Math.min(1000 * 2 ** (failed.count - 1), 10_000);
}
