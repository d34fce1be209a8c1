/**
 * `podsim fork`: a run continues from its state at an instant with changed inputs.
 *
 * What the schedule holds at the fork instant splits in two. The engine's own bookkeeping (pod
 * worker syncs and retries, controller and scheduler queues, a kill's SIGKILL deadline, a hook or
 * an image pull under way) is what the recorded inputs produced up to that instant; the caller
 * gets it by simulating the recorded inputs up to the fork instant and checking every event
 * against the trace. The input-dependent part is derived here from the state and the new inputs:
 *
 * - every container of a live pod whose behaviour differs under the new inputs gets a
 *   `pod/inputsChanged` event; the fold bumps the pod's probeEpoch, so its probe workers re-plan
 *   their ticks (aligned to the worker's start, as always) against the new behaviour;
 * - a running process whose next exit or wait moves gets a timer for the new instant (an exit the
 *   new behaviour places before the fork instant happens at the fork instant); the old timer finds
 *   the process elsewhere when it fires and decides nothing;
 * - timed actions added by the fork are queued; the recorded ones still to come stay.
 *
 * A reaction already under way keeps the outcome it was given when it began: a SIGTERM being
 * handled, a running hook, an image pull. Pods created after the fork instant simply read the
 * new inputs.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import * as E from '../events/catalog.js';
import { withCause } from '../events/createEvent.js';
import type { Draft } from '../events/createEvent.js';
import type { Behaviour } from '../model/behaviour.js';
import type { Millis } from '../model/time.js';
import type { Action, BehaviourRule, KubeletTiming, RegistrySpec } from '../model/scenario.js';
import type { ClusterState } from '../state/model.js';
import { podObject } from '../state/model.js';
import { nextOutcome } from '../kubelet/process.js';
import type { ProcessOutcome } from '../kubelet/process.js';
import { containerSpec, memoryLimit } from '../kubelet/startContainer.js';
import { canonicalJson } from '../trace/canonical.js';
import type { Decision, Inputs, TimerRequest } from './context.js';
import type { Simulation } from './simulation.js';

/** What a fork changes, already validated (spec/loadFork.ts). */
export interface ForkOverlay {
  atMs: Millis;
  /** The files named with --set, as given, for the cluster/forked event. */
  files: string[];
  /** Behaviour rules added after the recorded ones (later rules win). */
  behaviours: BehaviourRule[];
  /** Timed actions at or after `atMs`; manifests given with --set come first, applied at `atMs`. */
  actions: Action[];
  registry?: RegistrySpec;
  kubelet?: KubeletTiming;
  untilMs?: Millis;
}

/** Builds the inputs a fork continues with: the recorded ones with the overlay's changes. */
export type InputsFactory = (scenario: Inputs['scenario']) => Inputs;

/** Switches a simulation standing at the fork instant to the overlay's inputs. */
export function applyFork(sim: Simulation, overlay: ForkOverlay, makeInputs: InputsFactory): void {
  const prev = sim.inputs;
  const first = prev.scenario.actions.length;
  const next = makeInputs({
    ...prev.scenario,
    behaviours: [...prev.scenario.behaviours, ...overlay.behaviours],
    actions: [...prev.scenario.actions, ...overlay.actions],
    registry: overlay.registry ?? prev.scenario.registry,
    kubelet: overlay.kubelet ?? prev.scenario.kubelet,
  });
  const decision = forkDecision(sim.state, sim.time, prev, next, overlay.files);
  sim.fork(
    next,
    decision,
    overlay.actions.map((_, i) => first + i),
  );
}

/** The fork's events and the process timers the new behaviours move. */
export function forkDecision(
  state: ClusterState,
  now: Millis,
  prev: Inputs,
  next: Inputs,
  files: string[],
): Decision {
  const events: Draft[] = [E.clusterForked('Cluster', { files })];
  const timers: TimerRequest[] = [];
  for (const p of state.pods.values()) {
    if (p.runtime.terminal) continue;
    const pod = p.pod as Pod;
    const changed = p.runtime.order.filter(
      (name) =>
        behaviourKey(prev.behaviourOf(pod, name)) !== behaviourKey(next.behaviourOf(pod, name)) ||
        canonicalJson(prev.faultsOf(pod, name)) !== canonicalJson(next.faultsOf(pod, name)),
    );
    if (changed.length === 0) continue;
    const draft = events.length;
    events.push(
      withCause(E.podInputsChanged(podObject(p.key), { containers: changed }), { draft: 0 }),
    );
    for (const name of changed) {
      const rt = p.runtime.containers[name];
      if (!rt || rt.phase !== 'running' || rt.startedAt === null) continue;
      const limit = memoryLimit(containerSpec(pod, name));
      const before = nextOutcome(prev.behaviourOf(pod, name), rt.program, rt.startedAt, limit);
      const after = nextOutcome(next.behaviourOf(pod, name), rt.program, rt.startedAt, limit);
      if (after.kind === 'forever' || sameOutcome(before, after)) continue;
      let at = after.at;
      // A wait the new program reached in the past polls on its own cadence from then on.
      if (after.kind === 'wait' && at < now)
        at += Math.ceil((now - at) / after.step.pollMs) * after.step.pollMs;
      timers.push({
        at: Math.max(at, now),
        data: {
          kind: 'process',
          pod: p.key,
          container: name,
          instance: rt.instances,
          pc: after.kind === 'wait' ? after.pc : -1,
        },
        cause: { draft },
      });
    }
  }
  return { events, timers };
}

/** A behaviour's effect, without where it came from. */
function behaviourKey(b: Behaviour): string {
  const { origin: _origin, notes: _notes, ...effect } = b;
  return canonicalJson(effect);
}

function sameOutcome(a: ProcessOutcome, b: ProcessOutcome): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'forever' || b.kind === 'forever') return true;
  if (a.at !== b.at) return false;
  if (a.kind === 'exit' && b.kind === 'exit') return a.code === b.code && a.reason === b.reason;
  return a.kind === 'wait' && b.kind === 'wait' && a.pc === b.pc;
}
