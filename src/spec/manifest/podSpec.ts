/**
 * Pod specs, Pods and pod templates. Mirrors ValidatePodSpec, validatePodMetadataAndSpec,
 * ValidatePodCreate, validatePodHostNetworkDeps, validateRestartPolicy, validateDNSPolicy,
 * validateContainersOnlyForPod and ValidatePodTemplateSpec in pkg/apis/core/validation/validation.go.
 */
import type { Pod, PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { validateContainers, validateInitContainers } from './containers.js';
import { validateAnnotations, validateLabels } from './labels.js';
import { validateObjectMeta } from './meta.js';
import {
  inclusiveRangeError,
  isDNS1123Label,
  isNegativeErrorMsg,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
} from './names.js';
import { child } from './path.js';
import { INT32_MAX } from './shape.js';
import type { FieldPath } from './path.js';
import type { Report } from './report.js';
import { validateVolumes } from './volumes.js';
import { validateResourceRequirements } from './resources.js';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];

export function validatePodSpec(spec: PodSpec, path: FieldPath, r: Report, isPod: boolean): void {
  const grace = spec.terminationGracePeriodSeconds;
  if (grace === undefined) r.required(child(path, 'terminationGracePeriodSeconds'));
  else if (grace < 0) {
    // The API server only warns here ("must be >= 0; negative values are invalid and will be
    // treated as 1", pkg/api/pod/warnings.go); podsim rejects the value rather than guess.
    r.invalid(child(path, 'terminationGracePeriodSeconds'), grace, isNegativeErrorMsg);
  }
  const volumes = validateVolumes(spec.volumes, child(path, 'volumes'), r);
  const ctx = { volumes, grace };
  validateContainers(spec.containers, ctx, child(path, 'containers'), r);
  validateInitContainers(
    spec.initContainers,
    spec.containers,
    ctx,
    child(path, 'initContainers'),
    r,
  );
  if (spec.hostNetwork) validateHostNetworkPorts(spec, path, r, isPod);
  const restart = spec.restartPolicy ?? '';
  if (!restart) r.required(child(path, 'restartPolicy'));
  else if (!RESTART_POLICIES.includes(restart)) {
    r.notSupported(child(path, 'restartPolicy'), restart, RESTART_POLICIES);
  }
  const dns = spec.dnsPolicy ?? '';
  if (!dns) r.required(child(path, 'dnsPolicy'));
  else if (!DNS_POLICIES.includes(dns)) r.notSupported(child(path, 'dnsPolicy'), dns, DNS_POLICIES);
  validateLabels(spec.nodeSelector, child(path, 'nodeSelector'), r);
  for (const f of ['serviceAccountName', 'nodeName', 'priorityClassName'] as const) {
    const v = spec[f];
    if (v) r.invalidEach(child(path, f), v, nameIsDNSSubdomain(v));
  }
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && (deadline < 1 || deadline > INT32_MAX)) {
    r.invalid(child(path, 'activeDeadlineSeconds'), deadline, inclusiveRangeError(1, INT32_MAX));
  }
  for (const f of ['hostname', 'subdomain'] as const) {
    const v = spec[f];
    if (v) r.invalidEach(child(path, f), v, isDNS1123Label(v));
  }
  if (spec.runtimeClassName !== undefined) {
    r.invalidEach(
      child(path, 'runtimeClassName'),
      spec.runtimeClassName,
      nameIsDNSSubdomain(spec.runtimeClassName),
    );
  }
  // validateOverhead reuses ValidateResourceRequirements with the overhead as limits, so its
  // errors name `spec.overhead.limits[cpu]`, as the API server's do.
  if (spec.overhead && Object.keys(spec.overhead).length > 0)
    validateResourceRequirements({ limits: spec.overhead }, child(path, 'overhead'), r);
  const preemption = spec.preemptionPolicy;
  if (preemption !== undefined && !PREEMPTION_POLICIES.includes(preemption)) {
    if (!preemption) r.required(child(path, 'preemptionPolicy'));
    else r.notSupported(child(path, 'preemptionPolicy'), preemption, PREEMPTION_POLICIES);
  }
}

const hasItems = (v: unknown): boolean => Array.isArray(v) && v.length > 0;

/** validatePodHostNetworkDeps: with hostNetwork, a Pod's hostPort must equal its containerPort. */
function validateHostNetworkPorts(spec: PodSpec, path: FieldPath, r: Report, isPod: boolean): void {
  (spec.containers ?? []).forEach((c, i) => {
    (c.ports ?? []).forEach((port, j) => {
      const hp = port.hostPort ?? 0;
      if ((isPod || hp !== 0) && hp !== (port.containerPort ?? 0)) {
        const p = child(path, 'containers', i, 'ports', j, 'hostPort');
        r.invalid(p, hp, 'must match `containerPort` when `hostNetwork` is true');
      }
    });
  });
}

/** ValidatePodCreate: metadata, spec, then the checks that apply to Pods but not templates. */
export function validatePod(pod: Pod, r: Report): void {
  validateObjectMeta(pod.metadata ?? {}, true, nameIsDNSSubdomain, r, nameIsDNSLabel);
  const spec: PodSpec = pod.spec ?? { containers: [] };
  const specPath: FieldPath = ['spec'];
  validatePodSpec(spec, specPath, r, true);
  for (const f of ['containers', 'initContainers'] as const) {
    (spec[f] ?? []).forEach((c, i) => {
      if (c.image && c.image !== c.image.trim()) {
        r.invalid(
          child(specPath, f, i, 'image'),
          c.image,
          'must not have leading or trailing whitespace',
        );
      }
    });
  }
  if (hasItems(spec.ephemeralContainers)) {
    r.forbidden(child(specPath, 'ephemeralContainers'), 'cannot be set on create');
  }
}

/**
 * The RuntimeClass admission plugin's validateOverhead (plugin/pkg/admission/runtimeclass/
 * admission.go): a pod whose spec.overhead is set (even to `{}`) without a RuntimeClass that
 * defines an overhead is forbidden. podsim models no RuntimeClass objects: a pod that names one is
 * taken to run on it as written, but one that names none is rejected in every cluster. Run by
 * kinds.ts admit() on an object that validated: a Pod's spec, or a workload's template (the
 * workload itself is accepted; the plugin forbids each pod created from it).
 */
export function admitOverhead(
  spec: PodSpec | undefined,
  specPath: FieldPath,
  r: Report,
  template: boolean,
): void {
  if (spec?.overhead === undefined || spec.runtimeClassName !== undefined) return;
  r.forbidden(
    child(specPath, 'overhead'),
    `pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead${template ? ' (every pod created from this template)' : ''}`,
  );
}

/**
 * ValidatePodTemplateSpec. Its labels and annotations are reported at `template.labels` and
 * `template.annotations` (fldPath.Child("labels") upstream), though written under `metadata`.
 */
export function validatePodTemplateSpec(t: PodTemplateSpec, path: FieldPath, r: Report): void {
  const meta = child(path, 'metadata');
  validateLabels(t.metadata?.labels, child(path, 'labels'), r, child(meta, 'labels'));
  validateAnnotations(
    t.metadata?.annotations,
    child(path, 'annotations'),
    r,
    child(meta, 'annotations'),
  );
  validatePodSpec(t.spec ?? { containers: [] }, child(path, 'spec'), r, false);
  if (hasItems(t.spec?.ephemeralContainers)) {
    r.forbidden(
      child(path, 'spec', 'ephemeralContainers'),
      'ephemeral containers not allowed in pod template',
    );
  }
}
