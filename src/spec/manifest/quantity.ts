/**
 * resource.Quantity: parsing, exact arithmetic and canonical printing. Mirrors
 * staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (parseQuantityString, ParseQuantity,
 * CanonicalizeBytes), suffix.go and amount.go (AsCanonicalBytes). Values are kept exactly, as
 * integers of nano-units (Kubernetes never represents a quantity with a float and keeps at most
 * nine decimal places, rounding smaller fractions up, away from zero).
 */

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export interface Quantity {
  /** The exact value in units of 10^-9 (nano-cores for cpu, nano-bytes for memory). */
  nano: bigint;
  format: QuantityFormat;
  /** Base units as a float: cores for cpu, bytes for memory. */
  value: number;
  /** Quantity.MilliValue(): thousandths, rounded up (millicores for cpu). */
  milli: number;
  /** Quantity.Value(): whole base units, rounded up (bytes for memory). */
  whole: number;
  /** Quantity.String(): canonical form, e.g. `1.5` → `1500m`, `1.5Gi` → `1536Mi`. */
  canonical: string;
}

export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const ERR_SUFFIX = "unable to parse quantity's suffix";

const NANO = 1_000_000_000n;
/** No quantity may exceed 2^63-1 base units in magnitude (quantity.go doc comment); podsim caps there. */
const MAX_NANO = (2n ** 63n - 1n) * NANO;

const DECIMAL_SUFFIXES: ReadonlyArray<readonly [string, number]> = [
  ['n', -9],
  ['u', -6],
  ['m', -3],
  ['', 0],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
];
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

interface Scanned {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString, scanner for scanner. */
function scan(str: string): Scanned | string {
  let positive = true;
  let pos = 0;
  const end = str.length;
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  while (str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  let i = pos;
  while (isDigit(str[i])) i++;
  const num = str.slice(pos, i) || '0';
  pos = i;
  let denom = '';
  if (str[pos] === '.') {
    i = ++pos;
    while (isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    pos = i;
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos]!)) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < end) return QUANTITY_FORMAT_ERROR;
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

/** suffixer.interpret: [base, exponent, format]. */
function interpret(s: string): [2 | 10, number, QuantityFormat] | undefined {
  const dec = DECIMAL_SUFFIXES.find(([sfx]) => sfx === s);
  if (dec) return [10, dec[1], 'DecimalSI'];
  const bin = BINARY_SUFFIXES.indexOf(s);
  if (bin > 0) return [2, bin * 10, 'BinarySI'];
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E') && /^[+-]?[0-9]+$/.test(s.slice(1))) {
    const parsed = BigInt(s.slice(1));
    if (parsed > 2n ** 63n - 1n || parsed < -(2n ** 63n)) return undefined;
    return [10, Number(BigInt.asIntN(32, parsed)), 'DecimalExponent'];
  }
  return undefined;
}

/** Parses like resource.ParseQuantity (after UnmarshalJSON's TrimSpace); `error` is Go's message. */
export function parseQuantityStrict(
  input: string | number,
): { quantity: Quantity } | { error: string } {
  const str = typeof input === 'number' ? String(input) : input.trim();
  if (str.length === 0) return { error: QUANTITY_FORMAT_ERROR };
  const scanned = scan(str);
  if (typeof scanned === 'string') return { error: scanned };
  const suffix = interpret(scanned.suffix);
  if (!suffix) return { error: ERR_SUFFIX };
  const [base, exponent] = suffix;
  let format = suffix[2];
  const digits = BigInt(scanned.num + scanned.denom);
  let nano = toNano(digits, base, exponent, scanned.denom.length);
  if (!scanned.positive) nano = -nano;
  // A BinarySI value strictly between 0 and 1 is shown as DecimalSI (ParseQuantity).
  if (format === 'BinarySI' && nano > 0n && nano < NANO) format = 'DecimalSI';
  return { quantity: makeQuantity(nano, format) };
}

/** The quantity, or undefined when it does not parse. */
export function parseQuantity(input: string | number): Quantity | undefined {
  const r = parseQuantityStrict(input);
  return 'quantity' in r ? r.quantity : undefined;
}

/** digits × base^exponent × 10^-decimals, in nano-units rounded up, capped at MAX_NANO. */
function toNano(digits: bigint, base: 2 | 10, exponent: number, decimals: number): bigint {
  if (digits === 0n) return 0n;
  const size = digits.toString().length;
  let num = digits;
  let pow10 = 9 - decimals;
  if (base === 10) pow10 += exponent;
  else num *= 2n ** BigInt(exponent);
  if (pow10 >= 0) {
    if (size + pow10 + (base === 2 ? 19 : 0) > 40) return MAX_NANO;
    return min(num * 10n ** BigInt(pow10), MAX_NANO);
  }
  if (-pow10 > size + 20) return 1n; // far below one nano-unit: rounds up to 1n
  const div = 10n ** BigInt(-pow10);
  return min((num + div - 1n) / div, MAX_NANO);
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

function makeQuantity(nano: bigint, format: QuantityFormat): Quantity {
  return {
    nano,
    format,
    value: Number(nano) / 1e9,
    milli: Number(ceilDiv(nano, 1_000_000n)),
    whole: Number(ceilDiv(nano, NANO)),
    canonical: formatQuantity(nano, format),
  };
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b > 0n ? q + 1n : q;
}

/** Quantity.RoundUp(-3), as SetDefaults_ResourceList applies to every ResourceList (away from zero). */
export function roundUpToMilli(q: Quantity): Quantity {
  const neg = q.nano < 0n;
  const abs = neg ? -q.nano : q.nano;
  const rounded = ceilDiv(abs, 1_000_000n) * 1_000_000n;
  return makeQuantity(neg ? -rounded : rounded, q.format);
}

/** Quantity.String(): CanonicalizeBytes with AsCanonicalBytes / AsCanonicalBase1024Bytes. */
export function formatQuantity(nano: bigint, format: QuantityFormat): string {
  if (nano === 0n) return '0';
  if (nano < 0n) return `-${formatQuantity(-nano, format)}`;
  if (format === 'BinarySI' && nano >= 1024n * NANO && nano % NANO === 0n) {
    let n = nano / NANO;
    let exp = 0;
    while (n % 1024n === 0n && exp < BINARY_SUFFIXES.length - 1) ((n /= 1024n), exp++);
    return `${n}${BINARY_SUFFIXES[exp]}`;
  }
  let mantissa = nano;
  let exp = -9;
  while (mantissa % 10n === 0n) ((mantissa /= 10n), exp++);
  // make sure the exponent is a multiple of 3 (Go's remainder keeps the dividend's sign, as JS's does)
  const rem = exp % 3;
  if (rem === 1 || rem === -2) ((mantissa *= 10n), (exp -= 1));
  else if (rem === 2 || rem === -1) ((mantissa *= 100n), (exp -= 2));
  if (format !== 'DecimalExponent') {
    const sfx = DECIMAL_SUFFIXES.find(([, e]) => e === exp);
    if (sfx) return `${mantissa}${sfx[0]}`;
  }
  return exp === 0 ? `${mantissa}` : `${mantissa}e${exp}`;
}
