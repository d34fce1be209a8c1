/**
 * Creating and starting one container, mirroring kuberuntime_container.go startContainer:
 * ensure the image (may block on a pull) → create (config errors surface here) → start → postStart
 * (blocks the pod worker until the hook returns).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import * as E from '../events/catalog.js';
import type { BackoffEntry } from '../events/catalog.js';
import { withCause } from '../events/createEvent.js';
import type { Draft } from '../events/createEvent.js';
import type { DecideContext, TimerRequest } from '../engine/context.js';
import { drawContainerId } from '../engine/rng.js';
import type { PodState } from '../state/model.js';
import { podObject, objectKey } from '../state/model.js';
import { kubeletNote } from './notes.js';
import { findContainer } from '../model/podSpec.js';
import { parseQuantity } from '../spec/manifest/index.js';
import { processTimers } from './processTimers.js';
import { ensureImage } from './images.js';
import { hookDone, hookOutcome } from './hooks.js';

export interface StartResult {
  events: Draft[];
  timers: TimerRequest[];
  /** The pod worker is now blocked (pull or postStart in progress). */
  blocked: boolean;
  /** The attempt failed (the sync reports an error and is retried). */
  error: boolean;
}

export function containerSpec(pod: Pod, name: string): Container {
  const c = findContainer(pod, name);
  if (!c) throw new Error(`pod ${pod.metadata?.name} has no container ${name}`);
  return c;
}

/** Begins a start attempt: the image step; returns early when a pull blocks the worker. */
export function startAttempt(
  ctx: DecideContext,
  p: PodState,
  name: string,
  backoff: BackoffEntry | null,
  syncStart: boolean,
): StartResult {
  const c = containerSpec(p.pod as Pod, name);
  const node = ctx.state.nodes.get(p.runtime.node!)!;
  const img = ensureImage(ctx, p, node, c, syncStart);
  if (img.status === 'failed')
    return { events: img.events, timers: [], blocked: false, error: true };
  if (img.status === 'pulling') {
    return {
      events: img.events,
      timers: [
        {
          at: img.doneAt,
          data: {
            kind: 'pullDone',
            pod: p.key,
            container: name,
            outcome: img.outcome,
            resume: { backoff },
          },
        },
      ],
      blocked: true,
      error: false,
    };
  }
  const rest = createAndStart(ctx, p, name, backoff);
  return { ...rest, events: [...img.events, ...rest.events] };
}

/** After the image is ready: create, start, schedule the process, run postStart. */
export function createAndStart(
  ctx: DecideContext,
  p: PodState,
  name: string,
  backoff: BackoffEntry | null,
): StartResult {
  const obj = podObject(p.key);
  const pod = p.pod as Pod;
  const c = containerSpec(pod, name);
  const rt = p.runtime.containers[name]!;
  const configError = missingConfig(ctx, pod, c);
  if (configError) {
    return {
      events: [
        E.containerCreateFailed(
          obj,
          { container: name, reason: 'CreateContainerConfigError', message: configError },
          [kubeletNote('Warning', 'Failed', `Error: ${configError}`)],
        ),
      ],
      timers: [],
      blocked: false,
      error: true,
    };
  }
  const faults = ctx.inputs.faultsOf(pod, name);
  if (faults.createError) {
    return {
      events: [
        E.containerCreateFailed(
          obj,
          { container: name, reason: 'CreateContainerError', message: faults.createError },
          [kubeletNote('Warning', 'Failed', `Error: ${faults.createError}`)],
        ),
      ],
      timers: [],
      blocked: false,
      error: true,
    };
  }
  const instance = rt.instances + 1;
  const id = drawContainerId(ctx.seed, `container/${pod.metadata!.uid}/${name}/${instance}`);
  const events: Draft[] = [
    E.containerCreated(obj, { container: name, id, backoff }, [
      // v1.31 wording (1.32 added a colon: "Created container: <name>").
      kubeletNote('Normal', 'Created', `Created container ${name}`),
    ]),
  ];
  if (faults.runError) {
    const message = `failed to start containerd task "${id}": ${faults.runError}`;
    events.push(
      E.containerStartFailed(obj, { container: name, message }, [
        kubeletNote('Warning', 'Failed', `Error: ${message}`),
      ]),
    );
    return { events, timers: [], blocked: false, error: true };
  }
  events.push(
    E.containerStarted(obj, { container: name }, [
      kubeletNote('Normal', 'Started', `Started container ${name}`),
    ]),
  );
  const behaviour = ctx.inputs.behaviourOf(pod, name);
  const timers = processTimers(
    p.key,
    name,
    instance,
    behaviour,
    { pc: 0, since: ctx.now },
    ctx.now,
    memoryLimit(c),
  );
  const hook = c.lifecycle?.postStart;
  if (hook) {
    // The hook runs right after StartContainer: the process has just started.
    const running = {
      ...rt,
      phase: 'running' as const,
      startedAt: ctx.now,
      program: { pc: 0, since: ctx.now },
    };
    const hb = hookOutcome('postStart', hook, pod, c, running, behaviour, ctx.now);
    const endsAt = ctx.now + hb.durationMs;
    events.push(
      withCause(E.hookStarted(obj, { container: name, hook: 'postStart', endsAt }), 'previous'),
    );
    timers.push(hookDone(p.key, name, instance, 'postStart', endsAt, hb.fails, false, null));
    return { events, timers, blocked: true, error: false };
  }
  return { events, timers, blocked: false, error: false };
}

export function memoryLimit(c: Container): number | undefined {
  const lim = c.resources?.limits?.memory;
  return lim === undefined ? undefined : parseQuantity(lim)?.whole;
}

/**
 * The first env reference that cannot be resolved, as kubelet_pods.go makeEnvironmentVariables
 * reports it; optional references are skipped.
 */
function missingConfig(ctx: DecideContext, pod: Pod, c: Container): string | undefined {
  const ns = pod.metadata!.namespace ?? 'default';
  const lookup = (
    kind: 'ConfigMap' | 'Secret',
    name: string,
  ): Record<string, unknown> | undefined =>
    ctx.state.objects.get(objectKey(kind, ns, name))?.object;
  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
    if (ref?.name && !ref.optional && !lookup(kind, ref.name))
      return `${kind.toLowerCase()} "${ref.name}" not found`;
  }
  for (const env of c.env ?? []) {
    const ref = env.valueFrom?.configMapKeyRef ?? env.valueFrom?.secretKeyRef;
    if (!ref || ref.optional) continue;
    const kind = env.valueFrom?.configMapKeyRef ? 'ConfigMap' : 'Secret';
    const obj = lookup(kind, ref.name ?? '');
    if (!obj) return `${kind.toLowerCase()} "${ref.name}" not found`;
    const data = {
      ...((obj.data as Record<string, unknown>) ?? {}),
      ...((obj.binaryData as Record<string, unknown>) ?? {}),
    };
    if (!Object.prototype.hasOwnProperty.call(data, ref.key))
      return `couldn't find key ${ref.key} in ${kind} ${ns}/${ref.name}`;
  }
  return undefined;
}
