/**
 * Image handling before a container starts, mirroring pkg/kubelet/images/image_manager.go
 * EnsureImageExists: pull policy against the node's image cache, the per-image pull back-off, and
 * the node's serial puller (serializeImagePulls defaults to true: one pull at a time per node).
 */
import { kubeletNote } from './notes.js';
import type { Container } from 'kubernetes-types/core/v1.js';
import * as E from '../events/catalog.js';
import type { Millis } from '../model/time.js';
import { goDuration } from '../model/time.js';
import type { DecideContext, PullOutcome } from '../engine/context.js';
import type { NodeState, PodState } from '../state/model.js';
import { podObject } from '../state/model.js';
import { normaliseImage } from '../spec/manifest/index.js';
import { isInBackOffSinceUpdate, nextBackoff } from './backoff.js';
import type { Draft } from '../events/createEvent.js';

export type EnsureImage =
  | { status: 'ready'; events: Draft[] }
  | { status: 'failed'; events: Draft[] }
  | { status: 'pulling'; events: Draft[]; doneAt: Millis; outcome: PullOutcome };

export function ensureImage(
  ctx: DecideContext,
  p: PodState,
  node: NodeState,
  c: Container,
  syncStart: boolean,
): EnsureImage {
  const obj = podObject(p.key);
  const image = c.image!;
  const ref = normaliseImage(image);
  const rt = p.runtime.containers[c.name]!;
  if (!ref.ok) {
    const message = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`;
    return precheckFailed(obj, c.name, image, 'InvalidImageName', 'InspectFailed', message);
  }
  const present = node.images.includes(ref.full);
  const policy = c.imagePullPolicy ?? 'IfNotPresent';
  // imagePullPrecheck: IfNotPresent and Never inspect the local image first; a corrupt one fails.
  if (policy !== 'Always' && present && ctx.inputs.scenario.registry.images[ref.full]?.corrupt) {
    return inspectFailed(obj, c.name, image);
  }
  if (policy === 'Never' && !present) {
    const message = `Container image "${image}" is not present with pull policy of Never`;
    return precheckFailed(obj, c.name, image, 'ErrImageNeverPull', 'ErrImageNeverPull', message);
  }
  if (present && policy !== 'Always') {
    return {
      status: 'ready',
      events: [
        E.imagePresent(obj, { container: c.name, image, syncStart }, [
          kubeletNote('Normal', 'Pulled', `Container image "${image}" already present on machine`),
        ]),
      ],
    };
  }
  if (isInBackOffSinceUpdate(rt.pullBackoff, ctx.now)) {
    return {
      status: 'failed',
      events: [
        E.imageBackOff(obj, { container: c.name, image }, [
          kubeletNote('Normal', 'BackOff', `Back-off pulling image "${image}"`),
          kubeletNote('Warning', 'Failed', 'Error: ImagePullBackOff'),
        ]),
      ],
    };
  }
  const startsAt = Math.max(ctx.now, node.pullFreeAt);
  const outcome = pullOutcome(ctx, ref.full, image, present, startsAt);
  const doneAt = startsAt + (outcome.ok ? outcome.pullMs : failMs(ctx));
  return {
    status: 'pulling',
    doneAt,
    outcome: outcome.ok ? { ...outcome, totalMs: doneAt - ctx.now } : outcome,
    events: [
      E.imagePulling(obj, { container: c.name, image, startsAt, doneAt, syncStart }, [
        kubeletNote('Normal', 'Pulling', `Pulling image "${image}"`),
      ]),
    ],
  };
}

/** How long a failing pull takes to fail (resolving the reference against the registry). */
const failMs = (ctx: DecideContext): Millis => Math.min(ctx.inputs.scenario.registry.pullMs, 1000);

function pullOutcome(
  ctx: DecideContext,
  full: string,
  image: string,
  present: boolean,
  startsAt: Millis,
): PullOutcome {
  const reg = ctx.inputs.scenario.registry;
  const entry = reg.images[full];
  if (reg.outages.some((o) => startsAt >= o.fromMs && startsAt < o.untilMs)) {
    // evalCRIPullErr: a runtime error prefixed RegistryUnavailable (CRI-O does this for an unreachable
    // registry; containerd reports ErrImagePull with the dial error) — podsim models the former.
    return {
      ok: false,
      reason: 'RegistryUnavailable',
      message: `image pull failed for ${image} because the registry is unavailable: pinging container registry ${full.split('/')[0]}: dial tcp: connect: connection refused`,
    };
  }
  if (entry?.missing) {
    return {
      ok: false,
      reason: 'ErrImagePull',
      message: `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`,
    };
  }
  // A node that has the image only re-checks the manifest (policy Always): layers are not re-downloaded.
  const pullMs = present
    ? Math.min(entry?.pullMs ?? reg.pullMs, 500)
    : (entry?.pullMs ?? reg.pullMs);
  return { ok: true, pullMs, totalMs: 0, sizeBytes: entry?.sizeBytes ?? reg.sizeBytes };
}

/**
 * The pod's deletion cancelled the sync blocked in this pull (pod_workers.go UpdatePod →
 * cancelFn): the CRI PullImage call returns the context's error, which EnsureImageExists reports
 * as any failed pull. The serial puller is free at once, or at the pull's turn if it was still
 * queued (the cancelled request then fails at once).
 */
export function pullCancelled(
  ctx: DecideContext,
  p: PodState,
  busy: { container: string; startsAt: Millis; until: Millis },
  image: string,
): Draft {
  const outcome = {
    ok: false,
    reason: 'ErrImagePull',
    message: 'rpc error: code = Canceled desc = context canceled',
  } as const;
  return failedPull(ctx, p, busy.container, image, outcome, {
    pullerFreeAt: Math.max(ctx.now, busy.startsAt),
    plannedDoneAt: busy.until,
  });
}

/**
 * A pull that failed: EnsureImageExists' `Failed` event and back-off step, then startContainer's
 * `Error: <reason>`.
 */
function failedPull(
  ctx: DecideContext,
  p: PodState,
  container: string,
  image: string,
  outcome: Extract<PullOutcome, { ok: false }>,
  cancelled?: { pullerFreeAt: Millis; plannedDoneAt: Millis },
): Draft {
  const rt = p.runtime.containers[container]!;
  const backoff = nextBackoff(rt.pullBackoff, ctx.now, ctx.now);
  const message = `Failed to pull image "${image}": ${outcome.message}`;
  const payload = { container, image, reason: outcome.reason, message, backoff, afterPull: true };
  return E.imagePullFailed(podObject(p.key), cancelled ? { ...payload, cancelled } : payload, [
    kubeletNote('Warning', 'Failed', message),
    kubeletNote('Warning', 'Failed', `Error: ${outcome.reason}`),
  ]);
}

/** The events of a finished pull. */
export function pullFinished(
  ctx: DecideContext,
  p: PodState,
  container: string,
  image: string,
  outcome: PullOutcome,
): { ok: boolean; events: Draft[] } {
  const obj = podObject(p.key);
  if (outcome.ok) {
    const ref = normaliseImage(image);
    const full = ref.ok ? ref.full : image;
    const msg = `Successfully pulled image "${image}" in ${goDuration(outcome.pullMs)} (${goDuration(outcome.totalMs)} including waiting). Image size: ${outcome.sizeBytes} bytes.`;
    return {
      ok: true,
      events: [
        E.imagePulled(
          obj,
          {
            container,
            image: full,
            pullMs: outcome.pullMs,
            totalMs: outcome.totalMs,
            sizeBytes: outcome.sizeBytes,
          },
          [kubeletNote('Normal', 'Pulled', msg)],
        ),
      ],
    };
  }
  return { ok: false, events: [failedPull(ctx, p, container, image, outcome)] };
}

/**
 * A start that fails before any pull: the event with its reason and message, then startContainer's
 * `Error: <reason>` (image_manager.go EnsureImageExists, kuberuntime_container.go startContainer).
 */
function precheckFailed(
  obj: string,
  container: string,
  image: string,
  reason: string,
  eventReason: string,
  message: string,
): { status: 'failed'; events: Draft[] } {
  const payload = { container, image, reason, message, backoff: null, afterPull: false };
  return {
    status: 'failed',
    events: [
      E.imagePullFailed(obj, payload, [
        kubeletNote('Warning', eventReason, message),
        kubeletNote('Warning', 'Failed', `Error: ${reason}`),
      ]),
    ],
  };
}

/** image_manager.go quotes the (empty) image ref it failed to get, not the image name. */
function inspectFailed(
  obj: string,
  container: string,
  image: string,
): { status: 'failed'; events: Draft[] } {
  const message = `Failed to inspect image "": rpc error: code = Unknown desc = failed to get image status: image content is corrupt`;
  return precheckFailed(obj, container, image, 'ImageInspectError', 'InspectFailed', message);
}
