/**
 * Resource quantities for the views (`500m`, `0.5`, `1Gi`, `129e6`): parsing, comparison and the
 * canonical form kubectl prints. The parsing and formatting are the manifest loader's
 * (spec/manifest/quantity.ts, mirroring apimachinery's resource.Quantity); this module only gives
 * them the shape the views compare and print.
 */
import {
  formatQuantity as formatNano,
  parseQuantity as parseManifestQuantity,
} from '../spec/manifest/quantity.js';
import type { QuantityFormat } from '../spec/manifest/quantity.js';

export type { QuantityFormat };

export interface Quantity {
  /** The value in units of 10^-9. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

/**
 * resource.ParseQuantity (numbers are accepted too: YAML turns `cpu: 1` into a number). Unlike the
 * manifest loader, which mirrors UnmarshalJSON's TrimSpace first, surrounding spaces are invalid.
 */
export function parseQuantity(input: string | number): Quantity | undefined {
  if (typeof input === 'string' && input.trim() !== input) return undefined;
  const q = parseManifestQuantity(input);
  return q === undefined ? undefined : { nanos: q.nano, format: q.format };
}

/** Orders two quantities: negative, zero or positive like resource.Quantity.Cmp. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** The canonical text of a quantity, as Quantity.String() prints it (CanonicalizeBytes). */
export function formatQuantity(q: Quantity): string {
  return formatNano(q.nanos, q.format);
}

/** A quantity as the API server would store it; text that does not parse is returned unchanged. */
export function canonicalQuantity(input: string | number): string {
  const q = parseQuantity(input);
  return q === undefined ? String(input) : formatQuantity(q);
}
