/**
 * Routes a due timer to the decider that owns it. Deciders are pure: they read state and return
 * drafts and timer requests. A timer that no longer matches state (an older container instance, a
 * superseded retry) decides nothing.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import * as E from '../events/catalog.js';
import type { KillReason } from '../events/catalog.js';
import { withCause } from '../events/createEvent.js';
import type { Draft } from '../events/createEvent.js';
import type { Decision, DecideContext, TimerData } from './context.js';
import { runAction } from './actions.js';
import { schedulePod } from '../controllers/scheduler.js';
import { syncReplicaSet } from '../controllers/replicaSet.js';
import { syncDeployment } from '../controllers/deployment.js';
import { nodeMonitor, taintEviction } from '../controllers/nodeLifecycle.js';
import { syncPod, sandboxReadyDecision } from '../kubelet/syncPod.js';
import type { SyncDecision } from '../kubelet/syncPod.js';
import { pullFinished } from '../kubelet/images.js';
import { probeTick } from '../kubelet/prober.js';
import { afterPreStop, killContainer, killGraceSeconds } from '../kubelet/terminate.js';
import { nextOutcome } from '../kubelet/process.js';
import { processTimers } from '../kubelet/processTimers.js';
import { hookFailedNote } from '../kubelet/hooks.js';
import { containerSpec, memoryLimit } from '../kubelet/startContainer.js';
import { podObject, objectKey } from '../state/model.js';
import { deleteOrphan } from '../controllers/podGc.js';
import type { ContainerRuntime, PodState } from '../state/model.js';

export function decide(ctx: DecideContext, t: TimerData): Decision | SyncDecision {
  switch (t.kind) {
    case 'action':
      return runAction(ctx, ctx.inputs.scenario.actions[t.index]!);
    case 'schedule':
      return schedulePod(ctx, t.pod);
    case 'replicaset':
      return syncReplicaSet(ctx, t.key);
    case 'deployment':
      return syncDeployment(ctx, t.key);
    case 'nodeMonitor':
      return nodeMonitor(ctx, t.node, t.lost, t.taintPass === true);
    case 'taintEviction':
      return taintEviction(ctx, t.pod, t.node, t.taintedAt);
    case 'podGcOrphan':
      return deleteOrphan(ctx, t.pod);
    case 'sync':
    case 'resync':
      return syncPod(ctx, t.pod);
    case 'resume':
      return syncPod(ctx, t.pod, { after: 'pull', container: t.container, backoff: t.backoff });
    case 'sandboxReady':
      return sandboxReadyDecision(ctx, t.pod);
    case 'pullDone':
      return pullDone(ctx, t);
    case 'hookDone':
      return hookDone(ctx, t);
    case 'process':
      return processStep(ctx, t);
    case 'sigkill':
      return signalExit(ctx, t, 137, 'SIGKILL');
    case 'termExit':
      return signalExit(ctx, t, t.code, undefined);
    case 'probe':
      return probeTick(ctx, t.pod, t.container, t.probe, t.manual === true, t.attempt);
  }
}

function pullDone(ctx: DecideContext, t: Extract<TimerData, { kind: 'pullDone' }>): SyncDecision {
  const p = ctx.state.pods.get(t.pod);
  if (!p || p.runtime.busy?.op !== 'pull' || p.runtime.busy.container !== t.container)
    return { events: [], timers: [], error: false };
  const image = containerSpec(p.pod as Pod, t.container).image!;
  const done = pullFinished(ctx, p, t.container, image, t.outcome);
  if (!done.ok) return { events: done.events, timers: [], error: true };
  // The sync resumes where it blocked, once the pull is recorded.
  return {
    events: done.events,
    timers: [
      {
        at: ctx.now,
        data: { kind: 'resume', pod: t.pod, container: t.container, backoff: t.resume.backoff },
      },
    ],
    error: false,
  };
}

/**
 * The pod and container a timer of one container instance is about, while that instance still
 * runs: a timer outlived by an exit or a newer instance (a restart) does nothing.
 */
function liveInstance(
  ctx: DecideContext,
  t: { pod: string; container: string; instance: number },
): { p: PodState; rt: ContainerRuntime } | undefined {
  const p = ctx.state.pods.get(t.pod);
  const rt = p?.runtime.containers[t.container];
  return p && rt && rt.instances === t.instance && rt.phase === 'running' ? { p, rt } : undefined;
}

function hookDone(ctx: DecideContext, t: Extract<TimerData, { kind: 'hookDone' }>): Decision {
  const live = liveInstance(ctx, t);
  if (!live) return { events: [], timers: [] };
  const { p, rt } = live;
  // A hook a deletion cancelled has finished already (§30): a postStart when it failed, a preStop
  // with the kill it ran for.
  const current =
    t.hook === 'postStart' ? rt.postStartUntil !== null : rt.killing?.reason === t.kill;
  if (!current) return { events: [], timers: [] };
  const obj = podObject(p.key);
  const notes = t.failed ? [hookFailedNote(t.hook)] : [];
  const events: Draft[] = [
    E.hookFinished(
      obj,
      { container: t.container, hook: t.hook, failed: t.failed, timedOut: t.timedOut },
      notes,
    ),
  ];
  if (t.hook === 'preStop') {
    const d = afterPreStop(ctx, p, t.container);
    return { events: [...events, ...d.events], timers: d.timers };
  }
  if (t.failed) {
    const pod = p.pod as Pod;
    const grace = killGraceSeconds(pod, undefined, 'postStartHook');
    const d = killContainer(ctx, p, t.container, 'postStartHook', grace);
    return { events: [...events, ...d.events], timers: d.timers };
  }
  return { events, timers: [{ at: ctx.now, data: { kind: 'sync', pod: p.key } }] };
}

function processStep(ctx: DecideContext, t: Extract<TimerData, { kind: 'process' }>): Decision {
  const live = liveInstance(ctx, t);
  if (!live) return { events: [], timers: [] };
  const { p, rt } = live;
  const pod = p.pod as Pod;
  const b = ctx.inputs.behaviourOf(pod, t.container);
  const limit = memoryLimit(containerSpec(pod, t.container));
  const o = nextOutcome(b, rt.program, rt.startedAt!, limit);
  const obj = podObject(p.key);
  // An exit due earlier than now: its timer was held while the node's kubelet was stopped, or a
  // fork's new behaviour ended the process before the fork instant; the kubelet sees it now.
  if (o.kind === 'exit' && o.at <= ctx.now) {
    return {
      events: [
        E.containerExited(obj, { container: t.container, exitCode: o.code, reason: o.reason }),
      ],
      timers: [],
    };
  }
  if (o.kind === 'wait' && o.pc === t.pc) {
    const ns = o.step.namespace ?? pod.metadata!.namespace ?? 'default';
    if (ctx.state.objects.has(objectKey('Service', ns, o.step.service))) {
      const anchor = { pc: o.pc + 1, since: ctx.now };
      return {
        events: [E.processResumed(obj, { container: t.container, pc: anchor.pc })],
        timers: processTimers(p.key, t.container, t.instance, b, anchor, rt.startedAt!, limit),
      };
    }
    return { events: [], timers: [{ at: ctx.now + o.step.pollMs, data: t }] };
  }
  return { events: [], timers: [] };
}

function signalExit(
  ctx: DecideContext,
  t: { pod: string; container: string; instance: number; kill?: KillReason },
  code: number,
  signal: 'SIGKILL' | undefined,
): Decision {
  const live = liveInstance(ctx, t);
  // The deadline of a kill a deletion cancelled passes without SIGKILL (§30).
  if (!live || (signal && live.rt.killing?.reason !== t.kill)) return { events: [], timers: [] };
  const { p } = live;
  const obj = podObject(p.key);
  const events: Draft[] = [];
  if (signal) events.push(E.containerSignalled(obj, { container: t.container, signal }));
  const exited = E.containerExited(obj, {
    container: t.container,
    exitCode: code,
    reason: code === 0 ? 'Completed' : 'Error',
    ...(signal ? { signal } : {}),
  });
  // The exit is caused by the SIGKILL just sent, when there is one.
  events.push(signal ? withCause(exited, 'previous') : exited);
  return { events, timers: [] };
}
