/**
 * The `kubectl get pods` row agrees with the folded pod (semantics §7, printers.go printPod):
 * READY is ready sidecars (started and ready) and ready running app containers over apps +
 * sidecars; RESTARTS sums the counted restartCounts, with "(… ago)" when a last termination is
 * known; STATUS is `Init:…` while initializing, then the first app container's waiting or
 * terminated reason (`Completed` next to a ready running container reads `Running`/`NotReady`),
 * else the phase, and `Terminating` once deletion is requested on a non-terminal pod.
 */
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import type { PodRow } from '../../views/index.js';
import { printPodRow } from '../../views/index.js';
import { formatRfc3339, parseRfc3339 } from '../../model/time.js';
import type { Invariant, Observation, Violation } from './types.js';
import { violations } from './types.js';

export type RowPrinter = (pod: Pod, now: string) => PodRow;

interface Expected {
  ready: string;
  status: string;
  restarts: number;
  ago: boolean;
}

function reasonOf(s: ContainerStatus, prefix: string): string | undefined {
  if (s.state?.waiting?.reason) return prefix + s.state.waiting.reason;
  const t = s.state?.terminated;
  if (!t) return undefined;
  return prefix + (t.reason || (t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`));
}

/** The row §7 prescribes, computed from the pod's spec and status. */
export function expectedRow(pod: Pod): Expected {
  const inits = pod.spec?.initContainers ?? [];
  const isSidecar = (n: string): boolean =>
    inits.some((c) => c.name === n && c.restartPolicy === 'Always');
  const st = pod.status ?? {};
  const initStatuses = st.initContainerStatuses ?? [];
  const apps = st.containerStatuses ?? [];
  const finished = (s: ContainerStatus): boolean =>
    s.state?.terminated?.exitCode === 0 || (isSidecar(s.name) && s.started === true);
  const stop = initStatuses.findIndex((s) => !finished(s));
  const counted = stop < 0 ? initStatuses : initStatuses.slice(0, stop + 1);
  const readySidecars = counted.filter(
    (s) => isSidecar(s.name) && s.started === true && s.ready,
  ).length;
  const initialized =
    stop < 0 || st.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True');
  let status = st.reason || st.phase || '';
  if (stop >= 0) {
    const s = initStatuses[stop]!;
    const waiting = s.state?.waiting?.reason;
    status = s.state?.terminated
      ? reasonOf(s, 'Init:')!
      : waiting && waiting !== 'PodInitializing'
        ? `Init:${waiting}`
        : `Init:${stop}/${inits.length}`;
  }
  let restartsFrom = counted;
  let readyApps = 0;
  if (initialized) {
    restartsFrom = [...counted.filter((s) => isSidecar(s.name)), ...apps];
    const first = apps.find((s) => reasonOf(s, '') !== undefined);
    if (first) status = reasonOf(first, '')!;
    readyApps = apps.filter((s) => s.ready && s.state?.running != null).length;
    if (status === 'Completed' && readyApps > 0)
      status = st.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
        ? 'Running'
        : 'NotReady';
  }
  const phase = st.phase;
  if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed')
    status = 'Terminating';
  const restarts = restartsFrom.reduce((n, s) => n + (s.restartCount ?? 0), 0);
  return {
    ready: `${readySidecars + readyApps}/${(pod.spec?.containers?.length ?? 0) + inits.filter((c) => c.restartPolicy === 'Always').length}`,
    status,
    restarts,
    ago: restarts > 0 && restartsFrom.some((s) => s.lastState?.terminated?.finishedAt != null),
  };
}

/** Invariant over every pod state of the run, against `printer` (printPodRow unless a test breaks it). */
export function viewsAgree(printer: RowPrinter = printPodRow): Invariant {
  const name = 'views-agree';
  return {
    name,
    rule: 'semantics §7: READY, STATUS and RESTARTS of printPod follow from the pod status',
    check(obs: Observation): Violation[] {
      const v = violations(name);
      const started = obs.events.find((e) => e.type === 'cluster/started');
      const epoch = started ? (parseRfc3339(started.payload.startTime) ?? 0) : 0;
      obs.events.forEach((ev, i) => {
        const p = obs.pods[i];
        if (!p) return;
        const pod = p.pod as Pod;
        const row = printer(pod, formatRfc3339(epoch + ev.at));
        const want = expectedRow(pod);
        const m = /^(\d+)( \(.+ ago\))?$/.exec(row.restarts);
        const got = {
          ready: row.ready,
          status: row.status,
          restarts: m ? Number(m[1]) : NaN,
          ago: !!m?.[2],
        };
        for (const k of ['ready', 'status', 'restarts', 'ago'] as const) {
          if (got[k] !== want[k])
            v.add(
              ev.seq,
              `after ${ev.type}: ${k.toUpperCase()} is ${JSON.stringify(got[k])}, expected ${JSON.stringify(want[k])}`,
            );
        }
        const all = [
          ...(pod.status?.initContainerStatuses ?? []),
          ...(pod.status?.containerStatuses ?? []),
        ];
        if (row.status === 'Running' && pod.status?.phase !== 'Running')
          v.add(ev.seq, `STATUS Running in phase ${pod.status?.phase}`);
        for (const r of ['CrashLoopBackOff', 'Completed', 'Error'])
          if (row.status === r && !all.some((s) => reasonOf(s, '') === r))
            v.add(ev.seq, `STATUS ${r} but no container shows it`);
      });
      return v.list;
    },
  };
}
