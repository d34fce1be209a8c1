/**
 * Observations of an event stream: the state of each event's pod right after it. Pod states are
 * immutable values (each event replaces its pod with a new Immer result), so keeping a reference
 * per event costs nothing and later events cannot change what was recorded.
 */
import type { SimEvent } from '../events/catalog.js';
import { applyEvent } from '../state/fold.js';
import { emptyState } from '../state/model.js';
import type { ClusterState, PodState } from '../state/model.js';
import { canonicalJson } from '../trace/canonical.js';
import type { Observation } from './invariants/types.js';

/** The pod an event concerns (`Pod/<ns>/<name>` → `<ns>/<name>`), or undefined. */
export function podKeyOf(ev: { object: string }): string | undefined {
  return ev.object.startsWith('Pod/') ? ev.object.slice('Pod/'.length) : undefined;
}

export function podStateAfter(ev: SimEvent, s: ClusterState): PodState | undefined {
  const key = podKeyOf(ev);
  return key === undefined ? undefined : s.pods.get(key);
}

/** Folds events from the empty state, recording each event's pod (mutation tests re-observe). */
export function observe(events: readonly SimEvent[]): Observation {
  let s = emptyState();
  const pods: Observation['pods'] = [];
  for (const ev of events) {
    s = applyEvent(s, ev);
    pods.push(podStateAfter(ev, s));
  }
  return { events, pods };
}

/** The whole state as canonical JSON (equal strings ⇔ equal states). */
export function stateSnapshot(s: ClusterState): string {
  return canonicalJson({
    at: s.at,
    seq: s.seq,
    startTime: s.startTime,
    nodes: [...s.nodes.entries()],
    pods: [...s.pods.entries()],
    objects: [...s.objects.entries()],
  });
}
