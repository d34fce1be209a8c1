/**
 * YAML as `kubectl get -o yaml` prints it. kubectl's printer is sigs.k8s.io/yaml: the object's
 * JSON decoded into maps and written by its fork of gopkg.in/yaml.v2 (v2.4.0), so:
 *
 * - map keys in go-yaml's order (sorter.go keyList.Less: runs of digits compare as numbers, and
 *   a non-letter sorts before a letter);
 * - a string that would read back as another type under YAML 1.1 (`"True"`, `"0"`, a timestamp,
 *   the empty string) is double-quoted; one that cannot be written plain (`a: b`, `[x]`) is
 *   single-quoted; one with a line break is a literal block (encode.go stringv);
 * - block sequences at their key's indentation, and no anchors: an object that appears twice is
 *   written out twice.
 *
 * One difference remains: go-yaml folds a plain or quoted string at the first space past column
 * 80, and podsim writes it on one line (the value read back is the same).
 */
import { Document, isScalar, parseDocument, visit } from 'yaml';
import type { Pair, Scalar } from 'yaml';

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string): boolean => /\p{Nd}/u.test(c);

/** gopkg.in/yaml.v2 v2.4.0 sorter.go keyList.Less for two string keys. */
export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    // unicode.IsDigit accepts every decimal digit; `r - '0'` is what go-yaml adds for each.
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + ar[ai]!.codePointAt(0)! - 48;
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + br[bi]!.codePointAt(0)! - 48;
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
  }
  return ar.length < br.length;
}

const keyOrder = (x: Pair, y: Pair): number => {
  const a = String(isScalar(x.key) ? x.key.value : x.key);
  const b = String(isScalar(y.key) ? y.key.value : y.key);
  return goYamlKeyLess(a, b) ? -1 : goYamlKeyLess(b, a) ? 1 : 0;
};

/** The string would be read back as something else than that string (resolve() in go-yaml). */
function readsAsOther(s: string): boolean {
  if (s === '') return true;
  const doc = parseDocument(s, { version: '1.1' });
  if (doc.errors.length > 0 || !isScalar(doc.contents)) return false;
  return typeof doc.contents.value !== 'string';
}

/** `value` (plain data: maps, lists, strings, numbers, booleans) as kubectl's YAML. */
export function kubectlYaml(value: unknown): string {
  const doc = new Document(value, {
    version: '1.1',
    aliasDuplicateObjects: false,
    sortMapEntries: keyOrder,
  });
  // Objects repeat their strings ("True", condition types, timestamps, images): each distinct
  // one is parsed once.
  const styles = new Map<string, Scalar.Type>();
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      const s = node.value;
      let style = styles.get(s);
      if (style === undefined) {
        style = s.includes('\n')
          ? 'BLOCK_LITERAL'
          : readsAsOther(s)
            ? 'QUOTE_DOUBLE'
            : // Plain where YAML allows it, else single-quoted (the emitter's own fallback).
              'PLAIN';
        styles.set(s, style);
      }
      node.type = style;
    },
  });
  return doc.toString({ indentSeq: false, singleQuote: true, lineWidth: 0 });
}
