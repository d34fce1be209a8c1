/**
 * The deployment controller's sync (pkg/controller/deployment/deployment_controller.go
 * syncDeployment): a scaling event is handled by sync.go scale(); otherwise the strategy rolls
 * out — rolling.go rolloutRolling (reconcileNewReplicaSet, reconcileOldReplicaSets,
 * cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate) or recreate.go
 * rolloutRecreate. Not modelled: paused Deployments, adoption of orphaned ReplicaSets, the
 * revisionHistoryLimit cleanup, and proportional scaling of several active ReplicaSets (a scale
 * in the middle of a rollout scales the newest active ReplicaSet only).
 */
import type { Decision, DecideContext, TimerRequest } from '../engine/context.js';
import { availableCount, ownedObjects, ownedPods } from '../state/workloads.js';
import {
  DESIRED_REPLICAS,
  maxUnavailable,
  newRSNewReplicas,
  replicaSum,
} from './deploymentUtil.js';
import { DeploymentSync } from './deploymentSync.js';
import type { RS } from './deploymentSync.js';
import { writeStatus } from './deploymentStatus.js';

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
  } else if (newRS) {
    // Proportional scaling is not modelled: the new ReplicaSet takes the difference.
    s.scale(newRS, Math.max(0, newRS.replicas + s.desired - replicaSum(all.map((r) => s.view(r)))));
  }
  return writeStatus(s, newRS, false);
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
  return writeStatus(s, rs, true);
}

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
  if (scaledDown || oldPodsRunning(s, newRS)) return writeStatus(s, newRS, true);
  if (!newRS) ({ newRS, oldRSs } = s.newAndOld(true));
  s.scale(newRS!, s.desired);
  return writeStatus(s, newRS, true);
}

/** recreate.go oldPodsRunning: an old ReplicaSet still has a pod that is not terminal. */
function oldPodsRunning(s: DeploymentSync, newRS: RS | undefined): boolean {
  return s.rsList
    .filter((r) => r !== newRS && !r.created)
    .some((r) =>
      ownedPods(s.ctx.state, r.o).some((p) => {
        const phase = p.pod.status?.phase;
        return phase !== 'Succeeded' && phase !== 'Failed';
      }),
    );
}
