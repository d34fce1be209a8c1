/**
 * When a Service had no ready endpoint: the question behind "was there an outage during my
 * rollout?". Derived by folding the events and reading the Service's EndpointSlice view
 * (endpoints.ts) after each instant — the API writes everything decided at one instant as one
 * update, so a gap that lasts no virtual time (a pod replaced within one instant) is no gap.
 *
 * An endpoint counts only when `ready` (serving && !terminating, or publishNotReadyAddresses):
 * that is what kube-proxy routes new connections to (kubelet-semantics.md §4.3); a terminating
 * pod that still serves does not keep the Service reachable for new clients.
 */
import type { SimEvent } from '../events/catalog.js';
import type { Millis } from '../model/time.js';
import { endpointSlice } from './endpoints.js';
import { applyEvent } from './fold.js';
import { emptyState } from './model.js';
import type { ClusterState } from './model.js';

/** `[from, until)` in virtual ms; `until` is null when the interval is still open at the end. */
export interface EmptyInterval {
  from: Millis;
  until: Millis | null;
}

/** `NAME` (namespace default, as kubectl) or `NAMESPACE/NAME` → the state key of the Service. */
export function serviceObjectKey(service: string): string {
  const slash = service.indexOf('/');
  return slash < 0 ? `Service/default/${service}` : `Service/${service}`;
}

/** Whether the Service exists at this point and has no ready endpoint (false when it is absent). */
function hasNoReadyEndpoint(state: ClusterState, key: string): boolean {
  const o = state.objects.get(key);
  return o !== undefined && !endpointSlice(state, o).some((e) => e.ready);
}

/**
 * The intervals during which `service` (`NAME` or `NAMESPACE/NAME`) existed with no ready
 * endpoint, in order. Before the Service is applied there is nothing to be empty; its deletion
 * closes an open interval (a Service that does not exist has no endpoints to lack).
 */
export function noReadyEndpointIntervals(
  events: Iterable<SimEvent>,
  service: string,
): EmptyInterval[] {
  const key = serviceObjectKey(service);
  const out: EmptyInterval[] = [];
  let state = emptyState();
  let instant: Millis | undefined;
  let openFrom: Millis | null = null;
  const settle = (at: Millis): void => {
    const empty = hasNoReadyEndpoint(state, key);
    if (empty && openFrom === null) openFrom = at;
    if (!empty && openFrom !== null) {
      out.push({ from: openFrom, until: at });
      openFrom = null;
    }
  };
  for (const ev of events) {
    // The instant before this event is complete: judge the endpoints as that instant left them.
    if (instant !== undefined && ev.at !== instant) settle(instant);
    state = applyEvent(state, ev);
    instant = ev.at;
  }
  if (instant !== undefined) settle(instant);
  if (openFrom !== null) out.push({ from: openFrom, until: null });
  return out;
}
