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

export class FieldReader {
  constructor(
    readonly doc: SourceDoc,
    readonly errors: InputError[],
  ) {}

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
    if (typeof v !== 'boolean') return this.error(path, fieldMsg.typeInvalid(v, 'true or false'));
    return v;
  }

  /** A duration: `30s`, `1m30s`, `500ms`, or a number of seconds; at most ~10 years. */
  duration(v: unknown, path: FieldPath): Millis | undefined {
    if (v === undefined || v === null) return undefined;
    const d = parseDuration(v);
    if (d === undefined) {
      return this.error(
        path,
        fieldMsg.invalid(
          v,
          'must be a duration such as 30s, 1m30s, 500ms or a number of seconds (not negative)',
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
