/**
 * A node that stops talking to the API server, as the control plane of Kubernetes v1.31 handles it:
 *
 * - The kubelet renews its Lease every 10 s (pkg/kubelet/kubelet.go: nodeLeaseDurationSeconds 40 ×
 *   nodeLeaseRenewIntervalFraction 0.25). podsim's kubelets renew at their start and every 10 s
 *   after; a kubelet stopped at T last renewed at the latest such instant before T.
 * - The node lifecycle controller (pkg/controller/nodelifecycle/node_lifecycle_controller.go)
 *   runs monitorNodeHealth every --node-monitor-period (5 s, from the controller's start: virtual
 *   0). tryUpdateNodeHealth sets probeTimestamp to the pass at which it first sees a renewed Lease,
 *   and marks the node's conditions Unknown (reason NodeStatusUnknown, "Kubelet stopped posting
 *   node status.") at the first pass with now after probeTimestamp + --node-monitor-grace-period
 *   (40 s in v1.31; 50 s from v1.32, kubernetes PR #126287). The same pass records the node
 *   Event NodeNotReady and marks every pod of the node not ready (controller_utils.go
 *   MarkPodsNotReady: Warning NodeNotReady "Node is not ready" on each pod whose Ready condition
 *   flips).
 * - Taints: the unreachable NoExecute taint is added by doNoExecuteTaintingPass (every 100 ms,
 *   rate-limited per zone: --node-eviction-rate 0.1/s, burst 1) and the unreachable NoSchedule
 *   taint by the node worker reacting to the status update (doNoScheduleTaintingPass); podsim adds
 *   both at the pass that set Unknown. When every node of every zone is not ready
 *   (handleDisruption: "master disruption mode") or a zone is partially disrupted in a cluster of
 *   at most 50 nodes (ReducedQPSFunc → rate 0), no NoExecute taint is added.
 * - The taint eviction controller (pkg/controller/tainteviction/taint_eviction.go) deletes each pod
 *   of a NoExecute-tainted node at taint time + the smallest tolerationSeconds among the pod's
 *   tolerations matching the taint (getMinTolerationTime; no matching toleration: at once; none
 *   with seconds: never). The DefaultTolerationSeconds admission plugin gives every pod 300 s.
 *   Before deleting it records Normal TaintManagerEviction "Marking for deletion Pod <ns>/<name>"
 *   (a reference without uid) and adds the DisruptionTarget condition (DeletionByTaintManager);
 *   the delete uses the pod's own grace period. With the kubelet away nobody finishes the
 *   deletion: the pod stays Terminating until the kubelet is back.
 * - When the kubelet is back it posts Ready=True (nodestatus setters: NodeHasSufficientMemory,
 *   NodeHasNoDiskPressure, NodeHasSufficientPID, NodeReady events, as the controller had set
 *   those conditions Unknown); the node worker drops the NoSchedule taint at once, and the next
 *   monitor pass removes the NoExecute taint (processTaintBaseEviction → markNodeAsReachable),
 *   which cancels the pending evictions ("Cancelling deletion of Pod <ns>/<name>").
 */
import { isPodReady } from './activePods.js';
import { toleratesTaint } from './tolerations.js';
import type { Pod, Toleration } from 'kubernetes-types/core/v1.js';
import * as E from '../events/catalog.js';
import type { NodeTaint } from '../events/catalog.js';
import { withCause } from '../events/createEvent.js';
import type { Draft, KubeEventNote } from '../events/createEvent.js';
import type { Decision, DecideContext, TimerRequest } from '../engine/context.js';
import type { Millis } from '../model/time.js';
import type { ClusterState, NodeState } from '../state/model.js';
import { podObject } from '../state/model.js';
import { nodeReady, podsOnNode } from '../state/selectors.js';
import { deletePodDrafts } from './podControl.js';
import { compareText } from '../model/order.js';

/** kube-controller-manager --node-monitor-period. */
export const NODE_MONITOR_PERIOD_MS = 5_000;
/** kube-controller-manager --node-monitor-grace-period in v1.31. */
export const NODE_MONITOR_GRACE_MS = 40_000;
/** The kubelet's Lease renew interval (40 s lease × 0.25). */
export const LEASE_RENEW_MS = 10_000;
/** node_lifecycle_controller.go: --large-cluster-size-threshold and --unhealthy-zone-threshold. */
const LARGE_CLUSTER_THRESHOLD = 50;
const UNHEALTHY_ZONE_THRESHOLD = 0.55;

export const UNREACHABLE = 'node.kubernetes.io/unreachable';
const NODE_CONTROLLER = 'node-controller';
const TAINT_EVICTION = 'taint-eviction-controller';

const nodeObject = (name: string): string => `Node/${name}`;

/**
 * The kubelet's last Lease renewal strictly before `stoppedAt` (renewals at since + k·10 s), or of
 * anything else it writes every `every` ms from `since`.
 */
export function lastRenewal(since: Millis, stoppedAt: Millis, every = LEASE_RENEW_MS): Millis {
  if (stoppedAt <= since) return since;
  return since + (Math.ceil((stoppedAt - since) / every) - 1) * every;
}

/** The first monitor pass at or after `t`. */
export const monitorPassFrom = (t: Millis): Millis =>
  Math.ceil(t / NODE_MONITOR_PERIOD_MS) * NODE_MONITOR_PERIOD_MS;

/**
 * When the node lifecycle controller marks a node whose kubelet stopped at `stoppedAt` Unknown:
 * probeTimestamp = the pass that saw the last renewal; then the first pass strictly after
 * probeTimestamp + grace (`nc.now().After(probeTimestamp.Add(gracePeriod))`).
 */
export function unknownAt(since: Millis, stoppedAt: Millis): { probedAt: Millis; at: Millis } {
  const probedAt = monitorPassFrom(lastRenewal(since, stoppedAt));
  const deadline = probedAt + NODE_MONITOR_GRACE_MS;
  return {
    probedAt,
    at: (Math.floor(deadline / NODE_MONITOR_PERIOD_MS) + 1) * NODE_MONITOR_PERIOD_MS,
  };
}

const nodeNote = (node: string, status: string, from: string): KubeEventNote => ({
  type: 'Normal',
  reason: status,
  message: `Node ${node} status is now: ${status}`,
  from,
});

/** Scenario `nodeDown`: the kubelet stops; the controller's verdict is due at unknownAt(). */
export function nodeDown(ctx: DecideContext, name: string): Decision {
  const n = ctx.state.nodes.get(name);
  if (!n || !n.kubelet.running) return { events: [], timers: [] };
  const { at } = unknownAt(n.kubelet.startedAt, ctx.now);
  return {
    events: [E.kubeletStopped(nodeObject(name), {})],
    timers: [
      {
        at,
        data: {
          kind: 'nodeMonitor',
          node: name,
          lost: { since: n.kubelet.startedAt, stoppedAt: ctx.now },
        },
      },
    ],
  };
}

/** The zone key of node/topology GetZoneKey (region and zone labels; "" for none). */
function zoneOf(n: NodeState): string {
  const l = n.spec.labels;
  const region =
    l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone =
    l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\x00:${zone}`;
}

type ZoneState = 'full' | 'partial' | 'normal';

/** ComputeZoneState of every zone, counting `lost` as not ready. */
function zoneStates(state: ClusterState, lost: string | undefined): Map<string, ZoneState> {
  const zones = new Map<string, NodeState[]>();
  for (const n of state.nodes.values()) {
    const z = zoneOf(n);
    zones.set(z, [...(zones.get(z) ?? []), n]);
  }
  const out = new Map<string, ZoneState>();
  for (const [z, nodes] of zones) {
    const bad = nodes.filter((n) => n.spec.name === lost || !nodeReady(n)).length;
    out.set(
      z,
      bad === nodes.length
        ? 'full'
        : bad > 2 && bad / nodes.length >= UNHEALTHY_ZONE_THRESHOLD
          ? nodes.length > LARGE_CLUSTER_THRESHOLD
            ? 'normal' // large zones keep tainting, at the secondary rate
            : 'partial'
          : 'normal',
    );
  }
  return out;
}

/** handleDisruption: every zone fully disrupted ("master disruption mode": no evictions at all). */
const allFullyDisrupted = (zones: Map<string, ZoneState>): boolean =>
  [...zones.values()].every((z) => z === 'full');

/** Whether the NoExecute tainter of `node`'s zone may taint (its rate is not 0). */
function mayTaint(state: ClusterState, node: string, zones: Map<string, ZoneState>): boolean {
  return !allFullyDisrupted(zones) && zones.get(zoneOf(state.nodes.get(node)!)) !== 'partial';
}

/** v1helper.GetMatchingTolerations for one taint, then getMinTolerationTime (ms; null = forever). */
export function tolerationDelay(pod: Pod, taint: NodeTaint): Millis | null {
  const matching = (pod.spec?.tolerations ?? []).filter((t: Toleration) =>
    toleratesTaint(t, taint),
  );
  if (matching.length === 0) return 0;
  const seconds = matching.flatMap((t) =>
    t.tolerationSeconds === undefined || t.tolerationSeconds === null ? [] : [t.tolerationSeconds],
  );
  if (seconds.length === 0) return null;
  return Math.max(0, Math.min(...seconds)) * 1000;
}

/**
 * A monitor pass that matters for `node`: the grace period after the stop at `lost.stoppedAt` ran
 * out (conditions Unknown, pods not ready, taints, evictions scheduled), or, without `lost`, the
 * first pass after the kubelet came back (NoExecute taint removed).
 */
export function nodeMonitor(
  ctx: DecideContext,
  name: string,
  lost: { since: Millis; stoppedAt: Millis } | undefined,
  taintPass = false,
): Decision {
  const n = ctx.state.nodes.get(name);
  if (!n) return { events: [], timers: [] };
  if (taintPass) return taintingPass(ctx, zoneOf(n), undefined);
  if (!lost) return reachable(ctx, n);
  if (n.kubelet.running || n.kubelet.since !== lost.stoppedAt || !nodeReady(n))
    return { events: [], timers: [] };
  const { probedAt } = unknownAt(lost.since, lost.stoppedAt);
  const events: Draft[] = [
    E.nodeStatusUnknown(nodeObject(name), { probedAt }, [
      nodeNote(name, 'NodeNotReady', NODE_CONTROLLER),
    ]),
  ];
  const pods = podsOnNode(ctx.state, name);
  for (const p of pods) {
    if (isPodReady(p.pod))
      events.push({
        cause: { draft: 0 },
        ...E.podMarkedNotReady(podObject(p.key), {}, [
          {
            type: 'Warning',
            reason: 'NodeNotReady',
            message: 'Node is not ready',
            from: NODE_CONTROLLER,
          },
        ]),
      });
  }
  const noSchedule: NodeTaint = { key: UNREACHABLE, effect: 'NoSchedule', timeAdded: ctx.now };
  const zones = zoneStates(ctx.state, name);
  const taintNow = mayTaint(ctx.state, name, zones);
  const timers: TimerRequest[] = [];
  events.push({
    ...E.nodeTaintsChanged(nodeObject(name), { add: [noSchedule], remove: [] }),
    cause: { draft: 0 },
  });
  if (taintNow) {
    const t = taintingPass(ctx, zoneOf(n), name);
    events.push(...t.events.map((d) => withCause(d, { draft: 0 })));
    timers.push(...t.timers);
  } else if (allFullyDisrupted(zones)) {
    // Entering master disruption mode: markNodeAsReachable on every node, evictions stopped.
    for (const other of ctx.state.nodes.values()) {
      const taint = noExecuteTaint(other);
      if (other.spec.name !== name && taint)
        events.push(...untaintDrafts(ctx, other, taint).map((d) => withCause(d, { draft: 0 })));
    }
  }
  return { events, timers };
}

/** --node-eviction-rate 0.1/s with burst 1: one NoExecute taint per zone every 10 s. */
const TAINT_INTERVAL_MS = 10_000;

/**
 * doNoExecuteTaintingPass for one zone (RateLimitedTimedQueue.Try): the queued nodes — not ready,
 * not yet tainted NoExecute, `lost` being the one marked Unknown in this very decision — are
 * tainted oldest first, one per token of the zone's bucket (a token 10 s after the last taint).
 * The pass at the next token is requested while nodes wait.
 */
function taintingPass(ctx: DecideContext, zone: string, lost: string | undefined): Decision {
  const inZone = [...ctx.state.nodes.values()].filter((n) => zoneOf(n) === zone);
  const zones = zoneStates(ctx.state, lost);
  const queuedAt = (n: NodeState): number =>
    n.spec.name === lost ? ctx.now : n.readyCondition.lastTransition;
  const queued = inZone
    .filter(
      (n) =>
        (n.spec.name === lost || !nodeReady(n)) &&
        !noExecuteTaint(n) &&
        mayTaint(ctx.state, n.spec.name, zones),
    )
    .sort((a, b) => queuedAt(a) - queuedAt(b) || compareText(a.spec.name, b.spec.name));
  if (queued.length === 0) return { events: [], timers: [] };
  const taken = inZone.flatMap((n) =>
    n.lastNoExecuteTaintAt === null ? [] : [n.lastNoExecuteTaintAt],
  );
  const slot =
    taken.length === 0 ? ctx.now : Math.max(ctx.now, Math.max(...taken) + TAINT_INTERVAL_MS);
  const pass = (at: Millis, n: NodeState): TimerRequest => ({
    at,
    data: { kind: 'nodeMonitor', node: n.spec.name, taintPass: true },
  });
  if (slot > ctx.now) return { events: [], timers: [pass(slot, queued[0]!)] };
  const t = taintDrafts(ctx, queued[0]!);
  if (queued.length > 1) t.timers.push(pass(ctx.now + TAINT_INTERVAL_MS, queued[1]!));
  return t;
}

/** The NoExecute unreachable taint on `n` now, and the evictions of its pods it schedules. */
function taintDrafts(ctx: DecideContext, n: NodeState): Decision {
  const noExecute: NodeTaint = { key: UNREACHABLE, effect: 'NoExecute', timeAdded: ctx.now };
  const timers: TimerRequest[] = [];
  for (const p of podsOnNode(ctx.state, n.spec.name)) {
    if (p.pod.metadata?.deletionTimestamp) continue;
    const delay = tolerationDelay(p.pod as Pod, noExecute);
    if (delay === null) continue;
    timers.push({
      at: ctx.now + delay,
      data: { kind: 'taintEviction', pod: p.key, node: n.spec.name, taintedAt: ctx.now },
    });
  }
  return {
    events: [E.nodeTaintsChanged(nodeObject(n.spec.name), { add: [noExecute], remove: [] })],
    timers,
  };
}

/**
 * The taint eviction controller's pod handler (handlePodUpdate → processPodOnNode): a pod that
 * lands on a node already tainted unreachable:NoExecute (bound by the scheduler because it
 * tolerates the taint, or created with spec.nodeName) is deleted after its toleration, counted
 * from now.
 */
export function evictionOnArrival(state: ClusterState, key: string, at: Millis): TimerRequest[] {
  const p = state.pods.get(key);
  const node = p?.runtime.node ? state.nodes.get(p.runtime.node) : undefined;
  const taint = node ? noExecuteTaint(node) : undefined;
  if (!p || !node || !taint || p.pod.metadata?.deletionTimestamp) return [];
  const delay = tolerationDelay(p.pod as Pod, taint);
  if (delay === null) return [];
  return [
    {
      at: at + delay,
      data: { kind: 'taintEviction', pod: key, node: node.spec.name, taintedAt: taint.timeAdded! },
    },
  ];
}

const noExecuteTaint = (n: NodeState): NodeTaint | undefined =>
  n.controllerTaints.find((t) => t.key === UNREACHABLE && t.effect === 'NoExecute');

/**
 * The first monitor pass after `n`'s kubelet came back: markNodeAsReachable drops its NoExecute
 * taint (cancelling the queued evictions). If every node had been lost, the controller leaves
 * master disruption mode: nodes still lost get their NoExecute taint again, as tokens allow.
 */
function reachable(ctx: DecideContext, n: NodeState): Decision {
  if (!n.kubelet.running) return { events: [], timers: [] };
  const taint = noExecuteTaint(n);
  const events: Draft[] = taint ? untaintDrafts(ctx, n, taint) : [];
  const timers: TimerRequest[] = [];
  const others = [...ctx.state.nodes.values()].filter((o) => o.spec.name !== n.spec.name);
  if (others.length > 0 && others.every((o) => !nodeReady(o))) {
    // Leaving master disruption mode: SwapLimiter gives each zone a new bucket, drained because
    // the old limiter (rate 0) had no token: the nodes still lost are tainted from 10 s on.
    const seen = new Set<string>();
    for (const o of others) {
      const z = zoneOf(o);
      if (seen.has(z)) continue;
      seen.add(z);
      timers.push({
        at: ctx.now + TAINT_INTERVAL_MS,
        data: { kind: 'nodeMonitor', node: o.spec.name, taintPass: true },
      });
    }
  }
  return { events, timers };
}

/** markNodeAsReachable on `n`: its NoExecute taint goes; queued evictions are cancelled. */
function untaintDrafts(ctx: DecideContext, n: NodeState, taint: NodeTaint): Draft[] {
  const events: Draft[] = [
    E.nodeTaintsChanged(nodeObject(n.spec.name), { add: [], remove: [taint] }),
  ];
  for (const p of podsOnNode(ctx.state, n.spec.name)) {
    const delay = tolerationDelay(p.pod as Pod, taint);
    // Work is still queued for pods whose toleration has not run out and that were not deleted.
    if (delay === null || p.pod.metadata?.deletionTimestamp) continue;
    if (taint.timeAdded! + delay <= ctx.now) continue;
    const md = p.pod.metadata!;
    events.push(
      E.podEvictionCancelled(podObject(p.key), {}, [
        {
          type: 'Normal',
          reason: 'TaintManagerEviction',
          message: `Cancelling deletion of Pod ${md.namespace}/${md.name}`,
          from: TAINT_EVICTION,
          noUid: true,
        },
      ]),
    );
  }
  return events;
}

/** The taint eviction controller's timed work for one pod (deletePodHandler). */
export function taintEviction(
  ctx: DecideContext,
  key: string,
  node: string,
  taintedAt: Millis,
): Decision {
  const p = ctx.state.pods.get(key);
  const n = ctx.state.nodes.get(node);
  const taint = n ? noExecuteTaint(n) : undefined;
  if (!p || p.runtime.node !== node || !taint || taint.timeAdded !== taintedAt)
    return { events: [], timers: [] };
  if (p.pod.metadata?.deletionTimestamp) return { events: [], timers: [] };
  const md = p.pod.metadata!;
  const events: Draft[] = [
    E.podDisruptionTargeted(
      podObject(key),
      {
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
      },
      [
        {
          type: 'Normal',
          reason: 'TaintManagerEviction',
          message: `Marking for deletion Pod ${md.namespace}/${md.name}`,
          from: TAINT_EVICTION,
          noUid: true,
        },
      ],
    ),
    // The deletion follows the DisruptionTarget write (addConditionAndDeletePod).
    ...deletePodDrafts(p, undefined).map((d) => withCause(d, { draft: 0 })),
  ];
  return { events, timers: [] };
}

/**
 * Scenario `nodeUp`: the kubelet posts Ready=True (the pressure conditions the controller had set
 * Unknown flip back too, each with its Event); the node worker drops the NoSchedule taint; every
 * pod of the node is synced and its status written again; the next monitor pass removes the
 * NoExecute taint.
 */
export function nodeUp(ctx: DecideContext, name: string): Decision {
  const n = ctx.state.nodes.get(name);
  if (!n || n.kubelet.running) return { events: [], timers: [] };
  const notes = nodeReady(n)
    ? []
    : ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID', 'NodeReady'].map(
        (s) => nodeNote(name, s, 'kubelet'),
      );
  const events: Draft[] = [E.kubeletStarted(nodeObject(name), {}, notes)];
  const noSchedule = n.controllerTaints.filter(
    (t) => t.key === UNREACHABLE && t.effect === 'NoSchedule',
  );
  if (noSchedule.length > 0)
    events.push(E.nodeTaintsChanged(nodeObject(name), { add: [], remove: noSchedule }));
  const timers: TimerRequest[] = [];
  for (const p of podsOnNode(ctx.state, name)) {
    if (p.runtime.terminal) continue;
    events.push(E.podStatusResynced(podObject(p.key), {}));
    timers.push({ at: ctx.now, data: { kind: 'sync', pod: p.key } });
  }
  if (noExecuteTaint(n) || !nodeReady(n))
    timers.push({ at: monitorPassFrom(ctx.now), data: { kind: 'nodeMonitor', node: name } });
  return { events, timers };
}
