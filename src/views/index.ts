/**
 * kubectl-faithful views over Kubernetes API-shaped objects (kubernetes-types Pod and Event): they
 * work on `kubectl get pod -o json` output as well as on podsim's own pods, and never read
 * simulator internals.
 */
export type { PodPhase } from './containers.js';
export { isRestartableInitContainer } from './containers.js';
export { podPhase } from './podPhase.js';
export type { PodPhaseOptions } from './podPhase.js';
export { containersReadyCondition, initializedCondition, readyCondition } from './podConditions.js';
export type { PodConditionSummary } from './podConditions.js';
export {
  POD_COLUMNS,
  POD_WIDE_COLUMNS,
  podRowCells,
  printPodRow,
  printPodWideColumns,
} from './printPod.js';
export type { PodRow, PodWideColumns } from './printPod.js';
export { humanDuration, shortHumanDuration, translateTimestampSince } from './duration.js';
export { formatRfc1123z } from './goTime.js';
export { escapeTerminal } from './goText.js';
export { formatTable } from './kubectlGet.js';
export { createWatchPrinter } from './kubectlGet.js';
export type { WatchPrinter } from './kubectlGet.js';
export { TabWriter } from './tabwriter.js';
export type { TabWriterOptions } from './tabwriter.js';
export { describePod } from './describe/describePod.js';
export { describeDeployment, describeReplicaSet } from './describe/describeWorkload.js';
export type { ReplicaSetSummary, ReplicaSetView } from './describe/describeWorkload.js';
export { eventsForPod } from './describe/events.js';
export { describeProbe } from './describe/probe.js';
export { podQosClass, qosClass } from './qos.js';
export type { QosClass } from './qos.js';
export { canonicalQuantity, compareQuantities, formatQuantity, parseQuantity } from './quantity.js';
export type { Quantity, QuantityFormat } from './quantity.js';
export { objectLabel, podLabel } from './objectLabel.js';
