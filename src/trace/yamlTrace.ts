/**
 * The YAML form of a trace, for small runs a person wants to read or edit: a first document with
 * the header, a second with the list of events. Keys are in the same canonical order as the JSON
 * Lines form (header keys sorted; each event's envelope in its documented order, nested keys
 * sorted), so the same run always gives the same bytes and either form converts to the other.
 */
import { stringify } from 'yaml';
import type { SimEvent } from '../events/catalog.js';
import { parseYamlFile } from '../spec/yamlSource.js';
import { sortKeys } from './canonical.js';
import type { TraceHeader } from './format.js';
import { checkEvent, checkHeader, TraceError } from './reader.js';

/** The first line of every YAML trace; readers recognise the form by it. */
export const YAML_TRACE_BANNER =
  '# podsim-trace, YAML form: the header document, then the list of events (docs/traces.md)';

const STRINGIFY = { lineWidth: 0, minContentWidth: 0, indentSeq: true } as const;

/** One event with its envelope keys in the documented order (seq, at, type, object, cause, …). */
function envelope(ev: SimEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {
    seq: ev.seq,
    at: ev.at,
    type: ev.type,
    object: ev.object,
    cause: ev.cause,
    payload: sortKeys(ev.payload),
  };
  if (ev.notes !== undefined) out.notes = sortKeys(ev.notes);
  return out;
}

export function yamlTraceText(header: TraceHeader, events: readonly SimEvent[]): string {
  const head = stringify(sortKeys(header), STRINGIFY);
  const body = events.length === 0 ? '[]\n' : stringify(events.map(envelope), STRINGIFY);
  return `${YAML_TRACE_BANNER}\n${head}---\n${body}`;
}

export interface ParsedYamlTrace {
  header: TraceHeader;
  /** Each event with the line its list item starts on. */
  events: Array<{ event: SimEvent; line: number }>;
}

/** Parses and checks a YAML trace; every problem is a TraceError naming its line. */
export function parseYamlTrace(text: string, file: string): ParsedYamlTrace {
  const { docs, errors } = parseYamlFile(text, file);
  const first = errors[0];
  if (first) throw new TraceError(file, first.line, first.message);
  const [head, body, extra] = docs;
  if (!head) throw new TraceError(file, 1, 'empty file: not a podsim trace');
  const header = checkHeader(head.value, file, head.locate([]).line);
  if (!body) throw new TraceError(file, lastLine(text), 'no events document after the header');
  if (extra) throw new TraceError(file, extra.locate([]).line, 'a trace has exactly two documents');
  if (!Array.isArray(body.value))
    throw new TraceError(file, body.locate([]).line, 'the events document must be a list');
  let prev = { seq: -1, at: 0 };
  const events = body.value.map((v: unknown, i: number) => {
    const line = body.locate([i]).line;
    const event = checkEvent(v, file, line, prev);
    prev = { seq: event.seq, at: event.at };
    return { event, line };
  });
  return { header, events };
}

function lastLine(text: string): number {
  return text.split('\n').length;
}
