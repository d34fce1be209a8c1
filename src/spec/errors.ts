/**
 * Input errors, reported like the API server's field errors:
 *   file:line:col: spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0
 */
export interface InputError {
  file: string;
  line: number;
  col: number;
  /** Field path in kubectl's notation, e.g. `spec.containers[0].image`; empty for document-level errors. */
  path: string;
  message: string;
  /** What the user can do about it, printed once after the errors (e.g. a scenario setting). */
  hint?: string;
}

export function formatInputError(e: InputError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
}

/** Thrown (and caught by the CLI) when inputs are invalid; carries every error found. */
export class InputErrors extends Error {
  constructor(readonly errors: InputError[]) {
    super(errors.map(formatInputError).join('\n'));
    this.name = 'InputErrors';
  }
}

/** Field-error message shapes of k8s.io/apimachinery/pkg/util/validation/field/errors.go. */
export const fieldMsg = {
  invalid: (value: unknown, detail: string): string =>
    `Invalid value: ${formatValue(value)}: ${detail}`,
  required: (detail?: string): string => `Required value${detail ? `: ${detail}` : ''}`,
  forbidden: (detail: string): string => `Forbidden: ${detail}`,
  duplicate: (value: unknown): string => `Duplicate value: ${formatValue(value)}`,
  notSupported: (value: unknown, allowed: readonly string[]): string =>
    `Unsupported value: ${formatValue(value)}: supported values: ${allowed.map((a) => `"${a}"`).join(', ')}`,
  typeInvalid: (value: unknown, expected: string): string =>
    `Invalid value: ${formatValue(value)}: must be ${expected}`,
  tooLong: (max: number): string => `Too long: may not be more than ${max} bytes`,
};

function formatValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') {
    const s = JSON.stringify(v);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  }
  return String(v);
}

/** Why a file could not be read, in words (no system error codes or call names). */
export function readErrorText(e: unknown): string {
  switch ((e as NodeJS.ErrnoException | null)?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return (e as Error).message;
  }
}
