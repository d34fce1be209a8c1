/**
 * The garbage collector's background cascading deletion (pkg/controller/garbagecollector): once an
 * owner is gone, every object whose ownerReferences name its uid is deleted too, with background
 * propagation again, so a Deployment takes its ReplicaSets and they their pods. `kubectl delete`
 * uses background propagation by default. podsim deletes the dependents at the owner's instant
 * (the collector reacts to the informer's delete event; its latency is idealised to 0). Pods are
 * deleted gracefully with their own grace period, as any API delete without options.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import * as E from '../events/catalog.js';
import type { Draft } from '../events/createEvent.js';
import type { ClusterState, ObjectState } from '../state/model.js';
import { deletePodDrafts } from './podControl.js';

type Meta = { uid?: string; ownerReferences?: Array<{ uid: string }> };

const uidOf = (o: ObjectState): string | undefined => (o.object.metadata as Meta | undefined)?.uid;
const ownedBy = (refs: Array<{ uid: string }> | undefined, uid: string): boolean =>
  (refs ?? []).some((r) => r.uid === uid);

/** Deletes the object `key` and, recursively, its dependents (objects first, then pods). */
export function deleteWithDependents(state: ClusterState, key: string): Draft[] {
  const o = state.objects.get(key);
  if (!o) return [];
  const out: Draft[] = [E.objectDeleted(key, { kind: o.kind })];
  const uid = uidOf(o);
  if (uid === undefined) return out;
  for (const dep of state.objects.values())
    if (dep.key !== key && ownedBy((dep.object.metadata as Meta | undefined)?.ownerReferences, uid))
      out.push(...deleteWithDependents(state, dep.key));
  for (const p of state.pods.values())
    if (ownedBy((p.pod as Pod).metadata?.ownerReferences as Meta['ownerReferences'], uid))
      out.push(...deletePodDrafts(p, undefined));
  return out;
}
