/**
 * Kubernetes-shaped read models of the folded state: what `kubectl get pod -o json` and
 * `kubectl get events` would return at that instant.
 */
import type { Event, Pod } from 'kubernetes-types/core/v1.js';
import { formatRfc3339 } from '../model/time.js';
import type { ClusterState, NodeState, ObjectState, PodState, RecordedEvent } from './model.js';
import { compareText } from '../model/order.js';

/** The pods' states in the API's list order: by namespace, then name (etcd's key order). */
export function listedPods(state: ClusterState): PodState[] {
  return [...state.pods.values()].sort((a, b) => byNamespaceAndName(a.pod, b.pod));
}

/** The pods as the API lists them. */
export function podList(state: ClusterState): Pod[] {
  return listedPods(state).map((p) => p.pod as Pod);
}

/** The API's list order: /registry/<resource>/<namespace>/<name> keys, compared bytewise. */
export function byNamespaceAndName(
  a: { metadata?: { namespace?: string; name?: string } },
  b: { metadata?: { namespace?: string; name?: string } },
): number {
  const ka = `${a.metadata?.namespace ?? 'default'}/${a.metadata?.name ?? ''}`;
  const kb = `${b.metadata?.namespace ?? 'default'}/${b.metadata?.name ?? ''}`;
  return compareText(ka, kb);
}

/** The node's Ready condition is True (the node lifecycle controller sets Unknown when it is lost). */
export const nodeReady = (n: NodeState): boolean => n.readyCondition.status === 'True';

/**
 * The node the pod is bound to, when no kubelet runs there: that node's kubelet is stopped
 * (scenario nodeDown), or the pod is pinned to a node the scenario does not have. Nothing the
 * kubelet does for the pod happens, and the API keeps the status it last reported.
 */
export function stoppedKubeletNode(state: ClusterState, p: PodState): string | undefined {
  const node = p.runtime.node;
  return node !== null && state.nodes.get(node)?.kubelet.running !== true ? node : undefined;
}

/** The pods bound to the node (in creation order). */
export function podsOnNode(state: ClusterState, node: string): PodState[] {
  return [...state.pods.values()].filter((p) => p.runtime.node === node);
}

/** The pod by `namespace/name`, or by bare name in any namespace (first in creation order). */
export function findPod(
  state: ClusterState,
  name: string,
  namespace?: string,
): PodState | undefined {
  if (namespace !== undefined) return state.pods.get(`${namespace}/${name}`);
  for (const p of state.pods.values()) if (p.pod.metadata!.name === name) return p;
  return undefined;
}

/** The pod's Events as core/v1 Event objects (kubectl describe's input). */
export function podEvents(state: ClusterState, p: PodState): Event[] {
  const md = p.pod.metadata!;
  return p.events.map((e, i) =>
    kubeEvent(
      state,
      e,
      i,
      {
        apiVersion: 'v1',
        kind: 'Pod',
        name: md.name,
        namespace: md.namespace,
        // The taint eviction controller refers to pods by namespace and name only.
        uid: e.noUid ? '' : md.uid,
      },
      e.from === 'kubelet'
        ? { component: 'kubelet', host: p.runtime.node ?? undefined }
        : { component: e.from },
    ),
  );
}

/**
 * A recorded (correlated) Event as the core/v1 Event object the API would hold: named after its
 * object with a per-object counter, timestamps from the run's start time.
 */
export function kubeEvent(
  state: ClusterState,
  e: RecordedEvent,
  i: number,
  involvedObject: NonNullable<Event['involvedObject']>,
  source: Event['source'],
): Event {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${involvedObject.name}.${(i + 1).toString(16).padStart(16, '0')}`,
      ...(involvedObject.namespace === undefined ? {} : { namespace: involvedObject.namespace }),
    },
    involvedObject,
    reason: e.reason,
    message: e.message,
    type: e.type,
    count: e.count,
    firstTimestamp: formatRfc3339(state.epochMs + e.firstAt),
    lastTimestamp: formatRfc3339(state.epochMs + e.lastAt),
    source,
  } as Event;
}

export function nowRfc(state: ClusterState, at: number): string {
  return formatRfc3339(state.epochMs + at);
}

/**
 * An API object's Events (a Deployment's ScalingReplicaSet, a ReplicaSet's SuccessfulCreate) as
 * core/v1 Event objects; those recorded without the object's uid are left out, as kubectl's
 * uid-matching search leaves them out.
 */
export function objectEvents(state: ClusterState, o: ObjectState): Event[] {
  const md = (o.object.metadata ?? {}) as { name?: string; namespace?: string; uid?: string };
  const apiVersion = String(o.object.apiVersion ?? 'v1');
  const out: Event[] = [];
  o.events.forEach((e, i) => {
    if (e.noUid) return;
    out.push(
      kubeEvent(
        state,
        e,
        i,
        { apiVersion, kind: o.kind, name: md.name, namespace: md.namespace, uid: md.uid },
        { component: e.from },
      ),
    );
  });
  return out;
}
