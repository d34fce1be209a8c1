/**
 * `kubectl describe pod`. Mirrors staging/src/k8s.io/kubectl/pkg/describe/describe.go describePod
 * as of kubectl v1.31 (a deleting pod in a terminal phase shows its phase, not Terminating; the
 * pod-level Resources section arrived in v1.32 and is not printed).
 */
import type { Event, Pod } from 'kubernetes-types/core/v1.js';
import { parseNow, translateTimestampSince } from '../duration.js';
import { formatRfc1123z, parseApiTime } from '../goTime.js';
import { podQosClass } from '../qos.js';
import { describeContainers } from './containers.js';
import { describeEvents } from './events.js';
import { controlledBy } from './describeWorkload.js';
import {
  describeTopologySpreadConstraints,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
} from './multiline.js';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './prefixWriter.js';
import { describeVolumes } from './volumes.js';

function describeHeader(w: PrefixWriter, pod: Pod, nowMs: number): void {
  const meta = pod.metadata ?? {};
  const spec = pod.spec;
  const status = pod.status ?? {};
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  if (spec?.priority != null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec?.priorityClassName)
    w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec?.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec?.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(
    LEVEL_0,
    spec?.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n',
  );
  const start = parseApiTime(status.startTime);
  if (start !== undefined) w.write(LEVEL_0, `Start Time:\t${formatRfc1123z(start)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp != null && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    // The deletion timestamp lies ahead during the grace period, so this reads `<invalid>` then.
    const lasts = translateTimestampSince(meta.deletionTimestamp, nowMs);
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${lasts})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  const seccomp = spec?.securityContext?.seccompProfile;
  if (seccomp != null) {
    w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') {
      w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  const ips = status.podIPs ?? [];
  if (ips.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n');
  else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const owner = controlledBy(pod.metadata ?? {});
  if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
  if (status.nominatedNodeName) {
    w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  }
}

function describeConditions(w: PrefixWriter, pod: Pod): void {
  const conditions = pod.status?.conditions ?? [];
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) {
      const status = conditions.find((c) => c.type === g.conditionType)?.status ?? '<none>';
      w.write(LEVEL_1, `${g.conditionType} \t${status} \n`);
    }
  }
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
}

/**
 * `kubectl describe pod` output for `pod` at `now` (RFC 3339). `events` are the events about the
 * pod (see eventsForPod), in any order; pass null for `--show-events=false`.
 */
export function describePod(pod: Pod, events: readonly Event[] | null, now: string): string {
  const nowMs = parseNow(now);
  const w = new PrefixWriter();
  const spec = pod.spec;
  const status = pod.status ?? {};
  describeHeader(w, pod, nowMs);
  if ((spec?.initContainers ?? []).length > 0) {
    describeContainers(
      w,
      pod,
      'Init Containers',
      spec!.initContainers!,
      status.initContainerStatuses ?? [],
    );
  }
  describeContainers(w, pod, 'Containers', spec?.containers ?? [], status.containerStatuses ?? []);
  const ephemeral = spec?.ephemeralContainers ?? [];
  if (ephemeral.length > 0) {
    describeContainers(
      w,
      pod,
      'Ephemeral Containers',
      ephemeral,
      status.ephemeralContainerStatuses ?? [],
    );
  }
  describeConditions(w, pod);
  describeVolumes(w, spec?.volumes);
  w.write(LEVEL_0, `QoS Class:\t${podQosClass(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec?.nodeSelector);
  printTolerationsMultiline(w, 'Tolerations', spec?.tolerations);
  describeTopologySpreadConstraints(w, spec?.topologySpreadConstraints);
  if (events !== null) describeEvents(w, events, nowMs);
  return w.toString();
}
