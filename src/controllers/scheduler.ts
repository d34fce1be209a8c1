/**
 * The default scheduler, reduced to what decides placement for the kinds podsim runs: filters
 * (NodeName, NodeUnschedulable, NodeAffinity via nodeSelector, TaintToleration, NodeResourcesFit)
 * then NodeResourcesFit's LeastAllocated score, ties broken by node name so runs are deterministic.
 * Failure messages follow pkg/scheduler/framework/types.go FitError.Error.
 */
import type { Pod, Toleration } from 'kubernetes-types/core/v1.js';
import * as E from '../events/catalog.js';
import type { Decision, DecideContext } from '../engine/context.js';
import type { ClusterState, NodeState, PodState } from '../state/model.js';
import { podObject } from '../state/model.js';
import { podRequests } from './resources.js';
import type { Amounts } from './resources.js';

/** Unschedulable pods are retried at least this often (podMaxInUnschedulablePodsDuration). */
export const UNSCHEDULABLE_RETRY_MS = 5 * 60_000;

export function allocated(state: ClusterState, node: string): Amounts & { pods: number } {
  let cpuMilli = 0;
  let memoryBytes = 0;
  let pods = 0;
  for (const p of state.pods.values()) {
    if (p.runtime.node !== node || p.runtime.terminal) continue;
    const r = podRequests(p.pod as Pod);
    cpuMilli += r.cpuMilli;
    memoryBytes += r.memoryBytes;
    pods += 1;
  }
  return { cpuMilli, memoryBytes, pods };
}

/** Why `node` cannot take the pod (scheduler reason strings), or [] when it fits. */
export function filterNode(state: ClusterState, n: NodeState, pod: Pod): string[] {
  const reasons: string[] = [];
  if (!n.ready) return ['node(s) had untolerated taint {node.kubernetes.io/unreachable: }'];
  const sel = pod.spec?.nodeSelector ?? {};
  if (Object.entries(sel).some(([k, v]) => n.spec.labels[k] !== v)) {
    return ["node(s) didn't match Pod's node affinity/selector"];
  }
  const taint = n.spec.taints.find(
    (t) =>
      (t.effect === 'NoSchedule' || t.effect === 'NoExecute') &&
      !tolerates(pod.spec?.tolerations ?? [], t),
  );
  if (taint) return [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`];
  const used = allocated(state, n.spec.name);
  const req = podRequests(pod);
  if (used.pods + 1 > n.spec.pods) reasons.push('Too many pods');
  if (req.cpuMilli > 0 && used.cpuMilli + req.cpuMilli > n.spec.cpuMilli)
    reasons.push('Insufficient cpu');
  if (req.memoryBytes > 0 && used.memoryBytes + req.memoryBytes > n.spec.memoryBytes)
    reasons.push('Insufficient memory');
  return reasons;
}

function tolerates(
  tols: readonly Toleration[],
  t: { key: string; value?: string; effect: string },
): boolean {
  return tols.some(
    (x) =>
      (x.effect === undefined || x.effect === '' || x.effect === t.effect) &&
      ((x.operator === 'Exists' && (x.key === undefined || x.key === '' || x.key === t.key)) ||
        (x.key === t.key && (x.value ?? '') === (t.value ?? ''))),
  );
}

/** LeastAllocated: mean free fraction of cpu and memory after placing the pod (0–100). */
function score(state: ClusterState, n: NodeState, pod: Pod): number {
  const used = allocated(state, n.spec.name);
  const req = podRequests(pod);
  const free = (cap: number, u: number): number => (cap <= 0 ? 0 : Math.max(0, (cap - u) / cap));
  return (
    ((free(n.spec.cpuMilli, used.cpuMilli + req.cpuMilli) +
      free(n.spec.memoryBytes, used.memoryBytes + req.memoryBytes)) /
      2) *
    100
  );
}

export function schedulePod(ctx: DecideContext, key: string): Decision {
  const p = ctx.state.pods.get(key);
  if (!p || p.runtime.node || p.pod.metadata!.deletionTimestamp) return { events: [], timers: [] };
  const pod = p.pod as Pod;
  const nodes = [...ctx.state.nodes.values()].sort((a, b) => (a.spec.name < b.spec.name ? -1 : 1));
  const counts = new Map<string, number>();
  let best: { n: NodeState; s: number } | undefined;
  for (const n of nodes) {
    const reasons = filterNode(ctx.state, n, pod);
    for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    if (reasons.length > 0) continue;
    const s = score(ctx.state, n, pod);
    if (!best || s > best.s) best = { n, s };
  }
  const obj = podObject(key);
  if (best) {
    const name = best.n.spec.name;
    return {
      events: [
        E.podScheduled(obj, { node: name }, [
          {
            type: 'Normal',
            reason: 'Scheduled',
            message: `Successfully assigned ${pod.metadata!.namespace}/${pod.metadata!.name} to ${name}`,
            from: 'default-scheduler',
          },
        ]),
      ],
      timers: [],
    };
  }
  const message = fitErrorMessage(nodes.length, counts);
  return {
    events: [
      E.podUnschedulable(obj, { message }, [
        { type: 'Warning', reason: 'FailedScheduling', message, from: 'default-scheduler' },
      ]),
    ],
    timers: [
      {
        at: ctx.now + UNSCHEDULABLE_RETRY_MS,
        data: { kind: 'schedule', pod: key },
        cause: { draft: 0 },
      },
    ],
  };
}

/**
 * FitError.Error: `0/N nodes are available: <count> <reason>, ... .` with reasons sorted, then the
 * preemption post-filter's own summary (resource shortfalls: no victims; other reasons: not helpful).
 */
export function fitErrorMessage(total: number, counts: Map<string, number>): string {
  const parts = [...counts.entries()].map(([r, c]) => `${c} ${r}`).sort();
  const head = `0/${total} nodes are available${parts.length ? `: ${parts.join(', ')}` : ''}.`;
  if (total === 0) return `no nodes available to schedule pods`;
  const resource = [...counts.keys()].some(
    (r) => r.startsWith('Insufficient') || r === 'Too many pods',
  );
  const pre = resource
    ? `preemption: 0/${total} nodes are available: ${total} No preemption victims found for incoming pod.`
    : `preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
  return `${head} ${pre}`;
}

/** Pods waiting for a node, in creation order (retried when capacity may have freed). */
export function pendingPods(state: ClusterState): PodState[] {
  return [...state.pods.values()].filter(
    (p) => !p.runtime.node && !p.pod.metadata!.deletionTimestamp,
  );
}
