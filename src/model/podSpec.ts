/** Lookups over a pod spec shared by the kubelet, the reducers and the loaders. */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';

/** The container (init or app) named `name`, without building a combined list (a hot path). */
export function findContainer(pod: Pod, name: string): Container | undefined {
  for (const c of pod.spec?.containers ?? []) if (c.name === name) return c;
  for (const c of pod.spec?.initContainers ?? []) if (c.name === name) return c;
  return undefined;
}

/** A pod as the kubelet's messages name it: `name_namespace(uid)` (pkg/kubelet/util/format). */
export function podRef(md: { name?: string; namespace?: string; uid?: string }): string {
  return `${md.name}_${md.namespace}(${md.uid})`;
}
