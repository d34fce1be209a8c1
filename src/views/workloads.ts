/**
 * `kubectl get deploy|rs|rc|svc|endpoints` rows, as pkg/printers/internalversion/printers.go
 * prints them (printDeployment, printReplicaSet, printReplicationController, printService with
 * getServiceExternalIP and makePortString, printEndpoints with formatEndpoints). Counts are
 * derived from the pods at the instant, never read from a stored status.
 */
import type { Service } from 'kubernetes-types/core/v1.js';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { ClusterState, ObjectState } from '../state/model.js';
import { ownedObjects, replicaCounts, specReplicas } from '../state/workloads.js';
import { endpointsSubsets, managesEndpoints } from '../state/endpoints.js';
import { findNewReplicaSet } from '../controllers/deploymentUtil.js';
import { formatRfc3339 } from '../model/time.js';
import { byNamespaceAndName } from '../state/selectors.js';
import { translateTimestampSince } from './duration.js';

export const REPLICA_SET_COLUMNS = ['Name', 'Desired', 'Current', 'Ready', 'Age'] as const;
export const DEPLOYMENT_COLUMNS = ['Name', 'Ready', 'Up-to-date', 'Available', 'Age'] as const;
export const SERVICE_COLUMNS = ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age'];
export const ENDPOINTS_COLUMNS = ['Name', 'Endpoints', 'Age'] as const;

export const nameOf = (o: ObjectState): string =>
  String((o.object.metadata as { name?: string } | undefined)?.name ?? '');

function age(state: ClusterState, o: ObjectState, nowMs: number): string {
  const ts =
    (o.object.metadata as { creationTimestamp?: string }).creationTimestamp ??
    formatRfc3339(state.epochMs + o.createdAt);
  return translateTimestampSince(ts, state.epochMs + nowMs);
}

/** The objects of `kind` as the API lists them (by namespace, then name). */
export const ofKind = (state: ClusterState, kind: string): ObjectState[] =>
  [...state.objects.values()]
    .filter((o) => o.kind === kind)
    .sort((a, b) => byNamespaceAndName(a.object, b.object));

/** printReplicaSet / printReplicationController: DESIRED CURRENT READY AGE. */
export function replicaSetRows(state: ClusterState, kind: string, nowMs: number): string[][] {
  return ofKind(state, kind).map((o) => {
    const c = replicaCounts(state, o, state.epochMs + nowMs);
    return [
      nameOf(o),
      String(c.desired),
      String(c.replicas),
      String(c.readyReplicas),
      age(state, o, nowMs),
    ];
  });
}

/** The counts `kubectl get deploy` shows: ready, up-to-date (new ReplicaSet's pods), available. */
export function deploymentCounts(
  state: ClusterState,
  o: ObjectState,
  nowMs: number,
): { desired: number; ready: number; updated: number; available: number } {
  const d = o.object as Deployment;
  const rsList = ownedObjects(state, o, 'ReplicaSet');
  const newRS = findNewReplicaSet(rsList, d);
  const now = state.epochMs + nowMs;
  const counts = rsList.map((rs) => ({ rs, c: replicaCounts(state, rs, now) }));
  return {
    desired: specReplicas(o),
    ready: counts.reduce((n, x) => n + x.c.readyReplicas, 0),
    updated: counts.find((x) => x.rs === newRS)?.c.replicas ?? 0,
    available: counts.reduce((n, x) => n + x.c.availableReplicas, 0),
  };
}

export function deploymentRows(state: ClusterState, nowMs: number): string[][] {
  return ofKind(state, 'Deployment').map((o) => {
    const c = deploymentCounts(state, o, nowMs);
    return [
      nameOf(o),
      `${c.ready}/${c.desired}`,
      String(c.updated),
      String(c.available),
      age(state, o, nowMs),
    ];
  });
}

/**
 * `kubectl rollout status` lines (rollout_status.go DeploymentStatusViewer.Status), from the
 * derived counts; `done` once the rollout is complete.
 */
export function rolloutStatusLine(
  state: ClusterState,
  o: ObjectState,
  nowMs: number,
): { line: string; done: boolean } {
  const name = nameOf(o);
  const c = deploymentCounts(state, o, nowMs);
  const total = ownedObjects(state, o, 'ReplicaSet').reduce(
    (n, rs) => n + replicaCounts(state, rs, state.epochMs + nowMs).replicas,
    0,
  );
  const cond = (
    (o.object.status as { conditions?: Array<{ type: string; reason?: string }> } | undefined)
      ?.conditions ?? []
  ).find((x) => x.type === 'Progressing');
  if (cond?.reason === 'ProgressDeadlineExceeded')
    return { line: `error: deployment "${name}" exceeded its progress deadline`, done: true };
  if (c.updated < c.desired)
    return {
      line: `Waiting for deployment "${name}" rollout to finish: ${c.updated} out of ${c.desired} new replicas have been updated...`,
      done: false,
    };
  if (total > c.updated)
    return {
      line: `Waiting for deployment "${name}" rollout to finish: ${total - c.updated} old replicas are pending termination...`,
      done: false,
    };
  if (c.available < c.updated)
    return {
      line: `Waiting for deployment "${name}" rollout to finish: ${c.available} of ${c.updated} updated replicas are available...`,
      done: false,
    };
  return { line: `deployment "${name}" successfully rolled out`, done: true };
}

/** getServiceExternalIP. */
function externalIP(svc: Service): string {
  const s = svc.spec ?? {};
  const ext = s.externalIPs ?? [];
  switch (s.type) {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length > 0 ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '');
      const all = [...lb.filter(Boolean), ...ext];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return s.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** makePortString. */
function portString(svc: Service): string {
  const s = (svc.spec?.ports ?? [])
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`))
    .join(',');
  return s === '' ? '<none>' : s;
}

export function serviceRows(state: ClusterState, nowMs: number): string[][] {
  return ofKind(state, 'Service').map((o) => {
    const svc = o.object as Service;
    return [
      nameOf(o),
      svc.spec?.type ?? '',
      svc.spec?.clusterIPs?.[0] ?? '<none>',
      externalIP(svc),
      portString(svc),
      age(state, o, nowMs),
    ];
  });
}

/** formatEndpoints: ready addresses as IP:port, at most 3, then ` + N more...`; `<none>` if none. */
export function formatEndpoints(state: ClusterState, o: ObjectState): string {
  const subsets = endpointsSubsets(state, o).filter(
    (s) => s.addresses.length + s.notReadyAddresses.length > 0,
  );
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const ports = ss.ports.length === 0 ? [undefined] : ss.ports;
    for (const port of ports) {
      count += ss.addresses.length;
      for (const ip of ss.addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(port === undefined ? ip : `${ip}:${port.port}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export function endpointsRows(state: ClusterState, nowMs: number): string[][] {
  return ofKind(state, 'Service')
    .filter((o) => managesEndpoints(o.object as Service))
    .map((o) => [nameOf(o), formatEndpoints(state, o), age(state, o, nowMs)]);
}
