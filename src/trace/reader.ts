/**
 * Reads a trace line by line (constant memory: one chunk and one line at a time) and checks what
 * it reads: a bad header, an unknown version, a malformed line or an out-of-order event is reported
 * with its line number, never thrown as a stack trace.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { SimEvent } from '../events/catalog.js';
import { EVENT_TYPES } from '../events/catalog.js';
import { TRACE_FORMAT, TRACE_VERSION } from './format.js';
import type { TraceHeader } from './format.js';

export class TraceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'TraceError';
  }
}

/** Yields the lines of a file without holding more than one chunk in memory. */
export function* readLines(path: string, chunkBytes = 1 << 20): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(chunkBytes);
    let rest = '';
    for (;;) {
      const n = readSync(fd, buf, 0, chunkBytes, null);
      if (n === 0) break;
      const text = rest + buf.toString('utf8', 0, n);
      const parts = text.split('\n');
      rest = parts.pop()!;
      yield* parts;
    }
    if (rest.length > 0) yield rest;
  } finally {
    closeSync(fd);
  }
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
  const o = h as Partial<TraceHeader>;
  if (o === null || typeof o !== 'object' || o.format !== TRACE_FORMAT) {
    throw new TraceError(
      file,
      1,
      `not a podsim trace: expected a header with "format":"${TRACE_FORMAT}"`,
    );
  }
  if (o.version !== TRACE_VERSION) {
    throw new TraceError(
      file,
      1,
      `trace format version ${JSON.stringify(o.version)} is not supported; this podsim reads version ${TRACE_VERSION}`,
    );
  }
  if (typeof o.seed !== 'number' || typeof o.untilMs !== 'number' || !Array.isArray(o.inputs)) {
    throw new TraceError(file, 1, 'trace header lacks seed, untilMs or inputs');
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
  if (typeof e.payload !== 'object' || e.payload === null)
    throw new TraceError(file, lineNo, 'expected a payload object');
  return e as SimEvent;
}

/** Reads a whole trace: the header, then each event, checked. */
export function* readTrace(
  path: string,
): Generator<{ header: TraceHeader } | { event: SimEvent; line: number }> {
  let lineNo = 0;
  let prev = { seq: -1, at: 0 };
  for (const line of readLines(path)) {
    lineNo += 1;
    if (lineNo === 1) {
      yield { header: parseHeader(line, path) };
      continue;
    }
    if (line.length === 0) continue;
    const event = parseEventLine(line, path, lineNo, prev);
    prev = { seq: event.seq, at: event.at };
    yield { event, line: lineNo };
  }
  if (lineNo === 0) throw new TraceError(path, 1, 'empty file: not a podsim trace');
}
