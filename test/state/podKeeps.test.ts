/**
 * The fold skips the reducer for an event a `podKeeps` predicate says writes nothing. Each
 * predicate must agree with its reducer: on every pod event of the bundled traces (and of an image
 * pull back-off), whenever the predicate says "keeps", running the reducer returns the very same
 * pod (so skipping it cannot change the fold); whenever it says "writes", the reducer does write.
 * Likewise the fold skips deriving the status after an event that keeps every input of
 * statusUpdate (statusInputsKept): the status must then still be current.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTrace } from '../../src/trace/loadTrace.js';
import { applyEvent } from '../../src/state/fold.js';
import { emptyState } from '../../src/state/model.js';
import type { PodState } from '../../src/state/model.js';
import { placePod, podKeeps, podPlacingCases } from '../../src/state/podReducer.js';
import { statusInputsKept, statusUpdate } from '../../src/state/podStatus.js';
import { stoppedKubeletNode } from '../../src/state/selectors.js';
import type { SimEvent } from '../../src/events/catalog.js';
import { runInline } from '../helpers/inline.js';

interface Tally {
  kept: number;
  written: number;
}

/**
 * Folds `events`, checking every predicate against its reducer on the pod before each event, and
 * that an event which keeps every input of statusUpdate leaves a status that is still current.
 */
function checkAgainstReducers(events: SimEvent[], tally: Map<string, Tally>): void {
  let state = emptyState();
  for (const ev of events) {
    const key = ev.object.slice('Pod/'.length);
    const before = ev.object.startsWith('Pod/') ? state.pods.get(key) : undefined;
    const keeps = podKeeps.get(ev.type);
    if (keeps) {
      const p = state.pods.get(ev.object.slice('Pod/'.length)) as PodState;
      const ctx = { epochMs: state.epochMs };
      const reduced = placePod(p, podPlacingCases.get(ev.type)!, ev, ctx);
      const t = tally.get(ev.type) ?? { kept: 0, written: 0 };
      if (keeps(p, ev)) {
        t.kept += 1;
        expect(reduced, `${ev.type} seq ${ev.seq} on ${ev.object}`).toBe(p);
      } else {
        t.written += 1;
        expect(reduced, `${ev.type} seq ${ev.seq} on ${ev.object}`).not.toBe(p);
      }
      tally.set(ev.type, t);
    }
    state = applyEvent(state, ev);
    const after = state.pods.get(key);
    if (before && after && ev.type !== 'pod/statusResynced' && statusInputsKept(before, after)) {
      const t = tally.get('status kept') ?? { kept: 0, written: 0 };
      if (after.runtime !== before.runtime) t.kept += 1;
      tally.set('status kept', t);
      if (stoppedKubeletNode(state, after) === undefined)
        expect(statusUpdate(after, { epochMs: state.epochMs }), `${ev.type} seq ${ev.seq}`).toBe(
          undefined,
        );
    }
  }
}

/** The tally over a run of one pod with one container `app` of `image`, and `scenario` lines. */
function tallyOfPod(image: string, scenario: string): Map<string, Tally> {
  const r = runInline({
    'p.yaml': `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: app, image: "${image}"}\n`,
    's.yaml': `apiVersion: podsim/v1alpha1\nkind: Scenario\n${scenario}`,
  });
  const tally = new Map<string, Tally>();
  checkAgainstReducers(r.events, tally);
  return tally;
}

describe('podKeeps', () => {
  it('agrees with the reducers on every bundled trace', () => {
    const tally = new Map<string, Tally>();
    for (const name of readdirSync('traces').sort()) {
      checkAgainstReducers(loadTrace(`traces/${name}/trace.jsonl`).events, tally);
    }
    // Not vacuous: the crash loops keep most of their BackOffs, and the first of each writes.
    const t = tally.get('container/backOff')!;
    expect(t.kept).toBeGreaterThan(50);
    expect(t.written).toBeGreaterThan(3);
    const present = tally.get('image/present')!;
    expect(present.kept).toBeGreaterThan(20);
    // ... and events that change only runtime fields the status does not read skip deriving it.
    expect(tally.get('status kept')!.kept).toBeGreaterThan(20);
  });

  it('agrees with the reducers when a sync begins by showing a start error', () => {
    // A create error is recorded (reasonCache) and shown by the next sync's first step: the
    // image/present that begins it writes the waiting reason.
    const t = tallyOfPod(
      'nginx:1.20.2',
      'until: 3m\ncontainers:\n  - container: app\n    faults: {createError: "failed to create"}\n',
    ).get('image/present')!;
    expect(t.written).toBeGreaterThan(0);
    expect(t.kept).toBeGreaterThan(0);
  });

  it('agrees with the reducers during an image pull back-off', () => {
    const t = tallyOfPod(
      'nginx:nope',
      'until: 10m\nregistry:\n  images:\n    "nginx:nope": {missing: true}\n',
    ).get('image/backOff')!;
    expect(t.kept).toBeGreaterThan(10);
    expect(t.written).toBeGreaterThan(0);
  });
});
