/**
 * Collects the field errors of one manifest object, in the message shapes of
 * k8s.io/apimachinery/pkg/util/validation/field/errors.go, each located at the YAML node it names.
 *
 * The API server stops at the first JSON type error; podsim goes on, so every problem is reported
 * at once. A field whose JSON type was wrong is dropped while decoding, and errors that later
 * validation would raise at or below that field ("Required value" for the dropped field, say) are
 * suppressed: the type error already explains them.
 */
import { fieldMsg } from '../errors.js';
import type { InputError } from '../errors.js';
import { formatFieldPath, isWithin, toLocatePath } from './path.js';
import type { FieldPath } from './path.js';

export type Locate = (
  path: ReadonlyArray<string | number>,
  opts?: { key?: boolean },
) => { line: number; col: number };

/** Why an unquoted word or number is not a string to kubectl. */
const YAML11 =
  'kubectl reads YAML 1.1: unquoted y, n, yes, no, on, off, true and false are booleans, and 0400 is the octal number 256; quote a value meant as text';

/** Why an unknown field is an error. */
const STRICT =
  'the API server refuses fields its types do not have, as `kubectl apply` (--validate=strict, the default) would; field names are case-sensitive';

export class Report {
  readonly errors: InputError[] = [];
  private readonly blocked: string[] = [];

  /**
   * @param file the input file name
   * @param locate the SourceDoc's locator (paths from the document root)
   * @param base where this object sits in its document (`['items', 2]` inside a List)
   */
  constructor(
    private readonly file: string,
    private readonly locate: Locate,
    private readonly base: ReadonlyArray<string | number> = [],
  ) {}

  /** Adds one error; `at` locates it more precisely than `path` (e.g. the label key inside `metadata.labels`). */
  add(path: FieldPath, message: string, at?: FieldPath, hint?: string): void {
    this.push(path, message, { at }, hint);
  }

  /** `where.key`: at the field's key rather than its value. */
  private push(
    path: FieldPath,
    message: string,
    where: { at?: FieldPath | undefined; key?: boolean },
    hint: string | undefined,
  ): void {
    const shown = formatFieldPath(path);
    if (this.blocked.some((b) => isWithin(shown, b))) return;
    const pos = this.locate([...this.base, ...toLocatePath(where.at ?? path)], {
      key: where.key === true,
    });
    this.errors.push({
      file: this.file,
      line: pos.line,
      col: pos.col,
      path: shown,
      message,
      ...(hint === undefined ? {} : { hint }),
    });
  }

  /**
   * A field the API type does not have (strict decoding), located at its key; `suggestion` is the
   * known field it most likely misspells.
   */
  unknownField(path: FieldPath, name: string, suggestion?: string): void {
    const guess = suggestion === undefined ? '' : ` (did you mean ${JSON.stringify(suggestion)}?)`;
    this.push(path, `unknown field ${JSON.stringify(name)}${guess}`, { key: true }, STRICT);
  }

  /** A JSON type error: reported, and everything at or below `path` is suppressed afterwards. */
  typeError(path: FieldPath, value: unknown, expected: string): void {
    const unquoted = expected === 'a string' && typeof value !== 'object';
    this.add(path, fieldMsg.typeInvalid(value, expected), undefined, unquoted ? YAML11 : undefined);
    this.blocked.push(formatFieldPath(path));
  }

  invalid(path: FieldPath, value: unknown, detail: string, at?: FieldPath, hint?: string): void {
    this.add(path, fieldMsg.invalid(value, detail), at, hint);
  }

  /** Invalid value whose Go rendering is not a plain string or number (`%#v` of a map, a Stringer). */
  invalidGo(path: FieldPath, goValue: string, detail: string, at?: FieldPath): void {
    this.add(path, `Invalid value: ${goValue}: ${detail}`, at);
  }

  required(path: FieldPath, detail?: string, at?: FieldPath): void {
    this.add(path, fieldMsg.required(detail), at);
  }

  forbidden(path: FieldPath, detail: string): void {
    this.add(path, fieldMsg.forbidden(detail));
  }

  duplicate(path: FieldPath, value: unknown): void {
    this.add(path, fieldMsg.duplicate(value));
  }

  duplicateGo(path: FieldPath, goValue: string): void {
    this.add(path, `Duplicate value: ${goValue}`);
  }

  notSupported(path: FieldPath, value: unknown, allowed: readonly string[]): void {
    this.add(path, fieldMsg.notSupported(value, allowed));
  }

  /** field.NotFound: `Not found: "x"`. */
  notFound(path: FieldPath, value: unknown): void {
    this.add(path, `Not found: ${JSON.stringify(value ?? null)}`);
  }

  /** Adds every message of an apimachinery `Is*` check as an Invalid value error. */
  invalidEach(path: FieldPath, value: unknown, messages: readonly string[], at?: FieldPath): void {
    for (const m of messages) this.invalid(path, value, m, at);
  }

  get count(): number {
    return this.errors.length;
  }
}
