/**
 * Typed field readers for hand-written YAML (scenarios): each returns the value or records a
 * located error and returns undefined — never throws, never guesses a default for a wrong value.
 */
import type { InputError } from './errors.js';
import { fieldMsg } from './errors.js';
import type { FieldPath, SourceDoc } from './yamlSource.js';
import { formatPath } from './yamlSource.js';
import { parseDuration } from '../model/time.js';
import type { Millis } from '../model/time.js';
import type { ChoiceUnit, Ranges } from './ranges.js';
import { rangeSyntax } from './ranges.js';

export class FieldReader {
  constructor(
    readonly doc: SourceDoc,
    readonly errors: InputError[],
    /** Where ranges and choices are allowed (scenario `containers` rules): their choice points. */
    private ranges?: Ranges,
  ) {}

  /**
   * A range (`A..B`, `{between: [A, B]}`) or choice (`{oneOf: [...]}`) in place of a value: its
   * bounds or values are parsed with `parse`, the point is recorded, and the value picked for it
   * is returned (`{ value }`). Undefined when `v` is a plain value.
   */
  choice<T>(
    v: unknown,
    path: FieldPath,
    unit: ChoiceUnit,
    parse: (x: unknown, p: FieldPath) => T | undefined,
  ): { value: T | undefined } | undefined {
    const syn = rangeSyntax(v);
    if (!syn) return undefined;
    const ranges = this.ranges;
    if (!ranges) {
      const why =
        syn.kind === 'bad'
          ? syn.why
          : 'ranges (A..B, {between: [A, B]}) and choices ({oneOf: [...]}) are allowed only in containers rules, and a oneOf value cannot hold another range';
      return { value: this.error(path, fieldMsg.invalid(v, why)) };
    }
    if (syn.kind === 'bad') return { value: this.error(path, fieldMsg.invalid(v, syn.why)) };
    const at = this.doc.locate(path);
    const where = `${this.doc.file}:${at.line}:${at.col}`;
    // Bounds and choices are plain values: nothing inside a choice is itself explored.
    this.ranges = undefined;
    try {
      if (syn.kind === 'oneOf') {
        const values = syn.values.map((x, i) => parse(x, [...path, 'oneOf', i]));
        if (values.some((x) => x === undefined)) return { value: undefined };
        const point = ranges.add({
          path,
          unit,
          domain: { kind: 'oneOf', raw: syn.values, values },
          at: where,
        });
        const i = ranges.pick(point);
        return { value: values[i] };
      }
      const lo = parse(syn.lo, [...path, ...syn.loPath]);
      const hi = parse(syn.hi, [...path, ...syn.hiPath]);
      if (lo === undefined || hi === undefined) return { value: undefined };
      if (typeof lo !== 'number' || typeof hi !== 'number')
        return {
          value: this.error(
            path,
            fieldMsg.invalid(v, 'only numbers and durations take a range; use oneOf'),
          ),
        };
      if (lo > hi)
        return {
          value: this.error(
            path,
            fieldMsg.invalid(v, 'the lower bound is greater than the upper bound'),
          ),
        };
      const point = ranges.add({ path, unit, domain: { kind: 'range', lo, hi }, at: where });
      return { value: ranges.pick(point) as T };
    } finally {
      this.ranges = ranges;
    }
  }

  error(path: FieldPath, message: string, opts?: { key?: boolean }): undefined {
    const at = this.doc.locate(path, opts);
    this.errors.push({
      file: this.doc.file,
      line: at.line,
      col: at.col,
      path: formatPath(path),
      message,
    });
    return undefined;
  }

  get(obj: unknown, key: string): unknown {
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
    return Object.prototype.hasOwnProperty.call(obj, key)
      ? (obj as Record<string, unknown>)[key]
      : undefined;
  }

  map(v: unknown, path: FieldPath): Record<string, unknown> | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v))
      return this.error(path, fieldMsg.typeInvalid(v, 'a map'));
    return v as Record<string, unknown>;
  }

  list(v: unknown, path: FieldPath): unknown[] | undefined {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) return this.error(path, fieldMsg.typeInvalid(v, 'a list'));
    return v;
  }

  string(v: unknown, path: FieldPath): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') return this.error(path, fieldMsg.typeInvalid(v, 'a string'));
    return v;
  }

  int(v: unknown, path: FieldPath, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
    if (v === undefined || v === null) return undefined;
    const c = this.choice(v, path, 'int', (x, p) => this.int(x, p, min, max));
    if (c) return c.value;
    if (typeof v !== 'number' || !Number.isInteger(v))
      return this.error(path, fieldMsg.typeInvalid(v, 'an integer'));
    if (v < min)
      return this.error(path, fieldMsg.invalid(v, `must be greater than or equal to ${min}`));
    if (v > max)
      return this.error(path, fieldMsg.invalid(v, `must be less than or equal to ${max}`));
    return v;
  }

  bool(v: unknown, path: FieldPath): boolean | undefined {
    if (v === undefined || v === null) return undefined;
    const c = this.choice(v, path, 'bool', (x, p) => this.bool(x, p));
    if (c) return c.value;
    if (typeof v !== 'boolean') return this.error(path, fieldMsg.typeInvalid(v, 'true or false'));
    return v;
  }

  /** A duration: `30s`, `1m30s`, `500ms`, or a number of seconds; at most ~10 years. */
  duration(v: unknown, path: FieldPath): Millis | undefined {
    if (v === undefined || v === null) return undefined;
    const c = this.choice(v, path, 'duration', (x, p) => this.duration(x, p));
    if (c) return c.value;
    const d = parseDuration(v);
    if (d === undefined) {
      return this.error(
        path,
        fieldMsg.invalid(
          v,
          'must be a duration such as 30s, 1m30s, 500ms or a number of seconds (not negative, at most 2562047h)',
        ),
      );
    }
    if (d > 315_360_000_000)
      return this.error(path, fieldMsg.invalid(v, 'must be at most 87600h (10 years)'));
    return d;
  }

  /** Reports keys of `obj` that are not in `allowed` (scenarios are ours: typos are errors). */
  known(obj: Record<string, unknown>, path: FieldPath, allowed: readonly string[]): void {
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k)) {
        this.error([...path, k], `unknown field "${k}"; allowed here: ${allowed.join(', ')}`, {
          key: true,
        });
      }
    }
  }
}
