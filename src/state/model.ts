/**
 * The folded state of a run. The index structures (Maps) live outside Immer drafts; each entity
 * (one pod, one node, one object) is an immutable value replaced by its own `produce` call, so an
 * event costs O(size of the entity it touches), never O(cluster).
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Millis } from '../model/time.js';
import type { NodeUsage } from './podRequests.js';
import type { NodeSpec } from '../model/scenario.js';
import type {
  NodeTaint,
  BackoffEntry,
  KillReason,
  ProbeResult,
  ProbeType,
} from '../events/catalog.js';

/** A Kubernetes Event after client-side correlation (identical events share one record). */
export interface RecordedEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  from: string;
  count: number;
  firstAt: Millis;
  lastAt: Millis;
  /** seq of the sim event that last recorded it. */
  seq: number;
  /** Recorded without the object's uid (not listed by `kubectl describe`). */
  noUid?: true;
  /** The aggregated record of similar events: `message` is the latest, combined. */
  combined?: true;
}

/**
 * The caches of client-go's event recorder for one entity (src/state/recordEvents.ts): the similar
 * messages seen and the occurrences observed per source, type and reason, and the spam filter's
 * token bucket per source. Kept flat, as arrays of cells whose layout recordEvents.ts owns
 * (`observations` reads them back as records); a crash loop's every BackOff after the spam
 * filter's burst changes two numbers, kept in `repeat`.
 */
export interface RecorderState {
  similar: RecorderCell[];
  buckets: RecorderCell[];
  /**
   * The last occurrence (written or dropped, not combined), when its bucket was left without a
   * token: a repeat the spam filter drops changes only the observation's count and the block's
   * time, and writes those here instead of copying `similar`, whose two cells they stand for
   * until the next other note.
   */
  repeat: RecorderRepeat | undefined;
  /** With `repeat`: the observation's count and the block's last occurrence (0 without). */
  repeatCount: number;
  repeatAt: Millis;
}

/** RecorderState.repeat: the note, its cells' offsets in `similar`, and its token bucket. */
export interface RecorderRepeat {
  from: string;
  noUid: boolean;
  type: string;
  reason: string;
  message: string;
  /** Offsets of the note's similar block and of its observation. */
  block: number;
  observation: number;
  /** The source's token bucket, unchanged while its occurrences are dropped. */
  tokens: number;
  tokensAt: Millis;
}

export type RecorderCell = string | number | boolean | string[];

/** What client-go's aggregator keys similar events by (the object is the entity's own). */
export interface EventIdentity {
  from: string;
  noUid: boolean;
  type: string;
  reason: string;
}

export interface ProbeWorkerState {
  lastResult: ProbeResult;
  run: number;
  cached: ProbeResult;
  onHold: boolean;
}

/** The kubelet's and runtime's view of one container (by name) beyond what PodStatus shows. */
export interface ContainerRuntime {
  name: string;
  init: boolean;
  sidecar: boolean;
  /** How many instances have been created; the current instance is number `instances`. */
  instances: number;
  id: string | null;
  /** Runtime state of the current instance. */
  phase: 'none' | 'running' | 'exited';
  startedAt: Millis | null;
  finishedAt: Millis | null;
  /** When the previous instance finished (the kubelet's "most recent exited instance" before this one). */
  prevFinishedAt: Millis | null;
  exitCode: number | null;
  /** Anchor of PID 1's program: it is at step `pc` since `since` (see kubelet/process.ts). */
  program: { pc: number; since: Millis };
  /** Restart back-off entry (client-go flowcontrol), keyed per container as the kubelet keys it. */
  backoff: BackoffEntry | null;
  /** Image pull back-off entry. */
  pullBackoff: BackoffEntry | null;
  /**
   * The kubelet's reasonCache entry: the error of the last failed start attempt. Status shows it
   * only from the next sync on (generateAPIPodStatus runs before SyncPod updates the cache).
   * `key` (set by back-off syncs: the delay, or the image) stands for the message besides the pod
   * and container, so an equal entry is recognised without comparing texts.
   */
  startError: { reason: string; message: string; key?: string | number } | null;
  /** Set while the kubelet is stopping the current instance. */
  killing: {
    reason: KillReason;
    /** The grace this kill was given (Killing's graceMs): preStop time is taken out of it. */
    graceMs: Millis;
    /** When the kill began (the Killing event). */
    since: Millis;
    /**
     * When the kill reached its SIGTERM step: at the Killing without a preStop hook, when the
     * hook finished with one (null while it runs). A sidecar stopped with its pod waits for its
     * turn from here (killContainer's waitForTurn).
     */
    waitFrom: Millis | null;
    /** When this kill reached StopContainer: its SIGTERM, or the skip of one already sent. */
    sigtermAt: Millis | null;
    /**
     * When PID 1 of this instance got SIGTERM: kept across a kill a deletion cancelled and the
     * kill that replaced it (§30).
     */
    sigtermSentAt: Millis | null;
  } | null;
  /** Filesystem changes made from outside the program (timed exec actions), in time order. */
  fsChanges: Array<{ at: Millis; path: string; exists: boolean }>;
  probes: Partial<Record<ProbeType, ProbeWorkerState>>;
  /** The postStart hook is running until this instant. */
  postStartUntil: Millis | null;
}

/**
 * What the pod worker is blocked on (the kubelet's SyncPod runs these steps synchronously). A
 * pull lasts until the container it was for has started, or its creation or start failed: the
 * same startContainer call creates and starts it.
 */
export type WorkerOp =
  | { op: 'sandbox'; until: Millis }
  | { op: 'pull'; container: string; startsAt: Millis; until: Millis }
  | { op: 'postStart'; container: string; until: Millis }
  | { op: 'preStop'; container: string; until: Millis };

export interface PodRuntime {
  node: string | null;
  sandbox: 'none' | 'creating' | 'ready' | 'removed';
  /** Index of the IP handed out from the node's pod CIDR (released on deletion). */
  ipIndex: number | null;
  busy: WorkerOp | null;
  containers: Record<string, ContainerRuntime>;
  /** Names in spec order: init containers, then app containers. */
  order: string[];
  /** The pod worker finished the pod (podIsTerminal in the kubelet). */
  terminal: boolean;
  /** Set when deletion was requested: the instant SIGKILL becomes due for containers still alive. */
  deletionAt: Millis | null;
  /** A regular container has been created at least once (the pod is initialized for good). */
  initialized: boolean;
  /** When the probe workers started (the kubelet's first sync): their ticks are aligned to it. */
  probeStart: Millis | null;
  /**
   * Counts the facts that can change what a probe sees from outside the container's own timeline
   * (a new container, an exit, an exec, a startup result, deletion). Idle probe workers sleep until
   * their own timeline changes or this number moves (see kubelet/probeWake.ts). It starts at the
   * seq of the pod's pod/created event, so no tick left over from an earlier pod of the same name
   * (whose count never passed the seq of its own last event) is current for this one.
   */
  probeEpoch: number;
}

/** Removes kubernetes-types' readonly markers: reducers write pods inside Immer drafts. */
export type Writable<T> =
  T extends ReadonlyArray<infer U>
    ? Array<Writable<U>>
    : T extends object
      ? { -readonly [K in keyof T]: Writable<T[K]> }
      : T;

export interface PodState {
  key: string;
  pod: Writable<Pod>;
  runtime: PodRuntime;
  events: RecordedEvent[];
  recorder: RecorderState;
}

export interface NodeState {
  spec: NodeSpec;
  /** Normalised image references present on the node. */
  images: string[];
  /** The serial image puller is busy until this instant. */
  pullFreeAt: Millis;
  /** Last IP index handed out (host-local IPAM continues after it). */
  lastIpIndex: number;
  /** IP indexes in use. */
  ipsInUse: number[];
  /** When the node registered. */
  registeredAt: Millis;
  /**
   * Whether the node's kubelet runs (scenario nodeDown/nodeUp), since when, and when the latest
   * kubelet run started (its Lease renewals and status reports count from there).
   */
  kubelet: { running: boolean; since: Millis; startedAt: Millis };
  /** The Ready condition as the API shows it (see controllers/nodeLifecycle.ts). */
  readyCondition: NodeReadyCondition;
  /** Taints the node lifecycle controller added (after the scenario's own, in node.spec.taints). */
  controllerTaints: NodeTaint[];
  /** When the controller last added a NoExecute taint here (its zone's rate limiter spends a token). */
  lastNoExecuteTaintAt: Millis | null;
  /**
   * Requests of the pods bound to the node and not terminated: an index the fold keeps as pods
   * start and stop counting, so the scheduler does not rescan every pod for every decision.
   */
  usage: NodeUsage;
  events: RecordedEvent[];
  recorder: RecorderState;
}

export interface NodeReadyCondition {
  status: 'True' | 'Unknown';
  reason: string;
  message: string;
  lastHeartbeat: Millis;
  lastTransition: Millis;
}

export interface ObjectState {
  kind: string;
  key: string;
  object: Record<string, unknown>;
  createdAt: Millis;
  events: RecordedEvent[];
  recorder: RecorderState;
  /**
   * Pods this object's controller has created so far: the index of the seeded draws for the next
   * generated pod name (kept in state so a run resumed from a trace draws the same names).
   */
  created: number;
}

export interface ClusterState {
  /** Time of the last event folded. */
  at: Millis;
  /** seq of the last event folded (-1 before any). */
  seq: number;
  startTime: string;
  /** Epoch ms of virtual time 0. */
  epochMs: number;
  seed: number;
  nodes: Map<string, NodeState>;
  /** Pods by `namespace/name`, in creation order. */
  pods: Map<string, PodState>;
  /** Other objects by `Kind/namespace/name`, in creation order. */
  objects: Map<string, ObjectState>;
  /**
   * Pod keys by the uid of their controller (ownerReference with controller: true), in creation
   * order: an index the fold keeps so controllers do not scan every pod on every sync.
   */
  podsByOwner: Map<string, Set<string>>;
  /**
   * For the same controllers: how many of their pods are active (IsPodActive) and how many of
   * those are Ready, kept by the fold as pods change, so a controller sync that only needs the
   * counts (status, replicas to create) does not visit every pod.
   */
  podCountsByOwner: Map<string, OwnerPodCounts>;
}

/** Counts of one controller's pods (see ClusterState.podCountsByOwner). */
export interface OwnerPodCounts {
  /** Not Succeeded, not Failed, no deletionTimestamp. */
  active: number;
  /** Active and with condition Ready=True. */
  ready: number;
}

export function emptyState(): ClusterState {
  return {
    at: 0,
    seq: -1,
    startTime: '',
    epochMs: 0,
    seed: 0,
    nodes: new Map(),
    pods: new Map(),
    objects: new Map(),
    podsByOwner: new Map(),
    podCountsByOwner: new Map(),
  };
}

export const podKey = (namespace: string, name: string): string => `${namespace}/${name}`;
export const podObject = (key: string): string => `Pod/${key}`;
export const objectKey = (kind: string, namespace: string | undefined, name: string): string =>
  namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
