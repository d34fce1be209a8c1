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
import type { Decision, DecideContext, TimerRequest } from '../engine/context.js';
import type { PodState } from '../state/model.js';
import { podObject } from '../state/model.js';
import { kubeletNote } from './notes.js';
import { containerSpec } from './startContainer.js';
import { hookDone, hookOutcome } from './hooks.js';

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
  const events: Draft[] = [
    E.containerKilling(obj, { container: name, reason, graceMs }, [
      kubeletNote(
        'Normal',
        'Killing',
        killMessage(name, reason, rt.sidecar, (p.pod as Pod).spec!.restartPolicy ?? 'Always'),
      ),
    ]),
  ];
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
      timers: [hookDone(p.key, name, instance, 'preStop', ctx.now, endsAt, hb.fails, timedOut)],
    };
  }
  const sig = sigterm(ctx, p, name, Math.max(graceMs, MIN_GRACE_MS));
  // SIGTERM follows the Killing it belongs to; its timers (SIGKILL deadline, exit) follow SIGTERM.
  const term = sig.events.map((d) => withCause(d, 'previous'));
  return { events: [...events, ...term], timers: sig.timers };
}

/** SIGTERM now; the process reacts per its behaviour; SIGKILL is due after `graceMs`. */
export function sigterm(ctx: DecideContext, p: PodState, name: string, graceMs: number): Decision {
  const obj = podObject(p.key);
  const rt = p.runtime.containers[name]!;
  const instance = rt.instances;
  const reaction = ctx.inputs.behaviourOf(p.pod as Pod, name).onSigterm;
  const timers: TimerRequest[] = [
    { at: ctx.now + graceMs, data: { kind: 'sigkill', pod: p.key, container: name, instance } },
  ];
  if (reaction.action === 'exit' && reaction.afterMs < graceMs) {
    timers.push({
      at: ctx.now + reaction.afterMs,
      data: { kind: 'termExit', pod: p.key, container: name, instance, code: reaction.code },
    });
  }
  return { events: [E.containerSignalled(obj, { container: name, signal: 'SIGTERM' })], timers };
}

/**
 * The remaining grace after preStop: killContainer subtracts the whole seconds the hook took, then
 * applies the 2 s minimum — so a preStop that overruns yields grace + 2 s before SIGKILL.
 */
export function afterPreStop(
  ctx: DecideContext,
  p: PodState,
  name: string,
  startedAt: number,
): Decision {
  const rt = p.runtime.containers[name]!;
  if (rt.phase !== 'running' || !rt.killing) return { events: [], timers: [] };
  // killContainer: the grace given to this kill, minus the whole seconds preStop took.
  const grace = rt.killing.graceMs;
  const spentWholeSeconds = Math.trunc((ctx.now - startedAt) / 1000) * 1000;
  return sigterm(ctx, p, name, Math.max(grace - spentWholeSeconds, MIN_GRACE_MS));
}

/** The pod is being deleted: stop what runs; when nothing runs, the pod is terminated and removed. */
export function terminatePod(ctx: DecideContext, p: PodState): Decision {
  const { events, timers } = stopPod(ctx, p, 'deletion');
  const running = p.runtime.order.some((n) => p.runtime.containers[n]!.phase === 'running');
  if (!running && !p.runtime.terminal) {
    const obj = podObject(p.key);
    events.push(E.podTerminated(obj, {}), E.podDeleted(obj, {}));
  }
  return { events, timers };
}

/**
 * killPodWithSyncResult: stops every running container of the pod (see PodKillReason). Regular
 * containers stop in parallel; sidecars after them, in reverse order. The grace period is the
 * deletion's, else the pod's (setTerminationGracePeriod with no probe reason).
 */
export function stopPod(ctx: DecideContext, p: PodState, reason: PodKillReason): Decision {
  const pod = p.pod as Pod;
  const grace = killGraceSeconds(pod, undefined, reason);
  const running = p.runtime.order.filter((n) => p.runtime.containers[n]!.phase === 'running');
  const regular = running.filter((n) => !p.runtime.containers[n]!.sidecar);
  const events: Draft[] = [];
  const timers: TimerRequest[] = [];
  const stopped = new Set<string>();
  const stop = (n: string, seconds: number): void => {
    // Already being stopped (in state, or earlier in this decision).
    if (p.runtime.containers[n]!.killing || stopped.has(n)) return;
    stopped.add(n);
    const d = killContainer(ctx, p, n, reason, seconds);
    events.push(...d.events);
    timers.push(...d.timers);
  };
  for (const n of regular) stop(n, grace);
  const sidecars = running.filter((n) => p.runtime.containers[n]!.sidecar);
  // The sidecars' wait is bounded by the grace counted from when the pod's containers began to be
  // killed (the kill may start after the API deletion if the pod worker was busy).
  const kills = Object.values(p.runtime.containers).flatMap((c) =>
    c.killing?.reason === reason ? [c.killing.since] : [],
  );
  const deadline = (kills.length > 0 ? Math.min(...kills) : ctx.now) + grace * 1000;
  if (regular.length === 0) {
    // Sidecars stop after the regular containers, in reverse order, within what is left of the grace.
    const last = sidecars[sidecars.length - 1];
    const left = Math.max(0, Math.ceil((deadline - ctx.now) / 1000));
    if (last) stop(last, left);
  }
  if (sidecars.length > 0 && ctx.now >= deadline) {
    // Each sidecar's wait is bounded by the remaining grace (§4.2 step 4): once it is spent, all
    // remaining sidecars are stopped together.
    for (const n of sidecars) stop(n, 0);
  } else if (sidecars.length > 0) {
    timers.push({ at: deadline, data: { kind: 'sync', pod: p.key } });
  }
  return { events, timers };
}
