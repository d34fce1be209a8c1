/**
 * While a node's kubelet is stopped (scenario `nodeDown`), nothing of its pods progresses as far
 * as the API server can tell: the work the kubelet and its runtime had scheduled for them (syncs,
 * retries, pulls, hooks, probe ticks, the processes' own timelines and kill deadlines) is held,
 * and runs when the kubelet is back (`nodeUp`), at that instant. The control plane's timers
 * (scheduler, controllers, node lifecycle, taint eviction) are never held.
 */
import type { ClusterState } from '../state/model.js';
import { stoppedKubeletNode } from '../state/selectors.js';
import type { TimerData } from './context.js';

const KUBELET_TIMERS: ReadonlySet<TimerData['kind']> = new Set<TimerData['kind']>([
  'sync',
  'resync',
  'resume',
  'sandboxReady',
  'pullDone',
  'hookDone',
  'process',
  'sigkill',
  'termExit',
  'probe',
]);

/** The node whose stopped kubelet owns this timer, if any. */
export function heldByNode(state: ClusterState, data: TimerData): string | undefined {
  if (!KUBELET_TIMERS.has(data.kind)) return undefined;
  const p = state.pods.get((data as { pod: string }).pod);
  return p && stoppedKubeletNode(state, p);
}

/** Held timers per node, in the order they came due. */
export class HeldTimers<T> {
  private readonly byNode = new Map<string, T[]>();

  hold(node: string, item: T): void {
    const list = this.byNode.get(node);
    if (list) list.push(item);
    else this.byNode.set(node, [item]);
  }

  /** Whether an item held for `node` satisfies `test`. */
  some(node: string, test: (item: T) => boolean): boolean {
    return this.byNode.get(node)?.some(test) ?? false;
  }

  release(node: string): T[] {
    const list = this.byNode.get(node) ?? [];
    this.byNode.delete(node);
    return list;
  }
}
