/**
 * Regenerates the derived parts of a pod's status after every pod event, as the kubelet's
 * generateAPIPodStatus does: each container's ready/started flags from the probe workers' cached
 * results, the phase (getPhase), and the kubelet-owned conditions with lastTransitionTime kept
 * while a condition's status does not change (pkg/kubelet/status/generate.go).
 */
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import type { Millis } from '../model/time.js';
import { formatRfc3339 } from '../model/time.js';
import type { FoldContext } from './caseReducers.js';
import type { ContainerRuntime, PodState } from './model.js';
import {
  podPhase,
  initializedCondition,
  containersReadyCondition,
  readyCondition,
} from '../views/index.js';
import type { PodConditionSummary, PodPhase } from '../views/index.js';
import { setCondition } from './podReducer.js';

/** Waiting reason of a container that has not started yet (kubelet_pods.go convertToAPIContainerStatuses). */
export function waitingReasonBeforeStart(pod: Pod): string {
  return (pod.spec?.initContainers?.length ?? 0) > 0 ? 'PodInitializing' : 'ContainerCreating';
}

/** The container's current (or last) kill was for a failed liveness or startup probe. */
export function killedForProbe(rt: ContainerRuntime): boolean {
  return rt.killing?.reason === 'liveness' || rt.killing?.reason === 'startup';
}

/**
 * A container killed for a failed liveness or startup probe has just exited and its pod restarts
 * it (restartPolicy not Never): computePodActions put it in ContainersToKill and ContainersToStart
 * of the same SyncPod, which starts it again once killContainer returns, before any status is
 * generated. So its exit never makes the phase terminal, even under OnFailure after exit 0 (where
 * getPhase would say Succeeded). A failed start attempt (startError) ends that SyncPod.
 */
function restartsInSameSync(p: PodState): boolean {
  if (p.runtime.terminal || (p.pod.spec?.restartPolicy ?? 'Always') === 'Never') return false;
  for (const n of p.runtime.order) if (probeRestartDue(p.runtime.containers[n]!)) return true;
  return false;
}

/**
 * The pod worker is blocked in a step of a container's start: an image pull and the creation
 * that follows it, or a postStart hook. kubelet.go SyncPod generates the pod's status before
 * computePodActions and not again until it returns, so what the containers did meanwhile shows
 * at the next sync; podsim writes container states at once, but holds back a terminal phase,
 * which is sticky (a sidecar whose restart this sync pulls for runs again before the phase is
 * written, and keeps the pod Running until the kubelet stops it).
 */
function inStartStep(p: PodState): boolean {
  const op = p.runtime.busy?.op;
  return !p.runtime.terminal && (op === 'pull' || op === 'postStart');
}

/**
 * A regular container that exited after a probe kill, or is being created again, and has not
 * been refused a start: the SyncPod that restarts it has not ended.
 */
const probeRestartDue = (rt: ContainerRuntime): boolean =>
  !rt.init && (rt.phase === 'none' ? rt.startError === null : probeKillRestartDue(rt));

/**
 * The container exited after a liveness or startup kill and the SyncPod that killed it has not
 * been refused its restart (computePodActions put it in ContainersToStart; a start error ends
 * that SyncPod).
 */
export function probeKillRestartDue(rt: ContainerRuntime): boolean {
  return rt.phase === 'exited' && killedForProbe(rt) && rt.startError === null;
}

/** started: the startup probe succeeded, or there is none (prober_manager.go UpdatePodStatus). */
export function isStarted(rt: ContainerRuntime): boolean {
  if (rt.phase !== 'running') return false;
  const s = rt.probes.startup;
  return s === undefined || s.cached === 'success';
}

/** ready: started and the readiness probe's cached result is success, or there is no readiness probe. */
export function isReady(rt: ContainerRuntime): boolean {
  if (rt.init && !rt.sidecar) return rt.phase === 'exited' && rt.exitCode === 0;
  if (!isStarted(rt) || rt.postStartUntil !== null) return false;
  const r = rt.probes.readiness;
  return r === undefined || r.cached === 'success';
}

/** The status list an init (or regular) container's entry is in. */
export const statusListField = (init: boolean): StatusListField =>
  init ? 'initContainerStatuses' : 'containerStatuses';

/** The kubelet-owned conditions in the order generateAPIPodStatus appends them. */
const CONDITION_ORDER = [
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
];

/** The conditions are in the order generateAPIPodStatus writes them (sorting would be a no-op). */
const inConditionOrder = (conditions: readonly { type: string }[]): boolean =>
  conditions.every(
    (c, i) =>
      i === 0 || CONDITION_ORDER.indexOf(conditions[i - 1]!.type) < CONDITION_ORDER.indexOf(c.type),
  );

/** Init containers' list first, as generateAPIPodStatus builds them. */
const BOTH_LISTS = [true, false] as const;

export type StatusListField = 'initContainerStatuses' | 'containerStatuses';

interface StatusUpdate {
  /** The container status lists that change, rebuilt (entries that stay are shared). */
  lists: Partial<Record<StatusListField, ContainerStatus[]>>;
  phase?: PodPhase;
  conditions?: PodConditionSummary[];
}

/**
 * What the status must become after an event, computed by reading the plain (non-draft) pod:
 * reading an Immer draft creates proxies for everything touched, which made status regeneration
 * the fold's dominant cost. Returns undefined when nothing changes (the common case).
 */
export function statusUpdate(p: PodState, ctx: FoldContext): StatusUpdate | undefined {
  const status = p.pod.status!;
  const lists: StatusUpdate['lists'] = {};
  let changed = false;
  for (const init of BOTH_LISTS) {
    const list = status[statusListField(init)] ?? [];
    let copy: ContainerStatus[] | undefined;
    list.forEach((s, index) => {
      const rt = p.runtime.containers[s.name]!;
      let state: ContainerStatus['state'] | undefined;
      if (rt.phase === 'running') {
        // postStart runs inside the sync: the container shows as waiting until the hook returns (§4.1).
        if (rt.postStartUntil !== null) {
          const reason = waitingReasonBeforeStart(p.pod as Pod);
          const w = s.state?.waiting;
          if (!w || w.reason !== reason || w.message !== undefined || s.state?.running) {
            state = { waiting: { reason } };
          }
        } else {
          const startedAt = formatRfc3339(ctx.epochMs + rt.startedAt!);
          if (s.state?.running?.startedAt !== startedAt || s.state.waiting || s.state.terminated) {
            state = { running: { startedAt } };
          }
        }
      }
      const started = rt.init && !rt.sidecar ? false : isStarted(rt) && rt.postStartUntil === null;
      const ready = isReady(rt);
      if (state || s.started !== started || s.ready !== ready) {
        copy ??= list.slice();
        copy[index] = state ? { ...s, state, started, ready } : { ...s, started, ready };
      }
    });
    if (copy) {
      lists[statusListField(init)] = copy;
      changed = true;
    }
  }
  // The pod the phase and conditions are generated from: with the rebuilt lists, when any.
  const view: Pod = changed ? { ...p.pod, status: { ...status, ...lists } } : (p.pod as Pod);
  const out: StatusUpdate = { lists };
  const phase = podPhase(view, { podIsTerminal: p.runtime.terminal });
  // generateAPIPodStatus: a terminal phase is sticky.
  if (
    status.phase !== 'Succeeded' &&
    status.phase !== 'Failed' &&
    status.phase !== phase &&
    !((phase === 'Succeeded' || phase === 'Failed') && (restartsInSameSync(p) || inStartStep(p)))
  )
    out.phase = phase;
  if (p.runtime.sandbox !== 'none') {
    // The conditions are generated for the phase this update writes, as the kubelet does.
    const written = out.phase ?? (status.phase as PodPhase | undefined) ?? phase;
    const containersReady = containersReadyCondition(view, written);
    const wanted: PodConditionSummary[] = [
      {
        type: 'PodReadyToStartContainers',
        status: p.runtime.sandbox === 'ready' ? 'True' : 'False',
      },
      initializedCondition(view, written),
      readyCondition(view, written, undefined, containersReady),
      containersReady,
    ];
    const existing = status.conditions ?? [];
    const same =
      wanted.every((w) => {
        const e = existing.find((c) => c.type === w.type);
        return e && e.status === w.status && e.reason === w.reason && e.message === w.message;
      }) && inConditionOrder(existing);
    if (!same) out.conditions = wanted;
  }
  return changed || out.phase !== undefined || out.conditions ? out : undefined;
}

/**
 * `b` has every input statusUpdate reads from `a`: the pod object, `terminal`, `sandbox`, whether
 * the worker is in a start step (inStartStep), and of each container record what isStarted,
 * isReady, the running state and restartsInSameSync read for its phase (the views it calls read
 * only the pod). When they are the same values, the status derived after `a` still holds after
 * `b`: a kill, a signal, a probe result that leaves the cached result as it was, or the creation
 * of a container that is not running yet changes none of them. Keep this in step with
 * statusUpdate; test/state/podKeeps.test.ts checks it on every pod event of the bundled traces.
 */
export function statusInputsKept(a: PodState, b: PodState): boolean {
  if (a.pod !== b.pod || a.runtime.terminal !== b.runtime.terminal) return false;
  if (a.runtime.sandbox !== b.runtime.sandbox) return false;
  if (inStartStep(a) !== inStartStep(b)) return false;
  const ca = a.runtime.containers;
  const cb = b.runtime.containers;
  if (ca === cb) return true;
  for (const name of a.runtime.order) {
    if (!containerInputsKept(ca[name]!, cb[name]!)) return false;
  }
  return true;
}

function containerInputsKept(a: ContainerRuntime, b: ContainerRuntime): boolean {
  if (a === b) return true;
  if (a.init !== b.init || a.sidecar !== b.sidecar) return false;
  const running = a.phase === 'running';
  if (running !== (b.phase === 'running')) return false;
  // A running container's state, started and ready flags read these.
  if (running)
    return (
      a.startedAt === b.startedAt &&
      a.postStartUntil === b.postStartUntil &&
      a.probes.startup?.cached === b.probes.startup?.cached &&
      a.probes.readiness?.cached === b.probes.readiness?.cached
    );
  // One that is not running is neither started nor ready, except a regular init container, which
  // is ready once it exited 0 (isReady). A container created but not started yet (phase none) and
  // one that exited show the same: its status entry, which the reducers wrote.
  // A regular container's exit after a probe kill holds the phase back until it is restarted or
  // refused (restartsInSameSync).
  if (!a.init) return probeRestartDue(a) === probeRestartDue(b);
  return a.sidecar || initSucceeded(a) === initSucceeded(b);
}

const initSucceeded = (rt: ContainerRuntime): boolean => rt.phase === 'exited' && rt.exitCode === 0;

/**
 * Writes a status update into a status that is the writer's own (a copy, or a pod being created):
 * lastTransitionTime is kept where a condition did not flip.
 */
function applyStatusUpdate(d: PodState, u: StatusUpdate, at: Millis, ctx: FoldContext): void {
  const status = d.pod.status!;
  Object.assign(status, u.lists);
  if (u.phase !== undefined) status.phase = u.phase;
  if (u.conditions) {
    for (const c of u.conditions)
      setCondition(d, c.type, c.status as 'True' | 'False', ctx, at, c.reason, c.message);
    if (!inConditionOrder(status.conditions!))
      status.conditions!.sort(
        (a, b) => CONDITION_ORDER.indexOf(a.type) - CONDITION_ORDER.indexOf(b.type),
      );
  }
}

/**
 * The pod with a status update applied, as a new value that shares everything the update does not
 * touch (the same result as applying it in an Immer draft, without the draft's proxies).
 */
export function withStatusUpdate(
  p: PodState,
  u: StatusUpdate,
  at: Millis,
  ctx: FoldContext,
): PodState {
  const status = { ...p.pod.status! };
  // setCondition replaces records, never changes them: a copy of the list is enough.
  if (u.conditions && status.conditions) status.conditions = status.conditions.slice();
  const next: PodState = { ...p, pod: { ...p.pod, status } };
  applyStatusUpdate(next, u, at, ctx);
  return next;
}

/** Regenerates the status of a plain (non-draft) pod in place: used when a pod is created. */
export function refreshPodStatus(p: PodState, at: Millis, ctx: FoldContext): void {
  const u = statusUpdate(p, ctx);
  if (u) applyStatusUpdate(p, u, at, ctx);
}
