/**
 * Which rows `kubectl get pods -w` would print. The kubelet writes pod status at the start of each
 * sync (generateAPIPodStatus, with the previous sync's start errors) and the API server sends a
 * watch event per write; runtime changes within one instant reach the API as one write. So rows are
 * coalesced per pod per instant, except the row written at a sync's start, which is flushed at once.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { SimEvent } from '../events/catalog.js';
import type { ClusterState, PodState } from '../state/model.js';
import { listedPods, nowRfc } from '../state/selectors.js';
import { killedForProbe } from '../state/podStatus.js';
import { printPodRow } from '../views/index.js';
import type { PodRow } from '../views/index.js';

/** Events that are API writes of their own: creation, binding, deletion, and a kubelet sync's status. */
const OWN_WRITE = new Set([
  'pod/created',
  'pod/scheduled',
  'pod/unschedulable',
  'pod/deletionRequested',
  'sandbox/creating',
  'image/backOff',
  'container/backOff',
]);

function restartCount(pod: Pod): number {
  return [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ].reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

/**
 * The pod worker is inside a SyncPod that blocks (a pull, a hook, a kill for a failed probe): it
 * writes no status until that sync ends, so what changed meanwhile is not visible yet.
 */
function blocked(p: PodState, at: number): boolean {
  if (p.runtime.busy && p.runtime.busy.until > at) return true;
  return Object.values(p.runtime.containers).some(
    (c) => c.phase === 'running' && killedForProbe(c),
  );
}

export interface PodWatch {
  /** Feed every event, in order, with the state that includes it. */
  onEvent(ev: SimEvent, state: ClusterState): void;
  /** Flush what is pending (at the end of the run). */
  end(): void;
  /**
   * Starts watching a run already under way, as `kubectl get pods -w` does when it is started
   * then: one row per existing pod at `at`, then only changes.
   */
  list(state: ClusterState, at: number): void;
}

export function createPodWatch(print: (row: PodRow, at: number) => void): PodWatch {
  const printed = new Map<string, string>();
  const lastSeen = new Map<string, PodState>();
  const pending = new Map<string, { p: PodState; at: number; state: ClusterState }>();
  let instant = -1;

  const emit = (key: string, deleted: boolean): void => {
    const item = pending.get(key);
    pending.delete(key);
    if (!item) return;
    const pod = item.p.pod as Pod;
    const row = printPodRow(pod, nowRfc(item.state, item.at));
    const sig = `${row.ready}|${row.status}|${restartCount(pod)}`;
    if (!deleted && printed.get(key) === sig) return;
    if (deleted) printed.delete(key);
    else printed.set(key, sig);
    print(row, item.at);
  };
  const flushAll = (final = false): void => {
    for (const [key, item] of [...pending.entries()])
      if (final || !blocked(item.p, item.at)) emit(key, false);
  };

  return {
    onEvent(ev, state) {
      if (ev.at !== instant) {
        flushAll();
        instant = ev.at;
      }
      if (!ev.object.startsWith('Pod/')) return;
      const key = ev.object.slice(4);
      if (ev.type === 'pod/deleted') {
        // The DELETED watch event carries the object's last state.
        const last = pending.get(key)?.p ?? lastSeen.get(key);
        if (last) {
          pending.set(key, { p: last, at: ev.at, state });
          emit(key, true);
        }
        lastSeen.delete(key);
        return;
      }
      const p = state.pods.get(key);
      if (!p) return;
      lastSeen.set(key, p);
      pending.set(key, { p, at: ev.at, state });
      const syncStart =
        OWN_WRITE.has(ev.type) ||
        ((ev.type === 'image/pulling' || ev.type === 'image/present') && ev.payload.syncStart) ||
        (ev.type === 'image/pullFailed' && !ev.payload.afterPull);
      if (syncStart) emit(key, false);
    },
    end: () => flushAll(true),
    list(state, at) {
      flushAll(true);
      instant = at;
      // The initial list comes back in the API's order (by namespace, then name).
      for (const p of listedPods(state)) {
        const key = p.key;
        lastSeen.set(key, p);
        pending.set(key, { p, at, state });
        emit(key, false);
      }
    },
  };
}
