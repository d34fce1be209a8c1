/**
 * Running a generated case the way `podsim run scenario.yaml` runs the files: loadRun reads them
 * through an in-memory readFile, then the simulation runs to the horizon while every event and the
 * state of the pod it concerns are recorded for the invariant checkers. Pod states are immutable
 * values (each event replaces its pod with a new Immer result), so keeping a reference per event
 * costs nothing and later events cannot change what was recorded.
 */
import type { SimEvent } from '../events/catalog.js';
import type { RunInputs } from '../spec/loadRun.js';
import { loadRun } from '../spec/loadRun.js';
import { simulate } from '../engine/run.js';
import type { ClusterState, PodState } from '../state/model.js';
import type { CaseFiles, CaseGen } from './model.js';
import { caseFiles } from './render/scenario.js';
import type { Observation } from './invariants/types.js';
import { applyEvent } from '../state/fold.js';
import { emptyState } from '../state/model.js';
import { canonicalJson } from '../trace/canonical.js';

export const SCENARIO_FILE = 'scenario.yaml';

export interface CaseRun extends Observation {
  events: SimEvent[];
  pods: Array<PodState | undefined>;
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
  const pods: Array<PodState | undefined> = [];
  const snapshots: string[] = [];
  const r = simulate(inputs, {
    onEvent: (ev, s) => {
      events.push(ev);
      pods.push(podStateAfter(ev, s));
      if (opts.snapshots) snapshots.push(stateSnapshot(s));
    },
  });
  return { files, inputs, events, pods, untilMs: r.untilMs, state: r.state, snapshots };
}

/** The pod an event concerns (`Pod/<ns>/<name>` → `<ns>/<name>`), or undefined. */
export function podKeyOf(ev: { object: string }): string | undefined {
  return ev.object.startsWith('Pod/') ? ev.object.slice('Pod/'.length) : undefined;
}

export function podStateAfter(ev: SimEvent, s: ClusterState): PodState | undefined {
  const key = podKeyOf(ev);
  return key === undefined ? undefined : s.pods.get(key);
}

/** Folds events from the empty state, recording each event's pod (mutation tests re-observe). */
export function observe(events: readonly SimEvent[]): Observation {
  let s = emptyState();
  const pods: Array<PodState | undefined> = [];
  for (const ev of events) {
    s = applyEvent(s, ev);
    pods.push(podStateAfter(ev, s));
  }
  return { events, pods };
}

/** The whole state as canonical JSON (equal strings ⇔ equal states). */
export function stateSnapshot(s: ClusterState): string {
  return canonicalJson({
    at: s.at,
    seq: s.seq,
    startTime: s.startTime,
    nodes: [...s.nodes.entries()],
    pods: [...s.pods.entries()],
    objects: [...s.objects.entries()],
  });
}
