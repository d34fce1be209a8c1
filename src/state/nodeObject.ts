/**
 * A podsim node as the API server would return it (`kubectl get node -o json`) at an instant: what
 * the kubelet registered and last posted, the conditions and taints the node lifecycle controller
 * wrote, and its Lease. Views (get nodes, describe node) read only this.
 */
import { formatQuantity } from '../spec/manifest/quantity.js';
import type { Event, Node } from 'kubernetes-types/core/v1.js';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import { formatRfc3339 } from '../model/time.js';
import { LEASE_RENEW_MS, lastRenewal } from '../controllers/nodeLifecycle.js';
import type { ClusterState, NodeState } from './model.js';
import { kubeEvent } from './selectors.js';
import type { NodeTaint } from '../events/catalog.js';

/** The kubelet version podsim's nodes report (podsim models Kubernetes v1.31). */
export const KUBELET_VERSION = 'v1.31.0';
/** nodeStatusReportFrequency: an unchanged status is posted again every 5 minutes. */
const STATUS_REPORT_MS = 5 * 60_000;

/**
 * The kubelet's last write at or before `at` of something it writes every `every` ms from its
 * start (Lease renewals, unchanged status reports); a stopped kubelet's last one before its stop.
 */
function lastPost(n: NodeState, at: number, every: number): number {
  const start = n.kubelet.startedAt;
  if (n.kubelet.running) return start + Math.floor((Math.max(at, start) - start) / every) * every;
  return lastRenewal(start, n.kubelet.since, every);
}

const PRESSURE = [
  ['MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
] as const;

export function nodeObject(state: ClusterState, n: NodeState, at: number): Node {
  const rfc = (ms: number): string => formatRfc3339(state.epochMs + ms);
  const rc = n.readyCondition;
  const heartbeat = rfc(lastPost(n, at, STATUS_REPORT_MS));
  const transition = rfc(rc.lastTransition);
  const unknown = rc.status === 'Unknown';
  const conditions = [
    ...PRESSURE.map(([type, reason, message]) => ({
      type,
      status: unknown ? 'Unknown' : 'False',
      lastHeartbeatTime: heartbeat,
      lastTransitionTime: transition,
      reason: unknown ? rc.reason : reason,
      message: unknown ? rc.message : message,
    })),
    {
      type: 'Ready',
      status: rc.status,
      lastHeartbeatTime: heartbeat,
      lastTransitionTime: transition,
      reason: rc.reason,
      message: rc.message,
    },
  ];
  const allocatable = {
    cpu: cpuQuantity(n.spec.cpuMilli),
    memory: memoryQuantity(n.spec.memoryBytes),
    pods: String(n.spec.pods),
  };
  const all: NodeTaint[] = [...n.spec.taints, ...n.controllerTaints];
  const taints = all.map((t) => ({
    key: t.key,
    ...(t.value ? { value: t.value } : {}),
    effect: t.effect,
    ...(t.timeAdded !== undefined ? { timeAdded: rfc(t.timeAdded) } : {}),
  }));
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.spec.name,
      labels: { ...n.spec.labels },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      creationTimestamp: rfc(n.registeredAt),
    },
    spec: {
      podCIDR: n.spec.podCIDR,
      podCIDRs: [n.spec.podCIDR],
      ...(taints.length > 0 ? { taints } : {}),
    },
    status: {
      capacity: allocatable,
      allocatable,
      conditions,
      addresses: [
        { type: 'InternalIP', address: n.spec.address },
        { type: 'Hostname', address: n.spec.name },
      ],
      nodeInfo: {
        kubeletVersion: KUBELET_VERSION,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  } as unknown as Node;
}

/** The node's Lease in kube-node-lease as of `at`. */
export function nodeLease(state: ClusterState, n: NodeState, at: number): Lease {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: n.spec.name, namespace: 'kube-node-lease' },
    spec: {
      holderIdentity: n.spec.name,
      leaseDurationSeconds: 40,
      renewTime: formatRfc3339(state.epochMs + lastPost(n, at, LEASE_RENEW_MS)).replace(
        'Z',
        '.000000Z',
      ),
    },
  };
}

/** Quantity.String() of a CPU amount in millicores (`1500m`, `2`, `1k` for 1,000 cores). */
const cpuQuantity = (milli: number): string =>
  formatQuantity(BigInt(milli) * 1_000_000n, 'DecimalSI');

/** Quantity.String() of a byte count (BinarySI: `16Gi`; below 1024 bytes DecimalSI, as `1k`). */
const memoryQuantity = (bytes: number): string =>
  formatQuantity(BigInt(bytes) * 1_000_000_000n, 'BinarySI');

/** The node's Events as core/v1 Event objects (what `kubectl describe node` lists). */
export function nodeEvents(state: ClusterState, n: NodeState): Event[] {
  return n.events.map((e, i) =>
    kubeEvent(
      state,
      e,
      i,
      { apiVersion: 'v1', kind: 'Node', name: n.spec.name },
      { component: e.from },
    ),
  );
}
