/**
 * The Deployment's status as the controller writes it: pkg/controller/deployment/sync.go
 * calculateStatus and syncDeploymentStatus, progress.go syncRolloutStatus and
 * requeueStuckDeployment, deployment_util.go DeploymentComplete / DeploymentProgressing /
 * DeploymentTimedOut. The counts come from the pods (derived); the conditions are the
 * controller's decisions and are stored (they carry when progress was last seen).
 */
import type { DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import * as E from '../events/catalog.js';
import type { TimerRequest } from '../engine/context.js';
import { formatRfc3339, parseRfc3339 } from '../model/time.js';
import { availableCount, ownedCounts, ownedPods } from '../state/workloads.js';
import { availableFromEpoch } from './activePods.js';
import { maxUnavailable, progressDeadline, replicaSum } from './deploymentUtil.js';
import type { DeploymentSync, RS } from './deploymentSync.js';

/** deployment/util NewRSAvailableReason and TimedOutReason. */
const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
const TIMED_OUT = 'ProgressDeadlineExceeded';

interface Counts {
  replicas: number;
  ready: number;
  available: number;
}

/** A ReplicaSet's active, ready and available pods, now (none for one not created yet). */
function countsOf(s: DeploymentSync, rs: RS | undefined): Counts {
  if (!rs || rs.created) return { replicas: 0, ready: 0, available: 0 };
  const minReady = s.d.spec?.minReadySeconds ?? 0;
  const now = s.ctx.state.epochMs + s.ctx.now;
  const counts = ownedCounts(s.ctx.state, rs.o);
  return {
    replicas: counts.active,
    ready: counts.ready,
    available: availableCount(s.ctx.state, rs.o, minReady, now),
  };
}

/** calculateStatus, with the Available condition. */
function calculateStatus(s: DeploymentSync, newRS: RS | undefined): DeploymentStatus {
  const all = s.rsList.map((rs) => countsOf(s, rs));
  const sum = (f: (c: Counts) => number): number => all.reduce((n, c) => n + f(c), 0);
  const available = sum((c) => c.available);
  const total = replicaSum(s.rsList.map((r) => s.view(r)));
  const status: DeploymentStatus = {
    observedGeneration: s.d.metadata?.generation ?? 1,
    replicas: sum((c) => c.replicas),
    updatedReplicas: countsOf(s, newRS).replicas,
    readyReplicas: sum((c) => c.ready),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    // setCondition replaces records and never changes one: a copy of the list is enough.
    conditions: ((s.d.status?.conditions ?? []) as DeploymentCondition[]).slice(),
  };
  if (available >= s.desired - maxUnavailable(s.d))
    setCondition(
      s,
      status,
      'Available',
      'True',
      'MinimumReplicasAvailable',
      'Deployment has minimum availability.',
    );
  else
    setCondition(
      s,
      status,
      'Available',
      'False',
      'MinimumReplicasUnavailable',
      'Deployment does not have minimum availability.',
    );
  return status;
}

/** SetDeploymentCondition: same status and reason → unchanged; same status keeps lastTransitionTime. */
function setCondition(
  s: DeploymentSync,
  status: DeploymentStatus,
  type: string,
  st: string,
  reason: string,
  message: string,
  keepTransition = false,
): void {
  const conds = (status.conditions ??= []) as DeploymentCondition[];
  const now = formatRfc3339(s.ctx.state.epochMs + s.ctx.now);
  const i = conds.findIndex((c) => c.type === type);
  const cur = conds[i];
  if (cur && cur.status === st && cur.reason === reason && !keepTransition) return;
  const next: DeploymentCondition = {
    type,
    status: st,
    lastUpdateTime: now,
    lastTransitionTime: cur && cur.status === st ? cur.lastTransitionTime! : now,
    reason,
    message,
  };
  if (i >= 0) conds.splice(i, 1);
  conds.push(next);
}

/** DeploymentComplete: every replica updated, no other, all available, this generation seen. */
const complete = (s: DeploymentSync, st: DeploymentStatus): boolean =>
  st.updatedReplicas === s.desired &&
  st.replicas === s.desired &&
  st.availableReplicas === s.desired &&
  (st.observedGeneration ?? 0) >= (s.d.metadata?.generation ?? 1);

/**
 * syncRolloutStatus (progress estimation) or syncDeploymentStatus (`estimate` false): the timers
 * it requeues, and whether the status it computed is DeploymentComplete (what cleanupDeployment
 * waits for).
 */
export function writeStatus(
  s: DeploymentSync,
  newRS: RS | undefined,
  estimate: boolean,
): { timers: TimerRequest[]; complete: boolean } {
  const st = calculateStatus(s, newRS);
  const deadline = progressDeadline(s.d);
  // getNewReplicaSet adds FoundNewReplicaSet or NewReplicaSetCreated only with a deadline
  // (HasProgressDeadline).
  if (s.pendingProgressing && deadline !== undefined)
    setCondition(
      s,
      st,
      'Progressing',
      'True',
      s.pendingProgressing.reason,
      s.pendingProgressing.message,
    );
  const conds = st.conditions as DeploymentCondition[];
  // syncRolloutStatus: "If there is no progressDeadlineSeconds set, remove any Progressing
  // condition" (a deadline changed to math.MaxInt32 takes the condition away).
  const i = conds.findIndex((c) => c.type === 'Progressing');
  if (estimate && deadline === undefined && i >= 0) conds.splice(i, 1);
  const old = s.d.status ?? {};
  const current = conds.find((c) => c.type === 'Progressing');
  const rsName = newRS ? s.name(newRS) : undefined;
  if (estimate && deadline !== undefined) {
    // progress.go syncRolloutStatus: util.NewRSAvailableReason is "NewReplicaSetAvailable".
    const isComplete = st.replicas === st.updatedReplicas && current?.reason === NEW_RS_AVAILABLE;
    if (!isComplete) {
      if (complete(s, st)) {
        const msg = rsName
          ? `ReplicaSet "${rsName}" has successfully progressed.`
          : `Deployment "${s.d.metadata!.name}" has successfully progressed.`;
        setCondition(s, st, 'Progressing', 'True', NEW_RS_AVAILABLE, msg);
      } else if (progressing(old, st)) {
        const msg = rsName
          ? `ReplicaSet "${rsName}" is progressing.`
          : `Deployment "${s.d.metadata!.name}" is progressing.`;
        setCondition(s, st, 'Progressing', 'True', 'ReplicaSetUpdated', msg, true);
      } else if (timedOut(s, st, deadline)) {
        const msg = rsName
          ? `ReplicaSet "${rsName}" has timed out progressing.`
          : `Deployment "${s.d.metadata!.name}" has timed out progressing.`;
        setCondition(s, st, 'Progressing', 'False', TIMED_OUT, msg);
      }
    }
  }
  // Conditions in the order the API returns them: Available, then Progressing.
  conds.sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type));
  if (!sameJson(st, old))
    s.events.push(E.deploymentStatusUpdated(s.dObj.key, { status: st as Record<string, unknown> }));
  // Only syncRolloutStatus requeues a stuck Deployment; sync (paused, or scaling) leaves it to the
  // next rollout sync.
  return { timers: requeue(s, st, estimate ? deadline : undefined), complete: complete(s, st) };
}

const ORDER = ['Available', 'Progressing', 'ReplicaFailure'];

/**
 * The two values print the same JSON once keys are sorted (keys whose value is undefined are left
 * out, as JSON.stringify leaves them out), compared without building either text: a sync runs per
 * pod event.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return JSON.stringify(a) === JSON.stringify(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameJson(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => k in bo && sameJson(ao[k], bo[k]));
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available than last written. */
function progressing(old: DeploymentStatus, st: DeploymentStatus): boolean {
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (st.replicas ?? 0) - (st.updatedReplicas ?? 0);
  return (
    (st.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (st.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (st.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

function timedOut(s: DeploymentSync, st: DeploymentStatus, deadline: number): boolean {
  const c = (st.conditions ?? []).find((x) => x.type === 'Progressing');
  if (!c || c.reason === NEW_RS_AVAILABLE) return false;
  if (c.reason === TIMED_OUT) return true;
  return deadlineAt(s, c, deadline) < s.ctx.now;
}

/** When the condition's deadline passes, in run time: lastUpdateTime (whole seconds) + deadline. */
function deadlineAt(s: DeploymentSync, c: DeploymentCondition, deadline: number): number {
  const epoch = s.ctx.state.epochMs;
  return (parseRfc3339(c.lastUpdateTime ?? '') ?? epoch) - epoch + deadline * 1000;
}

/**
 * requeueStuckDeployment (progress.go): with the deadline `after` away, look again `after` plus one
 * second later (the second against clock skew in AddAfter). With less than a second left the
 * controller requeues at once, rate-limited, sync after sync, until the condition times out or the
 * rollout completes (see `spinUntil`). And, with minReadySeconds, when the next ready pod becomes
 * available (the ReplicaSet controller's MinReadySeconds resync updates the status then).
 */
function requeue(
  s: DeploymentSync,
  st: DeploymentStatus,
  deadline: number | undefined,
): TimerRequest[] {
  const out: TimerRequest[] = [];
  const epoch = s.ctx.state.epochMs;
  const key = s.dObj.key;
  const c = (st.conditions ?? []).find((x) => x.type === 'Progressing');
  if (deadline !== undefined && c && c.reason !== TIMED_OUT && !complete(s, st)) {
    const due = deadlineAt(s, c, deadline);
    if (due - s.ctx.now >= 1000) out.push({ at: due + 1000, data: { kind: 'deployment', key } });
    // A condition that never times out (the last rollout completed: DeploymentTimedOut is false
    // for NewReplicaSetAvailable until a new rollout) keeps the controller requeueing it for as
    // long as the pods stay short of complete. Those syncs find the status they wrote, so podsim
    // does not run them; whatever changes the status comes through the watches, which sync.
    else if (c.reason !== NEW_RS_AVAILABLE)
      out.push({ at: spinUntil(s.ctx.now, due), data: { kind: 'deployment', key } });
  }
  const minReady = s.d.spec?.minReadySeconds ?? 0;
  if (minReady > 0) {
    const now = epoch + s.ctx.now;
    const next = s.rsList
      .flatMap((rs) => (rs.created ? [] : ownedPods(s.ctx.state, rs.o)))
      .map((p) => availableFromEpoch(p.pod as Pod, minReady))
      .filter((t): t is number => t !== undefined && t > now);
    if (next.length > 0)
      out.push({ at: Math.min(...next) - epoch, data: { kind: 'deployment', key } });
  }
  return out;
}

/** client-go workqueue DefaultControllerRateLimiter: per item 5 ms doubling, bucket 10/s burst 100. */
const SPIN = { baseMs: 5, perMs: 10 / 1000, burst: 100 };

/**
 * The first of the rate-limited requeues from `now` that runs after `due`, the sync that finds the
 * condition timed out (DeploymentTimedOut: the deadline strictly before now). Each sync succeeds,
 * so the queue forgets the item and its own delay stays 5 ms (handleErr → Forget); the queue's
 * token bucket, taken as full when the spin starts (nothing else in the controller's queue is rate-
 * limited in podsim), holds later requeues to one per 100 ms once its 100 tokens are spent
 * (golang.org/x/time/rate Reserve: a reservation past the tokens waits for the deficit).
 */
export function spinUntil(now: number, due: number): number {
  let t = now;
  let tokens = SPIN.burst;
  let last = now;
  // At least one requeue: a sync never requeues itself at its own instant.
  do {
    tokens = Math.min(SPIN.burst, tokens + (t - last) * SPIN.perMs) - 1;
    last = t;
    const wait = tokens < 0 ? -tokens / SPIN.perMs : 0;
    t += Math.max(SPIN.baseMs, Math.ceil(wait));
  } while (t <= due);
  return t;
}
