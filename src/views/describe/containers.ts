/**
 * The Init Containers / Containers sections of `kubectl describe pod`. Mirrors describe.go
 * describeContainers, describeContainerBasicInfo, describeContainerCommand, describeResources,
 * describeContainerState / describeStatus, describeContainerProbe and describeContainerVolumes.
 */
import type {
  Container,
  ContainerPort,
  ContainerState,
  ContainerStatus,
  Pod,
} from 'kubernetes-types/core/v1.js';
import { goSort } from '../goSort.js';
import { goStringLess } from '../goText.js';
import { formatRfc1123z, parseApiTime } from '../goTime.js';
import { defaultedRequests } from '../qos.js';
import { canonicalQuantity } from '../quantity.js';
import { describeEnv, describeEnvFrom } from './env.js';
import { describeProbe } from './probe.js';
import type { PrefixWriter } from './prefixWriter.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './prefixWriter.js';

const goBool = (v: boolean | undefined): string => (v ? 'True' : 'False');

/** strconv.Quote for the ASCII control characters a sub-path could contain. */
function goQuote(s: string): string {
  const named: Readonly<Record<string, string>> = {
    '\x07': '\\a',
    '\b': '\\b',
    '\f': '\\f',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\v': '\\v',
    '\\': '\\\\',
    '"': '\\"',
  };
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (named[ch] !== undefined) out += named[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `"${out}"`;
}

/** `80/TCP, 443/TCP`; the API server defaults the protocol to TCP (SetDefaults_ContainerPort). */
function portList(ports: readonly ContainerPort[], pick: (p: ContainerPort) => number): string {
  return ports.map((p) => `${pick(p)}/${p.protocol || 'TCP'}`).join(', ');
}

function describeBasicInfo(
  w: PrefixWriter,
  c: Container,
  status: ContainerStatus | undefined,
  space: string,
): void {
  // Inside a pod template (space set) the name moves one space right, not a whole level.
  w.write(LEVEL_1, `${space ? ' ' : ''}${c.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
  const ports = portList(c.ports ?? [], (p) => p.containerPort);
  if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
  else w.write(LEVEL_2, `Port:\t${ports || '<none>'}\n`);
  const hostPorts = portList(c.ports ?? [], (p) => p.hostPort ?? 0);
  if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
  else w.write(LEVEL_2, `Host Port:\t${hostPorts || '<none>'}\n`);
  const seccomp = c.securityContext?.seccompProfile;
  if (seccomp != null) {
    w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') {
      w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
  }
}

function describeCommand(w: PrefixWriter, c: Container): void {
  for (const [title, list] of [
    ['Command', c.command],
    ['Args', c.args],
  ] as const) {
    if (!list || list.length === 0) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const item of list) for (const line of item.split('\n')) w.write(LEVEL_3, `${line}\n`);
  }
}

/** describeStatus: `State:  Running` with its details one level deeper. */
function describeStatus(w: PrefixWriter, name: string, state: ContainerState | undefined): void {
  if (state?.running != null) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${formatRfc1123z(parseApiTime(state.running.startedAt))}\n`);
  } else if (state?.waiting != null) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated != null) {
    const t = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${formatRfc1123z(parseApiTime(t.startedAt))}\n`);
    w.write(LEVEL_3, `Finished:\t${formatRfc1123z(parseApiTime(t.finishedAt))}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

function describeState(w: PrefixWriter, status: ContainerStatus): void {
  describeStatus(w, 'State', status.state);
  if (status.lastState?.terminated != null) describeStatus(w, 'Last State', status.lastState);
  w.write(LEVEL_2, `Ready:\t${goBool(status.ready)}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
}

/** describeResources: names sorted, quantities in canonical form (as the API server stores them). */
function describeResources(w: PrefixWriter, c: Container): void {
  for (const [title, list] of [
    ['Limits', c.resources?.limits ?? {}],
    ['Requests', defaultedRequests(c)],
  ] as const) {
    const names = goSort(Object.keys(list), goStringLess);
    if (names.length > 0) w.write(LEVEL_2, `${title}:\n`);
    for (const name of names) w.write(LEVEL_3, `${name}:\t${canonicalQuantity(list[name]!)}\n`);
  }
}

function describeProbes(w: PrefixWriter, c: Container): void {
  if (c.livenessProbe != null) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe != null) {
    w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  }
  if (c.startupProbe != null) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
}

/** describeContainerVolumes; Devices reuses the Mounts `<none>` marker, as describe.go does. */
function describeMounts(w: PrefixWriter, c: Container): void {
  const mounts = goSort([...(c.volumeMounts ?? [])], (a, b) =>
    goStringLess(a.mountPath, b.mountPath),
  );
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${goQuote(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  const devices = c.volumeDevices ?? [];
  if (devices.length > 0) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    const sorted = goSort([...devices], (a, b) => goStringLess(a.devicePath, b.devicePath));
    for (const d of sorted) w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
  }
}

/**
 * describeContainers for one section (`Init Containers`, `Containers`, …). A pod template passes
 * no pod (kubectl's nil env resolver: field references print no value) and `space` "  ".
 */
export function describeContainers(
  w: PrefixWriter,
  pod: Pod | null,
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[],
  space = '',
): void {
  const byName = new Map(statuses.map((s) => [s.name, s]));
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    describeBasicInfo(w, c, status, space);
    describeCommand(w, c);
    if (status) describeState(w, status);
    describeResources(w, c);
    describeProbes(w, c);
    if ((c.envFrom ?? []).length > 0) describeEnvFrom(w, c);
    describeEnv(w, pod, c);
    describeMounts(w, c);
  }
}
