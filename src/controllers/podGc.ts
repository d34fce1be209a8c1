/**
 * The pod garbage collector's orphan pass (kube-controller-manager, podgc gc_controller.go), for a
 * pod bound to a node that does not exist: in podsim, a pod whose spec.nodeName names a node the
 * scenario does not have (the scheduler only binds to nodes that exist, and nodes are never
 * deleted).
 *
 * - `gc` runs every gcCheckPeriod (20 s, wait.UntilWithContext from the controller's start, which
 *   podsim puts at the run's start). Each pass puts the node of every pod bound to an unknown node
 *   into a delaying queue for quarantineTime (40 s); an item already waiting keeps its earlier
 *   ready time.
 * - A pass takes the items whose quarantine is over (discoverDeletedNodes), GETs each node, and for
 *   one still missing, deletes its pods (gcOrphaned): markFailedAndDeletePodWithCondition patches
 *   the status (phase Failed unless already terminal, condition DisruptionTarget=True reason
 *   DeletionByPodGC, message "PodGC: node no longer exists"), then deletes with grace period 0.
 *   No Kubernetes Event is recorded (the controller only logs).
 *
 * The pass that first sees the pod is the first one after its creation (one at the same instant
 * is taken to have listed the pods just before). Passes are sliding (the period counts from the
 * end of the previous pass), so the item added during that pass is ready a moment before the pass
 * two periods later: the pod is deleted 40 s after the pass that first saw it.
 */
import * as E from '../events/catalog.js';
import { withCause } from '../events/createEvent.js';
import type { Decision, DecideContext, TimerRequest } from '../engine/context.js';
import type { Millis } from '../model/time.js';
import { podObject } from '../state/model.js';

/** gcCheckPeriod and quarantineTime (gc_controller.go). */
export const GC_CHECK_PERIOD_MS = 20_000;
export const QUARANTINE_MS = 40_000;

/** The orphan deletion of pod `key`, bound at `at` to a node the cluster does not have. */
export function orphanDeletionTimer(key: string, at: Millis): TimerRequest {
  const firstPass = (Math.floor(at / GC_CHECK_PERIOD_MS) + 1) * GC_CHECK_PERIOD_MS;
  return { at: firstPass + QUARANTINE_MS, data: { kind: 'podGcOrphan', pod: key } };
}

/** gcOrphaned for one pod: marked Failed with the condition, then deleted at once. */
export function deleteOrphan(ctx: DecideContext, key: string): Decision {
  const node = ctx.state.pods.get(key)?.runtime.node;
  if (!node || ctx.state.nodes.has(node)) return { events: [], timers: [] };
  const obj = podObject(key);
  return {
    events: [
      E.podMarkedFailed(obj, {
        reason: 'DeletionByPodGC',
        message: 'PodGC: node no longer exists',
      }),
      withCause(E.podDeletionRequested(obj, { gracePeriodSeconds: 0 }), { draft: 0 }),
      withCause(E.podDeleted(obj, {}), { draft: 1 }),
    ],
    timers: [],
  };
}
