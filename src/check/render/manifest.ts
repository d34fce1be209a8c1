/**
 * Renders a generated pod as the Pod manifest a user would write. Everything rendered is valid
 * for the API server's validation (pkg/apis/core/validation), so every case runs: readiness probes
 * never carry terminationGracePeriodSeconds, liveness/startup use successThreshold 1 (semantics
 * §1.1), sleep hooks stay within the pod's grace period, and regular init containers have neither
 * probes nor hooks.
 */
import type { ContainerGen, HookGen, InitContainerGen, PodGen, ProbeGen } from '../model.js';
import { CLOSED_PORT, IMAGE, POD_NAME, PROBE_FILE } from '../model.js';

export type Json = Record<string, unknown>;
export type ProbeKind = 'startup' | 'readiness' | 'liveness';

/** Container names: `init-N` / `side-N` by position among the init containers, `app-N` otherwise. */
export function initContainerName(c: InitContainerGen, index: number): string {
  return `${c.sidecar ? 'side' : 'init'}-${index + 1}`;
}

export function appContainerName(index: number): string {
  return `app-${index + 1}`;
}

/** Every container name of the pod in spec order: init containers, then app containers. */
export function containerNames(pod: PodGen): string[] {
  return [
    ...pod.initContainers.map((c, i) => initContainerName(c, i)),
    ...pod.containers.map((_, i) => appContainerName(i)),
  ];
}

/** Each container listens on its own port (by its position in spec order). */
export const portOf = (specIndex: number): number => 8080 + specIndex;

/** The pod's grace period as the API defaults it (v1.DefaultTerminationGracePeriodSeconds). */
export function effectiveGrace(pod: PodGen): number {
  return pod.terminationGracePeriodSeconds ?? 30;
}

export function renderProbe(p: ProbeGen, kind: ProbeKind, port: number): Json {
  const target = p.closedPort ? CLOSED_PORT : port;
  const handler: Json =
    p.handler === 'exec'
      ? { exec: { command: ['cat', PROBE_FILE] } }
      : p.handler === 'httpGet'
        ? { httpGet: { path: '/healthz', port: target } }
        : p.handler === 'tcpSocket'
          ? { tcpSocket: { port: target } }
          : { grpc: { port: target } };
  const probe: Json = {
    ...handler,
    initialDelaySeconds: p.initialDelaySeconds,
    periodSeconds: p.periodSeconds,
    timeoutSeconds: p.timeoutSeconds,
    failureThreshold: p.failureThreshold,
    successThreshold: kind === 'readiness' ? p.successThreshold : 1,
  };
  if (kind !== 'readiness' && p.terminationGracePeriodSeconds !== null)
    probe.terminationGracePeriodSeconds = p.terminationGracePeriodSeconds;
  return probe;
}

/**
 * validateSleepAction: a sleep handler needs 0 < seconds ≤ the pod's grace period; a sleep that
 * would not validate is rendered as an exec handler that takes the same time.
 */
export function hookUsesSleep(h: HookGen, pod: PodGen): boolean {
  return h.handler === 'sleep' && h.seconds > 0 && h.seconds <= effectiveGrace(pod);
}

function renderHook(h: HookGen, pod: PodGen): Json {
  return hookUsesSleep(h, pod)
    ? { sleep: { seconds: h.seconds } }
    : { exec: { command: ['sh', '-c', 'echo hook'] } };
}

function renderResources(c: ContainerGen): Json | undefined {
  const r = c.resources;
  if (!r) return undefined;
  const requests: Json = {};
  const limits: Json = {};
  if (r.cpuRequestMilli !== null) requests.cpu = `${r.cpuRequestMilli}m`;
  if (r.memoryRequestMi !== null) requests.memory = `${r.memoryRequestMi}Mi`;
  // A limit below the request does not validate: the limit is raised to the request.
  if (r.memoryLimitMi !== null)
    limits.memory = `${Math.max(r.memoryLimitMi, r.memoryRequestMi ?? 0)}Mi`;
  const out: Json = {};
  if (Object.keys(requests).length > 0) out.requests = requests;
  if (Object.keys(limits).length > 0) out.limits = limits;
  return Object.keys(out).length > 0 ? out : undefined;
}

function renderContainer(
  c: ContainerGen,
  name: string,
  specIndex: number,
  pod: PodGen,
  withExtras: boolean,
): Json {
  const port = portOf(specIndex);
  const out: Json = {
    name,
    image: IMAGE,
    imagePullPolicy: c.pullPolicy,
    ports: [{ containerPort: port }],
  };
  const resources = renderResources(c);
  if (resources) out.resources = resources;
  if (!withExtras) return out;
  if (c.startup) out.startupProbe = renderProbe(c.startup, 'startup', port);
  if (c.readiness) out.readinessProbe = renderProbe(c.readiness, 'readiness', port);
  if (c.liveness) out.livenessProbe = renderProbe(c.liveness, 'liveness', port);
  const lifecycle: Json = {};
  if (c.postStart) lifecycle.postStart = renderHook(c.postStart, pod);
  if (c.preStop) lifecycle.preStop = renderHook(c.preStop, pod);
  if (Object.keys(lifecycle).length > 0) out.lifecycle = lifecycle;
  return out;
}

/** The Pod manifest (pod.yaml). */
export function renderPod(pod: PodGen): Json {
  const inits = pod.initContainers.map((c, i) => {
    const out = renderContainer(c, initContainerName(c, i), i, pod, c.sidecar);
    return c.sidecar ? { ...out, restartPolicy: 'Always' } : out;
  });
  const apps = pod.containers.map((c, i) =>
    renderContainer(c, appContainerName(i), pod.initContainers.length + i, pod, true),
  );
  const spec: Json = { restartPolicy: pod.restartPolicy };
  if (pod.terminationGracePeriodSeconds !== null)
    spec.terminationGracePeriodSeconds = pod.terminationGracePeriodSeconds;
  if (inits.length > 0) spec.initContainers = inits;
  spec.containers = apps;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: POD_NAME }, spec };
}
