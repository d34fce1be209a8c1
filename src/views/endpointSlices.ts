/**
 * `kubectl get endpointslices`: NAME ADDRESSTYPE PORTS ENDPOINTS AGE (printers.go
 * printEndpointSlice with formatDiscoveryPorts / formatDiscoveryEndpoints: at most 3 entries, then
 * ` + N more...`, `<unset>` when empty). The slices of each Service with a selector, as the
 * EndpointSlice controller keeps them (serviceSlices): every matching pod with an IP (ready, not
 * ready and terminating alike, see src/state/endpoints.ts), grouped by the ports resolved on the
 * pods; a Service without pods keeps an empty placeholder slice. Each name is generateName
 * `<service>-` and 5 characters, drawn from the seed.
 */
import type { Service } from 'kubernetes-types/core/v1.js';
import { NAME_ALPHABET } from '../controllers/podControl.js';
import { drawInt } from '../engine/rng.js';
import { formatRfc3339 } from '../model/time.js';
import { endpointSlice, managesEndpoints, portsKey } from '../state/endpoints.js';
import type { EndpointEntry } from '../state/endpoints.js';
import type { ClusterState, ObjectState } from '../state/model.js';
import { translateTimestampSince } from './duration.js';
import { compareText } from '../model/order.js';

export const ENDPOINT_SLICE_COLUMNS = ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age'];

/**
 * names.SimpleNameGenerator on `<service>-` (the base cut to 58 characters). The first slice of
 * a Service draws from `endpointslice-name/<ns>/<name>`, each further one from that key and its
 * index.
 */
function sliceName(state: ClusterState, o: ObjectState, index: number): string {
  const md = o.object.metadata as { name: string; namespace?: string };
  const key = `endpointslice-name/${md.namespace ?? 'default'}/${md.name}${index > 0 ? `#${index}` : ''}`;
  let suffix = '';
  for (let i = 0; i < 5; i++)
    suffix += NAME_ALPHABET[drawInt(state.seed, key, 0, NAME_ALPHABET.length - 1, i)];
  return `${md.name}-`.slice(0, 58) + suffix;
}

/** An EndpointSlice of a Service, as `get endpointslices` and `describe svc` read it. */
export interface EndpointSliceView {
  name: string;
  namespace: string;
  service: ObjectState;
  ports: EndpointEntry['ports'];
  endpoints: EndpointEntry[];
}

/**
 * The Service's EndpointSlices as the controller keeps them: one per set of resolved ports (the
 * reconciler groups endpoints by port set), endpoints in pod creation order, or one empty
 * placeholder when no pod has an address; none for a Service without a selector. Listed by name,
 * as the API lists them. (podsim does not split a slice at 100 endpoints.)
 */
export function serviceSlices(state: ClusterState, o: ObjectState): EndpointSliceView[] {
  if (!managesEndpoints(o.object as Service)) return [];
  const namespace =
    (o.object.metadata as { namespace?: string } | undefined)?.namespace ?? 'default';
  const groups = new Map<string, EndpointEntry[]>();
  for (const e of endpointSlice(state, o)) {
    const key = portsKey(e.ports);
    const list = groups.get(key);
    if (list) list.push(e);
    else groups.set(key, [e]);
  }
  const slices = [...groups.values()].map((endpoints, i) => ({
    name: sliceName(state, o, i),
    namespace,
    service: o,
    ports: endpoints[0]!.ports,
    endpoints,
  }));
  if (slices.length === 0)
    slices.push({ name: sliceName(state, o, 0), namespace, service: o, ports: [], endpoints: [] });
  return slices.sort((a, b) => compareText(a.name, b.name));
}

/** listWithMoreString: at most 3, then ` + N more...`; `<unset>` for none. */
function listWithMore(items: string[]): string {
  const max = 3;
  const ret = items.slice(0, max).join(',');
  if (items.length > max) return `${ret} + ${items.length - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** One row per slice, in the API's list order (namespace, then the slice's name). */
export function endpointSliceRows(state: ClusterState, nowMs: number): string[][] {
  const key = (s: EndpointSliceView): string => `${s.namespace}/${s.name}`;
  return [...state.objects.values()]
    .filter((o) => o.kind === 'Service')
    .flatMap((o) => serviceSlices(state, o))
    .sort((a, b) => compareText(key(a), key(b)))
    .map((s) => {
      const o = s.service;
      const ts =
        (o.object.metadata as { creationTimestamp?: string }).creationTimestamp ??
        formatRfc3339(state.epochMs + o.createdAt);
      return [
        s.name,
        'IPv4',
        listWithMore(s.ports.map((p) => String(p.port))),
        listWithMore(s.endpoints.map((e) => e.ip)),
        translateTimestampSince(ts, state.epochMs + nowMs),
      ];
    });
}
