/** `podsim describe deployment|rs|rc|svc NAME`: kubectl's describers over the state at an instant. */
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { findNewReplicaSet } from '../controllers/deploymentUtil.js';
import type { ClusterState, ObjectState } from '../state/model.js';
import { nowRfc, objectEvents } from '../state/selectors.js';
import { ownedObjects, ownedPods, replicaCounts } from '../state/workloads.js';
import { describeDeployment, describeReplicaSet } from '../views/index.js';
import { describeService } from '../views/describe/describeService.js';
import type { SliceView } from '../views/describe/describeService.js';
import { endpointSlice, managesEndpoints } from '../state/endpoints.js';
import type { Service } from 'kubernetes-types/core/v1.js';
import type { ReplicaSetSummary, ReplicaSetView } from '../views/index.js';
import { nameOf, ofKind } from '../views/workloads.js';
import { workloadResource } from './workloadGet.js';

type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'ReplicationController' | 'Service';

/** The resources `describe` takes (by the plural `get` resolves), and kubectl's NotFound name. */
const DESCRIBED: Record<string, { kind: WorkloadKind; notFound: string }> = {
  deployments: { kind: 'Deployment', notFound: 'deployments.apps' },
  replicasets: { kind: 'ReplicaSet', notFound: 'replicasets.apps' },
  replicationcontrollers: { kind: 'ReplicationController', notFound: 'replicationcontrollers' },
  services: { kind: 'Service', notFound: 'services' },
};

const described = (resource: string | undefined): (typeof DESCRIBED)[string] | undefined => {
  const plural = workloadResource(resource);
  return plural !== undefined && Object.hasOwn(DESCRIBED, plural) ? DESCRIBED[plural] : undefined;
};

export const isDescribableWorkload = (resource: string | undefined): boolean =>
  described(resource) !== undefined;

/** The object of `kind` by name, in any namespace (the first created), as findPod finds pods. */
function findObject(state: ClusterState, kind: string, name: string): ObjectState | undefined {
  for (const o of state.objects.values()) if (o.kind === kind && nameOf(o) === name) return o;
  return undefined;
}

/** The resource's objects: the one named `name`, every one, each one's name, kubectl's NotFound. */
export function workloadLookup(
  state: ClusterState,
  resource: string,
  name: string,
): {
  exact: ObjectState | undefined;
  all: () => ObjectState[];
  nameOf: (o: ObjectState) => string;
  notFound: string;
} {
  const { kind, notFound } = described(resource)!;
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
  const kind = o.kind as WorkloadKind;
  const now = nowRfc(state, at);
  const nowEpoch = state.epochMs + at;
  const events = showEvents ? objectEvents(state, o) : null;
  if (kind === 'Service') return describeService(o.object, serviceSlices(state, o), events, now);
  if (kind === 'Deployment') {
    // deploymentutil.GetAllReplicaSets: the ReplicaSets it controls, listed by name as the API
    // lists them; the one whose template matches is new, every other one old.
    const sets = ownedObjects(state, o, 'ReplicaSet').sort((a, b) =>
      nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0,
    );
    const newRS = findNewReplicaSet(sets, o.object as Deployment);
    const summary = (rs: ObjectState): ReplicaSetSummary => {
      const c = replicaCounts(state, rs, nowEpoch);
      return { name: nameOf(rs), current: c.replicas, desired: c.desired };
    };
    return describeDeployment(
      o.object,
      sets.filter((rs) => rs !== newRS).map(summary),
      newRS && summary(newRS),
      events,
      now,
    );
  }
  const c = replicaCounts(state, o, nowEpoch);
  const view: ReplicaSetView = {
    current: c.replicas,
    desired: c.desired,
    running: 0,
    waiting: 0,
    succeeded: 0,
    failed: 0,
  };
  // getPodStatusForController: every pod it controls that the API still holds, by phase.
  for (const p of ownedPods(state, o)) {
    const phase = (p.pod as Pod).status?.phase;
    if (phase === 'Running') view.running++;
    else if (phase === 'Pending') view.waiting++;
    else if (phase === 'Succeeded') view.succeeded++;
    else if (phase === 'Failed') view.failed++;
  }
  return describeReplicaSet(kind, o.object, view, events, now);
}

/**
 * The Service's EndpointSlices as describe reads them: one per set of resolved ports, as the
 * controller groups endpoints (in the order podsim lists them), or the controller's placeholder
 * (no ports, no endpoints) when nothing matches; none for a Service without a selector.
 */
function serviceSlices(state: ClusterState, o: ObjectState): SliceView[] {
  if (!managesEndpoints(o.object as Service)) return [];
  const slices = new Map<
    string,
    { ports: SliceView['ports']; endpoints: SliceView['endpoints'][number][] }
  >();
  for (const e of endpointSlice(state, o)) {
    const key = JSON.stringify(e.ports);
    const slice = slices.get(key) ?? { ports: e.ports, endpoints: [] };
    slice.endpoints.push({ ip: e.ip, ready: e.ready });
    slices.set(key, slice);
  }
  return slices.size > 0 ? [...slices.values()] : [{ ports: [], endpoints: [] }];
}
