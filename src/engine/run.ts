/**
 * Running a simulation from loaded inputs: the initial apply at time 0, then the clock runs to the
 * horizon. Observers subscribe to the event stream (watch lines, the trace writer, tests).
 */
import type { SimEvent } from '../events/catalog.js';
import type { RunInputs } from '../spec/loadRun.js';
import type { ClusterState } from '../state/model.js';
import type { Millis } from '../model/time.js';
import { Simulation } from './simulation.js';
import { applyFork } from './fork.js';
import type { ForkOverlay } from './fork.js';
import { makeInputs } from '../spec/loadRun.js';

export interface SimulateOptions {
  untilMs?: Millis;
  /** Called synchronously after each event is folded, with the state that includes it. */
  onEvent?: (ev: SimEvent, state: ClusterState) => void;
  /** Forks applied in order, each at its instant (`podsim fork`; see engine/fork.ts). */
  forks?: readonly ForkOverlay[];
  /** The most pods the run may hold at once; more ends it with RunLimitError (default MAX_PODS). */
  maxPods?: number;
}

export interface SimulationResult {
  state: ClusterState;
  untilMs: Millis;
}

/** Builds a simulation whose initial manifests are applied at time 0 (before any timed action). */
export function createSimulation(
  inputs: RunInputs,
  limits: { maxPods?: number; quietSteps?: number } = {},
): Simulation {
  const initial = inputs.initial.map((o) => o.object);
  const scenario = {
    ...inputs.scenario,
    actions:
      initial.length > 0
        ? [
            { at: 0, kind: 'apply' as const, objects: initial, source: 'manifests' },
            ...inputs.scenario.actions,
          ]
        : inputs.scenario.actions,
  };
  return new Simulation({ ...inputs, scenario }, limits);
}

export function simulate(inputs: RunInputs, opts: SimulateOptions = {}): SimulationResult {
  const sim = createSimulation(inputs, { maxPods: opts.maxPods });
  const until = opts.untilMs ?? inputs.scenario.untilMs;
  const onEvent = opts.onEvent;
  // RxJS reports an observer's exception asynchronously; keep the first and end the run with it,
  // so a failing trace writer stops the run instead of leaving a partial trace in place.
  let failure: { error: unknown } | undefined;
  if (onEvent) {
    sim.events$.subscribe((ev) => {
      if (failure) return;
      try {
        onEvent(ev, sim.state);
      } catch (error) {
        failure = { error };
      }
    });
  }
  for (const f of opts.forks ?? []) {
    sim.runUntil(f.atMs, () => failure !== undefined);
    if (failure) break;
    applyFork(sim, f, makeInputs);
  }
  sim.runUntil(until, () => failure !== undefined);
  sim.finish();
  if (failure) throw failure.error;
  return { state: sim.state, untilMs: until };
}

/** Runs and returns every event (for tests and small runs). */
export function simulateToEvents(
  inputs: RunInputs,
  untilMs?: Millis,
): { events: SimEvent[]; state: ClusterState } {
  const events: SimEvent[] = [];
  const r = simulate(inputs, {
    ...(untilMs === undefined ? {} : { untilMs }),
    onEvent: (ev) => events.push(ev),
  });
  return { events, state: r.state };
}
