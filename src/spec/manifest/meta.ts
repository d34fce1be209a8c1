/**
 * ObjectMeta on create. Mirrors ValidateObjectMetaAccessor in
 * staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go and ValidateObjectMeta /
 * validateKubeFinalizerName in pkg/apis/core/validation/validation.go.
 *
 * Namespaced objects without a namespace land in `default`, as `kubectl apply` with the default
 * context puts them. podsim applies manifests the way `kubectl apply` does, and kubectl refuses
 * `generateName` there ("cannot use generate name with apply"), so podsim does too.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { validateAnnotations, validateLabels } from './labels.js';
import { isQualifiedName } from './names.js';
import { child } from './path.js';
import type { FieldPath } from './path.js';
import type { Report } from './report.js';

export type NameCheck = (name: string, prefix?: boolean) => string[];

const META: FieldPath = ['metadata'];
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** Fills metadata.namespace for namespaced kinds; clears it for cluster-scoped ones (the server does). */
export function defaultObjectMeta(meta: ObjectMeta, namespaced: boolean): void {
  if (namespaced) {
    if (!meta.namespace) meta.namespace = 'default';
  } else {
    delete meta.namespace;
  }
}

export function validateObjectMeta(
  meta: ObjectMeta,
  namespaced: boolean,
  nameFn: NameCheck,
  r: Report,
  nsFn: NameCheck,
): void {
  const name = meta.name ?? '';
  if (meta.generateName && !name) {
    r.forbidden(
      child(META, 'generateName'),
      'podsim applies manifests like kubectl apply, which cannot use generate name; set metadata.name',
    );
  } else if (!name) {
    r.required(child(META, 'name'), 'name or generateName is required');
  } else {
    r.invalidEach(child(META, 'name'), name, nameFn(name, false));
  }
  if (namespaced) {
    const ns = meta.namespace ?? '';
    if (!ns) r.required(child(META, 'namespace'));
    else r.invalidEach(child(META, 'namespace'), ns, nsFn(ns, false));
  }
  validateLabels(meta.labels, child(META, 'labels'), r);
  validateAnnotations(meta.annotations, child(META, 'annotations'), r);
  validateFinalizers(meta.finalizers, child(META, 'finalizers'), r);
}

/** ValidateFinalizers plus validateKubeFinalizerName. */
export function validateFinalizers(
  finalizers: readonly string[] | undefined,
  path: FieldPath,
  r: Report,
): void {
  (finalizers ?? []).forEach((f, i) => {
    r.invalidEach(path, f, isQualifiedName(f), child(path, i));
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      r.invalid(
        child(path, i),
        f,
        'name is neither a standard finalizer name nor is it fully qualified',
      );
    }
  });
}
