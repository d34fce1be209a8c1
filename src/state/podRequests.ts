/**
 * Resource arithmetic for scheduling and admission, kept per node as a fold-maintained index: a
 * pod's effective request is what k8s.io/component-helpers/resource PodRequests computes
 * (model/podSpec.ts podResourceSum, which `describe node` counts with too).
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { podResourceSum } from '../model/podSpec.js';
import type { ResourceArithmetic } from '../model/podSpec.js';
import { parseQuantity } from '../spec/manifest/index.js';

export interface Amounts {
  cpuMilli: number;
  memoryBytes: number;
}

function amountsOf(list: Readonly<Record<string, string | number>> | undefined): Amounts {
  const cpu = list?.cpu === undefined ? undefined : parseQuantity(String(list.cpu));
  const mem = list?.memory === undefined ? undefined : parseQuantity(String(list.memory));
  return {
    cpuMilli: cpu ? cpu.milli : 0,
    memoryBytes: mem ? mem.whole : 0,
  };
}

const NUMBERS: ResourceArithmetic<Amounts> = {
  zero: { cpuMilli: 0, memoryBytes: 0 },
  add: (a, b) => ({
    cpuMilli: a.cpuMilli + b.cpuMilli,
    memoryBytes: a.memoryBytes + b.memoryBytes,
  }),
  max: (a, b) => ({
    cpuMilli: Math.max(a.cpuMilli, b.cpuMilli),
    memoryBytes: Math.max(a.memoryBytes, b.memoryBytes),
  }),
};

/**
 * The pod's effective request, overhead included (noderesources fit.go computePodResourceRequest
 * calls PodRequests without ExcludeOverhead).
 */
export function podRequests(pod: Pod): Amounts {
  return podResourceSum(
    pod,
    (c) => amountsOf(c.resources?.requests),
    amountsOf(pod.spec?.overhead as Record<string, string> | undefined),
    NUMBERS,
  );
}

// schedutil.DefaultMilliCPURequest / DefaultMemoryRequest: what scoring assumes for a container
// without requests (pkg/scheduler/util/pod_resources.go), so empty pods still spread.
const DEFAULT_CPU_MILLI = 100;
const DEFAULT_MEMORY_BYTES = 200 * 1024 * 1024;

/** What a pod occupies on its node: real requests (filters) and non-zero ones (scoring). */
export interface NodeUsage extends Amounts {
  pods: number;
  nonZero: Amounts;
}

export const NO_USAGE: NodeUsage = Object.freeze({
  cpuMilli: 0,
  memoryBytes: 0,
  pods: 0,
  nonZero: Object.freeze({ cpuMilli: 0, memoryBytes: 0 }),
}) as NodeUsage;

/**
 * podUsage's memo, keyed by the containers array: scheduling writes spec.nodeName, so the spec
 * object changes once per pod while its containers (and the usage) stay.
 */
const memo = new WeakMap<object, { init: unknown; overhead: unknown; usage: NodeUsage }>();

/**
 * The requests scoring counts (noderesources resource_allocation.go): PodRequests with
 * NonMissingContainerRequests, i.e. every container, init containers and sidecars included,
 * that states no cpu (or memory) request counts the scheduler's default for it.
 */
function nonZeroRequests(pod: Pod): Amounts {
  return podResourceSum(
    pod,
    (c) => {
      const r = c.resources?.requests;
      const own = amountsOf(r);
      return {
        cpuMilli: r?.cpu === undefined ? DEFAULT_CPU_MILLI : own.cpuMilli,
        memoryBytes: r?.memory === undefined ? DEFAULT_MEMORY_BYTES : own.memoryBytes,
      };
    },
    amountsOf(pod.spec?.overhead as Record<string, string> | undefined),
    NUMBERS,
  );
}

/**
 * A pod's contribution to its node's usage: a function of its containers, init containers and
 * overhead (podResourceSum reads nothing else), memoised on those objects.
 */
export function podUsage(pod: Pod): NodeUsage {
  const spec = pod.spec;
  const key = spec?.containers ?? spec ?? pod;
  const init = spec?.initContainers;
  const overhead = spec?.overhead;
  const m = memo.get(key);
  if (m && m.init === init && m.overhead === overhead) return m.usage;
  // Built field by field: a spread of podRequests' result adding `pods` and `nonZero` gave each
  // pod's usage a map of its own (model/withKeys.ts), which the scheduler reads once per node.
  const { cpuMilli, memoryBytes } = podRequests(pod);
  const usage = { cpuMilli, memoryBytes, pods: 1, nonZero: nonZeroRequests(pod) };
  memo.set(key, { init, overhead, usage });
  return usage;
}

/** Adds (sign 1) or removes (sign −1) a pod's usage. */
export function addUsage(u: NodeUsage, d: NodeUsage, sign: 1 | -1): NodeUsage {
  return {
    cpuMilli: u.cpuMilli + sign * d.cpuMilli,
    memoryBytes: u.memoryBytes + sign * d.memoryBytes,
    pods: u.pods + sign * d.pods,
    nonZero: {
      cpuMilli: u.nonZero.cpuMilli + sign * d.nonZero.cpuMilli,
      memoryBytes: u.nonZero.memoryBytes + sign * d.nonZero.memoryBytes,
    },
  };
}
