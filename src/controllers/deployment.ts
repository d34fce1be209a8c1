/**
 * The deployment controller's sync (pkg/controller/deployment/deployment_controller.go
 * syncDeployment): a scaling event is handled by sync.go scale(); otherwise the strategy rolls
 * out — rolling.go rolloutRolling (reconcileNewReplicaSet, reconcileOldReplicaSets,
 * cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate) or recreate.go
 * rolloutRecreate. A scale in the middle of a rolling update is spread over the active
 * ReplicaSets in proportion to their sizes (sync.go scale, deployment_util.go GetProportion).
 * Once a rollout is complete, old ReplicaSets beyond revisionHistoryLimit are deleted (sync.go
 * cleanupDeployment). Not modelled: paused Deployments, adoption of orphaned ReplicaSets.
 */
import type { Decision, DecideContext, TimerRequest } from '../engine/context.js';
import { availableCount, ownedCounts, ownedObjects, ownedPods } from '../state/workloads.js';
import {
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  REVISION,
  byCreation,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  replicaSum,
} from './deploymentUtil.js';
import { DeploymentSync } from './deploymentSync.js';
import { deleteWithDependents } from './garbageCollector.js';
import type { RS } from './deploymentSync.js';
import { writeStatus } from './deploymentStatus.js';
import { isPodTerminal } from './activePods.js';
import type { Pod } from 'kubernetes-types/core/v1.js';

export function syncDeployment(ctx: DecideContext, key: string): Decision {
  const dObj = ctx.state.objects.get(key);
  if (!dObj || (dObj.object.metadata as { deletionTimestamp?: string }).deletionTimestamp)
    return { events: [], timers: [] };
  const s = new DeploymentSync(ctx, dObj, ownedObjects(ctx.state, dObj, 'ReplicaSet'));
  let timers: TimerRequest[];
  if (isScalingEvent(s)) timers = scaleDeployment(s);
  else if (s.d.spec?.strategy?.type === 'Recreate') timers = rolloutRecreate(s);
  else timers = rolloutRolling(s);
  return { events: s.events, timers };
}

/** isScalingEvent: an active ReplicaSet was sized for another replica count. */
function isScalingEvent(s: DeploymentSync): boolean {
  const { newRS, oldRSs } = s.newAndOld(false);
  return [...(newRS ? [newRS] : []), ...oldRSs].some((rs) => {
    const want = rs.annotations[DESIRED_REPLICAS];
    return rs.replicas > 0 && want !== undefined && Number(want) !== s.desired;
  });
}

const active = (list: RS[]): RS[] => list.filter((r) => r.replicas > 0);

function availableOf(s: DeploymentSync, rs: RS): number {
  if (rs.created) return 0;
  const now = s.ctx.state.epochMs + s.ctx.now;
  const minReady = s.d.spec?.minReadySeconds ?? 0;
  return availableCount(s.ctx.state, rs.o, minReady, now);
}

/** sync.go scale (FindActiveOrLatest and IsSaturated cases). */
function scaleDeployment(s: DeploymentSync): TimerRequest[] {
  const { newRS, oldRSs } = s.newAndOld(false);
  const all = active([...oldRSs.slice().reverse(), ...(newRS ? [newRS] : [])]);
  let target: RS | undefined;
  if (all.length === 1) target = all[0];
  else if (all.length === 0) target = newRS ?? oldRSs[oldRSs.length - 1];
  if (target) s.scale(target, s.desired);
  else if (newRS && newRS.replicas === s.desired && availableOf(s, newRS) === s.desired) {
    for (const old of active(oldRSs)) s.scale(old, 0);
  } else if (s.d.spec?.strategy?.type !== 'Recreate') {
    // FindActiveOrLatest left oldRSs newest first; FilterActiveReplicaSets(append(oldRSs, newRS)).
    const order = active([...oldRSs.slice().reverse(), ...(newRS ? [newRS] : [])]);
    proportionalScale(s, order);
  }
  return writeStatus(s, newRS, false).timers;
}

/**
 * sync.go scale, rolling-update branch: the replicas to add (or remove) so that the total is
 * replicas + maxSurge are shared out in proportion to each active ReplicaSet's size
 * (GetProportion / getReplicaSetFraction: round(size × newMax / max-replicas annotation) − size,
 * capped by what is left), largest first — newer first among equals when scaling up, older first
 * when scaling down — and the rounding leftover goes to the first.
 */
function proportionalScale(s: DeploymentSync, all: RS[]): void {
  const surge = maxSurge(s.d);
  const allowedSize = s.desired > 0 ? s.desired + surge : 0;
  const toAdd = allowedSize - all.reduce((n, r) => n + r.replicas, 0);
  const newerFirst = (a: RS, b: RS): number => byCreation(b.o, a.o);
  const sorted =
    toAdd === 0
      ? all
      : [...all].sort(
          (a, b) =>
            b.replicas - a.replicas || (toAdd > 0 ? newerFirst(a, b) : byCreation(a.o, b.o)),
        );
  const operation = toAdd > 0 ? 'up' : toAdd < 0 ? 'down' : '';
  let added = 0;
  const sizes = sorted.map((rs) => {
    if (toAdd === 0) return rs.replicas;
    const p = proportion(s, rs, toAdd, added);
    added += p;
    return rs.replicas + p;
  });
  sorted.forEach((rs, i) => {
    const size = i === 0 && toAdd !== 0 ? Math.max(0, sizes[i]! + toAdd - added) : sizes[i]!;
    s.scale(rs, size, { annotate: true, operation });
  });
}

/** deployment_util.go GetProportion. */
function proportion(s: DeploymentSync, rs: RS, toAdd: number, added: number): number {
  if (rs.replicas === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (s.desired === 0) fraction = -rs.replicas;
  else {
    const before = Number(rs.annotations[MAX_REPLICAS] ?? s.d.status?.replicas ?? 0);
    // integer.RoundToInt32: half away from zero.
    const size = (rs.replicas * (s.desired + maxSurge(s.d))) / before;
    fraction = Math.sign(size) * Math.floor(Math.abs(size) + 0.5) - rs.replicas;
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function rolloutRolling(s: DeploymentSync): TimerRequest[] {
  const { newRS, oldRSs } = s.newAndOld(true);
  const rs = newRS!;
  const all = (): RS[] => s.rsList;
  // reconcileNewReplicaSet
  let scaled = false;
  if (rs.replicas > s.desired) scaled = s.scale(rs, s.desired);
  else if (rs.replicas < s.desired)
    scaled = s.scale(
      rs,
      newRSNewReplicas(
        s.d,
        all().map((r) => s.view(r)),
        rs.replicas,
      ),
    );
  if (!scaled) scaled = reconcileOld(s, active(oldRSs), rs);
  const { timers, complete } = writeStatus(s, rs, true);
  if (!scaled && complete) cleanupDeployment(s, oldRSs, rs);
  return timers;
}

/**
 * sync.go cleanupDeployment, run by rolloutRolling/rolloutRecreate when the status they just
 * computed is complete (the controller sees its own status write at once and syncs again; podsim
 * does it in the same sync): the oldest old ReplicaSets beyond revisionHistoryLimit (by revision)
 * are deleted, those with replicas or active pods skipped.
 */
function cleanupDeployment(s: DeploymentSync, oldRSs: RS[], newRS: RS | undefined): void {
  const limit = s.d.spec?.revisionHistoryLimit ?? 10;
  if (!newRS || newRS.created) return;
  const cleanable = oldRSs.filter((r) => !r.created);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  const byRevision = [...cleanable].sort(
    (a, b) =>
      Number(a.annotations[REVISION] ?? 0) - Number(b.annotations[REVISION] ?? 0) ||
      byCreation(a.o, b.o),
  );
  for (const rs of byRevision.slice(0, diff)) {
    if (rs.replicas !== 0 || activePods(s, rs) !== 0) continue;
    s.events.push(...deleteWithDependents(s.ctx.state, rs.o.key));
  }
}

const activePods = (s: DeploymentSync, rs: RS): number => ownedCounts(s.ctx.state, rs.o).active;

/** reconcileOldReplicaSets. */
function reconcileOld(s: DeploymentSync, oldRSs: RS[], newRS: RS): boolean {
  const oldCount = replicaSum(oldRSs.map((r) => s.view(r)));
  if (oldCount === 0) return false;
  const allCount = replicaSum(s.rsList.map((r) => s.view(r)));
  const minAvailable = s.desired - maxUnavailable(s.d);
  const newUnavailable = newRS.replicas - availableOf(s, newRS);
  const maxScaledDown = allCount - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  // cleanupUnhealthyReplicas: oldest first, remove replicas that are not available.
  let cleaned = 0;
  for (const rs of oldRSs) {
    if (cleaned >= maxScaledDown) break;
    if (rs.replicas === 0) continue;
    const avail = availableOf(s, rs);
    if (rs.replicas === avail) continue;
    const n = Math.min(maxScaledDown - cleaned, rs.replicas - avail);
    s.scale(rs, rs.replicas - n);
    cleaned += n;
  }
  // scaleDownOldReplicaSetsForRollingUpdate.
  const available = s.rsList.reduce((n, r) => n + availableOf(s, r), 0);
  let down = 0;
  if (available > minAvailable) {
    const total = available - minAvailable;
    for (const rs of oldRSs) {
      if (down >= total) break;
      if (rs.replicas === 0) continue;
      const n = Math.min(rs.replicas, total - down);
      s.scale(rs, rs.replicas - n);
      down += n;
    }
  }
  return cleaned + down > 0;
}

function rolloutRecreate(s: DeploymentSync): TimerRequest[] {
  let { newRS, oldRSs } = s.newAndOld(false);
  let scaledDown = false;
  for (const rs of active(oldRSs)) scaledDown = s.scale(rs, 0) || scaledDown;
  if (scaledDown || oldPodsRunning(s, newRS)) return writeStatus(s, newRS, true).timers;
  if (!newRS) ({ newRS, oldRSs } = s.newAndOld(true));
  s.scale(newRS!, s.desired);
  const { timers, complete } = writeStatus(s, newRS, true);
  if (complete) cleanupDeployment(s, oldRSs, newRS);
  return timers;
}

/** recreate.go oldPodsRunning: an old ReplicaSet still has a pod that is not terminal. */
function oldPodsRunning(s: DeploymentSync, newRS: RS | undefined): boolean {
  return s.rsList
    .filter((r) => r !== newRS && !r.created)
    .some((r) => ownedPods(s.ctx.state, r.o).some((p) => !isPodTerminal(p.pod as Pod)));
}
