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
import { readyEndpointCounts } from './readyEndpointCounts.js';

export { serviceObjectKey } from './readyEndpointCounts.js';

/** `[from, until)` in virtual ms; `until` is null when the interval is still open at the end. */
export interface EmptyInterval {
  from: Millis;
  until: Millis | null;
}

/**
 * The intervals during which `service` (`NAME` or `NAMESPACE/NAME`) existed with no ready
 * endpoint, in order: the zero steps of readyEndpointCounts. Before the Service is applied there
 * is nothing to be empty; its deletion closes an open interval (a Service that does not exist has
 * no endpoints to lack).
 */
export function noReadyEndpointIntervals(
  events: Iterable<SimEvent>,
  service: string,
): EmptyInterval[] {
  return readyEndpointCounts(events, service)
    .filter((c) => c.ready === 0)
    .map(({ from, until }) => ({ from, until }));
}
