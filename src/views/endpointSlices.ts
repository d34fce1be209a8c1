/**
 * `kubectl get endpointslices`: NAME ADDRESSTYPE PORTS ENDPOINTS AGE (printers.go
 * printEndpointSlice with formatDiscoveryPorts / formatDiscoveryEndpoints: at most 3 entries, then
 * ` + N more...`, `<unset>` when empty). One slice per Service with a selector, as the EndpointSlice
 * controller keeps it: every matching pod with an IP (ready, not ready and terminating alike, see
 * src/state/endpoints.ts), the ports resolved on the pods; a Service without pods keeps an empty
 * placeholder slice. The name is generateName `<service>-` and 5 characters, drawn from the seed.
 */
import type { Service } from 'kubernetes-types/core/v1.js';
import { NAME_ALPHABET } from '../controllers/podControl.js';
import { drawInt } from '../engine/rng.js';
import { formatRfc3339 } from '../model/time.js';
import { endpointSlice, managesEndpoints } from '../state/endpoints.js';
import type { ClusterState, ObjectState } from '../state/model.js';
import { translateTimestampSince } from './duration.js';

export const ENDPOINT_SLICE_COLUMNS = ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age'];

/** names.SimpleNameGenerator on `<service>-` (the base cut to 58 characters). */
export function endpointSliceName(state: ClusterState, o: ObjectState): string {
  const md = o.object.metadata as { name: string; namespace?: string };
  const key = `endpointslice-name/${md.namespace ?? 'default'}/${md.name}`;
  let suffix = '';
  for (let i = 0; i < 5; i++)
    suffix += NAME_ALPHABET[drawInt(state.seed, key, 0, NAME_ALPHABET.length - 1, i)];
  return `${md.name}-`.slice(0, 58) + suffix;
}

const namespaceOf = (o: ObjectState): string =>
  (o.object.metadata as { namespace?: string } | undefined)?.namespace ?? 'default';

/** listWithMoreString: at most 3, then ` + N more...`; `<unset>` for none. */
function listWithMore(items: string[]): string {
  const max = 3;
  const ret = items.slice(0, max).join(',');
  if (items.length > max) return `${ret} + ${items.length - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** One row per Service's slice, in the API's list order (namespace, then the slice's name). */
export function endpointSliceRows(state: ClusterState, nowMs: number): string[][] {
  return [...state.objects.values()]
    .filter((o) => o.kind === 'Service' && managesEndpoints(o.object as Service))
    .map((o) => ({ o, key: `${namespaceOf(o)}/${endpointSliceName(state, o)}` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ o }) => {
      const eps = endpointSlice(state, o);
      const ports = eps[0]?.ports ?? [];
      const ts =
        (o.object.metadata as { creationTimestamp?: string }).creationTimestamp ??
        formatRfc3339(state.epochMs + o.createdAt);
      return [
        endpointSliceName(state, o),
        'IPv4',
        listWithMore(ports.map((p) => String(p.port))),
        listWithMore(eps.map((e) => e.ip)),
        translateTimestampSince(ts, state.epochMs + nowMs),
      ];
    });
}
