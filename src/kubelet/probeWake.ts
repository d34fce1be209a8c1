/**
 * When idle probe workers wake. A worker's probe outcome depends on its container's own timeline
 * (start-up, program steps, HTTP and exec results over time) and on facts from outside it. A
 * worker whose attempt changed nothing sleeps until the next instant its own timeline could change
 * — rounded up to one of its ticks, which stay aligned to the worker's start — and every fact from
 * outside bumps the pod's probeEpoch, which wakes all its workers at their next tick. The result is
 * the same sequence of probe results as ticking every period, without the ticks that change nothing.
 */
import type { Behaviour } from '../model/behaviour.js';
import type { Millis } from '../model/time.js';
import type { ContainerRuntime } from '../state/model.js';

/** Pod events after which a probe may see something different. */
const WAKING = new Set([
  'container/created',
  'container/started',
  'container/exited',
  'container/executed',
  'process/resumed',
  'hook/finished',
  'pod/deletionRequested',
  'pod/inputsChanged',
]);

export function changesProbes(ev: { type: string; payload: unknown }): boolean {
  if (WAKING.has(ev.type)) return true;
  // A startup result gates the liveness and readiness workers.
  return ev.type === 'probe/result' && (ev.payload as { probe: string }).probe === 'startup';
}

/** The first tick of a worker (started at `start`, every `period`) at or after `t`. */
export function alignedTick(start: Millis, period: Millis, t: Millis): Millis {
  return t <= start ? start : start + Math.ceil((t - start) / period) * period;
}

/** The next instant after `now` at which the container's own timeline could change a probe. */
export function nextOwnChange(b: Behaviour, rt: ContainerRuntime, now: Millis): Millis {
  const started = rt.startedAt ?? now;
  let next = Number.POSITIVE_INFINITY;
  const consider = (t: Millis): void => {
    if (t > now && t < next) next = t;
  };
  consider(started + b.startupMs);
  for (const r of b.http.routes) for (const s of r.status) consider(started + s.fromMs);
  for (const e of b.exec) for (const s of e.exitCode) consider(started + s.fromMs);
  // Program steps that change files (touch, rm) from the current anchor on.
  let t = rt.program.since;
  for (let pc = rt.program.pc; pc < b.program.length; pc++) {
    const step = b.program[pc]!;
    if (step.kind === 'sleep') t += step.ms;
    else if (step.kind === 'touch' || step.kind === 'rm') consider(t);
    else if (step.kind !== 'echo') break;
    if (t > next) break;
  }
  return next;
}
