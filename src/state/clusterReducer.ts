/**
 * Reducers for nodes and other API objects, and pod creation/removal (which change the index).
 */
import { NO_RECORDER } from './recordEvents.js';
import { isRestartableInitContainer } from '../model/podSpec.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import * as E from '../events/catalog.js';
import { NO_USAGE } from './podRequests.js';
import type {
  NodeReadyCondition,
  NodeState,
  ObjectState,
  PodState,
  ContainerRuntime,
  Writable,
} from './model.js';
import { cloneJson } from '../model/cloneJson.js';
import { forEventType } from './caseReducers.js';

/**
 * Node-side effects of pod events (image cache, serial puller, IP allocation): each returns the
 * node's next value, a copy of the one record with the fields that change (or the node itself
 * when nothing does). A draft would cost more than the copy, and these run on every pull and
 * sandbox.
 */
export const nodeEffects = new Map<string, (n: NodeState, ev: E.SimEvent) => NodeState>([
  forEventType(E.imagePulling, (n, ev) =>
    ev.payload.doneAt > n.pullFreeAt ? { ...n, pullFreeAt: ev.payload.doneAt } : n,
  ),
  // A cancelled pull that was the last in the serial puller's line gives its time back; pulls
  // queued behind it keep their planned starts (their timers are not re-planned).
  forEventType(E.imagePullFailed, (n, ev) => {
    const c = ev.payload.cancelled;
    return c && n.pullFreeAt === c.plannedDoneAt ? { ...n, pullFreeAt: c.pullerFreeAt } : n;
  }),
  forEventType(E.imagePulled, (n, ev) =>
    n.images.includes(ev.payload.image) ? n : { ...n, images: [...n.images, ev.payload.image] },
  ),
  forEventType(E.sandboxReady, (n, ev) => ({
    ...n,
    lastIpIndex: ev.payload.ipIndex,
    ipsInUse: [...n.ipsInUse, ev.payload.ipIndex],
  })),
]);

/**
 * The Ready condition a running kubelet posts (nodestatus setters.go ReadyCondition); the
 * transition time moves only when the status changes.
 */
export function kubeletReadyCondition(at: number, lastTransition: number): NodeReadyCondition {
  return {
    status: 'True',
    reason: 'KubeletReady',
    message: 'kubelet is posting ready status',
    lastHeartbeat: at,
    lastTransition,
  };
}

export function newNodeState(ev: { at: number; payload: { node: NodeState['spec'] } }): NodeState {
  const spec = ev.payload.node;
  return {
    spec,
    images: [...spec.images],
    pullFreeAt: 0,
    lastIpIndex: 1,
    ipsInUse: [],
    registeredAt: ev.at,
    kubelet: { running: true, since: ev.at, startedAt: ev.at },
    readyCondition: kubeletReadyCondition(ev.at, ev.at),
    controllerTaints: [],
    lastNoExecuteTaintAt: null,
    usage: NO_USAGE,
    events: [],
    recorder: NO_RECORDER,
  };
}

export function newPodState(
  key: string,
  podObj: Record<string, unknown>,
  createdSeq: number,
): PodState {
  // The event's pod is fresh (the API server's copy) and no reducer writes into a plain pod but
  // its status at creation, so only the status is copied; metadata and spec are shared with the
  // event until an Immer draft replaces them (a deep copy of each pod cost a third of pod creation).
  const given = podObj as Writable<Pod>;
  const pod = {
    ...given,
    status: { phase: 'Pending', ...cloneJson(given.status ?? {}) },
  } as Writable<Pod>;
  const containers: Record<string, ContainerRuntime> = {};
  const order: string[] = [];
  for (const c of pod.spec!.initContainers ?? []) {
    containers[c.name] = newRuntime(c.name, true, isRestartableInitContainer(c));
    order.push(c.name);
  }
  for (const c of pod.spec!.containers) {
    containers[c.name] = newRuntime(c.name, false, false);
    order.push(c.name);
  }
  return {
    key,
    pod,
    runtime: {
      node: pod.spec!.nodeName ?? null,
      sandbox: 'none',
      probeStart: null,
      probeEpoch: createdSeq,
      ipIndex: null,
      busy: null,
      containers,
      order,
      terminal: false,
      deletionAt: null,
      initialized: false,
    },
    events: [],
    recorder: NO_RECORDER,
  };
}

function newRuntime(name: string, init: boolean, sidecar: boolean): ContainerRuntime {
  return {
    name,
    init,
    sidecar,
    instances: 0,
    id: null,
    phase: 'none',
    startedAt: null,
    finishedAt: null,
    prevFinishedAt: null,
    exitCode: null,
    program: { pc: 0, since: 0 },
    backoff: null,
    pullBackoff: null,
    startError: null,
    killing: null,
    fsChanges: [],
    probes: {},
    postStartUntil: null,
  };
}

export function newObjectState(
  key: string,
  kind: string,
  object: Record<string, unknown>,
  at: number,
): ObjectState {
  return {
    kind,
    key,
    object: cloneJson(object),
    createdAt: at,
    events: [],
    recorder: NO_RECORDER,
    created: 0,
  };
}
