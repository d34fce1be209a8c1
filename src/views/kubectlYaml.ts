/**
 * YAML as `kubectl get -o yaml` prints it. kubectl's printer is sigs.k8s.io/yaml: the object's
 * JSON decoded into maps and written by its fork of gopkg.in/yaml.v2 (v2.4.0), so:
 *
 * - map keys in go-yaml's order (sorter.go keyList.Less: runs of digits compare as numbers, and
 *   a non-letter sorts before a letter);
 * - a string that would read back as another type under YAML 1.1 (`"True"`, `"0"`, a timestamp,
 *   the empty string) is double-quoted; one that cannot be written plain (`a: b`, `[x]`) is
 *   single-quoted; one with a line break is a literal block (encode.go stringv); one with a
 *   character the emitter does not print (a tab, a control character, one beyond the BMP) is
 *   double-quoted with go-yaml's escapes (`\t`, `\U0001F600`);
 * - block sequences at their key's indentation, and no anchors: an object that appears twice is
 *   written out twice;
 * - a plain or quoted string longer than the line folds at the first space past column 80, the
 *   rest indented two past its key (emitterc.go yaml_emitter_write_plain_scalar and its quoted
 *   siblings, best_width 80): foldLongScalars.
 */
import { Document, isScalar, parse, parseDocument, visit } from 'yaml';
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

/**
 * Every character is printable as go-yaml's emitter sees it (emitterc.go is_printable: a line
 * feed, ASCII 0x20–0x7E, U+00A0–U+D7FF, U+E000–U+FFFD but the BOM). A tab, another control
 * character or one beyond the BMP makes yaml_emitter_analyze_scalar set special_characters, and
 * the string is double-quoted with escapes.
 */
function goPrintable(s: string): boolean {
  for (const ch of s) {
    if (!printableCodePoint(ch.codePointAt(0)!)) return false;
  }
  return true;
}

const printableCodePoint = (cp: number): boolean =>
  cp === 0x0a ||
  (cp >= 0x20 && cp <= 0x7e) ||
  (cp >= 0xa0 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);

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
        style = !goPrintable(s)
          ? 'QUOTE_DOUBLE'
          : s.includes('\n')
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
  return foldLongScalars(doc.toString({ indentSeq: false, singleQuote: true, lineWidth: 0 }));
}

/** yaml_emitter_emit_stream_start: the default best_width. */
const BEST_WIDTH = 80;

/**
 * go-yaml's line folding, applied to YAML written one scalar per line: in a plain, single- or
 * double-quoted scalar, a space met when the line already holds more than 80 characters (and
 * after a non-space, and before one; for a quoted scalar not the first or last character) becomes
 * a line break and the scalar's indentation (its key's column + 2, or a sequence item's column).
 * Columns count characters (an escape counts its own), as the emitter does. Block literals, keys
 * and explicit (`? `) keys are left as they are; the only flow collections written are the empty
 * `{}` and `[]`, which hold no space to fold at.
 */
export function foldLongScalars(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let blockMin = -1;
  for (const line of lines) {
    const indent = line.length - line.trimStart().length;
    if (blockMin >= 0) {
      if (line.trim() === '' || indent >= blockMin) {
        out.push(line);
        continue;
      }
      blockMin = -1;
    }
    // An explicit key (`? `, for a key over 1,024 characters) and its value (`: `) are left as
    // written, with everything nested under them.
    if (/^ *(- )*[?:]( |$)/.test(line)) {
      blockMin = indent + 1;
      out.push(line);
      continue;
    }
    const scalar = scalarOf(line, indent);
    if (scalar === undefined) {
      out.push(line);
      continue;
    }
    const { start, contCol } = scalar;
    const first = line[start];
    if (first === '|' || first === '>') {
      blockMin = contCol;
      out.push(line);
      continue;
    }
    const prefix = line.slice(0, start);
    const value = line.slice(start);
    // A double-quoted scalar is written anew with go-yaml's escapes (which differ from those of
    // the library that wrote it); plain ASCII text needs none.
    if (first === '"' && /[\\\u007f-\u{10ffff}]/u.test(value)) {
      out.push(writeScalar(prefix, parse(value) as string, contCol, DOUBLE));
      continue;
    }
    if ([...line].length <= BEST_WIDTH + 1 || !line.includes(' ', start)) {
      out.push(line);
      continue;
    }
    const folded =
      first === "'"
        ? writeScalar(prefix, value.slice(1, -1).replaceAll("''", "'"), contCol, SINGLE)
        : first === '"'
          ? writeScalar(prefix, value.slice(1, -1), contCol, DOUBLE)
          : writeScalar(prefix, value, contCol, PLAIN);
    out.push(folded);
  }
  return out.join('\n');
}

/**
 * Where the line's scalar value starts and the column its continuation lines take, or undefined
 * when the line holds none (a key opening a nested block).
 */
function scalarOf(line: string, indent: number): { start: number; contCol: number } | undefined {
  let pos = indent;
  while (line.startsWith('- ', pos)) pos += 2;
  if (pos >= line.length) return undefined;
  // A key: quoted, or plain up to its `: ` (a plain scalar never holds `: `, so an item does not).
  let keyEnd = -1;
  const q = line[pos];
  if (q === "'" || q === '"') {
    let i = pos + 1;
    for (; i < line.length; i++) {
      if (line[i] === '\\' && q === '"') i++;
      else if (line[i] === q) {
        if (q === "'" && line[i + 1] === "'") i++;
        else break;
      }
    }
    if (line[i + 1] === ':' && (i + 2 === line.length || line[i + 2] === ' ')) keyEnd = i + 1;
  } else {
    const sep = line.indexOf(': ', pos);
    if (sep >= 0) keyEnd = sep;
    else if (line.endsWith(':')) keyEnd = line.length - 1;
  }
  if (keyEnd < 0) return { start: pos, contCol: pos };
  if (keyEnd + 2 > line.length) return undefined;
  return { start: keyEnd + 2, contCol: pos + 2 };
}

/** yaml_emitter_write_double_quoted_scalar's short escapes. */
const SHORT_ESCAPES = new Map<number, string>([
  [0x00, '0'],
  [0x07, 'a'],
  [0x08, 'b'],
  [0x09, 't'],
  [0x0a, 'n'],
  [0x0b, 'v'],
  [0x0c, 'f'],
  [0x0d, 'r'],
  [0x1b, 'e'],
  [0x22, '"'],
  [0x5c, '\\'],
  [0x85, 'N'],
  [0xa0, '_'],
  [0x2028, 'L'],
  [0x2029, 'P'],
]);

const isBreak = (cp: number): boolean =>
  cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;

/** How one of go-yaml's scalar writers quotes, escapes and may break a scalar. */
interface ScalarStyle {
  quote: '' | "'" | '"';
  /** The text written for a character other than a space. */
  encode: (c: string) => string;
  /** Whether the space at `i` may become a break, besides the column and the space before. */
  mayBreak: (chars: readonly string[], i: number) => boolean;
}

const inside = (chars: readonly string[], i: number): boolean => i > 0 && i < chars.length - 1;

/** yaml_emitter_write_plain_scalar: no break before a second space. */
const PLAIN: ScalarStyle = {
  quote: '',
  encode: (c) => c,
  mayBreak: (chars, i) => chars[i + 1] !== ' ',
};

/** yaml_emitter_write_single_quoted_scalar: a quote doubled; not at the first or last character. */
const SINGLE: ScalarStyle = {
  quote: "'",
  encode: (c) => (c === "'" ? "''" : c),
  mayBreak: (chars, i) => inside(chars, i) && chars[i + 1] !== ' ',
};

/**
 * yaml_emitter_write_double_quoted_scalar: a character that is not printable, a BOM, a line
 * break, `"` or `\` as an escape (a short one, else `\xXX`, `\uXXXX` or `\UXXXXXXXX`); not at the
 * first or last character (a space after the break is escaped instead).
 */
const DOUBLE: ScalarStyle = {
  quote: '"',
  encode: (c) => {
    const cp = c.codePointAt(0)!;
    if (printableCodePoint(cp) && !isBreak(cp) && c !== '"' && c !== '\\') return c;
    const short = SHORT_ESCAPES.get(cp);
    if (short !== undefined) return `\\${short}`;
    const width = cp <= 0xff ? 2 : cp <= 0xffff ? 4 : 8;
    const hex = cp.toString(16).toUpperCase().padStart(width, '0');
    return `\\${width === 2 ? 'x' : width === 4 ? 'u' : 'U'}${hex}`;
  },
  mayBreak: inside,
};

/**
 * go-yaml's scalar writer with allow_breaks, after `prefix`: a space met once the line holds more
 * than 80 characters, after a non-space, becomes a line break and `contCol` spaces. Columns count
 * characters as the emitter does (an escape counts each of its own).
 */
function writeScalar(prefix: string, value: string, contCol: number, style: ScalarStyle): string {
  const chars = [...value];
  let out = prefix + style.quote;
  let column = [...prefix].length + style.quote.length;
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c !== ' ') {
      const text = style.encode(c);
      out += text;
      column += text === c ? 1 : text.length;
      spaces = false;
      continue;
    }
    if (!spaces && column > BEST_WIDTH && style.mayBreak(chars, i)) {
      out += `\n${' '.repeat(contCol)}`;
      column = contCol;
      if (style === DOUBLE && chars[i + 1] === ' ') {
        out += '\\';
        column++;
      }
    } else {
      out += c;
      column++;
    }
    spaces = true;
  }
  return out + style.quote;
}
