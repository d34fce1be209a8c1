/**
 * YAML as kubectl reads it. kubectl turns YAML into JSON with sigs.k8s.io/yaml, whose parser is
 * its fork of go-yaml v2 (goyaml.v2): YAML 1.1 typing of plain (unquoted, untagged) scalars and
 * `<<` merge keys. The `yaml` package parses the text (positions, anchors, errors); this module
 * gives its plain scalars and merge keys the meaning go-yaml v2 gives them. That is what makes
 * `defaultMode: 0644` the number 420 (not 644, which validation would refuse), and `enabled: yes`
 * the boolean true.
 *
 * Read from kubernetes-sigs/yaml goyaml.v2/resolve.go (`resolve`, `parseTimestamp`) and decode.go
 * (`merge`, and the scalar case that keeps a timestamp as its text when decoding into interface{}).
 */

const BOOLS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map(
    (s) => [s, true] as const,
  ),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map(
    (s) => [s, false] as const,
  ),
]);
const NULLS: ReadonlySet<string> = new Set(['', '~', 'null', 'Null', 'NULL']);
const FLOATS: ReadonlyMap<string, number> = new Map([
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s) => [s, Infinity] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, -Infinity] as const),
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

/**
 * The value go-yaml v2 gives a plain scalar when decoding into interface{} (what kubectl's
 * YAML-to-JSON conversion does): null, a boolean, a number, or the text itself.
 */
export function resolvePlainScalar(s: string): unknown {
  if (NULLS.has(s)) return null;
  const first = s.charAt(0);
  if ('yYnNtTfFoO~'.includes(first)) return BOOLS.get(s) ?? s;
  if (first === '.') {
    const f = FLOATS.get(s);
    if (f !== undefined) return f;
    return DOT_FLOAT.test(s) ? Number(s) : s;
  }
  if (first !== '+' && first !== '-' && (first < '0' || first > '9')) return s;
  const f = FLOATS.get(s);
  if (f !== undefined) return f;
  // A timestamp (2006-1-2…) resolves to time.Time, which decoding into interface{} turns back
  // into its text; so does everything below that is not a number.
  const plain = s.replaceAll('_', '');
  const int = parseGoInt(plain);
  if (int !== undefined) return int;
  if (YAML_STYLE_FLOAT.test(plain)) {
    const n = Number(plain);
    if (Number.isFinite(n)) return n;
  }
  return s;
}

/**
 * strconv.ParseInt(s, 0, 64), falling back to ParseUint and then big.Int as resolve.go does: an
 * optional sign, then 0x / 0o / 0b or a leading 0 (octal) or decimal digits. Values beyond 2^53
 * lose precision as JavaScript numbers.
 */
function parseGoInt(s: string): number | undefined {
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
  return Number(s[0] === '-' ? -magnitude : magnitude);
}
