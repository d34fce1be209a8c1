/**
 * Pod QoS class. Mirrors pkg/apis/core/v1/helper/qos/qos.go ComputePodQOS (v1.31) and the kubectl
 * copy in staging/src/k8s.io/kubectl/pkg/util/qos/qos.go.
 *
 * Requests and limits of cpu and memory are summed over all containers (init containers
 * included); zero quantities are ignored. BestEffort when nothing is set; Guaranteed when every
 * container limits both cpu and memory and the summed requests equal the summed limits; else
 * Burstable.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import type { Quantity } from './quantity.js';
import { compareQuantities, parseQuantity } from './quantity.js';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'] as const;

/**
 * Requests as the API server stores them: pkg/apis/core/v1/defaults.go SetDefaults_Pod copies a
 * limit into a missing request. API objects already carry the copy; podsim's own pods may not.
 */
export function defaultedRequests(container: Container): Readonly<Record<string, string>> {
  const requests: Record<string, string> = { ...(container.resources?.requests ?? {}) };
  for (const [name, value] of Object.entries(container.resources?.limits ?? {})) {
    if (!(name in requests)) requests[name] = value;
  }
  return requests;
}

function addPositive(
  sums: Map<string, bigint>,
  list: Readonly<Record<string, string>>,
  found?: Set<string>,
): void {
  for (const name of QOS_RESOURCES) {
    const raw = list[name];
    const q: Quantity | undefined = raw === undefined ? undefined : parseQuantity(raw);
    if (q === undefined || compareQuantities(q, { nanos: 0n, format: 'DecimalSI' }) <= 0) continue;
    found?.add(name);
    sums.set(name, (sums.get(name) ?? 0n) + q.nanos);
  }
}

/** ComputePodQOS: the class the API server records in status.qosClass when the pod is created. */
export function qosClass(pod: Pod): QosClass {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let isGuaranteed = true;
  for (const container of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    addPositive(requests, defaultedRequests(container));
    const limitsFound = new Set<string>();
    addPositive(limits, container.resources?.limits ?? {}, limitsFound);
    if (!limitsFound.has('memory') || !limitsFound.has('cpu')) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) {
        isGuaranteed = false;
        break;
      }
    }
  }
  return isGuaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** GetPodQOS (what describe prints): status.qosClass when set, else computed. */
export function podQosClass(pod: Pod): string {
  return pod.status?.qosClass || qosClass(pod);
}
