/**
 * What deciders receive: the folded state (read-only), the instant, the inputs, and the seed.
 * Deciders return drafts and timer requests; only the engine loop commits them.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Behaviour } from '../model/behaviour.js';
import type { Scenario } from '../model/scenario.js';
import type { Millis } from '../model/time.js';
import { withCause } from '../events/createEvent.js';
import type { Draft } from '../events/createEvent.js';
import type { ClusterState } from '../state/model.js';

export type TimerData =
  | { kind: 'action'; index: number }
  | { kind: 'schedule'; pod: string }
  /** A ReplicaSet or ReplicationController sync (`Kind/namespace/name`). */
  | { kind: 'replicaset'; key: string }
  /** A Deployment sync (`Deployment/namespace/name`). */
  | { kind: 'deployment'; key: string }
  /**
   * A node lifecycle controller pass that matters for `node` (controllers/nodeLifecycle.ts): its
   * grace period ran out (`lost`), its zone's NoExecute tainter has a token (`taintPass`), or its
   * kubelet is back (neither).
   */
  | {
      kind: 'nodeMonitor';
      node: string;
      lost?: { since: Millis; stoppedAt: Millis };
      taintPass?: true;
    }
  /** The taint eviction controller's scheduled deletion of a pod of a NoExecute-tainted node. */
  | { kind: 'taintEviction'; pod: string; node: string; taintedAt: Millis }
  /** The pod garbage collector's deletion of a pod bound to a node that does not exist. */
  | { kind: 'podGcOrphan'; pod: string }
  | { kind: 'sync'; pod: string }
  | {
      kind: 'resume';
      pod: string;
      container: string;
      backoff: import('../events/catalog.js').BackoffEntry | null;
    }
  | { kind: 'resync'; pod: string }
  | { kind: 'sandboxReady'; pod: string }
  | { kind: 'pullDone'; pod: string; container: string; outcome: PullOutcome; resume: ResumeStart }
  | {
      kind: 'hookDone';
      pod: string;
      container: string;
      instance: number;
      hook: 'postStart' | 'preStop';
      failed: boolean;
      timedOut: boolean;
      /**
       * A preStop's kill (null for postStart): the hook ends nothing once a deletion cancelled
       * that kill (§30).
       */
      kill: import('../events/catalog.js').KillReason | null;
    }
  | {
      kind: 'process';
      pod: string;
      container: string;
      instance: number;
      pc: number;
    }
  | {
      kind: 'sigkill';
      pod: string;
      container: string;
      instance: number;
      /** The kill whose deadline this is: dropped once a deletion cancelled that kill (§30). */
      kill: import('../events/catalog.js').KillReason;
    }
  | { kind: 'termExit'; pod: string; container: string; instance: number; code: number }
  | {
      kind: 'probe';
      pod: string;
      container: string;
      instance: number;
      probe: 'startup' | 'readiness' | 'liveness';
      manual?: boolean;
      /** The pod's probeEpoch when this tick was scheduled; a tick of an older epoch is stale. */
      epoch?: number;
      /**
       * Not a tick: the end of an attempt that took time (an exec's duration, a timeout), with
       * what it returned. The worker is busy until then; its ticks wait (engine/simulation.ts).
       */
      attempt?: ProbeAttempt;
    };

/** An attempt under way: the container instance it probes and what it will return. */
export interface ProbeAttempt {
  instance: number;
  success: boolean;
  output: string;
  warning: string | undefined;
  /** How long it takes (ms): its result is recorded this long after the tick that began it. */
  tookMs: number;
  /**
   * Not the attempt's planned end: its container exited first and closed the HTTP connection,
   * so the attempt fails at the exit (`output` says how), `tookMs` after it began.
   */
  cut?: true;
}

export type PullOutcome =
  | { ok: true; pullMs: Millis; totalMs: Millis; sizeBytes: number }
  | { ok: false; reason: string; message: string };

/** Carried from a start attempt's back-off check to the container's creation after a pull. */
export interface ResumeStart {
  backoff: import('../events/catalog.js').BackoffEntry | null;
}

export interface TimerRequest {
  at: Millis;
  data: TimerData;
  /**
   * seq of the event that caused this timer, or the decision's draft that did, or `'running'`: the
   * cause of the timer being run. Without one, the decision's last draft (the running timer's cause
   * when the decision has none).
   */
  cause?: number | { draft: number } | 'running';
}

export interface Decision {
  events: Draft[];
  timers: TimerRequest[];
}

/**
 * Appends `d` to `out` so that its causes name what they would were `d` the whole decision: a
 * `{ draft: i }` cause counts from where `d`'s drafts land, and a timer without a cause of its own
 * names the last of `d`'s drafts rather than the last draft of `out`.
 */
export function appendDecision(out: Decision, d: Decision): void {
  const base = out.events.length;
  const last = base + d.events.length - 1;
  for (const e of d.events)
    out.events.push(
      base > 0 && typeof e.cause === 'object' ? withCause(e, { draft: base + e.cause.draft }) : e,
    );
  for (const t of d.timers) {
    // Built field by field: a spread of requests of many shapes is a megamorphic copy (the
    // single-pod run 1.2× faster without it, docs/architecture.md session 19).
    if (base > 0 && typeof t.cause === 'object')
      out.timers.push({ at: t.at, data: t.data, cause: { draft: base + t.cause.draft } });
    else if (t.cause === undefined && d.events.length > 0)
      out.timers.push({ at: t.at, data: t.data, cause: { draft: last } });
    else out.timers.push(t);
  }
}

export interface Inputs {
  scenario: Scenario;
  /** Behaviour of a container of a pod (scenario rules over inference over the catalogue). */
  behaviourOf(pod: Pod, container: string): Behaviour;
  faultsOf(pod: Pod, container: string): { createError?: string; runError?: string };
}

export interface DecideContext {
  state: ClusterState;
  now: Millis;
  inputs: Inputs;
  seed: number;
}

export const TIMER_PRIORITY: Record<TimerData['kind'], number> = {
  action: 0,
  process: 1,
  termExit: 1,
  sigkill: 1,
  sandboxReady: 2,
  pullDone: 2,
  hookDone: 2,
  probe: 3,
  schedule: 4,
  // Before any new sync at the same instant: the blocked sync finishes first (pod worker order).
  resume: 4,
  sync: 5,
  resync: 6,
  // Controllers watch the API server like the scheduler: a deletion is seen by the ReplicaSet
  // controller before the kubelet has stopped the pod, so the replacement is created while the
  // old pod is still Terminating (with no PLEG latency, a quick exit would otherwise come first).
  replicaset: 4,
  deployment: 4,
  nodeMonitor: 4,
  taintEviction: 4,
  podGcOrphan: 4,
};

/**
 * Probe ticks due at one instant run startup, then readiness, then liveness: a startup result is
 * seen by the other workers of that instant (they are gated on it), whatever order their timers
 * were queued in — so the order is a function of the state, as a fork's re-plan needs.
 */
const PROBE_ORDER = { startup: 0, readiness: 0.25, liveness: 0.5 } as const;

/** The queue priority of a timer: its kind's, refined by probe type for probe ticks. */
export function timerPriority(data: TimerData): number {
  return data.kind === 'probe'
    ? TIMER_PRIORITY.probe + PROBE_ORDER[data.probe]
    : TIMER_PRIORITY[data.kind];
}

const order = (x: string, y: string): number => (x === y ? 0 : x < y ? -1 : 1);

/**
 * Probe ticks of one type due at one instant run in pod, then container name order: the
 * kubelet's workers are goroutines of their own, so any order is one a node could show, and this
 * one is a function of the state (a fork re-plans ticks in its own order). A worker's attempt
 * that ends at the instant of its tick ends after the tick came, so the tick waits for it like any
 * tick due during the attempt (engine/simulation.ts endAttempt orders what waited). Other ties
 * keep the order they were queued in.
 */
export function timerTie(a: TimerData, b: TimerData): number {
  if (a.kind !== 'probe' || b.kind !== 'probe') return 0;
  return (
    order(a.pod, b.pod) ||
    order(a.container, b.container) ||
    Number(a.attempt !== undefined) - Number(b.attempt !== undefined)
  );
}

/** Every probe tick due at an instant has run once a timer of a higher priority than this has. */
export const LAST_PROBE_PRIORITY = TIMER_PRIORITY.probe + PROBE_ORDER.liveness;
