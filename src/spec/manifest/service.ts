/**
 * core/v1 Service: defaulting (pkg/apis/core/v1/defaults.go SetDefaults_Service, plus
 * normalizeClusterIPs of pkg/registry/core/service/storage/storage.go), validation
 * (pkg/apis/core/validation/validation.go ValidateService, validateServicePort,
 * validateServiceExternalTrafficPolicy, validateServiceInternalTrafficFieldsValue) and the node
 * port range check of the allocator (pkg/registry/core/service/portallocator: "provided port is
 * not in the valid range"). Cluster IPs and unset node ports are left for the simulator to allocate.
 */
import { isIP } from 'node:net';
import type { Service, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1.js';
import { PROTOCOLS } from './containers.js';
import { goServicePortKey } from './goFormat.js';
import { validateLabels } from './labels.js';
import { validateObjectMeta } from './meta.js';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidPortNum,
  nameIsDNS1035Label,
  nameIsDNSLabel,
} from './names.js';
import { child } from './path.js';
import { DEFAULT_NODE_PORT_RANGE } from './load.js';
import type { FieldPath } from './path.js';
import { validatePortNumOrName } from './probes.js';
import type { Report } from './report.js';

const SPEC: FieldPath = ['spec'];
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const EXTERNALLY_ACCESSIBLE = new Set(['LoadBalancer', 'NodePort']);
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const BAD_IP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
/** core.MaxClientIPServiceAffinitySeconds */
const MAX_AFFINITY_SECONDS = 86400;

/** service.ExternallyAccessible: LoadBalancer, NodePort, or ClusterIP with external IPs. */
const externallyAccessible = (s: ServiceSpec): boolean =>
  EXTERNALLY_ACCESSIBLE.has(s.type ?? '') ||
  (s.type === 'ClusterIP' && (s.externalIPs ?? []).length > 0);

export function defaultService(svc: Service): void {
  const s = (svc.spec ??= {});
  s.sessionAffinity ||= 'None';
  if (s.sessionAffinity === 'None') delete s.sessionAffinityConfig;
  if (
    s.sessionAffinity === 'ClientIP' &&
    s.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined
  ) {
    s.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  s.type ||= 'ClusterIP';
  for (const p of s.ports ?? []) {
    p.protocol ||= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') {
      p.targetPort = p.port ?? 0;
    }
  }
  if (externallyAccessible(s)) s.externalTrafficPolicy ||= 'Cluster';
  if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(s.type)) {
    s.internalTrafficPolicy ??= 'Cluster';
  }
  if (s.type === 'LoadBalancer') s.allocateLoadBalancerNodePorts ??= true;
  // normalizeClusterIPs on create: the singular and plural fields are filled from each other.
  if (s.clusterIP && (s.clusterIPs ?? []).length === 0) s.clusterIPs = [s.clusterIP];
  else if (!s.clusterIP && s.clusterIPs?.[0]) s.clusterIP = s.clusterIPs[0];
}

const isHeadless = (s: ServiceSpec): boolean => (s.clusterIPs ?? [])[0] === 'None';

function validatePort(
  sp: ServicePort,
  requireName: boolean,
  names: Set<string>,
  path: FieldPath,
  r: Report,
): void {
  if (requireName && !sp.name) r.required(child(path, 'name'));
  else if (sp.name) {
    r.invalidEach(child(path, 'name'), sp.name, isDNS1123Label(sp.name));
    if (names.has(sp.name)) r.duplicate(child(path, 'name'), sp.name);
    else names.add(sp.name);
  }
  r.invalidEach(child(path, 'port'), sp.port ?? 0, isValidPortNum(sp.port ?? 0));
  if (!sp.protocol) r.required(child(path, 'protocol'));
  else if (!PROTOCOLS.includes(sp.protocol)) {
    r.notSupported(child(path, 'protocol'), sp.protocol, PROTOCOLS);
  }
  validatePortNumOrName(sp.targetPort, child(path, 'targetPort'), r);
  if (sp.appProtocol !== undefined) {
    r.invalidEach(child(path, 'appProtocol'), sp.appProtocol, isQualifiedName(sp.appProtocol));
  }
}

function validateClusterIPs(s: ServiceSpec, r: Report): void {
  const ips = s.clusterIPs ?? [];
  const type = s.type ?? '';
  if (type === 'ExternalName') {
    if (ips.length > 0) {
      r.forbidden(child(SPEC, 'clusterIPs'), 'may not be set for ExternalName services');
    }
    return;
  }
  if ((type === 'LoadBalancer' || type === 'NodePort') && isHeadless(s)) {
    r.invalid(
      child(SPEC, 'clusterIPs', 0),
      'None',
      `may not be set to 'None' for ${type} services`,
    );
  }
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') return;
    if (isIP(ip) !== 0) return;
    // Reported on clusterIPs (which the registry filled from clusterIP), located where it was written.
    const at = i === 0 && s.clusterIP === ip ? child(SPEC, 'clusterIP') : undefined;
    r.invalid(child(SPEC, 'clusterIPs', i), ip, BAD_IP, at);
  });
}

export function validateService(
  svc: Service,
  r: Report,
  nodePortRange: readonly [number, number],
): void {
  validateObjectMeta(svc.metadata ?? {}, true, nameIsDNS1035Label, r, nameIsDNSLabel);
  const s = svc.spec ?? {};
  const type = s.type ?? '';
  const ports = s.ports ?? [];
  if (ports.length === 0 && !isHeadless(s) && type !== 'ExternalName') {
    r.required(child(SPEC, 'ports'));
  }
  if (type === 'ExternalName') {
    const cname = (s.externalName ?? '').replace(/\.$/, '');
    if (cname) r.invalidEach(child(SPEC, 'externalName'), cname, isDNS1123Subdomain(cname));
    else r.required(child(SPEC, 'externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => validatePort(p, ports.length > 1, names, child(SPEC, 'ports', i), r));
  if (s.selector) validateLabels(s.selector, child(SPEC, 'selector'), r);
  validateAffinity(s, r);
  validateClusterIPs(s, r);
  (s.externalIPs ?? []).forEach((ip, i) => {
    if (isIP(ip) === 0) r.invalid(child(SPEC, 'externalIPs', i), ip, BAD_IP);
  });
  if (!type) r.required(child(SPEC, 'type'));
  else if (!TYPES.includes(type)) r.notSupported(child(SPEC, 'type'), type, TYPES);
  validateNodePorts(s, r, nodePortRange);
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const id = `${p.protocol}/${p.port}`;
    if (seen.has(id)) {
      r.duplicateGo(child(SPEC, 'ports', i), goServicePortKey(p.protocol ?? '', p.port ?? 0));
    }
    seen.add(id);
  });
  if ((s.loadBalancerSourceRanges ?? []).length > 0 && type !== 'LoadBalancer') {
    // Upstream names this field with a capital L.
    r.add(
      ['spec', 'LoadBalancerSourceRanges'],
      "Forbidden: may only be used when `type` is 'LoadBalancer'",
      child(SPEC, 'loadBalancerSourceRanges'),
    );
  }
  if (s.allocateLoadBalancerNodePorts !== undefined && type !== 'LoadBalancer') {
    r.forbidden(
      child(SPEC, 'allocateLoadBalancerNodePorts'),
      "may only be used when `type` is 'LoadBalancer'",
    );
  }
  validateTrafficPolicies(s, r);
}

function validateAffinity(s: ServiceSpec, r: Report): void {
  const affinity = s.sessionAffinity ?? '';
  if (!affinity) r.required(child(SPEC, 'sessionAffinity'));
  else if (affinity !== 'ClientIP' && affinity !== 'None') {
    r.notSupported(child(SPEC, 'sessionAffinity'), affinity, ['ClientIP', 'None']);
  }
  const timeout = s.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  if (
    affinity === 'ClientIP' &&
    timeout !== undefined &&
    (timeout <= 0 || timeout > MAX_AFFINITY_SECONDS)
  ) {
    const p = child(SPEC, 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds');
    r.invalid(p, timeout, `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`);
  }
}

/**
 * nodePort: forbidden for ClusterIP (ValidateService) and, in podsim, for ExternalName too (nothing
 * would ever listen on it); unique per protocol; inside --service-node-port-range.
 */
const NODE_PORT_RANGE_HINT =
  'a cluster whose API server runs with another --service-node-port-range can say so in the scenario, e.g. serviceNodePortRange: 30000-50000';

function validateNodePorts(s: ServiceSpec, r: Report, [lo, hi]: readonly [number, number]): void {
  const type = s.type ?? '';
  const seen = new Set<string>();
  (s.ports ?? []).forEach((p, i) => {
    if (!p.nodePort) return;
    const path = child(SPEC, 'ports', i, 'nodePort');
    if (type === 'ClusterIP' || type === 'ExternalName') {
      r.forbidden(path, `may not be used when \`type\` is '${type}'`);
      return;
    }
    const id = `${p.protocol}/${p.nodePort}`;
    if (seen.has(id)) r.duplicate(path, p.nodePort);
    seen.add(id);
    if (p.nodePort < lo || p.nodePort > hi) {
      const isDefault = lo === DEFAULT_NODE_PORT_RANGE[0] && hi === DEFAULT_NODE_PORT_RANGE[1];
      r.invalid(
        path,
        p.nodePort,
        `provided port is not in the valid range. The range of valid ports is ${lo}-${hi}`,
        undefined,
        isDefault ? NODE_PORT_RANGE_HINT : undefined,
      );
    }
  });
}

function validateTrafficPolicies(s: ServiceSpec, r: Report): void {
  const etp = s.externalTrafficPolicy ?? '';
  const etpPath = child(SPEC, 'externalTrafficPolicy');
  if (!externallyAccessible(s)) {
    if (etp) r.invalid(etpPath, etp, 'may only be set for externally-accessible services');
  } else if (!etp) r.required(etpPath);
  else if (!TRAFFIC_POLICIES.includes(etp)) r.notSupported(etpPath, etp, TRAFFIC_POLICIES);
  const needsHealthCheck = s.type === 'LoadBalancer' && etp === 'Local';
  if (!needsHealthCheck && s.healthCheckNodePort) {
    r.invalid(
      child(SPEC, 'healthCheckNodePort'),
      s.healthCheckNodePort,
      "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
    );
  }
  const itp = s.internalTrafficPolicy;
  if (itp !== undefined && !TRAFFIC_POLICIES.includes(itp)) {
    r.notSupported(child(SPEC, 'internalTrafficPolicy'), itp, TRAFFIC_POLICIES);
  }
}
