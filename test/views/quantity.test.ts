/** Cases from staging/src/k8s.io/apimachinery/pkg/api/resource/quantity_test.go. */
import { describe, expect, it } from 'vitest';
import type { QuantityFormat } from '../../src/views/index.js';
import {
  canonicalQuantity,
  compareQuantities,
  formatQuantity,
  parseQuantity,
} from '../../src/views/index.js';

/** quantity_test.go decQuantity(value, scale, format). */
const decQuantity = (value: number, scale: number, format: QuantityFormat) => ({
  nanos: BigInt(value) * 10n ** BigInt(scale + 9),
  format,
});

describe('parseQuantity (TestQuantityParse)', () => {
  it.each([
    ['0', '0'],
    ['0Ki', '0'],
    ['1Ki', '1Ki'],
    ['7Mi', '7Mi'],
    ['3Ei', '3Ei'],
    ['5n', '5n'],
    ['50k', '50k'],
    ['40T', '40T'],
    ['1E', '1E'],
    ['1E-3', '1e-3'],
    ['1E6', '1e6'],
    ['1e14', '100e12'],
    ['100.035k', '100035'],
    ['0.001', '1m'],
    ['0.0005k', '500m'],
    ['0.5', '500m'],
    ['0.5e-2', '5e-3'],
    ['10.035M', '10035k'],
    ['1.3E+6', '1300e3'],
    ['8.1k', '8100'],
    ['3.001n', '4n'],
    ['0.00000012345', '124n'],
    ['9Ei', '9223372036854775807'],
    ['100.035Ki', '102435840m'],
    ['0.5Mi', '512Ki'],
    ['0.000000000001Ki', '2n'],
    ['.001', '1m'],
    ['1.', '1'],
    ['1.G', '1G'],
    ['-3.001n', '-4n'],
    ['+1Gi', '1Gi'],
  ])('reads %s as %s', (input, canonical) => {
    expect(canonicalQuantity(input)).toBe(canonical);
  });

  it.each([
    '1.1.M',
    '1+1.0M',
    '0.1mi',
    '0.1am',
    'aoeu',
    '.5i',
    '1i',
    '-3.01i',
    '-3.01e-',
    ' 1',
    '1 ',
    '',
  ])('rejects %j', (input) => {
    expect(parseQuantity(input)).toBeUndefined();
  });

  it('accepts the numbers YAML makes of unquoted quantities', () => {
    expect([canonicalQuantity(1), canonicalQuantity(0.5), canonicalQuantity(128974848)]).toEqual([
      '1',
      '500m',
      '128974848',
    ]);
  });
});

describe('formatQuantity (TestQuantityString)', () => {
  it.each<[bigint, number, QuantityFormat, string]>([
    [1024n * 1024n * 1024n, 0, 'BinarySI', '1Gi'],
    [300n * 1024n * 1024n, 0, 'BinarySI', '300Mi'],
    [1001n * 1024n ** 3n, 0, 'BinarySI', '1001Gi'],
    [5n, 0, 'BinarySI', '5'],
    [500n, -3, 'BinarySI', '500m'],
    [1000n, 6, 'DecimalSI', '1G'],
    [1n, -3, 'DecimalSI', '1m'],
    [108n, -2, 'DecimalSI', '1080m'],
    [1234567n, 6, 'DecimalSI', '1234567M'],
    [1234567n, -3, 'BinarySI', '1234567m'],
    [1025n, 0, 'BinarySI', '1025'],
    [1n, 9, 'DecimalExponent', '1e9'],
    [1n, -3, 'DecimalExponent', '1e-3'],
  ])('prints %s × 10^%i (%s) as %s', (value, scale, format, want) => {
    expect(formatQuantity({ nanos: value * 10n ** BigInt(scale + 9), format })).toBe(want);
  });

  it('prints zero as 0 whatever the format', () => {
    expect(formatQuantity(decQuantity(0, 0, 'BinarySI'))).toBe('0');
  });
});

describe('the quantities of the brief', () => {
  it.each([
    ['500m', '500m'],
    ['1', '1'],
    ['0.5', '500m'],
    ['64Mi', '64Mi'],
    ['1Gi', '1Gi'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['123M', '123M'],
  ])('keeps %s as the API server stores it: %s', (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
  });

  it('compares memory written in different units by value', () => {
    const q = (s: string) => parseQuantity(s)!;
    expect([
      compareQuantities(q('128974848'), q('129e6')),
      compareQuantities(q('129e6'), q('123Mi')),
      compareQuantities(q('123Mi'), q('128974848')),
      compareQuantities(q('0.5'), q('500m')),
    ]).toEqual([-1, 1, 0, 0]);
  });
});
