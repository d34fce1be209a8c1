/**
 * The default scheduler, reduced to what decides placement for the kinds podsim runs: filters
 * (NodeName, NodeUnschedulable, NodeAffinity via nodeSelector, TaintToleration, NodeResourcesFit)
 * then the LeastAllocated and BalancedAllocation scores, ties broken by a seeded draw per pod.
 * Failure messages follow pkg/scheduler/framework/types.go FitError.Error.
 */
import { toleratesTaint } from './tolerations.js';
import type { Pod, Toleration } from 'kubernetes-types/core/v1.js';
import * as E from '../events/catalog.js';
import type { Decision, DecideContext } from '../engine/context.js';
import type { ClusterState, NodeState, PodState } from '../state/model.js';
import { podObject } from '../state/model.js';
import { podUsage } from '../state/podRequests.js';
import type { NodeUsage } from '../state/podRequests.js';
import { drawInt } from '../engine/rng.js';

/** Unschedulable pods are retried at least this often (podMaxInUnschedulablePodsDuration). */
export const UNSCHEDULABLE_RETRY_MS = 5 * 60_000;

/** What the filters and scores need of the pod, read once per scheduling attempt. */
interface PodFit {
  selector: [string, string][];
  tolerations: readonly Toleration[];
  usage: NodeUsage;
}

function podFit(pod: Pod): PodFit {
  return {
    selector: Object.entries(pod.spec?.nodeSelector ?? {}),
    tolerations: pod.spec?.tolerations ?? [],
    usage: podUsage(pod),
  };
}

/** Why `n` cannot take the pod (scheduler reason strings), or none when it fits. */
function filterNode(n: NodeState, fit: PodFit): readonly string[] {
  // Indexed loops here and below: this runs for every node on every attempt, and an unoptimised
  // for-of allocates an iterator result per step.
  for (let i = 0; i < fit.selector.length; i++) {
    const [k, v] = fit.selector[i]!;
    if (n.spec.labels[k] !== v) return ["node(s) didn't match Pod's node affinity/selector"];
  }
  // node.spec.taints: the scenario's, then those the node lifecycle controller added.
  const taint =
    untolerated(n.spec.taints, fit.tolerations) ?? untolerated(n.controllerTaints, fit.tolerations);
  if (taint) return [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`];
  const used = n.usage;
  const req = fit.usage;
  const pods = used.pods + 1 > n.spec.pods;
  const cpu = req.cpuMilli > 0 && used.cpuMilli + req.cpuMilli > n.spec.cpuMilli;
  const memory = req.memoryBytes > 0 && used.memoryBytes + req.memoryBytes > n.spec.memoryBytes;
  if (!pods && !cpu && !memory) return FITS;
  const reasons: string[] = [];
  if (pods) reasons.push('Too many pods');
  if (cpu) reasons.push('Insufficient cpu');
  if (memory) reasons.push('Insufficient memory');
  return reasons;
}

const FITS: readonly string[] = Object.freeze([]);

/** The first NoSchedule or NoExecute taint in `taints` the tolerations do not tolerate. */
function untolerated<T extends { key: string; value?: string; effect: string }>(
  taints: readonly T[],
  tols: readonly Toleration[],
): T | undefined {
  for (let i = 0; i < taints.length; i++) {
    const t = taints[i]!;
    if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(tols, t)) return t;
  }
  return undefined;
}

function tolerates(
  tols: readonly Toleration[],
  t: { key: string; value?: string; effect: string },
): boolean {
  return tols.some((x) => toleratesTaint(x, t));
}

/**
 * The default profile's resource scores, each weight 1 (pkg/scheduler/framework/plugins/
 * noderesources): LeastAllocated — per resource (allocatable − requested) × 100 / allocatable,
 * averaged — plus BalancedAllocation — (1 − std of the requested fractions) × 100. Requests count
 * with the scheduler's non-zero defaults. Plugins that score every node alike here (ImageLocality
 * aside, which podsim leaves out) do not change the choice.
 */
function score(n: NodeState, fit: PodFit): number {
  const used = n.usage.nonZero;
  const req = fit.usage.nonZero;
  const cpu = used.cpuMilli + req.cpuMilli;
  const mem = used.memoryBytes + req.memoryBytes;
  const leastAllocated = Math.floor(
    (least(n.spec.cpuMilli, cpu) + least(n.spec.memoryBytes, mem)) / 2,
  );
  const fc = n.spec.cpuMilli > 0 ? Math.min(cpu / n.spec.cpuMilli, 1) : 1;
  const fm = n.spec.memoryBytes > 0 ? Math.min(mem / n.spec.memoryBytes, 1) : 1;
  const balanced = Math.floor((1 - Math.abs(fc - fm) / 2) * 100);
  return leastAllocated + balanced;
}

/** LeastAllocated's score of one resource. */
const least = (cap: number, r: number): number =>
  cap <= 0 || r > cap ? 0 : Math.floor(((cap - r) * 100) / cap);

/** Node names in order, per nodes Map and its size (nodes are registered, never renamed). */
const sortedNames = new WeakMap<Map<string, NodeState>, { size: number; names: string[] }>();

/** The node names sorted (the order the filters and scores visit the nodes). */
function nodeNames(state: ClusterState): readonly string[] {
  let cached = sortedNames.get(state.nodes);
  if (!cached || cached.size !== state.nodes.size) {
    const names = [...state.nodes.keys()].sort((a, b) => (a < b ? -1 : 1));
    sortedNames.set(state.nodes, (cached = { size: state.nodes.size, names }));
  }
  return cached.names;
}

/** schedulePod's scratch list of tied node indexes (read only within one attempt). */
let ties = new Int32Array(0);

export function schedulePod(ctx: DecideContext, key: string): Decision {
  const p = ctx.state.pods.get(key);
  if (!p || p.runtime.node || p.pod.metadata!.deletionTimestamp) return { events: [], timers: [] };
  const pod = p.pod as Pod;
  const names = nodeNames(ctx.state);
  const fit = podFit(pod);
  let counts: Map<string, number> | undefined;
  // The indexes (into `names`) of the best-scored nodes so far, in name order. Every attempt
  // visits every node, and on a fresh cluster they all tie: the indexes go into a scratch array
  // kept between attempts rather than a list grown node by node per pod.
  if (ties.length < names.length) ties = new Int32Array(names.length);
  let tied = 0;
  let topScore = -1;
  for (let i = 0; i < names.length; i++) {
    const n = ctx.state.nodes.get(names[i]!)!;
    const reasons = filterNode(n, fit);
    if (reasons.length > 0) {
      counts ??= new Map<string, number>();
      for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
      continue;
    }
    const s = score(n, fit);
    if (s > topScore) {
      topScore = s;
      tied = 0;
    }
    if (s === topScore) ties[tied++] = i;
  }
  const obj = podObject(key);
  if (tied > 0) {
    // selectHost picks uniformly among the best-scored nodes; podsim draws from the pod's stream.
    const drawn = drawInt(ctx.seed, `schedule/${key}/${pod.metadata!.uid ?? ''}`, 0, tied - 1);
    const name = names[ties[drawn]!]!;
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
  const message = fitErrorMessage(names.length, counts ?? new Map());
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
