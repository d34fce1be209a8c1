/**
 * Resource quantities (`500m`, `0.5`, `1Gi`, `128974848`, `129e6`, `123M`): parsing, comparison
 * and the canonical form the API server stores and kubectl prints.
 *
 * Mirrors staging/src/k8s.io/apimachinery/pkg/api/resource (quantity.go ParseQuantity and
 * CanonicalizeBytes, suffix.go, amount.go). Values are held exactly as an integer count of nano
 * units (BigInt); like ParseQuantity, anything finer than 1n is rounded up (away from zero).
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value in units of 10^-9. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIXES: Readonly<Record<string, number>> = {
  Ki: 10,
  Mi: 20,
  Gi: 30,
  Ti: 40,
  Pi: 50,
  Ei: 60,
};
const NANO = 10n ** 9n;
/** quantity.go maxAllowed: the largest int64. */
const MAX_BINARY_NANOS = (2n ** 63n - 1n) * NANO;

/** Ceiling division for a positive divisor, rounding away from zero as inf.RoundUp does. */
function divAwayFromZero(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d === n ? q : n < 0n ? q - 1n : q + 1n;
}

/** Parses a quantity string (numbers are accepted too: YAML turns `cpu: 1` into a number). */
export function parseQuantity(input: string | number): Quantity | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?([a-zA-Z]*)([+-]?\d+)?$/.exec(String(input));
  if (!m) return undefined;
  const [, sign, intPart = '', fracPart = '', letters = '', expDigits] = m;
  if (intPart === '' && fracPart === '') return undefined;
  let format: QuantityFormat;
  let exp10 = 0;
  let exp2 = 0;
  if ((letters === 'e' || letters === 'E') && expDigits !== undefined) {
    format = 'DecimalExponent';
    exp10 = Number(expDigits);
  } else if (expDigits !== undefined) {
    return undefined;
  } else if (letters in BINARY_SUFFIXES) {
    format = 'BinarySI';
    exp2 = BINARY_SUFFIXES[letters]!;
  } else if (letters in DECIMAL_SUFFIXES) {
    format = 'DecimalSI';
    exp10 = DECIMAL_SUFFIXES[letters]!;
  } else return undefined;
  // value = digits × 10^(exp10 - fraction length) × 2^exp2, expressed in nanos.
  let numerator = BigInt(intPart + fracPart || '0') * 2n ** BigInt(exp2);
  let denominator = 1n;
  const scale = exp10 - fracPart.length + 9;
  if (scale >= 0) numerator *= 10n ** BigInt(scale);
  else denominator = 10n ** BigInt(-scale);
  let nanos = divAwayFromZero(numerator, denominator);
  if (format === 'BinarySI') {
    // Binary values are capped at the int64 maximum; fractions of one are shown as decimals.
    if (nanos > MAX_BINARY_NANOS) nanos = MAX_BINARY_NANOS;
    if (nanos > 0n && nanos < NANO) format = 'DecimalSI';
  }
  return { nanos: sign === '-' ? -nanos : nanos, format };
}

/** Orders two quantities: negative, zero or positive like resource.Quantity.Cmp. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Removes factors of `base` while the value stays ≥ base (amount.go removeInt64Factors). */
function removeFactors(value: bigint, base: bigint): [bigint, number] {
  const negative = value < 0n;
  let v = negative ? -value : value;
  let times = 0;
  while (v >= base && v % base === 0n) {
    v /= base;
    times++;
  }
  return [negative ? -v : v, times];
}

/** The canonical text of a quantity, as Quantity.String() prints it (CanonicalizeBytes). */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const small = q.nanos > -1024n * NANO && q.nanos < 1024n * NANO;
    // Values below 1Ki, or fractional ones, would lose precision in binary form.
    if (small || q.nanos % NANO !== 0n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    const [amount, times] = removeFactors(q.nanos / NANO, 1024n);
    const suffix = Object.keys(BINARY_SUFFIXES).find((k) => BINARY_SUFFIXES[k] === times * 10);
    return `${amount}${suffix ?? ''}`;
  }
  // Decimal: the smallest integer mantissa whose exponent is a multiple of three.
  let [amount, exponent] = removeFactors(q.nanos, 10n);
  exponent -= 9;
  const rem = exponent % 3;
  if (rem === 1 || rem === -2) {
    amount *= 10n;
    exponent -= 1;
  } else if (rem === 2 || rem === -1) {
    amount *= 100n;
    exponent -= 2;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  const suffix = Object.keys(DECIMAL_SUFFIXES).find((k) => DECIMAL_SUFFIXES[k] === exponent);
  return `${amount}${suffix ?? `e${exponent}`}`;
}

/** A quantity as the API server would store it; text that does not parse is returned unchanged. */
export function canonicalQuantity(input: string | number): string {
  const q = parseQuantity(input);
  return q === undefined ? String(input) : formatQuantity(q);
}
