/**
 * Pod predicates and the scale-down ranking shared by the replica controllers, as in
 * pkg/controller/controller_utils.go (IsPodActive, ActivePodsWithRanks.Less with the
 * LogarithmicScaleDown and PodDeletionCost gates on, their v1.31 defaults) and
 * pkg/api/v1/pod/util.go (IsPodReady, IsPodAvailable).
 */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import type { Millis } from '../model/time.js';
import { parseRfc3339 } from '../model/time.js';

type PodLike = Pod;

/** Succeeded or Failed: the pod will not run again. */
export function isPodTerminal(pod: PodLike): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** IsPodActive: not Succeeded, not Failed, no deletionTimestamp. */
export function isPodActive(pod: PodLike): boolean {
  return !isPodTerminal(pod) && !pod.metadata?.deletionTimestamp;
}

export function isPodReady(pod: PodLike): boolean {
  return trueReadyCondition(pod) !== undefined;
}

/** The Ready condition when it is True. */
export function trueReadyCondition(pod: PodLike): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
}

/** The Ready condition's lastTransitionTime in epoch ms (second precision), when Ready. */
export function readySinceEpoch(pod: PodLike): number | undefined {
  const c = trueReadyCondition(pod);
  return c?.lastTransitionTime ? parseRfc3339(c.lastTransitionTime) : undefined;
}

/**
 * IsPodAvailable: ready, and ready since at least minReadySeconds. Upstream compares with
 * `LastTransitionTime + minReadySeconds Before now`; its controllers look again after a real,
 * non-zero delay, so podsim (whose controllers act with no latency) counts the pod available from
 * that very instant on: `readySince + minReady <= now`.
 */
export function isPodAvailable(pod: PodLike, minReadySeconds: number, nowEpoch: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = readySinceEpoch(pod);
  return since !== undefined && since + minReadySeconds * 1000 <= nowEpoch;
}

/** When a ready pod becomes available (epoch ms), or undefined when not ready. */
export function availableFromEpoch(pod: PodLike, minReadySeconds: number): number | undefined {
  const since = readySinceEpoch(pod);
  return since === undefined || !isPodReady(pod) ? undefined : since + minReadySeconds * 1000;
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function maxContainerRestarts(pod: PodLike): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

/** logarithmicRankDiff: ranks are floor(log2(age in ns)), -1 for a zero or negative age. */
function logRankDiff(t1: number, t2: number, nowEpoch: Millis): number {
  const rank = (t: number): number => {
    const d = (nowEpoch - t) * 1e6;
    return d > 0 ? Math.floor(Math.log2(d)) : -1;
  };
  return rank(t1) - rank(t2);
}

/**
 * ActivePodsWithRanks.Less: true when `a` should be deleted before `b`. `rank` is the number of
 * active related pods on the pod's node (getPodsRankedByRelatedPodsOnSameNode).
 */
export function deletePreferred(
  a: { pod: PodLike; rank: number },
  b: { pod: PodLike; rank: number },
  nowEpoch: number,
): boolean {
  const na = a.pod.spec?.nodeName ?? '';
  const nb = b.pod.spec?.nodeName ?? '';
  // 1. Unassigned < assigned.
  if (na !== nb && (na === '' || nb === '')) return na === '';
  // 2. Pending < Unknown < Running.
  const pa = PHASE_ORDINAL[a.pod.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDINAL[b.pod.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa < pb;
  // 3. Not ready < ready.
  const ra = isPodReady(a.pod);
  const rb = isPodReady(b.pod);
  if (ra !== rb) return !ra;
  // 4. Lower controller.kubernetes.io/pod-deletion-cost first.
  const ca = deletionCost(a.pod);
  const cb = deletionCost(b.pod);
  if (ca !== cb) return ca < cb;
  // 5. Doubled up (more related pods on the same node) first.
  if (a.rank !== b.rank) return a.rank > b.rank;
  const uidLess = (): boolean => (a.pod.metadata?.uid ?? '') < (b.pod.metadata?.uid ?? '');
  // 6. Ready for less time first (logarithmic buckets, UID breaks ties).
  if (ra && rb) {
    const ta = readySinceEpoch(a.pod) ?? 0;
    const tb = readySinceEpoch(b.pod) ?? 0;
    if (ta !== tb) {
      const d = logRankDiff(ta, tb, nowEpoch);
      return d === 0 ? uidLess() : d < 0;
    }
  }
  // 7. More restarts first.
  const xa = maxContainerRestarts(a.pod);
  const xb = maxContainerRestarts(b.pod);
  if (xa !== xb) return xa > xb;
  // 8. Newer first (logarithmic buckets, UID breaks ties).
  const ta = parseRfc3339(a.pod.metadata?.creationTimestamp ?? '') ?? 0;
  const tb = parseRfc3339(b.pod.metadata?.creationTimestamp ?? '') ?? 0;
  if (ta !== tb) {
    const d = logRankDiff(ta, tb, nowEpoch);
    return d === 0 ? uidLess() : d < 0;
  }
  return false;
}

function deletionCost(pod: PodLike): number {
  const v = pod.metadata?.annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  const n = v === undefined ? 0 : Number(v);
  return Number.isInteger(n) ? n : 0;
}

/**
 * getPodsToDelete: the first `diff` pods in deletion order. Go's sort.Sort is pdqsort, which
 * insertion-sorts slices of up to 12 elements (stable); podsim sorts stably at any size.
 */
export function podsToDelete<T extends { pod: PodLike; rank: number }>(
  pods: readonly T[],
  diff: number,
  nowEpoch: number,
): T[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  const sorted = [...pods];
  // Insertion sort with Less, exactly the comparisons Go makes for small slices.
  for (let i = 1; i < sorted.length; i++) {
    for (let j = i; j > 0 && deletePreferred(sorted[j]!, sorted[j - 1]!, nowEpoch); j--) {
      [sorted[j], sorted[j - 1]] = [sorted[j - 1]!, sorted[j]!];
    }
  }
  return sorted.slice(0, diff);
}
