/**
 * Probe workers, mirroring pkg/kubelet/prober/worker.go: one worker per (pod, container, probe
 * type), started when the kubelet first syncs the pod, probing at once and then every periodSeconds
 * (ticks aligned to the worker's start, not the container's). Only attempts that change something
 * — a failure (the kubelet records Unhealthy for each), a new run count, a new cached result — are
 * events; a healthy container's steady successes cost nothing.
 */
import type { Container, Pod, Probe } from 'kubernetes-types/core/v1.js';
import * as E from '../events/catalog.js';
import type { ProbeResult, ProbeType } from '../events/catalog.js';
import type { Draft } from '../events/createEvent.js';
import type {
  Decision,
  DecideContext,
  ProbeAttempt,
  TimerData,
  TimerRequest,
} from '../engine/context.js';
import type { Behaviour } from '../model/behaviour.js';
import type { ContainerRuntime, PodState, ProbeWorkerState } from '../state/model.js';
import { podObject } from '../state/model.js';
import { isStarted } from '../state/podStatus.js';
import { kubeletNote } from './notes.js';
import { evaluateProbe, grpcDialTimeout, httpProbeUrl } from './probeEval.js';
import type { ProbeOutcome } from './probeEval.js';
import { alignedTick, nextOwnChange } from './probeWake.js';
import { killContainer, killGraceSeconds, stopPod } from './terminate.js';
import { containerSpec } from './startContainer.js';
import { keepsNothing, stoppingOnItsOwn } from './podActions.js';

const PROBE_TYPES: ProbeType[] = ['startup', 'readiness', 'liveness'];
const LABEL: Record<ProbeType, string> = {
  startup: 'Startup',
  readiness: 'Readiness',
  liveness: 'Liveness',
};

export function probeOf(c: Container, type: ProbeType): Probe | undefined {
  return type === 'startup'
    ? c.startupProbe
    : type === 'readiness'
      ? c.readinessProbe
      : c.livenessProbe;
}

/** Worker start (prober_manager.go AddPod): the first attempt is immediate. */
export function startProbeWorkers(p: PodState, at: number): TimerRequest[] {
  return wakeProbeWorkers(p, at);
}

/**
 * Each worker's next tick at or after `from` (ticks stay aligned to the workers' start), for the
 * pod's current probeEpoch: used at worker start and whenever something outside a container
 * changes what its probes may see.
 */
export function wakeProbeWorkers(
  p: PodState,
  from: number,
  probedAt: (container: string, type: ProbeType) => number | undefined = () => undefined,
  /**
   * The wake comes after this instant's probe ticks have run (its event came from a timer ordered
   * after probe ticks, or from a fork after the whole instant). A worker ticking every period
   * would already have ticked at `from` if it is one of its instants: its next tick is a period on.
   */
  afterTicks = false,
): TimerRequest[] {
  const timers: TimerRequest[] = [];
  const pod = p.pod as Pod;
  const start = p.runtime.probeStart ?? from;
  const epoch = p.runtime.probeEpoch;
  for (const c of [...(pod.spec!.initContainers ?? []), ...pod.spec!.containers]) {
    for (const type of PROBE_TYPES) {
      const probe = probeOf(c, type);
      if (!probe) continue;
      // A worker that already probed at `from` ticks next one period later, never twice.
      const period = (probe.periodSeconds ?? 10) * 1000;
      const ticked =
        probedAt(c.name, type) === from ||
        (afterTicks && from >= start && (from - start) % period === 0);
      const at = alignedTick(start, period, ticked ? from + 1 : from);
      timers.push(tickOf(at, p.key, c.name, type, epoch));
    }
  }
  return timers;
}

/**
 * The tick of a worker woken while an attempt begun at `from` ran, for the pod's current epoch:
 * now if one of its ticker's instants passed meanwhile (the ticker holds one), else the next.
 */
export function tickAfterAttempt(
  p: PodState,
  container: string,
  type: ProbeType,
  from: number,
  now: number,
): TimerRequest {
  const at = Math.max(now, firstTickAfter(p, container, type, from));
  return tickOf(at, p.key, container, type, p.runtime.probeEpoch);
}

/** The first instant of the worker's ticker after `from` (the tick it holds, if that has passed). */
export function firstTickAfter(
  p: PodState,
  container: string,
  type: ProbeType,
  from: number,
): number {
  const probe = probeOf(containerSpec(p.pod as Pod, container), type)!;
  const period = (probe.periodSeconds ?? 10) * 1000;
  return alignedTick(p.runtime.probeStart ?? from, period, from + 1);
}

/** A worker's tick at `at`, of the pod's probe epoch `epoch`. */
function tickOf(
  at: number,
  pod: string,
  container: string,
  probe: ProbeType,
  epoch: number,
): TimerRequest & { data: ProbeTimer } {
  return { at, data: { kind: 'probe', pod, container, instance: 0, probe, epoch } };
}

type ProbeTimer = Extract<TimerData, { kind: 'probe' }>;

/**
 * What a gRPC attempt under way (`end`) returns once its container has exited: it is a dial (an
 * attempt that takes time is one: grpc.go dials WithBlock and retries a refused connection until
 * its deadline) to the pod's IP, which outlives the container, and with the container gone
 * nobody listens, so it fails at its deadline, also when it was to reach the port at a retry.
 * (A replacement that listens before the deadline would be reached at a retry; its answer would
 * be thrown away all the same, as a replaced container's.) Undefined for other handlers.
 */
export function dialAfterExit(p: PodState, end: ProbeTimer): ProbeAttempt | undefined {
  const probe = probeOf(containerSpec(p.pod as Pod, end.container), end.probe);
  if (!probe?.grpc || !end.attempt) return undefined;
  const failed = grpcDialTimeout(probe, p.pod.status?.podIP ?? '');
  return {
    instance: end.attempt.instance,
    success: false,
    output: failed.output,
    warning: undefined,
    tookMs: failed.durationMs!,
  };
}

/**
 * The end of an httpGet attempt (`end`, begun at `from`) whose container exited at `now`, before
 * the answer: the server's process closed the connection with the request read, so the kubelet's
 * client reads EOF, and net/http's Transport returns that read error as it is ("Issue 16465:
 * return underlying net.Conn.Read error from peek"), quoted by url.Error. Undefined for other
 * handlers: an exec dies with the container and its errored attempt is thrown away.
 */
export function cutAttempt(
  p: PodState,
  end: ProbeTimer,
  from: number,
  now: number,
): ProbeTimer | undefined {
  const c = containerSpec(p.pod as Pod, end.container);
  const get = probeOf(c, end.probe)?.httpGet;
  if (!get || !end.attempt) return undefined;
  const url = httpProbeUrl(get, c, p.pod.status?.podIP ?? '');
  return {
    ...end,
    attempt: {
      instance: end.attempt.instance,
      success: false,
      output: `Get "${url}": EOF`,
      warning: undefined,
      tookMs: now - from,
      cut: true,
    },
  };
}

/** One doProbe step (worker.go), then the next tick unless the worker exits. */
export function probeTick(
  ctx: DecideContext,
  key: string,
  container: string,
  type: ProbeType,
  manual = false,
  attempt?: ProbeAttempt,
): Decision {
  const none: Decision = { events: [], timers: [] };
  const p = ctx.state.pods.get(key);
  if (!p || p.runtime.terminal) return none;
  const pod = p.pod as Pod;
  const spec = containerSpec(pod, container);
  const probe = probeOf(spec, type)!;
  const period = (probe.periodSeconds ?? 10) * 1000;
  const startOfTicks = p.runtime.probeStart ?? ctx.now;
  // A manual run (UpdatePodStatus's readiness trigger) does not move the ticker (no reset in 1.31),
  // and the end of an attempt is not a tick: the tick that began it planned the next one. The next
  // tick is the ticker's first after now: a period on, or sooner for a tick that waited for an
  // attempt and so ran between the ticker's instants.
  const tickAt = (at: number): TimerRequest[] =>
    manual || attempt
      ? []
      : [
          tickOf(
            alignedTick(startOfTicks, period, Math.max(at, ctx.now + 1)),
            key,
            container,
            type,
            p.runtime.probeEpoch,
          ),
        ];
  const next = tickAt(ctx.now);
  // Until a new container, an exit, an exec or a startup result wakes it (probeWake.ts), a worker
  // whose attempts cannot change anything sleeps instead of ticking.
  const sleep = none;
  const rt = p.runtime.containers[container]!;
  const w = rt.probes[type];
  // 3. No container yet.
  if (rt.instances === 0 || !w) return sleep;
  // An attempt whose container was replaced meanwhile errored (exec into a container that is
  // gone): doProbe throws its result away.
  if (attempt && attempt.instance !== rt.instances) return none;
  // 6. Not running: Failure is cached; nothing changes until a new container (or ever, for a
  // terminated container of a Never pod, which ends the worker). An attempt its container's exit
  // cut short, or one that outlives the exit, was under way before: doProbe records its result.
  const begunRunning = attempt !== undefined && (attempt.cut === true || probe.grpc !== undefined);
  if (rt.phase !== 'running' && !begunRunning) return sleep;
  // 7. Deleting: liveness and startup workers stop quietly. The check comes before the probe
  // runs: an attempt already under way when the deletion came is recorded when it returns.
  if (!attempt && pod.metadata!.deletionTimestamp && type !== 'readiness') return none;
  // 5. On hold after a kill decision, until a new container appears.
  if (w.onHold) return sleep;
  // 8. initialDelaySeconds from the current container's start, in whole seconds.
  const delayMs = (probe.initialDelaySeconds ?? 0) * 1000;
  if (!attempt && Math.trunc((ctx.now - rt.startedAt!) / 1000) < (probe.initialDelaySeconds ?? 0)) {
    return { events: [], timers: tickAt(rt.startedAt! + delayMs) };
  }
  // 9. Startup gates the others; a started container's startup worker idles. (An attempt begun
  // while its container ran passed this gate then.)
  const started = isStarted(rt);
  if (!begunRunning && (type === 'startup' ? started : !started)) return sleep;

  const behaviour = ctx.inputs.behaviourOf(pod, container);
  const outcome: ProbeOutcome =
    attempt ?? evaluateProbe(probe, { pod, container: spec, rt, behaviour, at: ctx.now });
  const result: ProbeResult = outcome.success ? 'success' : 'failure';
  const step = countResult(w, result, probe, type);
  const changed =
    step.run !== w.run ||
    result !== w.lastResult ||
    step.cached !== w.cached ||
    step.onHold !== w.onHold;
  // A success while Success is already cached changes nothing the kubelet acts on, unless it
  // breaks a run of failures (the next failure must count from 1 again).
  const idle =
    outcome.success &&
    w.cached === 'success' &&
    step.cached === 'success' &&
    w.lastResult !== 'failure';
  const quietly = ((!changed && outcome.success) || idle) && !outcome.warning;
  const took = attempt ? 0 : (outcome.durationMs ?? 0);
  if (took > 0) {
    // The attempt takes time (worker.go doProbe runs it synchronously): its result is recorded
    // when it returns, and the worker's ticks meanwhile wait for it. An attempt that returns
    // after a tick was due probes again at once (the ticker holds one tick), so a worker whose
    // attempts outlast its period cannot sleep on its own ticks.
    const nextTick = quietly && took < period ? quietTicks(behaviour, rt, ctx.now, tickAt) : next;
    const done = tickOf(ctx.now + took, key, container, type, p.runtime.probeEpoch);
    done.data.attempt = {
      instance: rt.instances,
      success: outcome.success,
      output: outcome.output,
      warning: outcome.warning,
      tookMs: took,
    };
    return { events: [], timers: [done, ...nextTick] };
  }
  // Nothing changed: the next attempt that could differ is at the container's next own change.
  if (quietly) return { events: [], timers: quietTicks(behaviour, rt, ctx.now, tickAt) };
  // prober.go records ProbeWarning for every attempt that ends in a warning, Unhealthy for failures.
  const notes = outcome.warning
    ? [kubeletNote('Warning', 'ProbeWarning', `${LABEL[type]} probe warning: ${outcome.warning}`)]
    : outcome.success
      ? []
      : [kubeletNote('Warning', 'Unhealthy', `${LABEL[type]} probe failed: ${outcome.output}`)];
  const events: Draft[] = [
    E.probeResult(
      podObject(key),
      attempt
        ? {
            container,
            probe: type,
            result,
            run: step.run,
            cached: step.cached,
            onHold: step.onHold,
            output: outcome.output,
            tookMs: attempt.tookMs,
          }
        : {
            container,
            probe: type,
            result,
            run: step.run,
            cached: step.cached,
            onHold: step.onHold,
            output: outcome.output,
          },
      notes,
    ),
  ];
  const timers = [...next];
  // A liveness/startup result that kills reaches the pod worker at once (the sync loop's liveness channel).
  if (step.onHold && step.cached === 'failure')
    timers.push({ at: ctx.now, data: { kind: 'sync', pod: key }, cause: { draft: 0 } });
  if (type !== 'liveness' && step.cached !== w.cached)
    timers.push({ at: ctx.now, data: { kind: 'sync', pod: key }, cause: { draft: 0 } });
  // Startup success: the kubelet stores started=true, syncs, and that sync's UpdatePodStatus triggers
  // the readiness worker, which probes at once (docs/kubernetes-rules.md §12).
  if (type === 'startup' && step.cached === 'success' && spec.readinessProbe) {
    timers.push({
      at: ctx.now,
      data: { kind: 'probe', pod: key, container, instance: 0, probe: 'readiness', manual: true },
      cause: { draft: 0 },
    });
  }
  return { events, timers };
}

/** The next tick at which the container's own timeline could change the outcome (none: sleep). */
function quietTicks(
  behaviour: Behaviour,
  rt: ContainerRuntime,
  now: number,
  tickAt: (at: number) => TimerRequest[],
): TimerRequest[] {
  const quiet = nextOwnChange(behaviour, rt, now);
  return Number.isFinite(quiet) ? tickAt(quiet) : [];
}

/** worker.go steps 11–12: consecutive counting against the thresholds, then on-hold. */
function countResult(
  w: ProbeWorkerState,
  result: ProbeResult,
  probe: Probe,
  type: ProbeType,
): { run: number; cached: ProbeResult; onHold: boolean } {
  const threshold =
    result === 'failure' ? (probe.failureThreshold ?? 3) : (probe.successThreshold ?? 1);
  const run = w.lastResult === result ? Math.min(w.run + 1, threshold) : 1;
  if (run < threshold) return { run, cached: w.cached, onHold: false };
  if (type === 'liveness' && result === 'failure')
    return { run: 0, cached: 'failure', onHold: true };
  if (type === 'startup') return { run: 0, cached: result, onHold: true };
  return { run, cached: result, onHold: false };
}

/**
 * computePodActions: a running container whose liveness (or startup) result is Failure is killed
 * (and started again unless restartPolicy is Never); the sync blocks until it has stopped. Under
 * Never, a regular container's failure can leave the pod nothing to keep: then KillPod stops the
 * whole pod instead, ignoring the probe ("Stopping container NAME", the pod's grace period).
 */
export function livenessKill(ctx: DecideContext, p: PodState): Decision | undefined {
  const pod = p.pod as Pod;
  if (stoppingOnItsOwn(p)) return { events: [], timers: [] };
  for (const name of p.runtime.order) {
    const rt = p.runtime.containers[name]!;
    // A pod-wide stop under way (a sidecar waiting for its turn) is the sync's to go on with.
    if (rt.phase !== 'running' || rt.killing) continue;
    const failed =
      rt.probes.liveness?.cached === 'failure'
        ? 'liveness'
        : rt.probes.startup?.cached === 'failure'
          ? 'startup'
          : undefined;
    if (!failed) continue;
    if (!rt.sidecar && keepsNothing(pod, p, pod.spec!.restartPolicy ?? 'Always'))
      return stopPod(ctx, p, 'probeKillPod');
    const grace = killGraceSeconds(pod, containerSpec(pod, name), failed);
    return killContainer(ctx, p, name, failed, grace);
  }
  return undefined;
}
