/**
 * Field paths as the API server prints them. apimachinery's field.Path renders struct fields as
 * `.name`, list indexes as `[0]` and map keys as `[key]` (field.Path.Key), so
 * `spec.containers[0].resources.limits[cpu]` names the `cpu` entry of a ResourceList.
 *
 * A path here is a list of segments; `{ key }` marks a map key so it prints in brackets while still
 * locating the right YAML node.
 */

export type PathSegment = string | number | { readonly key: string };
export type FieldPath = readonly PathSegment[];

/** Mirrors field.Path.String() in k8s.io/apimachinery/pkg/util/validation/field/path.go. */
export function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string') out += out ? `.${seg}` : seg;
    else out += `[${seg.key}]`;
  }
  return out;
}

/** The same path as plain keys and indexes, for SourceDoc.locate. */
export function toLocatePath(path: FieldPath): Array<string | number> {
  return path.map((seg) => (typeof seg === 'object' ? seg.key : seg));
}

/** `path` extended by more segments (paths are immutable and shared freely). */
export function child(path: FieldPath, ...more: PathSegment[]): FieldPath {
  return [...path, ...more];
}

/** A map-key segment, printed as `[key]`. */
export function key(k: string): PathSegment {
  return { key: k };
}

/** True when `inner` is `outer` or lies below it (compared on the printed form). */
export function isWithin(inner: string, outer: string): boolean {
  if (inner === outer) return true;
  if (!inner.startsWith(outer)) return false;
  const next = inner.charAt(outer.length);
  return next === '.' || next === '[';
}
