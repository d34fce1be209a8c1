import { describe, expect, it } from 'vitest';
import {
  formatQuantity,
  parseQuantity,
  parseQuantityStrict,
} from '../../src/spec/manifest/index.js';

describe('parseQuantity (resource.ParseQuantity)', () => {
  it.each([
    // input, canonical, milli, whole
    ['500m', '500m', 500, 1],
    ['1', '1', 1000, 1],
    ['0.5', '500m', 500, 1],
    ['.5', '500m', 500, 1],
    ['1.5', '1500m', 1500, 2],
    ['250m', '250m', 250, 1],
    ['64Mi', '64Mi', 67108864000, 67108864],
    ['1Gi', '1Gi', 1073741824000, 1073741824],
    ['1.5Gi', '1536Mi', 1610612736000, 1610612736],
    ['0.5Ki', '512', 512000, 512],
    ['128974848', '128974848', 128974848000, 128974848],
    ['129e6', '129e6', 129000000000, 129000000],
    ['129M', '129M', 129000000000, 129000000],
    ['1E', '1E', 1e21, 1e18],
    ['1n', '1n', 1, 1],
    ['0.1n', '1n', 1, 1],
    ['+2k', '2k', 2000000, 2000],
    ['0', '0', 0, 0],
    ['00Mi', '0', 0, 0],
  ])('%s is %s (milli %d, whole %d)', (input, canonical, milli, whole) => {
    const q = parseQuantity(input)!;
    expect([q.canonical, q.milli, q.whole]).toEqual([canonical, milli, whole]);
  });

  it('keeps exact values where floats would not', () => {
    expect(parseQuantity('0.3')!.milli).toBe(300);
    expect(parseQuantity('0.7')!.milli).toBe(700);
    expect(parseQuantity('100m')!.nano).toBe(100_000_000n);
    expect(parseQuantity('1.0000000001')!.nano).toBe(1_000_000_001n);
  });

  it('parses numbers as their JSON text', () => {
    expect(parseQuantity(2)!.canonical).toBe('2');
    expect(parseQuantity(0.25)!.canonical).toBe('250m');
    expect(parseQuantity(1e-7)!.canonical).toBe('100e-9'); // String(1e-7) is '1e-7'
  });

  it('remembers negative values', () => {
    expect(parseQuantity('-1Gi')!.canonical).toBe('-1Gi');
    expect(parseQuantity('-1Gi')!.nano < 0n).toBe(true);
  });

  it('caps values at 2^63-1 base units', () => {
    expect(parseQuantity('1e999999999')!.whole).toBe(2 ** 63);
    expect(parseQuantity('16Ei')!.nano).toBe((2n ** 63n - 1n) * 1_000_000_000n);
  });

  it.each([
    [
      '',
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
    [
      '1.2.3',
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
    [
      '100MB',
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
    [
      '1 Gi',
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
    ['500mm', "unable to parse quantity's suffix"],
    ['1ki', "unable to parse quantity's suffix"],
    ['1e', "unable to parse quantity's suffix"],
  ])('rejects %j: %s', (input, error) => {
    expect(parseQuantityStrict(input)).toEqual({ error });
    expect(parseQuantity(input)).toBeUndefined();
  });

  it('trims surrounding spaces, as Quantity.UnmarshalJSON does', () => {
    expect(parseQuantity(' 1Gi ')!.canonical).toBe('1Gi');
  });
});

describe('formatQuantity (Quantity.String)', () => {
  it('prints binary quantities of at least 1Ki in the largest exact binary unit', () => {
    expect(formatQuantity(1024n * 1_000_000_000n, 'BinarySI')).toBe('1Ki');
    expect(formatQuantity(1023n * 1_000_000_000n, 'BinarySI')).toBe('1023');
    expect(formatQuantity(1500n * 1_000_000_000n, 'BinarySI')).toBe('1500');
  });

  it('prints decimal quantities with an exponent that is a multiple of 3', () => {
    expect(formatQuantity(1_500_000_000n, 'DecimalSI')).toBe('1500m');
    expect(formatQuantity(12_000_000_000_000n, 'DecimalExponent')).toBe('12e3');
    expect(formatQuantity(120_000_000_000_000n, 'DecimalSI')).toBe('120k');
  });
});
