/**
 * Reducers for API objects other than pods and nodes (workloads, Services): each handler mutates
 * the Immer draft of one ObjectState, as the API server stores the controller's write.
 */
import * as E from '../events/catalog.js';
import { CaseReducers } from './caseReducers.js';
import type { ObjectState } from './model.js';
import { cloneJson } from '../model/cloneJson.js';

type Obj = Record<string, unknown>;

const metaOf = (o: ObjectState): Obj => (o.object.metadata ??= {}) as Obj;

export const objectCases = new CaseReducers<ObjectState>('objects')
  .on(E.workloadScaled, (o, ev) => {
    const spec = (o.object.spec ??= {}) as Obj;
    spec.replicas = ev.payload.replicas;
    // A spec change: the API server bumps metadata.generation.
    const meta = metaOf(o);
    if (typeof meta.generation === 'number') meta.generation += 1;
  })
  .on(E.objectAnnotated, (o, ev) => {
    const meta = metaOf(o);
    meta.annotations = {
      ...((meta.annotations as Obj | undefined) ?? {}),
      ...ev.payload.annotations,
    };
  })
  .on(E.deploymentStatusUpdated, (o, ev) => {
    o.object.status = cloneJson(ev.payload.status);
  });

/** `Kind/namespace/name` of a pod's controller (ownerReferences entry with controller: true). */
export function controllerKeyOf(pod: {
  metadata?: { namespace?: string; ownerReferences?: ReadonlyArray<Obj> };
}): string | undefined {
  const ref = pod.metadata?.ownerReferences?.find((r) => r.controller === true);
  if (!ref) return undefined;
  return `${String(ref.kind)}/${pod.metadata?.namespace ?? 'default'}/${String(ref.name)}`;
}
