/**
 * `replay --verify`: simulate the run again from the inputs and seed in the trace's header and
 * compare it event by event with what the trace recorded. The trace is streamed, so verifying
 * costs one simulation and constant memory beyond it.
 */
import { simulate } from '../engine/run.js';
import type { SimEvent } from '../events/catalog.js';
import { eventLine } from './canonical.js';
import { forksFromHeader, inputsFromHeader } from './inputsFromHeader.js';
import { openTrace } from './loadTrace.js';
import type { TraceHeader } from './format.js';

export interface Difference {
  seq: number;
  /** Line of the recorded event (undefined when the trace ended before it). */
  line: number | undefined;
  /** The recorded and the simulated event line (undefined: that side has no such event). */
  recorded: string | undefined;
  simulated: string | undefined;
  /** First differing field, e.g. `payload.exitCode`. */
  field: string | undefined;
}

export interface VerifyResult {
  header: TraceHeader;
  /** Events compared (the longer side's count when they differ in length). */
  events: number;
  difference: Difference | undefined;
}

export function verifyTrace(file: string): VerifyResult {
  const { header, events } = openTrace(file);
  const inputs = inputsFromHeader(header, file);
  const forks = forksFromHeader(
    header,
    file,
    inputs.scenario.nodes.map((n) => n.name),
  );
  const recording = compareWithRecording(events);
  let difference: Difference | undefined;
  let count = 0;
  simulate(inputs, {
    forks,
    onEvent: (ev) => {
      count += 1;
      difference ??= recording.next(ev);
    },
  });
  if (!difference) {
    // The simulation is done: anything still in the trace was not reproduced.
    difference = recording.rest();
    if (difference) count = difference.seq + 1;
  }
  return { header, events: count, difference };
}

/** Compares simulated events, in order, with the events a trace recorded. */
export interface RecordingComparison {
  /** The simulated event against the next recorded one: their difference, or undefined. */
  next(ev: SimEvent): Difference | undefined;
  /** The first recorded event that no simulated event was compared with. */
  rest(): Difference | undefined;
}

export function compareWithRecording(
  recorded: Iterator<{ event: SimEvent; line: number }>,
): RecordingComparison {
  const take = (): { event: SimEvent; line: number } | undefined => {
    const n = recorded.next();
    return n.done ? undefined : n.value;
  };
  return {
    next(ev) {
      const rec = take();
      const sim = eventLine(ev);
      const was = rec ? eventLine(rec.event) : undefined;
      if (was === sim) return undefined;
      return {
        seq: ev.seq,
        line: rec?.line,
        recorded: was,
        simulated: sim,
        field: rec ? firstDifferentField(rec.event, ev) : undefined,
      };
    },
    rest() {
      const extra = take();
      return extra
        ? {
            seq: extra.event.seq,
            line: extra.line,
            recorded: eventLine(extra.event),
            simulated: undefined,
            field: undefined,
          }
        : undefined;
    },
  };
}

/** The dotted path of the first field where two JSON values differ (envelope order first). */
export function firstDifferentField(a: unknown, b: unknown, path = ''): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return path;
  if (Array.isArray(a) !== Array.isArray(b)) return path;
  const ka = Object.keys(a);
  const keys = [...ka, ...Object.keys(b).filter((k) => !ka.includes(k))];
  for (const k of keys) {
    const sub = `${path}${path && !Array.isArray(a) ? '.' : ''}${Array.isArray(a) ? `[${k}]` : k}`;
    const d = firstDifferentField(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      sub,
    );
    if (d !== undefined) return d;
  }
  return path;
}
