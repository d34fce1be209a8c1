/**
 * Timed actions from the scenario (and the initial apply at time 0), turned into API facts the way
 * the API server would record them.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import * as E from '../events/catalog.js';
import type { Draft } from '../events/createEvent.js';
import type { Action } from '../model/scenario.js';
import { formatRfc3339 } from '../model/time.js';
import { objectKey, podKey, podObject } from '../state/model.js';
import type { DecideContext, Decision } from './context.js';
import { drawUuid } from './rng.js';
import { qosClass } from '../views/index.js';
import { execChanges } from '../kubelet/execAction.js';
import { admitPod } from './admission.js';

type KubeObject = { kind?: string; metadata?: { name?: string; namespace?: string } } & Record<
  string,
  unknown
>;

/** Pod as the API server stores it on create: uid, creationTimestamp, Pending status with QoS class. */
export function createdPod(ctx: DecideContext, obj: KubeObject): Record<string, unknown> {
  const pod = structuredClone(obj) as Record<string, unknown> & {
    metadata: Record<string, unknown>;
  };
  const ns = String(pod.metadata.namespace ?? 'default');
  const name = String(pod.metadata.name);
  pod.apiVersion = 'v1';
  pod.kind = 'Pod';
  pod.metadata = {
    ...pod.metadata,
    namespace: ns,
    uid: drawUuid(ctx.seed, `pod-uid/${ns}/${name}@${ctx.now}`),
    creationTimestamp: formatRfc3339(ctx.state.epochMs + ctx.now),
  };
  admitPod(pod as Parameters<typeof admitPod>[0], ctx.seed, `${ns}/${name}@${ctx.now}`);
  pod.status = { phase: 'Pending', qosClass: qosClass(pod as unknown as Pod) };
  return pod;
}

export function applyObjects(ctx: DecideContext, objects: readonly unknown[]): Draft[] {
  const out: Draft[] = [];
  for (const raw of objects) {
    const o = raw as KubeObject;
    const kind = String(o.kind);
    const ns = String(o.metadata?.namespace ?? 'default');
    const name = String(o.metadata?.name);
    if (kind === 'Pod') {
      if (ctx.state.pods.has(podKey(ns, name))) continue; // pods are immutable: a re-apply changes nothing podsim models
      out.push(E.podCreated(podObject(podKey(ns, name)), { pod: createdPod(ctx, o) }));
    } else {
      const key =
        kind === 'Namespace' ? objectKey(kind, undefined, name) : objectKey(kind, ns, name);
      out.push(E.objectApplied(key, { kind, object: o as Record<string, unknown> }));
    }
  }
  return out;
}

export function runAction(ctx: DecideContext, action: Action): Decision {
  switch (action.kind) {
    case 'apply':
      return { events: applyObjects(ctx, action.objects), timers: [] };
    case 'delete': {
      const { kind, name, namespace } = action.target;
      if (kind !== 'Pod') {
        const key =
          kind === 'Namespace'
            ? objectKey(kind, undefined, name)
            : objectKey(kind, namespace, name);
        return {
          events: ctx.state.objects.has(key) ? [E.objectDeleted(key, { kind })] : [],
          timers: [],
        };
      }
      const p = ctx.state.pods.get(podKey(namespace, name));
      if (!p) return { events: [], timers: [] };
      const obj = podObject(p.key);
      const pod = p.pod as Pod;
      // registry/core/pod/strategy.go: unscheduled and terminal pods are deleted with grace 0.
      const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
      if (!p.runtime.node || terminal) {
        return {
          events: [E.podDeletionRequested(obj, { gracePeriodSeconds: 0 }), E.podDeleted(obj, {})],
          timers: [],
        };
      }
      if (pod.metadata!.deletionTimestamp) return { events: [], timers: [] }; // a later delete may only shorten; not modelled
      const grace = action.gracePeriodSeconds ?? pod.spec!.terminationGracePeriodSeconds ?? 30;
      return { events: [E.podDeletionRequested(obj, { gracePeriodSeconds: grace })], timers: [] };
    }
    case 'exec': {
      const p = ctx.state.pods.get(podKey(action.namespace, action.pod));
      const rt = p?.runtime.containers[action.container];
      if (!p || !rt || rt.phase !== 'running') return { events: [], timers: [] };
      return {
        events: [
          E.containerExecuted(podObject(p.key), {
            container: action.container,
            command: action.command,
            changes: execChanges(action.command),
          }),
        ],
        timers: [],
      };
    }
    default:
      return { events: [], timers: [] };
  }
}
