/**
 * The event vocabulary: every fact in a run is one of these. Types are `domain/pastTenseVerb`.
 * Payloads are plain JSON with names, never object references.
 */
import { createEvent } from './createEvent.js';
import type { Envelope } from './createEvent.js';
import type { Millis } from '../model/time.js';
import type { NodeSpec } from '../model/scenario.js';

/** A restart back-off record of the kubelet (client-go flowcontrol.Backoff entry). */
export interface BackoffEntry {
  periodMs: Millis;
  lastUpdate: Millis;
}

export type ProbeType = 'startup' | 'readiness' | 'liveness';
export type ProbeResult = 'success' | 'failure' | 'unknown';
export type Signal = 'SIGTERM' | 'SIGKILL';
/**
 * Why the kubelet stops a whole pod (killPodWithSyncResult): its deletion, or computePodActions'
 * KillPod once the regular containers are done (`sidecarsDone`), a regular init container failed
 * under restartPolicy Never (`initFailed`), or a probe failed under Never with nothing else to
 * keep (`probeKillPod`).
 */
export type PodKillReason = 'deletion' | 'sidecarsDone' | 'initFailed' | 'probeKillPod';
export type KillReason = 'liveness' | 'startup' | 'postStartHook' | PodKillReason;
/** A kill of the whole pod: grace from the deletion or the pod, sidecars after the rest. */
export const isPodKill = (r: KillReason): r is PodKillReason =>
  r !== 'liveness' && r !== 'startup' && r !== 'postStartHook';

// --- cluster -------------------------------------------------------------------------------------
/** The run began: fixes the wall-clock instant that virtual 0 stands for. Always seq 0. */
export const clusterStarted = createEvent<{ startTime: string; seed: number }>()('cluster/started');
/**
 * `podsim fork`: from this instant the run continues with changed inputs (the files given with
 * --set). Every input-dependent decision after it reads the new inputs.
 */
export const clusterForked = createEvent<{ files: string[] }>()('cluster/forked');
export const nodeRegistered = createEvent<{ node: NodeSpec }>()('node/registered');
/** A Service, ConfigMap, Secret, Namespace or workload object was created or updated. */
export const objectApplied = createEvent<{ kind: string; object: Record<string, unknown> }>()(
  'object/applied',
);
export const objectDeleted = createEvent<{ kind: string }>()('object/deleted');
/** A workload's spec.replicas was set (scale action, or a controller scaling a ReplicaSet). */
export const workloadScaled = createEvent<{ replicas: number }>()('workload/scaled');
/** Annotations were set on an object (the deployment controller's revision bookkeeping). */
export const objectAnnotated = createEvent<{ annotations: Record<string, string> }>()(
  'object/annotated',
);
/** The deployment controller wrote the Deployment's status (counts and conditions). */
export const deploymentStatusUpdated = createEvent<{ status: Record<string, unknown> }>()(
  'deployment/statusUpdated',
);

// --- nodes: kubelet presence, node lifecycle controller ----------------------------------------
/** A node taint as the API stores it (timeAdded: virtual ms, for NoExecute taints). */
export interface NodeTaint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: Millis;
}
/** The node's kubelet stopped (scenario `nodeDown`): no more status, lease, syncs or probes. */
export const kubeletStopped = createEvent<Record<string, never>>()('node/kubeletStopped');
/** The node's kubelet is back (scenario `nodeUp`) and posted Ready=True. */
export const kubeletStarted = createEvent<Record<string, never>>()('node/kubeletStarted');
/** The node lifecycle controller set the node's conditions to Unknown (grace period expired). */
export const nodeStatusUnknown = createEvent<{ probedAt: Millis }>()('node/statusUnknown');
/** Taints added to or removed from the node by the node lifecycle controller. */
export const nodeTaintsChanged = createEvent<{ add: NodeTaint[]; remove: NodeTaint[] }>()(
  'node/taintsChanged',
);

// --- pods: API and scheduler ---------------------------------------------------------------------
/** A Pod object was created in the API (already defaulted, with uid and creationTimestamp). */
export const podCreated = createEvent<{ pod: Record<string, unknown> }>()('pod/created');
export const podScheduled = createEvent<{ node: string }>()('pod/scheduled');
export const podUnschedulable = createEvent<{ message: string }>()('pod/unschedulable');
/** Kubelet admission refused the pod (e.g. OutOfcpu for a pod pinned with nodeName). */
export const podRejected = createEvent<{ reason: string; message: string }>()('pod/rejected');
export const podDeletionRequested = createEvent<{ gracePeriodSeconds: number }>()(
  'pod/deletionRequested',
);
/** The pod worker finished the pod: every container stopped and the sandbox is gone. */
export const podTerminated = createEvent<Record<string, never>>()('pod/terminated');
/** MarkPodsNotReady: the node lifecycle controller set the pod's Ready condition to False. */
export const podMarkedNotReady = createEvent<Record<string, never>>()('pod/markedNotReady');
/** The taint eviction controller added the DisruptionTarget condition before deleting the pod. */
export const podDisruptionTargeted = createEvent<{ reason: string; message: string }>()(
  'pod/disruptionTargeted',
);
/**
 * The pod garbage collector found the pod bound to a node that does not exist and marked it Failed
 * with a DisruptionTarget condition, before deleting it (podgc gc_controller.go gcOrphaned).
 */
export const podMarkedFailed = createEvent<{ reason: string; message: string }>()(
  'pod/markedFailed',
);
/** The taint eviction controller cancelled a scheduled deletion (the NoExecute taint is gone). */
export const podEvictionCancelled = createEvent<Record<string, never>>()('pod/evictionCancelled');
/** The kubelet, started again, wrote the pod's status from what it finds on the node. */
export const podStatusResynced = createEvent<Record<string, never>>()('pod/statusResynced');
/** The Pod object was removed from the API. */
export const podDeleted = createEvent<Record<string, never>>()('pod/deleted');

// --- pods: kubelet sandbox -----------------------------------------------------------------------
export const sandboxCreating = createEvent<{ readyAt: Millis }>()('sandbox/creating');
export const sandboxReady = createEvent<{ ip: string; hostIP: string; ipIndex: number }>()(
  'sandbox/ready',
);

// --- images --------------------------------------------------------------------------------------
export const imagePulling = createEvent<{
  container: string;
  image: string;
  startsAt: Millis;
  doneAt: Millis;
  /** First step of a fresh SyncPod: the kubelet wrote the pod's status just before it. */
  syncStart: boolean;
}>()('image/pulling');
export const imagePulled = createEvent<{
  container: string;
  image: string;
  pullMs: Millis;
  totalMs: Millis;
  sizeBytes: number;
}>()('image/pulled');
export const imagePresent = createEvent<{ container: string; image: string; syncStart: boolean }>()(
  'image/present',
);
export const imagePullFailed = createEvent<{
  container: string;
  image: string;
  reason: string;
  message: string;
  backoff: BackoffEntry | null;
  /** The failure ends a pull begun earlier in the same sync (false: found at the sync's start). */
  afterPull: boolean;
  /**
   * A pull the pod's deletion cancelled: the serial puller is free from this instant (now, or the
   * pull's turn if it was still queued) instead of the pull's planned end.
   */
  cancelled?: { pullerFreeAt: Millis; plannedDoneAt: Millis };
}>()('image/pullFailed');
export const imageBackOff = createEvent<{ container: string; image: string }>()('image/backOff');

// --- containers ----------------------------------------------------------------------------------
export const containerCreateFailed = createEvent<{
  container: string;
  reason: string;
  message: string;
}>()('container/createFailed');
export const containerCreated = createEvent<{
  container: string;
  id: string;
  /** The kubelet's restart back-off entry after this start decision (unchanged when null). */
  backoff: BackoffEntry | null;
}>()('container/created');
export const containerStarted = createEvent<{ container: string }>()('container/started');
export const containerStartFailed = createEvent<{ container: string; message: string }>()(
  'container/startFailed',
);
/** A waiting step of PID 1's program completed (e.g. `nslookup SVC` succeeded); program goes on from `pc`. */
export const processResumed = createEvent<{ container: string; pc: number }>()('process/resumed');
export const containerExited = createEvent<{
  container: string;
  exitCode: number;
  reason: string;
  signal?: Signal;
}>()('container/exited');
export const containerBackOff = createEvent<{
  container: string;
  delayMs: Millis;
  retryAt: Millis;
}>()('container/backOff');
export const containerKilling = createEvent<{
  container: string;
  reason: KillReason;
  graceMs: Millis;
}>()('container/killing');
export const containerSignalled = createEvent<{ container: string; signal: Signal }>()(
  'container/signalled',
);
/**
 * A kill reached StopContainer but containerd sent no SIGTERM: an earlier stop of this container,
 * whose kill a deletion cancelled, already sent it (§30). The new kill's SIGKILL deadline runs
 * from here.
 */
export const containerSignalSkipped = createEvent<{ container: string; signal: 'SIGTERM' }>()(
  'container/signalSkipped',
);

// --- hooks ---------------------------------------------------------------------------------------
export const hookStarted = createEvent<{
  container: string;
  hook: 'postStart' | 'preStop';
  endsAt: Millis;
}>()('hook/started');
export const hookFinished = createEvent<{
  container: string;
  hook: 'postStart' | 'preStop';
  failed: boolean;
  timedOut: boolean;
  /** The hook failed because a deletion cancelled the sync running it (§30). */
  cancelled?: true;
}>()('hook/finished');

// --- probes --------------------------------------------------------------------------------------
/** A probe worker's state changed (a failure counted, a threshold crossed, a result cached). */
export const probeResult = createEvent<{
  container: string;
  probe: ProbeType;
  result: ProbeResult;
  /** Consecutive results equal to `result`, capped at the threshold that matters. */
  run: number;
  /** Cached result after this probe (what the kubelet acts on). */
  cached: ProbeResult;
  /** The worker went on hold (liveness wrote Failure, or startup wrote a result). */
  onHold: boolean;
  output: string;
  /** Present when the attempt took time (ms): it began that long before this result (§32). */
  tookMs?: number;
}>()('probe/result');
/**
 * A fork changed how these containers of the pod behave (their process timeline, probe answers,
 * hooks or SIGTERM handling from now on). Probe workers re-plan their ticks.
 */
export const podInputsChanged = createEvent<{ containers: string[] }>()('pod/inputsChanged');
/** A timed exec action changed the container's filesystem. */
export const containerExecuted = createEvent<{
  container: string;
  command: string[];
  changes: Array<{ path: string; exists: boolean }>;
}>()('container/executed');

export const ALL_CREATORS = [
  clusterStarted,
  clusterForked,
  nodeRegistered,
  objectApplied,
  objectDeleted,
  workloadScaled,
  objectAnnotated,
  deploymentStatusUpdated,
  kubeletStopped,
  kubeletStarted,
  nodeStatusUnknown,
  nodeTaintsChanged,
  podCreated,
  podScheduled,
  podUnschedulable,
  podRejected,
  podDeletionRequested,
  podTerminated,
  podDeleted,
  podMarkedNotReady,
  podDisruptionTargeted,
  podMarkedFailed,
  podEvictionCancelled,
  podStatusResynced,
  sandboxCreating,
  sandboxReady,
  imagePulling,
  imagePulled,
  imagePresent,
  imagePullFailed,
  imageBackOff,
  containerCreateFailed,
  containerCreated,
  containerStarted,
  containerStartFailed,
  processResumed,
  containerExited,
  containerBackOff,
  containerKilling,
  containerSignalled,
  containerSignalSkipped,
  hookStarted,
  hookFinished,
  probeResult,
  containerExecuted,
  podInputsChanged,
] as const;

type CreatorEnvelope<C> = C extends {
  readonly type: infer T extends string;
  (...a: never[]): { payload: infer P };
}
  ? Envelope<T, P>
  : never;

/** The discriminated union of every event. */
export type SimEvent = CreatorEnvelope<(typeof ALL_CREATORS)[number]>;
export type SimEventType = SimEvent['type'];
export const EVENT_TYPES: ReadonlySet<string> = new Set(ALL_CREATORS.map((c) => c.type));
