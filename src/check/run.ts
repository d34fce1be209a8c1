/**
 * Running a generated case the way `podsim run scenario.yaml` runs the files: loadRun reads them
 * through an in-memory readFile, then the simulation runs to the horizon while every event and the
 * state of the pod it concerns are recorded for the invariant checkers.
 */
import type { SimEvent } from '../events/catalog.js';
import type { RunInputs } from '../spec/loadRun.js';
import { loadRun } from '../spec/loadRun.js';
import { simulate } from '../engine/run.js';
import type { ClusterState } from '../state/model.js';
import type { CaseFiles, CaseGen } from './model.js';
import { caseFiles } from './render/scenario.js';
import type { Observation } from './invariants/types.js';
import { podStateAfter, stateSnapshot } from './observe.js';

export const SCENARIO_FILE = 'scenario.yaml';

export interface CaseRun extends Observation {
  files: CaseFiles;
  inputs: RunInputs;
  state: ClusterState;
  /** Canonical state after each event, when asked for (replay checks). */
  snapshots: string[];
}

export interface RunOptions {
  snapshots?: boolean;
  /** Replaces the loaded inputs (mutation tests wrap the behaviour resolver). */
  inputs?: (inputs: RunInputs) => RunInputs;
}

/** loadRun over the case's files held in memory; a missing file reads as ENOENT, as on disk. */
export function loadCase(files: CaseFiles): RunInputs {
  const byName: Record<string, string> = { ...files };
  return loadRun([SCENARIO_FILE], {
    readFile: (path) => {
      const text = byName[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    resolve: (_from, rel) => rel,
  });
}

export function isCaseFiles(c: CaseGen | CaseFiles): c is CaseFiles {
  return typeof (c as CaseFiles)['scenario.yaml'] === 'string';
}

export function runCase(c: CaseGen | CaseFiles, opts: RunOptions = {}): CaseRun {
  const files = isCaseFiles(c) ? c : caseFiles(c);
  const loaded = loadCase(files);
  const inputs = opts.inputs ? opts.inputs(loaded) : loaded;
  const events: SimEvent[] = [];
  const pods: Observation['pods'] = [];
  const snapshots: string[] = [];
  const r = simulate(inputs, {
    onEvent: (ev, s) => {
      events.push(ev);
      pods.push(podStateAfter(ev, s));
      if (opts.snapshots) snapshots.push(stateSnapshot(s));
    },
  });
  return { files, inputs, events, pods, state: r.state, snapshots };
}
