/**
 * The fold: `state = fold(events)`. `applyEvent` routes each event to the reducer of the one
 * entity it concerns and replaces that entity with the reducer's result: its own Immer `produce`,
 * or for the events of a pod's life a copy of just the records that change (podReducer.ts); the Map
 * indexes are updated outside any draft (drafting a 10,000-pod cluster per event is ~1,000× slower,
 * see shared/design/dependencies.md). Nothing else writes state.
 */
import type { SimEvent } from '../events/catalog.js';
import { parseRfc3339 } from '../model/time.js';
import { immer } from './caseReducers.js';
import type { FoldContext } from './caseReducers.js';
import { emptyState } from './model.js';
import type { ClusterState, ObjectState, PodState } from './model.js';
import {
  podCases,
  podKeeps,
  podPlacingCases,
  afterPodEvent,
  placePod,
  reducePod,
} from './podReducer.js';
import { statusInputsKept, statusUpdate, withStatusUpdate } from './podStatus.js';
import { addUsage, podUsage } from './podRequests.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { changesProbes } from '../kubelet/probeWake.js';
import { isPodActive, isPodReady } from '../controllers/activePods.js';
import { nodeEffects, newNodeState, newObjectState, newPodState } from './clusterReducer.js';
import { withNotes } from './recordEvents.js';
import type { Recorded } from './recordEvents.js';
import type { KubeEventNote } from '../events/createEvent.js';
import { stoppedKubeletNode } from './selectors.js';
import { controllerKeyOf, objectCases } from './objectReducer.js';
import { nodeLifecycleCases, nodePodCases } from './nodeLifecycleReducer.js';

/** Raised when an event cannot be applied; names the event so a trace problem can be located. */
export class FoldError extends Error {
  constructor(
    readonly ev: { seq: number; at: number; type: string },
    detail: string,
  ) {
    super(`event seq ${ev.seq} (${ev.type} at ${ev.at} ms): ${detail}`);
    this.name = 'FoldError';
  }
}

export function applyEvent(state: ClusterState, ev: SimEvent): ClusterState {
  if (ev.seq <= state.seq) throw new FoldError(ev, `seq must increase (last was ${state.seq})`);
  if (ev.at < state.at)
    throw new FoldError(ev, `time went backwards (last event at ${state.at} ms)`);
  const ctx: FoldContext = { epochMs: state.epochMs };
  switch (ev.type) {
    case 'cluster/started': {
      const epoch = parseRfc3339(ev.payload.startTime);
      if (epoch === undefined)
        throw new FoldError(ev, `startTime is not RFC 3339: ${ev.payload.startTime}`);
      state.startTime = ev.payload.startTime;
      state.epochMs = epoch;
      state.seed = ev.payload.seed;
      break;
    }
    case 'cluster/forked':
      // A marker: the inputs that change live outside the state (see engine/fork.ts).
      break;
    case 'node/registered':
      state.nodes.set(ev.payload.node.name, newNodeState(ev));
      break;
    case 'object/applied': {
      const prev = state.objects.get(objKey(ev.object));
      const next = newObjectState(
        objKey(ev.object),
        ev.payload.kind,
        ev.payload.object,
        prev?.createdAt ?? ev.at,
      );
      if (prev) {
        next.events = prev.events;
        next.recorder = prev.recorder;
        next.created = prev.created;
      }
      state.objects.set(objKey(ev.object), withOwnNotes(next, ev));
      break;
    }
    case 'object/deleted':
      if (!state.objects.delete(objKey(ev.object)))
        throw new FoldError(ev, `no object ${ev.object}`);
      break;
    case 'pod/created': {
      const key = podKeyOf(ev);
      if (state.pods.has(key)) throw new FoldError(ev, `pod ${key} already exists`);
      const p = newPodState(key, ev.payload.pod, ev.seq);
      afterPodEvent(p, { at: ev.at, seq: ev.seq, notes: ownNotes(ev) }, ctx);
      state.pods.set(key, p);
      trackUsage(state, undefined, p);
      const ownerUid = controllerUidOf(p);
      if (ownerUid !== undefined) {
        const set = state.podsByOwner.get(ownerUid) ?? new Set<string>();
        set.add(key);
        state.podsByOwner.set(ownerUid, set);
        countOwned(state, ownerUid, undefined, p);
      }
      // The owner's creation counter: the next generated name uses the next draws.
      const owner = controllerKeyOf(p.pod);
      const o = owner === undefined ? undefined : state.objects.get(owner);
      if (o) state.objects.set(o.key, { ...o, created: o.created + 1 });
      break;
    }
    case 'pod/deleted': {
      const key = podKeyOf(ev);
      const p = state.pods.get(key);
      if (!p) throw new FoldError(ev, `no pod ${key}`);
      releaseIp(state, p);
      trackUsage(state, p, undefined);
      const ownerUid = controllerUidOf(p);
      if (ownerUid !== undefined) {
        state.podsByOwner.get(ownerUid)?.delete(key);
        countOwned(state, ownerUid, p, undefined);
      }
      state.pods.delete(key);
      break;
    }
    default: {
      if (ev.object.startsWith('Pod/')) applyPodEvent(state, ev, ctx);
      else if (objectCases.handles(ev.type)) applyObjectEvent(state, ev, ctx);
      else if (nodeLifecycleCases.handles(ev.type)) applyNodeEvent(state, ev, ctx);
      else if (ev.object.startsWith('Node/') || ev.notes) applyNoteOnly(state, ev);
      else throw new FoldError(ev, `no reducer for ${ev.type} on ${ev.object}`);
    }
  }
  recordForeignNotes(state, ev);
  state.seq = ev.seq;
  state.at = ev.at;
  return state;
}

/**
 * The notes recorded on the event's own entity. A note naming another object (SuccessfulCreate on
 * a pod's event is about its ReplicaSet) is recorded only there (recordForeignNotes), as the
 * Event's involvedObject is that object: `kubectl describe pod` does not list it.
 */
function ownNotes(ev: SimEvent): KubeEventNote[] | undefined {
  const notes = ev.notes;
  if (notes === undefined || notes.every((n) => n.object === undefined)) return notes;
  const own = notes.filter((n) => n.object === undefined);
  return own.length > 0 ? own : undefined;
}

/** The entity with the event's own notes recorded in a copy of its Events (itself when none). */
function withOwnNotes<T extends Recorded>(entity: T, ev: SimEvent): T {
  const notes = ownNotes(ev);
  return notes ? { ...entity, ...withNotes(entity, notes, ev.at, ev.seq) } : entity;
}

/** Notes naming another object (e.g. SuccessfulCreate on the ReplicaSet) are recorded there. */
function recordForeignNotes(state: ClusterState, ev: SimEvent): void {
  for (const n of ev.notes ?? []) {
    if (n.object === undefined) continue;
    const o = state.objects.get(n.object);
    if (!o) throw new FoldError(ev, `a note names ${n.object}, which does not exist`);
    // Without `object` (a `delete` would turn the copy into a dictionary).
    const { object: _named, ...note } = n;
    state.objects.set(o.key, { ...o, ...withNotes(o, [note], ev.at, ev.seq) });
  }
}

function applyObjectEvent(state: ClusterState, ev: SimEvent, ctx: FoldContext): void {
  const o = state.objects.get(objKey(ev.object));
  if (!o) throw new FoldError(ev, `no object ${ev.object}`);
  const reducer = objectCases.get(ev.type)!;
  const next = immer.produce(o, (d: ObjectState) => reducer(d, ev, ctx));
  state.objects.set(o.key, withOwnNotes(next, ev));
}

function applyPodEvent(state: ClusterState, ev: SimEvent, ctx: FoldContext): void {
  const key = podKeyOf(ev);
  const p = state.pods.get(key);
  if (!p) throw new FoldError(ev, `no pod ${key}`);
  const placing = podPlacingCases.get(ev.type);
  const reducer = placing ?? podCases.get(ev.type) ?? nodePodCases.get(ev.type);
  if (!reducer) throw new FoldError(ev, `no pod reducer for ${ev.type}`);
  try {
    const probes = changesProbes(ev);
    let next =
      !probes && podKeeps.get(ev.type)?.(p, ev) === true
        ? p
        : placing
          ? placePod(p, placing, ev, ctx, probes)
          : reducePod(p, reducer, ev, ctx, probes);
    // The recorded Events and the derived status are written outside the draft, as copies of
    // just the records they change: reading a draft creates a proxy per object touched.
    next = withOwnNotes(next, ev);
    // Status is a function of the pod and its runtime: when the reducer changed none of what it
    // reads, the status written after the previous event still holds (pod/statusResynced asks for
    // it anew). While the pod's kubelet is stopped nobody writes it (the API keeps what it last
    // heard).
    const unchanged = statusInputsKept(p, next) && ev.type !== 'pod/statusResynced';
    const update =
      unchanged || stoppedKubeletNode(state, p) !== undefined ? undefined : statusUpdate(next, ctx);
    if (update) next = withStatusUpdate(next, update, ev.at, ctx);
    state.pods.set(key, next);
    trackUsage(state, p, next);
    if (next.pod !== p.pod) {
      const ownerUid = controllerUidOf(next);
      if (ownerUid !== undefined) countOwned(state, ownerUid, p, next);
    }
  } catch (e) {
    if (e instanceof FoldError) throw e;
    throw new FoldError(ev, `rejected by the pod reducer: ${(e as Error).message}`);
  }
  const nodeEffect = nodeEffects.get(ev.type);
  const nodeName = nodeEffect && state.pods.get(key)!.runtime.node;
  if (nodeEffect && nodeName) {
    const n = state.nodes.get(nodeName);
    if (!n) throw new FoldError(ev, `pod ${key} is bound to unknown node ${nodeName}`);
    state.nodes.set(nodeName, nodeEffect(n, ev));
  }
}

// A pod event has one reducer: placing (no draft), drafting, or the control plane's.
for (const type of podPlacingCases.types())
  if (podCases.handles(type) || nodePodCases.handles(type))
    throw new Error(`pods: "${type}" has a placing reducer and a drafting one`);

function applyNodeEvent(state: ClusterState, ev: SimEvent, ctx: FoldContext): void {
  const name = ev.object.slice('Node/'.length);
  const n = state.nodes.get(name);
  if (!n) throw new FoldError(ev, `no node ${name}`);
  const reducer = nodeLifecycleCases.get(ev.type)!;
  state.nodes.set(
    name,
    withOwnNotes(
      immer.produce(n, (d) => reducer(d, ev, ctx)),
      ev,
    ),
  );
}

function applyNoteOnly(state: ClusterState, ev: SimEvent): void {
  if (ev.object.startsWith('Node/')) {
    const name = ev.object.slice('Node/'.length);
    const n = state.nodes.get(name);
    if (!n) throw new FoldError(ev, `no node ${name}`);
    state.nodes.set(name, withOwnNotes(n, ev));
    return;
  }
  const o = state.objects.get(objKey(ev.object));
  if (!o) throw new FoldError(ev, `no object ${ev.object}`);
  state.objects.set(o.key, withOwnNotes(o, ev));
}

function releaseIp(state: ClusterState, p: PodState): void {
  const node = p.runtime.node ? state.nodes.get(p.runtime.node) : undefined;
  const idx = p.runtime.ipIndex;
  if (!node || idx === null) return;
  // One top-level field: a copy of the node record, no draft needed.
  state.nodes.set(node.spec.name, {
    ...node,
    ipsInUse: node.ipsInUse.filter((i) => i !== idx),
  });
}

const podKeyOf = (ev: { object: string }): string => ev.object.slice('Pod/'.length);
const objKey = (object: string): string => object;

/** Folds a whole sequence of events from the empty state. */
export function fold(events: Iterable<SimEvent>): ClusterState {
  let s = emptyState();
  for (const ev of events) s = applyEvent(s, ev);
  return s;
}

/** A pod counts on its node from binding (or creation, when pinned) until it is terminal. */
const counts = (p: PodState | undefined): string | undefined =>
  p && p.runtime.node !== null && !p.runtime.terminal ? p.runtime.node : undefined;

function trackUsage(
  state: ClusterState,
  before: PodState | undefined,
  after: PodState | undefined,
): void {
  const was = counts(before);
  const is = counts(after);
  if (was === is) return;
  if (was) adjust(state, was, podUsage(before!.pod as Pod), -1);
  if (is) adjust(state, is, podUsage(after!.pod as Pod), 1);
}

function adjust(
  state: ClusterState,
  node: string,
  u: ReturnType<typeof podUsage>,
  sign: 1 | -1,
): void {
  const n = state.nodes.get(node);
  // A pod pinned to a node the scenario does not have counts nowhere (no kubelet runs it).
  if (!n) return;
  state.nodes.set(node, { ...n, usage: addUsage(n.usage, u, sign) });
}

/** Keeps ClusterState.podCountsByOwner as a pod of the controller `uid` changes. */
function countOwned(
  state: ClusterState,
  uid: string,
  before: PodState | undefined,
  after: PodState | undefined,
): void {
  const wasActive = before !== undefined && isPodActive(before.pod as Pod);
  const isActive = after !== undefined && isPodActive(after.pod as Pod);
  const wasReady = wasActive && isPodReady(before!.pod as Pod);
  const isReady = isActive && isPodReady(after!.pod as Pod);
  if (wasActive === isActive && wasReady === isReady) return;
  const c = state.podCountsByOwner.get(uid) ?? { active: 0, ready: 0 };
  state.podCountsByOwner.set(uid, {
    active: c.active + Number(isActive) - Number(wasActive),
    ready: c.ready + Number(isReady) - Number(wasReady),
  });
}

function controllerUidOf(p: PodState): string | undefined {
  const ref = p.pod.metadata?.ownerReferences?.find((r) => r.controller === true);
  return ref?.uid;
}
