/**
 * `kubectl describe service`. Mirrors staging/src/k8s.io/kubectl/pkg/describe/describe.go
 * describeService and formatEndpointSlices, read at kubernetes master on 2026-11-22: the Endpoints
 * line of each port is built from the Service's EndpointSlices (kubectl 1.31 on; before, from the
 * Endpoints object), listing ready endpoints only (kubernetes#126932; kubectl 1.31.0 listed the
 * not-ready ones too).
 */
import type { Event, Service } from 'kubernetes-types/core/v1.js';
import { parseNow } from '../duration.js';
import { describeEvents } from './events.js';
import {
  formatLabelSelector,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from './multiline.js';
import { LEVEL_0, PrefixWriter } from './prefixWriter.js';

/** An EndpointSlice as formatEndpointSlices reads it. */
export interface SliceView {
  ports: ReadonlyArray<{ name: string; port: number }>;
  endpoints: ReadonlyArray<{ ip: string; ready: boolean }>;
}

/** net.JoinHostPort: an IPv6 address goes in brackets. */
const joinHostPort = (host: string, port: number): string =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

/**
 * formatEndpointSlices for one Service port (`portName`): the ready endpoints of the slice ports
 * of that name, `ip:port`, at most 3 then ` + N more...`; `<none>` when the Service has no slice.
 * A slice without ports (a headless Service's, or the controller's placeholder) lists its
 * endpoints' addresses alone. As kubectl does, the list counts as full once it holds 3, even if
 * every endpoint after them is not ready (`a,b,c + 0 more...`).
 */
export function formatEndpointSlices(slices: readonly SliceView[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const MAX = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  const add = (text: string, ready: boolean): void => {
    if (list.length === MAX) more = true;
    if (!ready) return;
    if (!more) list.push(text);
    count++;
  };
  for (const s of slices) {
    if (s.ports.length === 0) {
      for (const e of s.endpoints) add(e.ip, e.ready);
      continue;
    }
    for (const p of s.ports) {
      if (p.name !== portName) continue;
      for (const e of s.endpoints) add(joinHostPort(e.ip, p.port), e.ready);
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - MAX} more...` : text;
}

/**
 * `kubectl describe service` of `svc` with its EndpointSlices at `now` (RFC 3339); `events` null
 * for `--show-events=false`.
 */
export function describeService(
  svc: Service,
  slices: readonly SliceView[],
  events: readonly Event[] | null,
  now: string,
): string {
  const w = new PrefixWriter();
  const md = svc.metadata ?? {};
  const spec = svc.spec ?? {};
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  // labels.FormatLabels of the map: the selector's own text for matchLabels alone.
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector({ matchLabels: spec.selector })}\n`);
  w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy !== undefined)
    w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  const families = spec.ipFamilies ?? [];
  w.write(LEVEL_0, `IP Families:\t${families.length > 0 ? families.join(',') : '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
  const ips = spec.clusterIPs ?? [];
  w.write(LEVEL_0, `IPs:\t${ips.length > 0 ? ips.join(',') : '<none>'}\n`);
  if ((spec.externalIPs ?? []).length > 0)
    w.write(LEVEL_0, `External IPs:\t${spec.externalIPs!.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
  for (const sp of spec.ports ?? []) {
    const name = sp.name || '<unset>';
    const protocol = sp.protocol ?? '';
    w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${protocol}\n`);
    // An int-or-string: a number prints as %d, a name as %s (an unset one as 0).
    w.write(LEVEL_0, `TargetPort:\t${sp.targetPort ?? 0}/${protocol}\n`);
    if (sp.appProtocol !== undefined) w.write(LEVEL_0, `AppProtocol:\t${sp.appProtocol}\n`);
    if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${protocol}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, sp.name ?? '')}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy)
    w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy !== undefined)
    w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort)
    w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if ((spec.loadBalancerSourceRanges ?? []).length > 0)
    w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges!.join(',')}\n`);
  const distribution = (spec as { trafficDistribution?: string }).trafficDistribution;
  if (distribution !== undefined) w.write(LEVEL_0, `Traffic Distribution:\t${distribution}\n`);
  if (events !== null) describeEvents(w, events, parseNow(now));
  return w.toString();
}
