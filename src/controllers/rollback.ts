/**
 * `kubectl rollout undo deployment/NAME [--to-revision=N]` (staging/src/k8s.io/kubectl/pkg/
 * polymorphichelpers/rollback.go DeploymentRollbacker): kubectl finds the ReplicaSet of the
 * revision (the one before the current when N is 0), copies its pod template without the
 * pod-template-hash label into the Deployment and patches it; the deployment controller then
 * finds that ReplicaSet as the new one and gives it the next revision.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import * as E from '../events/catalog.js';
import type { Draft } from '../events/createEvent.js';
import type { DecideContext } from '../engine/context.js';
import type { Action } from '../model/scenario.js';
import { objectKey } from '../state/model.js';
import { ownedObjects } from '../state/workloads.js';
import { HASH_LABEL, revisionOf, templateMatches } from './deploymentUtil.js';
import { cloneJson } from '../model/cloneJson.js';

export function rolloutUndoDrafts(
  ctx: DecideContext,
  action: Extract<Action, { kind: 'rolloutUndo' }>,
): Draft[] {
  const key = objectKey('Deployment', action.target.namespace, action.target.name);
  const d = ctx.state.objects.get(key);
  if (!d) return [];
  const rsList = ownedObjects(ctx.state, d, 'ReplicaSet');
  let target = rsList.find((rs) => revisionOf(rs) === action.toRevision);
  if (!action.toRevision) {
    // The previous revision: the highest one below the current (largest) revision.
    const revs = rsList.map(revisionOf).sort((a, b) => b - a);
    target = rsList.find((rs) => revisionOf(rs) === revs[1]);
  }
  // kubectl: "unable to find specified revision" / "skipped rollback (current template already
  // matches revision N)" — nothing is written.
  if (!target || templateMatches(target, d.object as never)) return [];
  const template = cloneJson((target.object.spec as { template: PodTemplateSpec }).template);
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels[HASH_LABEL];
  template.metadata = { ...(template.metadata ?? {}), labels };
  const obj = cloneJson(d.object) as { metadata: { generation?: number }; spec: object };
  obj.spec = { ...obj.spec, template };
  obj.metadata.generation = (obj.metadata.generation ?? 1) + 1;
  return [E.objectApplied(key, { kind: 'Deployment', object: obj as Record<string, unknown> })];
}
