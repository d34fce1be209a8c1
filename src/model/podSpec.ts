/** Lookups over a pod spec shared by the kubelet, the reducers and the loaders. */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';

/** The container (init or app) named `name`, without building a combined list (a hot path). */
export function findContainer(pod: Pod, name: string): Container | undefined {
  for (const c of pod.spec?.containers ?? []) if (c.name === name) return c;
  for (const c of pod.spec?.initContainers ?? []) if (c.name === name) return c;
  return undefined;
}
