/**
 * The `kubectl get pods` row. Mirrors pkg/printers/internalversion/printers.go printPod (v1.31:
 * sidecar READY counting, restartable-init restarts, SchedulingGated, terminal phases are not
 * shown as Terminating) and kubelet-semantics §7.
 */
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import { conditionIsTrue, isRestartableInitContainer } from './containers.js';
import { humanDuration, parseNow, translateTimestampSince } from './duration.js';
import { parseApiTime } from './goTime.js';

export interface PodRow {
  readonly name: string;
  readonly ready: string;
  readonly status: string;
  readonly restarts: string;
  readonly age: string;
  /** The number the RESTARTS column starts with (sidecars and app containers once initialized). */
  readonly restartCount: number;
}

export interface PodWideColumns {
  readonly ip: string;
  readonly node: string;
  readonly nominatedNode: string;
  readonly readinessGates: string;
}

/** Column names of the pod table (printers.go podColumnDefinitions; kubectl upper-cases them). */
export const POD_COLUMNS = ['Name', 'Ready', 'Status', 'Restarts', 'Age'] as const;
export const POD_WIDE_COLUMNS = [
  ...POD_COLUMNS,
  'IP',
  'Node',
  'Nominated Node',
  'Readiness Gates',
] as const;

/** Latest lastState.terminated.finishedAt seen so far (metav1.Time.Before on zero times). */
function laterFinish(latest: number | undefined, status: ContainerStatus): number | undefined {
  const finished = parseApiTime(status.lastState?.terminated?.finishedAt);
  if (finished === undefined) return latest;
  return latest === undefined || finished > latest ? finished : latest;
}

/** `Init:Error`, or `Init:Signal:9` / `Init:ExitCode:3` when the runtime gave no reason. */
function terminatedReason(prefix: string, status: ContainerStatus): string {
  const t = status.state!.terminated!;
  if (t.reason) return prefix + t.reason;
  if (t.signal) return `${prefix}Signal:${t.signal}`;
  return `${prefix}ExitCode:${t.exitCode}`;
}

/** printPod's READY, STATUS, RESTARTS and AGE for one pod at `now` (RFC 3339). */
export function printPodRow(pod: Pod, now: string): PodRow {
  const nowMs = parseNow(now);
  const status = pod.status ?? {};
  const phase = status.phase ?? '';
  let reason: string = status.reason || phase;
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, Container>();
  let totalContainers = pod.spec?.containers?.length ?? 0;
  for (const c of pod.spec?.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInitContainer(c)) totalContainers++;
  }

  let restarts = 0;
  let sidecarRestarts = 0;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (const [i, c] of initStatuses.entries()) {
    restarts += c.restartCount ?? 0;
    lastRestart = laterFinish(lastRestart, c);
    const sidecar = isRestartableInitContainer(initContainers.get(c.name));
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = laterFinish(lastSidecarRestart, c);
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated != null && terminated.exitCode === 0) continue;
    if (sidecar && c.started === true) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (terminated != null) reason = terminatedReason('Init:', c);
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else reason = `Init:${i}/${pod.spec?.initContainers?.length ?? 0}`;
    initializing = true;
    break;
  }

  if (!initializing || conditionIsTrue(pod, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // From last to first, so the first container's state wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
      lastRestart = laterFinish(lastRestart, c);
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated != null) reason = terminatedReason('', c);
      else if (c.ready && c.state?.running != null) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A completed container next to a running one: the pod is still up.
    if (reason === 'Completed' && hasRunning) {
      reason = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
        ? 'Running'
        : 'NotReady';
    }
  }

  const deleting = pod.metadata?.deletionTimestamp != null;
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  const restartsText =
    restarts !== 0 && lastRestart !== undefined
      ? `${restarts} (${humanDuration(nowMs - lastRestart)} ago)`
      : String(restarts);

  return {
    name: pod.metadata?.name ?? '',
    ready: `${readyContainers}/${totalContainers}`,
    status: reason,
    restarts: restartsText,
    age: translateTimestampSince(pod.metadata?.creationTimestamp, nowMs),
    restartCount: restarts,
  };
}

/** The `-o wide` columns: IP (first of podIPs), NODE, NOMINATED NODE and READINESS GATES. */
export function printPodWideColumns(pod: Pod): PodWideColumns {
  const conditions = pod.status?.conditions ?? [];
  const gates = pod.spec?.readinessGates ?? [];
  const trueGates = gates.filter(
    (g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True',
  ).length;
  return {
    ip: pod.status?.podIPs?.[0]?.ip || '<none>',
    node: pod.spec?.nodeName || '<none>',
    nominatedNode: pod.status?.nominatedNodeName || '<none>',
    readinessGates: gates.length > 0 ? `${trueGates}/${gates.length}` : '<none>',
  };
}

/** The cells of a pod row in column order, with the wide columns when given. */
export function podRowCells(row: PodRow, wide?: PodWideColumns): string[] {
  const cells = [row.name, row.ready, row.status, row.restarts, row.age];
  if (wide) cells.push(wide.ip, wide.node, wide.nominatedNode, wide.readinessGates);
  return cells;
}
