/**
 * Typed event creators, in the shape of Redux Toolkit's createAction: each event type is defined
 * once, and reducers, deciders and tests refer to it through its creator (`.type`, `.match`).
 */
import { withKeys } from '../model/withKeys.js';
import type { Millis } from '../model/time.js';

/** A Kubernetes Event (core/v1) that an event records, as the component would write it. */
export interface KubeEventNote {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** Source component: `kubelet`, `default-scheduler`, `replicaset-controller`, … */
  from: string;
  /** Object the Event is about, when not the event's own object (e.g. `ReplicaSet/default/web-abc`). */
  object?: string;
  /**
   * The Event's involvedObject carries no uid (the taint eviction controller builds its reference
   * from namespace and name only), so `kubectl describe`, which selects by uid, does not list it.
   */
  noUid?: true;
}

/**
 * The envelope every event carries. `object` names what the event concerns (`Pod/default/web`,
 * `Node/node-1`, `Service/default/db`); `cause` is the `seq` of the event that led to it (null
 * for roots: inputs and timed actions).
 */
export interface Envelope<T extends string = string, P = unknown> {
  seq: number;
  at: Millis;
  type: T;
  object: string;
  cause: number | null;
  payload: P;
  /** Kubernetes Events recorded with this fact (what `kubectl describe` lists). */
  notes?: KubeEventNote[];
}

/** An event before the engine has stamped it with seq, at and cause. */
export interface Draft<T extends string = string, P = unknown> {
  type: T;
  object: string;
  payload: P;
  notes?: KubeEventNote[];
  /**
   * Explicit cause: the seq of an earlier event, `{ draft: i }` for the i-th draft of the same
   * batch, or 'previous' for the draft just before it. When absent the engine uses the cause of the
   * timer that ran the decider.
   */
  cause?: number | { draft: number } | 'previous';
}

/**
 * The draft with an explicit cause. Not a spread: adding a key the draft lacks by spreading gives
 * every such draft a map of its own (see model/withKeys.ts), and the engine reads every draft.
 */
export const withCause = <D extends Draft>(d: D, cause: NonNullable<Draft['cause']>): D =>
  withKeys(d, { cause }) as D;

export interface EventCreator<T extends string, P> {
  readonly type: T;
  (object: string, payload: P, notes?: KubeEventNote[]): Draft<T, P>;
  match(e: { type: string }): e is Envelope<T, P>;
}

export function createEvent<P>() {
  return <T extends string>(type: T): EventCreator<T, P> => {
    const creator = ((object: string, payload: P, notes?: KubeEventNote[]): Draft<T, P> =>
      notes && notes.length > 0
        ? { type, object, payload, notes }
        : { type, object, payload }) as EventCreator<T, P>;
    Object.defineProperty(creator, 'type', { value: type });
    (creator as { match: unknown }).match = (e: { type: string }): boolean => e.type === type;
    return creator;
  };
}
