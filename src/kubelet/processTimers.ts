/** Timers that follow a container's process: its next exit, or the next poll of a wait step. */
import type { Behaviour } from '../model/behaviour.js';
import type { Millis } from '../model/time.js';
import type { TimerRequest } from '../engine/context.js';
import { nextOutcome } from './process.js';

export function processTimers(
  pod: string,
  container: string,
  instance: number,
  b: Behaviour,
  anchor: { pc: number; since: Millis },
  startedAt: Millis,
  memoryLimit: number | undefined,
): TimerRequest[] {
  const o = nextOutcome(b, anchor, startedAt, memoryLimit);
  if (o.kind === 'forever') return [];
  return [
    {
      at: o.at,
      data: { kind: 'process', pod, container, instance, pc: o.kind === 'wait' ? o.pc : -1 },
    },
  ];
}
