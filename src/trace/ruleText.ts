/**
 * Why an event happened, in the kubelet's terms: the rule that fired and the numbers it used, read
 * from the event's payload and the pod spec in the folded state (thresholds, periods, grace).
 */
import { killGrace, stopGraceMs } from '../kubelet/terminate.js';
import { GC_CHECK_PERIOD_MS, QUARANTINE_MS } from '../controllers/podGc.js';
import type { GraceSource } from '../kubelet/terminate.js';
import type { Container, Pod, Probe } from 'kubernetes-types/core/v1.js';
import type { SimEvent } from '../events/catalog.js';
import { goDuration } from '../model/time.js';
import type { PodState } from '../state/model.js';
import { humanDuration } from '../views/index.js';
import { containerOf } from './causeChain.js';
import {
  NODE_MONITOR_GRACE_MS,
  NODE_MONITOR_PERIOD_MS,
  UNREACHABLE,
  tolerationDelay,
} from '../controllers/nodeLifecycle.js';

/** kubectl's age format for a virtual time (humanDuration prints 0 as 0s). */
export const fmtAt: (ms: number) => string = humanDuration;
const secs = (ms: number): string => goDuration(ms);

export interface RuleContext {
  /** Every event of the trace, by seq. */
  events: readonly SimEvent[];
  /** The pod as folded right after the event (undefined for other objects or once deleted). */
  pod: PodState | undefined;
}

const GRACE_SOURCE: Record<GraceSource, string> = {
  deletion: "the deletion's grace period",
  probe: "the probe's terminationGracePeriodSeconds",
  pod: 'terminationGracePeriodSeconds',
  minimum: 'the 2s minimum: the pod sets no terminationGracePeriodSeconds',
};

function specOf(pod: PodState | undefined, name: string | undefined): Container | undefined {
  const spec = (pod?.pod as Pod | undefined)?.spec;
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].find(
    (c) => c.name === name,
  );
}

function probeSpec(c: Container | undefined, type: string): Probe | undefined {
  return type === 'startup'
    ? c?.startupProbe
    : type === 'readiness'
      ? c?.readinessProbe
      : c?.livenessProbe;
}

/** The latest event before `seq` matching `pred`. */
function lastBefore(
  ctx: RuleContext,
  seq: number,
  pred: (e: SimEvent) => boolean,
): SimEvent | undefined {
  for (let i = seq - 1; i >= 0; i--) if (pred(ctx.events[i]!)) return ctx.events[i];
  return undefined;
}

/** Starts of this container up to and including `seq` (1 = first start). */
function startNumber(ctx: RuleContext, ev: SimEvent): number {
  let n = 0;
  for (let i = 0; i <= ev.seq; i++) {
    const e = ctx.events[i]!;
    if (
      e.type === 'container/started' &&
      e.object === ev.object &&
      containerOf(e) === containerOf(ev)
    )
      n++;
  }
  return n;
}

/** The rule for a run of results of one probe worker (one chain step). */
export function probeRule(run: readonly SimEvent[], ctx: RuleContext): string {
  const last = run[run.length - 1]!;
  if (last.type !== 'probe/result') return '';
  const p = last.payload;
  const spec = probeSpec(specOf(ctx.pod, p.container), p.probe);
  const failure = p.result === 'failure';
  const threshold = failure ? (spec?.failureThreshold ?? 3) : (spec?.successThreshold ?? 1);
  const period = (spec?.periodSeconds ?? 10) * 1000;
  const count =
    run.length <= threshold ? `${run.length}/${threshold}` : `${run.length} times in a row`;
  const times = run.map((e) => fmtAt(e.at)).join(', ');
  const verb = failure ? 'failed' : p.result === 'success' ? 'succeeded' : 'unknown';
  const then =
    failure && p.onHold
      ? p.probe === 'liveness'
        ? ' → the kubelet kills the container and restarts it'
        : ' → startup failed: the container is killed'
      : p.probe === 'readiness' && p.cached !== (failure ? 'success' : 'failure')
        ? failure
          ? ' → not ready'
          : ' → ready'
        : '';
  return `${p.probe} probe ${verb} ${count} (${failure ? 'failureThreshold' : 'successThreshold'} ${threshold}, period ${secs(period)}) at ${times}${attemptTimes(run, spec)}${then}`;
}

/**
 * When attempts took time, how long: each result came that long after the tick that began it
 * (worker.go doProbe records a result when the attempt returns); a failure that took exactly
 * timeoutSeconds timed out.
 */
function attemptTimes(run: readonly SimEvent[], spec: Probe | undefined): string {
  const took = run.map((e) => (e.type === 'probe/result' ? (e.payload.tookMs ?? 0) : 0));
  if (took.every((t) => t === 0)) return '';
  const timeoutMs = (spec?.timeoutSeconds ?? 1) * 1000;
  const last = run[run.length - 1]!;
  const timedOut =
    last.type === 'probe/result' &&
    last.payload.result === 'failure' &&
    took.every((t) => t === timeoutMs);
  if (timedOut) return `, each attempt timed out after timeoutSeconds ${secs(timeoutMs)}`;
  return took.every((t) => t === took[0])
    ? `, each ${secs(took[0]!)} after the tick that began it`
    : `, ${took.map((t) => secs(t)).join(', ')} after the ticks that began them`;
}

export function ruleText(ev: SimEvent, ctx: RuleContext): string {
  const pod = ctx.pod?.pod as Pod | undefined;
  const c = specOf(ctx.pod, containerOf(ev));
  switch (ev.type) {
    case 'cluster/started':
      return `the run starts: virtual 0s is ${ev.payload.startTime}, seed ${ev.payload.seed}`;
    case 'node/registered':
      return `node ${ev.payload.node.name} joins (from the scenario)`;
    case 'object/applied':
      return `${ev.payload.kind} applied ${ev.at === 0 ? 'from the manifests' : `by a scenario action at ${fmtAt(ev.at)}`}`;
    case 'object/deleted':
      return `${ev.payload.kind} deleted by a scenario action`;
    case 'pod/created': {
      const cause = ev.cause !== null ? ctx.events[ev.cause]?.object : undefined;
      const owner = (ev.payload.pod as Pod).metadata?.ownerReferences?.[0];
      // A controller's replacement for a pod that failed, was evicted or deleted: the cause is
      // that pod, the creator its owner.
      if (cause?.startsWith('Pod/') && owner)
        return `created by ${owner.kind}/${(ev.payload.pod as Pod).metadata?.namespace ?? 'default'}/${owner.name} to replace ${cause}`;
      return ev.cause !== null
        ? `created for ${cause ?? 'its owner'}`
        : ev.at === 0
          ? 'created from the manifests'
          : `created by a scenario action at ${fmtAt(ev.at)}`;
    }
    case 'pod/scheduled':
      return `the scheduler bound it to node ${ev.payload.node}`;
    case 'pod/unschedulable':
      return `no node fits: ${ev.payload.message}`;
    case 'pod/rejected':
      return `kubelet admission refused it: ${ev.payload.reason}: ${ev.payload.message}`;
    case 'pod/deletionRequested':
      return `deletion requested with grace ${ev.payload.gracePeriodSeconds}s`;
    case 'pod/terminated':
      return 'every container has stopped: the pod worker is done with the pod';
    case 'pod/deleted':
      return 'removed from the API once terminated';
    case 'sandbox/creating':
      return `first sync: the pod sandbox takes ${secs(ev.payload.readyAt - ev.at)} (ready at ${fmtAt(ev.payload.readyAt)})`;
    case 'sandbox/ready':
      return `sandbox up with pod IP ${ev.payload.ip}`;
    case 'image/pulling':
      return `imagePullPolicy ${c?.imagePullPolicy ?? '?'}: pull ${ev.payload.image}${ev.payload.startsAt > ev.at ? ` after the node's serial puller frees at ${fmtAt(ev.payload.startsAt)}` : ''}, done at ${fmtAt(ev.payload.doneAt)}`;
    case 'image/pulled':
      return `pulled in ${secs(ev.payload.pullMs)} (${secs(ev.payload.totalMs)} including waiting)`;
    case 'image/present':
      return `imagePullPolicy ${c?.imagePullPolicy ?? '?'}: the image is already on the node`;
    case 'image/pullFailed':
      return `${ev.payload.reason}: ${ev.payload.message}${ev.payload.backoff ? ` (image back-off ${secs(ev.payload.backoff.periodMs)})` : ''}`;
    case 'image/backOff':
      return `image pull back-off for ${ev.payload.image}`;
    case 'container/createFailed':
      return `${ev.payload.reason}: ${ev.payload.message}`;
    case 'container/created':
      return ev.payload.backoff
        ? `restart back-off record now ${secs(ev.payload.backoff.periodMs)} (doubles after each restart, cap 300s)`
        : 'container created';
    case 'container/started': {
      const n = startNumber(ctx, ev);
      return n <= 1 ? 'first start' : `restart ${n - 1}`;
    }
    case 'container/startFailed':
      return `start failed: ${ev.payload.message}`;
    case 'process/resumed':
      return `the program's wait is over; it goes on at step ${ev.payload.pc}`;
    case 'container/exited': {
      const policy = pod?.spec?.restartPolicy ?? 'Always';
      const why = ev.payload.signal
        ? `killed by ${ev.payload.signal}: exit code ${ev.payload.exitCode}`
        : `the process exited with code ${ev.payload.exitCode} (${ev.payload.reason})`;
      if (pod?.metadata?.deletionTimestamp) return `${why}; the pod is being deleted: no restart`;
      const next =
        policy === 'Always' || (policy === 'OnFailure' && ev.payload.exitCode !== 0)
          ? 'it will be restarted'
          : 'it stays terminated';
      return `${why}; restartPolicy ${policy}: ${next}`;
    }
    case 'container/backOff':
      return `back-off ${secs(ev.payload.delayMs)} (doubles after each restart, cap 300s): no restart before ${fmtAt(ev.payload.retryAt)}`;
    case 'container/killing': {
      const why: Record<string, string> = {
        liveness: 'the liveness probe failed',
        startup: 'the startup probe failed',
        deletion: 'the pod is being deleted',
        postStartHook: 'the postStart hook failed',
        sidecarsDone: 'the regular containers are done, so the sidecar is stopped',
        initFailed: 'an init container failed',
        probeKillPod:
          'a probe failed under restartPolicy Never with no other container to keep, so the kubelet kills the pod (its probe grace does not apply)',
      };
      // The rule the kubelet used (killGraceSeconds), read off the pod as it was at the kill.
      const source = pod ? GRACE_SOURCE[killGrace(pod, c, ev.payload.reason).source] : undefined;
      return `${why[ev.payload.reason] ?? ev.payload.reason}: stop it with grace ${secs(ev.payload.graceMs)}${source ? ` (${source})` : ''}`;
    }
    case 'container/signalled':
    case 'container/signalSkipped': {
      // The latest earlier event of this container that `pred` accepts.
      const mine = (pred: (e: SimEvent) => boolean): SimEvent | undefined =>
        lastBefore(
          ctx,
          ev.seq,
          (e) => e.object === ev.object && containerOf(e) === containerOf(ev) && pred(e),
        );
      const killing = mine((e) => e.type === 'container/killing');
      const term = mine((e) => e.type === 'container/signalled' && e.payload.signal === 'SIGTERM');
      if (ev.type === 'container/signalSkipped' || ev.payload.signal === 'SIGTERM') {
        if (killing?.type !== 'container/killing') return 'SIGTERM to PID 1';
        // killContainer: the kill's grace less the whole seconds preStop took and, for a sidecar
        // stopped with its pod, the whole seconds it waited for its turn; at least 2 s.
        const preStop = mine((e) => e.type === 'hook/finished' && e.payload.hook === 'preStop');
        const waitFrom = preStop && preStop.seq > killing.seq ? preStop.at : killing.at;
        const grace = stopGraceMs(
          { since: killing.at, graceMs: killing.payload.graceMs },
          waitFrom,
          ev.at,
        );
        const waited =
          ev.at > waitFrom
            ? `; it waited ${secs(ev.at - waitFrom)} for its turn (regular containers and later sidecars stop first)`
            : '';
        const step =
          ev.type === 'container/signalSkipped'
            ? `no SIGTERM: PID 1 got it at ${fmtAt(term?.at ?? ev.at)} from a kill the deletion cancelled, and containerd sends it once`
            : 'SIGTERM to PID 1';
        return `${step}${waited}; SIGKILL follows at ${fmtAt(ev.at + grace)} unless it exits (grace ${secs(grace)})`;
      }
      return term
        ? `still running ${secs(ev.at - term.at)} after SIGTERM at ${fmtAt(term.at)} (the process ignores SIGTERM): the grace period ran out`
        : 'SIGKILL';
    }
    case 'hook/started':
      return `${ev.payload.hook} hook runs until ${fmtAt(ev.payload.endsAt)}`;
    case 'hook/finished':
      return `${ev.payload.hook} hook ${ev.payload.timedOut ? 'timed out' : ev.payload.failed ? 'failed' : 'finished'}`;
    case 'probe/result':
      return probeRule([ev], ctx);
    case 'container/executed':
      return `scenario exec: ${ev.payload.command.join(' ')}`;
    case 'cluster/forked':
      return `podsim fork: from ${fmtAt(ev.at)} on the run uses ${ev.payload.files.length > 0 ? ev.payload.files.join(', ') : 'the recorded inputs'}`;
    case 'pod/inputsChanged':
      return `the fork changes how ${ev.payload.containers.join(', ')} behave${ev.payload.containers.length === 1 ? 's' : ''} from ${fmtAt(ev.at)} on`;
    case 'node/kubeletStopped':
      return 'scenario nodeDown: the kubelet stops (no more Lease renewals, status or pod syncs)';
    case 'node/kubeletStarted':
      return 'scenario nodeUp: the kubelet is back and posts Ready';
    case 'node/statusUnknown':
      return `no Lease renewal seen since the monitor pass at ${fmtAt(ev.payload.probedAt)}: ${secs(NODE_MONITOR_GRACE_MS)} grace period over at the pass at ${fmtAt(ev.at)} (every ${secs(NODE_MONITOR_PERIOD_MS)}): conditions Unknown`;
    case 'node/taintsChanged': {
      const fmt = (ts: readonly { key: string; effect: string }[]): string =>
        ts.map((t) => `${t.key}:${t.effect}`).join(', ');
      return [
        ev.payload.add.length > 0 ? `taints added: ${fmt(ev.payload.add)}` : '',
        ev.payload.remove.length > 0 ? `taints removed: ${fmt(ev.payload.remove)}` : '',
      ]
        .filter(Boolean)
        .join('; ');
    }
    case 'pod/markedNotReady':
      return "its node is NotReady: the node lifecycle controller sets the pod's Ready condition False";
    case 'pod/disruptionTargeted': {
      const delay = pod
        ? tolerationDelay(pod, { key: UNREACHABLE, effect: 'NoExecute' })
        : undefined;
      return `the pod's toleration of ${UNREACHABLE}:NoExecute (${delay === null || delay === undefined ? '?' : secs(delay)}) ran out: the taint eviction controller deletes it`;
    }
    case 'pod/markedFailed':
      return `the pod is bound to node "${pod?.spec?.nodeName ?? '?'}", which does not exist: the pod garbage collector (a pass every ${secs(GC_CHECK_PERIOD_MS)}) queued that node for ${secs(QUARANTINE_MS)}, found it still missing, and marks the pod Failed (DisruptionTarget: ${ev.payload.reason}) before deleting it`;
    case 'pod/evictionCancelled':
      return 'the NoExecute taint is gone: the queued eviction is cancelled';
    case 'pod/statusResynced':
      return 'the kubelet is back and writes the pod status again';
    default:
      // A type newer than this explainer: say what it is rather than fail.
      return (ev as { type: string }).type;
  }
}
