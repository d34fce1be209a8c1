/**
 * Reducers for a node's lifecycle (its kubelet stopping and starting, the Ready condition the
 * node lifecycle controller writes, the controller's taints) and for what that controller and the
 * taint eviction controller write into the pods of a lost node. Timing lives in
 * controllers/nodeLifecycle.ts; these only record the facts.
 */
import * as E from '../events/catalog.js';
import type { NodeTaint } from '../events/catalog.js';
import { CaseReducers } from './caseReducers.js';
import type { NodeState, PodState } from './model.js';
import { setCondition } from './podReducer.js';
import { kubeletReadyCondition } from './clusterReducer.js';

const sameTaint = (a: NodeTaint, b: NodeTaint): boolean => a.key === b.key && a.effect === b.effect;

export const nodeLifecycleCases = new CaseReducers<NodeState>('node lifecycle')
  .on(E.kubeletStopped, (n, ev) => {
    n.kubelet = { running: false, since: ev.at, startedAt: n.kubelet.startedAt };
  })
  .on(E.kubeletStarted, (n, ev) => {
    n.kubelet = { running: true, since: ev.at, startedAt: ev.at };
    const c = n.readyCondition;
    n.readyCondition = kubeletReadyCondition(ev.at, c.status === 'True' ? c.lastTransition : ev.at);
  })
  .on(E.nodeStatusUnknown, (n, ev) => {
    // node_lifecycle_controller.go tryUpdateNodeHealth: status Unknown, reason NodeStatusUnknown,
    // the heartbeat left as the kubelet last posted it.
    n.readyCondition = {
      ...n.readyCondition,
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
      lastTransition: ev.at,
    };
  })
  .on(E.nodeTaintsChanged, (n, ev) => {
    const kept = n.controllerTaints.filter((t) => !ev.payload.remove.some((r) => sameTaint(r, t)));
    n.controllerTaints = [
      ...kept.filter((t) => !ev.payload.add.some((a) => sameTaint(a, t))),
      ...ev.payload.add,
    ];
    if (ev.payload.add.some((t) => t.effect === 'NoExecute')) n.lastNoExecuteTaintAt = ev.at;
  });

/** What the control plane writes into pods while their node's kubelet is away. */
export const nodePodCases = new CaseReducers<PodState>('pods on lost nodes')
  .on(E.podMarkedNotReady, (p, ev, ctx) => {
    // controller_utils.go MarkPodsNotReady: the Ready condition's status set to False, reason and
    // message kept (UpdatePodCondition moves lastTransitionTime).
    const ready = p.pod.status?.conditions?.find((c) => c.type === 'Ready');
    setCondition(p, 'Ready', 'False', ctx, ev.at, ready?.reason, ready?.message);
  })
  .on(E.podDisruptionTargeted, (p, ev, ctx) => {
    setCondition(p, 'DisruptionTarget', 'True', ctx, ev.at, ev.payload.reason, ev.payload.message);
  })
  .on(E.podMarkedFailed, (p, ev, ctx) => {
    // gc_controller.go markFailedAndDeletePodWithCondition: a pod not yet terminal becomes
    // Failed, with the condition, in one status patch.
    const status = p.pod.status!;
    if (status.phase !== 'Succeeded' && status.phase !== 'Failed') status.phase = 'Failed';
    setCondition(p, 'DisruptionTarget', 'True', ctx, ev.at, ev.payload.reason, ev.payload.message);
  })
  .on(E.podEvictionCancelled, () => {
    /* the Kubernetes Event is the whole fact */
  })
  .on(E.podStatusResynced, () => {
    /* the status is regenerated from the node's containers by the fold (podStatus.ts) */
  });
