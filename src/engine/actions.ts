/**
 * Timed actions from the scenario (and the initial apply at time 0), turned into API facts the way
 * the API server (and kubectl, for `rollout undo`) would record them.
 */
import * as E from '../events/catalog.js';
import type { Draft } from '../events/createEvent.js';
import type { Action } from '../model/scenario.js';
import { formatRfc3339 } from '../model/time.js';
import { objectKey, podKey, podObject } from '../state/model.js';
import type { ObjectState } from '../state/model.js';
import type { Service } from 'kubernetes-types/core/v1.js';
import type { DecideContext, Decision } from './context.js';
import { drawUuid } from './rng.js';
import { execChanges } from '../kubelet/execAction.js';
import { createdPod, deletePodDrafts } from '../controllers/podControl.js';
import { allocateServiceAddresses } from '../controllers/serviceAlloc.js';
import { rolloutUndoDrafts } from '../controllers/rollback.js';
import { nodeDown, nodeUp } from '../controllers/nodeLifecycle.js';
import { deleteWithDependents } from '../controllers/garbageCollector.js';
import { controllerKeyOf } from '../state/objectReducer.js';
import { stoppedKubeletNode } from '../state/selectors.js';
import { cloneJson } from '../model/cloneJson.js';

type Obj = Record<string, unknown>;
type KubeObject = { kind?: string; metadata?: Obj & { name?: string; namespace?: string } } & Obj;

/** Kinds whose metadata the API server fills (uid, creationTimestamp, generation) in podsim. */
const SERVER_META = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'Service']);
/** Annotations controllers own: a re-apply (kubectl apply merges) keeps them. */
const CONTROLLER_ANNOTATION = /^deployment\.kubernetes\.io\//;

/**
 * The object as stored after a create or an update: new objects get uid, creationTimestamp and
 * generation 1 (and a Service its addresses); an update keeps those, bumps generation when the
 * spec changed, and keeps what controllers wrote (status, their annotations, allocated addresses).
 */
function storedObject(
  ctx: DecideContext,
  key: string,
  o: KubeObject,
  prev: ObjectState | undefined,
  batch: Array<{ key: string; svc: Service }>,
): Obj {
  const kind = String(o.kind);
  if (!SERVER_META.has(kind)) return o;
  const obj = cloneJson(o) as KubeObject & { metadata: Obj; spec?: Obj };
  obj.metadata ??= {};
  if (!prev) {
    obj.metadata.uid = drawUuid(ctx.seed, `uid/${key}@${ctx.now}`);
    obj.metadata.creationTimestamp = formatRfc3339(ctx.state.epochMs + ctx.now);
    if (kind !== 'Service') obj.metadata.generation = 1;
    if (kind === 'Service') {
      allocateServiceAddresses(ctx.state, ctx.seed, key, obj as never, batch);
      batch.push({ key, svc: obj as never });
    }
    return obj;
  }
  const old = prev.object as KubeObject & { metadata: Obj; spec?: Obj };
  obj.metadata.uid = old.metadata.uid;
  obj.metadata.creationTimestamp = old.metadata.creationTimestamp;
  if (old.metadata.generation !== undefined) {
    const changed = JSON.stringify(obj.spec) !== JSON.stringify(old.spec);
    obj.metadata.generation = (old.metadata.generation as number) + (changed ? 1 : 0);
  }
  const kept = Object.entries((old.metadata.annotations as Obj | undefined) ?? {}).filter(([k]) =>
    CONTROLLER_ANNOTATION.test(k),
  );
  if (kept.length > 0)
    obj.metadata.annotations = {
      ...((obj.metadata.annotations as Obj) ?? {}),
      ...Object.fromEntries(kept),
    };
  if (old.status !== undefined) obj.status = old.status;
  if (kind === 'Service' && obj.spec && old.spec) {
    obj.spec.clusterIP ??= old.spec.clusterIP;
    obj.spec.clusterIPs ??= old.spec.clusterIPs;
    allocateServiceAddresses(ctx.state, ctx.seed, key, obj as never, batch);
    batch.push({ key, svc: obj as never });
  }
  return obj;
}

export function applyObjects(ctx: DecideContext, objects: readonly unknown[]): Draft[] {
  const out: Draft[] = [];
  // Services created earlier in this apply hold their addresses already.
  const services: Array<{ key: string; svc: Service }> = [];
  for (const raw of objects) {
    const o = raw as KubeObject;
    const kind = String(o.kind);
    const ns = String(o.metadata?.namespace ?? 'default');
    const name = String(o.metadata?.name);
    if (kind === 'Pod') {
      // The loader refused a different definition of a live pod (loadRun changedPodReapplies); what
      // reaches here is the same one (kubectl: unchanged), or one applied while a deleted pod of the
      // name still terminates, which podsim leaves as it is.
      if (ctx.state.pods.has(podKey(ns, name))) continue;
      out.push(E.podCreated(podObject(podKey(ns, name)), { pod: createdPod(ctx, cloneJson(o)) }));
    } else {
      const key =
        kind === 'Namespace' ? objectKey(kind, undefined, name) : objectKey(kind, ns, name);
      const stored = storedObject(ctx, key, o, ctx.state.objects.get(key), services);
      out.push(E.objectApplied(key, { kind, object: stored }));
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
        // kubectl delete: background propagation; the garbage collector deletes the dependents.
        // A deleted ReplicaSet wakes its Deployment (deployment_controller.go deleteReplicaSet),
        // which creates it again if it is the current template's.
        const owner = ctx.state.objects.get(key);
        const deployment = owner ? controllerKeyOf(owner.object as never) : undefined;
        return {
          events: deleteWithDependents(ctx.state, key),
          timers:
            deployment?.startsWith('Deployment/') === true
              ? [{ at: ctx.now, data: { kind: 'deployment', key: deployment } }]
              : [],
        };
      }
      const p = ctx.state.pods.get(podKey(namespace, name));
      if (!p) return { events: [], timers: [] };
      return { events: deletePodDrafts(p, action.gracePeriodSeconds), timers: [] };
    }
    case 'exec': {
      const p = ctx.state.pods.get(podKey(action.namespace, action.pod));
      const rt = p?.runtime.containers[action.container];
      if (!p || !rt || rt.phase !== 'running') return { events: [], timers: [] };
      // kubectl exec goes through the node's kubelet: nothing happens while it is stopped.
      if (stoppedKubeletNode(ctx.state, p) !== undefined) return { events: [], timers: [] };
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
    case 'scale': {
      // kubectl scale: writes spec.replicas through the scale subresource.
      const { kind, name, namespace } = action.target;
      const key = objectKey(kind, namespace, name);
      const o = ctx.state.objects.get(key);
      if (!o) return { events: [], timers: [] };
      return { events: [E.workloadScaled(key, { replicas: action.replicas })], timers: [] };
    }
    case 'rolloutUndo':
      return { events: rolloutUndoDrafts(ctx, action), timers: [] };
    case 'nodeDown':
      return nodeDown(ctx, action.node);
    case 'nodeUp':
      return nodeUp(ctx, action.node);
  }
}
