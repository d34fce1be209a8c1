/**
 * Safe, positioned YAML loading for untrusted input. Every manifest and scenario passes through
 * here: documents become plain JSON values, and any field path can be mapped back to its
 * line and column for error messages.
 *
 * Hardening: a size cap, a nesting cap, an alias-expansion budget (defeats "billion laughs"), and
 * `__proto__` keys rejected (never assigned through the prototype setter). Plain scalars and `<<`
 * merge keys mean what they mean to kubectl (go-yaml v2, YAML 1.1; see goYaml.ts).
 */
import {
  LineCounter,
  parseAllDocuments,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  visit,
} from 'yaml';
import type { Document, Node as YamlNode, Scalar } from 'yaml';
import { goScalar, GoYamlError, jsonKey, jsonValue } from './goYaml.js';
import type { InputError } from './errors.js';

export type FieldPath = ReadonlyArray<string | number>;

export const LIMITS = {
  /** Largest input file accepted (bytes). */
  maxFileBytes: 8 * 1024 * 1024,
  /** Deepest nesting of maps and sequences accepted. */
  maxDepth: 64,
  /** Most nodes that alias expansion may produce in one document. */
  maxExpandedNodes: 200_000,
  /** Most documents in one file. */
  maxDocuments: 10_000,
};

export interface SourceDoc {
  file: string;
  /** Index of the document in its file (0-based). */
  index: number;
  /** The document's value as plain JSON (null for an empty document). */
  value: unknown;
  /**
   * Line/column (1-based) of the node at `path`, or of the nearest existing ancestor; with
   * `key`, of the map key that names the last path element.
   */
  locate(path: FieldPath, opts?: { key?: boolean }): { line: number; col: number };
}

export function formatPath(path: FieldPath): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${p}` : p;
  }
  return out;
}

class LoadLimit extends Error {
  /** Offset of the node that crossed the limit, when known. */
  constructor(
    message: string,
    readonly offset?: number,
  ) {
    super(message);
  }
}

/** Parses every document of a YAML (or JSON) text. Errors are collected, never thrown. */
export function parseYamlFile(
  text: string,
  file: string,
): { docs: SourceDoc[]; errors: InputError[] } {
  const errors: InputError[] = [];
  // The limit is on the file's bytes (its UTF-8), not on UTF-16 units: a character is 1–3 bytes
  // a unit, so only a text over a third of the limit needs counting.
  const bytes = text.length > LIMITS.maxFileBytes / 3 ? Buffer.byteLength(text, 'utf8') : 0;
  if (bytes > LIMITS.maxFileBytes) {
    errors.push({
      file,
      line: 1,
      col: 1,
      path: '',
      message: `file is ${bytes} bytes; at most ${LIMITS.maxFileBytes} bytes are accepted`,
    });
    return { docs: [], errors };
  }
  const lc = new LineCounter();
  let parsed: Document.Parsed[];
  try {
    parsed = parseAllDocuments(asKubectlReads(text), {
      lineCounter: lc,
      // Duplicate keys are found in toPlain, as the JSON keys they become, in one pass: the
      // package compares each key with every earlier one (20,000 keys: 30 s with our comparison).
      uniqueKeys: false,
      prettyErrors: false,
    });
  } catch (e) {
    errors.push({
      file,
      line: 1,
      col: 1,
      path: '',
      message: `not valid YAML: ${(e as Error).message}`,
    });
    return { docs: [], errors };
  }
  if (!Array.isArray(parsed)) parsed = [parsed as unknown as Document.Parsed];
  if (parsed.length > LIMITS.maxDocuments) {
    errors.push({
      file,
      line: 1,
      col: 1,
      path: '',
      message: `${parsed.length} documents; at most ${LIMITS.maxDocuments} are accepted`,
    });
    return { docs: [], errors };
  }
  const pos = (offset: number): { line: number; col: number } => {
    const p = lc.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const docs: SourceDoc[] = [];
  parsed.forEach((doc, index) => {
    const bad = [...doc.errors];
    if (bad.length > 0) {
      for (const err of bad) {
        const at = pos(err.pos[0]);
        errors.push({
          file,
          ...at,
          path: '',
          message: `not valid YAML: ${firstLine(err.message)}`,
        });
      }
      return;
    }
    const ctx: Ctx = { budget: { nodes: 0 }, targets: aliasTargets(doc) };
    let value: unknown;
    try {
      value = toPlain(doc.contents as YamlNode | null, ctx, 0);
    } catch (e) {
      if (e instanceof LoadLimit) {
        const start = e.offset ?? doc.contents?.range?.[0];
        const at = start !== undefined ? pos(start) : { line: 1, col: 1 };
        errors.push({ file, ...at, path: '', message: e.message });
        return;
      }
      throw e;
    }
    docs.push({
      file,
      index,
      value,
      locate(path, opts) {
        let node: unknown = doc.contents;
        let best = node && (node as YamlNode).range ? (node as YamlNode).range![0] : 0;
        for (let i = 0; i < path.length; i++) {
          const key = path[i]!;
          while (isAlias(node)) node = ctx.targets.get(node);
          if (isMap(node)) {
            const pair = node.items.find(
              (it) => isPair(it) && isScalar(it.key) && keyText(it.key) === String(key),
            );
            if (!pair) break;
            const keyNode = pair.key as YamlNode;
            node = pair.value;
            const r =
              opts?.key && i === path.length - 1
                ? keyNode.range
                : ((node as YamlNode | null)?.range ?? keyNode.range);
            if (r) best = r[0];
          } else if (isSeq(node) && typeof key === 'number') {
            node = node.items[key];
            const r = (node as YamlNode | undefined)?.range;
            if (!r) break;
            best = r[0];
          } else break;
        }
        return pos(best);
      },
    });
  });
  return { docs, errors };
}

/**
 * Two things go-yaml accepts that the `yaml` package does not: a line break that is a lone CR
 * (classic Mac files; YAML 1.1 counts it as a break), and a byte-order mark at the start of a
 * document after the first (kubectl's YAMLReader cuts the stream at `---` lines and go-yaml skips
 * a BOM at the start of each piece). A BOM anywhere else stays, as it does for go-yaml.
 */
function asKubectlReads(text: string): string {
  const breaks = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  return breaks.includes('\uFEFF')
    ? breaks.replace(/(^|\n---[ \t]*(?:#[^\n]*)?\r?\n)\uFEFF/g, '$1')
    : breaks;
}

/** What every step of turning one document into plain values shares. */
interface Ctx {
  /** Nodes made so far, aliases expanded (the budget against alias bombs). */
  budget: { nodes: number };
  /** Each alias's node. */
  targets: ReadonlyMap<unknown, YamlNode>;
}

/**
 * The node each alias names: the latest node before it with that anchor. Found in one walk, as
 * Alias.resolve(doc) walks the whole document for each alias (20,000 aliases took 49 s).
 */
function aliasTargets(doc: Document.Parsed): Map<unknown, YamlNode> {
  const anchors = new Map<string, YamlNode>();
  const targets = new Map<unknown, YamlNode>();
  visit(doc, (_key, node) => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target !== undefined) targets.set(node, target);
    } else if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor) {
      anchors.set(node.anchor, node as YamlNode);
    }
  });
  return targets;
}

function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A scalar node as go-yaml resolves it (decode.go `scalar`); throws GoYamlError. */
const goScalarOf = (node: Scalar): ReturnType<typeof goScalar> =>
  goScalar(node.source ?? String(node.value), node.tag, node.type !== 'PLAIN');

/** A scalar as go-yaml reads it, made a JSON value or key; go-yaml's errors are located. */
function scalarOf<T>(node: Scalar, as: (r: ReturnType<typeof goScalar>) => T): T {
  try {
    return as(goScalarOf(node));
  } catch (e) {
    if (e instanceof GoYamlError)
      throw new LoadLimit(`${e.message} (kubectl: error converting YAML to JSON)`, node.range?.[0]);
    throw e;
  }
}

/** The JSON key a scalar key becomes, or undefined when it cannot be one. */
function keyText(key: Scalar): string | undefined {
  try {
    return jsonKey(goScalarOf(key));
  } catch {
    return undefined;
  }
}

/** A plain `<<` key (or one tagged !!merge), as go-yaml v2's isMerge. */
function isMergeKey(key: Scalar): boolean {
  if (key.source !== '<<') return false;
  try {
    return goScalarOf(key).tag === 'merge';
  } catch {
    return false;
  }
}

/**
 * A `<<` merge, as go-yaml v2 decodes one into a map (decode.go `merge`): the merged map's keys
 * are set in place, so they replace keys written before the `<<` and are replaced by keys written
 * after it; of a list of maps, earlier ones take precedence.
 */
function mergeInto(
  out: Record<string, unknown>,
  value: YamlNode | null,
  ctx: Ctx,
  depth: number,
): void {
  // A list written in place is a list of maps; an alias must name a map itself.
  const maps = isSeq(value) ? [...value.items].reverse() : [value];
  for (const m of maps) {
    let target: unknown = m;
    while (isAlias(target)) target = ctx.targets.get(target);
    if (!isMap(target)) {
      throw new LoadLimit(
        'a << merge needs a map or a list of maps as its value',
        (m as YamlNode | null)?.range?.[0] ?? value?.range?.[0],
      );
    }
    const merged = toPlain(m as YamlNode, ctx, depth) as Record<string, unknown>;
    for (const k of Object.keys(merged)) setOwn(out, k, merged[k]);
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

function toPlain(node: YamlNode | null, ctx: Ctx, depth: number): unknown {
  if (++ctx.budget.nodes > LIMITS.maxExpandedNodes) {
    throw new LoadLimit(
      `document expands to more than ${LIMITS.maxExpandedNodes} nodes (YAML aliases?); refusing to load it`,
    );
  }
  if (depth > LIMITS.maxDepth) {
    throw new LoadLimit(
      `document is nested more than ${LIMITS.maxDepth} levels deep`,
      node?.range?.[0],
    );
  }
  if (node === null || node === undefined) return null;
  if (isAlias(node)) {
    const target = ctx.targets.get(node);
    if (!target) throw new LoadLimit(`unresolved YAML alias *${node.source}`);
    return toPlain(target, ctx, depth + 1);
  }
  if (isScalar(node)) return scalarOf(node, jsonValue);
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    // Keys written in this map (merged ones may be replaced). Compared as the JSON keys they
    // become, so `y` and `Yes` are one key and `y` and `"y"` two. kubectl's YAMLToJSON keeps one
    // of two equal keys without a word; podsim refuses them, as one value would be lost.
    const written = new Set<string>();
    for (const item of node.items) {
      let keyNode: unknown = item.key;
      while (isAlias(keyNode)) keyNode = ctx.targets.get(keyNode);
      if (!isScalar(keyNode)) {
        throw new LoadLimit(
          'a map key must be a scalar: JSON object keys are strings',
          (item.key as YamlNode | null)?.range?.[0],
        );
      }
      if (isMergeKey(keyNode)) {
        mergeInto(out, item.value as YamlNode | null, ctx, depth + 1);
        continue;
      }
      const key = scalarOf(keyNode, jsonKey);
      if (key === '__proto__') {
        throw new LoadLimit(
          'the key "__proto__" is not allowed',
          (item.key as YamlNode).range?.[0],
        );
      }
      if (written.has(key)) {
        throw new LoadLimit(
          `the key ${JSON.stringify(key)} is given twice: map keys must be unique (kubectl would keep one value without a word)`,
          (item.key as YamlNode).range?.[0],
        );
      }
      written.add(key);
      setOwn(out, key, toPlain(item.value as YamlNode | null, ctx, depth + 1));
    }
    return out;
  }
  if (isSeq(node)) {
    return node.items.map((it) => toPlain(it as YamlNode | null, ctx, depth + 1));
  }
  throw new LoadLimit('unsupported YAML node');
}
