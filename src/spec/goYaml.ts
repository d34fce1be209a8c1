/**
 * YAML as kubectl reads it. kubectl turns YAML into JSON with sigs.k8s.io/yaml (`YAMLToJSON`),
 * whose parser is its fork of go-yaml v2 (goyaml.v2): YAML 1.1 typing of scalars and `<<` merge
 * keys. The `yaml` package parses the text (positions, anchors, errors); this module gives its
 * scalars and keys the meaning go-yaml v2 and sigs.k8s.io/yaml give them. That is what makes
 * `defaultMode: 0644` the number 420 (not 644, which validation would refuse), and
 * `enabled: yes` the boolean true.
 *
 * Read from kubernetes-sigs/yaml goyaml.v2/resolve.go (`resolve`, `parseTimestamp`), decode.go
 * (`scalar`: a quoted untagged scalar is text, a tagged one is resolved against its tag, a
 * timestamp decoded into interface{} stays its text, !!binary is base64) and yaml.go
 * (`convertToJSONableObject`: how map keys become JSON keys; `json.Marshal` refuses NaN and Inf).
 */

import { daysIn } from '../model/time.js';

/** A scalar kubectl cannot turn into JSON; the message is go-yaml's or encoding/json's. */
export class GoYamlError extends Error {}

type Tag = 'str' | 'int' | 'float' | 'bool' | 'null' | 'timestamp' | 'binary' | 'merge';
/** An int keeps its exact value (keys print it); `wide` is a uint64 or big.Int, not an int. */
type Resolved =
  { tag: 'int'; value: bigint; wide: boolean } | { tag: Exclude<Tag, 'int'>; value: unknown };

const WORDS: ReadonlyMap<string, Resolved> = new Map<string, Resolved>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map(
    (s) => [s, { tag: 'bool', value: true }] as const,
  ),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map(
    (s) => [s, { tag: 'bool', value: false }] as const,
  ),
  ...['', '~', 'null', 'Null', 'NULL'].map((s) => [s, { tag: 'null', value: null }] as const),
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, { tag: 'float', value: NaN }] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map(
    (s) => [s, { tag: 'float', value: Infinity }] as const,
  ),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, { tag: 'float', value: -Infinity }] as const),
  ['<<', { tag: 'merge', value: '<<' }],
]);
/** resolve.go `yamlStyleFloat`: a float only if it looks like one, whatever ParseFloat accepts. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** What strconv.ParseFloat accepts after a leading '.', as resolve.go calls it directly there. */
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const DIGITS: Record<number, RegExp> = {
  2: /^[01]+$/,
  8: /^[0-7]+$/,
  10: /^[0-9]+$/,
  16: /^[0-9a-fA-F]+$/,
};
const PREFIX: Record<string, number> = { x: 16, X: 16, o: 8, O: 8, b: 2, B: 2 };
/** How BigInt() is told each base. */
const RADIX_PREFIX: Record<number, string> = { 2: '0b', 8: '0o', 10: '', 16: '0x' };
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const YAML_TAG = 'tag:yaml.org,2002:';
/** The tags resolve.go resolves (resolvableTag), and !!binary; '' is an untagged plain scalar. */
const STANDARD_TAGS: ReadonlySet<string> = new Set([
  '',
  '!!str',
  '!!bool',
  '!!int',
  '!!float',
  '!!null',
  '!!timestamp',
  '!!binary',
]);

/**
 * resolve.go `resolve(tag, in)` for an untagged plain scalar (`tag` '') or one of the standard
 * tags (short form, `!!int`).
 */
function resolve(tag: string, s: string): Resolved {
  const text = { tag: 'str', value: s } as const;
  if (tag === '!!str' || tag === '!!binary') return text;
  const word = WORDS.get(s);
  if (word !== undefined) return word;
  const first = s.charAt(0);
  if (first === '.') return DOT_FLOAT.test(s) ? (finite(s) ?? text) : text;
  if (first !== '+' && first !== '-' && (first < '0' || first > '9')) return text;
  if ((tag === '' || tag === '!!timestamp') && isTimestamp(s)) {
    return { tag: 'timestamp', value: s };
  }
  const plain = s.replaceAll('_', '');
  const int = parseGoInt(plain);
  if (int !== undefined) return int;
  if (YAML_STYLE_FLOAT.test(plain)) return finite(plain) ?? text;
  return text;
}

/** A float, unless ParseFloat would fail with ErrRange (then the scalar stays text). */
function finite(s: string): Resolved | undefined {
  const n = Number(s);
  return Number.isFinite(n) ? { tag: 'float', value: n } : undefined;
}

/**
 * strconv.ParseInt(s, 0, 64), then ParseUint, then big.Int, as resolve.go tries them: an
 * optional sign, then 0x / 0o / 0b or a leading 0 (octal) or decimal digits. A negative number
 * below int64 fails ParseUint with a syntax error, so it is left to the float rule.
 */
function parseGoInt(s: string): Resolved | undefined {
  let i = 0;
  if (s[0] === '+' || s[0] === '-') i = 1;
  let base = 10;
  if (s[i] === '0' && s.length > i + 1) {
    const p = PREFIX[s[i + 1]!];
    if (p !== undefined) {
      base = p;
      i += 2;
    } else {
      base = 8;
      i += 1;
    }
  }
  const digits = s.slice(i);
  if (!DIGITS[base]!.test(digits)) return undefined;
  const magnitude = BigInt(`${RADIX_PREFIX[base]}${digits}`);
  const value = s[0] === '-' ? -magnitude : magnitude;
  if (value >= INT64_MIN && value <= INT64_MAX) return { tag: 'int', value, wide: false };
  return value < 0n ? undefined : { tag: 'int', value, wide: true };
}

/** resolve.go `parseTimestamp`: the layouts of allowedTimestampFormats, with time.Parse's ranges. */
function isTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/.exec(
      s,
    );
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, se] = [m[4] ?? m[7] ?? '0', m[5] ?? m[8] ?? '0', m[6] ?? m[9] ?? '0'].map(Number);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) && h! <= 23 && mi! <= 59 && se! <= 59;
}

const short = (t: Tag | string): string => (t.startsWith('!') ? t : `!!${t}`);

/**
 * The value go-yaml v2 gives a scalar when decoding into interface{} (decode.go `scalar`):
 * `source` is the scalar's text, `tag` its explicit tag (long form) if any, `quoted` whether it
 * was quoted or a block. Throws GoYamlError where go-yaml fails ("cannot decode ...").
 */
export function goScalar(source: string, tag: string | undefined, quoted: boolean): Resolved {
  if (tag === undefined && quoted) return { tag: 'str', value: source };
  const t =
    tag === undefined ? '' : tag.startsWith(YAML_TAG) ? `!!${tag.slice(YAML_TAG.length)}` : tag;
  if (t === '!!merge' && source === '<<') return { tag: 'merge', value: '<<' };
  if (!STANDARD_TAGS.has(t)) return { tag: 'str', value: source };
  const r = resolve(t, source);
  if (t !== '' && t !== '!!str' && t !== '!!binary' && short(r.tag) !== t) {
    if (t === '!!float' && r.tag === 'int') return { tag: 'float', value: Number(r.value) };
    throw new GoYamlError(`cannot decode ${short(r.tag)} \`${source}\` as a ${t}`);
  }
  if (t === '!!binary') {
    const b64 = source.replace(/[\r\n]/g, '');
    if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) {
      throw new GoYamlError('!!binary value contains invalid base64 data');
    }
    return { tag: 'str', value: Buffer.from(b64, 'base64').toString('utf8') };
  }
  // A timestamp decoded into interface{} is set back to its text (decode.go, "TODO(v3) Drop this").
  return r.tag === 'timestamp' ? { tag: 'str', value: source } : r;
}

/** The JSON value of a resolved scalar; NaN and Inf fail json.Marshal as they do for kubectl. */
export function jsonValue(r: Resolved): unknown {
  if (r.tag === 'int') return Number(r.value);
  if (r.tag === 'float' && !Number.isFinite(r.value as number)) {
    const v = r.value as number;
    throw new GoYamlError(
      `json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`,
    );
  }
  return r.value;
}

/** sigs.k8s.io/yaml convertToJSONableObject: the JSON object key a resolved map key becomes. */
export function jsonKey(r: Resolved): string {
  switch (r.tag) {
    case 'str':
    case 'merge':
      return r.value as string;
    case 'bool':
      return r.value ? 'true' : 'false';
    case 'int':
      if (!r.wide) return r.value.toString();
      break;
    case 'float':
      return formatFloat32(r.value as number);
  }
  const type = r.tag === 'int' ? 'uint64' : r.tag === 'null' ? '<nil>' : r.tag;
  throw new GoYamlError(`unsupported map key of type: ${type}, key: ${String(r.value)}`);
}

/**
 * strconv.FormatFloat(f, 'g', -1, 32), with `.inf`, `-.inf`, `.nan` for the special values: the
 * fewest digits that read back as the same float32, in %e form (two exponent digits at least)
 * when the exponent is below -4 or at least 6 (ftoa.go: the shortest form decides with 6).
 */
function formatFloat32(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (!Number.isFinite(f)) return f > 0 ? '.inf' : '-.inf';
  const x = Math.fround(f);
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  let digits = 1;
  while (digits < 9 && Math.fround(Number(x.toPrecision(digits))) !== x) digits++;
  const [mant, e] = x.toExponential(digits - 1).split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return Number(x.toPrecision(digits)).toString();
}
