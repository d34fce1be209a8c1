/**
 * Reads a trace line by line (constant memory: one chunk and one line at a time) and checks what
 * it reads: a bad header, an unknown version, a malformed line or an out-of-order event is reported
 * with its line number, never thrown as a stack trace.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { SimEvent } from '../events/catalog.js';
import { notUtf8, NotUtf8Error } from '../spec/textFile.js';
import { EVENT_TYPES } from '../events/catalog.js';
import { lineSize, MAX_LINE_BYTES, TRACE_FORMAT, TRACE_VERSION } from './format.js';
import type { TraceHeader } from './format.js';

export class TraceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
    col?: number,
  ) {
    super(`${file}:${line}${col === undefined ? '' : `:${col}`}: ${detail}`);
    this.name = 'TraceError';
  }
}

/**
 * Yields the lines of a file without holding more than one chunk in memory (more only for a line
 * longer than a chunk). Lines are cut at newline bytes, which never occur inside a UTF-8
 * character, so each run of whole lines decodes on its own; a byte that is not UTF-8 throws a
 * NotUtf8Error at its line and column instead of reading as U+FFFD.
 */
export function* readLines(
  path: string,
  chunkBytes = 1 << 20,
  maxLineBytes = MAX_LINE_BYTES,
): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.alloc(chunkBytes);
    let carry = 0; // bytes of an unfinished line at the start of buf
    let lineNo = 1; // the line number of buf's first line
    for (;;) {
      if (carry === buf.length) {
        if (carry > maxLineBytes) throw new LineTooLongError(lineNo, maxLineBytes);
        // Grown no further than the longest line with its newline.
        const bigger = Buffer.alloc(Math.min(buf.length * 2, maxLineBytes + 1));
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      }
      const n = readSync(fd, buf, carry, buf.length - carry, null);
      if (n === 0) {
        // The last line has no newline: whatever ends it (a cut character too) is checked.
        if (carry > 0) yield decodeLines(buf.subarray(0, carry), lineNo)[0]!;
        return;
      }
      const end = carry + n;
      const cut = buf.lastIndexOf(0x0a, end - 1) + 1;
      if (cut > 0) {
        const lines = decodeLines(buf.subarray(0, cut - 1), lineNo);
        lineNo += lines.length;
        yield* lines;
      }
      buf.copy(buf, 0, cut, end);
      carry = end - cut;
    }
  } finally {
    closeSync(fd);
  }
}

/** A line longer than the reader takes, at its number. */
export class LineTooLongError extends Error {
  constructor(
    readonly line: number,
    readonly maxBytes: number,
  ) {
    super(
      `the line is longer than ${lineSize(maxBytes)}, more than any podsim trace line (corrupted or not a podsim trace?)`,
    );
    this.name = 'LineTooLongError';
  }
}

/** Whole lines (joined by newlines, none at the end) as text; `lineNo` is the first one's number. */
function decodeLines(bytes: Buffer, lineNo: number): string[] {
  const bad = notUtf8(bytes, lineNo);
  if (bad) throw bad;
  return bytes.toString('utf8').split('\n');
}

export function isTraceFile(firstLine: string): boolean {
  return firstLine.startsWith('{') && firstLine.includes(`"format":"${TRACE_FORMAT}"`);
}

export function parseHeader(line: string, file: string): TraceHeader {
  let h: unknown;
  try {
    h = JSON.parse(line);
  } catch {
    throw new TraceError(file, 1, 'not a podsim trace: the first line is not JSON');
  }
  return checkHeader(h, file, 1);
}

/** Checks a parsed header (either trace form); `lineNo` locates it in the file. */
export function checkHeader(h: unknown, file: string, lineNo: number): TraceHeader {
  const o = h as Partial<TraceHeader>;
  if (o === null || typeof o !== 'object' || o.format !== TRACE_FORMAT) {
    throw new TraceError(
      file,
      lineNo,
      `not a podsim trace: expected a header with "format":"${TRACE_FORMAT}"`,
    );
  }
  if (o.version !== TRACE_VERSION) {
    throw new TraceError(
      file,
      lineNo,
      `trace format version ${JSON.stringify(o.version)} is not supported; this podsim reads version ${TRACE_VERSION}`,
    );
  }
  if (typeof o.seed !== 'number' || typeof o.untilMs !== 'number' || !Array.isArray(o.inputs)) {
    throw new TraceError(file, lineNo, 'trace header lacks seed, untilMs or inputs');
  }
  for (const i of o.inputs as unknown[]) {
    const x = i as { path?: unknown; text?: unknown } | null;
    if (
      x === null ||
      typeof x !== 'object' ||
      typeof x.path !== 'string' ||
      typeof x.text !== 'string'
    )
      throw new TraceError(file, lineNo, 'trace header inputs must be {path, text} strings');
  }
  if (o.forks !== undefined) {
    const ok =
      Array.isArray(o.forks) &&
      o.forks.every(
        (f: unknown, i: number, all: unknown[]) =>
          f !== null &&
          typeof f === 'object' &&
          Number.isInteger((f as { atMs?: unknown }).atMs) &&
          (f as { atMs: number }).atMs >= 0 &&
          (f as { atMs: number }).atMs <= o.untilMs! &&
          (i === 0 || (f as { atMs: number }).atMs >= (all[i - 1] as { atMs: number }).atMs) &&
          Array.isArray((f as { files?: unknown }).files) &&
          (f as { files: unknown[] }).files.every((x) => typeof x === 'string') &&
          Array.isArray((f as { inputs?: unknown }).inputs) &&
          (f as { inputs: unknown[] }).inputs.every(
            (x) =>
              x !== null &&
              typeof x === 'object' &&
              typeof (x as { path?: unknown }).path === 'string' &&
              typeof (x as { text?: unknown }).text === 'string',
          ),
      );
    if (!ok)
      throw new TraceError(
        file,
        lineNo,
        'trace header forks must be a list of {atMs, files, inputs} in time order within the run',
      );
  }
  return o as TraceHeader;
}

/** Parses and checks one event line (line numbers are 1-based; the header is line 1). */
export function parseEventLine(
  text: string,
  file: string,
  lineNo: number,
  prev: { seq: number; at: number },
): SimEvent {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new TraceError(file, lineNo, 'not valid JSON (truncated or corrupted trace?)');
  }
  return checkEvent(v, file, lineNo, prev);
}

/** Checks one parsed event (either trace form) against the one before it. */
export function checkEvent(
  v: unknown,
  file: string,
  lineNo: number,
  prev: { seq: number; at: number },
): SimEvent {
  const e = v as Partial<SimEvent> & Record<string, unknown>;
  if (e === null || typeof e !== 'object')
    throw new TraceError(file, lineNo, 'expected an event object');
  if (
    typeof e.seq !== 'number' ||
    typeof e.at !== 'number' ||
    typeof e.type !== 'string' ||
    typeof e.object !== 'string'
  ) {
    throw new TraceError(
      file,
      lineNo,
      'expected an event with numeric seq and at, and string type and object',
    );
  }
  if (!EVENT_TYPES.has(e.type))
    throw new TraceError(file, lineNo, `unknown event type "${e.type}"`);
  if (e.seq !== prev.seq + 1)
    throw new TraceError(
      file,
      lineNo,
      `expected seq ${prev.seq + 1}, found ${e.seq} (events missing or reordered)`,
    );
  if (e.at < prev.at)
    throw new TraceError(file, lineNo, `time goes backwards: at ${e.at} after ${prev.at}`);
  if (e.cause !== null && (typeof e.cause !== 'number' || e.cause >= e.seq)) {
    throw new TraceError(file, lineNo, `cause must be null or the seq of an earlier event`);
  }
  if (typeof e.payload !== 'object' || e.payload === null || Array.isArray(e.payload))
    throw new TraceError(file, lineNo, 'expected a payload object');
  if (e.notes !== undefined && !Array.isArray(e.notes))
    throw new TraceError(file, lineNo, 'notes must be a list of Kubernetes Events');
  return e as SimEvent;
}

/** Reads a whole trace: the header, then each event, checked. */
export function* readTrace(
  path: string,
): Generator<{ header: TraceHeader } | { event: SimEvent; line: number }> {
  let lineNo = 0;
  let prev = { seq: -1, at: 0 };
  let last = '';
  try {
    for (const line of readLines(path)) {
      lineNo += 1;
      last = line;
      if (lineNo === 1) {
        yield { header: parseHeader(line, path) };
        continue;
      }
      if (line.length === 0) continue;
      const event = parseEventLine(line, path, lineNo, prev);
      prev = { seq: event.seq, at: event.at };
      yield { event, line: lineNo };
    }
  } catch (e) {
    // A byte that is not UTF-8, reported as a trace error at its place.
    if (e instanceof NotUtf8Error) throw new TraceError(path, e.line, e.message, e.col);
    if (e instanceof LineTooLongError) throw new TraceError(path, e.line, e.message);
    throw e;
  }
  if (lineNo === 0) throw new TraceError(path, 1, 'empty file: not a podsim trace');
  // The writer ends every line with a newline: a last line without one was cut short, even when
  // what remains of it still happens to parse.
  if (last.length > 0 && !endsWithNewline(path))
    throw new TraceError(path, lineNo, 'the last line has no newline (truncated trace?)');
}

function endsWithNewline(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const b = Buffer.alloc(1);
    return size > 0 && readSync(fd, b, 0, 1, size - 1) === 1 && b[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}
