/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go syncReplicaSet,
 * manageReplicas), which also runs ReplicationControllers (pkg/controller/replication wraps it):
 * count the active pods it owns, create the missing ones from the template or delete the surplus
 * in ActivePods order. Status (replicas, ready, available) is derived from the pods, never stored.
 */
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { Draft } from '../events/createEvent.js';
import type { Decision, DecideContext } from '../engine/context.js';
import type { ObjectState, PodState } from '../state/model.js';
import { ownedCounts, ownedObjects, ownedPods, specReplicas } from '../state/workloads.js';
import { controllerKeyOf } from '../state/objectReducer.js';
import { isPodActive, podsToDelete } from './activePods.js';
import { createPodFromTemplate, deletePodDrafts, generatePodName } from './podControl.js';

/** replica_set.go BurstReplicas: at most this many creates or deletes per sync. */
export const BURST_REPLICAS = 500;

/** The Event source of each kind's controller. */
export const CONTROLLER_NAME: Record<string, string> = {
  ReplicaSet: 'replicaset-controller',
  ReplicationController: 'replication-controller',
};

export function syncReplicaSet(ctx: DecideContext, key: string): Decision {
  const o = ctx.state.objects.get(key);
  if (!o || (o.object.metadata as { deletionTimestamp?: string }).deletionTimestamp)
    return { events: [], timers: [] };
  const diff = ownedCounts(ctx.state, o).active - specReplicas(o);
  const from = CONTROLLER_NAME[o.kind]!;
  const events: Draft[] = [];
  if (diff < 0) {
    // slowStartBatch creates in batches of 1, 2, 4, … that only stop early on an API error; every
    // create succeeds in podsim, so one sync creates them all (up to BurstReplicas).
    const count = Math.min(-diff, BURST_REPLICAS);
    const template = (o.object.spec as { template: PodTemplateSpec }).template;
    const taken = new Set<string>();
    for (let i = 0; i < count; i++) {
      const name = generatePodName(ctx.state, ctx.seed, o, o.created + i, taken);
      taken.add(name);
      events.push(createPodFromTemplate(ctx, o, template, name, from));
    }
  } else if (diff > 0) {
    const count = Math.min(diff, BURST_REPLICAS);
    const nowEpoch = ctx.state.epochMs + ctx.now;
    const related = relatedPods(ctx, o);
    const onNode = new Map<string, number>();
    for (const p of related) {
      if (!isPodActive(p.pod as Pod)) continue;
      const n = p.pod.spec?.nodeName ?? '';
      onNode.set(n, (onNode.get(n) ?? 0) + 1);
    }
    const active = ownedPods(ctx.state, o).filter((p) => isPodActive(p.pod as Pod));
    const ranked = active.map((p) => ({
      p,
      pod: p.pod as Pod,
      rank: onNode.get(p.pod.spec?.nodeName ?? '') ?? 0,
    }));
    for (const { p } of podsToDelete(ranked, count, nowEpoch)) {
      events.push(
        ...deletePodDrafts(p, undefined, {
          type: 'Normal',
          reason: 'SuccessfulDelete',
          message: `Deleted pod: ${p.pod.metadata!.name}`,
          from,
          object: o.key,
        }),
      );
    }
  }
  return { events, timers: [] };
}

/**
 * getIndirectlyRelatedPods: the pods of every ReplicaSet with the same controller as this one (for
 * a Deployment's ReplicaSet, all of the Deployment's pods); just its own pods otherwise.
 */
function relatedPods(ctx: DecideContext, o: ObjectState): PodState[] {
  const owner = controllerKeyOf(o.object as Parameters<typeof controllerKeyOf>[0]);
  const ownerObj = owner === undefined ? undefined : ctx.state.objects.get(owner);
  if (!ownerObj) return ownedPods(ctx.state, o);
  return ownedObjects(ctx.state, ownerObj, o.kind).flatMap((rs) => ownedPods(ctx.state, rs));
}
