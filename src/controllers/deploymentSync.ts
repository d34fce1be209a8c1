/**
 * The working set of one deployment sync: the Deployment, its ReplicaSets with the writes made so
 * far in this sync (a sync makes several API writes and reads its own results, as the controller's
 * returned objects do), and the drafts those writes become. Mirrors the ReplicaSet half of
 * pkg/controller/deployment/sync.go (getNewReplicaSet, scaleReplicaSet) and
 * deployment_util.go SetNewReplicaSetAnnotations / SetReplicasAnnotations.
 */
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import * as E from '../events/catalog.js';
import type { Draft } from '../events/createEvent.js';
import type { DecideContext } from '../engine/context.js';
import { drawUuid } from '../engine/rng.js';
import { formatRfc3339 } from '../model/time.js';
import type { ObjectState } from '../state/model.js';
import { newObjectState } from '../state/clusterReducer.js';
import { specReplicas } from '../state/workloads.js';
import { controllerRef } from './podControl.js';
import {
  DESIRED_REPLICAS,
  HASH_LABEL,
  MAX_REPLICAS,
  REVISION,
  byCreation,
  newReplicaSetName,
  findNewReplicaSet,
  maxSurge,
  newRSNewReplicas,
  revisionOf,
} from './deploymentUtil.js';
import { cloneJson } from '../model/cloneJson.js';

export const FROM = 'deployment-controller';

/** A ReplicaSet as this sync sees it: state's object with this sync's writes applied. */
export interface RS {
  o: ObjectState;
  replicas: number;
  annotations: Record<string, string>;
  /** Created in this sync (no pods yet). */
  created: boolean;
}

export class DeploymentSync {
  readonly d: Deployment;
  readonly events: Draft[] = [];
  /** Progressing condition set while syncing revisions/creating (before status is computed). */
  pendingProgressing: { reason: string; message: string } | undefined;
  rsList: RS[];

  constructor(
    readonly ctx: DecideContext,
    readonly dObj: ObjectState,
    owned: ObjectState[],
  ) {
    this.d = dObj.object as Deployment;
    this.rsList = [...owned].sort(byCreation).map((o) => ({
      o,
      replicas: specReplicas(o),
      annotations: {
        ...((o.object.metadata as { annotations?: Record<string, string> }).annotations ?? {}),
      },
      created: false,
    }));
  }

  get desired(): number {
    return this.d.spec?.replicas ?? 1;
  }

  name(rs: RS): string {
    return (rs.o.object.metadata as { name: string }).name;
  }

  /** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when asked) and the old ones. */
  newAndOld(create: boolean): { newRS: RS | undefined; oldRSs: RS[] } {
    const found = findNewReplicaSet(
      this.rsList.map((r) => r.o),
      this.d,
    );
    let newRS = this.rsList.find((r) => r.o === found);
    const oldRSs = this.rsList.filter((r) => r !== newRS);
    const maxOld = Math.max(
      0,
      ...oldRSs.map((r) =>
        revisionOf({ ...r.o, object: { metadata: { annotations: r.annotations } } }),
      ),
    );
    const newRevision = String(maxOld + 1);
    if (newRS) {
      const cur = Number(newRS.annotations[REVISION] ?? 0);
      if (cur < maxOld + 1) {
        const set: Record<string, string> = { [REVISION]: newRevision };
        // SetNewReplicaSetAnnotations keeps the revisions this template had before.
        if (cur > 0) {
          const hist = newRS.annotations['deployment.kubernetes.io/revision-history'];
          set['deployment.kubernetes.io/revision-history'] = hist ? `${hist},${cur}` : String(cur);
        }
        this.annotate(newRS, set);
      }
      const conds = (this.d.status?.conditions ?? []) as Array<{ type: string }>;
      if (!conds.some((c) => c.type === 'Progressing'))
        this.pendingProgressing ??= {
          reason: 'FoundNewReplicaSet',
          message: `Found new replica set "${this.name(newRS)}"`,
        };
    } else if (create) {
      newRS = this.createNewRS(oldRSs, newRevision);
    }
    this.setDeploymentRevision(newRS ? (newRS.annotations[REVISION] ?? newRevision) : undefined);
    return { newRS, oldRSs };
  }

  private setDeploymentRevision(rev: string | undefined): void {
    if (rev === undefined) return;
    const cur = this.d.metadata?.annotations?.[REVISION];
    if (cur === rev) return;
    this.events.push(E.objectAnnotated(this.dObj.key, { annotations: { [REVISION]: rev } }));
  }

  private createNewRS(oldRSs: RS[], revision: string): RS {
    const ctx = this.ctx;
    const dm = this.d.metadata!;
    const ns = dm.namespace ?? 'default';
    const { name, hash } = newReplicaSetName(this.d);
    const key = `ReplicaSet/${ns}/${name}`;
    const template = cloneJson(this.d.spec!.template) as PodTemplateSpec;
    const labels = { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash };
    template.metadata = { ...(template.metadata ?? {}), labels };
    const sel = cloneJson(this.d.spec!.selector);
    sel.matchLabels = { ...(sel.matchLabels ?? {}), [HASH_LABEL]: hash };
    const replicas = newRSNewReplicas(
      this.d,
      oldRSs.map((r) => this.view(r)),
      0,
    );
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(dm.annotations ?? {}))
      if (!SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
    annotations[REVISION] = revision;
    annotations[DESIRED_REPLICAS] = String(this.desired);
    annotations[MAX_REPLICAS] = String(this.desired + maxSurge(this.d));
    const object = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: ns,
        uid: drawUuid(ctx.seed, `uid/${key}@${ctx.now}`),
        creationTimestamp: formatRfc3339(ctx.state.epochMs + ctx.now),
        generation: 1,
        labels,
        annotations,
        ownerReferences: [controllerRef(this.dObj)],
      },
      spec: {
        replicas,
        minReadySeconds: this.d.spec?.minReadySeconds ?? 0,
        selector: sel,
        template,
      },
    };
    const notes =
      replicas > 0
        ? [
            {
              type: 'Normal' as const,
              reason: 'ScalingReplicaSet',
              message: `Scaled up replica set ${name} from 0 to ${replicas}`,
              from: FROM,
              object: this.dObj.key,
            },
          ]
        : [];
    this.events.push(E.objectApplied(key, { kind: 'ReplicaSet', object }, notes));
    const rs: RS = {
      o: newObjectState(key, 'ReplicaSet', object, ctx.now),
      replicas,
      annotations,
      created: true,
    };
    this.rsList.push(rs);
    this.pendingProgressing = {
      reason: 'NewReplicaSetCreated',
      message: `Created new replica set "${name}"`,
    };
    return rs;
  }

  /** The ReplicaSet's object with this sync's replica count (for helpers reading spec.replicas). */
  view(rs: RS): ObjectState {
    return {
      ...rs.o,
      object: { ...rs.o.object, spec: { ...(rs.o.object.spec as object), replicas: rs.replicas } },
    };
  }

  private annotate(rs: RS, set: Record<string, string>): void {
    Object.assign(rs.annotations, set);
    this.events.push(E.objectAnnotated(rs.o.key, { annotations: set }));
  }

  /**
   * scaleReplicaSetAndRecordEvent: nothing when the size is right; else scale and record it.
   * With `annotate` (scaleReplicaSet as sync.go scale calls it) the replica annotations are brought
   * up to date even when the size stays, and the event names the scaling operation.
   */
  scale(rs: RS, to: number, opts: { annotate?: boolean; operation?: string } = {}): boolean {
    if (rs.replicas === to && !opts.annotate) return false;
    const max = String(this.desired + maxSurge(this.d));
    if (
      rs.annotations[DESIRED_REPLICAS] !== String(this.desired) ||
      rs.annotations[MAX_REPLICAS] !== max
    )
      this.annotate(rs, { [DESIRED_REPLICAS]: String(this.desired), [MAX_REPLICAS]: max });
    if (rs.replicas === to) return false;
    const from = rs.replicas;
    rs.replicas = to;
    this.events.push(
      E.workloadScaled(rs.o.key, { replicas: to }, [
        {
          type: 'Normal',
          reason: 'ScalingReplicaSet',
          message: `Scaled ${opts.operation ?? (from < to ? 'up' : 'down')} replica set ${this.name(rs)} from ${from} to ${to}`,
          from: FROM,
          object: this.dObj.key,
        },
      ]),
    );
    return true;
  }
}

/** deployment_util.go annotationsToSkip. */
const SKIPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);
