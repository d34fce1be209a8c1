/**
 * Labels, annotations and label selectors. Mirrors
 * staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go (ValidateLabels,
 * ValidateLabelSelector, ValidateLabelName), ValidateAnnotations in
 * staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go, and selector matching in
 * staging/src/k8s.io/apimachinery/pkg/labels/selector.go.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { isQualifiedName, isValidLabelValue } from './names.js';
import { child } from './path.js';
import type { FieldPath } from './path.js';
import type { Report } from './report.js';

export type Labels = Readonly<Record<string, string>>;

/** ValidateLabelName: errors carry the key as value, at `path`. */
export function validateLabelName(name: string, path: FieldPath, r: Report, at?: FieldPath): void {
  r.invalidEach(path, name, isQualifiedName(name), at);
}

/**
 * ValidateLabels reports at the map's own path (`metadata.labels`), as the API server does; the
 * error is located at the offending entry (under `where`, when the printed path is not the map's).
 */
export function validateLabels(
  labels: Labels | undefined,
  path: FieldPath,
  r: Report,
  where: FieldPath = path,
): void {
  for (const [k, v] of Object.entries(labels ?? {})) {
    const at = child(where, k);
    validateLabelName(k, path, r, at);
    r.invalidEach(path, v, isValidLabelValue(v), at);
  }
}

/** ValidateAnnotations: keys are qualified names, compared in lower case; 256 KiB in total. */
export function validateAnnotations(
  annotations: Labels | undefined,
  path: FieldPath,
  r: Report,
  where: FieldPath = path,
): void {
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    r.invalidEach(path, k, isQualifiedName(k.toLowerCase()), child(where, k));
    total += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (total > 256 * 1024) r.add(path, 'Too long: must have at most 262144 bytes');
}

const OPS_WITH_VALUES = new Set(['In', 'NotIn']);
const OPS_WITHOUT_VALUES = new Set(['Exists', 'DoesNotExist']);

/**
 * ValidateLabelSelector (label values in expressions are checked: AllowInvalidLabelValueInSelector is
 * false on create). Returns whether metav1.LabelSelectorAsSelector would accept the selector, which
 * rejects exactly the requirements reported here.
 */
export function validateLabelSelector(sel: LabelSelector, path: FieldPath, r: Report): boolean {
  const before = r.count;
  validateLabels(sel.matchLabels, child(path, 'matchLabels'), r);
  (sel.matchExpressions ?? []).forEach((expr, i) => {
    const p = child(path, 'matchExpressions', i);
    const values = expr.values ?? [];
    const op = expr.operator ?? '';
    if (OPS_WITH_VALUES.has(op)) {
      if (values.length === 0) {
        r.required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'");
      }
    } else if (OPS_WITHOUT_VALUES.has(op)) {
      if (values.length > 0) {
        r.forbidden(
          child(p, 'values'),
          "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        );
      }
    } else {
      r.invalid(child(p, 'operator'), op, 'not a valid selector operator');
    }
    validateLabelName(expr.key ?? '', child(p, 'key'), r);
    values.forEach((v, j) => r.invalidEach(child(p, 'values', j), v, isValidLabelValue(v)));
  });
  return r.count === before;
}

/** labels.Selector.Matches for a metav1.LabelSelector (already validated). */
export function selectorMatches(sel: LabelSelector, labels: Labels | undefined): boolean {
  const have = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    if (!Object.hasOwn(have, k) || have[k] !== v) return false;
  }
  for (const expr of sel.matchExpressions ?? []) {
    const present = Object.hasOwn(have, expr.key);
    const value = present ? have[expr.key] : undefined;
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
        if (!present || !values.includes(value!)) return false;
        break;
      case 'NotIn':
        if (present && values.includes(value!)) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** labels.Set(selector).AsSelector().Matches(labels), for ReplicationController's map selector. */
export function mapSelectorMatches(selector: Labels, labels: Labels | undefined): boolean {
  const have = labels ?? {};
  return Object.entries(selector).every(([k, v]) => Object.hasOwn(have, k) && have[k] === v);
}
