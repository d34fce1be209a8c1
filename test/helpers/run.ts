/** Shared helpers: load a bundled example, run it, snapshot states, and the laws every run obeys. */
import { causality, checkReplay, traceText } from '../../src/check/invariants/index.js';
import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import { loadRun, relativeTo } from '../../src/spec/loadRun.js';
import { readTextFile } from '../../src/spec/textFile.js';
import type { RunInputs } from '../../src/spec/loadRun.js';
import { simulate } from '../../src/engine/run.js';
import type { SimEvent } from '../../src/events/catalog.js';
import type { ClusterState } from '../../src/state/model.js';
import { fold } from '../../src/state/fold.js';
import { stateSnapshot } from '../../src/check/run.js';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

export function loadFiles(
  files: string[],
  opts: { seed?: number; untilMs?: number } = {},
): RunInputs {
  return loadRun(files, {
    ...opts,
    readFile: readTextFile,
    resolve: relativeTo,
  });
}

export const examplePath = (name: string): string => `traces/${name}/scenario.yaml`;

export interface Run {
  inputs: RunInputs;
  events: SimEvent[];
  state: ClusterState;
  /** Canonical snapshot after each event (by index). */
  snapshots: string[];
}

export function runFiles(
  files: string[],
  opts: { seed?: number; untilMs?: number; snapshots?: boolean } = {},
): Run {
  const inputs = loadFiles(files, opts);
  const events: SimEvent[] = [];
  const snapshots: string[] = [];
  const r = simulate(inputs, {
    onEvent: (ev, s) => {
      events.push(ev);
      if (opts.snapshots) snapshots.push(snapshot(s));
    },
  });
  return { inputs, events, state: r.state, snapshots };
}

/** The whole state as canonical JSON (for equality checks). */
export const snapshot = stateSnapshot;

/** The trace text a run produces (what `podsim run --trace` writes). */
export { traceText };

/** Law: folding the events reproduces every state the live run had (the replay invariant). */
export function assertReplayEqualsLive(run: Run): void {
  expect(checkReplay(run.events, run.snapshots)).toEqual([]);
  expect(snapshot(fold(run.events))).toBe(snapshot(run.state));
}

/** Law: every event's cause exists and is earlier; time never decreases (causality). */
export function assertCausal(events: readonly SimEvent[]): void {
  expect(causality.check({ events, pods: [] })).toEqual([]);
}

export function times(
  events: readonly SimEvent[],
  type: string,
  pred: (e: SimEvent) => boolean = () => true,
): number[] {
  return events.filter((e) => e.type === type && pred(e)).map((e) => e.at);
}

export async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    readFile: readTextFile,
    exists: (p) => existsSync(p),
    isTTY: false,
  };
  const code = await main(argv, io);
  return { code, out, err };
}
