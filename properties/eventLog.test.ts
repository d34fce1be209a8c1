/**
 * Properties of the event log itself (architecture.md "Events", "Traces"): causality, determinism
 * and replay, over generated pods, behaviours and action schedules.
 */
import { describe, expect, it } from 'vitest';
import { caseArb } from '../src/check/arbitraries/case.js';
import { runCase } from '../src/check/run.js';
import { assertCases } from '../src/check/property.js';
import {
  causality,
  checkDeterminism,
  checkReplay,
  traceText,
} from '../src/check/invariants/index.js';
import { fold } from '../src/state/fold.js';
import { stateSnapshot } from '../src/check/run.js';
import { checkResume } from '../src/check/invariants/resume.js';
import { DEFAULT_RUNS, FULL, PROBE_HEAVY, holds, seedOf } from './support.js';

const FILE = 'properties/eventLog.test.ts';

describe('event log', () => {
  it('causality: time never decreases, seq is 0,1,2…, every cause exists and is earlier', () => {
    holds(causality, FULL, FILE);
  });

  it('determinism: the same files and seed give a byte-identical trace', () => {
    assertCases(
      'determinism [full]',
      caseArb(FULL.options),
      (first) => {
        const second = runCase(first.files);
        return checkDeterminism(traceText(first), traceText(second));
      },
      { numRuns: DEFAULT_RUNS, seed: seedOf('determinism'), testFile: FILE },
    );
  });

  it('replay: folding the trace reproduces the live state after every event', () => {
    assertCases(
      'replay [full]',
      caseArb(FULL.options),
      (run) => {
        const v = checkReplay(run.events, run.snapshots);
        // And the fold of the whole trace is the run's final state.
        if (v.length === 0) expect(stateSnapshot(fold(run.events))).toBe(stateSnapshot(run.state));
        return v;
      },
      {
        numRuns: Math.ceil(DEFAULT_RUNS / 2),
        seed: seedOf('replay'),
        testFile: FILE,
        run: { snapshots: true },
      },
    );
  });

  it('resume: forked at any instant, re-planned from the state or not, a run continues as it was', () => {
    assertCases(
      'resume [full]',
      caseArb(FULL.options),
      (run) => checkResume(run.inputs, run.events),
      { numRuns: Math.ceil(DEFAULT_RUNS / 2), seed: seedOf('resume'), testFile: FILE },
    );
  });

  it("resume: also while the node's kubelet is stopped and when it is back", () => {
    // Forks during an outage keep what the stopped kubelet holds (probe ticks, attempt ends,
    // syncs) for its return; probe-heavy pods make those many.
    assertCases(
      'resume [probes, outages]',
      caseArb({ ...PROBE_HEAVY, outages: true }),
      (run) => checkResume(run.inputs, run.events),
      { numRuns: Math.ceil(DEFAULT_RUNS / 2), seed: seedOf('resume/outages'), testFile: FILE },
    );
  });

  it('a generated case is exactly a file podsim can load: scenario.yaml naming pod.yaml', () => {
    const run = runCase({
      'scenario.yaml': [
        'apiVersion: podsim/v1alpha1',
        'kind: Scenario',
        'seed: 7',
        'until: 60s',
        'manifests: [pod.yaml]',
      ].join('\n'),
      'pod.yaml': [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: { name: prop }',
        'spec:',
        '  restartPolicy: Never',
        '  containers: [{ name: app-1, image: busybox:1.36, command: [sleep, "5"] }]',
      ].join('\n'),
    });
    expect(run.inputs.sources.map((s) => s.path)).toEqual(['scenario.yaml', 'pod.yaml']);
    expect(run.untilMs).toBe(60_000);
    // Sandbox 1 s, then a 2 s pull (the node does not have the image), then `sleep 5`.
    const exits = run.events.filter((e) => e.type === 'container/exited');
    expect(exits.map((e) => [e.at, e.payload])).toEqual([
      [8_000, { container: 'app-1', exitCode: 0, reason: 'Completed' }],
    ]);
  });
});
