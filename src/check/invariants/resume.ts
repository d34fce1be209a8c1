/**
 * The law `podsim fork` rests on: the schedule can be derived from the state. A run forked at any
 * instant with inputs that change nothing it can observe continues exactly as the run itself —
 * whether nothing is re-planned, or every live pod re-plans its probe workers and processes from
 * the state at that instant (engine/fork.ts). Events the fork caused name it as their cause; every
 * other field of every event, and their order, must be equal. Three engine rules make this hold:
 * probe ticks due at one instant run startup, readiness, liveness, each type in pod and container
 * order (engine/context.ts `timerPriority`, `timerTie`), and a wake after the instant's ticks have
 * run waits for the worker's next tick (kubelet/prober.ts).
 */
import type { SimEvent } from '../../events/catalog.js';
import { applyFork } from '../../engine/fork.js';
import type { ForkOverlay, InputsFactory } from '../../engine/fork.js';
import { createSimulation } from '../../engine/run.js';
import type { Millis } from '../../model/time.js';
import { makeInputs } from '../../spec/loadRun.js';
import type { RunInputs } from '../../spec/loadRun.js';
import { eventLine } from '../../trace/canonical.js';
import type { Violation } from './types.js';

export const noChange = (atMs: Millis): ForkOverlay => ({
  atMs,
  files: [],
  behaviours: [],
  actions: [],
});

/** Runs `inputs` with forks applied at their instants; returns every event. */
export function runForked(
  inputs: RunInputs,
  forks: ReadonlyArray<{ overlay: ForkOverlay; factory?: InputsFactory }>,
  untilMs: Millis = inputs.scenario.untilMs,
): SimEvent[] {
  const sim = createSimulation(inputs);
  const events: SimEvent[] = [];
  sim.events$.subscribe((ev) => events.push(ev));
  for (const f of forks) {
    sim.runUntil(f.overlay.atMs);
    applyFork(sim, f.overlay, f.factory ?? makeInputs);
  }
  sim.runUntil(untilMs);
  sim.finish();
  return events;
}

/** Marks every behaviour changed, in a way no probe, hook or process can observe. */
export const replanEverything: InputsFactory = (scenario) => {
  const inner = makeInputs(scenario);
  const marker = {
    command: 'podsim-fork-marker',
    exitCode: [{ fromMs: 0, code: 0 }],
    durationMs: 0,
  };
  return {
    ...inner,
    behaviourOf(pod, name) {
      const b = inner.behaviourOf(pod, name);
      return { ...b, exec: [...b.exec, marker] };
    },
  };
};

/**
 * The forked run's events with the fork's own events taken out and every later seq (and cause)
 * renumbered as if they had never been there; a cause that was a fork event becomes -1.
 */
export function withoutFork(events: readonly SimEvent[]): SimEvent[] {
  const removed = new Set(
    events
      .filter((e) => e.type === 'cluster/forked' || e.type === 'pod/inputsChanged')
      .map((e) => e.seq),
  );
  const sorted = [...removed].sort((a, b) => a - b);
  const shift = (seq: number): number => seq - sorted.filter((r) => r < seq).length;
  return events
    .filter((e) => !removed.has(e.seq))
    .map((e) => ({
      ...e,
      seq: shift(e.seq),
      cause: e.cause === null ? null : removed.has(e.cause) ? -1 : shift(e.cause),
    }));
}

/** The first event where a forked run and its reference differ (fork-caused causes aside). */
export function compareForked(
  forked: readonly SimEvent[],
  reference: readonly SimEvent[],
  what: string,
): Violation[] {
  const mine = withoutFork(forked);
  const n = Math.max(mine.length, reference.length);
  for (let i = 0; i < n; i++) {
    const m = mine[i];
    const r = reference[i];
    const a = m ? eventLine(m) : '<end>';
    const b = r ? eventLine(m?.cause === -1 ? { ...r, cause: -1 } : r) : '<end>';
    if (a !== b)
      return [
        {
          invariant: 'resume',
          seq: r?.seq ?? m?.seq ?? null,
          message: `${what}: event ${i} differs\n  run:    ${b}\n  forked: ${a}`,
        },
      ];
  }
  return [];
}

/** Instants to fork at: a spread of the run's event times, and an instant between two events. */
export function forkInstants(events: readonly SimEvent[]): Millis[] {
  const ats = [...new Set(events.map((e) => e.at))];
  if (ats.length === 0) return [0];
  const picks = [0, 0.2, 0.45, 0.7, 0.9].map((f) => ats[Math.floor(f * (ats.length - 1))]!);
  const gap = ats.findIndex((a, i) => i > 0 && a - ats[i - 1]! > 2);
  if (gap > 0) picks.push(ats[gap - 1]! + 1);
  return [...new Set(picks)].sort((a, b) => a - b);
}

/** Both forms of the law, at each of `forkInstants`. */
export function checkResume(inputs: RunInputs, events: readonly SimEvent[]): Violation[] {
  for (const at of forkInstants(events)) {
    for (const [label, factory] of [
      ['no change', undefined],
      ['every pod re-planned', replanEverything],
    ] as const) {
      const forked = runForked(inputs, [
        { overlay: noChange(at), ...(factory ? { factory } : {}) },
      ]);
      const v = compareForked(forked, events, `fork at ${at} ms (${label})`);
      if (v.length > 0) return v;
    }
  }
  return [];
}
