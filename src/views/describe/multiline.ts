/**
 * Multi-line maps and lists of `kubectl describe`: labels, annotations, node selectors,
 * tolerations and topology spread constraints. Mirrors describe.go printLabelsMultiline,
 * printAnnotationsMultiline, printPodTolerationsMultiline and describeTopologySpreadConstraints.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { Toleration, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
import { goSort } from '../goSort.js';
import { goStringLess } from '../goText.js';
import type { PrefixWriter } from './prefixWriter.js';
import { LEVEL_0 } from './prefixWriter.js';

const sortedKeys = (m: Readonly<Record<string, string>>): string[] =>
  goSort(Object.keys(m), goStringLess);

/** `Title:\tk=v` with each further entry on its own line under the first value. */
export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Readonly<Record<string, string>> | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortedKeys(labels ?? {});
  if (keys.length === 0) return w.writeLine('<none>');
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

/** Annotations kubectl never shows (describe.go skipAnnotations). */
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
/** describe.go maxAnnotationLen, also the cut of a CSI volume attribute line. */
export const MAX_ANNOTATION_LEN = 140;

/** Go's `s[:max] + "..."`: cut at a byte count (a cut character shows as U+FFFD, as on a terminal). */
export const shorten = (s: string, max: number): string =>
  Buffer.byteLength(s) > max ? `${Buffer.from(s).subarray(0, max).toString()}...` : s;

/** printAnnotationsMultiline: long or multi-line values go on their own indented lines. */
export function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Readonly<Record<string, string>> | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortedKeys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k));
  if (keys.length === 0) return w.writeLine('<none>');
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    const value = annotations![key]!.replace(/\n$/, '');
    const long = Buffer.byteLength(value) + Buffer.byteLength(key) + 2 > MAX_ANNOTATION_LEN;
    if (long || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) {
        w.write(LEVEL_0, `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
      }
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** printPodTolerationsMultiline, e.g. `node.kubernetes.io/not-ready:NoExecute op=Exists for 300s`. */
export function printTolerationsMultiline(
  w: PrefixWriter,
  title: string,
  tolerations: readonly Toleration[] | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!tolerations || tolerations.length === 0) return w.writeLine('<none>');
  const sorted = goSort([...tolerations], (a, b) => goStringLess(a.key ?? '', b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    // `operator: Exists` without key and effect tolerates everything.
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds != null) text += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${text}\n`);
  });
}

/** metav1.FormatLabelSelector: requirements sorted by key, `<none>` for an empty selector. */
export function formatLabelSelector(selector: LabelSelector): string {
  const reqs: [string, string][] = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => [
    k,
    `${k}=${v}`,
  ]);
  for (const e of selector.matchExpressions ?? []) {
    const values = goSort([...(e.values ?? [])], goStringLess).join(',');
    const text =
      e.operator === 'In'
        ? `${e.key} in (${values})`
        : e.operator === 'NotIn'
          ? `${e.key} notin (${values})`
          : e.operator === 'Exists'
            ? e.key
            : `!${e.key}`;
    reqs.push([e.key, text]);
  }
  // labels.internalSelector sorts requirements by key with sort.Sort.
  const text = goSort(reqs, (a, b) => goStringLess(a[0], b[0]))
    .map(([, t]) => t)
    .join(',');
  return text === '' ? '<none>' : text;
}

/** describeTopologySpreadConstraints (nothing at all when there are none). */
export function describeTopologySpreadConstraints(
  w: PrefixWriter,
  constraints: readonly TopologySpreadConstraint[] | undefined,
  space = '',
): void {
  if (!constraints || constraints.length === 0) return;
  const sorted = goSort([...constraints], (a, b) => goStringLess(a.topologyKey, b.topologyKey));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((c, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`);
    let text = `${c.topologyKey}:${c.whenUnsatisfiable} when max skew ${c.maxSkew} is exceeded`;
    if (c.labelSelector != null) text += ` for selector ${formatLabelSelector(c.labelSelector)}`;
    w.write(LEVEL_0, `${text}\n`);
  });
}
