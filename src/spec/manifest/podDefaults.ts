/**
 * API defaulting of pod specs, in place. Mirrors pkg/apis/core/v1/defaults.go (SetDefaults_PodSpec,
 * SetDefaults_Pod, SetDefaults_Container, SetDefaults_Probe, SetDefaults_HTTPGetAction,
 * SetDefaults_Volume, SetDefaults_*VolumeSource, SetDefaults_ObjectFieldSelector,
 * SetDefaults_ResourceList) and the declarative defaults of staging/src/k8s.io/api/core/v1/types.go
 * (ContainerPort.protocol TCP). Defaults only fill what is absent, so applying them twice changes
 * nothing: a controller can default a template's spec again as a Pod's.
 */
import type {
  Container,
  HTTPGetAction,
  PodSpec,
  Probe,
  ResourceRequirements,
  Volume,
} from 'kubernetes-types/core/v1.js';
import { defaultPullPolicy } from './image.js';
import { volumeSourceShapes } from './podShapes.js';
import { parseQuantity, roundUpToMilli } from './quantity.js';
import { cloneJson } from '../../model/cloneJson.js';

const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
/** v1.SecretVolumeSourceDefaultMode and friends: 0644. */
const DEFAULT_MODE = 0o644;
const VOLUME_SOURCES = volumeSourceShapes.map(([name]) => name);

/**
 * Returns a defaulted copy of `spec`. Pass `isTemplate: true` for the pod template of a
 * Deployment, ReplicaSet or ReplicationController: SetDefaults_Pod (requests from limits,
 * enableServiceLinks, hostNetwork host ports) applies to Pods only.
 */
export function defaultPodSpec(spec: PodSpec, opts: { isTemplate: boolean }): PodSpec {
  const copy = cloneJson(spec);
  applyPodSpecDefaults(copy, opts.isTemplate);
  return copy;
}

/** defaultPodSpec without the copy, for objects the loader owns. */
export function applyPodSpecDefaults(spec: PodSpec, isTemplate: boolean): void {
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  if (!isTemplate) {
    // SetDefaults_Pod runs first: requests copied from limits are then rounded like the rest.
    for (const c of containers) defaultRequestsFromLimits(c.resources);
    spec.enableServiceLinks ??= true;
    if (spec.hostNetwork) {
      for (const c of containers) {
        for (const p of c.ports ?? [])
          if (!p.hostPort && p.containerPort) p.hostPort = p.containerPort;
      }
    }
  }
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  spec.schedulerName ||= 'default-scheduler';
  for (const v of spec.volumes ?? []) defaultVolume(v);
  for (const c of containers) defaultContainer(c);
  if (spec.overhead) spec.overhead = roundResourceList(spec.overhead);
}

function defaultRequestsFromLimits(res: ResourceRequirements | undefined): void {
  if (!res?.limits) return;
  for (const [name, limit] of Object.entries(res.limits)) {
    // A limit that does not parse never gets this far on the API server (the decoder rejects it).
    if (parseQuantity(limit) === undefined) continue;
    res.requests ??= {};
    if (!Object.hasOwn(res.requests, name)) {
      Object.defineProperty(res.requests, name, {
        value: limit,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
}

function defaultContainer(c: Container): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(c.image ?? '');
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  for (const p of c.ports ?? []) p.protocol ||= 'TCP';
  for (const e of c.env ?? []) {
    const ref = e.valueFrom?.fieldRef;
    if (ref) ref.apiVersion ||= 'v1';
  }
  // Resources is a struct, not a pointer, in the Go type: the server always returns `resources: {}`.
  c.resources ??= {};
  if (c.resources.limits) c.resources.limits = roundResourceList(c.resources.limits);
  if (c.resources.requests) c.resources.requests = roundResourceList(c.resources.requests);
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
    if (probe) defaultProbe(probe);
  }
  for (const h of [c.lifecycle?.postStart, c.lifecycle?.preStop]) if (h) defaultHandler(h);
}

function defaultProbe(p: Probe): void {
  // The Go fields are plain int32s: 0 and absent are the same value, and both are defaulted.
  p.timeoutSeconds ||= 1;
  p.periodSeconds ||= 10;
  p.successThreshold ||= 1;
  p.failureThreshold ||= 3;
  defaultHandler(p);
}

function defaultHandler(h: { httpGet?: HTTPGetAction }): void {
  if (h.httpGet) {
    h.httpGet.path ||= '/';
    h.httpGet.scheme ||= 'HTTP';
  }
}

function defaultVolume(v: Volume): void {
  const holder = v as unknown as Record<string, unknown>;
  if (!VOLUME_SOURCES.some((s) => holder[s] !== undefined)) v.emptyDir = {};
  if (v.secret) v.secret.defaultMode ??= DEFAULT_MODE;
  if (v.configMap) v.configMap.defaultMode ??= DEFAULT_MODE;
  if (v.downwardAPI) v.downwardAPI.defaultMode ??= DEFAULT_MODE;
  if (v.projected) v.projected.defaultMode ??= DEFAULT_MODE;
  if (v.hostPath) v.hostPath.type ??= '';
}

/**
 * SetDefaults_ResourceList rounds every quantity up to milli precision; the object then carries
 * the canonical string (`0.5` → `500m`, `1.5Gi` → `1536Mi`). Unparsable values stay as written
 * for validation to report.
 */
function roundResourceList(list: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(list)) {
    const q = parseQuantity(raw);
    const value = q ? roundUpToMilli(q).canonical : raw;
    Object.defineProperty(out, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
