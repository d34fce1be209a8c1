/**
 * Unknown fields, refused as `kubectl apply` refuses them. kubectl's default `--validate=strict`
 * asks the API server for strict field validation, and its decoder (sigs.k8s.io/json, matching
 * field names case-sensitively) fails the object with
 * `strict decoding error: unknown field "spec.containers[0].livenesProbe"`, so a misspelt probe
 * never runs as a pod without its probe. The field names of every API type come from the
 * Kubernetes OpenAPI document (apiFields.ts, generated).
 *
 * This check only looks for names; a value of the wrong JSON type is left to the shape decoder,
 * and fields podsim does not model are accepted here and ignored there.
 */
import { API_FIELDS, API_ROOTS } from './apiFields.js';
import { child, key } from './path.js';
import type { FieldPath } from './path.js';
import type { Report } from './report.js';
import { isObject } from './shape.js';

export type ApiKind = keyof typeof API_ROOTS;

/** Reports every field of `value` (an object of `kind`, as written) that its API type does not have. */
export function checkKnownFields(kind: ApiKind, value: unknown, r: Report): void {
  walk(value, API_ROOTS[kind], [], r);
}

function walk(value: unknown, ref: string, path: FieldPath, r: Report): void {
  if (ref === '' || value === null || value === undefined) return;
  if (ref.startsWith('[]')) {
    if (Array.isArray(value))
      value.forEach((item, i) => walk(item, ref.slice(2), child(path, i), r));
    return;
  }
  if (ref.startsWith('{}')) {
    if (isObject(value)) {
      for (const k of Object.keys(value)) walk(value[k], ref.slice(2), child(path, key(k)), r);
    }
    return;
  }
  const fields = API_FIELDS[ref];
  if (fields === undefined) throw new Error(`apiFields.ts has no type ${ref}`);
  if (!isObject(value)) return;
  for (const k of Object.keys(value)) {
    if (Object.hasOwn(fields, k)) walk(value[k], fields[k]!, child(path, k), r);
    else r.unknownField(child(path, k), k, nearest(k, Object.keys(fields)));
  }
}

/** The known name `name` most likely misspells: same letters in another case, or at most 2 edits away. */
export function nearest(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  let best: string | undefined;
  let bestD = Math.min(2, Math.floor(name.length / 3));
  for (const k of known) {
    if (Math.abs(k.length - name.length) > bestD) continue;
    const d = editDistance(lower, k.toLowerCase());
    if (d <= bestD && (best === undefined || d < bestD)) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const sub = rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, sub);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      }
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
