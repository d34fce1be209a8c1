/**
 * `kubectl get nodes` and `kubectl describe node`, over API-shaped Node, Lease, Pod and Event
 * objects. Mirrors pkg/printers/internalversion/printers.go printNode (STATUS from the Ready
 * condition, `SchedulingDisabled` when unschedulable; ROLES from node-role.kubernetes.io/* and
 * kubernetes.io/role labels) and staging/src/k8s.io/kubectl/pkg/describe/describe.go describeNode,
 * describeNodeLease and describeNodeResource. In System Info podsim knows the operating system,
 * the architecture and the kubelet version; the machine's ids, kernel, OS image and runtime
 * version are not modelled and print empty. (The newest describe.go no longer prints the
 * deprecated Kube-Proxy Version line; podsim follows it.)
 */
import type { Container, Event, Node, Pod, Taint } from 'kubernetes-types/core/v1.js';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import { parseNow, translateTimestampSince } from './duration.js';
import { podResourceSum } from '../model/podSpec.js';
import type { ResourceArithmetic } from '../model/podSpec.js';
import { goSort } from './goSort.js';
import { goStringLess } from './goText.js';
import { formatRfc1123z, parseApiTime } from './goTime.js';
import { formatQuantity, parseQuantity } from './quantity.js';
import type { Quantity } from './quantity.js';
import { describeEvents } from './describe/events.js';
import { printAnnotationsMultiline, printLabelsMultiline } from './describe/multiline.js';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './describe/prefixWriter.js';

export const NODE_COLUMNS = ['Name', 'Status', 'Roles', 'Age', 'Version'] as const;
export const NODE_WIDE_COLUMNS = [
  ...NODE_COLUMNS,
  'Internal-IP',
  'External-IP',
  'OS-Image',
  'Kernel-Version',
  'Container-Runtime',
] as const;

/** findNodeRoles: sorted, de-duplicated. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return goSort([...roles], goStringLess);
}

/** printNode: NAME STATUS ROLES AGE VERSION. */
export function printNodeRow(node: Node, now: string): string[] {
  const status: string[] = [];
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  const roles = nodeRoles(node).join(',');
  return [
    node.metadata?.name ?? '',
    status.join(','),
    roles === '' ? '<none>' : roles,
    translateTimestampSince(node.metadata?.creationTimestamp, parseNow(now)),
    node.status?.nodeInfo?.kubeletVersion ?? '',
  ];
}

/** The first address of that type, or `<none>` (getNodeInternalIP, getNodeExternalIP). */
function nodeAddress(node: Node, type: 'InternalIP' | 'ExternalIP'): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

/**
 * printNode's wide cells: the internal and external IPs, then the OS image, kernel version and
 * container runtime from nodeInfo, `<unknown>` where the node reports none (podsim's nodes do not
 * report them: the scenario does not describe the machines).
 */
export function printNodeWideColumns(node: Node): string[] {
  const info = node.status?.nodeInfo;
  const known = (v: string | undefined): string => (v ? v : '<unknown>');
  return [
    nodeAddress(node, 'InternalIP'),
    nodeAddress(node, 'ExternalIP'),
    known(info?.osImage),
    known(info?.kernelVersion),
    known(info?.containerRuntimeVersion),
  ];
}

/** Taint.ToString. */
function taintString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

const rfc1123 = (s: string | undefined): string => formatRfc1123z(parseApiTime(s));

type Amounts = Record<'cpu' | 'memory', Quantity>;

const ZERO: Amounts = {
  cpu: { nanos: 0n, format: 'DecimalSI' },
  memory: { nanos: 0n, format: 'DecimalSI' },
};

/** Quantity.Add keeps the receiver's format, unless the receiver is the zero value. */
function add(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

function amounts(list: Readonly<Record<string, string | number>> | undefined): Amounts {
  const out = { ...ZERO };
  for (const r of ['cpu', 'memory'] as const) {
    const v = list?.[r];
    const q = v === undefined ? undefined : parseQuantity(v);
    if (q) out[r] = q;
  }
  return out;
}

const QUANTITIES: ResourceArithmetic<Amounts> = {
  zero: ZERO,
  add: (a, b) => ({ cpu: add(a.cpu, b.cpu), memory: add(a.memory, b.memory) }),
  max: (a, b) => ({
    cpu: b.cpu.nanos > a.cpu.nanos ? b.cpu : a.cpu,
    memory: b.memory.nanos > a.memory.nanos ? b.memory : a.memory,
  }),
};

/**
 * resourcehelper.PodRequests / PodLimits, as quantities (podResourceSum). The overhead counts in
 * every request, but only in a limit that is set and not zero (PodLimits: a pod without a memory
 * limit has none, whatever its overhead).
 */
export function podResources(pod: Pod, field: 'requests' | 'limits'): Amounts {
  const overhead = amounts(pod.spec?.overhead as Record<string, string> | undefined);
  const of = (c: Container): Amounts => amounts(c.resources?.[field]);
  if (field === 'requests') return podResourceSum(pod, of, overhead, QUANTITIES);
  const sum = podResourceSum(pod, of, ZERO, QUANTITIES);
  return {
    cpu: sum.cpu.nanos === 0n ? sum.cpu : add(sum.cpu, overhead.cpu),
    memory: sum.memory.nanos === 0n ? sum.memory : add(sum.memory, overhead.memory),
  };
}

/** int64(float64(value) / float64(allocatable) * 100) on MilliValue (cpu) or Value (memory). */
function percent(q: Quantity, alloc: Quantity, milli: boolean): number {
  const unit = milli ? 1_000_000n : 1_000_000_000n;
  const ceilDiv = (x: bigint): bigint => (x + unit - 1n) / unit;
  const v = Number(ceilDiv(q.nanos));
  const a = Number(ceilDiv(alloc.nanos));
  if (a === 0) return 0;
  return Math.trunc((v / a) * 100);
}

const text = (q: Quantity): string => formatQuantity(q);

/** describeNode; `pods` are the node's non-terminated pods as the API lists them. */
export function describeNode(
  node: Node,
  lease: Lease | null,
  pods: readonly Pod[],
  events: readonly Event[] | null,
  now: string,
): string {
  const nowMs = parseNow(now);
  const w = new PrefixWriter();
  const md = node.metadata ?? {};
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  const roles = nodeRoles(node);
  w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123(md.creationTimestamp)}\n`);
  const taints = goSort(
    [...(node.spec?.taints ?? [])],
    (a, b) => `${a.effect},${a.key}` < `${b.effect},${b.key}`,
  );
  w.write(LEVEL_0, 'Taints:\t');
  if (taints.length === 0) w.writeLine('<none>');
  taints.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
  w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
  if (lease) {
    w.write(LEVEL_0, 'Lease:\n');
    w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    const acquire = lease.spec?.acquireTime;
    w.write(LEVEL_1, `AcquireTime:\t${acquire ? rfc1123(acquire) : '<unset>'}\n`);
    const renew = lease.spec?.renewTime;
    w.write(LEVEL_1, `RenewTime:\t${renew ? rfc1123(renew) : '<unset>'}\n`);
  }
  const conditions = node.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(
      LEVEL_0,
      'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n',
    );
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      const cells = [
        c.type,
        c.status,
        rfc1123(c.lastHeartbeatTime),
        rfc1123(c.lastTransitionTime),
        c.reason ?? '',
      ];
      w.write(LEVEL_1, `${cells.join(' \t')} \t${c.message ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  const resources = (title: string, list: Record<string, string> | undefined): void => {
    const names = goSort(Object.keys(list ?? {}), goStringLess);
    if (names.length === 0) return;
    w.write(LEVEL_0, `${title}:\n`);
    for (const r of names) w.write(LEVEL_0, `  ${r}:\t${canonical(list![r]!)}\n`);
  };
  resources('Capacity', node.status?.capacity as Record<string, string> | undefined);
  resources('Allocatable', node.status?.allocatable as Record<string, string> | undefined);
  const info = node.status?.nodeInfo;
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if ((node.spec?.podCIDRs ?? []).length > 0)
    w.write(LEVEL_0, `PodCIDRs:\t${node.spec!.podCIDRs!.join(',')}\n`);
  if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
  describeNodeResource(w, node, pods, nowMs);
  if (events !== null) describeEvents(w, events, nowMs);
  return w.toString();
}

function canonical(v: string): string {
  const q = parseQuantity(v);
  return q ? formatQuantity(q) : v;
}

function describeNodeResource(
  w: PrefixWriter,
  node: Node,
  pods: readonly Pod[],
  nowMs: number,
): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(
    LEVEL_1,
    'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n',
  );
  w.write(
    LEVEL_1,
    '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n',
  );
  const source =
    Object.keys(node.status?.allocatable ?? {}).length > 0
      ? node.status!.allocatable!
      : (node.status?.capacity ?? {});
  const alloc = amounts(source as Record<string, string>);
  const cell = (q: Quantity, r: 'cpu' | 'memory'): string =>
    `${text(q)} (${percent(q, alloc[r], r === 'cpu')}%)`;
  let reqs = { ...ZERO };
  let limits = { ...ZERO };
  for (const pod of pods) {
    const req = podResources(pod, 'requests');
    const lim = podResources(pod, 'limits');
    reqs = { cpu: add(reqs.cpu, req.cpu), memory: add(reqs.memory, req.memory) };
    limits = { cpu: add(limits.cpu, lim.cpu), memory: add(limits.memory, lim.memory) };
    const md = pod.metadata ?? {};
    w.write(
      LEVEL_1,
      `${md.namespace ?? ''}\t${md.name ?? ''}\t\t${cell(req.cpu, 'cpu')}\t${cell(lim.cpu, 'cpu')}\t` +
        `${cell(req.memory, 'memory')}\t${cell(lim.memory, 'memory')}\t` +
        `${translateTimestampSince(md.creationTimestamp, nowMs)}\n`,
    );
  }
  w.write(
    LEVEL_0,
    'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n',
  );
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  w.write(LEVEL_1, `cpu\t${cell(reqs.cpu, 'cpu')}\t${cell(limits.cpu, 'cpu')}\n`);
  w.write(LEVEL_1, `memory\t${cell(reqs.memory, 'memory')}\t${cell(limits.memory, 'memory')}\n`);
  w.write(LEVEL_1, 'ephemeral-storage\t0 (0%)\t0 (0%)\n');
}
