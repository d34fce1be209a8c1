/**
 * A decider that keeps requeueing itself at its own instant would hang a run; the engine stops it
 * with an error naming the instant and the timer instead (QUIET_STEPS_LIMIT). No decider does so
 * now (the Deployment controller did, test/controllers/progressDeadline.test.ts), so the guard is
 * tested with a limit small enough for an ordinary instant's event-less probe ticks to reach it.
 */
import { describe, expect, it } from 'vitest';
import { loadInline } from '../helpers/inline.js';
import { busyboxDeployment, busyboxScenario } from '../helpers/manifests.js';
import { createSimulation } from '../../src/engine/run.js';
import { QUIET_STEPS_LIMIT } from '../../src/engine/simulation.js';

const files = {
  's.yaml': busyboxScenario('1m'),
  'd.yaml': busyboxDeployment({
    replicas: 5,
    script: 'touch /tmp/ready; sleep 3600',
    container: [
      'readinessProbe: {exec: {command: [cat, /tmp/ready]}, periodSeconds: 10}',
      'livenessProbe: {exec: {command: [cat, /tmp/ready]}, periodSeconds: 10}',
    ],
  }),
};

describe('a run stuck at one instant', () => {
  it('ends with an error naming the instant and the last timer once the limit is passed', () => {
    // Ten probe ticks (5 pods × 2 probes) that change nothing run at each aligned instant.
    const sim = createSimulation(loadInline(files), { quietSteps: 4 });
    expect(() => sim.runUntil(60_000)).toThrow(
      /^the run is stuck at \d+s: 4 timers ran at that instant without an event, the last \{"kind":"probe",.*This is a podsim bug/,
    );
  });

  it('the same run under the real limit ends normally', () => {
    const sim = createSimulation(loadInline(files));
    sim.runUntil(60_000);
    expect(sim.time).toBe(60_000);
    expect(QUIET_STEPS_LIMIT).toBeGreaterThan(150_000 * 3);
  });
});
