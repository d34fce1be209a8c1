/**
 * The pod worker's SyncPod, as a pure decider: from the pod's state, decide the next actions the
 * way kuberuntime_manager.go computePodActions does, then carry them out in order until one
 * blocks (sandbox creation, an image pull, a postStart hook) — the kubelet runs those synchronously.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import * as E from '../events/catalog.js';
import type { BackoffEntry, PodKillReason } from '../events/catalog.js';
import type { Draft } from '../events/createEvent.js';
import { appendDecision } from '../engine/context.js';
import type { Decision, DecideContext, TimerRequest } from '../engine/context.js';
import type { ContainerRuntime, PodState } from '../state/model.js';
import { podObject } from '../state/model.js';
import { isStarted, killedForProbe, probeKillRestartDue } from '../state/podStatus.js';
import { podPhase } from '../views/index.js';
import { collectedAt, isInBackOffSince, nextBackoff } from './backoff.js';
import { kubeletNote } from './notes.js';
import { containerSpec, createAndStart, startAttempt } from './startContainer.js';
import { pullCancelled } from './images.js';
import type { StartResult } from './startContainer.js';
import { stopPod, terminatePod } from './terminate.js';
import { keepsNothing, shouldRestart } from './podActions.js';
import { allocateIp } from './ipam.js';
import { livenessKill } from './prober.js';
import { sameText } from '../model/sameText.js';
import { podRef } from '../model/podSpec.js';

/**
 * The hook the pod worker is in is a preStop of a pod-wide stop (deletion, KillPod): the kubelet
 * runs every container's kill in a goroutine of its own, so one container's preStop does not hold
 * back another's turn (a sidecar whose prerequisites exited gets SIGTERM then). Stopping is
 * idempotent: a sync meanwhile only sends what is due.
 */
function podWideStop(p: PodState): boolean {
  const busy = p.runtime.busy;
  if (busy?.op !== 'preStop') return false;
  const reason = p.runtime.containers[busy.container]?.killing?.reason;
  return reason !== undefined && E.isPodKill(reason);
}

/** The pod worker's retry period after a failed sync (pod_workers.go: backOffPeriod, idealised without jitter). */
export const SYNC_ERROR_RETRY_MS = 10_000;

export interface SyncDecision extends Decision {
  error: boolean;
}

/** Where a sync resumes after a blocking step finished. */
export type Resume =
  | { after: 'pull'; container: string; backoff: BackoffEntry | null }
  | { after: 'postStart'; container: string };

export function syncPod(ctx: DecideContext, key: string, resume?: Resume): SyncDecision {
  const p = ctx.state.pods.get(key);
  const none: SyncDecision = { events: [], timers: [], error: false };
  if (!p || !p.runtime.node || p.runtime.terminal) return none;
  const busy = p.runtime.busy;
  const blocked = !resume && busy !== null && busy.until > ctx.now && !podWideStop(p);
  if (!p.pod.metadata!.deletionTimestamp) {
    // The sync is in a blocking step (sandbox, pull, postStart hook, a kill's preStop).
    if (blocked) return none;
  } else {
    // A deletion cancels the sync under way (§30): an image pull fails now, a postStart hook or a
    // probe or postStart kill ends now (terminatePod). Only sandbox creation is waited for.
    if (blocked && busy.op === 'sandbox') return none;
    // Built field by field: a spread adding `error` would give each decision a map of its own
    // (see model/withKeys.ts).
    const { events, timers } = terminatePod(ctx, p);
    if (!blocked || busy.op !== 'pull') return { events, timers, error: false };
    const image = containerSpec(p.pod as Pod, busy.container).image!;
    return { events: [pullCancelled(ctx, p, busy, image), ...events], timers, error: false };
  }
  const obj = podObject(p.key);
  if (p.runtime.sandbox === 'none') {
    const readyAt = ctx.now + ctx.inputs.scenario.kubelet.sandboxMs;
    return {
      events: [E.sandboxCreating(obj, { readyAt })],
      timers: [{ at: readyAt, data: { kind: 'sandboxReady', pod: key }, cause: { draft: 0 } }],
      error: false,
    };
  }
  if (p.runtime.sandbox !== 'ready') return none;

  const out: SyncDecision = { events: [], timers: [], error: false };
  const absorb = (r: StartResult): boolean => {
    appendDecision(out, r);
    out.error ||= r.error;
    return r.blocked;
  };
  // Something this sync leaves alone (it came while the sync was blocked, or ends the SyncPod
  // that owed it a restart) is taken up by the next sync, which its PLEG event runs at this
  // instant once this one ends (the engine does not take it for a repeat of this one).
  const syncAgain = (cause?: 'running'): void => {
    out.timers.push({ at: ctx.now, data: { kind: 'sync', pod: key }, cause });
  };

  // A container whose start was interrupted by a blocking step finishes it first.
  if (resume?.after === 'pull') {
    if (absorb(createAndStart(ctx, p, resume.container, resume.backoff))) return out;
  }
  const skip = resume?.container;

  const kill = livenessKill(ctx, p);
  if (kill) {
    appendDecision(out, kill);
    return out;
  }

  const pod = p.pod as Pod;
  const policy = pod.spec!.restartPolicy ?? 'Always';
  // The pod is killed, its sidecars included, and nothing restarted: by
  // computeInitContainerActions when a regular init container failed under Never, by
  // computePodActions once no regular container runs or will be started again ("To prevent the
  // restartable init containers to keep pod alive").
  const podKill: PodKillReason | undefined =
    !p.runtime.initialized && policy === 'Never' && initFailed(pod, p)
      ? 'initFailed'
      : p.runtime.initialized && keepsNothing(pod, p, policy)
        ? 'sidecarsDone'
        : undefined;
  if (podKill) {
    // A resumed sync carries out the plan it made before it blocked: the exit that leaves the pod
    // nothing to run came meanwhile, and the next sync kills the pod, seeing the container this
    // one just started.
    if (!resume) return killPod(ctx, p, out, podKill);
    syncAgain();
    return out;
  }
  let deferredSidecar = false;
  // computeInitContainerActions walks the init containers from the last one the runtime knows
  // (the frontier; past all of them once the pod has initialized): those before it ran already,
  // so a regular one is left alone and a sidecar that exited is restarted, whatever the pod's
  // restartPolicy; a restart that fails (its back-off) is skipped, not the end of the sync
  // (SyncPod step 6: "Failed to start the restartable init container …, skipping").
  const initStep = (): 'initialized' | 'waiting' | 'blocked' => {
    const inits = pod.spec!.initContainers ?? [];
    const frontier = p.runtime.initialized
      ? inits.length
      : inits.findLastIndex((c) => p.runtime.containers[c.name]!.instances > 0);
    for (const [i, c] of inits.entries()) {
      const rt = p.runtime.containers[c.name]!;
      if (i < frontier) {
        if (!rt.sidecar || rt.phase !== 'exited' || c.name === skip) continue;
        // A resumed sync keeps the plan it started with: the restart waits for the next sync.
        if (resume) deferredSidecar = true;
        else if (absorb(startOrBackOff(ctx, p, rt, out.events.length === 0))) return 'blocked';
        continue;
      }
      // A sidecar without a startup probe counts as started once running, so the next init
      // container may start in the same sync; anything else blocks until it exits or starts.
      const startsAtOnce = rt.sidecar && !c.startupProbe;
      if (c.name === skip) {
        if (startsAtOnce) continue;
        return 'waiting';
      }
      if (!rt.sidecar) {
        if (rt.phase === 'exited' && rt.exitCode === 0) continue;
        if (rt.phase === 'running') return 'waiting';
      } else if (rt.phase === 'running') {
        if (isStarted(rt)) continue;
        return 'waiting';
      }
      if (absorb(startOrBackOff(ctx, p, rt, !resume && out.events.length === 0))) return 'blocked';
      if (!startsAtOnce || out.error) return 'waiting';
    }
    return 'initialized';
  };
  const init = initStep();
  if (init === 'blocked') return out;
  if (init === 'waiting') {
    if (deferredSidecar) syncAgain();
    return out;
  }
  let deferred = false;
  for (const c of pod.spec!.containers) {
    const rt = p.runtime.containers[c.name]!;
    if (c.name === skip) continue;
    if (rt.phase === 'running') continue;
    if (rt.phase === 'exited' && !shouldRestart(policy, rt)) continue;
    if (rt.phase === 'none' && rt.instances > 0) continue; // created, about to start
    // computePodActions fixed this sync's starts when it began: a container that exited while the
    // sync was blocked is restarted by the next sync.
    if (resume && rt.phase === 'exited') {
      deferred = true;
      continue;
    }
    const start = startOrBackOff(ctx, p, rt, !resume && out.events.length === 0);
    // A probe kill's restart refused (back-off, pull or create error) ends the SyncPod that
    // killed the container, and the PLEG event of the exit, which waited for it, runs the next
    // sync: under OnFailure after exit 0 it finds the pod done, otherwise it is refused again (a
    // second BackOff). That sync is the exit's, as is the one running now.
    if (start.error && probeKillRestartDue(rt)) syncAgain('running');
    if (absorb(start)) return out;
  }
  if (deferred || deferredSidecar) syncAgain();
  return out.events.length === 0 ? finishIfTerminal(ctx, p, out) : out;
}

/** A regular init container exited with a non-zero code. */
function initFailed(pod: Pod, p: PodState): boolean {
  return (pod.spec!.initContainers ?? []).some((c) => {
    const rt = p.runtime.containers[c.name]!;
    return !rt.sidecar && rt.phase === 'exited' && rt.exitCode !== 0;
  });
}

/**
 * KillPod: what still runs (sidecars, after a regular init container failed or the regular
 * containers finished) is stopped; once nothing runs, the pod is terminal.
 */
function killPod(
  ctx: DecideContext,
  p: PodState,
  out: SyncDecision,
  reason: PodKillReason,
): SyncDecision {
  appendDecision(out, stopPod(ctx, p, reason));
  return out.events.length === 0 ? finishIfTerminal(ctx, p, out) : out;
}

/**
 * kuberuntime_manager.go doBackOff, evaluated just before a (re)start: in back-off → CrashLoopBackOff
 * and the sync fails; otherwise the record advances (Next) and the start goes ahead.
 */
function startOrBackOff(
  ctx: DecideContext,
  p: PodState,
  rt: ContainerRuntime,
  fresh: boolean,
): StartResult {
  let syncStart = fresh;
  if (rt.phase === 'exited' && rt.finishedAt !== null) {
    // A liveness/startup kill restarts in the same SyncPod, whose pod status snapshot predates the
    // kill: the "most recent exited instance" doBackOff sees is the one before (semantics §2.3).
    const probeKill = killedForProbe(rt) && rt.finishedAt === ctx.now;
    // ... and that SyncPod wrote no status since the kill began.
    if (probeKill) syncStart = false;
    const eventTime = probeKill ? rt.prevFinishedAt : rt.finishedAt;
    if (eventTime === null) return startAttempt(ctx, p, rt.name, null, syncStart);
    if (isInBackOffSince(rt.backoff, eventTime, ctx.now)) {
      const pod = p.pod;
      const retryAt = Math.min(rt.finishedAt + rt.backoff!.periodMs, collectedAt(rt.backoff!));
      const md = pod.metadata!;
      const message = sameText(
        md,
        `BackOff\u0000${rt.name}`,
        () => `Back-off restarting failed container ${rt.name} in pod ${podRef(md)}`,
      );
      const draft: Draft = E.containerBackOff(
        podObject(p.key),
        { container: rt.name, delayMs: rt.backoff!.periodMs, retryAt },
        [kubeletNote('Warning', 'BackOff', message)],
      );
      const timers: TimerRequest[] = [{ at: retryAt, data: { kind: 'sync', pod: p.key } }];
      return { events: [draft], timers, blocked: false, error: true };
    }
    return startAttempt(ctx, p, rt.name, nextBackoff(rt.backoff, eventTime, ctx.now), syncStart);
  }
  return startAttempt(ctx, p, rt.name, null, syncStart);
}

/**
 * When every container is done for good, the pod is terminal (kubelet.go syncPod → the pod worker
 * moves to terminating): remaining sidecars are stopped and the sandbox removed.
 */
function finishIfTerminal(ctx: DecideContext, p: PodState, out: SyncDecision): SyncDecision {
  const phase = podPhase(p.pod as Pod);
  if (
    (phase === 'Succeeded' || phase === 'Failed') &&
    !Object.values(p.runtime.containers).some((c) => c.phase === 'running')
  ) {
    out.events.push(E.podTerminated(podObject(p.key), {}));
  }
  return out;
}

/** The sandbox is up: hand out the pod IP from the node's CIDR (host-local IPAM). */
export function sandboxReadyDecision(ctx: DecideContext, key: string): Decision {
  const p = ctx.state.pods.get(key);
  if (!p || p.runtime.sandbox !== 'creating' || !p.runtime.node) return { events: [], timers: [] };
  const node = ctx.state.nodes.get(p.runtime.node)!;
  const { ip, index, hostIP } = allocateIp(node);
  return {
    events: [E.sandboxReady(podObject(key), { ip, hostIP, ipIndex: index })],
    timers: [{ at: ctx.now, data: { kind: 'sync', pod: key }, cause: { draft: 0 } }],
  };
}
