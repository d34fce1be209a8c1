/** `podsim describe deployment|rs|rc|svc NAME`: kubectl's describers over the state at an instant. */
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { findNewReplicaSet } from '../controllers/deploymentUtil.js';
import type { ClusterState, ObjectState } from '../state/model.js';
import { byNamespaceAndName, nowRfc, objectEvents } from '../state/selectors.js';
import { ownedCounts, ownedObjects, podPhaseCounts, specReplicas } from '../state/workloads.js';
import { describeDeployment, describeReplicaSet } from '../views/index.js';
import { describeService } from '../views/describe/describeService.js';
import { serviceSlices } from '../views/endpointSlices.js';
import type { ReplicaSetSummary, ReplicaSetView } from '../views/index.js';
import { nameOf, ofKind } from '../views/workloads.js';
import { workloadResource } from './workloadGet.js';

type DescribedKind = 'Deployment' | 'ReplicaSet' | 'ReplicationController' | 'Service';

/** The resources `describe` takes (by the plural `get` resolves), and kubectl's NotFound name. */
const DESCRIBED: Record<string, { kind: DescribedKind; notFound: string }> = {
  deployments: { kind: 'Deployment', notFound: 'deployments.apps' },
  replicasets: { kind: 'ReplicaSet', notFound: 'replicasets.apps' },
  replicationcontrollers: { kind: 'ReplicationController', notFound: 'replicationcontrollers' },
  services: { kind: 'Service', notFound: 'services' },
};

/** What `describe` describes of a resource it takes (by any name `get` resolves), or undefined. */
export type DescribedResource = (typeof DESCRIBED)[string];

export function describedResource(resource: string | undefined): DescribedResource | undefined {
  const plural = workloadResource(resource);
  return plural !== undefined && Object.hasOwn(DESCRIBED, plural) ? DESCRIBED[plural] : undefined;
}

/** The object of `kind` by name, in any namespace (the first created), as findPod finds pods. */
function findObject(state: ClusterState, kind: string, name: string): ObjectState | undefined {
  for (const o of state.objects.values()) if (o.kind === kind && nameOf(o) === name) return o;
  return undefined;
}

/** The objects a `describe TYPE NAME` may print. */
export interface Lookup<T> {
  /** The one named NAME. */
  exact: T | undefined;
  /** Every one, as the API lists them. */
  all: () => T[];
  nameOf: (item: T) => string;
  /** kubectl's error when none matches. */
  notFound: string;
}

/** The resource's objects for `describe TYPE NAME`. */
export function workloadLookup(
  state: ClusterState,
  { kind, notFound }: DescribedResource,
  name: string,
): Lookup<ObjectState> {
  return {
    exact: findObject(state, kind, name),
    all: () => ofKind(state, kind),
    nameOf,
    notFound: `Error from server (NotFound): ${notFound} "${name}" not found\n`,
  };
}

/** kubectl's describer of the workload at `at`; its Events unless `showEvents` is false. */
export function describeWorkload(
  state: ClusterState,
  o: ObjectState,
  at: number,
  showEvents: boolean,
): string {
  const kind = o.kind as DescribedKind;
  const now = nowRfc(state, at);
  const events = showEvents ? objectEvents(state, o) : null;
  if (kind === 'Service') return describeService(o.object, serviceSlices(state, o), events, now);
  if (kind === 'Deployment') {
    // deploymentutil.GetAllReplicaSets: the ReplicaSets it controls, listed by name as the API
    // lists them; the one whose template matches is new, every other one old.
    const sets = ownedObjects(state, o, 'ReplicaSet').sort((a, b) =>
      byNamespaceAndName(a.object, b.object),
    );
    const newRS = findNewReplicaSet(sets, o.object as Deployment);
    const summary = (rs: ObjectState): ReplicaSetSummary => ({
      name: nameOf(rs),
      current: ownedCounts(state, rs).active,
      desired: specReplicas(rs),
    });
    return describeDeployment(
      o.object,
      sets.filter((rs) => rs !== newRS).map(summary),
      newRS && summary(newRS),
      events,
      now,
    );
  }
  const view: ReplicaSetView = {
    // status.replicas and spec.replicas.
    current: ownedCounts(state, o).active,
    desired: specReplicas(o),
    ...podPhaseCounts(state, o),
  };
  return describeReplicaSet(kind, o.object, view, events, now);
}
