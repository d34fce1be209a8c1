/**
 * What invariant checkers see and return. A checker is a pure function over the events of a run
 * and the state of each event's pod right after it; it returns every violation it finds (an empty
 * list means the run obeys the rule), so the same checker serves the properties and the mutation
 * tests that prove it can fail.
 */
import type { SimEvent } from '../../events/catalog.js';
import type { PodState } from '../../state/model.js';

export interface Observation {
  events: readonly SimEvent[];
  /** pods[i]: the pod events[i] concerns, as folded right after it (undefined when none). */
  pods: ReadonlyArray<PodState | undefined>;
  /** The run's horizon, when known (rules about what must happen "eventually" need it). */
  untilMs?: number;
}

export interface Violation {
  /** The invariant's name. */
  invariant: string;
  /** The event at which the rule is broken (null for run-wide findings). */
  seq: number | null;
  message: string;
}

export interface Invariant {
  name: string;
  /** The Kubernetes rule it encodes, with its source (semantics § or kubernetes-rules §). */
  rule: string;
  check(obs: Observation): Violation[];
}

/** Builds the violation list of one invariant. */
export function violations(invariant: string): {
  list: Violation[];
  add(seq: number | null, message: string): void;
} {
  const list: Violation[] = [];
  return { list, add: (seq, message) => void list.push({ invariant, seq, message }) };
}

/** Container names of a pod spec by kind. */
export interface SpecNames {
  regularInit: string[];
  sidecars: string[];
  apps: string[];
}

export function specNames(p: PodState): SpecNames {
  const inits = p.pod.spec?.initContainers ?? [];
  return {
    regularInit: inits.filter((c) => c.restartPolicy !== 'Always').map((c) => c.name),
    sidecars: inits.filter((c) => c.restartPolicy === 'Always').map((c) => c.name),
    apps: (p.pod.spec?.containers ?? []).map((c) => c.name),
  };
}

/** The container an event concerns, when it concerns one. */
export function containerOf(ev: SimEvent): string | undefined {
  const p = ev.payload as { container?: unknown };
  return typeof p.container === 'string' ? p.container : undefined;
}

/** Events of one pod object, with their index in the run. */
export function podEvents(obs: Observation, object: string): Array<{ i: number; ev: SimEvent }> {
  const out: Array<{ i: number; ev: SimEvent }> = [];
  obs.events.forEach((ev, i) => {
    if (ev.object === object) out.push({ i, ev });
  });
  return out;
}

/** Every pod object (`Pod/ns/name`) that appears in the run, in first-appearance order. */
export function podObjects(obs: Observation): string[] {
  const seen = new Set<string>();
  for (const ev of obs.events) if (ev.object.startsWith('Pod/')) seen.add(ev.object);
  return [...seen];
}

/** The last recorded state of a pod at or before event index i. */
export function podBefore(obs: Observation, object: string, i: number): PodState | undefined {
  for (let j = i - 1; j >= 0; j--) if (obs.events[j]!.object === object) return obs.pods[j];
  return undefined;
}
