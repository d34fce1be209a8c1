/** Lookups over a pod spec shared by the kubelet, the reducers and the loaders. */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';

/**
 * Mirrors pkg/api/v1/pod/util.go IsRestartableInitContainer: an init container with
 * restartPolicy Always is a sidecar. A missing container (a status without spec) is not.
 */
export function isRestartableInitContainer(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

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

/** How to count one kind of resource amount (plain numbers for the scheduler, quantities for describe). */
export interface ResourceArithmetic<T> {
  zero: T;
  add(a: T, b: T): T;
  /** The larger of each resource (maxResourceList keeps `a` where `b` is not larger). */
  max(a: T, b: T): T;
}

/**
 * k8s.io/component-helpers/resource PodRequests (and PodLimits, which follows the same rule): the
 * regular containers and sidecars summed; at least, for each init container in order, what runs
 * while it does (a plain one with the sidecars started before it, a sidecar with those and
 * itself); plus the pod overhead. `of` reads one container's amounts, `overhead` the pod's.
 */
export function podResourceSum<T>(
  pod: Pod,
  of: (c: Container) => T,
  overhead: T,
  ar: ResourceArithmetic<T>,
): T {
  const spec = pod.spec;
  let sum = ar.zero;
  for (const c of spec?.containers ?? []) sum = ar.add(sum, of(c));
  let sidecars = ar.zero;
  let init = ar.zero;
  for (const c of spec?.initContainers ?? []) {
    const own = of(c);
    // A sidecar runs alongside everything after it.
    if (isRestartableInitContainer(c)) {
      sum = ar.add(sum, own);
      sidecars = ar.add(sidecars, own);
      init = ar.max(init, sidecars);
    } else init = ar.max(init, ar.add(own, sidecars));
  }
  return ar.add(ar.max(sum, init), overhead);
}
