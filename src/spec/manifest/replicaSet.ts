/**
 * apps/v1 ReplicaSet and core/v1 ReplicationController, and the selector-and-template rules they
 * share with Deployment. Mirrors pkg/apis/apps/v1/defaults.go SetDefaults_ReplicaSet,
 * pkg/apis/core/v1/defaults.go SetDefaults_ReplicationController, and in the validation packages
 * ValidateReplicaSetSpec, ValidatePodTemplateSpecForReplicaSet (apps) and
 * ValidateReplicationControllerSpec, ValidatePodTemplateSpecForRC (core).
 */
import type { ReplicaSet, ReplicaSetSpec } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec, ReplicationController } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { goLabelSelector, goStringMap } from './goFormat.js';
import { mapSelectorMatches, selectorMatches, validateLabelSelector } from './labels.js';
import { validateObjectMeta } from './meta.js';
import { isNegativeErrorMsg, nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';
import { child } from './path.js';
import type { FieldPath } from './path.js';
import { applyPodSpecDefaults } from './podDefaults.js';
import { validatePodTemplateSpec } from './podSpec.js';
import type { Report } from './report.js';

const SPEC: FieldPath = ['spec'];
const TEMPLATE: FieldPath = ['spec', 'template'];

function defaultTemplate(t: PodTemplateSpec): void {
  applyPodSpecDefaults((t.spec ??= { containers: [] }), true);
}

export function defaultReplicaSet(rs: ReplicaSet): void {
  const spec = (rs.spec ??= {} as ReplicaSetSpec);
  spec.replicas ??= 1;
  defaultTemplate((spec.template ??= {}));
}

/** An RC without a selector selects its template's labels, and takes them as its own labels. */
export function defaultReplicationController(rc: ReplicationController): void {
  const spec = (rc.spec ??= {});
  const labels = spec.template?.metadata?.labels;
  if (labels !== undefined) {
    if (Object.keys(spec.selector ?? {}).length === 0) spec.selector = { ...labels };
    const meta = (rc.metadata ??= {});
    if (Object.keys(meta.labels ?? {}).length === 0) meta.labels = { ...labels };
  }
  spec.replicas ??= 1;
  if (spec.template) defaultTemplate(spec.template);
}

/** The template rules after the selector match: pod template, restartPolicy Always, no deadline. */
function validateTemplateRules(t: PodTemplateSpec, controller: string, r: Report): void {
  validatePodTemplateSpec(t, TEMPLATE, r);
  const restart = t.spec?.restartPolicy ?? '';
  if (restart !== 'Always') {
    r.notSupported(child(TEMPLATE, 'spec', 'restartPolicy'), restart, ['Always']);
  }
  if (t.spec?.activeDeadlineSeconds !== undefined) {
    r.forbidden(
      child(TEMPLATE, 'spec', 'activeDeadlineSeconds'),
      `activeDeadlineSeconds in ${controller} is not Supported`,
    );
  }
}

function mismatch(t: PodTemplateSpec, r: Report): void {
  const labels = t.metadata?.labels;
  const at = labels ? child(TEMPLATE, 'metadata', 'labels') : TEMPLATE;
  r.invalidGo(
    child(TEMPLATE, 'metadata', 'labels'),
    goStringMap(labels),
    '`selector` does not match template `labels`',
    at,
  );
}

/**
 * Selector and template of a Deployment or ReplicaSet. A missing selector is Required, and also
 * matches nothing (metav1.LabelSelectorAsSelector(nil) is labels.Nothing()), so the template is
 * reported as not matching too, exactly as the API server does; an empty one matches everything.
 */
export function validateSelectorAndTemplate(
  sel: LabelSelector | undefined,
  t: PodTemplateSpec,
  r: Report,
  controller: string,
): void {
  const path = child(SPEC, 'selector');
  let usable = true;
  if (!sel) r.required(path);
  else {
    usable = validateLabelSelector(sel, path, r);
    const empty =
      Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0;
    if (empty) r.invalidGo(path, goLabelSelector(sel), 'empty selector is invalid for deployment');
  }
  if (!usable) {
    r.invalidGo(path, goLabelSelector(sel), 'invalid label selector');
    return;
  }
  const everything =
    sel !== undefined &&
    Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0;
  if (!everything && (!sel || !selectorMatches(sel, t.metadata?.labels))) mismatch(t, r);
  validateTemplateRules(t, controller, r);
}

export function validateReplicaSet(rs: ReplicaSet, r: Report): void {
  validateObjectMeta(rs.metadata ?? {}, true, nameIsDNSSubdomain, r, nameIsDNSLabel);
  const spec = rs.spec;
  const replicas = spec?.replicas ?? 0;
  if (replicas < 0) r.invalid(child(SPEC, 'replicas'), replicas, isNegativeErrorMsg);
  const minReady = spec?.minReadySeconds ?? 0;
  if (minReady < 0) r.invalid(child(SPEC, 'minReadySeconds'), minReady, isNegativeErrorMsg);
  // ValidateReplicaSetSpec reuses the Deployment wording for an empty selector.
  validateSelectorAndTemplate(spec?.selector, spec?.template ?? {}, r, 'ReplicaSet');
}

export function validateReplicationController(rc: ReplicationController, r: Report): void {
  validateObjectMeta(rc.metadata ?? {}, true, nameIsDNSSubdomain, r, nameIsDNSLabel);
  const spec = rc.spec ?? {};
  const minReady = spec.minReadySeconds ?? 0;
  if (minReady < 0) r.invalid(child(SPEC, 'minReadySeconds'), minReady, isNegativeErrorMsg);
  const selector = spec.selector ?? {};
  // ValidateNonEmptySelector only: the map's labels are not checked for an RC.
  if (Object.keys(selector).length === 0) r.required(child(SPEC, 'selector'));
  const replicas = spec.replicas ?? 0;
  if (replicas < 0) r.invalid(child(SPEC, 'replicas'), replicas, isNegativeErrorMsg);
  const t = spec.template;
  if (!t) return r.required(TEMPLATE);
  if (Object.keys(selector).length > 0 && !mapSelectorMatches(selector, t.metadata?.labels)) {
    mismatch(t, r);
  }
  validateTemplateRules(t, 'ReplicationController', r);
}
