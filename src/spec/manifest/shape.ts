/**
 * Decoding untrusted JSON into the shape of a Kubernetes type, the way the API server's JSON
 * decoder does, but reporting every type error instead of stopping at the first:
 *
 * - `null` means "absent" (Go decodes null into the zero value, so `readinessProbe: null` is no probe);
 *   a null list item becomes the item's zero value, keeping later indexes right;
 * - fields it does not list are dropped (strictFields.ts has already refused the ones the API does
 *   not have; the others are real fields podsim does not model);
 * - a value of the wrong JSON type is reported and dropped (in a list: replaced by the zero value);
 * - integers must be whole and fit their Go width (int32 fields reject 3000000000);
 * - map keys are copied with defineProperty, so even a `__proto__` key cannot reach a prototype.
 */
import type { FieldPath } from './path.js';
import { child } from './path.js';
import type { Report } from './report.js';

export type Scalar = 'string' | 'bool' | 'int32' | 'int64' | 'intOrString' | 'quantity' | 'any';
export interface StructShape {
  readonly struct: Readonly<Record<string, Shape>>;
}
export interface MapShape {
  readonly map: Shape;
}
export interface ListShape {
  readonly list: Shape;
}
export type Shape = Scalar | StructShape | MapShape | ListShape;

export const struct = (fields: Record<string, Shape>): StructShape => ({ struct: fields });
export const mapOf = (of: Shape): MapShape => ({ map: of });
export const listOf = (of: Shape): ListShape => ({ list: of });

const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

/** A plain JSON object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Sets an own property whatever the key is (no prototype setter for `__proto__`). */
export function setOwn(obj: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** Decodes `value` as `shape`; undefined means absent (or dropped after a reported type error). */
export function decode(value: unknown, shape: Shape, path: FieldPath, r: Report): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof shape === 'string') return decodeScalar(value, shape, path, r);
  if ('struct' in shape) {
    if (!isObject(value)) return r.typeError(path, value, 'an object');
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (!Object.hasOwn(shape.struct, k)) continue;
      const d = decode(v, shape.struct[k]!, child(path, k), r);
      if (d !== undefined) setOwn(out, k, d);
    }
    return out;
  }
  if ('map' in shape) {
    if (!isObject(value)) return r.typeError(path, value, 'an object');
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const d = decode(v, shape.map, child(path, { key: k }), r);
      if (d !== undefined) setOwn(out, k, d);
      else if (v === null) setOwn(out, k, zeroOf(shape.map));
    }
    return out;
  }
  if (!Array.isArray(value)) return r.typeError(path, value, 'an array');
  return value.map((item, i) => decode(item, shape.list, child(path, i), r) ?? zeroOf(shape.list));
}

function decodeScalar(value: unknown, shape: Scalar, path: FieldPath, r: Report): unknown {
  switch (shape) {
    case 'string':
      return typeof value === 'string' ? value : r.typeError(path, value, 'a string');
    case 'bool':
      return typeof value === 'boolean' ? value : r.typeError(path, value, 'a boolean');
    case 'int32':
      if (!Number.isInteger(value)) return r.typeError(path, value, 'an integer');
      if ((value as number) < INT32_MIN || (value as number) > INT32_MAX) {
        return r.typeError(path, value, 'a 32-bit integer');
      }
      return value;
    case 'int64':
      return Number.isInteger(value) ? value : r.typeError(path, value, 'an integer');
    case 'intOrString':
      if (typeof value === 'string') return value;
      if (
        Number.isInteger(value) &&
        (value as number) >= INT32_MIN &&
        (value as number) <= INT32_MAX
      ) {
        return value;
      }
      return r.typeError(path, value, 'an integer or a string');
    case 'quantity':
      // resource.Quantity.UnmarshalJSON parses strings and bare numbers alike.
      if (typeof value === 'string') return value;
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      return r.typeError(path, value, 'a quantity (a string such as "500m" or a number)');
    case 'any':
      return JSON.parse(JSON.stringify(value)) as unknown;
  }
}

/** Go's zero value for a shape, as JSON. */
export function zeroOf(shape: Shape): unknown {
  if (typeof shape === 'string') {
    switch (shape) {
      case 'string':
        return '';
      case 'bool':
        return false;
      case 'any':
        return null;
      case 'quantity':
        return '0';
      default:
        return 0;
    }
  }
  if ('list' in shape) return [];
  return {};
}
