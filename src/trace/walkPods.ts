/**
 * Folds a trace's events and shows each pod event with the pod before and after it. Pods are
 * immutable values in the folded state (each event replaces its pod), so keeping `before` costs
 * nothing and every view of a transition comes from the same reducers the simulator uses.
 */
import type { SimEvent } from '../events/catalog.js';
import { applyEvent, FoldError } from '../state/fold.js';
import { emptyState } from '../state/model.js';
import type { ClusterState, PodState } from '../state/model.js';
import { TraceError } from './reader.js';
import type { LoadedTrace } from './loadTrace.js';

export interface PodStep {
  ev: SimEvent;
  /** `namespace/name`. */
  key: string;
  before: PodState | undefined;
  /** Undefined once the pod is deleted. */
  after: PodState | undefined;
  /** The cluster after the event (read it during the visit only: the fold goes on). */
  state: ClusterState;
}

export function walkPods(trace: LoadedTrace, visit?: (step: PodStep) => void): ClusterState {
  let state = emptyState();
  trace.events.forEach((ev, i) => {
    const key = ev.object.startsWith('Pod/') ? ev.object.slice(4) : undefined;
    const before = key === undefined ? undefined : state.pods.get(key);
    try {
      state = applyEvent(state, ev);
    } catch (e) {
      if (e instanceof FoldError)
        throw new TraceError(trace.file, trace.lines[i] ?? i + 2, `event rejected: ${e.message}`);
      throw e;
    }
    if (key !== undefined && visit) visit({ ev, key, before, after: state.pods.get(key), state });
  });
  return state;
}

/** `namespace/name` of a pod event, or undefined for other objects. */
export const podKeyOf = (ev: { object: string }): string | undefined =>
  ev.object.startsWith('Pod/') ? ev.object.slice(4) : undefined;

/** The pod's name without its namespace (`default/foo` → `foo`). */
export const podName = (key: string): string => key.slice(key.indexOf('/') + 1);
