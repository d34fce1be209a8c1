/**
 * What the API server allocates when a Service is created (pkg/registry/core/service/storage
 * and its ipallocator/portallocator): a ClusterIP from the service CIDR, and a node port for each
 * port of a NodePort or LoadBalancer Service that names none. The real allocators pick at random;
 * podsim hands ClusterIPs out in creation order (the lowest free address after 10.96.0.1, which
 * the `kubernetes` Service holds) and draws node ports from the seeded stream of the Service.
 */
import type { Service } from 'kubernetes-types/core/v1.js';
import { drawInt } from '../engine/rng.js';
import { formatIp, parseCidr } from '../kubelet/ipam.js';
import { DEFAULT_NODE_PORT_RANGE } from '../spec/manifest/index.js';
import type { ClusterState } from '../state/model.js';

/** kube-apiserver's default --service-cluster-ip-range. */
export const SERVICE_CIDR = '10.96.0.0/12';

function servicesIn(
  state: ClusterState,
  except: string,
  batch: ReadonlyArray<{ key: string; svc: Service }>,
): Service[] {
  const stored = [...state.objects.values()]
    .filter((o) => o.kind === 'Service' && o.key !== except)
    .map((o) => o.object as Service);
  return [...stored, ...batch.filter((b) => b.key !== except).map((b) => b.svc)];
}

/**
 * Fills spec.clusterIP(s) and missing node ports of a Service being created, in place. `batch`:
 * Services created just before it by the same apply, not in the state yet but holding addresses.
 */
export function allocateServiceAddresses(
  state: ClusterState,
  seed: number,
  key: string,
  svc: Service,
  batch: ReadonlyArray<{ key: string; svc: Service }> = [],
): void {
  const spec = (svc.spec ??= {}) as NonNullable<Service['spec']> & Record<string, unknown>;
  const others = servicesIn(state, key, batch);
  if (spec.type !== 'ExternalName' && !spec.clusterIP) {
    const used = new Set(others.map((s) => s.spec?.clusterIP).filter(Boolean));
    const cidr = parseCidr(SERVICE_CIDR)!;
    for (let i = 2; i < cidr.size - 1; i++) {
      const ip = formatIp(cidr.base + i);
      if (!used.has(ip)) {
        spec.clusterIP = ip;
        break;
      }
    }
    spec.clusterIPs = [spec.clusterIP!];
  }
  if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None') {
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
  }
  if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') return;
  const taken = new Set<number>();
  for (const s of others)
    for (const p of s.spec?.ports ?? []) if (p.nodePort) taken.add(p.nodePort);
  for (const p of spec.ports ?? []) if (p.nodePort) taken.add(p.nodePort);
  const [lo, hi] = DEFAULT_NODE_PORT_RANGE;
  let draw = 0;
  for (const p of spec.ports ?? []) {
    if (p.nodePort) continue;
    let port: number;
    do port = drawInt(seed, `node-port/${key}`, lo, hi, draw++);
    while (taken.has(port));
    taken.add(port);
    (p as { nodePort?: number }).nodePort = port;
  }
}
