/**
 * Deliberate corruptions of a run, to prove each invariant checker can fail: an event stream is
 * edited (an event dropped, moved, re-timed or altered) and re-folded, or a folded pod state is
 * copied and altered — what a broken decider or reducer would have produced.
 */
import type { SimEvent } from '../events/catalog.js';
import type { PodState } from '../state/model.js';
import type { Observation } from './invariants/types.js';
import { observe } from './run.js';
import { cloneJson } from '../model/cloneJson.js';

export type EventPredicate = (ev: SimEvent) => boolean;

/** The first event matching `pred` (throws when none: a mutation needs its target). */
export function find(events: readonly SimEvent[], pred: EventPredicate, nth = 0): SimEvent {
  const hits = events.filter(pred);
  const ev = hits[nth];
  if (!ev) throw new Error(`no event #${nth} matches the mutation's target`);
  return ev;
}

/** Matches by type and, optionally, payload fields. */
export function is(type: string, payload: Record<string, unknown> = {}): EventPredicate {
  return (ev) =>
    ev.type === type &&
    Object.entries(payload).every(([k, v]) => (ev.payload as Record<string, unknown>)[k] === v);
}

/**
 * Numbers the events 0, 1, 2 … again after an edit, mapping each cause to its event's new seq
 * (a cause that was dropped becomes null), as a log written by the broken code would read.
 */
export function renumber(events: readonly SimEvent[]): SimEvent[] {
  const newSeq = new Map<number, number>();
  events.forEach((ev, i) => newSeq.set(ev.seq, i));
  return events.map(
    (ev, i) =>
      ({
        ...ev,
        seq: i,
        cause: ev.cause === null ? null : (newSeq.get(ev.cause) ?? null),
      }) as SimEvent,
  );
}

export function dropEvents(events: readonly SimEvent[], pred: EventPredicate): SimEvent[] {
  return renumber(events.filter((ev) => !pred(ev)));
}

/** Replaces the events matching `pred` by `fn(ev)` (no renumbering: seq and cause are kept). */
export function mapEvents(
  events: readonly SimEvent[],
  pred: EventPredicate,
  fn: (ev: SimEvent) => SimEvent,
): SimEvent[] {
  return events.map((ev) => (pred(ev) ? fn(ev) : ev));
}

/** Moves the events matching `which` (in order) to just before `target`, taking its time. */
export function moveBefore(
  events: readonly SimEvent[],
  which: EventPredicate,
  target: SimEvent,
): SimEvent[] {
  const moved = events.filter(which).map((ev) => ({ ...ev, at: target.at }) as SimEvent);
  const rest = events.filter((ev) => !which(ev));
  const at = rest.indexOf(target);
  return renumber([...rest.slice(0, at), ...moved, ...rest.slice(at)]);
}

/** Inserts a copy of `ev` right after it. */
export function duplicate(events: readonly SimEvent[], ev: SimEvent): SimEvent[] {
  const i = events.indexOf(ev);
  return renumber([...events.slice(0, i + 1), { ...ev }, ...events.slice(i + 1)]);
}

/** Folds the edited stream again, so the states are what the edited log implies. */
export function reobserve(events: readonly SimEvent[], untilMs?: number): Observation {
  const obs = observe(events);
  return untilMs === undefined ? obs : { ...obs, untilMs };
}

/**
 * The edited events with the original states: for edits the fold itself would reject (time
 * running backwards) and that keep every event at its index, so each state still lines up.
 */
export function withEvents(obs: Observation, events: readonly SimEvent[]): Observation {
  if (events.length !== obs.events.length) throw new Error('withEvents needs an edit in place');
  return { ...obs, events };
}

/**
 * A copy of the observation in which the pod state after each event matching `pred` is replaced
 * by `fn(copy of that state)`: a reducer that wrote the wrong status.
 */
export function alterStates(
  obs: Observation,
  pred: (ev: SimEvent, i: number) => boolean,
  fn: (p: PodState) => void,
): Observation {
  const pods = obs.pods.map((p, i) => {
    if (!p || !pred(obs.events[i]!, i)) return p;
    const copy = cloneJson(p);
    fn(copy);
    return copy;
  });
  return { ...obs, pods };
}
