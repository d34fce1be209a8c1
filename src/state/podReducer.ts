/**
 * Reducers for one pod. The events of a pod's life (podPlacingCases) read the pod and place the
 * records they replace, with no draft; the rarer ones (podCases) mutate the Immer draft of that one
 * PodState. Both leave every value they read as it was. The Kubernetes status (container statuses,
 * then phase and conditions) is maintained here, the way the kubelet's status manager keeps it;
 * views read it as `kubectl get pod -o json` would print it.
 */
import type {
  Container,
  ContainerStatus,
  ContainerState,
  Pod,
  PodCondition,
} from 'kubernetes-types/core/v1.js';
import { findContainer, podRef } from '../model/podSpec.js';
import * as E from '../events/catalog.js';
import { CaseReducers, forEventType, immer } from './caseReducers.js';
import { withKeys } from '../model/withKeys.js';
import { memoByText } from '../model/memoByText.js';
import type { FoldContext } from './caseReducers.js';
import type { ContainerRuntime, PodRuntime, PodState } from './model.js';
import { withNotes } from './recordEvents.js';
import { refreshPodStatus, statusListField, waitingReasonBeforeStart } from './podStatus.js';
import type { StatusListField } from './podStatus.js';
import { findContainerStatus } from '../views/containers.js';
import { podPhase } from '../views/podPhase.js';
import { createHash } from 'node:crypto';
import { formatRfc3339, goDuration } from '../model/time.js';
import { normaliseImage } from '../spec/manifest/index.js';
import type { Millis } from '../model/time.js';

const rfc = (ctx: FoldContext, at: Millis): string => formatRfc3339(ctx.epochMs + at);

/** The entry's index in `list`. */
function statusIndex(list: readonly ContainerStatus[], name: string): number {
  const i = list.findIndex((c) => c.name === name);
  if (i < 0)
    throw new Error(`container ${name} has no status entry (its sandbox was never created)`);
  return i;
}

/** A container's spec (no reducer changes container specs). */
function specOf(p: PodState, name: string): Container {
  return findContainer(p.pod as Pod, name)!;
}

function newStatus(p: PodState, name: string): ContainerStatus {
  return {
    name,
    state: { waiting: { reason: waitingReasonBeforeStart(p.pod) } },
    lastState: {},
    ready: false,
    restartCount: 0,
    image: specOf(p, name).image ?? '',
    imageID: '',
    started: false,
  };
}

/**
 * The containers whose status does not show their reasonCache entry (the previous sync's start
 * error) as the waiting reason yet: what a sync that begins writes (syncStarted). Read on the pod
 * before the event.
 */
function unsyncedStartErrors(base: PodState): string[] | undefined {
  let out: string[] | undefined;
  for (const name of base.runtime.order) {
    const rt = base.runtime.containers[name]!;
    if (!rt.startError || rt.phase === 'running') continue;
    // convertToAPIContainerStatuses: an init container whose latest instance exited 0 keeps its
    // Terminated state; the reasonCache is not shown for it (a sidecar that exits 0 in back-off).
    if (rt.init && rt.phase === 'exited' && rt.exitCode === 0) continue;
    const list = base.pod.status?.[statusListField(rt.init)];
    const current = list && findContainerStatus(list, name);
    if (current && isWaitingFor(current, rt.startError.reason, rt.startError.message)) continue;
    (out ??= []).push(name);
  }
  return out;
}

/**
 * A sync begins for this container: generateAPIPodStatus shows the previous sync's start error
 * (the reasonCache) as the waiting reason, keeping the last termination as lastState.
 */
function syncStarted(p: PodState): void {
  for (const name of unsyncedStartErrors(p) ?? []) {
    const { reason, message } = p.runtime.containers[name]!.startError!;
    updateStatus(p, name, (s) => waitingStatus(s, reason, message));
  }
}

/**
 * The status shows exactly `waiting: {reason, message}` already. From sandbox/creating on (which
 * lists fresh entries, before any start error exists) the reducers build every state record, as
 * `{waiting: {reason}}`, `{waiting: {reason, message}}`, `{running}` or `{terminated}`: comparing
 * the two fields and ruling out the other two states is an exact comparison.
 */
function isWaitingFor(s: ContainerStatus, reason: string, message?: string): boolean {
  const st = s.state;
  const w = st?.waiting;
  return (
    w !== undefined &&
    w.reason === reason &&
    w.message === message &&
    st!.running === undefined &&
    st!.terminated === undefined
  );
}

/** The container's reasonCache entry is `e` already (compared by reason and key, not by text). */
function keepsStartError(base: PodState, e: StartErrorKey): boolean {
  const current = base.runtime.containers[e.container]!.startError;
  return current !== null && current.reason === e.reason && current.key === e.key;
}

/**
 * The reasonCache entry; an equal entry is left in place (every sync of a back-off records the
 * same one, and a pod nothing was placed in is kept as it is).
 */
function setStartError(p: PodState, e: StartError): void {
  if (keepsStartError(p, e)) return;
  const startError = { reason: e.reason, message: e.message(), key: e.key };
  updateContainer(p, e.container, (rt) => ({ ...rt, startError }));
}

/**
 * A start error a sync records for one container. Its message is a function of the pod, the
 * container and `key`, so a later sync compares the key instead of building and comparing the
 * text (a template string is a V8 rope: comparing two walks every piece of both).
 */
interface StartError extends StartErrorKey {
  message: () => string;
}

/** What identifies a start error: its container, reason, and the key its message is built from. */
interface StartErrorKey {
  container: string;
  reason: string;
  key: string | number;
}

const CRASH_LOOP = 'CrashLoopBackOff';
const IMAGE_PULL = 'ImagePullBackOff';

/** The start error of a sync that found the container in its crash-loop back-off (doBackOff). */
function crashLoopError(
  base: PodState,
  ev: Extract<E.SimEvent, { type: 'container/backOff' }>,
): StartError {
  const { container, delayMs } = ev.payload;
  return {
    container,
    reason: CRASH_LOOP,
    key: delayMs,
    message: () =>
      `back-off ${goDuration(delayMs)} restarting failed container=${container} pod=${podRef(base.pod.metadata!)}`,
  };
}

/** The start error of a sync that found the container's image pull in back-off. */
function imagePullError(ev: Extract<E.SimEvent, { type: 'image/backOff' }>): StartError {
  const { container, image } = ev.payload;
  return {
    container,
    reason: IMAGE_PULL,
    key: image,
    message: () => `Back-off pulling image "${image}"`,
  };
}

/**
 * A back-off event writes nothing when its sync shows what the status shows already. The
 * reasonCache entry is compared first: it differs on the first back-off after a start, and reading
 * it touches fewer records than the status.
 *
 * The judgement reads only the pod's runtime and Pod objects, which a kept event leaves as they
 * are: while both are the same objects, a repeat of the same back-off is kept again. A crash loop
 * or an image pull in back-off repeats its sync every 10–15 s for as long as it lasts, and judging
 * each anew reads a dozen records spread over the heap (most of the fold's time per such event),
 * so the last back-off kept is remembered by the runtime record it was judged on: a memo of a pure
 * function of immutable values, which the fold's result does not depend on.
 */
function backOffKeeps(base: PodState, e: StartErrorKey): boolean {
  const kept = keptBackOffs.get(base.runtime);
  if (
    kept !== undefined &&
    kept.pod === base.pod &&
    kept.container === e.container &&
    kept.reason === e.reason &&
    kept.key === e.key
  )
    return true;
  if (!keepsStartError(base, e) || unsyncedStartErrors(base) !== undefined) return false;
  keptBackOffs.set(base.runtime, { pod: base.pod, ...e });
  return true;
}
const keptBackOffs = new WeakMap<PodState['runtime'], StartErrorKey & { pod: PodState['pod'] }>();

/**
 * Record replacements asked for by a placing reducer, placed when it returns. A container event
 * replaces one or two small records deep in the pod (the container's runtime record, its status
 * entry, a field of the pod worker's state); writing them through a draft would make Immer draft,
 * copy and finalize every object on the way (the pod, runtime, the containers map, the Pod, its
 * status, the list): most of such an event's cost. Placed afterwards, only those objects are
 * copied.
 */
type Placement =
  | { kind: 'runtime'; name: string; record: ContainerRuntime }
  | { kind: 'status'; field: StatusListField; index: number; record: ContainerStatus }
  | { kind: 'worker'; fields: WorkerFields }
  | { kind: 'podStatus'; fields: PodStatusFields }
  | { kind: 'spec'; fields: PodSpecFields };

/** The pod worker's fields (the runtime's, but the containers and their order) a reducer may replace. */
type WorkerFields = Partial<Omit<PodRuntime, 'containers' | 'order'>>;
type PodStatusFields = Partial<NonNullable<PodState['pod']['status']>>;
type PodSpecFields = Partial<NonNullable<PodState['pod']['spec']>>;

let placements: Placement[] | undefined;

/**
 * The pod after a drafting reducer (podCases, nodePodCases): an Immer produce over the pod, with
 * `bumpProbeEpoch` the probe epoch counted up (kubelet/probeWake.ts) in the same draft.
 */
export function reducePod(
  p: PodState,
  reducer: (draft: PodState, ev: E.SimEvent, ctx: FoldContext) => void,
  ev: E.SimEvent,
  ctx: FoldContext,
  bumpProbeEpoch = false,
): PodState {
  return immer.produce(p, (d: PodState) => {
    reducer(d, ev, ctx);
    if (bumpProbeEpoch) d.runtime.probeEpoch += 1;
  });
}

/**
 * The pod after a placing reducer (podPlacingCases): it runs on the pod itself, which it only
 * reads, and no draft is made; the records it replaced are placed by copying their paths, and with
 * `bumpProbeEpoch` the probe epoch is counted up in the same copy of the runtime.
 */
export function placePod(
  p: PodState,
  reducer: (pod: PodState, ev: E.SimEvent, ctx: FoldContext) => void,
  ev: E.SimEvent,
  ctx: FoldContext,
  bumpProbeEpoch = false,
): PodState {
  const own: Placement[] = (placements = []);
  try {
    reducer(p, ev, ctx);
    return own.length > 0 || bumpProbeEpoch ? placed(p, own, bumpProbeEpoch) : p;
  } finally {
    placements = undefined;
  }
}

/** The placements of the reducer running now (placing reducers run only in placePod). */
function pending(): Placement[] {
  if (placements === undefined) throw new Error('a placing pod reducer ran outside placePod');
  return placements;
}

/**
 * `p` with the records replaced: copies of the objects on their paths, everything else shared. A
 * reducer does not place a status list and entries of that list.
 */
function placed(p: PodState, records: readonly Placement[], bumpProbeEpoch: boolean): PodState {
  let runtime = p.runtime;
  let containers = runtime.containers;
  let pod = p.pod;
  const ownRuntime = (): PodRuntime =>
    runtime === p.runtime ? (runtime = { ...runtime }) : runtime;
  const ownPod = (): PodState['pod'] => (pod === p.pod ? (pod = { ...pod }) : pod);
  const ownStatus = (): PodStatusFields => {
    const own = ownPod();
    if (own.status === p.pod.status) own.status = { ...own.status };
    return own.status!;
  };
  for (const r of records) {
    if (r.kind === 'runtime') {
      if (containers === p.runtime.containers) containers = { ...containers };
      containers[r.name] = r.record;
    } else if (r.kind === 'worker') {
      Object.assign(ownRuntime(), r.fields);
    } else if (r.kind === 'podStatus') {
      Object.assign(ownStatus(), r.fields);
    } else if (r.kind === 'spec') {
      const own = ownPod();
      // Not a copy and an assign, as for the other kinds: nodeName is new to the spec, and so
      // built every pod's spec got a map of its own (201 for 200 pods; see withKeys). The keys
      // the other kinds add left 1 map for statuses and 1 for runtimes over 2,000 pods, and
      // withKeys there measured more (up to 7), so they stay as they are.
      own.spec = withKeys(own.spec!, r.fields);
    } else {
      const status = ownStatus();
      const list = status[r.field]!.slice();
      list[r.index] = r.record;
      status[r.field] = list;
    }
  }
  if (containers !== p.runtime.containers) ownRuntime().containers = containers;
  if (bumpProbeEpoch) ownRuntime().probeEpoch += 1;
  return { ...p, runtime, pod };
}

/**
 * Places `f` of a record: of the one this reducer placed already (the placement `isSame` finds),
 * or of `before`, the pod's. The placement replaces any earlier one of the same record, and the
 * new record is returned: the pod still holds the old one, so the reducer reads the returned one.
 */
function placeRecord<R>(
  isSame: (r: Placement) => boolean,
  before: R,
  f: (record: R) => R,
  placement: (record: R) => Placement,
): R {
  const own = pending();
  const i = own.findIndex(isSame);
  const record = f(i < 0 ? before : ((own[i] as { record: unknown }).record as R));
  if (i < 0) own.push(placement(record));
  else own[i] = placement(record);
  return record;
}

/** Replaces a container's runtime record with `f` of its value (placed as placeRecord says). */
function updateContainer(
  p: PodState,
  name: string,
  f: (rt: ContainerRuntime) => ContainerRuntime,
): ContainerRuntime {
  return placeRecord(
    (r) => r.kind === 'runtime' && r.name === name,
    p.runtime.containers[name]!,
    f,
    (record) => ({ kind: 'runtime', name, record }),
  );
}

/** Replaces a container's status entry with `f` of its value (placed as placeRecord says). */
function updateStatus(p: PodState, name: string, f: (s: ContainerStatus) => ContainerStatus): void {
  const field = statusListField(p.runtime.containers[name]!.init);
  const list = p.pod.status![field]!;
  const index = statusIndex(list, name);
  placeRecord(
    (r) => r.kind === 'status' && r.field === field && r.index === index,
    list[index]!,
    f,
    (record) => ({ kind: 'status', field, index, record }),
  );
}

/**
 * Places `fields` in the placement of their `kind`, merged with what this reducer placed there
 * already; a field that has the value it had before the event is left out (a pod with nothing
 * placed is kept as it is).
 */
function placeFields<K extends 'worker' | 'podStatus' | 'spec'>(
  kind: K,
  before: object,
  fields: Extract<Placement, { kind: K }>['fields'],
): void {
  const own = pending();
  const i = own.findIndex((r) => r.kind === kind);
  const combined: Record<string, unknown> =
    i < 0 ? fields : { ...(own[i] as { fields: object }).fields, ...fields };
  const was = before as Record<string, unknown>;
  // Only the changed fields are copied (a `delete` would turn the record into a dictionary).
  const merged: Record<string, unknown> = {};
  let any = false;
  for (const k of Object.keys(combined)) {
    if (combined[k] === was[k]) continue;
    merged[k] = combined[k];
    any = true;
  }
  const record = { kind, fields: merged } as Placement;
  if (i >= 0) own.splice(i, 1, ...(any ? [record] : []));
  else if (any) own.push(record);
}

/** Replaces fields of the pod worker's state (placed as placeFields says). */
const updateWorker = (p: PodState, fields: WorkerFields): void =>
  placeFields('worker', p.runtime, fields);

/**
 * The pull a container's start was blocked on is a step that ends when the container started, or
 * its creation or start failed (startContainer pulls, creates and starts in one call).
 */
function pullStepDone(p: PodState, container: string): void {
  const busy = p.runtime.busy;
  if (busy?.op === 'pull' && busy.container === container) updateWorker(p, { busy: null });
}

/** Replaces fields of the Pod's status (placed as placeFields says). */
const updatePodStatus = (p: PodState, fields: PodStatusFields): void =>
  placeFields('podStatus', p.pod.status!, fields);

/** Replaces fields of the Pod's spec (placed as placeFields says). */
const updatePodSpec = (p: PodState, fields: PodSpecFields): void =>
  placeFields('spec', p.pod.spec!, fields);

/**
 * Sets a pod condition as placed fields: the conditions list this reducer placed already, or the
 * pod's, with the condition's record replaced (setConditionIn).
 */
function placeCondition(p: PodState, w: ConditionWrite, ctx: FoldContext, at: Millis): void {
  const own = pending().find((r) => r.kind === 'podStatus');
  const conds =
    (own?.fields as PodStatusFields | undefined)?.conditions ?? p.pod.status!.conditions ?? [];
  const list = conds.slice();
  if (setConditionIn(list, w, ctx, at)) updatePodStatus(p, { conditions: list });
}

/** `s` waiting with `reason` (and `message`), a termination it showed kept as lastState. */
function waitingStatus(s: ContainerStatus, reason: string, message?: string): ContainerStatus {
  const prev = s.state?.terminated;
  const state = { waiting: message === undefined ? { reason } : { reason, message } };
  // One spread each (a second, conditional spread is built key by key at run time).
  return prev ? { ...s, lastState: { terminated: prev }, state } : { ...s, state };
}

/**
 * `s` for a new instance of the container, started or failed to start: the old one's termination
 * kept as lastState, the new one's restart count and container ID, and `fields`. containerID is
 * new to the entry of a container that never ran: withKeys, not a spread (one map for all pods).
 */
function newInstanceStatus(
  s: ContainerStatus,
  rt: ContainerRuntime,
  fields: Pick<ContainerStatus, 'state'> & Partial<ContainerStatus>,
): ContainerStatus {
  return withKeys(s, {
    ...(s.state?.terminated ? { lastState: { terminated: s.state.terminated } } : {}),
    restartCount: rt.instances - 1,
    containerID: `containerd://${rt.id}`,
    ...fields,
  });
}

function terminatedOf(
  rt: ContainerRuntime,
  reason: string,
  signal: string | undefined,
  ctx: FoldContext,
  at: Millis,
): ContainerState {
  return {
    terminated: {
      exitCode: rt.exitCode ?? 0,
      ...(signal ? { signal: signal === 'SIGKILL' ? 9 : 15 } : {}),
      reason,
      startedAt: rt.startedAt === null ? undefined : rfc(ctx, rt.startedAt),
      finishedAt: rfc(ctx, at),
      containerID: `containerd://${rt.id ?? ''}`,
    } as ContainerState['terminated'],
  };
}

type KeepPredicate = (base: PodState, ev: E.SimEvent) => boolean;

/**
 * Events that, on this pod, would write nothing: the fold leaves the pod as it is without running
 * their reducer. During a crash loop the pod worker's BackOff every 10–15 s is most of a trace's events, and
 * each shows what the status already shows. test/state/podKeeps.test.ts checks each predicate
 * against its reducer on every pod event of the bundled traces.
 */
export const podKeeps = new Map<string, KeepPredicate>([
  forEventType(E.containerBackOff, (p, { payload }) =>
    backOffKeeps(p, { container: payload.container, reason: CRASH_LOOP, key: payload.delayMs }),
  ),
  forEventType(E.imageBackOff, (p, { payload }) =>
    backOffKeeps(p, { container: payload.container, reason: IMAGE_PULL, key: payload.image }),
  ),
  // Every restart of a crash loop finds its image present: only a sync's first step writes, and
  // only a start error the status does not show yet.
  forEventType(
    E.imagePresent,
    (p, ev) => !ev.payload.syncStart || unsyncedStartErrors(p) === undefined,
  ),
]);

export const podCases = new CaseReducers<PodState>('pods')
  .on(E.podRejected, (p, ev) => {
    p.pod.status!.phase = 'Failed';
    p.pod.status!.reason = ev.payload.reason;
    p.pod.status!.message = ev.payload.message;
    p.runtime.terminal = true;
  })
  .on(E.podDeletionRequested, (p, ev, ctx) => {
    const grace = ev.payload.gracePeriodSeconds;
    p.pod.metadata!.deletionTimestamp = rfc(ctx, ev.at + grace * 1000);
    p.pod.metadata!.deletionGracePeriodSeconds = grace;
    p.runtime.deletionAt = ev.at + grace * 1000;
  })
  // Nothing in the Pod changes; the event bumps probeEpoch (kubelet/probeWake.ts) in the fold.
  .on(E.podInputsChanged, () => {});

/**
 * The reducers of a pod's life: binding, sandbox, image pulls, the containers' create, start,
 * exit, back-off and kill, hooks, probe results, termination. Each only reads the pod and places
 * the records and fields it replaces (updateContainer, updateStatus, updateWorker,
 * updatePodStatus, updatePodSpec, placeCondition), so the fold runs it on the pod itself with no
 * Immer draft (placePod): these are nearly every event of a trace. test/state/podPlacing.test.ts
 * folds the bundled traces with every pod frozen deep, so a write in place throws.
 */
export const podPlacingCases = new CaseReducers<PodState>('pod placements')
  .on(E.podScheduled, (p, ev, ctx) => {
    updatePodSpec(p, { nodeName: ev.payload.node });
    updateWorker(p, { node: ev.payload.node });
    placeCondition(p, { type: 'PodScheduled', status: 'True' }, ctx, ev.at);
  })
  .on(E.podUnschedulable, (p, ev, ctx) => {
    placeCondition(
      p,
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: ev.payload.message,
      },
      ctx,
      ev.at,
    );
  })
  .on(E.podTerminated, (p) => {
    updateWorker(p, { terminal: true, sandbox: 'removed', busy: null });
    terminatePodStatus(p);
  })
  .on(E.sandboxCreating, (p, ev, ctx) => {
    updateWorker(p, {
      probeStart: ev.at,
      sandbox: 'creating',
      busy: { op: 'sandbox', until: ev.payload.readyAt },
    });
    const status = p.pod.status!;
    if (status.startTime === undefined) updatePodStatus(p, { startTime: rfc(ctx, ev.at) });
    // Every container is listed from the first sync on, in spec order (each list assigned once).
    for (const init of [true, false]) {
      const field = statusListField(init);
      const names = p.runtime.order.filter((n) => p.runtime.containers[n]!.init === init);
      if (names.length > 0 && status[field] === undefined)
        updatePodStatus(p, { [field]: names.map((n) => newStatus(p, n)) });
    }
  })
  .on(E.sandboxReady, (p, ev) => {
    const { hostIP, ip, ipIndex } = ev.payload;
    updateWorker(p, { sandbox: 'ready', busy: null, ipIndex });
    updatePodStatus(p, {
      hostIP,
      hostIPs: [{ ip: hostIP }],
      podIP: ip,
      podIPs: [{ ip }],
    });
  })
  .on(E.imagePulling, (p, ev) => {
    if (ev.payload.syncStart) syncStarted(p);
    updateWorker(p, {
      busy: {
        op: 'pull',
        container: ev.payload.container,
        startsAt: ev.payload.startsAt,
        until: ev.payload.doneAt,
      },
    });
  })
  .on(E.imagePulled, (p, ev) => {
    // The worker stays busy: the SyncPod that pulled goes on to create and start the container
    // (startContainer), which ends the step (pullStepDone).
    if (p.runtime.containers[ev.payload.container]!.pullBackoff !== null)
      updateContainer(p, ev.payload.container, (rt) => ({ ...rt, pullBackoff: null }));
  })
  .on(E.imagePresent, (p, ev) => {
    if (ev.payload.syncStart) syncStarted(p);
  })
  .on(E.imagePullFailed, (p, ev) => {
    const { container, afterPull, backoff, reason, message } = ev.payload;
    if (!afterPull) syncStarted(p);
    updateWorker(p, { busy: null });
    updateContainer(p, container, (rt) => ({
      ...rt,
      pullBackoff: backoff ?? rt.pullBackoff,
      startError: { reason, message },
    }));
  })
  .on(E.imageBackOff, (p, ev) => {
    syncStarted(p);
    setStartError(p, imagePullError(ev));
  })
  .on(E.containerCreateFailed, (p, ev) => {
    const { container, reason, message } = ev.payload;
    pullStepDone(p, container);
    updateContainer(p, container, (rt) => ({ ...rt, startError: { reason, message } }));
  })
  .on(E.containerCreated, (p, ev) => {
    const name = ev.payload.container;
    const spec = specOf(p, name);
    const created = updateContainer(p, name, (rt) => {
      // A new container starts from the image's filesystem; only what was written into mounted
      // volumes (emptyDir and the like, which live as long as the pod) survives the restart.
      const mounts = spec.volumeMounts ?? [];
      const fsChanges = rt.fsChanges.filter((c) =>
        mounts.some(
          (m) => c.path === m.mountPath || c.path.startsWith(`${m.mountPath.replace(/\/$/, '')}/`),
        ),
      );
      // worker.go: a new container ID resets each probe worker to its initial value
      // (readiness Failure, liveness Success, startup Unknown) and clears on-hold.
      const probes: ContainerRuntime['probes'] = {};
      if (spec.startupProbe)
        probes.startup = { lastResult: 'unknown', run: 0, cached: 'unknown', onHold: false };
      if (spec.readinessProbe)
        probes.readiness = { lastResult: 'unknown', run: 0, cached: 'failure', onHold: false };
      if (spec.livenessProbe)
        probes.liveness = { lastResult: 'unknown', run: 0, cached: 'success', onHold: false };
      return {
        ...rt,
        prevFinishedAt: rt.finishedAt ?? rt.prevFinishedAt,
        instances: rt.instances + 1,
        id: ev.payload.id,
        phase: 'none',
        startedAt: null,
        finishedAt: null,
        exitCode: null,
        killing: null,
        postStartUntil: null,
        program: { pc: 0, since: ev.at },
        backoff: ev.payload.backoff ?? rt.backoff,
        fsChanges: fsChanges.length === rt.fsChanges.length ? rt.fsChanges : fsChanges,
        probes,
      };
    });
    if (!created.init) updateWorker(p, { initialized: true });
  })
  .on(E.containerStarted, (p, ev, ctx) => {
    const name = ev.payload.container;
    // postStart runs right after the start, inside the same sync: the container shows Waiting
    // from this instant (hook/started sets when the hook ends).
    const postStart = Boolean(specOf(p, name).lifecycle?.postStart);
    const rt = updateContainer(p, name, (c) => ({
      ...c,
      phase: 'running',
      startedAt: ev.at,
      program: { pc: 0, since: ev.at },
      startError: null,
      postStartUntil: postStart ? ev.at : c.postStartUntil,
    }));
    pullStepDone(p, name);
    updateStatus(p, name, (s) =>
      newInstanceStatus(s, rt, {
        state: { running: { startedAt: rfc(ctx, ev.at) } },
        imageID: imageIdOf(s.image),
      }),
    );
  })
  .on(E.containerStartFailed, (p, ev, ctx) => {
    // containerd reports a container whose start failed as exited: StartError, exit code 128.
    const { container, message } = ev.payload;
    const rt = updateContainer(p, container, (c) => ({
      ...c,
      phase: 'exited',
      exitCode: 128,
      finishedAt: ev.at,
      startError: { reason: 'RunContainerError', message },
    }));
    pullStepDone(p, container);
    const terminated = terminatedOf(rt, 'StartError', undefined, ctx, ev.at);
    terminated.terminated!.message = message;
    updateStatus(p, container, (s) => newInstanceStatus(s, rt, { state: terminated }));
  })
  .on(E.processResumed, (p, ev) => {
    const program = { pc: ev.payload.pc, since: ev.at };
    updateContainer(p, ev.payload.container, (c) => ({ ...c, program }));
  })
  .on(E.containerExited, (p, ev, ctx) => {
    const name = ev.payload.container;
    const rt = updateContainer(p, name, (c) => ({
      ...c,
      phase: 'exited',
      exitCode: ev.payload.exitCode,
      finishedAt: ev.at,
      postStartUntil: null,
    }));
    const busy = p.runtime.busy;
    if (busy && 'container' in busy && busy.container === name) updateWorker(p, { busy: null });
    updateStatus(p, name, (s) => ({
      ...s,
      state: terminatedOf(rt, ev.payload.reason, ev.payload.signal, ctx, ev.at),
    }));
  })
  .on(E.containerBackOff, (p, ev) => {
    syncStarted(p);
    setStartError(p, crashLoopError(p, ev));
  })
  .on(E.containerKilling, (p, ev) => {
    // A second kill of the instance replaces one a deletion cancelled (§30): what PID 1 was sent
    // stays.
    updateContainer(p, ev.payload.container, (c) => ({
      ...c,
      killing: {
        reason: ev.payload.reason,
        graceMs: ev.payload.graceMs,
        since: ev.at,
        waitFrom: ev.at,
        sigtermAt: null,
        sigtermSentAt: c.killing?.sigtermSentAt ?? null,
      },
    }));
  })
  .on(E.containerSignalled, (p, ev) => {
    const { container, signal } = ev.payload;
    // SIGKILL comes with the exit, which records it; a kill records only its SIGTERM.
    if (signal !== 'SIGTERM' && p.runtime.containers[container]!.killing) return;
    const at = signal === 'SIGTERM' ? ev.at : null;
    updateContainer(p, container, (c) => {
      const k = c.killing ?? {
        reason: 'deletion' as const,
        graceMs: 0,
        since: ev.at,
        waitFrom: ev.at,
        sigtermAt: null,
        sigtermSentAt: null,
      };
      return {
        ...c,
        killing: { ...k, sigtermAt: at ?? k.sigtermAt, sigtermSentAt: at ?? k.sigtermSentAt },
      };
    });
  })
  .on(E.containerSignalSkipped, (p, ev) => {
    updateContainer(p, ev.payload.container, (c) => ({
      ...c,
      killing: c.killing && { ...c.killing, sigtermAt: ev.at },
    }));
  })
  .on(E.hookStarted, (p, ev) => {
    const { container, hook, endsAt } = ev.payload;
    updateWorker(p, { busy: { op: hook, container, until: endsAt } });
    if (hook === 'postStart')
      updateContainer(p, container, (c) => ({ ...c, postStartUntil: endsAt }));
    else setWaitFrom(p, container, null);
  })
  .on(E.hookFinished, (p, ev) => {
    const { container, hook } = ev.payload;
    updateWorker(p, { busy: null });
    if (p.runtime.containers[container]!.postStartUntil !== null)
      updateContainer(p, container, (c) => ({ ...c, postStartUntil: null }));
    if (hook === 'preStop') setWaitFrom(p, container, ev.at);
  })
  .on(E.probeResult, (p, ev) => {
    const { container, probe, result, run, cached, onHold } = ev.payload;
    updateContainer(p, container, (c) => ({
      ...c,
      probes: {
        ...c.probes,
        [probe]: { lastResult: result, run, cached, onHold },
      },
    }));
  })
  .on(E.containerExecuted, (p, ev) => {
    const at = ev.at;
    updateContainer(p, ev.payload.container, (c) => ({
      ...c,
      fsChanges: [...c.fsChanges, ...ev.payload.changes.map((ch) => ({ at, ...ch }))],
    }));
  });

/**
 * status_manager.go TerminatePod, the kubelet's last word on a pod: a container status that is
 * not terminated becomes terminated ContainerStatusUnknown, exit code 137 (app containers once the
 * pod has initialized; init containers up to the last one that left waiting, at least the first),
 * and a phase still Pending or Running becomes Failed. A pod deleted while a container never ran
 * (an image that cannot be pulled, init not finished) ends so instead of as Terminating.
 */
function terminatePodStatus(p: PodState): void {
  const status = p.pod.status!;
  const unknown = (s: ContainerStatus): ContainerStatus => ({
    ...s,
    state: {
      terminated: {
        exitCode: 137,
        reason: 'ContainerStatusUnknown',
        message: 'The container could not be located when the pod was terminated',
      },
    },
  });
  const apps = status.containerStatuses ?? [];
  const inits = status.initContainerStatuses ?? [];
  const stale = [
    ...(hasPodInitialized(p.pod as Pod) ? apps : []),
    ...initializedContainers(inits),
  ].filter((s) => !s.state?.terminated);
  for (const s of stale) updateStatus(p, s.name, unknown);
  // generateAPIPodStatus with podIsTerminal, then TerminatePod's phase rule.
  const phase = podPhase(p.pod as Pod, { podIsTerminal: true });
  if (
    status.phase !== 'Succeeded' &&
    status.phase !== 'Failed' &&
    (phase === 'Pending' || phase === 'Running')
  )
    updatePodStatus(p, { phase: 'Failed' });
}

/**
 * status_manager.go hasPodInitialized: no init containers; or an app container left waiting
 * (running, terminated, or with a last termination); or the last init container exited 0.
 */
function hasPodInitialized(pod: Pod): boolean {
  const inits = pod.spec?.initContainers ?? [];
  if (inits.length === 0) return true;
  const status = pod.status!;
  for (const s of status.containerStatuses ?? [])
    if (s.lastState?.terminated || !s.state?.waiting) return true;
  const last = findContainerStatus(
    status.initContainerStatuses ?? [],
    inits[inits.length - 1]!.name,
  );
  return last?.state?.terminated?.exitCode === 0;
}

/**
 * status_manager.go initializedContainers: the init container statuses up to the last one that
 * is not waiting or has a last termination; the first alone when all wait.
 */
function initializedContainers(list: readonly ContainerStatus[]): readonly ContainerStatus[] {
  for (let i = list.length - 1; i >= 0; i--)
    if (!list[i]!.state?.waiting || list[i]!.lastState?.terminated) return list.slice(0, i + 1);
  return list.slice(0, 1);
}

/** A kill's preStop began (null) or ended (its instant): see ContainerRuntime.killing.waitFrom. */
function setWaitFrom(p: PodState, container: string, waitFrom: Millis | null): void {
  if (!p.runtime.containers[container]!.killing) return;
  updateContainer(p, container, (c) => ({ ...c, killing: { ...c.killing!, waitFrom } }));
}

/** The image's repo digest: podsim derives a stable sha256 from the normalised reference. */
const imageIdOf = memoByText(computeImageId);

function computeImageId(image: string): string {
  const ref = normaliseImage(image);
  const full = ref.ok ? ref.full : image;
  const repo = full.replace(/@.*$/, '').replace(/:[^:/]+$/, '');
  return `${repo}@sha256:${createHash('sha256').update(full).digest('hex')}`;
}

export function setCondition(
  p: PodState,
  type: string,
  status: 'True' | 'False',
  ctx: FoldContext,
  at: Millis,
  reason?: string,
  message?: string,
): void {
  setConditionIn((p.pod.status!.conditions ??= []), { type, status, reason, message }, ctx, at);
}

/** A pod condition to write: its type, status, and reason and message (absent when empty). */
interface ConditionWrite {
  type: string;
  status: 'True' | 'False';
  reason?: string | undefined;
  message?: string | undefined;
}

/**
 * Writes condition `type` into `conds`, unless it says so already (same status, reason and
 * message: writing it again would give the same fields); true when it wrote. A new record replaces
 * the old one (never changed in place: status copies share records); lastTransitionTime moves only
 * when the status flips.
 */
function setConditionIn(
  conds: PodCondition[],
  { type, status, reason, message }: ConditionWrite,
  ctx: FoldContext,
  at: Millis,
): boolean {
  const i = conds.findIndex((c) => c.type === type);
  const existing = i >= 0 ? conds[i] : undefined;
  if (
    existing &&
    existing.status === status &&
    existing.reason === (reason || undefined) &&
    existing.message === (message || undefined) &&
    existing.lastProbeTime === null
  )
    return false;
  const next = {
    type,
    status,
    lastProbeTime: null as unknown as string,
    lastTransitionTime:
      existing && existing.status === status ? existing.lastTransitionTime : rfc(ctx, at),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
  if (i >= 0) conds[i] = next;
  else conds.push(next);
  return true;
}

export function afterPodEvent(
  p: PodState,
  ev: { at: Millis; seq: number; notes?: E.SimEvent['notes'] },
  ctx: FoldContext,
): void {
  if (ev.notes) Object.assign(p, withNotes(p, ev.notes, ev.at, ev.seq));
  refreshPodStatus(p, ev.at, ctx);
}
