/**
 * podsim's library surface. Views are functions over Kubernetes API-shaped objects (what
 * `kubectl get pod -o json` prints), so they work on real cluster output as well as on podsim's.
 */
export {
  podPhase,
  printPodRow,
  printPodWideColumns,
  describePod,
  qosClass,
  humanDuration,
} from './views/index.js';
export type { PodRow, PodWideColumns } from './views/index.js';
export { loadRun, makeInputs } from './spec/loadRun.js';
export type { RunInputs, LoadOptions, ReadFile } from './spec/loadRun.js';
export { InputErrors, formatInputError } from './spec/errors.js';
export type { InputError } from './spec/errors.js';
export { simulate, simulateToEvents, createSimulation } from './engine/run.js';
export type { SimulateOptions, SimulationResult } from './engine/run.js';
export { Simulation, MAX_PODS, RunLimitError } from './engine/simulation.js';
export { applyEvent, fold, FoldError } from './state/fold.js';
export { emptyState } from './state/model.js';
export type { ClusterState, PodState, NodeState } from './state/model.js';
export { podList, podEvents, findPod } from './state/selectors.js';
export * as events from './events/catalog.js';
export type { SimEvent, SimEventType } from './events/catalog.js';
export { readTrace, TraceError } from './trace/reader.js';
export { TraceWriter } from './trace/writer.js';
export { makeHeader } from './trace/format.js';
export { loadTrace, readAnyTrace, traceForm } from './trace/loadTrace.js';
export type { LoadedTrace, TraceForm } from './trace/loadTrace.js';
export { parseYamlTrace, yamlTraceText } from './trace/yamlTrace.js';
export { verifyTrace } from './trace/verifyTrace.js';
export type { VerifyResult } from './trace/verifyTrace.js';
export { answerWhen } from './trace/answerWhen.js';
export type { WhenAnswer } from './trace/answerWhen.js';
export { parseWhen } from './trace/parseWhen.js';
export type { WhenQuery } from './trace/parseWhen.js';
export { explain } from './trace/explain.js';
export type { Explanation } from './trace/explain.js';
export { firstDivergence } from './trace/firstDivergence.js';
export { milestoneTable } from './trace/milestones.js';
export { timelineModel } from './trace/timelineModel.js';
export { timelineHtml } from './trace/timelineHtml.js';
export { perfettoTrace } from './trace/perfettoTrace.js';
export type { TraceHeader } from './trace/format.js';
export type { Behaviour } from './model/behaviour.js';
export type { Scenario, TrafficSpec } from './model/scenario.js';
export { analyseTraffic, OUTCOMES } from './traffic/requests.js';
export type { Outcome, TrafficReport, TrafficWindow, RequestResult } from './traffic/requests.js';
export { trafficReports, formatTrafficReport } from './traffic/report.js';
export { rolloutHistory } from './trace/rolloutStatus.js';
export type { RolloutHistory, RolloutMeasure } from './trace/rolloutStatus.js';
export { readyEndpointCounts, minReadyEndpoints } from './state/readyEndpointCounts.js';
export { VERSION } from './version.js';
