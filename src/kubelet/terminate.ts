/**
 * Stopping containers, mirroring kuberuntime_container.go killContainer and the pod worker's
 * termination: Killing → preStop (bounded by the grace period) → SIGTERM to PID 1 → SIGKILL when
 * the remaining grace (at least 2 s) runs out. Pod deletion stops every container in parallel,
 * except that sidecars wait for the regular containers (1.29+ sidecar termination order).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import * as E from '../events/catalog.js';
import type { KillReason, PodKillReason } from '../events/catalog.js';
import { withCause } from '../events/createEvent.js';
import type { Draft } from '../events/createEvent.js';
import { appendDecision } from '../engine/context.js';
import type { Decision, DecideContext, TimerRequest } from '../engine/context.js';
import type { PodState } from '../state/model.js';
import { podObject } from '../state/model.js';
import { kubeletNote } from './notes.js';
import { containerSpec } from './startContainer.js';
import { hookDone, hookFailedNote, hookOutcome } from './hooks.js';

/** killContainer: grace is never below 2 s once preStop has had its share. */
export const MIN_GRACE_MS = 2_000;

/** Where a kill's grace period came from (setTerminationGracePeriod's cases, in its order). */
export type GraceSource = 'deletion' | 'probe' | 'pod' | 'minimum';

/**
 * The grace period a kill gets, as kuberuntime_container.go setTerminationGracePeriod chooses it:
 * a deletion's grace period (metadata.deletionGracePeriodSeconds) wins; otherwise a failed liveness
 * or startup probe's own terminationGracePeriodSeconds, when set, then the pod's; with neither set,
 * minimumGracePeriodInSeconds (2; unreachable for a defaulted pod, which has 30).
 */
export function killGrace(
  pod: Pod,
  container: Container | undefined,
  reason: KillReason,
): { seconds: number; source: GraceSource } {
  const deletion = pod.metadata?.deletionGracePeriodSeconds;
  if (deletion !== undefined && deletion !== null) return { seconds: deletion, source: 'deletion' };
  const podGrace = pod.spec?.terminationGracePeriodSeconds;
  if (podGrace === undefined || podGrace === null)
    return { seconds: MIN_GRACE_MS / 1000, source: 'minimum' };
  const probe =
    reason === 'liveness'
      ? container?.livenessProbe
      : reason === 'startup'
        ? container?.startupProbe
        : undefined;
  const own = probe?.terminationGracePeriodSeconds;
  return own !== undefined
    ? { seconds: own, source: 'probe' }
    : { seconds: podGrace, source: 'pod' };
}

export const killGraceSeconds = (
  pod: Pod,
  container: Container | undefined,
  reason: KillReason,
): number => killGrace(pod, container, reason).seconds;

/**
 * computePodActions' kill messages: "…, will be restarted" only for a regular container whose pod
 * may restart it (restartPolicy not Never); sidecars' messages never say it (semantics §1.5).
 */
function killMessage(name: string, reason: KillReason, sidecar: boolean, policy: string): string {
  const who = sidecar ? `Init container ${name}` : `Container ${name}`;
  const restart = !sidecar && policy !== 'Never' ? ', will be restarted' : '';
  switch (reason) {
    case 'liveness':
      return `${who} failed liveness probe${restart}`;
    case 'startup':
      return `${who} failed startup probe${restart}`;
    case 'postStartHook':
      return 'FailedPostStartHook';
    default:
      return `Stopping container ${name}`;
  }
}

/** killContainer's Killing event (recordContainerEvent before anything else it does). */
function killing(p: PodState, name: string, reason: KillReason, graceMs: number): Draft {
  const rt = p.runtime.containers[name]!;
  const policy = (p.pod as Pod).spec!.restartPolicy ?? 'Always';
  return E.containerKilling(podObject(p.key), { container: name, reason, graceMs }, [
    kubeletNote('Normal', 'Killing', killMessage(name, reason, rt.sidecar, policy)),
  ]);
}

/** Starts stopping one running container with `graceSeconds`. */
export function killContainer(
  ctx: DecideContext,
  p: PodState,
  name: string,
  reason: KillReason,
  graceSeconds: number,
): Decision {
  const obj = podObject(p.key);
  const rt = p.runtime.containers[name]!;
  const graceMs = graceSeconds * 1000;
  const events: Draft[] = [killing(p, name, reason, graceMs)];
  const spec = containerSpec(p.pod as Pod, name);
  const instance = rt.instances;
  if (spec.lifecycle?.preStop && graceMs > 0) {
    const behaviour = ctx.inputs.behaviourOf(p.pod as Pod, name);
    const hb = hookOutcome(
      'preStop',
      spec.lifecycle.preStop,
      p.pod as Pod,
      spec,
      rt,
      behaviour,
      ctx.now,
    );
    const timedOut = hb.durationMs > graceMs;
    const endsAt = ctx.now + Math.min(hb.durationMs, graceMs);
    events.push(E.hookStarted(obj, { container: name, hook: 'preStop', endsAt }));
    return {
      events,
      timers: [hookDone(p.key, name, instance, 'preStop', endsAt, hb.fails, timedOut, reason)],
    };
  }
  const sig = sigtermOrWait(ctx, p, name, { reason, since: ctx.now, graceMs }, ctx.now);
  // SIGTERM follows the Killing it belongs to; its timers (SIGKILL deadline, exit) follow SIGTERM.
  const term = sig.events.map((d) => withCause(d, 'previous'));
  return { events: [...events, ...term], timers: sig.timers };
}

/** What killContainer's later steps read of a kill under way. */
type KillStart = { reason: KillReason; since: number; graceMs: number };

/**
 * killContainer once preStop has returned (`waitFrom`; the Killing itself without a preStop):
 * SIGTERM with the grace left (stopGraceMs), or undefined while a sidecar stopped with its pod
 * waits for its turn. That is killContainersWithSyncResult's termination ordering
 * (newTerminationOrdering): a sidecar's SIGTERM waits until every app container and every sidecar
 * declared after it has exited, at most the grace left after preStop.
 */
function sigtermWhenDue(
  ctx: DecideContext,
  p: PodState,
  name: string,
  kill: KillStart,
  waitFrom: number,
): Decision | undefined {
  const left = graceAfterPreStop(kill, waitFrom);
  const waits =
    p.runtime.containers[name]!.sidecar &&
    E.isPodKill(kill.reason) &&
    left > 0 &&
    ctx.now < waitFrom + left &&
    !turnCame(p, name);
  return waits
    ? undefined
    : stopContainer(ctx, p, name, kill, stopGraceMs(kill, waitFrom, ctx.now));
}

/** sigtermWhenDue when the wait would begin: SIGTERM, or a sync at the wait's bound. */
function sigtermOrWait(
  ctx: DecideContext,
  p: PodState,
  name: string,
  kill: KillStart,
  waitFrom: number,
): Decision {
  return (
    sigtermWhenDue(ctx, p, name, kill, waitFrom) ?? {
      events: [],
      timers: [
        { at: waitFrom + graceAfterPreStop(kill, waitFrom), data: { kind: 'sync', pod: p.key } },
      ],
    }
  );
}

/** Every regular container, and every sidecar declared after `name`, is not running. */
function turnCame(p: PodState, name: string): boolean {
  const pod = p.pod as Pod;
  const running = (n: string): boolean => p.runtime.containers[n]?.phase === 'running';
  if ((pod.spec!.containers ?? []).some((c) => running(c.name))) return false;
  const inits = pod.spec!.initContainers ?? [];
  const at = inits.findIndex((c) => c.name === name);
  return !inits.slice(at + 1).some((c) => c.restartPolicy === 'Always' && running(c.name));
}

const wholeSeconds = (ms: number): number => Math.trunc(ms / 1000) * 1000;

/** killContainer: the kill's grace minus the whole seconds its preStop took (may be ≤ 0). */
function graceAfterPreStop(kill: { since: number; graceMs: number }, waitFrom: number): number {
  return kill.graceMs - wholeSeconds(waitFrom - kill.since);
}

/**
 * The grace StopContainer gets (killContainer): the kill's grace, minus the whole seconds preStop
 * took, minus the whole seconds waitForTurn waited when there was grace left to wait in; never
 * below 2 s. `waitFrom` is when preStop ended (the Killing without one); SIGTERM goes at `now`.
 */
export function stopGraceMs(
  kill: { since: number; graceMs: number },
  waitFrom: number,
  now: number,
): number {
  let grace = graceAfterPreStop(kill, waitFrom);
  if (grace > 0) grace -= wholeSeconds(now - waitFrom);
  return Math.max(grace, MIN_GRACE_MS);
}

/**
 * StopContainer with `graceMs`: SIGTERM now, and the process reacts per its behaviour; SIGKILL is
 * due after `graceMs`, unless a deletion cancels this kill first. containerd sends a container's
 * stop signal once: when a cancelled kill of this instance sent it already (§30), it skips the
 * signal ("a prior stop with timeout>0 request already sent the signal") and only waits.
 */
function stopContainer(
  ctx: DecideContext,
  p: PodState,
  name: string,
  kill: KillStart,
  graceMs: number,
): Decision {
  const obj = podObject(p.key);
  const rt = p.runtime.containers[name]!;
  const instance = rt.instances;
  const reaction = ctx.inputs.behaviourOf(p.pod as Pod, name).onSigterm;
  const timers: TimerRequest[] = [
    {
      at: ctx.now + graceMs,
      data: { kind: 'sigkill', pod: p.key, container: name, instance, kill: kill.reason },
    },
  ];
  const sentAt = rt.killing?.sigtermSentAt ?? null;
  // The process exits `afterMs` after the SIGTERM it got, if that comes before SIGKILL. After a
  // skipped signal it is still handling the first one; its exit was timed then only if it came
  // before that kill's SIGKILL, so timing it again may repeat a timer (the repeat finds the
  // instance gone).
  const from = sentAt ?? ctx.now;
  if (reaction.action === 'exit' && from + reaction.afterMs < ctx.now + graceMs) {
    const at = from + reaction.afterMs;
    if (at >= ctx.now)
      timers.push({
        at,
        data: { kind: 'termExit', pod: p.key, container: name, instance, code: reaction.code },
      });
  }
  const events =
    sentAt === null
      ? [E.containerSignalled(obj, { container: name, signal: 'SIGTERM' })]
      : [E.containerSignalSkipped(obj, { container: name, signal: 'SIGTERM' })];
  return { events, timers };
}

/**
 * The remaining grace after preStop: killContainer subtracts the whole seconds the hook took, then
 * applies the 2 s minimum — so a preStop that overruns yields grace + 2 s before SIGKILL. A sidecar
 * stopped with its pod then waits for its turn, if grace is left.
 */
export function afterPreStop(ctx: DecideContext, p: PodState, name: string): Decision {
  const rt = p.runtime.containers[name]!;
  if (rt.phase !== 'running' || !rt.killing) return { events: [], timers: [] };
  return sigtermOrWait(ctx, p, name, rt.killing, ctx.now);
}

/**
 * The pod is being deleted: stop what runs; when nothing runs, the pod is terminated and removed.
 * The deletion first cancels what the sync under way was blocked in (deletionCancels).
 */
export function terminatePod(ctx: DecideContext, p: PodState): Decision {
  const cancelled = deletionCancels(ctx, p);
  const { events, timers } = stopPod(ctx, p, 'deletion');
  const running = p.runtime.order.some((n) => p.runtime.containers[n]!.phase === 'running');
  if (!running && !p.runtime.terminal) {
    const obj = podObject(p.key);
    events.push(E.podTerminated(obj, {}), E.podDeleted(obj, {}));
  }
  return { events: [...cancelled, ...events], timers };
}

/**
 * A deletion cancels the SyncPod under way (pod_workers.go UpdatePod → cancelFn, §30), and with
 * it what that sync is blocked in:
 * - a postStart hook fails at once (FailedPostStartHook), and the container is killed with the
 *   cancelled context: its Killing, its preStop failing at once, no SIGTERM (StopContainer fails);
 * - the preStop hook of a probe or postStart kill fails at once (FailedPreStopHook), and that kill
 *   sends no SIGTERM;
 * - a probe or postStart kill that sent SIGTERM stops waiting: its SIGKILL is not sent.
 * Returns those events; SyncTerminatingPod (stopPod) then stops these containers again with the
 * deletion's grace, as every other running container.
 */
function deletionCancels(ctx: DecideContext, p: PodState): Draft[] {
  const obj = podObject(p.key);
  const pod = p.pod as Pod;
  const events: Draft[] = [];
  const failed = (container: string, hook: 'postStart' | 'preStop'): Draft =>
    E.hookFinished(obj, { container, hook, failed: true, timedOut: false, cancelled: true }, [
      hookFailedNote(hook),
    ]);
  for (const n of p.runtime.order) {
    const rt = p.runtime.containers[n]!;
    if (rt.phase !== 'running') continue;
    if (rt.postStartUntil !== null) {
      events.push(failed(n, 'postStart'));
      const grace = killGraceSeconds(pod, undefined, 'postStartHook');
      events.push(killing(p, n, 'postStartHook', grace * 1000));
      if (containerSpec(pod, n).lifecycle?.preStop && grace > 0) {
        events.push(E.hookStarted(obj, { container: n, hook: 'preStop', endsAt: ctx.now }));
        events.push(failed(n, 'preStop'));
      }
      continue;
    }
    // A probe or postStart kill in its preStop hook (waitFrom unset while it runs); past it, the
    // kill only waits for the exit after SIGTERM, and there is nothing to record.
    const k = rt.killing;
    if (k && !E.isPodKill(k.reason) && k.waitFrom === null) events.push(failed(n, 'preStop'));
  }
  return events;
}

/**
 * killPodWithSyncResult: stops every running container of the pod (see PodKillReason), all at
 * once: each gets its Killing and runs its preStop hook now. The grace period is the deletion's,
 * else the pod's (setTerminationGracePeriod with no probe reason). Sidecars then wait for their
 * turn (regular containers first, then sidecars in reverse order) before SIGTERM; each later sync
 * sends SIGTERM to those whose turn came or whose wait ran out. A kill under way goes on, except
 * that a deletion replaces a probe or postStart kill (§30, deletionCancels): that container is
 * killed again.
 */
export function stopPod(ctx: DecideContext, p: PodState, reason: PodKillReason): Decision {
  const grace = killGraceSeconds(p.pod as Pod, undefined, reason);
  const out: Decision = { events: [], timers: [] };
  for (const n of p.runtime.order) {
    const rt = p.runtime.containers[n]!;
    if (rt.phase !== 'running') continue;
    const replaced = reason === 'deletion' && rt.killing && !E.isPodKill(rt.killing.reason);
    const k = replaced ? null : rt.killing;
    // A kill already past preStop whose SIGTERM has not gone: a sidecar waiting for its turn.
    const d = !k
      ? killContainer(ctx, p, n, reason, grace)
      : k.sigtermAt === null && k.waitFrom !== null
        ? sigtermWhenDue(ctx, p, n, k, k.waitFrom)
        : undefined;
    if (d) appendDecision(out, d);
  }
  return out;
}
