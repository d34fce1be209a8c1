/**
 * The laws of the event log (architecture.md "Events", "Traces"): causality — `seq` counts 0, 1,
 * 2 …, virtual time never decreases, and every caused event names an earlier event that is not
 * later in time; determinism — the same inputs and seed give a byte-identical trace; and replay —
 * folding the trace's events reproduces the state the live run had after every event. The last
 * two compare two runs, so they are functions over traces and snapshots.
 */
import type { SimEvent } from '../../events/catalog.js';
import { applyEvent } from '../../state/fold.js';
import { emptyState } from '../../state/model.js';
import { eventLine } from '../../trace/canonical.js';
import { headerLine, makeHeader } from '../../trace/format.js';
import { stateSnapshot } from '../run.js';
import type { Invariant, Observation, Violation } from './types.js';
import { violations } from './types.js';

const NAME = 'causality';

export const causality: Invariant = {
  name: NAME,
  rule: 'time never decreases; seq is 0,1,2…; every cause exists, is earlier, and is not later in time',
  check(obs: Observation): Violation[] {
    const v = violations(NAME);
    obs.events.forEach((ev, i) => {
      if (ev.seq !== i) v.add(ev.seq, `event at index ${i} has seq ${ev.seq}`);
      const prev = obs.events[i - 1];
      if (prev && ev.at < prev.at)
        v.add(
          ev.seq,
          `time went backwards: ${ev.type} at ${ev.at} ms after ${prev.type} at ${prev.at} ms`,
        );
      if (ev.cause === null) return;
      const cause = obs.events[ev.cause];
      if (ev.cause < 0 || ev.cause >= ev.seq || cause === undefined)
        v.add(ev.seq, `${ev.type} names cause ${ev.cause}, which is not an earlier event`);
      else if (cause.at > ev.at)
        v.add(
          ev.seq,
          `${ev.type} at ${ev.at} ms is caused by ${cause.type} at ${cause.at} ms, later`,
        );
    });
    return v.list;
  },
};

/** The trace text of a run (what `podsim run --trace` writes). */
export function traceText(run: {
  inputs: {
    scenario: { seed: number; untilMs: number };
    sources: Array<{ path: string; text: string }>;
  };
  events: readonly SimEvent[];
}): string {
  const h = makeHeader(run.inputs.scenario.seed, run.inputs.scenario.untilMs, run.inputs.sources);
  return [headerLine(h), ...run.events.map(eventLine)].join('\n') + '\n';
}

/** Determinism: two traces of the same inputs must be equal; reports the first line that differs. */
export function checkDeterminism(first: string, second: string): Violation[] {
  if (first === second) return [];
  const a = first.split('\n');
  const b = second.split('\n');
  const line = a.findIndex((l, i) => l !== b[i]);
  const at = line < 0 ? a.length : line;
  return [
    {
      invariant: 'determinism',
      seq: at > 0 ? at - 1 : null,
      message: `traces differ at line ${at + 1}:\n  first:  ${a[at] ?? '<end>'}\n  second: ${b[at] ?? '<end>'}`,
    },
  ];
}

/**
 * Replay: fold the events as a trace reader would (each parsed back from its JSON line) and compare
 * the state after every event with the live snapshot; reports the first divergence.
 */
export function checkReplay(events: readonly SimEvent[], live: readonly string[]): Violation[] {
  let s = emptyState();
  for (const [i, ev] of events.entries()) {
    try {
      s = applyEvent(s, JSON.parse(eventLine(ev)) as SimEvent);
    } catch (e) {
      return [
        {
          invariant: 'replay',
          seq: ev.seq,
          message: `the fold rejects the event: ${(e as Error).message}`,
        },
      ];
    }
    const got = stateSnapshot(s);
    if (got !== live[i]) {
      const at = [...got].findIndex((ch, k) => ch !== live[i]?.[k]);
      return [
        {
          invariant: 'replay',
          seq: ev.seq,
          message: `state after ${ev.type} differs from the live run near: …${got.slice(Math.max(0, at - 80), at + 80)}…`,
        },
      ];
    }
  }
  if (events.length !== live.length)
    return [
      {
        invariant: 'replay',
        seq: null,
        message: `${live.length} live states for ${events.length} events`,
      },
    ];
  return [];
}
