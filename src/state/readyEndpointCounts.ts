/**
 * How many ready endpoints a Service had over the run, as a step function: the question behind
 * "how low did my Service go during the rollout?". Judged after each instant, like
 * endpointIntervals.ts (a change that lasts no virtual time is no change); an endpoint counts when
 * EndpointSlice `ready` (serving and not terminating).
 */
import type { SimEvent } from '../events/catalog.js';
import type { Millis } from '../model/time.js';
import { endpointSlice } from './endpoints.js';
import { applyEvent } from './fold.js';
import { emptyState } from './model.js';

/** `NAME` (namespace default, as kubectl) or `NAMESPACE/NAME` → the state key of the Service. */
export function serviceObjectKey(service: string): string {
  const slash = service.indexOf('/');
  return slash < 0 ? `Service/default/${service}` : `Service/${service}`;
}

/** `[from, until)` during which the Service existed with `ready` ready endpoints (until null: the end). */
export interface ReadyCount {
  from: Millis;
  until: Millis | null;
  ready: number;
}

export function readyEndpointCounts(events: Iterable<SimEvent>, service: string): ReadyCount[] {
  const key = serviceObjectKey(service);
  const out: ReadyCount[] = [];
  let state = emptyState();
  let instant: Millis | undefined;
  let open: { from: Millis; ready: number } | null = null;
  const settle = (at: Millis): void => {
    const o = state.objects.get(key);
    const ready = o === undefined ? null : endpointSlice(state, o).filter((e) => e.ready).length;
    if (open && open.ready === ready) return;
    if (open) out.push({ from: open.from, until: at, ready: open.ready });
    open = ready === null ? null : { from: at, ready };
  };
  for (const ev of events) {
    if (instant !== undefined && ev.at !== instant) settle(instant);
    state = applyEvent(state, ev);
    instant = ev.at;
  }
  if (instant !== undefined) settle(instant);
  if (open)
    out.push({
      from: (open as { from: Millis }).from,
      until: null,
      ready: (open as { ready: number }).ready,
    });
  return out;
}

/**
 * The fewest ready endpoints within [from, until) (the whole run by default), and the spans with
 * that many, clipped to the window. Undefined when the Service did not exist in the window.
 */
export function minReadyEndpoints(
  counts: readonly ReadyCount[],
  from: Millis = 0,
  until: Millis = Number.POSITIVE_INFINITY,
): { min: number; spans: Array<{ from: Millis; until: Millis | null }> } | undefined {
  const inside = counts
    .filter((c) => c.from < until && (c.until === null || c.until > from))
    .map((c) => ({
      from: Math.max(c.from, from),
      until: c.until === null ? (Number.isFinite(until) ? until : null) : Math.min(c.until, until),
      ready: c.ready,
    }));
  if (inside.length === 0) return undefined;
  const min = Math.min(...inside.map((c) => c.ready));
  return {
    min,
    spans: inside.filter((c) => c.ready === min).map((c) => ({ from: c.from, until: c.until })),
  };
}
