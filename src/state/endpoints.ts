/**
 * A Service's endpoints, derived from the pods in state (the endpoint controllers only copy them):
 * - EndpointSlice view (staging/src/k8s.io/endpointslice/utils.go, reconciler): every pod that
 *   matches the selector, is not terminal and has an IP, terminating ones included, with
 *   conditions serving = pod Ready, terminating = deletionTimestamp set, ready = serving && !
 *   terminating (or always, with publishNotReadyAddresses);
 * - legacy Endpoints (pkg/controller/endpoint/endpoints_controller.go, ShouldPodBeInEndpoints):
 *   terminating pods dropped, not-ready ones in notReadyAddresses; subsets repacked by port set and
 *   addresses sorted by IP (pkg/api/v1/endpoints/util.go RepackSubsets, LessEndpointAddress).
 */
import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1.js';
import { mapSelectorMatches } from '../spec/manifest/labels.js';
import { isPodReady, isPodTerminal } from '../controllers/activePods.js';
import type { ClusterState, ObjectState } from './model.js';
import { compareText } from '../model/order.js';

export interface EndpointEntry {
  /** `namespace/name` of the pod. */
  pod: string;
  ip: string;
  node: string | undefined;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** Resolved target port of each Service port, by port name ('' when unnamed). */
  ports: Array<{ name: string; port: number; protocol: string }>;
}

/** An endpoint's resolved ports as one comparable value: the controllers group endpoints by it. */
export const portsKey = (ports: EndpointEntry['ports']): string => JSON.stringify(ports);

/** Whether the Service gets endpoints at all: it has a selector (ExternalName ones have none). */
export function managesEndpoints(svc: Service): boolean {
  return svc.spec?.type !== 'ExternalName' && svc.spec?.selector !== undefined;
}

/** podutil.FindPort: a number as is, a name looked up among the containers' ports. */
function resolvePort(pod: Pod, sp: ServicePort): number | undefined {
  const t = sp.targetPort ?? sp.port;
  if (typeof t === 'number') return t;
  if (/^[0-9]+$/.test(String(t))) return Number(t);
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? [])
      if (p.name === t && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) return p.containerPort;
  return undefined;
}

/** EndpointSlice endpoints of the Service, in pod creation order. */
export function endpointSlice(state: ClusterState, o: ObjectState): EndpointEntry[] {
  const svc = o.object as Service;
  if (!managesEndpoints(svc)) return [];
  const ns = svc.metadata?.namespace ?? 'default';
  const selector = svc.spec!.selector!;
  const publish = svc.spec?.publishNotReadyAddresses === true;
  const out: EndpointEntry[] = [];
  for (const p of state.pods.values()) {
    const pod = p.pod as Pod;
    if (pod.metadata?.namespace !== ns || !mapSelectorMatches(selector, pod.metadata?.labels))
      continue;
    if (isPodTerminal(pod) || !pod.status?.podIP) continue;
    const serving = isPodReady(pod);
    const terminating = pod.metadata?.deletionTimestamp !== undefined;
    const ports = (svc.spec?.ports ?? []).flatMap((sp) => {
      const port = resolvePort(pod, sp);
      return port === undefined
        ? []
        : [{ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' }];
    });
    out.push({
      pod: p.key,
      ip: pod.status.podIP,
      node: pod.spec?.nodeName,
      ready: publish || (serving && !terminating),
      serving,
      terminating,
      ports,
    });
  }
  return out;
}

export interface EndpointSubset {
  addresses: string[];
  notReadyAddresses: string[];
  ports: Array<{ name: string; port: number; protocol: string }>;
}

/** The legacy Endpoints object's subsets (empty when there is nothing to list). */
export function endpointsSubsets(state: ClusterState, o: ObjectState): EndpointSubset[] {
  const svc = o.object as Service;
  const publish = svc.spec?.publishNotReadyAddresses === true;
  const groups = new Map<string, EndpointSubset>();
  for (const e of endpointSlice(state, o)) {
    if (e.terminating && !publish) continue;
    if (e.ports.length === 0 && (svc.spec?.ports ?? []).length > 0) continue;
    const key = portsKey(e.ports);
    const g = groups.get(key) ?? { addresses: [], notReadyAddresses: [], ports: e.ports };
    (e.ready ? g.addresses : g.notReadyAddresses).push(e.ip);
    groups.set(key, g);
  }
  const subsets = [...groups.values()];
  for (const s of subsets) {
    s.addresses.sort(compareText);
    s.notReadyAddresses.sort(compareText);
  }
  return subsets;
}
