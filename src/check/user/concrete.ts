/**
 * A counterexample as scenario text: the user's scenario with each range or choice replaced by the
 * value drawn (comments and layout kept), so the trace written from it replays with
 * `podsim replay --verify` and the fragment printed is what the user would write.
 */
import { parseAllDocuments, stringify } from 'yaml';
import type { ChoicePoint } from '../../spec/ranges.js';
import { describeDomain, renderChoice } from '../../spec/ranges.js';
import type { SourceDoc } from '../../spec/yamlSource.js';
import { cloneJson } from '../../model/cloneJson.js';

/** The scenario file's text with the drawn values in place of its ranges and choices. */
export function concreteText(
  text: string,
  doc: SourceDoc,
  points: readonly ChoicePoint[],
  values: readonly number[],
): string {
  const ydoc = parseAllDocuments(text)[doc.index];
  if (!ydoc || !('getIn' in ydoc)) return text;
  const edits = points.flatMap((p, i) => {
    const node = ydoc.getIn(p.path, true) as { range?: [number, number, number] } | undefined;
    if (!node?.range) return [];
    return [{ from: node.range[0], to: node.range[1], text: renderChoice(p, values[i]!) }];
  });
  let out = text;
  for (const e of edits.sort((a, b) => b.from - a.from))
    out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

/**
 * The `containers:` rules that hold ranges, with the drawn values in place, as YAML; then one line
 * per point naming its field and range.
 */
export function fragment(
  doc: SourceDoc,
  points: readonly ChoicePoint[],
  values: readonly number[],
): string {
  const rules = (doc.value as { containers?: unknown[] }).containers ?? [];
  const used = [...new Set(points.map((p) => p.path[1] as number))].sort((a, b) => a - b);
  const chosen = used.map((i) => cloneJson(rules[i]) as Record<string, unknown>);
  points.forEach((p, k) => {
    const rule = chosen[used.indexOf(p.path[1] as number)];
    setIn(rule, p.path.slice(2), yamlValue(renderChoice(p, values[k]!)));
  });
  const yaml = stringify({ containers: chosen }, { lineWidth: 0, flowCollectionPadding: false });
  const notes = points.map(
    (p, k) => `# ${p.key}: ${renderChoice(p, values[k]!)} (from ${describeDomain(p)})`,
  );
  return `${yaml.trimEnd()}\n${notes.join('\n')}`;
}

/** A rendered value read back as YAML, so `stringify` prints it as the scenario holds it. */
function yamlValue(text: string): unknown {
  const d = parseAllDocuments(text)[0];
  return d && 'toJS' in d ? d.toJS() : text;
}

function setIn(obj: unknown, path: ReadonlyArray<string | number>, value: unknown): void {
  let o = obj as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  o[path[path.length - 1]!] = value;
}
