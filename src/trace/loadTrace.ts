/**
 * Either form of a trace, found by its content: JSON Lines (the first line is the JSON header) or
 * YAML (the banner comment, or a top-level `format: podsim-trace` near the start). A scenario or
 * manifest is neither, so `podsim get pods x.yaml` still simulates a scenario named x.yaml.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { SimEvent } from '../events/catalog.js';
import { TRACE_FORMAT } from './format.js';
import type { TraceHeader } from './format.js';
import { isTraceFile, readTrace, TraceError } from './reader.js';
import { parseYamlTrace, YAML_TRACE_BANNER } from './yamlTrace.js';

export type TraceForm = 'jsonl' | 'yaml';

const YAML_FORMAT_LINE = new RegExp(`^format: ['"]?${TRACE_FORMAT}['"]?\\s*$`, 'm');

/** The trace form of the text a file starts with, or undefined when it is not a trace. */
export function traceFormOf(start: string): TraceForm | undefined {
  const firstLine = start.split('\n', 1)[0] ?? '';
  if (isTraceFile(firstLine)) return 'jsonl';
  if (firstLine === YAML_TRACE_BANNER || YAML_FORMAT_LINE.test(start)) return 'yaml';
  return undefined;
}

/** Reads the first few KiB of a file to tell its form (undefined: not a trace, or unreadable). */
export function traceForm(path: string): TraceForm | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return traceFormOf(buf.toString('utf8', 0, n));
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

export type TraceItem = { header: TraceHeader } | { event: SimEvent; line: number };

/** The header, then every event with its line, from either form (JSON Lines is streamed). */
export function* readAnyTrace(path: string): Generator<TraceItem> {
  if (traceForm(path) !== 'yaml') {
    yield* readTrace(path);
    return;
  }
  const parsed = parseYamlTrace(readFileSync(path, 'utf8'), path);
  yield { header: parsed.header };
  yield* parsed.events;
}

export interface LoadedTrace {
  file: string;
  form: TraceForm;
  header: TraceHeader;
  events: SimEvent[];
  /** Line of each event in the file, by seq. */
  lines: number[];
}

/** A trace opened for streaming: its header, then its events one at a time, checked as read. */
export function openTrace(path: string): {
  header: TraceHeader;
  events: Iterator<{ event: SimEvent; line: number }>;
} {
  const items = readAnyTrace(path)[Symbol.iterator]();
  const first = items.next();
  if (first.done || !('header' in first.value))
    throw new TraceError(path, 1, 'empty file: not a podsim trace');
  const header = first.value.header;
  const events: Iterator<{ event: SimEvent; line: number }> = {
    next: () => {
      const n = items.next();
      return n.done || 'header' in n.value
        ? { done: true, value: undefined }
        : { done: false, value: n.value };
    },
  };
  return { header, events };
}

/** A whole trace in memory (what the analysis commands work on). */
export function loadTrace(path: string): LoadedTrace {
  const form = traceForm(path) ?? 'jsonl';
  let header: TraceHeader | undefined;
  const events: SimEvent[] = [];
  const lines: number[] = [];
  for (const item of readAnyTrace(path)) {
    if ('header' in item) header = item.header;
    else {
      events.push(item.event);
      lines.push(item.line);
    }
  }
  if (!header) throw new TraceError(path, 1, 'empty file: not a podsim trace');
  return { file: path, form, header, events, lines };
}
