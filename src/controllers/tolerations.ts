/** Toleration.ToleratesTaint (staging/src/k8s.io/api/core/v1/toleration.go). */
import type { Toleration } from 'kubernetes-types/core/v1.js';

export function toleratesTaint(
  t: Toleration,
  taint: { key: string; value?: string; effect: string },
): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}
