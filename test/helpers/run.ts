/** Shared helpers: load a bundled example, run it, snapshot states, and the laws every run obeys. */
import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { loadRun, relativeTo } from '../../src/spec/loadRun.js';
import type { RunInputs } from '../../src/spec/loadRun.js';
import { simulate } from '../../src/engine/run.js';
import type { SimEvent } from '../../src/events/catalog.js';
import type { ClusterState } from '../../src/state/model.js';
import { fold } from '../../src/state/fold.js';
import { applyEvent } from '../../src/state/fold.js';
import { emptyState } from '../../src/state/model.js';
import { eventLine } from '../../src/trace/canonical.js';
import { stateSnapshot } from '../../src/check/run.js';
import { headerLine, makeHeader } from '../../src/trace/format.js';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

export function loadFiles(
  files: string[],
  opts: { seed?: number; untilMs?: number } = {},
): RunInputs {
  return loadRun(files, {
    ...opts,
    readFile: (p) => readFileSync(p, 'utf8'),
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
export function traceText(run: Run): string {
  const h = makeHeader(run.inputs.scenario.seed, run.inputs.scenario.untilMs, run.inputs.sources);
  return [headerLine(h), ...run.events.map(eventLine)].join('\n') + '\n';
}

/** Law: folding the events reproduces every state the live run had. */
export function assertReplayEqualsLive(run: Run): void {
  let s = emptyState();
  run.events.forEach((ev, i) => {
    s = applyEvent(s, JSON.parse(eventLine(ev)) as SimEvent);
    expect(snapshot(s), `state after event ${i} (${ev.type})`).toBe(run.snapshots[i]);
  });
  expect(snapshot(fold(run.events))).toBe(snapshot(run.state));
}

/** Law: every event's cause exists and is earlier; time never decreases. */
export function assertCausal(events: readonly SimEvent[]): void {
  events.forEach((ev, i) => {
    expect(ev.seq).toBe(i);
    if (i > 0) expect(ev.at).toBeGreaterThanOrEqual(events[i - 1]!.at);
    if (ev.cause !== null) {
      expect(ev.cause).toBeLessThan(ev.seq);
      expect(events[ev.cause]!.at).toBeLessThanOrEqual(ev.at);
    }
  });
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
    readFile: (p) => readFileSync(p, 'utf8'),
    exists: (p) => existsSync(p),
    isTTY: false,
  };
  const code = await main(argv, io);
  return { code, out, err };
}
