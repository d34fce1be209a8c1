/**
 * `kubectl rollout status deployment/NAME` over a whole run, and what each rollout measured.
 * The lines are rollout_status.go's (DeploymentStatusViewer.Status, src/views/workloads.ts
 * rolloutStatusLine), judged after every instant of the run — one line each time the message
 * changes, as a watch that prints on change would show them.
 *
 * A rollout starts at the first instant whose status is not done (a new template applied, a
 * scale-up, a rollback) and completes at the next `successfully rolled out`. For each one:
 * - the duration (start → complete);
 * - when the last pod of an older ReplicaSet was gone (deleted from the API): the old pods are
 *   out of the counts as soon as they are terminating, so this can be later than completion;
 * - the fewest ready endpoints (EndpointSlice `ready`) of every Service that selects the
 *   Deployment's pods, over the instants from start to completion.
 */
import { objectLabel } from '../views/index.js';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Service } from 'kubernetes-types/core/v1.js';
import type { SimEvent } from '../events/catalog.js';
import type { Millis } from '../model/time.js';
import { findNewReplicaSet } from '../controllers/deploymentUtil.js';
import { mapSelectorMatches } from '../spec/manifest/labels.js';
import { endpointSlice, managesEndpoints } from '../state/endpoints.js';
import { applyEvent } from '../state/fold.js';
import { emptyState } from '../state/model.js';
import type { ClusterState, ObjectState } from '../state/model.js';
import { ownedObjects, ownedPods } from '../state/workloads.js';
import { rolloutStatusLine } from '../views/workloads.js';

export interface RolloutStatusLine {
  at: Millis;
  line: string;
  done: boolean;
}

export interface RolloutMeasure {
  from: Millis;
  /** The instant of `successfully rolled out` (or of the progress-deadline error); null: not by the end. */
  complete: Millis | null;
  /** True when it ended with the progress deadline exceeded. */
  failed: boolean;
  /** When no pod of an older ReplicaSet was left; null when there was none, or some remain at the end. */
  lastOldPodGone: Millis | null;
  /** Whether pods of older ReplicaSets existed during the rollout. */
  hadOldPods: boolean;
  /** Per Service selecting the pods (`svc/NAME`): the fewest ready endpoints and when first seen. */
  minReadyEndpoints: Array<{ service: string; min: number; at: Millis }>;
  /**
   * False when the template's ReplicaSet is the one the previous period completed with: nothing
   * was rolled out, replicas became unavailable (a lost node, a crash) and came back.
   */
  newRevision: boolean;
}

export interface RolloutHistory {
  deployment: string;
  lines: RolloutStatusLine[];
  rollouts: RolloutMeasure[];
}

/** `deployment/NAME`, `deploy/NAME`, `deployments/NAME`, optionally `…/NAMESPACE/NAME`. */
export function parseDeploymentRef(s: string): { namespace: string; name: string } | undefined {
  const m =
    /^(?:deployment|deploy|deployments|deployment\.apps)\/(?:([a-z0-9-]+)\/)?([a-z0-9.-]+)$/.exec(
      s,
    );
  return m ? { namespace: m[1] ?? 'default', name: m[2]! } : undefined;
}

/** Services in the Deployment's namespace whose selector matches its pod template's labels. */
function servicesOf(state: ClusterState, d: ObjectState): ObjectState[] {
  const dep = d.object as Deployment;
  const ns = dep.metadata?.namespace ?? 'default';
  const labels = dep.spec?.template?.metadata?.labels;
  return [...state.objects.values()].filter((o) => {
    if (o.kind !== 'Service') return false;
    const svc = o.object as Service;
    return (
      (svc.metadata?.namespace ?? 'default') === ns &&
      managesEndpoints(svc) &&
      mapSelectorMatches(svc.spec!.selector!, labels)
    );
  });
}

/** Pods that belong to a ReplicaSet of the Deployment other than the one of its current template. */
function oldPodCount(state: ClusterState, d: ObjectState): number {
  const rsList = ownedObjects(state, d, 'ReplicaSet');
  const newRS = findNewReplicaSet(rsList, d.object as Deployment);
  return rsList.filter((rs) => rs !== newRS).reduce((n, rs) => n + ownedPods(state, rs).length, 0);
}

export function rolloutHistory(
  events: Iterable<SimEvent>,
  ref: { namespace: string; name: string },
): RolloutHistory {
  const key = `Deployment/${ref.namespace}/${ref.name}`;
  const lines: RolloutStatusLine[] = [];
  const rollouts: RolloutMeasure[] = [];
  let current: (RolloutMeasure & { mins: Map<string, { min: number; at: Millis }> }) | null = null;
  let waitingOld: RolloutMeasure | null = null;
  /** The ReplicaSet of the template when the last period completed. */
  let completedWith: string | undefined;
  /** The instant since which no old pod exists (null while some do). */
  let noOldSince: Millis | null = null;
  let state = emptyState();
  let instant: Millis | undefined;

  const settle = (at: Millis): void => {
    const d = state.objects.get(key);
    if (!d) return;
    const { line, done } = rolloutStatusLine(state, d, at);
    if (lines[lines.length - 1]?.line !== line) lines.push({ at, line, done });
    if (!done && !current) {
      current = {
        from: at,
        complete: null,
        failed: false,
        lastOldPodGone: null,
        hadOldPods: false,
        minReadyEndpoints: [],
        newRevision: true,
        mins: new Map(),
      };
      waitingOld = null;
    }
    const old = oldPodCount(state, d);
    noOldSince = old > 0 ? null : (noOldSince ?? at);
    if (current) {
      if (old > 0) current.hadOldPods = true;
      for (const svc of servicesOf(state, d)) {
        const n = endpointSlice(state, svc).filter((e) => e.ready).length;
        const label = objectLabel(svc.key);
        const m = current.mins.get(label);
        if (!m || n < m.min) current.mins.set(label, { min: n, at });
      }
      if (done) {
        const { mins, ...measure } = current;
        measure.complete = at;
        measure.failed = line.startsWith('error:');
        measure.minReadyEndpoints = [...mins].map(([service, m]) => ({ service, ...m }));
        const rs = findNewReplicaSet(ownedObjects(state, d, 'ReplicaSet'), d.object as Deployment);
        const name = rs ? (rs.object.metadata as { name: string }).name : undefined;
        measure.newRevision = completedWith === undefined || name !== completedWith;
        completedWith = name;
        rollouts.push(measure);
        current = null;
        if (measure.hadOldPods && old === 0) measure.lastOldPodGone = noOldSince;
        waitingOld = measure.hadOldPods && old > 0 ? measure : null;
      }
    } else if (waitingOld && old === 0) {
      waitingOld.lastOldPodGone = at;
      waitingOld = null;
    }
  };

  for (const ev of events) {
    if (instant !== undefined && ev.at !== instant) settle(instant);
    state = applyEvent(state, ev);
    instant = ev.at;
  }
  if (instant !== undefined) settle(instant);
  if (current) {
    const { mins, ...measure } = current as RolloutMeasure & {
      mins: Map<string, { min: number; at: Millis }>;
    };
    measure.minReadyEndpoints = [...mins].map(([service, m]) => ({ service, ...m }));
    const d = state.objects.get(key);
    const rs = d
      ? findNewReplicaSet(ownedObjects(state, d, 'ReplicaSet'), d.object as Deployment)
      : undefined;
    const name = rs ? (rs.object.metadata as { name: string }).name : undefined;
    measure.newRevision = completedWith === undefined || name !== completedWith;
    rollouts.push(measure);
  }
  const deployment =
    ref.namespace === 'default'
      ? `deployment/${ref.name}`
      : `deployment/${ref.namespace}/${ref.name}`;
  return { deployment, lines, rollouts };
}
