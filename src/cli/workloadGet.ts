/** `podsim get deploy|rs|rc|svc|endpoints|endpointslices`: kubectl's tables for workloads and Services. */
import type { ClusterState } from '../state/model.js';
import { formatTable } from '../views/index.js';
import {
  DEPLOYMENT_COLUMNS,
  ENDPOINTS_COLUMNS,
  REPLICA_SET_COLUMNS,
  SERVICE_COLUMNS,
  deploymentRows,
  endpointsRows,
  replicaSetRows,
  serviceRows,
} from '../views/workloads.js';
import { ENDPOINT_SLICE_COLUMNS, endpointSliceRows } from '../views/endpointSlices.js';

/** kubectl's short names and plurals for the resources podsim lists besides pods. */
const RESOURCES: Record<string, string> = {
  deployment: 'deployments',
  deployments: 'deployments',
  deploy: 'deployments',
  replicaset: 'replicasets',
  replicasets: 'replicasets',
  rs: 'replicasets',
  replicationcontroller: 'replicationcontrollers',
  replicationcontrollers: 'replicationcontrollers',
  rc: 'replicationcontrollers',
  service: 'services',
  services: 'services',
  svc: 'services',
  endpoints: 'endpoints',
  ep: 'endpoints',
  endpointslice: 'endpointslices',
  endpointslices: 'endpointslices',
};

/**
 * The plural a resource name given on the command line stands for, if podsim lists it (own keys
 * only: `constructor` is not a resource).
 */
export function workloadResource(r: string | undefined): string | undefined {
  return r !== undefined && Object.hasOwn(RESOURCES, r) ? RESOURCES[r] : undefined;
}

export function isWorkloadResource(r: string | undefined): boolean {
  return workloadResource(r) !== undefined;
}

/** The table, or '' when there is nothing (kubectl then says "No resources found"). */
export function workloadTable(resource: string, state: ClusterState, at: number): string {
  switch (workloadResource(resource)) {
    case 'deployments':
      return formatTable(DEPLOYMENT_COLUMNS, deploymentRows(state, at));
    case 'replicasets':
      return formatTable(REPLICA_SET_COLUMNS, replicaSetRows(state, 'ReplicaSet', at));
    case 'replicationcontrollers':
      return formatTable(REPLICA_SET_COLUMNS, replicaSetRows(state, 'ReplicationController', at));
    case 'services':
      return formatTable(SERVICE_COLUMNS, serviceRows(state, at));
    case 'endpointslices':
      return formatTable(ENDPOINT_SLICE_COLUMNS, endpointSliceRows(state, at));
    default:
      return formatTable(ENDPOINTS_COLUMNS, endpointsRows(state, at));
  }
}
